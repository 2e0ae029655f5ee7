/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_samefill.h - detect pages made of one repeated machine word (zram
 * stores those as the word alone, without compressing).
 */
#ifndef TZ_SAMEFILL_H
#define TZ_SAMEFILL_H

#include "tz_port.h"
#include "tz_cpu.h"

/*
 * True if all len bytes at page are copies of its first unsigned long,
 * stored in *fill. len: a non-zero multiple of sizeof(unsigned long).
 * tz_same_filled() brackets itself with tz_simd_begin/end.
 */
bool tz_same_filled(const void *page, unsigned int len, unsigned long *fill);
bool tz_same_filled_v(enum tz_variant v, const void *page, unsigned int len,
		      unsigned long *fill);

/* Per-variant implementations (internal; use the two above). */
bool tz_same_filled_scalar(const void *page, unsigned int len);
bool tz_same_filled_avx2(const void *page, unsigned int len);
bool tz_same_filled_avx512(const void *page, unsigned int len);
bool tz_same_filled_neon(const void *page, unsigned int len);

#endif /* TZ_SAMEFILL_H */
