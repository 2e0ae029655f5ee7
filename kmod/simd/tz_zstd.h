/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_zstd.h - tzram's own ZSTD codec (RFC 8878): a full-format frame
 * decoder and a page-oriented encoder. Freestanding: the same sources
 * build in the module and in userspace. No allocation: the caller passes
 * work memory of the sizes below (any alignment >= 8).
 */
#ifndef TZ_ZSTD_H
#define TZ_ZSTD_H

#include "tz_port.h"
#include "tz_cpu.h"

/*
 * Encoder work memory: the match finder's hash tables, sequence store,
 * literal buffer and entropy scratch for one 32 KiB block (struct
 * tz_zstd_cws in zstd_enc.h, about 161 KiB on x86-64; a build-time
 * assertion keeps this number honest). A 4 KiB page touches at most
 * ~45 KiB of it per call.
 */
#define TZ_ZSTD_CWORKMEM_SIZE (168 * 1024)
/*
 * Decoder work memory: FSE tables (LL/ML 512, OF 256 entries of 8 B), the
 * Huffman table (2048 x u16) and a 128 KiB (+64 B slack) literal buffer.
 */
#define TZ_ZSTD_DWORKMEM_SIZE (148 * 1024)

/* Largest input tz_zstd_compress() accepts (one frame, blocks of 128 KiB). */
#define TZ_ZSTD_MAX_INPUT (1u << 30)
/* Default and supported levels of our encoder. */
#define TZ_ZSTD_LEVEL_DEFAULT 2	/* level 1 only ties libzstd level 1's ratio */
#define TZ_ZSTD_LEVEL_MIN 1
#define TZ_ZSTD_LEVEL_MAX 3
/* OR into level to append the XXH64 content checksum to the frame. */
#define TZ_ZSTD_F_CHECKSUM 0x100

/*
 * Compress src into one standard ZSTD frame (magic, single segment,
 * content size, no checksum unless TZ_ZSTD_F_CHECKSUM). Returns the frame
 * length, -ENOSPC if it does not fit in dst_cap, -EINVAL for bad arguments.
 */
int tz_zstd_compress(const void *src, unsigned int src_len, void *dst,
		     unsigned int dst_cap, int level, void *wrkmem);
/*
 * Decompress every frame in src (skippable frames skipped). Returns the
 * decompressed length, -EINVAL for malformed input or checksum mismatch,
 * -ENOSPC when the output does not fit in dst_cap.
 */
int tz_zstd_decompress(const void *src, unsigned int src_len, void *dst,
		       unsigned int dst_cap, void *wrkmem);

/* The same with a given variant; -EOPNOTSUPP if it is not compiled in. */
int tz_zstd_compress_v(enum tz_variant v, const void *src, unsigned int src_len,
		       void *dst, unsigned int dst_cap, int level, void *wrkmem);
int tz_zstd_decompress_v(enum tz_variant v, const void *src, unsigned int src_len,
			 void *dst, unsigned int dst_cap, void *wrkmem);

/* XXH64 (seed given), as used by the frame content checksum. */
u64 tz_xxh64(const void *p, size_t len, u64 seed);

#endif /* TZ_ZSTD_H */
