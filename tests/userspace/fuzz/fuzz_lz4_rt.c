// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_lz4_rt.c - libFuzzer target: compress then decompress.
 * Input: 2 bytes LE output capacity for a second, limited compression,
 * then the data. Every variant must produce the same block, which both our
 * decoder and LZ4_decompress_safe turn back into the data; the limited run
 * either gives the same block or -ENOSPC, never writing past its capacity.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <lz4.h>
#include "tz_lz4.h"

static unsigned char wrk[TZ_LZ4_WORKMEM_SIZE] __attribute__((aligned(64)));

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int cap, n, bound;
	unsigned char *src, *c, *c0, *lim, *d;
	int r0 = 0, r, e, v, first = 1;

	if (size < 2)
		return 0;
	cap = data[0] | data[1] << 8;
	n = size - 2;
	bound = TZ_LZ4_BOUND(n);
	src = malloc(n ? n : 1);
	c = malloc(bound);
	c0 = malloc(bound);
	lim = malloc(cap ? cap : 1);
	d = malloc(n ? n : 1);
	memcpy(src, data + 2, n);
	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		if (!tz_variant_supported(v))
			continue;
		r = tz_lz4_compress_v(v, src, n, c, bound, wrk);
		if (r <= 0 || (unsigned int)r > bound)
			abort();
		if (first) {
			r0 = r;
			memcpy(c0, c, r);
			first = 0;
		} else if (r != r0 || memcmp(c, c0, r)) {
			abort();
		}
		e = tz_lz4_decompress_v(v, c, r, d, n);
		if (e != (int)n || memcmp(d, src, n))
			abort();
		e = tz_lz4_compress_v(v, src, n, lim, cap, wrk);
		if (!(e == -ENOSPC && (int)cap < r) && !(e == r && !memcmp(lim, c0, r)))
			abort();
	}
	e = LZ4_decompress_safe((const char *)c0, (char *)d, r0, n);
	if (e != (int)n || memcmp(d, src, n))
		abort();
	free(src);
	free(c);
	free(c0);
	free(lim);
	free(d);
	return 0;
}
