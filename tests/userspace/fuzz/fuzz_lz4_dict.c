// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_lz4_dict.c - libFuzzer target: the LZ4 codec with a dictionary.
 * Input: a 2-byte LE dictionary length, the dictionary, then the data
 * (cut where the input ends). The data is compressed with the dictionary
 * (every variant the same bytes), decoded by ours and by liblz4's
 * LZ4_decompress_safe_usingDict; then the data is decoded as a block with
 * the dictionary, where whatever liblz4 accepts (offset 0 aside) we must
 * decode to the same bytes. Each block is also decoded through a front
 * (tz_lz4_decompress_front_v(), as the module's streams do), which must
 * give the same result and bytes and leave its dictionary as it was. ASan
 * catches any access outside the buffers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <lz4.h>
#include "tz_lz4.h"
#include "lz4_zero_offset.h"

#define MAXIN 4096

static unsigned char wrk[TZ_LZ4_WORKMEM_SIZE] __attribute__((aligned(64)));
static struct tz_lz4_dict dict;

/* The block through a fresh front of exactly its size: as in place. */
static void check_front(int v, const unsigned char *d, unsigned int dlen,
			const unsigned char *src, unsigned int n, unsigned int cap,
			int want, const unsigned char *want_out)
{
	const size_t size = tz_lz4_front_size(dlen, cap);
	unsigned char *front = aligned_alloc(64, (size + 63) & ~(size_t)63);
	unsigned char *keep = malloc(size), *out = malloc(cap ? cap : 1);
	int r;

	tz_lz4_front_init(front, d, dlen, cap);
	memcpy(keep, front, size - cap);
	r = tz_lz4_decompress_front_v(v, front, src, n, out, cap);
	if (r != want || (r > 0 && memcmp(out, want_out, r)) ||
	    memcmp(keep, front, size - cap))
		abort();
	free(front);
	free(keep);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int dlen, n, bound;
	unsigned char *d, *src, *c, *c0, *out, *ref;
	int r0 = 0, r, e, v, first = 1;

	if (size < 2)
		return 0;
	dlen = data[0] | data[1] << 8;
	if (dlen > size - 2)
		dlen = size - 2;
	n = size - 2 - dlen;
	if (n > MAXIN)
		n = MAXIN;
	bound = TZ_LZ4_BOUND(n);
	d = malloc(dlen ? dlen : 1);
	src = malloc(n ? n : 1);
	c = malloc(bound);
	c0 = malloc(bound);
	out = malloc(n ? n : 1);
	ref = malloc(n ? n : 1);
	memcpy(d, data + 2, dlen);
	memcpy(src, data + 2 + dlen, n);
	if (tz_lz4_dict_prepare(&dict, d, dlen, MAXIN))
		abort();
	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		if (!tz_variant_supported(v))
			continue;
		r = tz_lz4_compress_dict_v(v, &dict, src, n, c, bound, wrk);
		if (r <= 0 || (unsigned int)r > bound)
			abort();
		if (first) {
			r0 = r;
			memcpy(c0, c, r);
			first = 0;
		} else if (r != r0 || memcmp(c, c0, r)) {
			abort();
		}
		e = tz_lz4_decompress_dict_v(v, d, dlen, c0, r0, out, n);
		if (e != (int)n || memcmp(out, src, n))
			abort();
		check_front(v, d, dlen, c0, r0, n, e, out);
	}
	e = LZ4_decompress_safe_usingDict((const char *)c0, (char *)out, r0, n,
					  (const char *)d, dlen);
	if (e != (int)n || memcmp(out, src, n))
		abort();
	/* The data as a block: variants agree, liblz4's accepted blocks match. */
	first = 1;
	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		if (!tz_variant_supported(v))
			continue;
		r = tz_lz4_decompress_dict_v(v, d, dlen, src, n, out, n);
		if (r > (int)n || (r < 0 && r != -EINVAL && r != -ENOSPC))
			abort();
		check_front(v, d, dlen, src, n, n, r, out);
		if (first) {
			r0 = r;
			if (r > 0)
				memcpy(ref, out, r);
			first = 0;
		} else if (r != r0 || (r > 0 && memcmp(ref, out, r))) {
			abort();
		}
	}
	e = LZ4_decompress_safe_usingDict((const char *)src, (char *)out, n, n,
					  (const char *)d, dlen);
	/* liblz4 takes offset 0 (copying unwritten output); we reject it. */
	if (e >= 0 && (e != r0 || memcmp(ref, out, e)) &&
	    !(r0 == -EINVAL && has_zero_offset(src, n)))
		abort();
	free(d);
	free(src);
	free(c);
	free(c0);
	free(out);
	free(ref);
	return 0;
}
