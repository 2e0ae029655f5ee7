// SPDX-License-Identifier: GPL-2.0
/* tz_samefill_neon.c - NEON same-fill detection (inside tz_simd_begin/end). */
#include "tz_samefill.h"

#ifdef TZ_HAVE_NEON
#ifdef __KERNEL__
#include <asm/neon-intrinsics.h>
#else
#include <arm_neon.h>
#endif

bool tz_same_filled_neon(const void *page, unsigned int len)
{
	const u8 *p = page;
	const uint64x2_t w = vdupq_n_u64(tz_read64(p));
	unsigned int i = 0;

	for (; i + 64 <= len; i += 64) {
		uint64x2_t d = vorrq_u64(
			vorrq_u64(veorq_u64(vld1q_u64((const uint64_t *)(p + i)), w),
				  veorq_u64(vld1q_u64((const uint64_t *)(p + i + 16)), w)),
			vorrq_u64(veorq_u64(vld1q_u64((const uint64_t *)(p + i + 32)), w),
				  veorq_u64(vld1q_u64((const uint64_t *)(p + i + 48)), w)));
		if (vmaxvq_u32(vreinterpretq_u32_u64(d)))
			return false;
	}
	for (; i + 8 <= len; i += 8)
		if (tz_read64(p + i) != tz_read64(p))
			return false;
	return true;
}
#endif /* TZ_HAVE_NEON */
