// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_fse.c - FSE (tANS) table descriptions and decoding tables
 * (RFC 8878 4.1.1), plus the fixed code tables of the sequences section.
 */
#include "zstd_internal.h"

const u32 zs_ll_base[ZS_LL_MAX + 1] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096,
	8192, 16384, 32768, 65536 };
const u8 zs_ll_bits[ZS_LL_MAX + 1] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12,
	13, 14, 15, 16 };
const u32 zs_ml_base[ZS_ML_MAX + 1] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
	19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
	35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
	4099, 8195, 16387, 32771, 65539 };
const u8 zs_ml_bits[ZS_ML_MAX + 1] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11,
	12, 13, 14, 15, 16 };
const u32 zs_of_base[ZS_OF_MAX + 1] = {
	1u << 0, 1u << 1, 1u << 2, 1u << 3, 1u << 4, 1u << 5, 1u << 6, 1u << 7,
	1u << 8, 1u << 9, 1u << 10, 1u << 11, 1u << 12, 1u << 13, 1u << 14, 1u << 15,
	1u << 16, 1u << 17, 1u << 18, 1u << 19, 1u << 20, 1u << 21, 1u << 22, 1u << 23,
	1u << 24, 1u << 25, 1u << 26, 1u << 27, 1u << 28, 1u << 29, 1u << 30, 1u << 31 };
const u8 zs_of_bits[ZS_OF_MAX + 1] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31 };
/* Predefined distributions (RFC 8878 3.1.1.3.2.2). */
const s16 zs_ll_def[ZS_LL_MAX + 1] = {
	4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
	-1, -1, -1, -1 };
const s16 zs_ml_def[ZS_ML_MAX + 1] = {
	1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
	-1, -1, -1, -1, -1 };
const s16 zs_of_def[29] = {
	1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1 };

/* 32 bits of a little-endian forward bitstream at bit bp; zeros past len. */
static u32 fw_peek(const u8 *src, size_t len, size_t bp)
{
	size_t byte = bp >> 3, i;
	u64 v = 0;

	if (byte + 8 <= len) {
		v = get_unaligned_le64(src + byte);
	} else {
		for (i = 0; i < 8 && byte + i < len; i++)
			v |= (u64)src[byte + i] << (8 * i);
	}
	return (u32)(v >> (bp & 7));
}

/*
 * Read an FSE table description. *max_sym: in, the largest symbol
 * allowed; out, the last symbol described. Returns bytes used.
 */
int zs_fse_read_ncount(s16 *norm, unsigned int *max_sym, unsigned int *alp,
		       unsigned int al_max, const u8 *src, size_t len)
{
	unsigned int msv = *max_sym, s = 0, al;
	int remaining, threshold, nbits;
	bool prev0 = false;
	size_t bp = 4;

	if (len < 1)
		return ZS_ECORRUPT;
	al = (src[0] & 15) + 5;
	if (al > al_max)
		return ZS_ECORRUPT;
	threshold = 1 << al;
	remaining = threshold + 1;
	nbits = al + 1;
	while (remaining > 1 && s <= msv) {
		int max, count, low, full, small;
		u32 bits;

		if (prev0) {
			unsigned int n0 = s, v;

			do {
				v = fw_peek(src, len, bp) & 3;
				bp += 2;
				n0 += v;
				if (n0 > msv)
					return ZS_ESTRICT(ZS_STRICT_FSE_SYM);
			} while (v == 3);
			while (s < n0)
				norm[s++] = 0;
		}
		/*
		 * nbits - 1 bits when they are below max, else nbits (the
		 * values from threshold up folded down by max). Selected, not
		 * branched on: which one comes is data, taken about half the
		 * time either way.
		 */
		max = (2 * threshold - 1) - remaining;
		bits = fw_peek(src, len, bp);
		low = (int)(bits & (threshold - 1));
		full = (int)(bits & (2 * threshold - 1));
		small = low < max;
		count = full >= threshold ? full - max : full;
		count = small ? low : count;
		bp += nbits - small;
		count--;	/* -1: "less than 1" probability */
		remaining -= count < 0 ? -count : count;
		norm[s++] = (s16)count;
		prev0 = !count;
		if (remaining < 1)
			return ZS_ECORRUPT;
		/* threshold: the largest power of 2 <= remaining */
		nbits = zs_hb32((u32)remaining) + 1;
		threshold = 1 << (nbits - 1);
	}
	if (remaining > 1 && s > msv)
		return ZS_ESTRICT(ZS_STRICT_FSE_SYM);
	if (remaining != 1 || s == 0)
		return ZS_ECORRUPT;
	if (bp > len * 8)
		return ZS_ESTRICT(ZS_STRICT_FSE_PAST_END);
	*max_sym = s - 1;
	*alp = al;
	return (int)((bp + 7) >> 3);
}

/*
 * Spread symbols over the table and resolve states (RFC 8878 4.1.1).
 * base/bits map a symbol to its value baseline and extra bits (for the
 * Huffman weights: zs_id_base/zs_id_bits, the value is the symbol).
 * max_sym < 64 (all users). A state is its entry's address; next is the
 * next state's distance from the entry, and entry + next + (any nbits
 * value) lies inside the table.
 *
 * Scratch lives in t itself (no stack array): the spread symbols in its
 * last size bytes (entry u, bytes 8u..8u+7, only overlaps symbols at
 * positions <= u, each read before its entry is written), and without
 * "less than 1" symbols the symbols in order in the size bytes before
 * them, plus 32 bytes of slack written over the spread symbols' start
 * before those are (size >= 32).
 */
int zs_fse_build(struct zs_fse_e *t, const s16 *norm, unsigned int max_sym,
		 unsigned int al, const u32 *base, const u8 *bits)
{
	unsigned int size = 1u << al, high = size - 1, mask = size - 1;
	unsigned int step = (size >> 1) + (size >> 3) + 3, pos = 0, s, u;
	u8 *sym = (u8 *)t + 7 * size, *lin = sym - size;
	u16 next[64] TZ_NOINIT;
	u64 sv = 0;

	if (max_sym >= 64 || al > ZS_LL_AL || al < 5)
		return ZS_ECORRUPT;
	/*
	 * Without "less than 1" symbols (every table our encoder writes)
	 * each step lands in the table: lay the symbols out in order, 8
	 * bytes a store, then scatter them along the steps in a loop of
	 * fixed length. Spreading symbol by symbol, loops of varying length
	 * mispredict their exits about once per symbol.
	 */
	for (s = 0; s <= max_sym; s++, sv += 0x0101010101010101ull) {
		int c = norm[s];
		unsigned int i;

		if (unlikely(c < 0))
			goto low;
		if ((unsigned int)c > size - pos)
			return ZS_ECORRUPT;	/* counts add up to more */
		next[s] = (u16)c;
		/* 32 bytes whatever c is: no branch on the common counts */
		put_unaligned_le64(sv, lin + pos);
		put_unaligned_le64(sv, lin + pos + 8);
		put_unaligned_le64(sv, lin + pos + 16);
		put_unaligned_le64(sv, lin + pos + 24);
		for (i = 32; i < (unsigned int)c; i += 8)
			put_unaligned_le64(sv, lin + pos + i);
		pos += c;
	}
	if (pos != size)
		return ZS_ECORRUPT;	/* counts did not add up to size */
	zs_fse_scatter(sym, lin, al);
	goto states;
low:
	/* "Less than 1" symbols take the table's top; the steps skip it. */
	for (s = 0, pos = 0; s <= max_sym; s++) {
		if (norm[s] < -1)
			return ZS_ECORRUPT;
		if (norm[s] == -1) {
			sym[high--] = (u8)s;
			next[s] = 1;
		} else {
			next[s] = (u16)norm[s];
		}
	}
	for (s = 0; s <= max_sym; s++) {
		int i, c = norm[s];

		for (i = 0; i < c; i++) {
			sym[pos] = (u8)s;
			do {
				pos = (pos + step) & mask;
			} while (pos > high);
		}
	}
	if (pos != 0)
		return ZS_ECORRUPT;	/* counts did not add up to size */
states:
	for (u = 0; u < size; u++) {
		unsigned int x, nb;

		s = sym[u];
		x = next[s]++;
		nb = al - zs_hb32(x);
		t[u].nbits = (u8)nb;
		t[u].next = (s16)((int)(x << nb) - (int)size - (int)u);
		t[u].base = base[s];
		t[u].add = bits[s];
	}
	return 0;
}

/* RLE mode: one state, no bits. */
void zs_fse_rle(struct zs_fse_e *t, unsigned int sym, const u32 *base, const u8 *bits)
{
	t[0].nbits = 0;
	t[0].next = 0;
	t[0].base = base[sym];
	t[0].add = bits[sym];
}

/* Identity value tables: Huffman weights decode to the symbol itself. */
const u32 zs_id_base[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
const u8 zs_id_bits[16];
