/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zstd_internal.h - definitions shared by the ZSTD decoder and encoder
 * files: format constants of RFC 8878, the backward bit reader, FSE/Huffman
 * decoding table layouts and the decoder work memory.
 */
#ifndef TZ_ZSTD_INTERNAL_H
#define TZ_ZSTD_INTERNAL_H

#include "tz_port.h"
#include "tz_cpu.h"

/* The attribute of a variant built for the build's own target: none. */
#define ZS_NO_TARGET

#define ZS_MAGIC		0xFD2FB528u
#define ZS_SKIP_MAGIC		0x184D2A50u	/* low 4 bits free */
#define ZS_BLOCK_MAX		(128 * 1024)
#define ZS_LL_MAX		35
#define ZS_ML_MAX		52
#define ZS_OF_MAX		31
#define ZS_LL_AL		9	/* largest accuracy logs allowed */
#define ZS_ML_AL		9
#define ZS_OF_AL		8
#define ZS_HW_AL		6	/* Huffman weights */
#define ZS_HUF_BITS		11	/* longest Huffman code */
#define ZS_LIT_SLACK		64	/* writable bytes past the literal buffer */
/* Bytes past a copy's end that the decoder's fast paths read or write. */
#define ZS_WILD			64

/* Error returns inside the codec; entry points map them to errno. */
#ifdef ZS_DEBUG	/* userspace debugging only: say where input was rejected */
#include <stdio.h>
#define ZS_ECORRUPT		(fprintf(stderr, "corrupt: %s:%d\n", __FILE__, __LINE__), -TZ_ECORRUPT)
#else
#define ZS_ECORRUPT		(-TZ_ECORRUPT)
#endif
#define ZS_ENOSPC		(-TZ_ENOSPC)

/*
 * Rejections that RFC 8878 requires ("a bitstream not entirely and exactly
 * consumed ... is considered corrupted", "Reserved must be all-zeroes")
 * and that libzstd 1.5.4 makes on some paths only, or not at all (its fast
 * Huffman loop checks the output length, not the stream's end). Built with -DZS_STRICT_TRACE (the differential fuzzer), a
 * rejection records which rule fired, and only these may differ there:
 * ours an error where libzstd decodes.
 */
enum zs_strict_rule {
	ZS_STRICT_NONE,
	ZS_STRICT_HUF_END,	/* Huffman stream not exactly used up */
	ZS_STRICT_HUF_MARK,	/* one of 4 Huffman streams without its end mark */
	ZS_STRICT_SEQ_OVER,	/* sequences read past their bitstream's start */
	ZS_STRICT_SEQ_END,	/* sequence bitstream not used up */
	/*
	 * Block_Size over Block_Maximum_Size (libzstd's one-shot decoder
	 * checks 128 KiB only)
	 */
	ZS_STRICT_BLOCK_MAX,
	/* reserved bits of Symbol_Compression_Modes (libzstd: from 1.5.6) */
	ZS_STRICT_MODES_RESERVED,
	ZS_STRICT_HUF_BITS,	/* Huffman codes over 11 bits (libzstd: 12) */
	/*
	 * FSE description past its alphabet (libzstd reads the Huffman
	 * weights' with symbols up to 255; ours: weights 0..15)
	 */
	ZS_STRICT_FSE_SYM,
	/*
	 * offset before the dictionary's content (with a DDict, libzstd's
	 * history is the whole dictionary, header and tables too)
	 */
	ZS_STRICT_DICT_OFFSET,
	/*
	 * Number_of_Sequences 0 in its 2- or 3-byte form with more of the
	 * block after it (libzstd 1.5.6: "extraneous data present in the
	 * Sequences section"; 1.5.4 and the kernel's 1.5.2 read modes and
	 * tables and no bitstream)
	 */
	ZS_STRICT_NSEQ0_DATA,
	/*
	 * FSE description read past the end of its input (libzstd, given 8
	 * bytes or more, reads its last 4 bytes again instead of failing)
	 */
	ZS_STRICT_FSE_PAST_END,
	ZS_STRICT_COUNT
};
#ifdef ZS_STRICT_TRACE
extern int zs_strict_fired;
#define ZS_ESTRICT(rule)	(zs_strict_fired = (rule), ZS_ECORRUPT)
#else
#define ZS_ESTRICT(rule)	ZS_ECORRUPT
#endif

static __always_inline unsigned int zs_hb32(u32 v)	/* v != 0 */
{
	return 31 - __builtin_clz(v);
}

/*
 * One FSE decoding state: symbol's baseline and extra bit count are
 * pre-resolved (sequences), or base = symbol (Huffman weights). A state
 * is a pointer to its entry: the next one is entry + next + nbits bits
 * read (no table base needed).
 */
struct zs_fse_e {
	u32 base;
	s16 next;	/* next state, relative to this entry */
	u8 nbits;	/* state bits to read */
	u8 add;		/* extra value bits of the symbol */
};

extern const u32 zs_ll_base[ZS_LL_MAX + 1];
extern const u8 zs_ll_bits[ZS_LL_MAX + 1];
extern const u32 zs_ml_base[ZS_ML_MAX + 1];
extern const u8 zs_ml_bits[ZS_ML_MAX + 1];
extern const u32 zs_of_base[ZS_OF_MAX + 1];
extern const u8 zs_of_bits[ZS_OF_MAX + 1];
extern const s16 zs_ll_def[ZS_LL_MAX + 1];
extern const s16 zs_ml_def[ZS_ML_MAX + 1];
extern const s16 zs_of_def[29];
#define ZS_LL_DEF_AL 6
#define ZS_ML_DEF_AL 6
#define ZS_OF_DEF_AL 5
/* Prebuilt decoding tables for the predefined distributions. */
extern const struct zs_fse_e zs_ll_pre[1 << ZS_LL_DEF_AL];
extern const struct zs_fse_e zs_ml_pre[1 << ZS_ML_DEF_AL];
extern const struct zs_fse_e zs_of_pre[1 << ZS_OF_DEF_AL];

/*
 * Backward bit reader (RFC 8878 4.1 / Huffman and FSE streams): bits are
 * read from the end of the stream, most significant first. c holds the
 * 8 bytes at p; n bits of it are consumed. p never leaves [s, s+len-8]
 * for streams of 8+ bytes; shorter ones are assembled once and p == s.
 * n may exceed 64 only for corrupt streams: shifts are masked so that
 * this gives garbage values, never undefined behaviour, and reload()
 * reports it.
 */
struct zs_br {
	u64 c;
	unsigned int n;
	const u8 *p;
	const u8 *s;
};

static __always_inline int zs_br_init(struct zs_br *b, const u8 *src, size_t len)
{
	u8 last;

	if (unlikely(len == 0))
		return ZS_ECORRUPT;
	last = src[len - 1];
	if (unlikely(last == 0))
		return ZS_ECORRUPT;	/* no end marker */
	b->s = src;
	if (len >= 8) {
		b->p = src + len - 8;
		b->c = get_unaligned_le64(b->p);
		b->n = 8 - zs_hb32(last);
	} else {
		u64 c = 0;
		size_t i;

		for (i = 0; i < len; i++)
			c |= (u64)src[i] << (8 * i);
		b->p = src;
		b->c = c;	/* zero top bytes count as consumed */
		b->n = (unsigned int)(8 * (8 - len)) + 8 - zs_hb32(last);
	}
	return 0;
}

/* nb <= 56; valid only for the first 64 consumed bits after a reload. */
static __always_inline u64 zs_br_peek(const struct zs_br *b, unsigned int nb)
{
	return (b->c << (b->n & 63)) >> 1 >> ((63 - nb) & 63);
}

static __always_inline u64 zs_br_read(struct zs_br *b, unsigned int nb)
{
	u64 v = zs_br_peek(b, nb);

	b->n += nb;
	return v;
}

/* 0: more bits loaded or stream fully read; 1: at start with bits left;
 * -1: more bits were consumed than the stream has (overflow).
 */
static __always_inline int zs_br_reload(struct zs_br *b)
{
	size_t nbytes;

	if (unlikely(b->n > 64))
		return -1;
	if (b->p == b->s)
		return b->n == 64 ? 0 : 1;
	nbytes = b->n >> 3;
	if (unlikely((size_t)(b->p - b->s) < nbytes))
		nbytes = b->p - b->s;
	b->p -= nbytes;
	b->n -= (unsigned int)nbytes * 8;
	b->c = get_unaligned_le64(b->p);
	return 0;
}

/* Every bit of the stream was read, no more. */
static __always_inline bool zs_br_done(const struct zs_br *b)
{
	return b->p == b->s && b->n == 64;
}

/*
 * Decoder work memory. Each sequence table (LL, ML, OF) is used through
 * a pointer: to the table built here, to a predefined one (zstd_predef.c)
 * or, later, to a prepared dictionary's; states index their own table.
 * The pointers survive across blocks for the repeat modes.
 */
struct zs_dws {
	struct zs_fse_e ll[1 << ZS_LL_AL], ml[1 << ZS_ML_AL], of[1 << ZS_OF_AL];
	struct zs_fse_e hw[1 << ZS_HW_AL];	/* Huffman weights FSE */
	u16 huf[1 << ZS_HUF_BITS];		/* sym | nbits << 8 */
	const struct zs_fse_e *ll_t, *ml_t, *of_t;
	const u16 *huf_t;			/* NULL: no Huffman table yet */
	struct zs_cache *cache;			/* a context's table cache, or NULL */
	u8 ll_al, ml_al, of_al;
	u8 huf_bits;
	u8 lit[ZS_BLOCK_MAX + ZS_LIT_SLACK];
};
_Static_assert(ZS_LIT_SLACK >= ZS_WILD, "wild copies from ws->lit stay inside it");

/* zstd_fse.c */
int zs_fse_read_ncount(s16 *norm, unsigned int *max_sym, unsigned int *al,
		       unsigned int al_max, const u8 *src, size_t len);
int zs_fse_build(struct zs_fse_e *t, const s16 *norm, unsigned int max_sym,
		 unsigned int al, const u32 *base, const u8 *bits);
void zs_fse_rle(struct zs_fse_e *t, unsigned int sym, const u32 *base, const u8 *bits);

/*
 * The spread of a table without "less than 1" symbols (RFC 8878 4.1.1):
 * its symbols laid out in order in lin[0, 2^al) go to sym[] along the
 * steps, two a round, in a loop of fixed length (al >= 5, so the size is
 * even; the step is odd, so 2^al steps visit every position). Shared by
 * the decoder's table build and the encoder's.
 */
static inline void zs_fse_scatter(u8 *sym, const u8 *lin, unsigned int al)
{
	unsigned int size = 1u << al, mask = size - 1, u, pos = 0;
	unsigned int step = (size >> 1) + (size >> 3) + 3;

	for (u = 0; u < size; u += 2, pos += 2 * step) {
		sym[pos & mask] = lin[u];
		sym[(pos + step) & mask] = lin[u + 1];
	}
}
extern const u32 zs_id_base[16];
extern const u8 zs_id_bits[16];

/*
 * zstd_huf.c. zs_huf_read_weights: a tree description -> w[] (w[sym], up to
 * 256, the implied last one included), *nsym of them, rank[w] counts
 * (ZS_HW_MAX_SYM + 1), the longest code; hwt is 2^ZS_HW_AL entries of
 * scratch. Returns bytes used. zs_huf_fill: the decoding table (2^maxb
 * entries) from those; sorted is nsym bytes of scratch.
 * zs_huf_read_table: both into ws->huf for a block.
 */
#define ZS_HW_MAX_SYM	15	/* weights are 0..11; larger counts are corrupt anyway */
int zs_huf_read_weights(u8 *w, u32 *rank, unsigned int *nsym, unsigned int *maxbits,
			struct zs_fse_e *hwt, const u8 *src, size_t len);
void zs_huf_fill(u16 *dt, const u8 *w, unsigned int n, const u32 *rank, unsigned int maxb,
		 u8 *sorted);
int zs_huf_read_table(struct zs_dws *ws, const u8 *src, size_t len);

/* Variant hot paths (zstd_dec_core.h instantiated per variant). */
struct zs_seq_ctx {
	const u8 *lit, *lit_end, *lit_safe;	/* literals, readable up to lit_safe */
	u8 *fstart;				/* frame start: offsets may reach it */
	const u8 *dict_end;			/* and dict_len bytes of content before */
	size_t dict_len;
	u32 rep[3];
};
typedef int (*zs_huf4_fn)(const u16 *dt, unsigned int tb, const u8 *src, size_t len,
			  u8 *dst, size_t regen, bool four);
typedef int (*zs_seq_fn)(struct zs_seq_ctx *sc, const struct zs_dws *ws,
			 const u8 *src, size_t len, unsigned int nseq,
			 u8 *op, u8 *oend);
struct zs_dec_ops {
	zs_huf4_fn huf;
	zs_seq_fn seq;
	zs_seq_fn seq_dict;	/* frames with a dictionary's content before them */
};
extern const struct zs_dec_ops zs_dec_scalar;
extern const struct zs_dec_ops zs_dec_avx2;
extern const struct zs_dec_ops zs_dec_neon;

#endif /* TZ_ZSTD_INTERNAL_H */
