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
#define ZE_HLOG_LONG	12	/* match finder tables of a page: 8-byte and 4-byte hashes */
#define ZE_HLOG_SHORT	12
/*
 * An input above one block, up to ZE_WINDOW (a unit of 9..16 pages), is
 * one window: positions fit u16 and matches reach into the frame's earlier
 * blocks. Its parse, measured in 16-page units on the corpus (make
 * bench-instr, every 32nd 16-page chunk; ratio, compress and decompress
 * instructions per page): blocks coded alone 4.175, 100.5 k, 48.6 k; one
 * window with the page's parse 4.272, 104.1 k, 47.6 k; with short matches
 * of >= 5 bytes (4-byte ones cost about their literals' bits and a
 * sequence to code and decode) 4.198, 103.1 k, 45.3 k; and repeat-offset
 * matches of >= 6 bytes 4.206, 104.7 k, 44.5 k. Smaller units keep the
 * page's parse: theirs loses ratio (8 pages 4.170 -> 4.083).
 */
#define ZE_UNIT_HLOGL	14
#define ZE_UNIT_HLOGS	13
#define ZE_UNIT_SMIN	5	/* short (hash) matches: at least 5 bytes */
#define ZE_UNIT_RMIN	6	/* repeat-offset matches: at least 6 bytes */
#define ZE_WINDOW	65536
#define ZE_MAXSEQ	(ZE_BLOCK / 4 + 1)	/* matches are >= 4 bytes */
#define ZE_MINMATCH	4
#define ZE_LIT_SLACK	64	/* literal buffer room for wide copies */

/*
 * The dictionary window: an input of up to ZE_DICT_WIN_INPUT bytes (a
 * page) is compressed with the last ZE_DICT_WIN bytes of the content copied
 * before it (the work memory's win[], kept while the dictionary is the
 * same), so positions in both fit u16 and the page's own parse runs over
 * one history, as in a unit: repeat offsets and candidates need no test
 * of which side they fall on. The content's positions are looked up in
 * one read-only table of their 8-byte hashes (ze_cdict.wt), after the
 * page's own long table. On the corpus (make bench, 110 KiB dictionary)
 * against the bucket probe it replaces for pages: compress +27 %, ratio
 * -0.4 % (3.655 -> 3.640; docs/BENCHMARKS.md 5.2, "Dictionary window").
 */
#define ZE_DICT_WIN_INPUT 4096
#define ZE_DICT_WIN	(65536 - ZE_DICT_WIN_INPUT)
#define ZE_DICT_WIN_MIN	64	/* shorter content: the bucket probe */
#define ZE_DICT_WT_HLOG	16

/* FSE encoding table of one symbol kind (LL 36, ML 53, OF 32 symbols). */
struct ze_fse_sym {
	s32 dfind;	/* deltaFindState */
	u32 dnb;	/* deltaNbBits */
};
struct ze_fse {
	u16 state[1 << ZS_LL_AL];
	struct ze_fse_sym sym[ZS_ML_MAX + 1];	/* 8 bytes: indexed by a scaled load */
	u16 first[ZS_ML_MAX + 1];		/* lowest state of each symbol */
	u8 al;
};

/* Encoding tables of the predefined distributions (zstd_predef.c). */
extern const struct ze_fse ze_ll_pre, ze_ml_pre, ze_of_pre;
/* What coding one symbol costs with them, in 1/256 bits (ze_lg). */
extern const u16 ze_ll_pre_cost[ZS_LL_MAX + 1], ze_ml_pre_cost[ZS_ML_MAX + 1],
	ze_of_pre_cost[29];

/* log2(x) * 256, linear between powers of two: good enough for choices. */
static __always_inline u32 ze_lg(u32 x)
{
	unsigned int h = zs_hb32(x);

	return (h << 8) + (((x << 8) >> h) - 256);
}


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
 * sizeof(struct tz_zstd_cws) is about 256 KiB (x86-64), checked against
 * TZ_ZSTD_CWORKMEM_SIZE (tz_zstd.h) at build time. A 4 KiB page touches at
 * most about 45 KiB of it per call: the two hash tables 16 KiB (cleared; a
 * unit up to 48 KiB),
 * sequence store 8 KiB (typically ~2 KiB), codes 4 KiB, literals 4 KiB,
 * FSE tables 6.5 KiB, Huffman scratch 8.5 KiB, the rest < 2 KiB; with a
 * dictionary also its window, 64 KiB (copied once per dictionary).
 */
struct tz_zstd_cws {
	u16 hlong[1 << ZE_UNIT_HLOGL];	/* hash of 8 bytes -> latest position */
	u16 hshort[1 << ZE_UNIT_HLOGS];	/* hash of 4 (6 in units) bytes -> latest */
	/* Sequences as the match finder codes them (ze_put_codes). */
	u64 xv[ZE_MAXSEQ];		/* extra bits: LL, ML, OF from bit 0 up */
	u8 llc[ZE_MAXSEQ], mlc[ZE_MAXSEQ], ofc[ZE_MAXSEQ], xn[ZE_MAXSEQ];
	u32 cll[ZS_LL_MAX + 1], cml[ZS_ML_MAX + 1], cof[ZS_OF_MAX + 1];	/* code counts */
	u8 lit[ZE_BLOCK + ZE_LIT_SLACK];
	struct ze_fse ll, ml, of;	/* custom tables of this block */
	struct ze_fse hw;		/* Huffman weights table */
	struct ze_huf_scratch huf;
	u8 spread[(2 << ZS_LL_AL) + 16];	/* FSE spread scratch + linear layout */
	s16 norm[ZS_ML_MAX + 1];
	/* A dictionary window, then the input (ZE_DICT_WIN), and read slack. */
	u64 win_stamp;			/* whose window win[] holds, 0: none */
	u8 win[ZE_DICT_WIN + ZE_DICT_WIN_INPUT + 8];
};

/*
 * The encoder's prepared part of a dictionary (tz_zstd_dict.enc, built once
 * by ze_cdict_build, then only read): its content's positions hashed by
 * their first ZE_DICT_MINMATCH bytes, ZE_DICT_WAYS per bucket (newest
 * first), so a page position finds several candidates in one 32-byte
 * bucket and keeps the longest match.
 */
#define ZE_DICT_WAYS	8
#define ZE_DICT_MINMATCH 5	/* 4-byte matches 100 KiB back cost more than literals */
/*
 * Only the last ZE_DICT_SPAN bytes of the content are indexed, and only
 * inputs whose blocks end within ZE_DICT_SPAN probe it: offsets stay below
 * 2^24, so a sequence's extra bits (<= 16 + 16 + 24) fit the stream
 * writer's 64-bit accumulator (zstd_enc_ent.c).
 */
#define ZE_DICT_SPAN	(1u << 23)
#define ZE_DICT_HLOG_MIN 6
#define ZE_DICT_HLOG_MAX 16	/* 2.5 MiB of buckets at most */

/*
 * A zstd-format dictionary's entropy tables made ready to encode with
 * (RFC 8878 5: a frame's first block may use them as "repeat" FSE tables
 * and for treeless literals); each block takes them where they cost fewer
 * bits than its own tables with their descriptions.
 */
#define ZE_NO_COST 0xffff	/* symbol absent from the dictionary's table */
struct ze_cdict_ent {
	u16 hcode[256];		/* Huffman code per literal */
	u8 hlen[256];		/* its length in bits, 0: absent */
	struct ze_fse ll, ml, of;
	/* What coding a symbol costs, in 1/256 bits, or ZE_NO_COST. */
	u16 llcost[ZS_LL_MAX + 1], mlcost[ZS_ML_MAX + 1], ofcost[ZS_OF_MAX + 1];
};

struct ze_cdict {
	const struct ze_cdict_ent *ent;	/* NULL: raw content, no tables */
	struct ze_cdict_ent ent_mem;
	const u8 *content;	/* the dictionary's content (tz_zstd_dict.content) */
	u32 len;		/* its length (capped: only [len - ZE_DICT_SPAN, len) is used) */
	unsigned int hlog;	/* 0: content shorter than 8 bytes, nothing indexed */
	/* The window (ZE_DICT_WIN): its length, 0 when pages take the buckets. */
	u32 win_len;
	u64 stamp;		/* this build, never another's: names win[] copies */
	u16 wt[1 << ZE_DICT_WT_HLOG];	/* 8-byte hash -> window position */
	/* Buckets of ZE_DICT_WAYS ways, newest first. */
	struct ze_dict_bucket {
		u64 tag;		/* 8 more hash bits per way: most probes end here */
		u32 pos[ZE_DICT_WAYS];	/* content positions, in [0, len - 8] */
	} t[];
};

/*
 * The first ZE_DICT_MINMATCH (5) bytes of x (little-endian), hashed: the
 * bucket in the top hlog bits, the way's tag in the 8 below.
 */
static __always_inline u64 ze_dict_hash(u64 x, unsigned int hlog)
{
	return ((x << (64 - 8 * ZE_DICT_MINMATCH)) * 0xCF1BBCDCB7A56463ull) >> (56 - hlog);
}

/* A window position's table slot (ze_cdict.wt): its first 8 bytes hashed. */
static __always_inline u32 ze_dict_wt_hash(u64 x)
{
	return (u32)((x * 0xCF1BBCDCB7A56463ull) >> (64 - ZE_DICT_WT_HLOG));
}

/*
 * A block's parse runs in pieces of ZE_PARSE_PIECE input bytes when it is
 * longer: the caller ends and begins its SIMD section between them
 * (tz_simd_yield, zstd_enc.c), so a unit compressed with a vector variant
 * keeps preemption off for one piece at a time. A piece ends between two
 * of the parse's steps, so its output is the same as in one go.
 */
#define ZE_PARSE_PIECE	8192

/* Match finder parameters of one block. */
struct ze_params {
	unsigned int level;
	const struct ze_cdict *cd;	/* dictionary (dictionary finders only) */
	u32 base;			/* input bytes before this block */
	u32 hist;			/* of them, history for this block's matches */
	bool clear;			/* the frame's first parse: clear the tables */
	unsigned int hlogl, hlogs;	/* hash table sizes (log2) */
	bool probe;			/* the dictionary's table may be probed */
	const u16 *wt;			/* the window's table: the input is in win[] */
	bool resume;			/* go on from the block's cursor (ze_block.cur) */
	u32 stop;			/* parse up to here (input bytes), then return */
};

/* Literal length < 64 -> code | extra bits << 8 (RFC 8878 3.1.1.3.2.1.1). */
extern const u16 ze_ll_cb[64];
/* Match length - 3 < 128 -> code | extra bits << 8. */
extern const u16 ze_ml_cb[128];

/* Highest set bit (v != 0): clz ^ 31 is one bsr, where 31 - clz is not always. */
static __always_inline unsigned int ze_hb(u32 v)
{
	return (unsigned int)__builtin_clz(v) ^ 31;
}

/*
 * Code and extra bits of a literal length / match length. Every code's
 * base is a multiple of 2^bits (ML counted from 3), so the extra value is
 * the low bits: x & ((1 << bits) - 1), one bzhi.
 */
static __always_inline u32 ze_ll_codebits(u32 ll)
{
	return ll < 64 ? ze_ll_cb[ll] : (ze_hb(ll) + 19) | ze_hb(ll) << 8;
}

static __always_inline u32 ze_ml_codebits(u32 mb)
{
	return mb < 128 ? ze_ml_cb[mb] : (ze_hb(mb) + 36) | ze_hb(mb) << 8;
}

/*
 * Sequence i (literal length ll, match length ml >= 3, offset value ov as
 * coded) into the entropy stage's form: its three codes, its extra bits
 * packed in stream order (<= 16 + 16 + 15 bits), and the code counts.
 * The match finder calls it as it finds each sequence.
 */
static __always_inline void ze_put_codes(struct tz_zstd_cws *ws, unsigned int i, u32 ll,
					 u32 ml, u32 ov)
{
	u32 mb = ml - 3, lcb = ze_ll_codebits(ll), mcb = ze_ml_codebits(mb);
	unsigned int lc = lcb & 0xff, lb = lcb >> 8, mc = mcb & 0xff, mbits = mcb >> 8;
	unsigned int oc = ze_hb(ov);

	ws->llc[i] = (u8)lc;
	ws->mlc[i] = (u8)mc;
	ws->ofc[i] = (u8)oc;
	ws->xv[i] = (ll & ((1u << lb) - 1)) | (u64)(mb & ((1u << mbits) - 1)) << lb |
		    (u64)(ov & ((1u << oc) - 1)) << (lb + mbits);
	ws->xn[i] = (u8)(lb + mbits + oc);
	ws->cll[lc]++;
	ws->cml[mc]++;
	ws->cof[oc]++;
}

/* Where a parse stopped (ze_params.stop) and goes on from. */
struct ze_cursor {
	const u8 *ip, *anchor;	/* next position, first literal not yet stored */
	u8 *lp;			/* literal buffer's end */
	unsigned int nseq;
	u32 rep[3];
	u32 next;		/* level 3: the next position to link */
};

/* Match finder result for one block. */
struct ze_block {
	unsigned int nseq, nlit;
	u32 rep[3];		/* in: at block start, out: at block end */
	const struct ze_cdict_ent *dent;	/* the dictionary's tables (first block) */
	bool parsed;		/* the parse reached the block's end (nseq, nlit set) */
	struct ze_cursor cur;	/* otherwise where it stopped */
};

typedef void (*ze_match_fn)(struct tz_zstd_cws *ws, const u8 *src, size_t len,
			    const struct ze_params *p, struct ze_block *b);
extern const ze_match_fn ze_match_fn_scalar, ze_match_fn_avx2, ze_match_fn_neon;
/* The same finders with a dictionary's content as history (p->cd). */
extern const ze_match_fn ze_match_dict_fn_scalar, ze_match_dict_fn_avx2,
	ze_match_dict_fn_neon;

struct tz_zstd_dict;
/*
 * zstd_enc.c: one frame of src into dst; with dict (prepared, its encoder
 * part built) the frame names its id and matches reach into its content.
 */
int ze_compress_frame(enum tz_variant v, const void *src, unsigned int src_len, void *dst,
		      unsigned int dst_cap, int level, void *wrkmem,
		      const struct tz_zstd_dict *dict);

/* zstd_enc_ent.c: literals + sequences sections into [op, oend); size or < 0. */
typedef int (*ze_ent_fn)(struct tz_zstd_cws *ws, const struct ze_block *b,
			 u8 *op, u8 *oend);
int ze_encode_block_body(struct tz_zstd_cws *ws, const struct ze_block *b,
			 u8 *op, u8 *oend);
/* zstd_enc_ent_bmi2.c: the same built for BMI2 (x86-64, AVX2/AVX-512 variants). */
int ze_encode_block_body_bmi2(struct tz_zstd_cws *ws, const struct ze_block *b,
			      u8 *op, u8 *oend);

#endif /* TZ_ZSTD_ENC_H */
