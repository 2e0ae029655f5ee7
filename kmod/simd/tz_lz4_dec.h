/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_lz4_dec.h - the LZ4 block decoder core (part of the template: see
 * tz_lz4_tmpl.h), one block at a time or several in turn (batches).
 *
 * Two paths over one block state:
 *  - the run (tz_dec_run_seq): one common sequence, taken while
 *    TZ_LZ4_RUN_IN_MARGIN bytes of input and TZ_LZ4_RUN_OUT_MARGIN of
 *    output are left. Literals are one wild
 *    16-byte copy (32-byte blocks for 15..269 of them), the match length's
 *    extension byte is added without a branch, the next token's address
 *    is computed from the token alone (load, add, shift: the chain from
 *    one sequence to the next), and a match of up to 32 bytes is copied
 *    with no branch on its offset or length (tz_match_copy32: 8-byte
 *    moves, or one shuffle in the batch's lanes). Its branches on the
 *    data: a literal length of 15 (2 % of sequences on the page corpus), a
 *    match over 32 bytes (5 %), and the exits, by two limit pointers set
 *    once per block (tz_dec_start). tz_dec_run loops it over one block,
 *    the batch decoder over two blocks in turn (lanes). With a
 *    dictionary (with_dict) it also takes a match that starts in the
 *    dictionary (its source by a select, copied as from afar);
 *  - the general sequence: every read checked against iend, every write
 *    against oend, exact copies near the end of the output. It decodes one
 *    whole sequence (anything the others leave: long lengths, the end of
 *    the block, every error), then the faster path resumes.
 * The run never decides an error: it hands the sequence, unconsumed, to
 * the general one, so both give one result on any input (what the run
 * wrote past op stays inside dst).
 */

/*
 * Ask for the block's input (up to its first TZ_LZ4_DEC_PREFETCH bytes) to
 * be brought into the cache before the walk needs it: a page's compressed
 * bytes are usually cold, and each token's load is on the walk's serial
 * chain. Prefetches never fault, whatever the range.
 */
static __always_inline void TZ_FN(tz_dec_prefetch)(const struct tz_lz4_dblk *b)
{
	const u8 *p = b->ip;
	const u8 *end = (size_t)(b->iend - p) > TZ_LZ4_DEC_PREFETCH ?
			p + TZ_LZ4_DEC_PREFETCH : b->iend;

	for (; p < end; p += 64)
		prefetch(p);
}

/*
 * Set up a block's walk: the run's limits (a block or buffer shorter than
 * a margin gets a limit at its start, so the run never starts) and the
 * input's prefetch.
 */
static __always_inline void TZ_FN(tz_dec_start)(struct tz_lz4_dblk *b)
{
	b->ilim = (size_t)(b->iend - b->ip) >= TZ_LZ4_RUN_IN_MARGIN ?
		  b->iend - (TZ_LZ4_RUN_IN_MARGIN - 1) : b->ip;
	b->olim = (size_t)(b->oend - b->op) >= TZ_LZ4_RUN_OUT_MARGIN ?
		  b->oend - (TZ_LZ4_RUN_OUT_MARGIN - 1) : b->op;
	TZ_FN(tz_dec_prefetch)(b);
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
		TZ_FN(tz_wild_copy)(op, ip, lit, 0);
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
		TZ_FN(tz_match_copy)(op, m, off, ml, 0);
	} else {
		/*
		 * Near the end of the output (often a page's zero tail):
		 * wide copies for all but the last 32 bytes, then bytes.
		 */
		i = ml > 32 ? ml - 32 : 0;
		if (i)
			TZ_FN(tz_match_copy)(op, m, off, i, 0);
		for (; i < ml; i++)	/* exact, overlap-safe */
			op[i] = m[i];
	}
	b->ip = ip;
	b->op = op + ml;
	return 1;
}

/*
 * One common sequence of a block without a dictionary; false (nothing
 * consumed) if this one is not common or the margins are not left.
 * Bounds: with TZ_LZ4_RUN_IN_MARGIN bytes of input left, a sequence with
 * fewer than 15 literals reads at most ip[0..17] (token, 16 wild literal
 * bytes, offset, the match-length extension byte: read always, used only
 * when the match nibble is 15); with TZ_LZ4_RUN_OUT_MARGIN bytes of output
 * it writes at most op[0..45] (16 literal bytes, the match's first 32 at
 * op + 14 at most). Longer literal runs and matches check their own room.
 * Such a sequence cannot be a block's last (its literals would end before
 * iend), so its token is always followed by an offset.
 * lanes: called by the batch decoder, two blocks in turn (the copy it
 * takes, tz_match_copy32).
 */
static __always_inline TZ_TARGET bool
TZ_FN(tz_dec_run_seq)(struct tz_lz4_dblk *b, const struct tz_lz4_ddict *d,
		      const int with_dict, const int lanes)
{
	const u8 *ip = b->ip;
	u8 *op = b->op;
	unsigned int token, nib, ext, off, eb;
	size_t lit, ml;
	const u8 *next, *m;
	u8 *mop;

	if (ip >= b->ilim || op >= b->olim)
		return false;
	token = ip[0];
	lit = token >> 4;
	nib = token & 15;
	/* 1 if the match length has an extension byte (nibble 15) */
	ext = (nib + 1) >> 4;
	if (likely(lit < 15)) {
		TZ_FN(tz_cp16)(op, ip + 1, lanes);
		off = get_unaligned_le16(ip + 1 + lit);
		eb = ip[3 + lit];
		/*
		 * ip + 1 + lit + 2 + ext from the token alone: + 3 * 16
		 * before the shift is + 3 after it, + 1 carries into the
		 * literal nibble exactly when the match nibble is 15.
		 */
		next = ip + ((token + 1 + 3 * 16) >> 4);
	} else {
		/* 15 + one extension byte < 255, with room for both copies */
		lit += ip[1];
		if (unlikely(ip[1] == 255 || (size_t)(b->iend - ip) < lit + 40 ||
			     (size_t)(b->oend - op) < lit + 80))
			return false;
		TZ_FN(tz_wild_copy)(op, ip + 2, lit, lanes);
		off = get_unaligned_le16(ip + 2 + lit);
		eb = ip[4 + lit];
		next = ip + 4 + lit + ext;
	}
	/* eb is 255 only if the length goes on: then ml > 32, checked below */
	ml = nib + TZ_LZ4_MINMATCH + (eb & (0u - ext));
	mop = op + lit;
	if (with_dict) {
		/*
		 * A match starting in the dictionary, by selects: copied from
		 * it as from afar, its 32 bytes inside it (else the general
		 * path, as for one over 32 bytes).
		 */
		const size_t have = mop - b->dst, back = off - have;
		const bool in_dict = off > have;

		if (unlikely(off == 0 || (in_dict && (back > d->len || back < 32 || ml > 32))))
			return false;
		m = in_dict ? d->end - back : mop - off;
		off = in_dict ? 32 : off;
	} else {
		if (unlikely(off - 1 >= (size_t)(mop - b->dst)))
			return false;	/* offset 0 or before dst: the general path's error */
		m = mop - off;
	}
	if (likely(ml <= 32)) {
		/* no branch on the length in the copy */
		TZ_FN(tz_match_copy32)(mop, m, off, ml, lanes);
	} else {
		if (unlikely(eb == 255 || (size_t)(b->oend - mop) < ml + 32))
			return false;
		TZ_FN(tz_match_copy)(mop, m, off, ml, lanes);
	}
	b->ip = next;
	b->op = mop + ml;
	return true;
}

/*
 * Common sequences until one is not: the run of a one-block call. A local
 * copy of the state, so that its pointers stay in registers.
 */
static __always_inline TZ_TARGET void TZ_FN(tz_dec_run)(struct tz_lz4_dblk *b,
							  const struct tz_lz4_ddict *d,
							  const int with_dict)
{
	struct tz_lz4_dblk r = *b;

	while (TZ_FN(tz_dec_run_seq)(&r, d, with_dict, 0))
		;
	b->ip = r.ip;
	b->op = r.op;
}

/* Decode the rest of a block; the decoded length or a negative error. */
static __always_inline TZ_TARGET int
TZ_FN(tz_dec_block_rest)(struct tz_lz4_dblk *b, const struct tz_lz4_ddict *d,
			 const int with_dict)
{
	int r;

	for (;;) {
		TZ_FN(tz_dec_run)(b, d, with_dict);
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
	TZ_FN(tz_dec_start)(b);
	return TZ_FN(tz_dec_block_rest)(b, d, with_dict);
}
