// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_zstd_dec.c - libFuzzer target: the ZSTD decoder on arbitrary input.
 * Input: 2 bytes LE output capacity (<= 64 KiB), then the frame(s). Every
 * variant this CPU runs must return the same result and bytes; whatever we
 * decode, ZSTD_decompress must decode to the same bytes. (Not the converse:
 * libzstd 1.5.4 is lenient where we are strict, e.g. it reads zeros past
 * the start of an over-consumed sequence bitstream and accepts it.) ASan
 * (exact-size heap buffers) catches any read or write out of bounds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>
#include "tz_zstd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void *wrk;
	size_t cap, flen, rr;
	uint8_t *src, *dst, *ref, *out0 = NULL;
	int r0 = 0, v, first = 1;

	if (size < 2)
		return 0;
	if (!wrk)
		wrk = malloc(TZ_ZSTD_DWORKMEM_SIZE);
	cap = data[0] | (size_t)data[1] << 8;
	flen = size - 2;
	src = malloc(flen ? flen : 1);
	memcpy(src, data + 2, flen);
	dst = malloc(cap ? cap : 1);
	ref = malloc(cap ? cap : 1);
	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		int r;

		if (!tz_variant_supported(v))
			continue;
		r = tz_zstd_decompress_v(v, src, flen, dst, cap, wrk);
		if (first) {
			r0 = r;
			out0 = malloc(r > 0 ? r : 1);
			if (r > 0)
				memcpy(out0, dst, r);
			first = 0;
		} else if (r != r0 || (r > 0 && memcmp(out0, dst, r))) {
			fprintf(stderr, "variant %s: %d vs %d\n", tz_variant_name(v), r, r0);
			abort();
		}
	}
	rr = ZSTD_decompress(ref, cap, src, flen);
	if (r0 >= 0 && (ZSTD_isError(rr) || (size_t)r0 != rr || memcmp(out0, ref, rr))) {
		fprintf(stderr, "output differs from libzstd: %d vs %zu\n", r0, rr);
		abort();
	}
	free(out0);
	free(src);
	free(dst);
	free(ref);
	return 0;
}
