/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fuzz_zstd_diff.h - what the ZSTD decoder fuzz targets share: run every
 * variant this CPU has, with work memory and with a long-lived decoder
 * context (same result and bytes, or abort), then hold the
 * answer against libzstd's: both an error, or the same bytes. Named
 * exceptions only: where RFC 8878 calls a frame corrupt and libzstd 1.5.4
 * skips the check on some path (enum zs_strict_rule, recorded by the
 * decoder built with -DZS_STRICT_TRACE), ours may reject what libzstd
 * decodes; an empty input is an error for us (no frame), 0 bytes for
 * libzstd; legacy (pre-RFC) frames are errors for us.
 */
#ifndef TZ_FUZZ_ZSTD_DIFF_H
#define TZ_FUZZ_ZSTD_DIFF_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/types.h>
#include <zstd.h>
#include "tz_zstd.h"
#include "zstd_internal.h"

static unsigned long strict_seen[ZS_STRICT_COUNT];
static const char *const strict_name[ZS_STRICT_COUNT] = {
	[ZS_STRICT_HUF_END] = "Huffman stream not exactly used up",
	[ZS_STRICT_HUF_MARK] = "Huffman stream without end mark",
	[ZS_STRICT_SEQ_OVER] = "sequence bitstream over-read",
	[ZS_STRICT_SEQ_END] = "sequence bitstream not used up",
	[ZS_STRICT_BLOCK_MAX] = "block over Block_Maximum_Size",
	[ZS_STRICT_MODES_RESERVED] = "reserved bits of the modes byte",
	[ZS_STRICT_HUF_BITS] = "Huffman codes over 11 bits",
	[ZS_STRICT_FSE_SYM] = "FSE description past its alphabet",
	[ZS_STRICT_DICT_OFFSET] = "offset before the dictionary's content",
	[ZS_STRICT_NSEQ0_DATA] = "data after a long-form Number_of_Sequences 0",
	[ZS_STRICT_FSE_PAST_END] = "FSE description past the end of its input",
};

/*
 * Whether libzstd would meet a legacy (pre-RFC, v0.1-v0.7) frame in src,
 * which it decodes and we do not: walk the frames as it does.
 */
static int has_legacy_frame(const uint8_t *p, size_t n)
{
	while (n >= 4) {
		uint32_t m = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
		size_t fl;

		if (m >= 0xFD2FB51Eu && m <= 0xFD2FB527u)
			return 1;
		fl = ZSTD_findFrameCompressedSize(p, n);
		if (ZSTD_isError(fl) || fl > n)
			return 0;
		p += fl;
		n -= fl;
	}
	return 0;
}

/*
 * Decode src with every variant (dict may be NULL) into dst (cap bytes),
 * with plain work memory and again with one decoder context that lives
 * across all inputs (its table cache must never change an answer); abort
 * unless all agree. Returns the result; the bytes stay in dst.
 */
static int fuzz_decode_all(const uint8_t *src, size_t flen, uint8_t *dst, size_t cap,
			   const struct tz_zstd_dict *dict)
{
	static void *wrk, *dctx;
	uint8_t *out0 = NULL;
	int r0 = 0, v, first = 1, rule = ZS_STRICT_NONE;

	if (!wrk) {
		wrk = malloc(TZ_ZSTD_DWORKMEM_SIZE);
		dctx = malloc(TZ_ZSTD_DCTX_SIZE);
		tz_zstd_dctx_init(dctx);
	}
	zs_strict_fired = ZS_STRICT_NONE;
	for (v = 0; v < 2 * TZ_VARIANT_COUNT; v++) {
		int r;

		if (!tz_variant_supported(v % TZ_VARIANT_COUNT))
			continue;
		r = v < TZ_VARIANT_COUNT ?
			tz_zstd_decompress_dict_v(v, src, flen, dst, cap, wrk, dict) :
			tz_zstd_decompress_dctx_v(v - TZ_VARIANT_COUNT, src, flen, dst, cap, dctx,
						  dict);
		if (v == 0)
			rule = zs_strict_fired;
		if (first) {
			r0 = r;
			out0 = malloc(r > 0 ? r : 1);
			if (r > 0)
				memcpy(out0, dst, r);
			first = 0;
		} else if (r != r0 || (r > 0 && memcmp(out0, dst, r))) {
			fprintf(stderr, "variant %s%s: %d vs %d\n", tz_variant_name(v % TZ_VARIANT_COUNT),
				v < TZ_VARIANT_COUNT ? "" : " (context)", r, r0);
			abort();
		}
	}
	if (r0 > 0)
		memcpy(dst, out0, r0);
	free(out0);
	zs_strict_fired = rule;	/* the plain scalar call's */
	return r0;
}

/* Ours (r0, bytes in out) against libzstd's answer rr (bytes in ref). */
static void fuzz_vs_libzstd(int r0, const uint8_t *out, size_t rr, const uint8_t *ref,
			    const uint8_t *src, size_t flen)
{
	if (flen == 0 && r0 == -EINVAL) {
		/* API: no frame is an error here, 0 bytes for libzstd. */
	} else if (r0 < 0 && has_legacy_frame(src, flen)) {
		/* Legacy frames (libzstd's ZSTD_LEGACY_SUPPORT): not RFC 8878. */
	} else if (r0 < 0 && !ZSTD_isError(rr) && zs_strict_fired != ZS_STRICT_NONE) {
		/* A rule RFC 8878 sets and libzstd skips on some paths. */
		if (!strict_seen[zs_strict_fired]++)
			fprintf(stderr, "note: ours rejects, libzstd decodes %zu bytes: RFC 8878 rule: %s\n",
				rr, strict_name[zs_strict_fired]);
	} else if (r0 >= 0 ? ZSTD_isError(rr) || (size_t)r0 != rr || memcmp(out, ref, rr) :
		   !ZSTD_isError(rr)) {
		fprintf(stderr, "differs from libzstd: ours %d, libzstd %zd (%s)\n", r0,
			(ssize_t)rr, ZSTD_isError(rr) ? ZSTD_getErrorName(rr) : "ok");
		abort();
	}
}

#endif /* TZ_FUZZ_ZSTD_DIFF_H */
