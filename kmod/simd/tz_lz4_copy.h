/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_lz4_copy.h - the per-variant primitives of the LZ4 core: wide copies,
 * match-length counting and the match copy. Part of the template
 * (tz_lz4_tmpl.h includes it once per variant with TZ_LZ4_SIMD and TZ_FN
 * defined); everything else in the codec is the same source for all.
 *
 * Wild copies write whole 16/32-byte blocks: callers prove the room first.
 */

/*
 * x86, one block a call (wide 0): the function must hold no vector
 * variable. Under the kernel's 8-byte stack boundary
 * (-mpreferred-stack-boundary=3) GCC realigns the stack of any function
 * with a 16 or 32-byte vector variable, and that takes the frame pointer's
 * register: the one-block decoder's run, with ~9 pointers live, then
 * spilled and reloaded two of them on every sequence. So its 16-byte
 * copies go through tz_mov16_asm (tz_vasm.h) and its long copies (2 % of
 * literal runs, 5 % of matches here) call out-of-line functions. The
 * batch decoder's lanes and the compressor keep vector variables (wide 1).
 */
static __always_inline bool TZ_FN(tz_narrow)(const int wide)
{
#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512
	return !wide;
#else
	(void)wide;
	return false;
#endif
}

/* Copy 16 bytes; both ranges must be readable/writable for 16 bytes. */
static __always_inline TZ_TARGET void TZ_FN(tz_cp16)(u8 *d, const u8 *s, const int wide)
{
	(void)wide;	/* only x86 outside AddressSanitizer looks at it */
#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512
#ifdef TZ_HAVE_VASM
	if (TZ_FN(tz_narrow)(wide)) {
		tz_mov16_asm(d, s);
		return;
	}
#endif
	_mm_storeu_si128((__m128i *)d, _mm_loadu_si128((const __m128i *)s));
#elif TZ_LZ4_SIMD == TZ_SIMD_NEON
	vst1q_u8(d, vld1q_u8(s));
#else
	/* Two GPR moves: the scalar object must not touch vector registers. */
	tz_write64(d, tz_read64(s));
	tz_write64(d + 8, tz_read64(s + 8));
#endif
}

/* Copy 32 bytes (wild: callers guarantee 32 bytes of room both sides). */
static __always_inline TZ_TARGET void TZ_FN(tz_cp32)(u8 *d, const u8 *s)
{
#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512
	_mm256_storeu_si256((__m256i *)d, _mm256_loadu_si256((const __m256i *)s));
#else
	TZ_FN(tz_cp16)(d, s, 1);
	TZ_FN(tz_cp16)(d + 16, s + 16, 1);
#endif
}

#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512
/* The long copies of a narrow caller, out of its line (tz_narrow). */
static noinline TZ_TARGET void TZ_FN(tz_wild_copy_ool)(u8 *d, const u8 *s, size_t len);
#endif

/* Copy len bytes in 32-byte blocks (wild: up to 31 bytes more). */
static __always_inline TZ_TARGET void TZ_FN(tz_wild_copy)(u8 *d, const u8 *s, size_t len,
							   const int wide)
{
	size_t i;

#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512
	if (TZ_FN(tz_narrow)(wide)) {
		TZ_FN(tz_wild_copy_ool)(d, s, len);
		return;
	}
#else
	(void)wide;
#endif
	for (i = 0; i < len; i += 32)
		TZ_FN(tz_cp32)(d + i, s + i);
}

/*
 * Zero n bytes, n a multiple of 128 (the compressor's table, cleared for
 * every block): vector stores where the variant has them (tz_vzero.h).
 */
static __always_inline TZ_TARGET void TZ_FN(tz_zero)(void *p, size_t n)
{
#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512
	tz_vzero32(p, n);
#elif TZ_LZ4_SIMD == TZ_SIMD_NEON
	tz_vzero16(p, n);
#else
	memset(p, 0, n);
#endif
}

/*
 * Number of equal bytes at p and m, not letting p reach limit.
 * m < p (an earlier position of the same buffer or a dictionary before
 * it, readable up to limit - (p - m)), so m's reads stay in bounds.
 */
static __always_inline TZ_TARGET unsigned int
TZ_FN(tz_count)(const u8 *p, const u8 *m, const u8 *limit)
{
	const u8 *const start = p;
	u64 x;

#if TZ_LZ4_SIMD == TZ_SIMD_AVX512
	while (p + 64 <= limit) {
		u64 ne = _mm512_cmpneq_epi8_mask(_mm512_loadu_si512(p),
						 _mm512_loadu_si512(m));
		if (ne)
			return p - start + __builtin_ctzll(ne);
		p += 64;
		m += 64;
	}
#endif
#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512
	while (p + 32 <= limit) {
		__m256i e = _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)p),
					      _mm256_loadu_si256((const __m256i *)m));
		u32 ne = ~(u32)_mm256_movemask_epi8(e);

		if (ne)
			return p - start + __builtin_ctz(ne);
		p += 32;
		m += 32;
	}
#elif TZ_LZ4_SIMD == TZ_SIMD_NEON
	while (p + 16 <= limit) {
		uint8x16_t e = vceqq_u8(vld1q_u8(p), vld1q_u8(m));
		/* Narrow each byte of the mask to a nibble: 64-bit mask. */
		u64 ne = ~vget_lane_u64(vreinterpret_u64_u8(
				vshrn_n_u16(vreinterpretq_u16_u8(e), 4)), 0);

		if (ne)
			return p - start + (__builtin_ctzll(ne) >> 2);
		p += 16;
		m += 16;
	}
#endif
	while (p + 8 <= limit) {
		x = tz_read64(p) ^ tz_read64(m);
		if (x)
			return p - start + (__builtin_ctzll(x) >> 3);
		p += 8;
		m += 8;
	}
	while (p < limit && *p == *m) {
		p++;
		m++;
	}
	return p - start;
}

/*
 * Length of the common prefix of p and m, up to 32 bytes, the first 16
 * without a branch on the data; 32 means "at least 32" (count the rest
 * with tz_count). Both must be readable for 32 bytes. General-purpose
 * registers in every variant: a vector compare and mask extraction
 * measured 8 % slower here (its latency is on the compressor's chain).
 */
static __always_inline TZ_TARGET unsigned int
TZ_FN(tz_count32)(const u8 *p, const u8 *m)
{
	u64 x = tz_read64(p) ^ tz_read64(m);
	u64 y = tz_read64(p + 8) ^ tz_read64(m + 8);
	unsigned int n;

	n = x ? __builtin_ctzll(x) >> 3 : y ? 8 + (__builtin_ctzll(y) >> 3) : 16;
	if (unlikely(n == 16)) {
		x = tz_read64(p + 16) ^ tz_read64(m + 16);
		y = tz_read64(p + 24) ^ tz_read64(m + 24);
		n = x ? 16 + (__builtin_ctzll(x) >> 3) :
			y ? 24 + (__builtin_ctzll(y) >> 3) : 32;
	}
	return n;
}

/*
 * Match copy: ml bytes from m = op - off (off >= 1; m's bytes up to op
 * are final) to op, as LZ4 defines it: byte by byte, so that an offset
 * below ml repeats the last off bytes. (A source that does not overlap
 * the output, a dictionary's, is passed with any off >= 32 and must be
 * readable up to m + ml rounded up to 32.) Wild: may write up to 31 bytes
 * past op + ml (callers prove the room; what it writes there is the
 * match's own continuation), and may read up to 32 bytes from m whatever
 * off is (bytes at and past op are in dst).
 *
 * The SIMD variants take the first 32 bytes without a branch on off:
 * byte k of the result is m[k % off] (m[k] for off >= 32) by a shuffle
 * with tz_lz4_pattern[min(off, 32)], so short overlapping offsets cost
 * the same as far ones. A longer match repeats that register at a
 * multiple of off (off < 32) or copies 32-byte blocks (off >= 32).
 */
static __always_inline TZ_TARGET void
TZ_FN(tz_match_copy_inline)(u8 *op, const u8 *m, unsigned int off, size_t ml)
{
	const unsigned int oc = off < 32 ? off : 32;
#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512
	/*
	 * vpshufb works in 16-byte lanes: the low lane and the part of the
	 * high lane with indices < 16 come from m[0..15] (broadcast), the
	 * rest of the high lane from m[16..31] (tz_lz4_pattern_x86).
	 */
	const __m256i lo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)m));
	const __m256i all = _mm256_loadu_si256((const __m256i *)m);
	const __m256i v = _mm256_or_si256(
		_mm256_shuffle_epi8(lo, _mm256_loadu_si256((const __m256i *)tz_lz4_pattern_x86[oc][0])),
		_mm256_shuffle_epi8(all, _mm256_loadu_si256((const __m256i *)tz_lz4_pattern_x86[oc][1])));

	_mm256_storeu_si256((__m256i *)op, v);
	if (unlikely(ml > 32)) {
		size_t i;

		if (oc == 32) {
			for (i = 32; i < ml; i += 32)
				TZ_FN(tz_cp32)(op + i, m + i);
		} else {
			const unsigned int step = tz_lz4_pattern_step[oc];

			for (i = step; i < ml; i += step)
				_mm256_storeu_si256((__m256i *)(op + i), v);
		}
	}
#elif TZ_LZ4_SIMD == TZ_SIMD_NEON
	const uint8x16x2_t w = { { vld1q_u8(m), vld1q_u8(m + 16) } };
	const uint8x16_t v0 = vqtbl2q_u8(w, vld1q_u8(tz_lz4_pattern[oc]));
	const uint8x16_t v1 = vqtbl2q_u8(w, vld1q_u8(tz_lz4_pattern[oc] + 16));

	vst1q_u8(op, v0);
	vst1q_u8(op + 16, v1);
	if (unlikely(ml > 32)) {
		size_t i;

		if (oc == 32) {
			for (i = 32; i < ml; i += 32)
				TZ_FN(tz_cp32)(op + i, m + i);
		} else {
			const unsigned int step = tz_lz4_pattern_step[oc];

			for (i = step; i < ml; i += step) {
				vst1q_u8(op + i, v0);
				vst1q_u8(op + i + 16, v1);
			}
		}
	}
#else
	size_t i;

	(void)oc;
	if (likely(off >= 8)) {
		/* Sequential 8-byte moves are exact for off >= 8. */
		tz_write64(op, tz_read64(m));
		tz_write64(op + 8, tz_read64(m + 8));
		for (i = 16; i < ml; i += 8)
			tz_write64(op + i, tz_read64(m + i));
	} else {
		/*
		 * The first 8 bytes: the off-byte period doubled over a word
		 * (no byte loop); then 8-byte words from a distance that is a
		 * multiple of off and >= 8.
		 */
		static const u8 dist[8] = { 0, 8, 8, 9, 8, 10, 12, 14 };
		u64 v = tz_read64(m) & (~0ULL >> (64 - 8 * off));
		unsigned int sh;

		for (sh = 8 * off; sh < 64; sh *= 2)
			v |= v << sh;
		tz_write64(op, v);
		m = op - dist[off];
		for (i = 8; i < ml; i += 8)
			tz_write64(op + i, tz_read64(m + i));
	}
#endif
}

#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512
static noinline TZ_TARGET void TZ_FN(tz_wild_copy_ool)(u8 *d, const u8 *s, size_t len)
{
	TZ_FN(tz_wild_copy)(d, s, len, 1);
}

static noinline TZ_TARGET void TZ_FN(tz_match_copy_ool)(u8 *op, const u8 *m,
							 unsigned int off, size_t ml)
{
	TZ_FN(tz_match_copy_inline)(op, m, off, ml);
}
#endif

/* The match copy, inline or (a narrow caller on x86) out of line. */
static __always_inline TZ_TARGET void
TZ_FN(tz_match_copy)(u8 *op, const u8 *m, unsigned int off, size_t ml, const int wide)
{
#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512
	if (TZ_FN(tz_narrow)(wide)) {
		TZ_FN(tz_match_copy_ool)(op, m, off, ml);
		return;
	}
#else
	(void)wide;
#endif
	TZ_FN(tz_match_copy_inline)(op, m, off, ml);
}

/*
 * A match of up to 32 bytes (ml) from m at offset off >= 1 (m = op - off;
 * a match from a dictionary: m in it, off given as 32, its far copy): the
 * run's common copy. Writes op[0..31] whatever ml (callers prove the
 * room); bytes past ml are the match's continuation or zeros.
 *
 * In general-purpose registers (the scalar variant; the x86 ones when
 * !lanes): 8-byte moves with no branch on off or ml. The first word is
 * (m's word & mask) * mul (its off bytes repeated for off < 8), the second
 * read from off + back behind (a multiple of off, >= 8); the last two only
 * when ml > 16, by a select of their source (zeros otherwise): a read of
 * the match's own first 16 bytes, just stored, waits for them when it
 * spans both stores, and 86 % of matches here are <= 16 bytes. Against
 * the 32-byte shuffle below, an 8-byte read of recent output is more often
 * inside one earlier store, which the store queue forwards: offsets 17..47
 * cost ~3.5 instead of ~7.4 ns a sequence (make bench-lz4-seqcost).
 *
 * Otherwise tz_match_copy's one shuffle: the batch decoder's two lanes
 * (lanes: the general-purpose registers are its two blocks' pointers;
 * there the shuffle measured faster) and NEON (not measured on arm64).
 * docs/BENCHMARKS.md 5.1, round 3.
 */
static __always_inline TZ_TARGET void
TZ_FN(tz_match_copy32)(u8 *op, const u8 *m, unsigned int off, size_t ml, const int lanes)
{
#if TZ_LZ4_SIMD == TZ_SIMD_NONE
	const bool in_gprs = true;
#elif TZ_LZ4_SIMD == TZ_SIMD_NEON
	const bool in_gprs = false;
#else
	const bool in_gprs = !lanes;
#endif

	(void)lanes;	/* unused where the variant decides alone */
	if (in_gprs) {
		const unsigned int o = off < 8 ? off : 8;
		const u8 *hi;

		tz_write64(op, (tz_read64(m) & tz_lz4_near.mask[o]) * tz_lz4_near.mul[o]);
		m -= tz_lz4_near.back[o];
		tz_write64(op + 8, tz_read64(m + 8));
		hi = ml > 16 ? m + 16 : tz_lz4_zero32;
		tz_write64(op + 16, tz_read64(hi));
		tz_write64(op + 24, tz_read64(hi + 8));
	} else {
		TZ_FN(tz_match_copy)(op, m, off, 32, lanes);
	}
}
