// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_enc_ent.c - the encoder's entropy stage for one block: Huffman
 * literals (FSE-compressed or direct weights, 1 or 4 streams) or raw/RLE
 * literals, and FSE sequences choosing per kind the cheapest of
 * predefined (free to describe), RLE and a custom table.
 */
#include "zstd_enc.h"

/* zstd_enc_ent_bmi2.c builds this file a second time under another name. */
#ifndef ZE_ENT_NAME
#define ZE_ENT_NAME ze_encode_block_body
#endif

/* Backward-read bitstream writer: LSB first, flushed 8 bytes at a time. */
struct ze_bw {
	u64 acc;
	unsigned int n;
	u8 *p, *start, *end;	/* end: 8 writable bytes must remain before it */
	bool ovf;
};

static __always_inline void bw_init(struct ze_bw *w, u8 *p, u8 *end)
{
	w->acc = 0;
	w->n = 0;
	w->p = w->start = p;
	w->end = end;
	w->ovf = end - p < 8;
}

/* v < 2^nb, n + nb <= 64. */
static __always_inline void bw_add(struct ze_bw *w, u64 v, unsigned int nb)
{
	w->acc |= v << w->n;
	w->n += nb;
}

/*
 * Every writer keeps n <= 63 at a flush (at most 7 bits left + <= 56
 * added), so the shift below never reaches 64.
 */
static __always_inline void bw_flush_fast(struct ze_bw *w)
{
	tz_write64(w->p, w->acc);
	w->p += w->n >> 3;
	w->acc >>= w->n & 56;	/* the whole bytes written: n <= 63 */
	w->n &= 7;
}

static __always_inline void bw_flush(struct ze_bw *w)
{
	if (unlikely(w->end - w->p < 8)) {
		/* Does not fit: drop the bits, the caller discards the result. */
		w->ovf = true;
		w->acc = 0;
		w->n = 0;
		return;
	}
	bw_flush_fast(w);
}

/* Room for at least nbytes more output: the unchecked flush is safe. */
static __always_inline bool bw_room(const struct ze_bw *w, size_t nbytes)
{
	return (size_t)(w->end - w->p) >= nbytes + 8;
}

/* End marker, final flush; returns bytes, or -1 if it did not fit. */
static int bw_close(struct ze_bw *w)
{
	bw_add(w, 1, 1);
	bw_flush(w);
	if (w->ovf)
		return -1;
	return (int)(w->p - w->start) + (w->n > 0);
}


/* ---- FSE ---------------------------------------------------------------- */

/*
 * Scale counts to sum 2^al, every present symbol >= 1; *cost gets what
 * coding the counted symbols with that table costs, in 1/256 bits (from
 * the same pass). false: cannot.
 */
static bool ze_normalize(s16 *norm, const u32 *cnt, unsigned int maxs, u32 total,
			 unsigned int al, u64 *cost)
{
	/*
	 * round(cnt * 2^al / total) by a reciprocal: x < 2^31, so the
	 * estimate is the quotient or one less, fixed by one compare. No
	 * branch on absent symbols (their x = total / 2 gives 0).
	 */
	u32 inv = 0xffffffffu / total, half = total / 2;
	int rest = 1 << al;
	unsigned int s, big = 0;
	u64 lgsum = 0;

	for (s = 0; s <= maxs; s++) {
		u32 c = cnt[s], x = (c << al) + half;
		u32 n = (u32)(((u64)x * inv) >> 32);

		n += x - n * total >= total;
		n += (n == 0) & (c != 0);
		norm[s] = (s16)n;
		rest -= (int)n;
		lgsum += (u64)c * ze_lg(n + (n == 0));
		big = c > cnt[big] ? s : big;
	}
	if (norm[big] + rest < 1)
		return false;
	lgsum += (u64)cnt[big] * ze_lg((u32)(norm[big] + rest));
	lgsum -= (u64)cnt[big] * ze_lg((u32)norm[big]);
	norm[big] = (s16)(norm[big] + rest);
	*cost = ((u64)total * al << 8) - lgsum;
	return true;
}

/*
 * Table description (RFC 8878 4.1.1), the reverse of zs_fse_read_ncount.
 * Every norm[] >= 0 (ze_normalize makes no -1). Per symbol one value of
 * hb(remaining) or hb + 1 bits, chosen without a branch, then the zero
 * run after a zero count; at most 10 + 36 bits between flushes, and the
 * whole description fits ZE_NCOUNT_MAX bytes, so the flushes are
 * unchecked.
 */
#define ZE_NCOUNT_MAX 80	/* 4 + 53 x 10 + 18 x 2 bits, rounded up */
static int ze_write_ncount(u8 *op, u8 *oend, const s16 *norm, unsigned int maxs,
			   unsigned int al)
{
	u32 remaining = (1u << al) + 1;
	unsigned int s = 0, hb = al;
	struct ze_bw w;

	if (oend - op < ZE_NCOUNT_MAX + 8)
		return -1;
	bw_init(&w, op, oend);
	bw_add(&w, al - 5, 4);
	while (remaining > 1 && s <= maxs) {
		u32 count = (u32)norm[s++], threshold = 1u << hb;
		u32 max = 2 * threshold - 1 - remaining, val = count + 1;
		u32 small = val < max;

		/* Arithmetic, not a select GCC would branch on (data, ~50/50). */
		bw_add(&w, val + ((small ^ 1) & (val >= threshold)) * max, hb + 1 - small);
		remaining -= count;
		if (!count) {
			/* Zeros that follow: 2 bits per up to 3 (3: more follow). */
			unsigned int z = 0;

			while (norm[s + z] == 0)	/* norm[maxs] > 0 ends the run */
				z++;
			s += z;
			for (; z >= 3; z -= 3)
				bw_add(&w, 3, 2);
			bw_add(&w, z, 2);
		}
		bw_flush_fast(&w);
		hb = zs_hb32(remaining);
	}
	bw_flush_fast(&w);
	return (int)(w.p - w.start) + (w.n > 0);
}

/*
 * Encoding table: states per symbol in spread order + transforms. Every
 * norm[s] >= 0 (ze_normalize makes no -1), so the spread never skips: lay
 * the symbols out in order (8 bytes a store) and scatter them by step, two
 * a round. One pass over the symbols gives the layout, the start of each
 * symbol's states and its transform.
 */
static void ze_fse_build(struct ze_fse *t, const s16 *norm, unsigned int maxs, unsigned int al,
			 u8 *sym)
{
	unsigned int size = 1u << al, mask = size - 1, s, u, total = 0;
	u16 cum[ZS_ML_MAX + 2];
	u8 *lin = sym + size;
	u64 v = 0;

	t->al = (u8)al;
	for (s = 0; s <= maxs; s++, v += 0x0101010101010101ull) {
		unsigned int n = (unsigned int)norm[s], m = n + !n, i;
		u32 maxout = al - zs_hb32((m - 1) | 1), minplus = m << maxout;

		/* 16 bytes whatever n (lin has the room): no loop for most. */
		tz_write64(lin + total, v);
		tz_write64(lin + total + 8, v);
		for (i = 16; unlikely(i < n); i += 8)
			tz_write64(lin + total + i, v);
		cum[s] = (u16)total;
		/* n = 0: never coded, any values do. */
		t->sym[s].dnb = (maxout << 16) - minplus;
		t->sym[s].dfind = (s32)total - (s32)n;
		total += n;
	}
	zs_fse_scatter(sym, lin, al);
	/*
	 * States of each symbol in spread order. Neighbouring positions
	 * often hold the same symbol: two per round, the second counting on
	 * from the first when they match, halves the chain of increments.
	 */
	for (u = 0; u < size; u += 2) {
		unsigned int s0 = sym[u], s1 = sym[u + 1];
		/* s0 == s1: cum[s1] is k0 still; an add, not a branch on data */
		unsigned int k0 = cum[s0], k1 = cum[s1] + (s0 == s1);

		t->state[k0] = (u16)(size + u);
		t->state[k1] = (u16)(size + u + 1);
		cum[s0] = (u16)(k0 + 1);
		cum[s1] = (u16)(k1 + 1);
	}
	/* The lowest state of each symbol: the first of its run. */
	for (s = 0; s <= maxs; s++)
		t->first[s] = t->state[(t->sym[s].dfind + norm[s]) & mask];
}

/* First state of symbol s (the one whose decoder update reads most bits). */
static __always_inline u32 ze_fse_first(const struct ze_fse *t, unsigned int s)
{
	/* Any state of s is a valid start; the lowest one reads most bits. */
	return t->first[s];
}

static __always_inline void ze_fse_enc(struct ze_bw *w, const struct ze_fse *t, u64 *st,
				       unsigned int s)
{
	const struct ze_fse_sym *tt = &t->sym[s];
	/* States < 2^16 held in 64 bits: the masked state needs no extension. */
	u32 nb = ((u32)*st + tt->dnb) >> 16;

	bw_add(w, *st & ((1ull << nb) - 1), nb);
	*st = t->state[(u32)(*st >> nb) + tt->dfind];
}

/* ---- Huffman literals -------------------------------------------------- */

#define ZE_HUF_MAX 11

static __always_inline unsigned int ze_huf_limit(size_t n, unsigned int distinct);

#define ZE_BUCKETS 64	/* counts below this are counting-sorted */

/*
 * Huffman code of the nlit literals counted in cnt[0..maxs]: hs->sym gets
 * the present symbols in ascending order (*pn of them), len[] their code
 * lengths (absent symbols left as they were), wt[0..maxs] the weights (0
 * for absent ones), rank[w] the number of symbols of weight w. Returns the
 * longest length, or 0 (and nothing else) if fewer than 2 are present.
 *
 * Most counts on a page are small and many are equal, so every counter
 * that equal counts would increment in a row (a chain through one memory
 * slot) is split into four lanes by symbol & 3.
 */
static unsigned int ze_huf_lengths(struct ze_huf_scratch *hs, const u32 *cnt,
				   unsigned int maxs, size_t nlit, u8 *len, u8 *wt,
				   unsigned int *rank, unsigned int *pn)
{
	u16 *sym = hs->sym, *tmp = hs->tmp, *big = hs->big;
	u16 *pl = hs->parent, *pi = hs->parent + ZE_HUF_NODES;
	u32 *wl = hs->w, *wi = hs->w + ZE_HUF_NODES;
	u32 (*bk)[ZE_BUCKETS + 1] = hs->bucket;
	u32 (*dc)[ZE_HUF_MAX + 1] = hs->dcount;
	u8 *depth = hs->depth, *di = hs->depth + ZE_HUF_NODES;
	unsigned int np = 0, nbig = 0, n, s, i, li, ii, k, lim, maxb = 0;
	unsigned int end4 = (maxs + 4) & ~3u;
	u32 kraft = 0, target;

	/* Present symbols in order; how many have each small count, per lane. */
	memset(bk, 0, sizeof(hs->bucket));
	for (s = 0; s < end4; s += 4) {
		u32 c0 = cnt[s], c1 = cnt[s + 1], c2 = cnt[s + 2], c3 = cnt[s + 3];

		sym[np] = (u16)s;
		np += c0 != 0;
		sym[np] = (u16)(s + 1);
		np += c1 != 0;
		sym[np] = (u16)(s + 2);
		np += c2 != 0;
		sym[np] = (u16)(s + 3);
		np += c3 != 0;
		bk[0][c0 < ZE_BUCKETS ? c0 : ZE_BUCKETS]++;
		bk[1][c1 < ZE_BUCKETS ? c1 : ZE_BUCKETS]++;
		bk[2][c2 < ZE_BUCKETS ? c2 : ZE_BUCKETS]++;
		bk[3][c3 < ZE_BUCKETS ? c3 : ZE_BUCKETS]++;
	}
	*pn = np;
	if (np < 2)
		return 0;
	lim = ze_huf_limit(nlit, np);
	target = 1u << lim;
	/* Each small count's run: lane 0's symbols, lane 1's, ...; big counts last. */
	for (i = 1, k = 0; i < ZE_BUCKETS; i++) {
		u32 t0 = bk[0][i], t1 = bk[1][i], t2 = bk[2][i], t3 = bk[3][i];

		bk[0][i] = k;
		bk[1][i] = k + t0;
		bk[2][i] = k + t0 + t1;
		bk[3][i] = k + t0 + t1 + t2;
		k += t0 + t1 + t2 + t3;
	}
	/* tmp: the symbols by ascending count, wl: their counts. */
	for (i = 0; i < np; i++) {
		unsigned int c = cnt[sym[i]];

		if (likely(c < ZE_BUCKETS)) {
			k = bk[sym[i] & 3][c]++;
			tmp[k] = sym[i];
			wl[k] = c;
		} else {
			unsigned int j;

			for (j = nbig; j > 0 && cnt[big[j - 1]] > c; j--)
				big[j] = big[j - 1];
			big[j] = sym[i];
			nbig++;
		}
	}
	n = np;
	for (i = 0, k = n - nbig; i < nbig; i++, k++) {
		tmp[k] = big[i];
		wl[k] = cnt[big[i]];
	}
	/*
	 * Two-queue Huffman: leaves wl[0, n) by ascending count, internal
	 * nodes wi[] made in ascending order; one merge per round takes the
	 * two lightest heads, ties to the leaf. Sentinels after the leaves
	 * and after the last node made. Branches, not masks: the winning
	 * queue comes in runs, and a mispredicted branch costs less here than
	 * the longer chain of a branch-free pick (measured). Counts < 2^16
	 * (blocks are 32 KiB): sums never reach the sentinel.
	 */
	wl[n] = 0xffffffffu;
	wl[n + 1] = 0xffffffffu;
	wi[0] = 0xffffffffu;
	wi[1] = 0xffffffffu;
	li = 0;
	ii = 0;
	for (k = 0; k < n - 1; k++) {
		u32 a = wl[li], x = wi[ii], w;

		if (a <= x) {
			u32 b = wl[li + 1];

			pl[li] = (u16)k;
			if (b <= x) {
				pl[li + 1] = (u16)k;
				w = a + b;
				li += 2;
			} else {
				pi[ii] = (u16)k;
				w = a + x;
				li++;
				ii++;
			}
		} else {
			u32 y = wi[ii + 1];

			pi[ii] = (u16)k;
			if (a <= y) {
				pl[li] = (u16)k;
				w = x + a;
				li++;
				ii++;
			} else {
				pi[ii + 1] = (u16)k;
				w = x + y;
				ii += 2;
			}
		}
		wi[k] = w;
		wi[k + 1] = 0xffffffffu;
	}
	/* Depths: the root is the last node made (< 30 levels: counts < 2^16). */
	di[n - 2] = 0;
	for (k = n - 2; k-- > 0;)
		di[k] = (u8)(di[pi[k]] + 1);
	/* Leaf depths clamped to lim; dc: how many per depth, in lanes. */
	memset(dc, 0, sizeof(hs->dcount));
	for (i = 0; i < n; i++) {
		unsigned int d = di[pl[i]] + 1u;

		d = d > lim ? lim : d;
		depth[i] = (u8)d;
		kraft += target >> d;
		dc[i & 3][d]++;
	}
	/* Over-full after clamping: lengthen the rarest short codes. */
	while (kraft > target) {
		for (i = 0; i < n && kraft > target; i++) {
			unsigned int d = depth[i];

			if (d < lim) {
				kraft -= target >> (d + 1);
				depth[i] = (u8)(d + 1);
				dc[0][d]--;
				dc[0][d + 1]++;
			}
		}
	}
	/* Under-full: shorten the most frequent codes while it fits. */
	while (kraft < target) {
		for (i = n; i-- > 0 && kraft < target;) {
			unsigned int d = depth[i];

			if (d > 1 && kraft + (target >> d) <= target) {
				kraft += target >> d;
				depth[i] = (u8)(d - 1);
				dc[0][d]--;
				dc[0][d - 1]++;
			}
		}
	}
	for (k = 1; k <= lim; k++) {
		u32 c = dc[0][k] + dc[1][k] + dc[2][k] + dc[3][k];

		dc[0][k] = c;
		maxb = c ? k : maxb;
	}
	for (k = 1; k <= maxb; k++)
		rank[maxb + 1 - k] = dc[0][k];
	memset(wt, 0, maxs + 1);
	for (i = 0; i < n; i++) {
		unsigned int d = depth[i];

		len[tmp[i]] = (u8)d;
		wt[tmp[i]] = (u8)(maxb + 1 - d);
	}
	return maxb;
}

/* Weights of symbols 0..maxs-1 (the last is implied), FSE-compressed. */
static int ze_huf_weights_fse(struct tz_zstd_cws *ws, u8 *op, u8 *oend, const u8 *wt,
			      unsigned int n, const unsigned int *rank)
{
	u32 cnt[16] = { 0 };
	s16 norm[16];
	struct ze_fse *tp = &ws->hw;
	struct ze_bw w;
	unsigned int i, maxw = 0, al = 6, distinct = 0;
	u64 st[2], wcost;
	int hl, bl;

	/* rank: weights of symbols 0..n; the last one is not written. */
	for (i = 0; i <= ZE_HUF_MAX; i++)
		cnt[i] = rank[i];
	cnt[wt[n]]--;
	for (i = 0; i <= ZE_HUF_MAX; i++)
		if (cnt[i])
			maxw = i;
	for (i = 0; i <= maxw; i++)
		distinct += cnt[i] != 0;
	if (n < 2 || distinct < 2 || !ze_normalize(norm, cnt, maxw, n, al, &wcost))
		return -1;
	hl = ze_write_ncount(op, oend, norm, maxw, al);
	if (hl < 0)
		return -1;
	ze_fse_build(tp, norm, maxw, al, ws->spread);
	bw_init(&w, op + hl, oend);
	/*
	 * State A decodes even indices, B odd ones. The decoder stops when
	 * the update after w[n-2] reads past the start, so that state must
	 * read >= 1 bit: the first state of a symbol with norm < 2^al does.
	 */
	st[(n - 1) & 1] = ze_fse_first(tp, wt[n - 1]);
	st[(n - 2) & 1] = ze_fse_first(tp, wt[n - 2]);
	{
		/* Two at a time, the states in registers: sx codes i - 1, sy i - 2. */
		u64 sx = st[(n - 3) & 1], sy = st[n & 1];

		/* <= 2 x al bits a round: unchecked flushes when all fit. */
		if (bw_room(&w, (n * al + 7) / 8)) {
			for (i = n - 2; i >= 2; i -= 2) {
				ze_fse_enc(&w, tp, &sx, wt[i - 1]);
				ze_fse_enc(&w, tp, &sy, wt[i - 2]);
				bw_flush_fast(&w);
			}
		} else {
			for (i = n - 2; i >= 2; i -= 2) {
				ze_fse_enc(&w, tp, &sx, wt[i - 1]);
				ze_fse_enc(&w, tp, &sy, wt[i - 2]);
				bw_flush(&w);
			}
		}
		if (i == 1) {
			ze_fse_enc(&w, tp, &sx, wt[0]);
			bw_flush(&w);
		}
		st[(n - 3) & 1] = sx;
		st[n & 1] = sy;
	}
	bw_add(&w, st[1] & ((1u << al) - 1), al);
	bw_add(&w, st[0] & ((1u << al) - 1), al);
	bl = bw_close(&w);
	if (bl < 0)
		return -1;
	return hl + bl;
}

/* Encode n literals into one stream with codes/lengths. */
static int ze_huf_stream(u8 *op, u8 *oend, const u8 *lit, size_t n, const u16 *code,
			 const u8 *len)
{
	struct ze_bw w;
	size_t i = n;

	bw_init(&w, op, oend);
	/*
	 * Backward stream: the first literal is written last. Unchecked:
	 * 5 x 11 bits + 7 pending <= 63 a flush; checked: 4 at a time.
	 */
	if (bw_room(&w, (n * ZE_HUF_MAX + 7) / 8)) {
		while (i >= 5) {
			bw_add(&w, code[lit[i - 1]], len[lit[i - 1]]);
			bw_add(&w, code[lit[i - 2]], len[lit[i - 2]]);
			bw_add(&w, code[lit[i - 3]], len[lit[i - 3]]);
			bw_add(&w, code[lit[i - 4]], len[lit[i - 4]]);
			bw_add(&w, code[lit[i - 5]], len[lit[i - 5]]);
			bw_flush_fast(&w);
			i -= 5;
		}
	}
	while (i >= 4) {
		bw_add(&w, code[lit[i - 1]], len[lit[i - 1]]);
		bw_add(&w, code[lit[i - 2]], len[lit[i - 2]]);
		bw_add(&w, code[lit[i - 3]], len[lit[i - 3]]);
		bw_add(&w, code[lit[i - 4]], len[lit[i - 4]]);
		bw_flush(&w);
		i -= 4;
	}
	while (i) {
		i--;
		bw_add(&w, code[lit[i]], len[lit[i]]);
	}
	return bw_close(&w);
}

/*
 * Longest code allowed. The decoder fills a table of 2^maxbits entries
 * per page, so a shorter limit on small literal counts saves it more than
 * the few bits it costs (libzstd caps at about log2(n) - 1 as well).
 */
static __always_inline unsigned int ze_huf_limit(size_t n, unsigned int distinct)
{
	unsigned int lim = zs_hb32((u32)n) - 1, need = zs_hb32(distinct - 1) + 1;

	if (lim > ZE_HUF_MAX)
		lim = ZE_HUF_MAX;
	if (lim < need + 1)
		lim = need + 1 > ZE_HUF_MAX ? ZE_HUF_MAX : need + 1;
	return lim;
}

/* Literals section: Huffman when it pays, else RLE or raw. */
static int ze_literals(struct tz_zstd_cws *ws, const u8 *lit, size_t n, u8 *op, u8 *oend,
		       const struct ze_cdict_ent *de)
{
	u32 type = 2;	/* Compressed_Literals_Block; 3: treeless (the dictionary's) */
	u32 *cnt = ws->huf.cnt;
	u8 *len = ws->huf.len, *wt = ws->huf.wt;
	u16 *code = ws->huf.code;
	unsigned int maxs = 0, distinct = 0, maxb, s, lhs, rank[ZE_HUF_MAX + 2] = { 0 };
	u32 start[ZE_HUF_MAX + 2], pos;
	size_t i, csize;
	u8 *p;
	int hl;

	memset(cnt, 0, sizeof(ws->huf.cnt));
	/* 8 literals a load, bytes taken from the register. */
	for (i = 0; i + 8 <= n; i += 8) {
		u64 v = tz_read64(lit + i);

		cnt[v & 0xff]++;
		cnt[(v >> 8) & 0xff]++;
		cnt[(v >> 16) & 0xff]++;
		cnt[(v >> 24) & 0xff]++;
		cnt[(v >> 32) & 0xff]++;
		cnt[(v >> 40) & 0xff]++;
		cnt[(v >> 48) & 0xff]++;
		cnt[v >> 56]++;
	}
	for (; i < n; i++)
		cnt[lit[i]]++;
	if (n < 64) {
		for (s = 0; s < 256; s++)
			distinct += cnt[s] != 0;
		goto raw_or_rle;
	}
	for (maxs = 255; !cnt[maxs]; maxs--)
		;
	maxb = ze_huf_lengths(&ws->huf, cnt, maxs, n, len, wt, rank, &distinct);
	if (!maxb)
		goto raw_or_rle;
	rank[0] = maxs + 1 - distinct;	/* absent symbols below maxs */
	/* Canonical codes exactly as the decoder lays its table out. */
	pos = 0;
	for (s = 1; s <= maxb; s++) {
		start[s] = pos;
		pos += rank[s] << (s - 1);
	}
	for (i = 0; i < distinct; i++) {
		unsigned int c = ws->huf.sym[i], w = wt[c], sh = w - 1;

		code[c] = (u16)(start[w] >> sh);
		start[w] += 1u << sh;
	}
	lhs = n <= 1023 ? 3 : n <= 16383 ? 4 : 5;
	if (oend - op < (ptrdiff_t)(lhs + 200))
		goto raw_or_rle;
	p = op + lhs;
	hl = ze_huf_weights_fse(ws, p + 1, oend, wt, maxs, rank);
	if (hl > 0 && hl < 128) {
		p[0] = (u8)hl;
		p += 1 + hl;
	} else if (maxs <= 128) {
		p[0] = (u8)(127 + maxs);
		for (s = 0; s < maxs; s += 2)
			p[1 + s / 2] = (u8)(wt[s] << 4 | (s + 1 < maxs ? wt[s + 1] : 0));
		p += 1 + (maxs + 1) / 2;
	} else {
		goto raw_or_rle;
	}
	if (de) {
		/* The dictionary's codes where they cost less than ours + description. */
		u64 own = (u64)(p - (op + lhs)) * 8, dict = 0;
		bool ok = true;

		for (s = 0; s <= maxs; s++) {
			own += (u64)cnt[s] * len[s];
			dict += (u64)cnt[s] * de->hlen[s];
			ok &= !cnt[s] || de->hlen[s];
		}
		if (ok && dict < own) {
			type = 3;
			p = op + lhs;
			code = (u16 *)de->hcode;
			len = (u8 *)de->hlen;
		}
	}
	if (n <= 1023 && n < 256) {
		int r = ze_huf_stream(p, oend, lit, n, code, len);

		if (r < 0)
			goto raw_or_rle;
		p += r;
		csize = p - (op + lhs);
		if (lhs + csize + 8 >= n)
			goto raw_or_rle;
		{
			u32 h = type | (0 << 2) | (u32)n << 4 | (u32)csize << 14;

			op[0] = (u8)h;
			op[1] = (u8)(h >> 8);
			op[2] = (u8)(h >> 16);
		}
		return (int)(lhs + csize);
	}
	{	/* four streams */
		size_t seg = (n + 3) / 4, off = 0;
		u8 *jt = p;
		int k;

		if (oend - p < 6)
			goto raw_or_rle;
		p += 6;
		for (k = 0; k < 4; k++) {
			size_t sn = k < 3 ? seg : n - 3 * seg;
			int r = ze_huf_stream(p, oend, lit + off, sn, code, len);

			if (r < 0 || (k < 3 && r > 0xffff))
				goto raw_or_rle;
			if (k < 3)
				put_unaligned_le16((u16)r, jt + 2 * k);
			p += r;
			off += sn;
		}
		csize = p - (op + lhs);
		if (lhs + csize + 8 >= n)
			goto raw_or_rle;
		if (lhs == 3) {
			u32 h = type | (1 << 2) | (u32)n << 4 | (u32)csize << 14;

			op[0] = (u8)h;
			op[1] = (u8)(h >> 8);
			op[2] = (u8)(h >> 16);
		} else if (lhs == 4) {
			put_unaligned_le32(type | (2 << 2) | (u32)n << 4 | (u32)csize << 18, op);
		} else {
			u64 h = type | (3 << 2) | (u64)n << 4 | (u64)csize << 22;

			put_unaligned_le32((u32)h, op);
			op[4] = (u8)(h >> 32);
		}
		return (int)(lhs + csize);
	}
raw_or_rle:
	if (distinct == 1 && n > 2) {
		lhs = n < 32 ? 1 : n < 4096 ? 2 : 3;
		if (oend - op < (ptrdiff_t)lhs + 1)
			return -1;
		if (lhs == 1) {
			op[0] = (u8)(1 | n << 3);
		} else if (lhs == 2) {
			op[0] = (u8)(1 | 1 << 2 | (n & 15) << 4);
			op[1] = (u8)(n >> 4);
		} else {
			op[0] = (u8)(1 | 3 << 2 | (n & 15) << 4);
			op[1] = (u8)(n >> 4);
			op[2] = (u8)(n >> 12);
		}
		op[lhs] = lit[0];
		return (int)lhs + 1;
	}
	lhs = n < 32 ? 1 : n < 4096 ? 2 : 3;
	if ((size_t)(oend - op) < lhs + n)
		return -1;
	if (lhs == 1) {
		op[0] = (u8)(n << 3);
	} else if (lhs == 2) {
		op[0] = (u8)(1 << 2 | (n & 15) << 4);
		op[1] = (u8)(n >> 4);
	} else {
		op[0] = (u8)(3 << 2 | (n & 15) << 4);
		op[1] = (u8)(n >> 4);
		op[2] = (u8)(n >> 12);
	}
	memcpy(op + lhs, lit, n);
	return (int)(lhs + n);
}

/* ---- Sequences --------------------------------------------------------- */

/*
 * Coding cnt with a dictionary's table (dcost, ZE_NO_COST: absent), in
 * 1/256 bits; ~0 when it cannot code them or there is none.
 */
static u64 ze_dict_seq_cost(const u32 *cnt, unsigned int maxs, const u16 *dcost)
{
	u64 c = 0;
	unsigned int i;

	if (!dcost)
		return ~0ull;
	for (i = 0; i <= maxs; i++) {
		if (cnt[i] && dcost[i] == ZE_NO_COST)
			return ~0ull;
		c += (u64)cnt[i] * dcost[i];
	}
	return c;
}

/*
 * Choose and write the table of one kind: 0 predefined, 1 RLE, 2 FSE,
 * 3 repeat (the dictionary's table dt, first block only). t receives the
 * encoding table. Returns mode, *used the header bytes.
 */
static int ze_seq_table(struct tz_zstd_cws *ws, struct ze_fse *t, const u32 *cnt,
			unsigned int nseq, unsigned int maxs_all, const u16 *pre_cost,
			unsigned int def_max, unsigned int al_max, u8 *op, u8 *oend, int *used,
			const u16 *dcost)
{
	unsigned int i, maxs, al;
	u64 cost_pre = 0, cost_fse, cost_dict;
	bool pre_ok = true;
	int hl;

	/* nseq > 0 codes counted: some cnt is non-zero; one symbol iff it has them all. */
	for (maxs = maxs_all; !cnt[maxs]; maxs--)
		;
	*used = 0;
	if (cnt[maxs] == nseq && nseq > 2) {
		if (oend - op < 1)
			return -1;
		op[0] = (u8)maxs;
		*used = 1;
		/*
		 * One state, no bits: state 0 maps to itself reading 0 bits,
		 * so the stream writer needs no special case.
		 */
		t->al = 0;
		t->state[0] = 0;
		t->sym[maxs].dnb = 0;
		t->sym[maxs].dfind = 0;
		t->first[maxs] = 0;
		return 1;
	}
	cost_dict = ze_dict_seq_cost(cnt, maxs, dcost);
	/* cnt[maxs] > 0: predefined fits iff maxs <= def_max. */
	pre_ok = maxs <= def_max;
	for (i = 0; pre_ok && i <= maxs; i++)
		cost_pre += (u64)cnt[i] * pre_cost[i];
	/*
	 * Accuracy as libzstd picks it: about nseq/4 states, enough for the
	 * largest symbol. Smaller tables cost less to describe and to build
	 * on both sides; a page rarely has enough sequences to use more.
	 */
	al = nseq > 2 ? zs_hb32(nseq - 1) - 2 : 5;
	if (al < zs_hb32(maxs | 1) + 2)
		al = zs_hb32(maxs | 1) + 2;
	if (al < 5)
		al = 5;
	if (al > al_max)
		al = al_max;
	if (nseq < 24 || !ze_normalize(ws->norm, cnt, maxs, nseq, al, &cost_fse))
		goto pre;
	hl = ze_write_ncount(op, oend, ws->norm, maxs, al);
	if (hl < 0)
		goto pre;
	cost_fse += (u64)hl << 11;
	/*
	 * Predefined within ~6 % + 8 bytes: nothing to describe, and no table
	 * to build on either side (a custom one costs the decoder more than
	 * those bytes are worth to the ratio).
	 */
	if (pre_ok && cost_pre <= cost_fse + (cost_fse >> 4) + 8 * 2048)
		goto pre;
	/* The dictionary's table: as free to use as the predefined one. */
	if (cost_dict <= cost_fse + (cost_fse >> 4) + 8 * 2048)
		return 3;
	ze_fse_build(t, ws->norm, maxs, al, ws->spread);
	*used = hl;
	return 2;
pre:
	if (cost_dict < (pre_ok ? cost_pre : ~0ull))
		return 3;
	if (!pre_ok) {
		/* Custom table needed: al_max always normalises. */
		if (!ze_normalize(ws->norm, cnt, maxs, nseq, al_max, &cost_fse))
			return -1;
		hl = ze_write_ncount(op, oend, ws->norm, maxs, al_max);
		if (hl < 0)
			return -1;
		ze_fse_build(t, ws->norm, maxs, al_max, ws->spread);
		*used = hl;
		return 2;
	}
	return 0;
}

/*
 * Sequences into the backward stream, the last one first: per sequence
 * the three states (<= 9 + 9 + 8 bits) then its extra bits (<= 16 + 16 +
 * 15 with block-local offsets), one flush, plus one more in the rare case
 * that both do not fit the accumulator together. The bit writer lives in
 * locals (registers). RLE tables are built to read 0 bits, so every kind
 * is coded the same way.
 */
static __always_inline void ze_seq_stream(struct ze_bw *pw, const struct tz_zstd_cws *ws,
					  unsigned int nseq, const struct ze_fse *tll,
					  const struct ze_fse *tof, const struct ze_fse *tml,
					  u64 *psll, u64 *psof, u64 *psml, bool room)
{
	struct ze_bw w = *pw;
	u64 sll = *psll, sof = *psof, sml = *psml;
	unsigned int i = nseq - 1;

	bw_add(&w, ws->xv[i], ws->xn[i]);
	if (room)
		bw_flush_fast(&w);
	else
		bw_flush(&w);
	while (i-- > 0) {
		unsigned int xn = ws->xn[i];

		ze_fse_enc(&w, tof, &sof, ws->ofc[i]);
		ze_fse_enc(&w, tml, &sml, ws->mlc[i]);
		ze_fse_enc(&w, tll, &sll, ws->llc[i]);
		if (unlikely(w.n + xn > 63)) {
			if (room)
				bw_flush_fast(&w);
			else
				bw_flush(&w);
		}
		bw_add(&w, ws->xv[i], xn);
		if (room)
			bw_flush_fast(&w);
		else
			bw_flush(&w);
	}
	*pw = w;
	*psll = sll;
	*psof = sof;
	*psml = sml;
}

int ZE_ENT_NAME(struct tz_zstd_cws *ws, const struct ze_block *b, u8 *op, u8 *oend)
{
	u8 *const ostart = op;
	unsigned int nseq = b->nseq, i;
	int r, m_ll, m_of, m_ml, used;
	const struct ze_fse *tll = &ws->ll, *tof = &ws->of, *tml = &ws->ml;
	const struct ze_cdict_ent *de = b->dent;
	struct ze_bw w;
	u64 sll, sml, sof;

	r = ze_literals(ws, ws->lit, b->nlit, op, oend, de);
	if (r < 0)
		return -1;
	op += r;
	if (oend - op < 4)
		return -1;
	if (nseq < 128) {
		*op++ = (u8)nseq;
	} else if (nseq < 0x7F00) {
		*op++ = (u8)((nseq >> 8) + 128);
		*op++ = (u8)nseq;
	} else {
		*op++ = 255;
		put_unaligned_le16((u16)(nseq - 0x7F00), op);
		op += 2;
	}
	if (!nseq)
		return (int)(op - ostart);
	{
		u8 *modes = op++;

		m_ll = ze_seq_table(ws, &ws->ll, ws->cll, nseq, ZS_LL_MAX, ze_ll_pre_cost, ZS_LL_MAX,
				    ZS_LL_AL, op, oend, &used, de ? de->llcost : NULL);
		if (m_ll < 0)
			return -1;
		if (m_ll == 0)
			tll = &ze_ll_pre;
		else if (m_ll == 3)
			tll = &de->ll;
		op += used;
		m_of = ze_seq_table(ws, &ws->of, ws->cof, nseq, ZS_OF_MAX, ze_of_pre_cost, 28,
				    ZS_OF_AL, op, oend, &used, de ? de->ofcost : NULL);
		if (m_of < 0)
			return -1;
		if (m_of == 0)
			tof = &ze_of_pre;
		else if (m_of == 3)
			tof = &de->of;
		op += used;
		m_ml = ze_seq_table(ws, &ws->ml, ws->cml, nseq, ZS_ML_MAX, ze_ml_pre_cost, ZS_ML_MAX,
				    ZS_ML_AL, op, oend, &used, de ? de->mlcost : NULL);
		if (m_ml < 0)
			return -1;
		if (m_ml == 0)
			tml = &ze_ml_pre;
		else if (m_ml == 3)
			tml = &de->ml;
		op += used;
		*modes = (u8)(m_ll << 6 | m_of << 4 | m_ml << 2);
	}
	/* Bitstream: the last sequence first (the decoder reads backward). */
	bw_init(&w, op, oend);
	i = nseq - 1;
	sll = ze_fse_first(tll, ws->llc[i]);
	sof = ze_fse_first(tof, ws->ofc[i]);
	sml = ze_fse_first(tml, ws->mlc[i]);
	/* <= 16 + 16 + 31 extra bits + 3 x 9 state bits per sequence. */
	if (bw_room(&w, (size_t)nseq * 12 + 8))
		ze_seq_stream(&w, ws, nseq, tll, tof, tml, &sll, &sof, &sml, true);
	else
		ze_seq_stream(&w, ws, nseq, tll, tof, tml, &sll, &sof, &sml, false);
	bw_add(&w, sml & ((1u << tml->al) - 1), tml->al);
	bw_add(&w, sof & ((1u << tof->al) - 1), tof->al);
	bw_add(&w, sll & ((1u << tll->al) - 1), tll->al);
	r = bw_close(&w);
	if (r < 0)
		return -1;
	op += r;
	return (int)(op - ostart);
}
