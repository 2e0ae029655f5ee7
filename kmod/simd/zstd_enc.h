/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zstd_enc.h - encoder internals: work memory layout, the sequence store
 * filled by the match finder (zstd_enc_match.h, per variant) and consumed
 * by the entropy stage (zstd_enc_ent.c).
 */
#ifndef TZ_ZSTD_ENC_H
#define TZ_ZSTD_ENC_H

#include "zstd_internal.h"

#define ZE_BLOCK	32768	/* block size: positions fit u16, tables stay small */
#define ZE_HLOG_LONG	12	/* match finder tables: 8-byte and 4-byte hashes */
#define ZE_HLOG_SHORT	12
#define ZE_MAXSEQ	(ZE_BLOCK / 4 + 1)	/* matches are >= 4 bytes */
#define ZE_MINMATCH	4
#define ZE_LIT_SLACK	64	/* literal buffer room for wide copies */

struct ze_seq {
	u32 ov;		/* offset value as coded: offset + 3, or repeat code 1..3 */
	u16 ll, ml;	/* ml is the real match length (>= 3) */
};

/* FSE encoding table of one symbol kind (LL 36, ML 53, OF 32 symbols). */
struct ze_fse_sym {
	s32 dfind;	/* deltaFindState */
	u32 dnb;	/* deltaNbBits */
	u32 first;	/* lowest state of the symbol */
};
struct ze_fse {
	u16 state[1 << ZS_LL_AL];
	struct ze_fse_sym sym[ZS_ML_MAX + 1];
	u8 al;
};

/* Encoding tables of the predefined distributions (zstd_predef.c). */
extern const struct ze_fse ze_ll_pre, ze_ml_pre, ze_of_pre;

/* Huffman construction scratch (kept off the kernel stack). */
#define ZE_HUF_NODES 260	/* per queue: 256 + sentinels */
struct ze_huf_scratch {
	u32 cnt[256], w[2 * ZE_HUF_NODES];
	u32 bucket[4][64 + 1], dcount[4][ZS_HUF_BITS + 1];
	u16 code[256], tmp[256], big[256], sym[256], parent[2 * ZE_HUF_NODES];
	u8 len[256], wt[256], depth[2 * ZE_HUF_NODES];
};

/*
 * Work memory of one compress call, laid out for blocks of up to ZE_BLOCK:
 * sizeof(struct tz_zstd_cws) is about 161 KiB (x86-64), checked against
 * TZ_ZSTD_CWORKMEM_SIZE (tz_zstd.h) at build time. A 4 KiB page touches at
 * most about 45 KiB of it per call: the two hash tables 16 KiB (cleared),
 * sequence store 8 KiB (typically ~2 KiB), codes 4 KiB, literals 4 KiB,
 * FSE tables 6.5 KiB, Huffman scratch 8.5 KiB, the rest < 2 KiB.
 */
struct tz_zstd_cws {
	u16 hlong[1 << ZE_HLOG_LONG];	/* hash of 8 bytes -> latest position */
	u16 hshort[1 << ZE_HLOG_SHORT];	/* hash of 4 bytes -> latest position */
	union {
		struct ze_seq seq[ZE_MAXSEQ];	/* match finder output */
		u64 xv[ZE_MAXSEQ];	/* then, in place: packed extra bits */
	};
	u8 llc[ZE_MAXSEQ], mlc[ZE_MAXSEQ], ofc[ZE_MAXSEQ], xn[ZE_MAXSEQ];
	u32 cll[ZS_LL_MAX + 1], cml[ZS_ML_MAX + 1], cof[ZS_OF_MAX + 1];	/* code counts */
	u8 lit[ZE_BLOCK + ZE_LIT_SLACK];
	struct ze_fse ll, ml, of;	/* custom tables of this block */
	struct ze_fse hw;		/* Huffman weights table */
	struct ze_huf_scratch huf;
	u8 spread[(2 << ZS_LL_AL) + 8];	/* FSE spread scratch + linear layout */
	s16 norm[ZS_ML_MAX + 1];
};

struct ze_params {
	unsigned int level;
};

/* Match finder result for one block. */
struct ze_block {
	unsigned int nseq, nlit;
	u32 rep[3];		/* in: at block start, out: at block end */
};

typedef void (*ze_match_fn)(struct tz_zstd_cws *ws, const u8 *src, size_t len,
			    const struct ze_params *p, struct ze_block *b);
extern const ze_match_fn ze_match_fn_scalar, ze_match_fn_avx2, ze_match_fn_avx512,
	ze_match_fn_neon;

/* zstd_enc_ent.c: literals + sequences sections into [op, oend); size or < 0. */
typedef int (*ze_ent_fn)(struct tz_zstd_cws *ws, const struct ze_block *b,
			 u8 *op, u8 *oend);
int ze_encode_block_body(struct tz_zstd_cws *ws, const struct ze_block *b,
			 u8 *op, u8 *oend);
/* zstd_enc_ent_bmi2.c: the same built for BMI2 (x86-64, AVX2/AVX-512 variants). */
int ze_encode_block_body_bmi2(struct tz_zstd_cws *ws, const struct ze_block *b,
			      u8 *op, u8 *oend);

#endif /* TZ_ZSTD_ENC_H */
