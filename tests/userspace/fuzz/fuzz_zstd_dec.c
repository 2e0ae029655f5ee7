// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_zstd_dec.c - libFuzzer target: the ZSTD decoder on arbitrary input.
 * Input: 2 bytes LE output capacity (<= 64 KiB), then the frame(s).
 * Variants agree and libzstd (ZSTD_decompress) gives the same answer, with
 * the named exceptions of fuzz_zstd_diff.h. The partial decoder (a page
 * of a unit) asked for a quarter of cap: where the whole decode succeeds
 * it succeeds too, with at least that many bytes (or all) and the same
 * ones. ASan (exact-size heap buffers) catches any read or write out of
 * bounds.
 */
#include "fuzz_zstd_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cap, flen, rr;
	uint8_t *src, *dst, *ref;
	int r0;

	if (size < 2)
		return 0;
	cap = data[0] | (size_t)data[1] << 8;
	flen = size - 2;
	src = malloc(flen ? flen : 1);
	memcpy(src, data + 2, flen);
	dst = malloc(cap ? cap : 1);
	ref = malloc(cap ? cap : 1);
	r0 = fuzz_decode_all(src, flen, dst, cap, NULL);
	if (r0 >= 0) {
		static void *pw;
		size_t need = cap / 4;
		int v, r;

		if (!pw)
			pw = malloc(TZ_ZSTD_DWORKMEM_SIZE);
		for (v = 0; v < TZ_VARIANT_COUNT; v++) {
			if (!tz_variant_supported(v))
				continue;
			r = tz_zstd_decompress_part_v(v, src, flen, ref, cap, need, pw);
			if (r < 0 || ((size_t)r < need && r != r0) || r > r0 || memcmp(ref, dst, r))
				abort();	/* partial disagrees with whole */
		}
	}
	rr = ZSTD_decompress(ref, cap, src, flen);
	fuzz_vs_libzstd(r0, dst, rr, ref, src, flen);
	free(src);
	free(dst);
	free(ref);
	return 0;
}
