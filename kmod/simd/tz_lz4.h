/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_lz4.h - LZ4 block-format codec (compatible with liblz4's
 * LZ4_compress_* / LZ4_decompress_safe), scalar and SIMD variants.
 */
#ifndef TZ_LZ4_H
#define TZ_LZ4_H

#include "tz_port.h"
#include "tz_cpu.h"

/* Hash table: 8192 u16 positions (<= 64 KiB inputs) or 4096 u32 ones. */
#define TZ_LZ4_WORKMEM_SIZE 16384
/* liblz4's LZ4_MAX_INPUT_SIZE; larger inputs get -EINVAL. */
#define TZ_LZ4_MAX_INPUT 0x7E000000u
/* Worst-case compressed size (same as LZ4_compressBound). */
#define TZ_LZ4_BOUND(n) ((n) + (n) / 255 + 16)

/*
 * Compress src into dst with the active variant (brackets itself with
 * tz_simd_begin/end). wrkmem: TZ_LZ4_WORKMEM_SIZE bytes, 8-byte aligned.
 * Returns the compressed length (>= 1), -ENOSPC if it does not fit dst_cap.
 */
int tz_lz4_compress(const void *src, unsigned int src_len, void *dst,
		    unsigned int dst_cap, void *wrkmem);
/*
 * Returns the decompressed length, -EINVAL for malformed input, -ENOSPC if
 * the output would exceed dst_cap. Never reads or writes out of bounds.
 */
int tz_lz4_decompress(const void *src, unsigned int src_len, void *dst,
		      unsigned int dst_cap);

/*
 * Explicit variant (from tz_simd_begin(), or tests/benchmarks in
 * userspace); v must be supported. SIMD variants in the kernel must run
 * between tz_simd_begin() and tz_simd_end().
 */
int tz_lz4_compress_v(enum tz_variant v, const void *src, unsigned int src_len,
		      void *dst, unsigned int dst_cap, void *wrkmem);
int tz_lz4_decompress_v(enum tz_variant v, const void *src, unsigned int src_len,
			void *dst, unsigned int dst_cap);

#endif /* TZ_LZ4_H */
