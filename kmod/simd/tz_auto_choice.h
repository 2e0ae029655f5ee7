/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_auto_choice.h - the "auto" algorithm's per-page decision (the kernel
 * glue is kmod/comp_auto.c): from the sampled byte entropy of a page
 * (tz_entropy.h), store it raw, with LZ4 or with ZSTD. Codec-neutral and
 * userspace-buildable, so tests and benchmarks use the same rule.
 */
#ifndef TZ_AUTO_CHOICE_H
#define TZ_AUTO_CHOICE_H

#include "tz_entropy.h"

enum tz_auto_choice { TZ_AUTO_RAW, TZ_AUTO_LZ4, TZ_AUTO_ZSTD, TZ_AUTO_NR };

/*
 * Thresholds in tz_entropy_q8() units (bits per byte * 256). At or above
 * RAW a page is near-random: no codec would get it under zram's huge
 * size, so it is stored whole without trying. Below LZ4 a page is so
 * redundant that LZ4 already gets most of what ZSTD would. Tuned on the
 * corpus with tests/userspace/auto_test.c (corpus mode prints the curve).
 */
#define TZ_AUTO_RAW_Q8 (7 * 256 + 128)	/* 7.5 bits */
#define TZ_AUTO_LZ4_Q8 (1 * 256 + 128)	/* 1.5 bits */

static inline enum tz_auto_choice tz_auto_choose(u32 h_q8)
{
	if (h_q8 >= TZ_AUTO_RAW_Q8)
		return TZ_AUTO_RAW;
	return h_q8 < TZ_AUTO_LZ4_Q8 ? TZ_AUTO_LZ4 : TZ_AUTO_ZSTD;
}

#endif /* TZ_AUTO_CHOICE_H */
