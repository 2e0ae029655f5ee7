/* SPDX-License-Identifier: GPL-2.0 */
/* tz_lz4_impl.h - LZ4 codec internals shared by the variant objects. */
#ifndef TZ_LZ4_IMPL_H
#define TZ_LZ4_IMPL_H

#include "tz_lz4.h"

#define TZ_SIMD_NONE 0
#define TZ_SIMD_AVX2 1
#define TZ_SIMD_AVX512 2
#define TZ_SIMD_NEON 3

#define TZ_LZ4_MINMATCH 4
#define TZ_LZ4_LASTLITERALS 5	/* the last 5 bytes are always literals */
#define TZ_LZ4_MFLIMIT 12	/* the last match starts >= 12 bytes before end */
#define TZ_LZ4_MIN_LENGTH (TZ_LZ4_MFLIMIT + 1)	/* shorter: literals only */
#define TZ_LZ4_MAX_DIST 65535
/* Inputs up to this size index u16 positions: all offsets fit 16 bits. */
#define TZ_LZ4_U16_LIMIT 65536u
#define TZ_LZ4_HLOG16 13	/* 8192 x u16 = 16 KiB */
#define TZ_LZ4_HLOG32 12	/* 4096 x u32 = 16 KiB */
/* Misses before the search step grows by one (liblz4's acceleration 1). */
#ifndef TZ_LZ4_SKIP_TRIGGER
#define TZ_LZ4_SKIP_TRIGGER 6
#endif

#define TZ_LZ4_DECLARE(v)						\
	int tz_lz4_compress_##v(const void *src, unsigned int src_len,	\
				void *dst, unsigned int dst_cap, void *wrkmem); \
	int tz_lz4_decompress_##v(const void *src, unsigned int src_len, \
				  void *dst, unsigned int dst_cap)

TZ_LZ4_DECLARE(scalar);
#ifdef TZ_HAVE_X86_SIMD
TZ_LZ4_DECLARE(avx2);
TZ_LZ4_DECLARE(avx512);
#endif
#ifdef TZ_HAVE_NEON
TZ_LZ4_DECLARE(neon);
#endif

#endif /* TZ_LZ4_IMPL_H */
