/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zstd_dec_core.h - the decoder's hot loops (Huffman literal streams,
 * sequence decoding + execution), written once and specialised per
 * variant: each zstd_dec_<variant>.c instantiates them inside functions
 * compiled for its target, with v a compile-time constant. Copies widen
 * with the variant (16 or 32-byte chunks, as 16-byte moves: zs_mov16)
 * and, with BMI2 on, the bit reader uses shlx/shrx/bzhi.
 */
#ifndef TZ_ZSTD_DEC_CORE_H
#define TZ_ZSTD_DEC_CORE_H

#include "zstd_internal.h"

static __always_inline unsigned int zs_chunk(enum tz_variant v)
{
	return v == TZ_VARIANT_AVX2 ? 32 : 16;	/* AVX-512 runs AVX2's (zstd_dec.c) */
}

/*
 * 16 bytes. The x86 variants copy through tz_mov16_asm (tz_vasm.h), so
 * that the sequence loop holds no vector variable and keeps the frame
 * pointer's register (it is short of registers).
 */
static __always_inline void zs_mov16(u8 *d, const u8 *s, enum tz_variant v)
{
	(void)v;	/* only x86 outside AddressSanitizer looks at it */
#ifdef TZ_HAVE_VASM
	if (v == TZ_VARIANT_AVX2) {
		tz_mov16_asm(d, s);
		return;
	}
#endif
	__builtin_memcpy(d, s, 16);
}

/* A chunk (zs_chunk: 32 or 16 bytes) as 16-byte moves (zs_mov16). */
static __always_inline void zs_copy_chunk(u8 *d, const u8 *s, enum tz_variant v)
{
	unsigned int i;

	for (i = 0; i < zs_chunk(v); i += 16)
		zs_mov16(d + i, s + i, v);
}

/* Copy n bytes in whole chunks: may read and write up to chunk-1 past n. */
static __always_inline void zs_wildcopy(u8 *d, const u8 *s, size_t n, enum tz_variant v)
{
	u8 *e = d + n;

	do {
		zs_copy_chunk(d, s, v);
		d += zs_chunk(v);
		s += zs_chunk(v);
	} while (d < e);
}

/*
 * Match copy, op - m = off >= 1, with ZS_WILD bytes of room after
 * op + ml. Short offsets first lay down 8 bytes one at a time, then step
 * the source back by a whole number of periods so that the distance is
 * at least 8 and 8-byte chunks never overlap their own source.
 */
static __always_inline void zs_copy_match(u8 *op, const u8 *m, size_t ml, size_t off,
					  enum tz_variant v)
{
	static const u8 period8[8] = { 0, 8, 8, 9, 8, 10, 12, 14 };
	u8 *e = op + ml;

	if (likely(off >= zs_chunk(v))) {
		zs_wildcopy(op, m, ml, v);
		return;
	}
	if (off < 8) {
		op[0] = m[0]; op[1] = m[1]; op[2] = m[2]; op[3] = m[3];
		op[4] = m[4]; op[5] = m[5]; op[6] = m[6]; op[7] = m[7];
		m = op + 8 - period8[off];
		op += 8;
	}
	while (op < e) {
		__builtin_memcpy(op, m, 8);
		op += 8;
		m += 8;
	}
}

/* One Huffman symbol: a table entry is the symbol | its bit count << 8. */
static __always_inline u8 zs_huf_sym(const u16 *dt, unsigned int tb, struct zs_br *b)
{
	u16 e = dt[zs_br_peek(b, tb)];

	b->n += e >> 8;
	return (u8)e;
}

/*
 * Finish one Huffman stream (backward bitstream, reader b) with every
 * check: exactly oend - op more symbols, then the stream must be used up.
 */
static __always_inline int zs_huf_tail(const u16 *dt, unsigned int tb, struct zs_br *bp,
				       u8 *op, u8 *oend)
{
	struct zs_br b = *bp;

	/* After a full reload at most 7 bits are used: 4 x 11 more fit. */
	while (oend - op >= 4) {
		if (zs_br_reload(&b) < 0)
			return ZS_ESTRICT(ZS_STRICT_HUF_END);
		if (b.p == b.s)
			break;
		op[0] = zs_huf_sym(dt, tb, &b);
		op[1] = zs_huf_sym(dt, tb, &b);
		op[2] = zs_huf_sym(dt, tb, &b);
		op[3] = zs_huf_sym(dt, tb, &b);
		op += 4;
	}
	while (op < oend) {
		if (zs_br_reload(&b) < 0)
			return ZS_ESTRICT(ZS_STRICT_HUF_END);
		*op++ = zs_huf_sym(dt, tb, &b);
	}
	if (zs_br_reload(&b) < 0 || !zs_br_done(&b))
		return ZS_ESTRICT(ZS_STRICT_HUF_END);
	return 0;
}

/*
 * Five symbols, then a branchless reload. The caller proved p - s >= 8
 * and op + 5 within the stream's output. Bits: n <= 8 on entry (after
 * init or a reload), 5 x tb <= 55 more: n <= 63 and p steps back <= 7.
 * sh = 64 - tb (tb >= 1: a valid shift).
 */
static __always_inline void zs_huf_dec5(const u16 *dt, unsigned int sh, struct zs_br *b, u8 *op)
{
	u64 c = b->c;
	unsigned int n = b->n, e;

	e = dt[(c << n) >> sh];
	op[0] = (u8)e;
	n += e >> 8;
	e = dt[(c << n) >> sh];
	op[1] = (u8)e;
	n += e >> 8;
	e = dt[(c << n) >> sh];
	op[2] = (u8)e;
	n += e >> 8;
	e = dt[(c << n) >> sh];
	op[3] = (u8)e;
	n += e >> 8;
	e = dt[(c << n) >> sh];
	op[4] = (u8)e;
	n += e >> 8;
	b->p -= n >> 3;
	b->n = n & 7;
	b->c = get_unaligned_le64(b->p);
}

/* Literals: one stream, or four behind a 6-byte jump table. */
static __always_inline int zs_huf_core(const u16 *dt, unsigned int tb, const u8 *src,
				       size_t len, u8 *dst, size_t regen, bool four,
				       enum tz_variant v)
{
	const unsigned int sh = 64 - tb;
	struct zs_br b1 = { 0 }, b2 = { 0 }, b3 = { 0 }, b4 = { 0 };
	size_t l1, l2, l3, seg;
	u8 *op1, *op2, *op3, *op4, *oend = dst + regen;
	int r;

	(void)v;
	if (!four) {
		if (zs_br_init(&b1, src, len))
			return ZS_ECORRUPT;
		op1 = dst;
		while (oend - op1 >= 5 && b1.p - b1.s >= 8) {
			zs_huf_dec5(dt, sh, &b1, op1);
			op1 += 5;
		}
		return zs_huf_tail(dt, tb, &b1, op1, oend);
	}
	if (len < 10)
		return ZS_ECORRUPT;
	l1 = get_unaligned_le16(src);
	l2 = get_unaligned_le16(src + 2);
	l3 = get_unaligned_le16(src + 4);
	if (l1 + l2 + l3 + 6 >= len)
		return ZS_ECORRUPT;
	seg = (regen + 3) / 4;
	if (seg * 3 > regen)
		return ZS_ECORRUPT;
	src += 6;
	if (zs_br_init(&b1, src, l1) || zs_br_init(&b2, src + l1, l2) ||
	    zs_br_init(&b3, src + l1 + l2, l3) ||
	    zs_br_init(&b4, src + l1 + l2 + l3, len - 6 - l1 - l2 - l3))
		return ZS_ESTRICT(ZS_STRICT_HUF_MARK);
	op1 = dst;
	op2 = dst + seg;
	op3 = dst + 2 * seg;
	op4 = dst + 3 * seg;
	/* Stream 4 is the shortest (regen - 3 seg <= seg): its room bounds all. */
	while (oend - op4 >= 5 && b1.p - b1.s >= 8 && b2.p - b2.s >= 8 &&
	       b3.p - b3.s >= 8 && b4.p - b4.s >= 8) {
		zs_huf_dec5(dt, sh, &b1, op1);
		zs_huf_dec5(dt, sh, &b2, op2);
		zs_huf_dec5(dt, sh, &b3, op3);
		zs_huf_dec5(dt, sh, &b4, op4);
		op1 += 5;
		op2 += 5;
		op3 += 5;
		op4 += 5;
	}
	r = zs_huf_tail(dt, tb, &b1, op1, dst + seg);
	r |= zs_huf_tail(dt, tb, &b2, op2, dst + 2 * seg);
	r |= zs_huf_tail(dt, tb, &b3, op3, dst + 3 * seg);
	r |= zs_huf_tail(dt, tb, &b4, op4, oend);
	return r ? ZS_ECORRUPT : 0;
}

/*
 * Resolve the offset value ov (RFC 8878 3.1.2.5): 0 for a corrupt one.
 * Repeat offsets: r0 alone, r1 and r2 packed in r12 (r1 low, r2 high),
 * one register fewer in the sequence loop, which is short of them.
 *
 * On x86-64 without a branch: on the corpus 60 % of sequences repeat an
 * offset, so "new or repeat" and then which repeat are coin tosses that a
 * branch mispredicts (~100 of ~160 mispredictions a page in the sequence
 * loop under cachegrind's model). cmov selects are written in asm because
 * GCC turns the same C selects back into jumps. idx: 0 r0, 1 r1, 2 r2,
 * 3 r0 - 1 (a repeat), >= 3 with ov > 3 (a new offset, ov - 3).
 * Updates: idx 0 none; idx 1 swaps r0 and r1; otherwise r2 = r1, r1 = r0.
 */
static __always_inline size_t zs_offset(u32 ov, size_t ll, u32 *r0, u64 *r12)
{
#if defined(__x86_64__)
	u32 idx = ov - 1 + (ll == 0);
	u64 r = *r0, old = *r12, off, hi, t;

	__asm__("mov %k[old], %k[hi]\n\t"	/* hi = r1 */
		"mov %[old], %[off]\n\t"
		"shr $32, %[off]\n\t"		/* off = r2 */
		"mov %[off], %[t]\n\t"
		"cmp $1, %k[idx]\n\t"
		"cmove %[hi], %[off]\n\t"	/* idx 1: off = r1, */
		"cmove %[t], %[hi]\n\t"	/* and r2 stays: hi = r2 */
		"shl $32, %[hi]\n\t"
		"or %[r], %[hi]\n\t"		/* new r12: hi << 32 | r0 */
		"lea -1(%[r]), %k[t]\n\t"
		"cmp $3, %k[idx]\n\t"
		"cmove %[t], %[off]\n\t"	/* idx 3: r0 - 1 */
		"test %k[idx], %k[idx]\n\t"
		"cmove %[r], %[off]\n\t"	/* idx 0: r0, */
		"cmove %[old], %[hi]\n\t"	/* nothing moves */
		"lea -3(%[ov]), %k[t]\n\t"
		"cmp $3, %k[ov]\n\t"
		"cmova %[t], %[off]"		/* a new offset */
		: [off] "=&r"(off), [hi] "=&r"(hi), [t] "=&r"(t)
		: [idx] "r"(idx), [r] "r"(r), [old] "r"(old), [ov] "r"((u64)ov)
		: "cc");
	*r12 = hi;
	*r0 = (u32)off;
	return (u32)off;
#else
	size_t off;
	unsigned int idx;

	if (ov > 3) {
		off = ov - 3;
		*r12 = *r12 << 32 | *r0;
		*r0 = (u32)off;
		return off;
	}
	idx = ov - 1 + (ll == 0);
	if (idx == 0)
		return *r0;
	if (idx == 1) {
		off = (u32)*r12;
		*r12 = (*r12 >> 32) << 32 | *r0;
		*r0 = (u32)off;
		return off;
	}
	off = idx == 3 ? *r0 - 1 : (u32)(*r12 >> 32);
	*r12 = *r12 << 32 | *r0;
	*r0 = (u32)off;
	return off;
#endif
}

/*
 * Execute one sequence with every check: literal length within the
 * literals left, all writes within oend, offset within this frame's output
 * and the dictionary's content before it. On success the caller advances
 * op by ll + ml and lit by ll.
 */
static __always_inline int zs_exec_careful(const struct zs_seq_ctx *sc, u8 *oend, u8 *op,
					   const u8 *lit, size_t ll, size_t ml, size_t off,
					   enum tz_variant v)
{
	size_t in_frame = (size_t)(op - sc->fstart) + ll;
	bool wild;
	const u8 *m;

	if (unlikely(ll > (size_t)(sc->lit_end - lit)))
		return ZS_ECORRUPT;
	if (unlikely(ll + ml > (size_t)(oend - op)))
		return ZS_ENOSPC;
	if (unlikely(off == 0 || off > in_frame + sc->dict_len))
		return sc->dict_len ? ZS_ESTRICT(ZS_STRICT_DICT_OFFSET) : ZS_ECORRUPT;
	wild = (size_t)(oend - op) >= ll + ml + ZS_WILD &&
	       (size_t)(sc->lit_safe - lit) >= ll + ZS_WILD;
	if (wild)
		zs_wildcopy(op, lit, ll, v);
	else
		memcpy(op, lit, ll);
	op += ll;
	if (off > in_frame) {
		/* From the dictionary's content, then perhaps on from the
		 * frame's start. Wild reads only where they stay inside it.
		 */
		size_t back = off - in_frame;

		m = sc->dict_end - back;
		if (ml <= back) {
			if (wild && back >= ml + ZS_WILD)
				zs_wildcopy(op, m, ml, v);
			else
				memcpy(op, m, ml);
			return 0;
		}
		memcpy(op, m, back);
		op += back;
		ml -= back;
		m = sc->fstart;
	} else {
		if (wild) {
			zs_copy_match(op, op - off, ml, off, v);
			return 0;
		}
		m = op - off;
	}
	while (ml--)
		*op++ = *m++;
	return 0;
}

/*
 * The literals of a sequence within the fast limits. Most literal runs
 * are <= 16 bytes: one 16-byte move first (overrun <= max(16, chunk - 1)
 * <= ZS_WILD). Returns op + ll.
 */
static __always_inline u8 *zs_fast_lits(u8 *op, const u8 *lit, size_t ll, enum tz_variant v)
{
	zs_mov16(op, lit, v);
	if (unlikely(ll > 16))
		zs_wildcopy(op + 16, lit + 16, ll - 16, v);
	return op + ll;
}

/*
 * in_dict ? delta : 0 without a branch on x86-64 (cmov; GCC may compile
 * the C select to a jump).
 */
static __always_inline size_t zs_dict_shift(size_t off, size_t in_frame, size_t delta)
{
#if defined(__x86_64__)
	size_t t = 0;

	__asm__("cmp %[inf], %[off]\n\tcmova %[delta], %[t]"
		: [t] "+r"(t) : [off] "r"(off), [inf] "r"(in_frame), [delta] "r"(delta) : "cc");
	return t;
#else
	return off > in_frame ? delta : 0;
#endif
}

/*
 * Execute one sequence with inline wild copies when the fast limits allow;
 * false (nothing done) when they do not: then the caller takes the
 * careful executor.
 *
 * dict (a constant: the loop is built twice, zs_seq_core): the frame has
 * a dictionary's content before it, and a match may start there (54 % of
 * the sequences of the corpus's pages with a trained dictionary: a coin
 * toss), so where it starts is not a branch: the content's end is as far
 * behind the frame's start as the match is from the frame (back = off -
 * in_frame), m = op - off moved by dict_end - fstart (cmov). Such a match
 * must stay inside the content for its length plus ZS_WILD (the wild
 * copies' reads), else the careful executor; then off >= ZS_WILD + 1, a
 * far copy.
 */
static __always_inline bool zs_exec_fast(u8 **opp, const u8 **litp, size_t ll, size_t ml,
					 size_t off, const u8 *lit_fast, u8 *ofast, u8 *fstart,
					 const struct zs_seq_ctx *sc, const bool dict,
					 enum tz_variant v)
{
	u8 *op = *opp;
	const u8 *lit = *litp;
	const u8 *m;
	size_t in_frame = (size_t)(op - fstart) + ll;
	bool src_ok = off - 1 < in_frame;

	/* In bounds: ll <= lit_fast - lit leaves ZS_WILD readable after
	 * the literals, ll + ml <= ofast - op leaves ZS_WILD writable
	 * after the match, 1 <= off <= op + ll - fstart stays in frame.
	 * Signed: the careful path may have moved lit/op past *_fast;
	 * ll, ml < 2^18.
	 */
	if (dict) {
		size_t back = off - in_frame;	/* huge unless off > in_frame */

		src_ok |= (back <= sc->dict_len) & (back >= ml + ZS_WILD);
	}
	if (unlikely(!((ptrdiff_t)ll <= lit_fast - lit && (ptrdiff_t)(ll + ml) <= ofast - op &&
		       src_ok)))
		return false;
	op = zs_fast_lits(op, lit, ll, v);
	m = op - off;
	if (dict)
		m = (const u8 *)((uintptr_t)m +
				 zs_dict_shift(off, in_frame, (uintptr_t)sc->dict_end - (uintptr_t)fstart));
	if (likely(off >= 16)) {
		/* 32 bytes as two ordered 16-byte moves: the second may read
		 * what the first wrote (off < 32), as a byte copy would; the
		 * length test is rarer than at 16 (ml > 16 mispredicts).
		 */
		zs_mov16(op, m, v);
		zs_mov16(op + 16, m + 16, v);
		if (unlikely(ml > 32))
			zs_copy_match(op + 32, m + 32, ml - 32, off, v);
	} else {
		zs_copy_match(op, m, ml, off, v);
	}
	*opp = op + ml;
	*litp = lit + ll;
	return true;
}

/*
 * Execute one sequence: zs_exec_fast, else the out-of-line careful
 * executor (every check, exact copies).
 */
static __always_inline int zs_exec(u8 **opp, const u8 **litp, size_t ll, size_t ml, size_t off,
				   const u8 *lit_fast, u8 *ofast, u8 *fstart,
				   const struct zs_seq_ctx *sc, u8 *oend, enum tz_variant v,
				   int (*careful)(const struct zs_seq_ctx *sc, u8 *oend,
						  u8 *op, const u8 *lit, size_t ll,
						  size_t ml, size_t off))
{
	int r;

	if (likely(zs_exec_fast(opp, litp, ll, ml, off, lit_fast, ofast, fstart, sc, false, v)))
		return 0;
	r = careful(sc, oend, *opp, *litp, ll, ml, off);
	if (r)
		return r;
	*opp += ll + ml;
	*litp += ll;
	return 0;
}

/* Branchless reload: the caller proved that p may step back 8 bytes. */
static __always_inline void zs_br_reload_fast(struct zs_br *b)
{
	b->p -= b->n >> 3;
	b->n &= 7;
	b->c = get_unaligned_le64(b->p);
}

/*
 * Read nb <= 56 bits (n + nb <= 64, as zs_br_read). With BMI2 (the x86
 * variants) as shrx + bzhi from the bottom: 64 - n counts the bits not yet
 * consumed below, masked to 0..63 for n == 0 (then nb == 0 too).
 */
static __always_inline u64 zs_br_read_v(struct zs_br *b, unsigned int nb, enum tz_variant v)
{
	if (v == TZ_VARIANT_AVX2) {
		b->n += nb;
		return (b->c >> ((0u - b->n) & 63)) & ((1ull << nb) - 1);
	}
	return zs_br_read(b, nb);
}

/*
 * Decode and execute nseq sequences from the backward stream src/len,
 * then append the last literals. Writes [op, oend); returns bytes written.
 * The fast loop runs while the bit reader has >= 16 bytes before p and
 * the sequence fits the wild-copy room; everything else goes the careful
 * way (zs_exec_careful, zs_br_reload).
 */
static __always_inline int zs_seq_core(struct zs_seq_ctx *sc, const struct zs_dws *ws,
				       const u8 *src, size_t len, unsigned int nseq,
				       u8 *op, u8 *oend, const bool dict, enum tz_variant v,
				       int (*careful)(const struct zs_seq_ctx *sc, u8 *oend,
						      u8 *op, const u8 *lit, size_t ll,
						      size_t ml, size_t off))
{
	/* States index their own table (zstd_internal.h). */
	const struct zs_fse_e *le, *me, *oe;
	const u8 *lit = sc->lit, *lit_end = sc->lit_end, *lit_safe = sc->lit_safe;
	const u8 *lit_fast, *plim;
	u8 *const ostart = op, *const fstart = sc->fstart, *ofast;
	u32 r0 = sc->rep[0];
	u64 r12 = sc->rep[1] | (u64)sc->rep[2] << 32;
	struct zs_br b = { 0 };
	size_t rest, ll, ml, off;
	int r;

	if (zs_br_init(&b, src, len))
		return ZS_ECORRUPT;
	le = ws->ll_t + zs_br_read(&b, ws->ll_al);
	oe = ws->of_t + zs_br_read(&b, ws->of_al);
	me = ws->ml_t + zs_br_read(&b, ws->ml_al);
	if (zs_br_reload(&b) < 0)
		return ZS_ESTRICT(ZS_STRICT_SEQ_OVER);

	/* Fast-path limits: literals readable and output writable with
	 * ZS_WILD bytes of slack (the wild copies' overrun). zs_block puts
	 * the literals where ZS_WILD bytes after their end are readable.
	 */
	if (unlikely((size_t)(lit_safe - lit_end) < ZS_WILD))
		return ZS_ECORRUPT;	/* never: a caller's bug, not bad input */
	lit_fast = lit_end;
	ofast = (size_t)(oend - op) > ZS_WILD ? oend - ZS_WILD : op;
	plim = len >= 12 ? src + 12 : src + len + 1;	/* + 1: never */
	/*
	 * Not the last sequence (its states are not updated). Bit budget per
	 * sequence from a reloaded reader (n <= 7; p - s >= 12 rules out a
	 * clamped reload): offset <= 31 + ML <= 16 bits (n <= 54), reload,
	 * LL <= 16 + states <= 26 (n <= 49), reload: p steps back <= 6 + 6
	 * bytes, so p - s >= 12 keeps both loads in src.
	 */
fast:
	/* No call inside this loop: a sequence that needs the careful
	 * executor leaves it (below). With the call outside, the compiler
	 * keeps the bit reader, the repeat offsets and the pointers in
	 * registers instead of spilling them around the call.
	 */
	while (nseq > 1 && b.p >= plim) {
		unsigned int nl = le->nbits, nm = me->nbits, no = oe->nbits, sb;
		u32 ov, sv;
		u64 x;

		nseq--;
		/* Offset and ML extra bits in one read (<= 47 bits). */
		x = zs_br_read_v(&b, oe->add + me->add, v);
		ov = oe->base + (u32)(x >> me->add);
		ml = me->base + (size_t)(x & ((1ull << me->add) - 1));
		zs_br_reload_fast(&b);
		/* LL extra bits and the three states in one read (<= 42 bits).
		 * No mask: entry + next + (any nbits value) stays inside the
		 * state's own table (zs_fse_build, zs_fse_rle, predefined).
		 */
		sb = nl + nm + no;
		x = zs_br_read_v(&b, le->add + sb, v);
		ll = le->base + (size_t)(x >> sb);
		sv = (u32)(x & ((1ull << sb) - 1));
		zs_br_reload_fast(&b);
		oe += oe->next + (int)(sv & ((1u << no) - 1));
		sv >>= no;
		me += me->next + (int)(sv & ((1u << nm) - 1));
		le += le->next + (int)(sv >> nm);
		off = zs_offset(ov, ll, &r0, &r12);
		if (unlikely(!zs_exec_fast(&op, &lit, ll, ml, off, lit_fast, ofast, fstart, sc,
					   dict, v)))
			goto careful_seq;
	}
	goto tail;
careful_seq:
	r = careful(sc, oend, op, lit, ll, ml, off);
	if (unlikely(r))
		return r;
	op += ll + ml;
	lit += ll;
	goto fast;
tail:
	while (nseq--) {
		u32 ov;

		/* Bit budget: <= 7 + 26 (states) + 31 (offset) between reloads. */
		ov = oe->base + (u32)zs_br_read(&b, oe->add);
		zs_br_reload(&b);
		ml = me->base + (size_t)zs_br_read(&b, me->add);
		ll = le->base + (size_t)zs_br_read(&b, le->add);
		if (zs_br_reload(&b) < 0)
			return ZS_ESTRICT(ZS_STRICT_SEQ_OVER);
		off = zs_offset(ov, ll, &r0, &r12);
		if (nseq) {
			/* States: one peek for all three updates (<= 27
			 * bits); in their tables as in the fast loop.
			 */
			unsigned int nl = le->nbits, nm = me->nbits, no = oe->nbits;
			u32 sv = (u32)zs_br_read(&b, nl + nm + no);

			oe += oe->next + (int)(sv & ((1u << no) - 1));
			sv >>= no;
			me += me->next + (int)(sv & ((1u << nm) - 1));
			le += le->next + (int)(sv >> nm);
		}
		r = zs_exec(&op, &lit, ll, ml, off, lit_fast, ofast, fstart, sc, oend, v,
			    careful);
		if (unlikely(r))
			return r;
	}
	if (zs_br_reload(&b) < 0)
		return ZS_ESTRICT(ZS_STRICT_SEQ_OVER);
	if (!zs_br_done(&b))
		return ZS_ESTRICT(ZS_STRICT_SEQ_END);
	rest = lit_end - lit;
	if (rest > (size_t)(oend - op))
		return ZS_ENOSPC;
	memcpy(op, lit, rest);
	op += rest;
	sc->rep[0] = r0;
	sc->rep[1] = (u32)r12;
	sc->rep[2] = (u32)(r12 >> 32);
	return (int)(op - ostart);
}

#define ZS_DEC_INSTANTIATE(name, attr, var)					\
static attr int name##_huf(const u16 *dt, unsigned int tb, const u8 *src,	\
			   size_t len, u8 *dst, size_t regen, bool four)	\
{										\
	return zs_huf_core(dt, tb, src, len, dst, regen, four, var);		\
}										\
static noinline attr int							\
name##_careful(const struct zs_seq_ctx *sc, u8 *oend, u8 *op, const u8 *lit,	\
	       size_t ll, size_t ml, size_t off)				\
{										\
	return zs_exec_careful(sc, oend, op, lit, ll, ml, off, var);		\
}										\
static attr int name##_seq(struct zs_seq_ctx *sc, const struct zs_dws *ws,	\
			   const u8 *src, size_t len, unsigned int nseq,	\
			   u8 *op, u8 *oend)					\
{										\
	return zs_seq_core(sc, ws, src, len, nseq, op, oend, false, var,	\
			   name##_careful);					\
}										\
static attr int name##_seq_dict(struct zs_seq_ctx *sc, const struct zs_dws *ws, \
				const u8 *src, size_t len, unsigned int nseq,	\
				u8 *op, u8 *oend)				\
{										\
	return zs_seq_core(sc, ws, src, len, nseq, op, oend, true, var,	\
			   name##_careful);					\
}										\
const struct zs_dec_ops name = { name##_huf, name##_seq, name##_seq_dict }

#endif /* TZ_ZSTD_DEC_CORE_H */
