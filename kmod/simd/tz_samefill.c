// SPDX-License-Identifier: GPL-2.0
/* tz_samefill.c - scalar same-fill detection and its variant dispatch. */
#include "tz_samefill.h"

bool tz_same_filled_scalar(const void *page, unsigned int len)
{
	const u8 *p = page;
	const u64 w = tz_read64(p);
	unsigned int i = 8;

	/* 32 bytes per step, one branch: most pages differ early anyway. */
	for (; i + 32 <= len; i += 32)
		if ((tz_read64(p + i) ^ w) | (tz_read64(p + i + 8) ^ w) |
		    (tz_read64(p + i + 16) ^ w) | (tz_read64(p + i + 24) ^ w))
			return false;
	for (; i + 8 <= len; i += 8)
		if (tz_read64(p + i) != w)
			return false;
	return true;
}

bool tz_same_filled_v(enum tz_variant v, const void *page, unsigned int len,
		      unsigned long *fill)
{
	bool same;

	/* unsigned long is 64-bit on the supported targets: one u64 word. */
	BUILD_BUG_ON(sizeof(unsigned long) != 8);
	if (unlikely(len < 8))
		return false;
	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		same = tz_same_filled_avx2(page, len);
		break;
	case TZ_VARIANT_AVX512:
		same = tz_same_filled_avx512(page, len);
		break;
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		same = tz_same_filled_neon(page, len);
		break;
#endif
	default:
		same = tz_same_filled_scalar(page, len);
		break;
	}
	if (same)
		*fill = tz_read64(page);
	return same;
}

bool tz_same_filled(const void *page, unsigned int len, unsigned long *fill)
{
	enum tz_variant v = tz_simd_begin();
	bool same = tz_same_filled_v(v, page, len, fill);

	tz_simd_end(v);
	return same;
}
