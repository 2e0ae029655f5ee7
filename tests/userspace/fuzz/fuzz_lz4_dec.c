// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_lz4_dec.c - libFuzzer target: the LZ4 decoder on arbitrary input.
 * Input: 2 bytes LE output capacity, then the compressed block. Every
 * variant this CPU runs must agree; whatever LZ4_decompress_safe accepts
 * we must decode to the same bytes. The partial decoder (a page of a
 * unit) asked for a quarter and a half of cap: where the whole decode
 * succeeds it succeeds too, with at least that many bytes (or all) and the
 * same ones. ASan (exact-size buffers) catches any read or write out of
 * bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <lz4.h>
#include "tz_lz4.h"
#include "lz4_zero_offset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int cap, n;
	unsigned char *src, *out, *ref;
	int r0 = 0, r, e, v, first = 1;

	if (size < 2)
		return 0;
	cap = data[0] | data[1] << 8;
	n = size - 2;
	src = malloc(n ? n : 1);
	out = malloc(cap ? cap : 1);
	ref = malloc(cap ? cap : 1);
	memcpy(src, data + 2, n);
	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		if (!tz_variant_supported(v))
			continue;
		r = tz_lz4_decompress_v(v, src, n, out, cap);
		if (r > (int)cap || (r < 0 && r != -EINVAL && r != -ENOSPC))
			abort();
		if (first) {
			r0 = r;
			if (r >= 0)
				memcpy(ref, out, r);
			first = 0;
		} else if (r != r0 || (r > 0 && memcmp(ref, out, r))) {
			abort();	/* variants disagree */
		}
	}
	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		unsigned int need;

		if (!tz_variant_supported(v))
			continue;
		for (need = cap / 4; need <= cap / 2; need += cap / 4 + 1) {
			r = tz_lz4_decompress_part_v(v, src, n, out, cap, need);
			if (r > (int)cap || (r < 0 && r != -EINVAL && r != -ENOSPC))
				abort();
			if (r0 >= 0 && (r < 0 || (r < (int)need && r != r0) || r > r0 ||
					memcmp(ref, out, r)))
				abort();	/* partial disagrees with whole */
		}
	}
	e = LZ4_decompress_safe((const char *)src, (char *)out, n, cap);
	if (e >= 0 && (e != r0 || memcmp(ref, out, e)) &&
	    !(r0 == -EINVAL && has_zero_offset(src, n)))
		abort();	/* liblz4 decodes it, we did not (or differently) */
	free(src);
	free(out);
	free(ref);
	return 0;
}
