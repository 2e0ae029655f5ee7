/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zstd_dec_cache.h - the decoder context (tz_zstd_dctx_*): the work memory
 * plus a cache of built decoding tables kept across calls. Entries are
 * keyed by the exact bytes of the table description they were built
 * from, so a hit is the table that description builds, whatever the input
 * (correct for any frame, whoever encoded it); pages whose encoder reuses
 * descriptions skip reading and building them.
 */
#ifndef TZ_ZSTD_DEC_CACHE_H
#define TZ_ZSTD_DEC_CACHE_H

#include "zstd_internal.h"

#define ZS_CACHE_WAYS		4	/* tables kept per kind (LL, OF, ML, Huffman) */
#define ZS_CACHE_FSE_DESC	64	/* longest FSE description kept */
#define ZS_CACHE_HUF_DESC	129	/* longest tree description: 1 + 128 */
#define ZS_CACHE_MAGIC		0x7a734463u

struct zs_cache_key {
	u8 len;			/* 0: empty (or being rebuilt) */
	u8 al;			/* accuracy log / longest code */
	u8 desc[ZS_CACHE_HUF_DESC];
};

struct zs_cache {
	u32 magic;		/* ZS_CACHE_MAGIC: initialised */
	u8 victim[4];		/* next way to replace, per kind */
	u32 hits, misses;	/* tables found / built (tests, benchmarks) */
	struct zs_cache_key key[4][ZS_CACHE_WAYS];	/* LL, OF, ML, Huffman */
	struct zs_fse_e ll[ZS_CACHE_WAYS][1 << ZS_LL_AL];
	struct zs_fse_e of[ZS_CACHE_WAYS][1 << ZS_OF_AL];
	struct zs_fse_e ml[ZS_CACHE_WAYS][1 << ZS_ML_AL];
	u16 huf[ZS_CACHE_WAYS][1 << ZS_HUF_BITS];
};

/* The context: work memory first (the same layout as a plain call's). */
struct zs_dctx {
	struct zs_dws ws;
	struct zs_cache cache;
};

/*
 * The sequences table of kind (0 LL, 1 OF, 2 ML) described at src: from
 * the cache, or read, built into a way and kept. Returns bytes used.
 */
int zs_cache_fse(struct zs_cache *c, int kind, const u8 *src, size_t len,
		 unsigned int sym_max, unsigned int al_max, const u32 *base, const u8 *bits,
		 const struct zs_fse_e **t, u8 *al);
/* The same for a literals tree description (scratch from ws). */
int zs_cache_huf(struct zs_cache *c, struct zs_dws *ws, const u8 *src, size_t len);

#endif /* TZ_ZSTD_DEC_CACHE_H */
