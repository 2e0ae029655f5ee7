/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_vzero.h - clearing a compressor's hash tables with vector stores.
 *
 * Both compressors clear 16 KiB of tables for every page. In the module
 * memset is the kernel's, which stores 8 bytes at a time on CPUs without
 * fast short rep stosb: a few percent of a page's compression. The vector
 * objects clear with 32-byte (x86) or 16-byte (NEON) stores instead; the
 * scalar objects keep memset, since they run where vector registers are
 * not allowed. Included only by the vector objects, after their intrinsics
 * header; n must be a multiple of 128.
 */
#ifndef TZ_VZERO_H
#define TZ_VZERO_H

#if defined(__x86_64__)
static __always_inline __attribute__((target("avx"))) void tz_vzero32(void *p, size_t n)
{
	const __m256i z = _mm256_setzero_si256();
	u8 *d = p, *e = d + n;

	for (; d < e; d += 128) {
		_mm256_storeu_si256((__m256i *)d, z);
		_mm256_storeu_si256((__m256i *)(d + 32), z);
		_mm256_storeu_si256((__m256i *)(d + 64), z);
		_mm256_storeu_si256((__m256i *)(d + 96), z);
	}
}
#elif defined(__aarch64__)
static __always_inline void tz_vzero16(void *p, size_t n)
{
	const uint8x16_t z = vdupq_n_u8(0);
	u8 *d = p, *e = d + n;

	for (; d < e; d += 128) {
		vst1q_u8(d, z);
		vst1q_u8(d + 16, z);
		vst1q_u8(d + 32, z);
		vst1q_u8(d + 48, z);
		vst1q_u8(d + 64, z);
		vst1q_u8(d + 80, z);
		vst1q_u8(d + 96, z);
		vst1q_u8(d + 112, z);
	}
}
#endif

#endif /* TZ_VZERO_H */
