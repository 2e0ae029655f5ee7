// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_zstd_rt.c - libFuzzer target: compress -> decompress round trip of
 * the ZSTD codec. Input: 1 byte (level 1..3, bit 7: checksum), then the
 * data (<= 128 KiB). Every variant must produce the same frame, the frame
 * must fit the worst-case bound, decode with every variant and with
 * ZSTD_decompress to the input; an output buffer one byte short must give
 * -ENOSPC from the encoder without writing past it (ASan). With a
 * dictionary (below) the same, through tz_zstd_compress_dict_v.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>
#include "tz_zstd.h"

/*
 * Bit 6 of the first byte: with a dictionary. The next byte times 97 is
 * its length, taken from the data's start (raw content, or the zstd
 * format when it carries the magic); the rest is compressed with it and
 * must decode with ours and with libzstd's DDict of the same bytes.
 */
static struct tz_zstd_dict *fuzz_dict(const uint8_t **data, size_t *size, ZSTD_DDict **dd)
{
	size_t dl = (size_t)(*data)[1] * 97, sz;
	struct tz_zstd_dict *od;

	if (*size < 2 + dl || !dl)
		return NULL;
	sz = tz_zstd_dict_size(dl);
	od = malloc(sz);
	if (tz_zstd_dict_prepare(od, sz, *data + 2, dl)) {
		free(od);
		return NULL;
	}
	*dd = ZSTD_createDDict(*data + 2, dl);
	*data += 1 + dl;	/* the level byte stays first */
	*size -= 1 + dl;
	return od;
}

static ZSTD_DCtx *fuzz_dctx(void)
{
	static ZSTD_DCtx *dc;

	if (!dc)
		dc = ZSTD_createDCtx();
	return dc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void *cw, *dw;
	size_t n, cap, z;
	uint8_t *src, *f, *f0 = NULL, *d;
	uint8_t lv;
	int level, r0 = 0, v;
	struct tz_zstd_dict *od = NULL;
	ZSTD_DDict *dd = NULL;

	if (size < 1 || size > 131073 + 2 + 255 * 97)
		return 0;
	if (!cw) {
		cw = malloc(TZ_ZSTD_CWORKMEM_SIZE);
		dw = malloc(TZ_ZSTD_DWORKMEM_SIZE);
	}
	lv = data[0];
	if (lv & 0x40) {
		od = size > 2 ? fuzz_dict(&data, &size, &dd) : NULL;
		if (!od)
			return 0;
	}
	if (size > 131073)
		goto out;
	level = 1 + (lv & 3) % 3;
	if (lv & 0x80)
		level |= TZ_ZSTD_F_CHECKSUM;
	n = size - 1;
	src = malloc(n ? n : 1);
	memcpy(src, data + 1, n);
	cap = n + n / 128 + 64;	/* raw blocks: 3 B per 32 KiB + header + checksum */
	f = malloc(cap);
	d = malloc(n ? n : 1);
	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		int r, e;

		if (!tz_variant_supported(v))
			continue;
		r = od ? tz_zstd_compress_dict_v(v, src, n, f, cap, level, cw, od) :
			 tz_zstd_compress_v(v, src, n, f, cap, level, cw);
		if (r <= 0)
			abort();
		if (!f0) {
			r0 = r;
			f0 = malloc(r);
			memcpy(f0, f, r);
		} else if (r != r0 || memcmp(f, f0, r)) {
			abort();
		}
		e = tz_zstd_decompress_dict_v(v, f0, r0, d, n, dw, od);
		if (e != (int)n || memcmp(d, src, n))
			abort();
	}
	if (od && !dd)
		goto done;	/* a dictionary libzstd refuses: fuzz_zstd_dict's business */
	z = dd ? ZSTD_decompress_usingDDict(fuzz_dctx(), d, n, f0, r0, dd) :
		 ZSTD_decompress(d, n, f0, r0);
	if (ZSTD_isError(z) || z != n || memcmp(d, src, n)) {
		fprintf(stderr, "libzstd: %s\n", ZSTD_isError(z) ? ZSTD_getErrorName(z) : "bytes");
		abort();
	}
	{
		uint8_t *small = malloc(r0 - 1 ? r0 - 1 : 1);

		if ((od ? tz_zstd_compress_dict_v(TZ_VARIANT_SCALAR, src, n, small, r0 - 1, level, cw,
						  od) :
			  tz_zstd_compress_v(TZ_VARIANT_SCALAR, src, n, small, r0 - 1, level, cw)) !=
		    -ENOSPC)
			abort();
		free(small);
	}
done:
	free(f0);
	free(src);
	free(f);
	free(d);
out:
	free(od);
	ZSTD_freeDDict(dd);
	return 0;
}
