/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lz4_zero_offset.h - what the LZ4 fuzzers allow liblz4 to accept that we
 * reject: a match with offset 0.
 */
#ifndef TZ_FUZZ_LZ4_ZERO_OFFSET_H
#define TZ_FUZZ_LZ4_ZERO_OFFSET_H

#include <stddef.h>
#include <stdint.h>

/*
 * LZ4_decompress_safe (1.9.4) accepts offset 0 (the spec calls it invalid)
 * and copies unwritten output; we reject it. True if the first malformed
 * thing in src is such an offset.
 */
static inline int has_zero_offset(const uint8_t *p, size_t n)
{
	const uint8_t *e = p + n;

	while (p < e) {
		size_t lit = *p >> 4, ml = *p & 15;
		unsigned int b;

		p++;
		if (lit == 15)
			do {
				if (p >= e)
					return 0;
				lit += b = *p++;
			} while (b == 255);
		if ((size_t)(e - p) <= lit + 1)
			return 0;
		p += lit;
		if (!(p[0] | p[1]))
			return 1;
		p += 2;
		if (ml == 15)
			do {
				if (p >= e)
					return 0;
				b = *p++;
			} while (b == 255);
	}
	return 0;
}

#endif
