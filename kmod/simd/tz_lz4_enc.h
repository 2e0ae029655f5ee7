/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_lz4_enc.h - the LZ4 block compressor core (part of the template: see
 * tz_lz4_tmpl.h): one block per call (batches too, tz_lz4_batch.h).
 *
 * Match finder: liblz4's, probe for probe (a 4-byte multiplicative hash
 * into one table of positions, each probe verified, the table filled at
 * every probed position and at the match end - 2, the step growing after
 * 64 misses), so the ratio is liblz4's. What differs is the rest of a
 * sequence: the match length is counted 32 bytes at a time (tz_count32),
 * and the sequence is written without a branch on the data when both
 * lengths are short (the token's nibbles plus at most one match-length
 * byte); long literal runs, long matches, the end of the input and a
 * tight output take the general paths.
 *
 * (Probing four positions per step with one mask and one branch was
 * measured: ~70 instead of ~220 mispredicted branches per page, but
 * 1.7x the instructions, 0.72x the speed; docs/BENCHMARKS.md 5.1.)
 *
 * Positions: u16 for inputs up to 64 KiB (13-bit table), u32 with an
 * explicit distance check above (12-bit table). With a dictionary the
 * block's table holds the block's positions as without one, and the
 * dictionary's own larger table (positions in the dictionary, prepared
 * once by tz_lz4_dict_prepare, read-only) is probed where the block's
 * candidate fails: a 60 KiB dictionary does not crowd the block's 8192
 * entries (which kept about one dictionary position in seven), and a
 * probe that the block's candidate answers costs what it costs without
 * a dictionary (positions counted from the dictionary's start, as the
 * encoder had them before, cost a check a probe and two selects a
 * match: ~12 % more instructions).
 */

static __always_inline u32 TZ_FN(tz_hash)(u32 word, unsigned int log)
{
	/* Multiplicative hash of 4 bytes (Knuth's golden ratio), as liblz4. */
	return (word * 2654435761U) >> (32 - log);
}

/* Emit a length extension (len >= 15 already subtracted from token). */
static __always_inline u8 *TZ_FN(tz_put_ext)(u8 *op, size_t len)
{
	while (len >= 255) {
		*op++ = 255;
		len -= 255;
	}
	*op++ = (u8)len;
	return op;
}

/* Table access by virtual position; wide and with_dict are constants. */
#define TZ_LZ4_HLOG(wide) ((wide) ? TZ_LZ4_HLOG32 : TZ_LZ4_HLOG16)

static __always_inline u32 TZ_FN(tz_tget)(const void *t, u32 h, const int wide)
{
	return wide ? ((const u32 *)t)[h] : ((const u16 *)t)[h];
}

static __always_inline void TZ_FN(tz_tput)(void *t, u32 h, u32 pos, const int wide)
{
	if (wide)
		((u32 *)t)[h] = pos;
	else
		((u16 *)t)[h] = (u16)pos;
}

/*
 * One probe: look position pos (of the block; its first 4 bytes are w)
 * up and enter it; true if the candidate (*ref) starts with the same 4
 * bytes: the block's own (an entry never set points at its position 0,
 * harmless: matches are verified), else the dictionary's (*in_dict; its
 * table is probed only where the block's candidate fails).
 */
static __always_inline bool TZ_FN(tz_probe)(const struct tz_lz4_cblk *b,
					    const struct tz_lz4_cdict *d, u32 pos,
					    u32 w, const u8 **ref, bool *in_dict,
					    const int wide, const int with_dict)
{
	const u32 h = TZ_FN(tz_hash)(w, TZ_LZ4_HLOG(wide));
	const u32 c = TZ_FN(tz_tget)(b->table, h, wide);

	TZ_FN(tz_tput)(b->table, h, pos, wide);
	*ref = b->src + c;
	*in_dict = false;
	if (wide)
		return pos - c <= TZ_LZ4_MAX_DIST && tz_read32(*ref) == w;
	if (tz_read32(*ref) == w)
		return true;
	if (!with_dict)
		return false;
	*ref = d->start + d->table[(w * 2654435761U) >> (32 - TZ_LZ4_DICT_HLOG)];
	*in_dict = true;
	return tz_read32(*ref) == w;
}

/*
 * Match length beyond the 4 bytes known equal at ip and ref, up to lim
 * (ref's bytes readable as far as ip's): the first 32 bytes counted in
 * general registers where there is room for them (tz_count32).
 */
static __always_inline TZ_TARGET size_t
TZ_FN(tz_match_len)(const u8 *ip, const u8 *ref, const u8 *lim)
{
	size_t ml;

	if (likely(lim - ip >= TZ_LZ4_MINMATCH + 32)) {
		ml = TZ_FN(tz_count32)(ip + TZ_LZ4_MINMATCH, ref + TZ_LZ4_MINMATCH);
		if (unlikely(ml == 32))
			ml += TZ_FN(tz_count)(ip + TZ_LZ4_MINMATCH + 32,
					      ref + TZ_LZ4_MINMATCH + 32, lim);
		return ml;
	}
	return TZ_FN(tz_count)(ip + TZ_LZ4_MINMATCH, ref + TZ_LZ4_MINMATCH, lim);
}

/*
 * Write literals [anchor, ip) and the match (offset off, ml >= 0 bytes
 * beyond the 4 minimum) with every length and room check; -ENOSPC if it
 * does not fit.
 */
static __always_inline TZ_TARGET u8 *
TZ_FN(tz_emit_general)(u8 *op, u8 *const oend, const u8 *anchor, size_t lit,
		       const u8 *iend, unsigned int off, size_t ml)
{
	u8 *token;

	/* token + literal ext + literals + offset + match ext */
	if (unlikely((size_t)(oend - op) < 1 + lit + lit / 255 + 1 + 2 + ml / 255 + 1))
		return NULL;
	token = op++;
	if (lit >= 15) {
		*token = 15 << 4;
		op = TZ_FN(tz_put_ext)(op, lit - 15);
	} else {
		*token = lit << 4;
	}
	if ((size_t)(iend - anchor) >= lit + 32 && (size_t)(oend - op) >= lit + 32)
		TZ_FN(tz_wild_copy)(op, anchor, lit, 1);
	else
		memcpy(op, anchor, lit);
	op += lit;
	put_unaligned_le16((u16)off, op);
	op += 2;
	if (ml >= 15) {
		*token += 15;
		op = TZ_FN(tz_put_ext)(op, ml - 15);
	} else {
		*token += ml;
	}
	return op;
}

/*
 * Write the sequence of literals [b->anchor, ip) and a match at ip of
 * offset off and ml + 4 bytes; b->anchor moves past the match. 0, or
 * -ENOSPC (then b->op is unchanged).
 */
static __always_inline TZ_TARGET int
TZ_FN(tz_enc_put_seq)(struct tz_lz4_cblk *b, const u8 *ip, unsigned int off, size_t ml)
{
	const size_t lit = ip - b->anchor;
	u8 *op = b->op;

	if (likely(lit < 15 && ml < 15 + 255 && (size_t)(b->iend - b->anchor) >= 16 &&
		   (size_t)(b->oend - op) >= 32)) {
		/*
		 * Token, literals (a wild 16-byte copy), offset, and the
		 * match-length byte written always but kept only if ml >= 15
		 * (else the next sequence overwrites it).
		 */
		op[0] = (lit << 4) | (ml < 15 ? ml : 15);
		TZ_FN(tz_cp16)(op + 1, b->anchor, 1);
		op += 1 + lit;
		put_unaligned_le16((u16)off, op);
		op[2] = (u8)(ml - 15);
		op += 2 + (ml >= 15);
	} else {
		op = TZ_FN(tz_emit_general)(op, b->oend, b->anchor, lit, b->iend, off, ml);
		if (unlikely(!op))
			return -TZ_ENOSPC;
	}
	b->op = op;
	b->anchor = ip + ml + TZ_LZ4_MINMATCH;
	return 0;
}

/*
 * Find the next match at or after b->ip and write its sequence. Returns
 * 1 when one was written, 0 when the input ends first (the caller writes
 * the last literals from b->anchor), -ENOSPC.
 */
static __always_inline TZ_TARGET int
TZ_FN(tz_enc_seq)(struct tz_lz4_cblk *b, const struct tz_lz4_cdict *d,
		  const int wide, const int with_dict)
{
	const unsigned int hlog = TZ_LZ4_HLOG(wide);
	const u8 *const src = b->src, *const iend = b->iend;
	/* The last match starts at least 12 bytes before the end... */
	const u8 *const mflimit = iend - TZ_LZ4_MFLIMIT;
	/* ...and leaves the last 5 bytes as literals. */
	const u8 *const mlimit = iend - TZ_LZ4_LASTLITERALS;
	const u8 *ip = b->ip, *ref;
	/* LZ4's acceleration N starts the step at N (lz4.c's searchMatchNb). */
	unsigned int attempts = (1u + b->accel_more) << TZ_LZ4_SKIP_TRIGGER;
	size_t ml;
	bool in_dict;

	/* Probe until a candidate's 4 bytes match; the step grows on misses. */
	for (;;) {
		if (unlikely(ip > mflimit))
			return 0;
		if (TZ_FN(tz_probe)(b, d, ip - src, tz_read32(ip), &ref, &in_dict,
				    wide, with_dict))
			break;
		ip += attempts++ >> TZ_LZ4_SKIP_TRIGGER;
	}
	/* Extend backwards over pending literals (not across src/dict). */
	if (with_dict && in_dict) {
		while (ip > b->anchor && ref > d->start && unlikely(ip[-1] == ref[-1])) {
			ip--;
			ref--;
		}
	} else {
		while (ip > b->anchor && ref > src && unlikely(ip[-1] == ref[-1])) {
			ip--;
			ref--;
		}
	}
	/* Match length beyond the 4 bytes known equal. */
	if (with_dict && in_dict) {
		/* In the dictionary up to its end, then on at src. */
		const u8 *lim = mlimit;

		if ((size_t)(d->end - ref) < (size_t)(mlimit - ip))
			lim = ip + (d->end - ref);
		ml = TZ_FN(tz_match_len)(ip, ref, lim);
		if (ip + TZ_LZ4_MINMATCH + ml == lim && lim < mlimit)
			ml += TZ_FN(tz_count)(lim, src, mlimit);
	} else {
		ml = TZ_FN(tz_match_len)(ip, ref, mlimit);
	}
	{
		/* From the dictionary: the block's bytes before ip, then its tail. */
		const unsigned int off = with_dict && in_dict ?
			(ip - src) + (d->end - ref) : ip - ref;

		if (unlikely(TZ_FN(tz_enc_put_seq)(b, ip, off, ml)))
			return -TZ_ENOSPC;
	}
	ip += ml + TZ_LZ4_MINMATCH;
	b->ip = ip;
	if (ip <= mflimit) {
		/* Index a position inside the match, as liblz4 does. */
		TZ_FN(tz_tput)(b->table, TZ_FN(tz_hash)(tz_read32(ip - 2), hlog),
			       ip - 2 - src, wide);
	}
	return 1;
}

/* The last literals [anchor, iend); the compressed length or -ENOSPC. */
static __always_inline int TZ_FN(tz_enc_last)(struct tz_lz4_cblk *b, u8 *dst)
{
	const size_t lit = b->iend - b->anchor;
	u8 *op = b->op;

	if ((size_t)(b->oend - op) < 1 + lit + (lit >= 15 ? (lit - 15) / 255 + 1 : 0))
		return -TZ_ENOSPC;
	if (lit >= 15) {
		*op++ = 15 << 4;
		op = TZ_FN(tz_put_ext)(op, lit - 15);
	} else {
		*op++ = lit << 4;
	}
	memcpy(op, b->anchor, lit);
	op += lit;
	return op - dst;
}

/*
 * Start a block: clear the table (or copy the dictionary's) and enter
 * position 0. Returns false if the input is too short for any match
 * (the caller writes it all as last literals).
 */
static __always_inline TZ_TARGET bool
TZ_FN(tz_enc_start)(struct tz_lz4_cblk *b, const int wide)
{
	if (b->iend - b->src < TZ_LZ4_MIN_LENGTH)
		return false;
	TZ_FN(tz_zero)(b->table, TZ_LZ4_WORKMEM_SIZE);
	/* Entries point at position 0 until set: harmless, matches are verified. */
	TZ_FN(tz_tput)(b->table, TZ_FN(tz_hash)(tz_read32(b->src), TZ_LZ4_HLOG(wide)),
		       0, wide);
	b->ip = b->src + 1;
	return true;
}

/* Compress one whole block. */
static __always_inline TZ_TARGET int
TZ_FN(tz_enc_block)(struct tz_lz4_cblk *b, const struct tz_lz4_cdict *d,
		    const int wide, const int with_dict)
{
	u8 *const dst = b->op;
	int r;

	if (TZ_FN(tz_enc_start)(b, wide)) {
		do {
			r = TZ_FN(tz_enc_seq)(b, d, wide, with_dict);
		} while (r > 0);
		if (r < 0)
			return r;
	}
	return TZ_FN(tz_enc_last)(b, dst);
}
