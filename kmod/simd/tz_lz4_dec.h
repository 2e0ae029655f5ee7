/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_lz4_dec.h - the LZ4 block decoder core (part of the template: see
 * tz_lz4_tmpl.h), one block at a time or several in turn (batches).
 *
 * Two paths over one block state:
 *  - the fast sequence: taken while the worst case of a "common" sequence
 *    (literal length < 15, match within dst or far enough into the
 *    dictionary, length extension of at most one byte) fits the input and
 *    output left: TZ_LZ4_DEC_IN_MARGIN bytes of input, TZ_LZ4_DEC_OUT_MARGIN
 *    of output. Literals are one wild 16-byte copy and the first 32 bytes
 *    of a match one shuffle whatever the offset (tz_match_copy), so the
 *    branches on the data are only: literal length 15 (2 % of sequences
 *    on the page corpus), match-length extension (13 %), match longer
 *    than 32 bytes (5 %). Everything else, and every error, goes to
 *  - the general sequence: every read checked against iend, every write
 *    against oend, exact copies near the end of the output. It decodes one
 *    whole sequence, then the fast path resumes if there is room again.
 * The fast path never decides an error: it hands the sequence, unconsumed,
 * to the general one, so both give the same result on any input.
 */

static __always_inline bool TZ_FN(tz_dec_fast_room)(const struct tz_lz4_dblk *b)
{
	return (size_t)(b->iend - b->ip) >= TZ_LZ4_DEC_IN_MARGIN &&
	       (size_t)(b->oend - b->op) >= TZ_LZ4_DEC_OUT_MARGIN;
}

/*
 * One common sequence; false (and nothing consumed) if this one is not.
 * Caller: tz_dec_fast_room(b).
 */
static __always_inline TZ_TARGET bool
TZ_FN(tz_dec_fast_seq)(struct tz_lz4_dblk *b, const struct tz_lz4_ddict *d,
		       const int with_dict)
{
	const u8 *ip = b->ip;
	u8 *op = b->op;
	const unsigned int token = ip[0];
	const unsigned int lit = token >> 4;
	unsigned int off, ml;
	const u8 *m;

	if (unlikely(lit == 15))
		return false;
	TZ_FN(tz_cp16)(op, ip + 1);
	ip += 1 + lit;
	op += lit;
	off = get_unaligned_le16(ip);
	ip += 2;
	/*
	 * A one-byte match-length extension (13 % of sequences here) by a
	 * branch: measured as fast as selecting it without one.
	 */
	ml = token & 15;
	if (unlikely(ml == 15)) {
		if (ip[0] == 255)
			return false;
		ml += *ip++;
	}
	ml += TZ_LZ4_MINMATCH;
	if (unlikely(ml > 32 && (size_t)(b->oend - op) < ml + 32))
		return false;
	if (with_dict) {
		/*
		 * The source by selects, not a branch (matches into the
		 * dictionary are common at a page's start): in dst, or in the
		 * dictionary and then copied as from afar (no overlap). Whole
		 * 32-byte blocks must stay inside it, else the general path.
		 */
		const size_t have = op - b->dst, back = off - have;
		const bool in_dict = off > have;

		if (unlikely(off == 0 || (in_dict && (back > d->len || back < ml + 32))))
			return false;
		m = in_dict ? d->end - back : op - off;
		TZ_FN(tz_match_copy)(op, m, in_dict ? 32 : off, ml);
	} else {
		if (unlikely(off - 1 >= (size_t)(op - b->dst)))
			return false;
		TZ_FN(tz_match_copy)(op, op - off, off, ml);
	}
	b->ip = ip;
	b->op = op + ml;
	return true;
}

/* Read a length extension; false if the input ends inside it. */
static __always_inline bool TZ_FN(tz_get_ext)(const u8 **ipp, const u8 *iend,
					      size_t *len)
{
	const u8 *ip = *ipp;
	unsigned int b;

	do {
		if (unlikely(ip >= iend))
			return false;
		b = *ip++;
		*len += b;
	} while (b == 255);
	*ipp = ip;
	return true;
}

/*
 * One sequence with every check. Returns 1 to go on, 0 when the block
 * ended (its last literals copied), -EINVAL / -ENOSPC.
 * Lengths are size_t: at most 255 * src_len, no overflow on 64-bit.
 */
static __always_inline TZ_TARGET int
TZ_FN(tz_dec_general_seq)(struct tz_lz4_dblk *b, const struct tz_lz4_ddict *d,
			  const int with_dict)
{
	const u8 *ip = b->ip;
	const u8 *const iend = b->iend;
	u8 *op = b->op;
	u8 *const oend = b->oend;
	unsigned int token, off;
	size_t lit, ml, i;
	const u8 *m;

	if (unlikely(ip >= iend))
		return -TZ_ECORRUPT;
	token = *ip++;
	lit = token >> 4;
	if (lit == 15 && !TZ_FN(tz_get_ext)(&ip, iend, &lit))
		return -TZ_ECORRUPT;
	if (unlikely((size_t)(iend - ip) < lit))
		return -TZ_ECORRUPT;
	if (unlikely((size_t)(oend - op) < lit))
		return -TZ_ENOSPC;
	if ((size_t)(iend - ip) >= lit + 32 && (size_t)(oend - op) >= lit + 32)
		TZ_FN(tz_wild_copy)(op, ip, lit);
	else
		memcpy(op, ip, lit);
	ip += lit;
	op += lit;
	if (ip == iend) {		/* last sequence: literals only */
		b->ip = ip;
		b->op = op;
		return 0;
	}
	if (unlikely(iend - ip < 2))
		return -TZ_ECORRUPT;
	off = get_unaligned_le16(ip);
	ip += 2;
	ml = token & 15;
	if (ml == 15 && !TZ_FN(tz_get_ext)(&ip, iend, &ml))
		return -TZ_ECORRUPT;
	ml += TZ_LZ4_MINMATCH;
	if (unlikely(off == 0))
		return -TZ_ECORRUPT;
	if (unlikely((size_t)(oend - op) < ml))
		return -TZ_ENOSPC;
	if (unlikely(off > (size_t)(op - b->dst))) {
		/* Starts in the dictionary: copy its part, then go on in dst. */
		size_t back = off - (op - b->dst), n;

		if (!with_dict || back > d->len)
			return -TZ_ECORRUPT;
		n = back < ml ? back : ml;
		memcpy(op, d->end - back, n);
		op += n;
		ml -= n;
		/* The rest (if any) starts at dst[0], off bytes behind. */
		m = op - off;
		for (i = 0; i < ml; i++)
			op[i] = m[i];
		b->ip = ip;
		b->op = op + ml;
		return 1;
	}
	m = op - off;
	if (likely((size_t)(oend - op) >= ml + 32)) {
		TZ_FN(tz_match_copy)(op, m, off, ml);
	} else {
		/*
		 * Near the end of the output (often a page's zero tail):
		 * wide copies for all but the last 32 bytes, then bytes.
		 */
		i = ml > 32 ? ml - 32 : 0;
		if (i)
			TZ_FN(tz_match_copy)(op, m, off, i);
		for (; i < ml; i++)	/* exact, overlap-safe */
			op[i] = m[i];
	}
	b->ip = ip;
	b->op = op + ml;
	return 1;
}

/* Decode the rest of a block; the decoded length or a negative error. */
static __always_inline TZ_TARGET int
TZ_FN(tz_dec_block_rest)(struct tz_lz4_dblk *b, const struct tz_lz4_ddict *d,
			 const int with_dict)
{
	int r;

	for (;;) {
		while (TZ_FN(tz_dec_fast_room)(b) &&
		       TZ_FN(tz_dec_fast_seq)(b, d, with_dict))
			;
		r = TZ_FN(tz_dec_general_seq)(b, d, with_dict);
		if (r <= 0)
			return r ? r : (int)(b->op - b->dst);
	}
}

/* Decode one whole block; the decoded length or a negative error. */
static __always_inline TZ_TARGET int
TZ_FN(tz_dec_block)(struct tz_lz4_dblk *b, const struct tz_lz4_ddict *d,
		    const int with_dict)
{
	if (unlikely(b->ip == b->iend))
		return -TZ_ECORRUPT;
	return TZ_FN(tz_dec_block_rest)(b, d, with_dict);
}
