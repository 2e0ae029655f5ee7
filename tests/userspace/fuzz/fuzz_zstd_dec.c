// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_zstd_dec.c - libFuzzer target: the ZSTD decoder on arbitrary input.
 * Input: 2 bytes LE output capacity (<= 64 KiB), then the frame(s).
 * Variants agree and libzstd (ZSTD_decompress) gives the same answer, with
 * the named exceptions of fuzz_zstd_diff.h. ASan (exact-size heap
 * buffers) catches any read or write out of bounds.
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
	rr = ZSTD_decompress(ref, cap, src, flen);
	fuzz_vs_libzstd(r0, dst, rr, ref, src, flen);
	free(src);
	free(dst);
	free(ref);
	return 0;
}
