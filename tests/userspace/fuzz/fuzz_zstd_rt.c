// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_zstd_rt.c - libFuzzer target: compress -> decompress round trip of
 * the ZSTD codec. Input: 1 byte (level 1..3, bit 7: checksum), then the
 * data (<= 128 KiB). Every variant must produce the same frame, the frame
 * must fit the worst-case bound, decode with every variant and with
 * ZSTD_decompress to the input; an output buffer one byte short must give
 * -ENOSPC from the encoder without writing past it (ASan).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>
#include "tz_zstd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void *cw, *dw;
	size_t n, cap, z;
	uint8_t *src, *f, *f0 = NULL, *d;
	int level, r0 = 0, v;

	if (size < 1 || size > 131073)
		return 0;
	if (!cw) {
		cw = malloc(TZ_ZSTD_CWORKMEM_SIZE);
		dw = malloc(TZ_ZSTD_DWORKMEM_SIZE);
	}
	level = 1 + (data[0] & 3) % 3;
	if (data[0] & 0x80)
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
		r = tz_zstd_compress_v(v, src, n, f, cap, level, cw);
		if (r <= 0)
			abort();
		if (!f0) {
			r0 = r;
			f0 = malloc(r);
			memcpy(f0, f, r);
		} else if (r != r0 || memcmp(f, f0, r)) {
			abort();
		}
		e = tz_zstd_decompress_v(v, f0, r0, d, n, dw);
		if (e != (int)n || memcmp(d, src, n))
			abort();
	}
	z = ZSTD_decompress(d, n, f0, r0);
	if (ZSTD_isError(z) || z != n || memcmp(d, src, n)) {
		fprintf(stderr, "libzstd: %s\n", ZSTD_isError(z) ? ZSTD_getErrorName(z) : "bytes");
		abort();
	}
	{
		uint8_t *small = malloc(r0 - 1 ? r0 - 1 : 1);

		if (tz_zstd_compress_v(TZ_VARIANT_SCALAR, src, n, small, r0 - 1, level, cw) != -ENOSPC)
			abort();
		free(small);
	}
	free(f0);
	free(src);
	free(f);
	free(d);
	return 0;
}
