/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zstd_enc_match.h - the encoder's match finder, written once and
 * specialised per variant. Included by zstd_enc_<variant>.c once per
 * variant, each defining:
 *   ZE_V       name suffix (scalar, avx2, neon)
 *   ZE_SIMD    ZE_SIMD_NONE / ZE_SIMD_AVX2 / ZE_SIMD_NEON
 *   ZE_TARGET  function attribute enabling the instructions (or empty)
 * Only the primitives (match length count, literal copy) differ between
 * variants; the parse is shared, so every variant emits the same bytes.
 *
 * The parse is a double hash: at each position the 8 bytes there index a
 * "long" table and their first 4 a "short" one (one entry each, the most
 * recent position), and the repeat offset is tried one byte ahead. A long
 * candidate that matches 8 bytes is taken; a short one that matches 4 is
 * taken unless the next position has a long match. No chains: each probe
 * is two independent table loads, not a walk of dependent ones. Searching
 * speeds up by a byte every 256 bytes without a match.
 */
#include "zstd_enc.h"

#define ZE_SIMD_NONE 0
#define ZE_SIMD_AVX2 1
#define ZE_SIMD_NEON 3

#define ZE_CAT_(a, b) a##_##b
#define ZE_CAT(a, b) ZE_CAT_(a, b)
#define ZE_FN(n) ZE_CAT(n, ZE_V)

#ifndef ZE_MATCH_COMMON
#define ZE_MATCH_COMMON
#define ZE_SEARCH_STEP_LOG 8	/* the search step grows every 2^8 bytes */

static __always_inline u32 ze_hash4(u32 x, unsigned int hlog)
{
	return (x * 2654435761u) >> (32 - hlog);
}

static __always_inline u32 ze_hash8(u64 x, unsigned int hlog)
{
	return (u32)((x * 0xCF1BBCDCB7A56463ull) >> (64 - hlog));
}

/* Hash of the first n (4..8) bytes of x. */
static __always_inline u32 ze_hashn(u64 x, unsigned int n, unsigned int hlog)
{
	return n == 4 ? ze_hash4((u32)x, hlog) : ze_hash8(x << (64 - 8 * n), hlog);
}

/* The first n (4..8) bytes of a and b are equal. */
static __always_inline bool ze_eqn(u64 a, u64 b, unsigned int n)
{
	return !((a ^ b) << (64 - 8 * n));
}

/* The first n (4..8) bytes at a and b are equal (n == 4: one 32-bit load each). */
static __always_inline bool ze_eqp(const u8 *a, const u8 *b, unsigned int n)
{
	return n == 4 ? tz_read32(a) == tz_read32(b) : ze_eqn(tz_read64(a), tz_read64(b), n);
}

/* Offset value as coded + the decoder's repeat-offset update (RFC 8878 3.1.2.5). */
static __always_inline u32 ze_offval(u32 off, size_t ll, u32 *rep)
{
	u32 ov;

	if (ll) {
		if (off == rep[0])
			return 1;
		if (off == rep[1]) {
			rep[1] = rep[0];
			rep[0] = off;
			return 2;
		}
		ov = off == rep[2] ? 3 : off + 3;
	} else {
		if (off == rep[1]) {
			rep[1] = rep[0];
			rep[0] = off;
			return 1;
		}
		ov = off == rep[2] ? 2 : off == rep[0] - 1 ? 3 : off + 3;
	}
	rep[2] = rep[1];
	rep[1] = rep[0];
	rep[0] = off;
	return ov;
}

/* First differing byte of two 8-byte words (x = a ^ b != 0). */
static __always_inline size_t ze_ndiff(u64 x)
{
	return (size_t)__builtin_ctzll(x) >> 3;
}

/* A parse stopped at p->stop: where it goes on from (ze_params.resume). */
static __always_inline void ze_save_cursor(struct ze_block *b, const u8 *ip, const u8 *anchor,
					   u8 *lp, unsigned int nseq, const u32 *rep, u32 next)
{
	b->cur.ip = ip;
	b->cur.anchor = anchor;
	b->cur.lp = lp;
	b->cur.nseq = nseq;
	b->cur.rep[0] = rep[0];
	b->cur.rep[1] = rep[1];
	b->cur.rep[2] = rep[2];
	b->cur.next = next;
	b->parsed = false;
}

/* Where a stopped parse goes on from: ze_save_cursor's values back. */
static __always_inline void ze_load_cursor(const struct ze_block *b, const u8 **ip,
					   const u8 **anchor, u8 **lp, unsigned int *nseq,
					   u32 *rep, u32 *next)
{
	*ip = b->cur.ip;
	*anchor = b->cur.anchor;
	*lp = b->cur.lp;
	*nseq = b->cur.nseq;
	rep[0] = b->cur.rep[0];
	rep[1] = b->cur.rep[1];
	rep[2] = b->cur.rep[2];
	*next = b->cur.next;
}

/* Where a parse stops: p->stop bytes into src, or at ilimit (the end). */
static __always_inline const u8 *ze_parse_stop(const struct ze_params *p, const u8 *src,
					       const u8 *ilimit)
{
	return p->stop < (size_t)(ilimit - src) ? src + p->stop : ilimit;
}

#endif /* ZE_MATCH_COMMON */

/*
 * Common prefix of a and b (a < b), not reading at or past end. Most
 * matches end within 16-64 bytes: one wide compare decides them, so the
 * loop's exit is well predicted (8-byte steps mispredict on about every
 * other match).
 */
static __always_inline ZE_TARGET size_t ZE_FN(ze_count)(const u8 *a, const u8 *b,
							const u8 *end)
{
	const u8 *s = b;

#if ZE_SIMD == ZE_SIMD_AVX2
	while (likely(b + 32 <= end)) {
		__m256i e = _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)b),
					      _mm256_loadu_si256((const __m256i *)a));
		u32 ne = ~(u32)_mm256_movemask_epi8(e);

		if (ne)
			return (size_t)(b - s) + (size_t)__builtin_ctz(ne);
		a += 32;
		b += 32;
	}
#elif ZE_SIMD == ZE_SIMD_NEON
	while (likely(b + 16 <= end)) {
		uint8x16_t e = vceqq_u8(vld1q_u8(b), vld1q_u8(a));
		/* Each byte of the mask narrowed to a nibble: a 64-bit mask. */
		u64 ne = ~vget_lane_u64(vreinterpret_u64_u8(
				vshrn_n_u16(vreinterpretq_u16_u8(e), 4)), 0);

		if (ne)
			return (size_t)(b - s) + ((size_t)__builtin_ctzll(ne) >> 2);
		a += 16;
		b += 16;
	}
#else
	while (likely(b + 16 <= end)) {
		u64 x0 = tz_read64(a) ^ tz_read64(b), x1 = tz_read64(a + 8) ^ tz_read64(b + 8);

		if (x0 | x1)
			return (size_t)(b - s) + (x0 ? ze_ndiff(x0) : 8 + ze_ndiff(x1));
		a += 16;
		b += 16;
	}
#endif
	while (b + 8 <= end) {
		u64 x = tz_read64(a) ^ tz_read64(b);

		if (x)
			return (size_t)(b - s) + ze_ndiff(x);
		a += 8;
		b += 8;
	}
	while (b < end && *a == *b) {
		a++;
		b++;
	}
	return (size_t)(b - s);
}

/*
 * Literals [s, s + n) to d: 16-byte chunks (one for 99 % of the runs on
 * real pages) while they read below end, then 8-byte ones, then bytes.
 * d has ZE_LIT_SLACK bytes of room past n.
 */
static __always_inline ZE_TARGET void ZE_FN(ze_copy_lits)(u8 *d, const u8 *s, size_t n,
							   const u8 *end)
{
	const u8 *e = s + n;

	if (likely(e + 16 <= end)) {
		do {
#if ZE_SIMD == ZE_SIMD_AVX2
			_mm_storeu_si128((__m128i *)d, _mm_loadu_si128((const __m128i *)s));
#elif ZE_SIMD == ZE_SIMD_NEON
			vst1q_u8(d, vld1q_u8(s));
#else
			tz_write64(d, tz_read64(s));
			tz_write64(d + 8, tz_read64(s + 8));
#endif
			d += 16;
			s += 16;
		} while (s < e);
		return;
	}
	while (s + 8 <= end && s < e) {
		tz_write64(d, tz_read64(s));
		d += 8;
		s += 8;
	}
	while (s < e)
		*d++ = *s++;
}

/* Append one sequence (literals [anchor, anchor + ll), then the match). */
static __always_inline ZE_TARGET void ZE_FN(ze_put_seq)(struct tz_zstd_cws *ws,
							 unsigned int *nseq, u8 **lp,
							 const u8 *anchor, size_t ll,
							 size_t ml, u32 ov, const u8 *iend)
{
	ZE_FN(ze_copy_lits)(*lp, anchor, ll, iend);
	*lp += ll;
	ze_put_codes(ws, *nseq, (u32)ll, (u32)ml, ov);
	(*nseq)++;
}

/*
 * A sequence of no literals matching at rep[1] (its first rmin bytes
 * checked): coded 1, the two offsets swap. Returns its length.
 */
static __always_inline ZE_TARGET size_t ZE_FN(ze_put_rep1)(struct tz_zstd_cws *ws,
							    unsigned int *nseq, u32 *rep,
							    const u8 *ip, const u8 *iend,
							    unsigned int rmin)
{
	u32 o = rep[1];
	size_t ml = rmin + ZE_FN(ze_count)(ip + rmin - o, ip + rmin, iend);

	ze_put_codes(ws, *nseq, 0, (u32)ml, 1);
	(*nseq)++;
	rep[1] = rep[0];
	rep[0] = o;
	return ml;
}

/* A parse's end: the last literals, and what the entropy stage needs. */
static __always_inline ZE_TARGET void ZE_FN(ze_end_block)(struct tz_zstd_cws *ws,
							   struct ze_block *b, u8 *lp,
							   const u8 *anchor, const u8 *iend,
							   unsigned int nseq, const u32 *rep)
{
	ZE_FN(ze_copy_lits)(lp, anchor, (size_t)(iend - anchor), iend);
	lp += iend - anchor;
	b->nseq = nseq;
	b->nlit = (unsigned int)(lp - ws->lit);
	b->rep[0] = rep[0];
	b->rep[1] = rep[1];
	b->rep[2] = rep[2];
	b->parsed = true;
}

/*
 * The longest match at ip among the dictionary bucket's candidates (0 if
 * none reaches ZE_DICT_MINMATCH bytes); its content position in *dpos.
 * ip + 8 <= iend; a candidate has >= 8 content bytes after it.
 */
static __always_inline ZE_TARGET size_t ZE_FN(ze_dict_best)(const struct ze_cdict *cd,
							     const u8 *ip, const u8 *iend,
							     u64 cur, u32 *dpos)
{
	const u64 ones = 0x0101010101010101ull;
	u64 h = ze_dict_hash(cur, cd->hlog);
	const struct ze_dict_bucket *e = &cd->t[h >> 8];
	/* Ways whose tag equals ours: zero bytes of x (and rarely a byte above one). */
	u64 x = e->tag ^ ((h & 0xff) * ones);
	u64 m = (x - ones) & ~x & (ones << 7);
	size_t best = 0;

	while (m) {
		u32 c = e->pos[__builtin_ctzll(m) >> 3];
		const u8 *p = cd->content + c;
		size_t room = cd->len - c, l;

		m &= m - 1;
		if ((tz_read64(p) ^ cur) << (64 - 8 * ZE_DICT_MINMATCH))
			continue;
		l = ZE_DICT_MINMATCH + ZE_FN(ze_count)(p + ZE_DICT_MINMATCH, ip + ZE_DICT_MINMATCH,
						       (size_t)(iend - ip) < room ? iend : ip + room);
		if (l > best) {
			best = l;
			*dpos = c;
		}
	}
	return best;
}

/*
 * Where the repeat offset rep (>= 1) points from ip, at absolute position
 * at (input bytes before ip): into the input, or with a dictionary (cd)
 * into its content when it reaches further back; *lim is how far a match
 * at ip may run. NULL when fewer than 4 bytes are there to compare.
 */
static __always_inline ZE_TARGET const u8 *ZE_FN(ze_rep_ref)(const struct ze_cdict *cd,
							       const u8 *ip, const u8 *iend,
							       u32 at, u32 rep, const u8 **lim)
{
	u32 back;

	*lim = iend;
	if (!cd || rep <= at)
		return ip - rep;
	/* <= the content's length: no offset reaches further back */
	back = rep - at;
	if (back < 4)
		return NULL;
	if ((size_t)(iend - ip) > back)
		*lim = ip + back;
	return cd->content + cd->len - back;
}

/*
 * Clear a hash table (a multiple of 128 bytes): vector stores where the
 * variant has them (tz_vzero.h), memset in the scalar variant.
 */
static __always_inline ZE_TARGET void ZE_FN(ze_zero)(void *t, size_t n)
{
#if ZE_SIMD == ZE_SIMD_AVX2
	tz_vzero32(t, n);
#elif ZE_SIMD == ZE_SIMD_NEON
	tz_vzero16(t, n);
#else
	memset(t, 0, n);
#endif
}

/*
 * One block's parse. cd NULL (a constant in the plain finder): the input
 * is the whole history and rep[0] never reaches before it. p->hist bytes
 * of the same frame lie before src (a unit's earlier blocks): positions
 * count from their start, the tables keep what those blocks put there, so
 * matches reach back across blocks (never with cd). With cd, the
 * dictionary's content lies before the input: repeat offsets may point
 * into it and, where the page's own tables have no 8-byte match, its
 * table is probed; its longest candidate wins over a shorter page match.
 * With wt (cd NULL): p->hist bytes before src are a dictionary's window
 * (ZE_DICT_WIN), and where the tables have no 8-byte match the window's
 * own table (p->wt, built once with the dictionary) is looked up.
 */
static __always_inline ZE_TARGET void ZE_FN(ze_match_core)(struct tz_zstd_cws *ws,
							    const u8 *src, size_t len,
							    const struct ze_params *p,
							    struct ze_block *b,
							    const struct ze_cdict *cd,
							    const unsigned int hlogl,
							    const unsigned int hlogs,
							    const unsigned int smin,
							    const unsigned int rmin,
							    const bool wt)
{
	const u32 hist = cd ? 0 : p->hist;
	const u8 *hb = src - hist;	/* position 0 */
	const u8 *ip = src + (hist ? 0 : 1), *anchor = src, *iend = src + len;
	const u8 *ilimit = len > 8 ? iend - 8 : src;
	const u8 *stop = ze_parse_stop(p, src, ilimit);
	const u32 endpos = (u32)(ilimit - hb);
	u16 *hl = ws->hlong, *hs = ws->hshort;
	u8 *lp = ws->lit;
	unsigned int nseq = 0;
	u32 rep[3] = { b->rep[0], b->rep[1], b->rep[2] };
	const u32 base = cd ? p->base : 0;
	const bool probe = cd && p->probe && cd->hlog;

	if (p->resume) {
		u32 unused;

		ze_load_cursor(b, &ip, &anchor, &lp, &nseq, rep, &unused);
	} else {
		/*
		 * Positions, not position + 1: an empty slot names position 0,
		 * a real candidate that the compare below checks like any
		 * other. A unit's later blocks keep what the earlier ones (if
		 * any ran) put there.
		 */
		if (!hist || p->clear) {
			ZE_FN(ze_zero)(hl, sizeof(hl[0]) << hlogl);
			ZE_FN(ze_zero)(hs, sizeof(hs[0]) << hlogs);
		}
		memset(ws->cll, 0, sizeof(ws->cll));
		memset(ws->cml, 0, sizeof(ws->cml));
		memset(ws->cof, 0, sizeof(ws->cof));
	}
	while (ip < stop) {
		u32 pos = (u32)(ip - hb), step = 1, off, ml;
		/* Search until lim: the next step increase or the end. */
		u32 nextstep = pos + (1 << ZE_SEARCH_STEP_LOG);
		u32 lim = nextstep < endpos ? nextstep : endpos;

		for (;;) {
			u64 cur = tz_read64(hb + pos);
			u32 h_l = ze_hash8(cur, hlogl), h_s = ze_hashn(cur, smin, hlogs);
			u32 cl = hl[h_l], cs = hs[h_s];

			hl[h_l] = (u16)pos;
			hs[h_s] = (u16)pos;
			/*
			 * Repeat offset one ahead: the cheapest match to code.
			 * rep[0] is the offset of an earlier match (or 1 at the
			 * frame start), so it reaches no further back than the
			 * frame start: no bounds check.
			 */
			if (!cd) {
				if (ze_eqp(hb + pos + 1, hb + pos + 1 - rep[0], rmin)) {
					ip = hb + pos + 1;
					ml = rmin + ZE_FN(ze_count)(ip + rmin - rep[0], ip + rmin, iend);
					ZE_FN(ze_put_seq)(ws, &nseq, &lp, anchor,
							  (size_t)(ip - anchor), ml, 1, iend);
					goto stored;
				}
			} else {
				const u8 *rl, *r = ZE_FN(ze_rep_ref)(cd, hb + pos + 1, iend,
							      base + pos + 1 - hist, rep[0], &rl);

				if (r && tz_read32(hb + pos + 1) == tz_read32(r)) {
					ip = hb + pos + 1;
					ml = 4 + ZE_FN(ze_count)(r + 4, ip + 4, rl);
					ZE_FN(ze_put_seq)(ws, &nseq, &lp, anchor,
							  (size_t)(ip - anchor), ml, 1, iend);
					goto stored;
				}
			}
			/* Table entries are < pos: offsets are >= 1. */
			if (tz_read64(hb + cl) == cur) {
				ip = hb + pos;
				off = pos - cl;
				ml = 8 + ZE_FN(ze_count)(hb + cl + 8, ip + 8, iend);
				break;
			}
			if (wt) {
				/* The dictionary's window: positions < hist. */
				u32 c = p->wt[ze_dict_wt_hash(cur)];

				if (tz_read64(hb + c) == cur) {
					ip = hb + pos;
					off = pos - c;
					ml = 8 + ZE_FN(ze_count)(hb + c + 8, ip + 8, iend);
					break;
				}
			}
			if (probe) {
				u32 dpos = 0;
				size_t dl = ZE_FN(ze_dict_best)(cd, hb + pos, iend, cur, &dpos);
				size_t sl = 0;

				if (dl && tz_read32(hb + cs) == (u32)cur)
					sl = 4 + ZE_FN(ze_count)(hb + cs + 4, hb + pos + 4, iend);
				/* Its offset costs ~10 more bits than a page one. */
				if (dl > sl + 1) {
					ip = hb + pos;
					ml = (u32)dl;
					/* Extend backwards into the content too. */
					while (ip > anchor && dpos > 0 && ip[-1] == cd->content[dpos - 1]) {
						ip--;
						dpos--;
						ml++;
					}
					off = base + (u32)(ip - src) + cd->len - dpos;
					goto dict_match;
				}
			}
			if (ze_eqn(tz_read64(hb + cs), cur, smin)) {
				/* A long match one ahead is better than this short one. */
				u64 cur1 = tz_read64(hb + pos + 1);
				u32 h1 = ze_hash8(cur1, hlogl), c1 = hl[h1];

				hl[h1] = (u16)(pos + 1);
				if (tz_read64(hb + c1) == cur1 && c1 <= pos) {
					ip = hb + pos + 1;
					off = pos + 1 - c1;
					ml = 8 + ZE_FN(ze_count)(hb + c1 + 8, ip + 8, iend);
				} else {
					ip = hb + pos;
					off = pos - cs;
					ml = smin + ZE_FN(ze_count)(hb + cs + smin, ip + smin, iend);
				}
				break;
			}
			pos += step;
			if (unlikely(pos >= lim)) {
				if (pos >= endpos)
					goto done;
				step++;
				nextstep += 1 << ZE_SEARCH_STEP_LOG;
				lim = nextstep < endpos ? nextstep : endpos;
			}
		}
		/* Extend backwards over equal bytes before the match. */
		while (ip > anchor && ip - off > hb && ip[-1] == *(ip - 1 - off)) {
			ip--;
			ml++;
		}
dict_match:
		{
			size_t ll = (size_t)(ip - anchor);

			ZE_FN(ze_put_seq)(ws, &nseq, &lp, anchor, ll, ml, ze_offval(off, ll, rep),
					  iend);
		}
stored:
		ip += ml;
		anchor = ip;
		if (ip < ilimit) {
			/* Seed both tables inside the match: later data often repeats it. */
			u32 i2 = pos + 2, e2 = (u32)(ip - 2 - hb), e1 = (u32)(ip - 1 - hb);

			if (i2 < e2) {
				hl[ze_hash8(tz_read64(hb + i2), hlogl)] = (u16)i2;
				hs[ze_hashn(tz_read64(hb + i2), smin, hlogs)] = (u16)i2;
			}
			hl[ze_hash8(tz_read64(hb + e2), hlogl)] = (u16)e2;
			hs[ze_hashn(tz_read64(hb + e1), smin, hlogs)] = (u16)e1;
			/* The second repeat offset right after a match (coded 1, swaps). */
			while (ip < ilimit && rep[1] <= (u32)(ip - hb) &&
			       ze_eqp(ip, ip - rep[1], rmin)) {
				hs[ze_hashn(tz_read64(ip), smin, hlogs)] = (u16)(ip - hb);
				hl[ze_hash8(tz_read64(ip), hlogl)] = (u16)(ip - hb);
				ip += ZE_FN(ze_put_rep1)(ws, &nseq, rep, ip, iend, rmin);
				anchor = ip;
			}
		}
	}
	if (ip < ilimit) {
		ze_save_cursor(b, ip, anchor, lp, nseq, rep, 0);
		return;
	}
done:
	ZE_FN(ze_end_block)(ws, b, lp, anchor, iend, nseq, rep);
}

/*
 * Level 3's parse (no dictionary; a unit's blocks one window, as in the
 * greedy parse): positions go into hash chains of their 4-byte prefixes
 * (heads in hshort, links in hlong), a position's match is the longest
 * of its chain's first ZE_LAZY_DEPTH candidates and the repeat offset,
 * and a match found is kept only if the next position has no better one
 * (weighed as libzstd's lazy parse weighs them: 4 bits a byte against
 * the offset's length). On the corpus: ratio +3 % over the greedy parse,
 * fewer and longer sequences (decoding runs ~4 % fewer instructions), for
 * about twice the instructions to compress (docs/BENCHMARKS.md 5.2).
 */
#ifndef ZE_LAZY_COMMON
#define ZE_LAZY_COMMON
#define ZE_LAZY_HLOG	12	/* chain heads: hshort's first 2^12 entries */
#define ZE_LAZY_CLOG	ZE_UNIT_HLOGL	/* links: all of hlong, positions mod 2^14 */
#define ZE_LAZY_DEPTH	8	/* candidates per position */
#define ZE_LAZY_STEPS	1	/* positions after a match tried for a better one */
#define ZE_LAZY_EDGE	8	/* a long match: only this many positions at each end linked */
#define ZE_LAZY_FAR4	1024	/* in units, 4-byte matches from at most this far back */

/* Link positions [*next, pos] into their chains. */
static __always_inline void ze_lazy_insert(u16 *head, u16 *link, const u8 *hb, u32 *next,
					   u32 pos)
{
	u32 i;

	for (i = *next; i <= pos; i++) {
		u32 h = ze_hash4(tz_read32(hb + i), ZE_LAZY_HLOG);

		link[i & ((1u << ZE_LAZY_CLOG) - 1)] = head[h];
		head[h] = (u16)i;
	}
	*next = pos + 1;
}

/* What a match is worth to the parse: 4 bits a byte less its offset's bits. */
static __always_inline int ze_lazy_gain(size_t ml, u32 ov)
{
	return (int)(ml * 4) - (int)ze_hb(ov);
}
#endif /* ZE_LAZY_COMMON */

/*
 * The longest match at pos (linked already) among its chain's first
 * ZE_LAZY_DEPTH candidates; 0 if none has 4 bytes (or the best has 4
 * from further back than far4). A candidate is tried only if it agrees
 * at the byte that would make it longer than the best.
 */
static __always_inline ZE_TARGET size_t ZE_FN(ze_lazy_search)(const u16 *link, const u8 *hb,
							       u32 pos, const u8 *iend,
							       u32 *offp, const u32 far4)
{
	const u8 *ip = hb + pos;
	const u32 cur = tz_read32(ip), span = 1u << ZE_LAZY_CLOG;
	/* Links of positions this far back may be overwritten by newer ones. */
	const u32 lowest = pos > span ? pos - span + 1 : 0;
	u32 c = link[pos & (span - 1)];
	size_t best = 3;
	unsigned int d;

	for (d = 0; d < ZE_LAZY_DEPTH && c >= lowest; d++) {
		const u8 *m = hb + c;
		u32 n;

		if (m[best] == ip[best] && tz_read32(m) == cur) {
			size_t l = 4 + ZE_FN(ze_count)(m + 4, ip + 4, iend);

			if (l > best) {
				best = l;
				*offp = pos - c;
				if (ip + l == iend)
					break;
			}
		}
		n = link[c & (span - 1)];
		if (n >= c)	/* the chain's end (0 -> 0) or a link overwritten */
			break;
		c = n;
	}
	if (best == 4 && *offp > far4)
		return 0;
	return best >= 4 ? best : 0;
}

static __always_inline ZE_TARGET void ZE_FN(ze_match_lazy)(struct tz_zstd_cws *ws,
							    const u8 *src, size_t len,
							    const struct ze_params *p,
							    struct ze_block *b, const u32 far4)
{
	const u8 *hb = src - p->hist;	/* position 0: a unit's start */
	const u8 *ip = src + (p->hist ? 0 : 1), *anchor = src, *iend = src + len;
	const u8 *ilimit = len > 8 ? iend - 8 : src;
	const u8 *stop = ze_parse_stop(p, src, ilimit);
	u16 *head = ws->hshort, *link = ws->hlong;
	u8 *lp = ws->lit;
	unsigned int nseq = 0;
	u32 rep[3] = { b->rep[0], b->rep[1], b->rep[2] }, next = p->hist;

	if (p->resume) {
		ze_load_cursor(b, &ip, &anchor, &lp, &nseq, rep, &next);
	} else {
		/* A unit's later blocks keep the chains of the earlier ones. */
		if (!p->hist || p->clear)
			ZE_FN(ze_zero)(head, sizeof(head[0]) << ZE_LAZY_HLOG);
		memset(ws->cll, 0, sizeof(ws->cll));
		memset(ws->cml, 0, sizeof(ws->cml));
		memset(ws->cof, 0, sizeof(ws->cof));
	}
	while (ip < stop) {
		u32 pos = (u32)(ip - hb), off = 0, ov, off2 = 0;
		const u8 *start = ip;
		size_t ml = 0, ml2;
		unsigned int depth;

		/*
		 * The repeat offset one ahead, then the chain here. rep[0] is
		 * an earlier match's offset (or 1 at the start): in range.
		 */
		if (tz_read32(ip + 1) == tz_read32(ip + 1 - rep[0])) {
			ml = 4 + ZE_FN(ze_count)(ip + 5 - rep[0], ip + 5, iend);
			start = ip + 1;
			off = rep[0];
		}
		ze_lazy_insert(head, link, hb, &next, pos);
		ml2 = ZE_FN(ze_lazy_search)(link, hb, pos, iend, &off2, far4);
		if (ml2 > ml) {
			ml = ml2;
			off = off2;
			start = ip;
		}
		if (!ml) {
			ip += ((ip - anchor) >> ZE_SEARCH_STEP_LOG) + 1;
			continue;
		}
		/* The next position (ZE_LAZY_STEPS): a better match there wins. */
		for (depth = 0; depth < ZE_LAZY_STEPS && ip + 1 < ilimit; depth++) {
			int g1 = ze_lazy_gain(ml, off == rep[0] ? 1 : off + 3);

			ip++;
			pos++;
			if (off != rep[0] && tz_read32(ip) == tz_read32(ip - rep[0])) {
				size_t mr = 4 + ZE_FN(ze_count)(ip + 4 - rep[0], ip + 4, iend);

				if ((int)(mr * 3) > (int)(ml * 3) - (int)ze_hb(off + 3) + 1) {
					ml = mr;
					off = rep[0];
					start = ip;
					continue;
				}
			}
			ze_lazy_insert(head, link, hb, &next, pos);
			ml2 = ZE_FN(ze_lazy_search)(link, hb, pos, iend, &off2, far4);
			if (ml2 && ze_lazy_gain(ml2, off2 == rep[0] ? 1 : off2 + 3) >
				   g1 + 4 + 3 * (int)depth) {
				ml = ml2;
				off = off2;
				start = ip;
				continue;
			}
			break;
		}
		/* Extend backwards over equal bytes before the match. */
		while (start > anchor && start - off > hb && start[-1] == *(start - 1 - off)) {
			start--;
			ml++;
		}
		ov = ze_offval(off, (size_t)(start - anchor), rep);
		ZE_FN(ze_put_seq)(ws, &nseq, &lp, anchor, (size_t)(start - anchor), ml, ov, iend);
		ip = start + ml;
		anchor = ip;
		if (ip < ilimit && (u32)(ip - hb) > next + 3 * ZE_LAZY_EDGE) {
			/*
			 * A long match: its first and last positions linked, not
			 * the middle (-2.2 to -2.6 % instructions, -0.03 % ratio).
			 */
			ze_lazy_insert(head, link, hb, &next, (u32)(start - hb) + ZE_LAZY_EDGE);
			next = (u32)(ip - hb) - ZE_LAZY_EDGE;
		}
		/* The second repeat offset right after a match (coded 1, swaps). */
		while (ip < ilimit && rep[1] <= (u32)(ip - hb) && ze_eqp(ip, ip - rep[1], 4)) {
			ip += ZE_FN(ze_put_rep1)(ws, &nseq, rep, ip, iend, 4);
			anchor = ip;
		}
	}
	if (ip < ilimit) {
		ze_save_cursor(b, ip, anchor, lp, nseq, rep, next);
		return;
	}
	ZE_FN(ze_end_block)(ws, b, lp, anchor, iend, nseq, rep);
}

static ZE_TARGET void ZE_FN(ze_match)(struct tz_zstd_cws *ws, const u8 *src, size_t len,
				      const struct ze_params *p, struct ze_block *b)
{
	/*
	 * Level 3's parse for pages and units alike (its own use of the
	 * tables). In units a 4-byte match reaches 1 KiB back at most: 64 KiB
	 * units of text records came out 8 % larger with any 4-byte match,
	 * and corpus units 2.3 % larger with none (libzstd's reason too: its
	 * offset costs more bits than the 4 literals it replaces).
	 */
	if (p->level >= 3 && p->hlogl == ZE_UNIT_HLOGL)
		ZE_FN(ze_match_lazy)(ws, src, len, p, b, ZE_LAZY_FAR4);
	else if (p->level >= 3)
		ZE_FN(ze_match_lazy)(ws, src, len, p, b, ~0u);
	/* Constant table sizes: each size its own inlined copy. */
	else if (p->hlogl == ZE_UNIT_HLOGL)
		ZE_FN(ze_match_core)(ws, src, len, p, b, NULL, ZE_UNIT_HLOGL, ZE_UNIT_HLOGS,
				     ZE_UNIT_SMIN, ZE_UNIT_RMIN, false);
	else
		ZE_FN(ze_match_core)(ws, src, len, p, b, NULL, ZE_HLOG_LONG, ZE_HLOG_SHORT, 4, 4,
				     false);
}

/*
 * With a dictionary, at every level the greedy parse (level 3's chains
 * would hold none of the content): a page after the dictionary's window
 * (p->wt; the page's own finder over both), else the content's buckets.
 */
static ZE_TARGET void ZE_FN(ze_match_dict)(struct tz_zstd_cws *ws, const u8 *src, size_t len,
					   const struct ze_params *p, struct ze_block *b)
{
	if (p->wt)
		ZE_FN(ze_match_core)(ws, src, len, p, b, NULL, ZE_HLOG_LONG, ZE_HLOG_SHORT, 4, 4,
				     true);
	else
		ZE_FN(ze_match_core)(ws, src, len, p, b, p->cd, ZE_HLOG_LONG, ZE_HLOG_SHORT, 4,
				     4, false);
}

const ze_match_fn ZE_FN(ze_match_fn) = ZE_FN(ze_match);
const ze_match_fn ZE_FN(ze_match_dict_fn) = ZE_FN(ze_match_dict);

#undef ZE_FN
