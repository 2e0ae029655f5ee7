// SPDX-License-Identifier: GPL-2.0
/*
 * tz_lz4.c - the scalar LZ4 variant and the per-variant dispatch.
 * Built with the kernel's normal flags: no vector registers, so it is the
 * variant that runs when may_use_simd() is false.
 */
#include "tz_lz4_impl.h"

#define TZ_LZ4_V scalar
#define TZ_LZ4_SIMD TZ_SIMD_NONE
#define TZ_TARGET
#include "tz_lz4_tmpl.h"
#undef TZ_LZ4_V
#undef TZ_LZ4_SIMD
#undef TZ_TARGET

int tz_lz4_compress_v(enum tz_variant v, const void *src, unsigned int src_len,
		      void *dst, unsigned int dst_cap, void *wrkmem)
{
	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		return tz_lz4_compress_avx2(src, src_len, dst, dst_cap, wrkmem);
	case TZ_VARIANT_AVX512:
		return tz_lz4_compress_avx512(src, src_len, dst, dst_cap, wrkmem);
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		return tz_lz4_compress_neon(src, src_len, dst, dst_cap, wrkmem);
#endif
	default:
		return tz_lz4_compress_scalar(src, src_len, dst, dst_cap, wrkmem);
	}
}

int tz_lz4_decompress_v(enum tz_variant v, const void *src, unsigned int src_len,
			void *dst, unsigned int dst_cap)
{
	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		return tz_lz4_decompress_avx2(src, src_len, dst, dst_cap);
	case TZ_VARIANT_AVX512:
		return tz_lz4_decompress_avx512(src, src_len, dst, dst_cap);
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		return tz_lz4_decompress_neon(src, src_len, dst, dst_cap);
#endif
	default:
		return tz_lz4_decompress_scalar(src, src_len, dst, dst_cap);
	}
}

int tz_lz4_compress(const void *src, unsigned int src_len, void *dst,
		    unsigned int dst_cap, void *wrkmem)
{
	enum tz_variant v = tz_simd_begin();
	int ret = tz_lz4_compress_v(v, src, src_len, dst, dst_cap, wrkmem);

	tz_simd_end(v);
	return ret;
}

int tz_lz4_decompress(const void *src, unsigned int src_len, void *dst,
		      unsigned int dst_cap)
{
	enum tz_variant v = tz_simd_begin();
	int ret = tz_lz4_decompress_v(v, src, src_len, dst, dst_cap);

	tz_simd_end(v);
	return ret;
}
