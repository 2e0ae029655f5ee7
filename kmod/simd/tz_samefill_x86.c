// SPDX-License-Identifier: GPL-2.0
/*
 * tz_samefill_x86.c - AVX2 / AVX-512 same-fill detection. Runs only inside
 * tz_simd_begin/end on a CPU that has the ISA.
 */
#include "tz_samefill.h"

#ifdef TZ_HAVE_X86_SIMD
#include <immintrin.h>

__attribute__((target("avx2")))
bool tz_same_filled_avx2(const void *page, unsigned int len)
{
	const u8 *p = page;
	const __m256i w = _mm256_set1_epi64x(tz_read64(p));
	unsigned int i = 0;

	/* 128 bytes per step: OR of the differences, one test. */
	for (; i + 128 <= len; i += 128) {
		__m256i d = _mm256_or_si256(
			_mm256_or_si256(_mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(p + i)), w),
					_mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(p + i + 32)), w)),
			_mm256_or_si256(_mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(p + i + 64)), w),
					_mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(p + i + 96)), w)));
		if (!_mm256_testz_si256(d, d))
			return false;
	}
	for (; i + 8 <= len; i += 8)
		if (tz_read64(p + i) != tz_read64(p))
			return false;
	return true;
}

__attribute__((target("avx2,avx512f,avx512bw,avx512vl")))
bool tz_same_filled_avx512(const void *page, unsigned int len)
{
	const u8 *p = page;
	const __m512i w = _mm512_set1_epi64(tz_read64(p));
	unsigned int i = 0;

	for (; i + 256 <= len; i += 256) {
		__m512i d = _mm512_or_si512(
			_mm512_or_si512(_mm512_xor_si512(_mm512_loadu_si512(p + i), w),
					_mm512_xor_si512(_mm512_loadu_si512(p + i + 64), w)),
			_mm512_or_si512(_mm512_xor_si512(_mm512_loadu_si512(p + i + 128), w),
					_mm512_xor_si512(_mm512_loadu_si512(p + i + 192), w)));
		if (_mm512_test_epi64_mask(d, d))
			return false;
	}
	for (; i + 8 <= len; i += 8)
		if (tz_read64(p + i) != tz_read64(p))
			return false;
	return true;
}
#endif /* TZ_HAVE_X86_SIMD */
