// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_huf.c - Huffman tree description -> weights -> single-symbol
 * decoding table (RFC 8878 4.2.1). Weights come direct (4 bits each) or
 * FSE-compressed. Used for each block's literals and for a dictionary's
 * table (zstd_dict.c).
 */
#include "zstd_internal.h"

/* Emit state e's weight, count it, and return the next state. */
static __always_inline const struct zs_fse_e *hw_step(const struct zs_fse_e *e,
						      struct zs_br *b, u8 *w, u32 *rank)
{
	*w = (u8)e->base;
	rank[e->base]++;
	return e + e->next + (int)zs_br_read(b, e->nbits);
}

/* FSE-compressed weights: two interleaved states over one backward stream. */
static int huf_fse_weights(struct zs_fse_e *hwt, const u8 *src, size_t len, u8 *w, u32 *rank)
{
	s16 norm[ZS_HW_MAX_SYM + 1];
	unsigned int msym = ZS_HW_MAX_SYM, al, n = 0;
	const struct zs_fse_e *s1, *s2, *t;
	struct zs_br b;
	int r;

	r = zs_fse_read_ncount(norm, &msym, &al, ZS_HW_AL, src, len);
	if (r < 0)
		return r;
	if (zs_fse_build(hwt, norm, msym, al, zs_id_base, zs_id_bits))
		return ZS_ECORRUPT;
	if (zs_br_init(&b, src + r, len - r))
		return ZS_ECORRUPT;
	s1 = hwt + zs_br_read(&b, al);
	s2 = hwt + zs_br_read(&b, al);
	if (zs_br_reload(&b) < 0)
		return ZS_ECORRUPT;
	/*
	 * Fast: p - s >= 3 means the last reload was a full one (n <= 7), so
	 * four updates (<= 4 x 6 state bits, n <= 31) cannot overflow, and
	 * the branchless reload steps p back <= 3 bytes, not past s.
	 * w[n..n+3] stays below 255.
	 */
	while (b.p - b.s >= 3 && n <= 250) {
		s1 = hw_step(s1, &b, &w[n], rank);
		s2 = hw_step(s2, &b, &w[n + 1], rank);
		s1 = hw_step(s1, &b, &w[n + 2], rank);
		s2 = hw_step(s2, &b, &w[n + 3], rank);
		n += 4;
		b.p -= b.n >> 3;
		b.n &= 7;
		b.c = get_unaligned_le64(b.p);
	}
	/* Stop when a state update reads past the start (RFC 8878 4.2.1.2). */
	for (;;) {
		if (n >= 255)
			return ZS_ECORRUPT;
		s1 = hw_step(s1, &b, &w[n++], rank);
		if (zs_br_reload(&b) < 0) {
			/* Overflow: the other state holds the last weight. */
			if (n >= 255)
				return ZS_ECORRUPT;
			w[n] = (u8)s2->base;
			rank[w[n++]]++;
			break;
		}
		t = s1;		/* the states take turns */
		s1 = s2;
		s2 = t;
	}
	return (int)n;
}

int zs_huf_read_weights(u8 *w, u32 *rank, unsigned int *nsym, unsigned int *maxbits,
			struct zs_fse_e *hwt, const u8 *src, size_t len)
{
	u32 total = 0, rest, maxb, lastw, i, n, used;
	u8 hdr;

	for (i = 0; i <= ZS_HW_MAX_SYM; i++)
		rank[i] = 0;
	if (len < 1)
		return ZS_ECORRUPT;
	hdr = src[0];
	if (hdr >= 128) {
		n = hdr - 127;
		used = 1 + (n + 1) / 2;
		if (used > len)
			return ZS_ECORRUPT;
		for (i = 0; i < n; i++) {
			w[i] = (i & 1) ? src[1 + i / 2] & 15 : src[1 + i / 2] >> 4;
			rank[w[i]]++;
		}
	} else {
		int r;

		used = 1 + hdr;
		if (hdr == 0 || used > len)
			return ZS_ECORRUPT;
		r = huf_fse_weights(hwt, src + 1, hdr, w, rank);
		if (r < 0)
			return r;
		n = (u32)r;
	}
	/* rank[] counted while decoding: weights are < 16 (4-bit fields,
	 * FSE symbols <= ZS_HW_MAX_SYM).
	 */
	for (i = ZS_HUF_BITS + 1; i <= ZS_HW_MAX_SYM; i++)
		if (rank[i])
			return ZS_ECORRUPT;
	for (i = 1; i <= ZS_HUF_BITS; i++)
		total += rank[i] << (i - 1);
	if (total == 0)
		return ZS_ECORRUPT;
	maxb = zs_hb32(total) + 1;
	if (maxb > ZS_HUF_BITS)
		return ZS_ESTRICT(ZS_STRICT_HUF_BITS);
	/* The last weight is implied: it completes the code to 2^maxb. */
	rest = (1u << maxb) - total;
	if (rest & (rest - 1))
		return ZS_ECORRUPT;
	lastw = zs_hb32(rest) + 1;
	w[n++] = (u8)lastw;
	rank[lastw]++;
	if (rank[1] < 2 || (rank[1] & 1))
		return ZS_ECORRUPT;
	*nsym = n;
	*maxbits = maxb;
	return (int)used;
}

/*
 * Symbols sorted by weight into scratch (counting sort; ascending within
 * a weight; zero weights last). Then lower weights (longer codes) fill
 * the lower table indices, one weight class at a time: the classes add
 * up to 2^maxb entries (zs_huf_read_weights checked it).
 */
void zs_huf_fill(u16 *dt, const u8 *w, unsigned int n, const u32 *rank, unsigned int maxb,
		 u8 *sorted)
{
	u32 start[ZS_HUF_BITS + 2], pos = 0, i;
	const u8 *sp;
	u16 *d;

	for (i = 1; i <= maxb; i++) {
		start[i] = pos;
		pos += rank[i];
	}
	start[0] = pos;
	for (i = 0; i < n; i++)
		sorted[start[w[i]]++] = (u8)i;
	d = dt;
	sp = sorted;
	for (i = 1; i <= maxb; i++) {
		u32 hi = (maxb + 1 - i) << 8, c = rank[i], len2 = 1u << (i - 1), k;

		if (i == 1) {
			for (; c; c--)
				*d++ = (u16)(*sp++ | hi);
		} else if (i == 2) {
			for (; c; c--, d += 2) {
				u32 e2 = (*sp++ | hi) * 0x00010001u;

				memcpy(d, &e2, 4);	/* 2 equal u16: any byte order */
			}
		} else {
			for (; c; c--, d += len2) {
				u64 e4 = (*sp++ | hi) * 0x0001000100010001ull;

				for (k = 0; k < len2; k += 4)
					memcpy(d + k, &e4, 8);	/* 4 equal u16 */
			}
		}
	}
}

/*
 * A block's tree description -> ws->huf. ws->lit is the sort scratch: the
 * literals are decoded after this table. Returns bytes used.
 */
int zs_huf_read_table(struct zs_dws *ws, const u8 *src, size_t len)
{
	u8 w[256];
	u32 rank[ZS_HW_MAX_SYM + 1];
	unsigned int n, maxb;
	int used = zs_huf_read_weights(w, rank, &n, &maxb, ws->hw, src, len);

	if (used < 0)
		return used;
	zs_huf_fill(ws->huf, w, n, rank, maxb, ws->lit);
	ws->huf_bits = (u8)maxb;
	ws->huf_t = ws->huf;
	return used;
}
