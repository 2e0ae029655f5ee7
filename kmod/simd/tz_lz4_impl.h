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
#define TZ_LZ4_SKIP_TRIGGER 6

/*
 * tz_lz4_pattern[o][k] = k % o (o < 32), k (o = 32): the byte shuffle
 * that lays down the first 32 bytes of a match at offset o (tz_lz4_copy.h).
 */
extern const u8 tz_lz4_pattern[33][32];
/*
 * The same for x86's in-lane vpshufb: [o][0] = pattern + 0x70 (0..15
 * kept, 16..31 out of range: zero), [o][1] = pattern - 16 (the opposite).
 */
extern const u8 tz_lz4_pattern_x86[33][2][32];
/* 32 - 32 % o: the largest multiple of o <= 32, for o < 32. */
extern const u8 tz_lz4_pattern_step[33];

/*
 * A match's first 8 bytes at offset o < 8 from one 8-byte read, in
 * general-purpose registers: (word & mask[o]) * mul[o] repeats its o bytes
 * over the word (the copies land on disjoint bytes: no carries); the next
 * words come from back[o] bytes further behind, o + back[o] being a
 * multiple of o that is >= 8. Row 8 (any o >= 8): the word as it is, back
 * 0. Three arrays of one object, so that one base register and a scaled
 * index reach each. Used by tz_match_copy32 (tz_lz4_copy.h).
 */
struct tz_lz4_near {
	u64 mask[9], mul[9], back[9];
};
extern const struct tz_lz4_near tz_lz4_near;
extern const u8 tz_lz4_zero32[32];

/* Block compressor state: input, output and the hash table. */
struct tz_lz4_cblk {
	const u8 *ip, *anchor, *src, *iend;
	u8 *op, *oend;
	void *table;
	/* LZ4's acceleration minus 1 (0, the default: every miss counted). */
	unsigned int accel_more;
};

/* What a compressor needs from a prepared dictionary. */
struct tz_lz4_cdict {
	const u8 *start;	/* its first byte in reach (>= 4 of them) */
	const u8 *end;		/* one past its last byte */
	const u16 *table;	/* positions from start, by hash (TZ_LZ4_DICT_HLOG) */
};

/* The run's (tz_lz4_dec.h): bytes read from the token, written from op */
#define TZ_LZ4_RUN_IN_MARGIN 20		/* token, 16 literal bytes, offset, ext */
#define TZ_LZ4_RUN_OUT_MARGIN 48	/* 16 literal bytes, 32 of match at op + 14 */

/* Input bytes a decoder prefetches at a block's start: one page's worth. */
#define TZ_LZ4_DEC_PREFETCH 4096

struct tz_lz4_dblk {
	const u8 *ip, *iend;
	u8 *op, *oend, *dst;
	/*
	 * The run's limits (tz_dec_start): it takes a sequence while
	 * ip < ilim and op < olim, the margins above left; one compare each.
	 */
	const u8 *ilim;
	u8 *olim;
};

/* A decoder's dictionary: the len bytes before end precede dst. */
struct tz_lz4_ddict {
	const u8 *end;
	size_t len;
};

#define TZ_LZ4_DECLARE(v)						\
	int tz_lz4_compress_##v(const void *src, unsigned int src_len,	\
				void *dst, unsigned int dst_cap, void *wrkmem); \
	int tz_lz4_compress_fast_##v(const void *src, unsigned int src_len, \
				     void *dst, unsigned int dst_cap,	\
				     void *wrkmem, unsigned int accel);	\
	int tz_lz4_decompress_##v(const void *src, unsigned int src_len, \
				  void *dst, unsigned int dst_cap);	\
	int tz_lz4_decompress_part_##v(const void *src, unsigned int src_len, \
				       void *dst, unsigned int dst_cap,	\
				       unsigned int need);		\
	int tz_lz4_compress_batch_##v(struct tz_lz4_job *jobs,		\
				      unsigned int n, void *wrkmem);	\
	int tz_lz4_decompress_batch_##v(struct tz_lz4_job *jobs,	\
					unsigned int n);		\
	int tz_lz4_compress_dict_##v(const struct tz_lz4_dict *dict,	\
				     const void *src, unsigned int src_len, \
				     void *dst, unsigned int dst_cap,	\
				     void *wrkmem);			\
	int tz_lz4_decompress_dict_##v(const void *dict, size_t dict_len, \
				       const void *src, unsigned int src_len, \
				       void *dst, unsigned int dst_cap); \
	int tz_lz4_decompress_prefix_##v(const void *src, unsigned int src_len, \
					 void *dst, unsigned int dst_cap, \
					 unsigned int prefix_len)

TZ_LZ4_DECLARE(scalar);
#ifdef TZ_HAVE_X86_SIMD
TZ_LZ4_DECLARE(avx2);
TZ_LZ4_DECLARE(avx512);
#endif
#ifdef TZ_HAVE_NEON
TZ_LZ4_DECLARE(neon);
#endif

#endif /* TZ_LZ4_IMPL_H */
