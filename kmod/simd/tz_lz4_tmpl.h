/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_lz4_tmpl.h - the one LZ4 block codec core, specialised per variant.
 *
 * Included once per variant by tz_lz4.c (scalar), tz_lz4_x86.c (AVX2,
 * AVX-512) and tz_lz4_neon.c, each defining:
 *   TZ_LZ4_V      name suffix: scalar, avx2, avx512, neon
 *   TZ_LZ4_SIMD   TZ_SIMD_NONE / TZ_SIMD_AVX2 / TZ_SIMD_AVX512 / TZ_SIMD_NEON
 *   TZ_TARGET     function attribute enabling the instructions (or empty)
 * Only the small primitives below (copies, match counting, overlap copy)
 * differ between variants; the parsing and match finding are shared, so
 * every variant emits byte-identical compressed output.
 *
 * Block format (lz4_Block_format.md): sequences of token (literal length
 * high nibble, match length - 4 low nibble), length extension bytes (255
 * continues), literals, 16-bit LE offset; the last sequence is literals only.
 */
#include "tz_lz4_impl.h"

#define TZ_CAT_(a, b) a##_##b
#define TZ_CAT(a, b) TZ_CAT_(a, b)
#define TZ_FN(n) TZ_CAT(n, TZ_LZ4_V)

/* ---- primitives ------------------------------------------------------ */

/* Copy 16 bytes; both ranges must be readable/writable for 16 bytes. */
static __always_inline TZ_TARGET void TZ_FN(tz_cp16)(u8 *d, const u8 *s)
{
#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512
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
	TZ_FN(tz_cp16)(d, s);
	TZ_FN(tz_cp16)(d + 16, s + 16);
#endif
}

/*
 * Number of equal bytes at p and m, not letting p reach limit.
 * m < p (an earlier position of the same buffer), so m's reads stay in bounds.
 */
static __always_inline TZ_TARGET unsigned int
TZ_FN(tz_count)(const u8 *p, const u8 *m, const u8 *limit)
{
	const u8 *const start = p;
	u64 x;

	/* Most matches are short: one 8-byte probe before going wide. */
	if (likely(p + 8 <= limit)) {
		x = tz_read64(p) ^ tz_read64(m);
		if (x)
			return __builtin_ctzll(x) >> 3;
		p += 8;
		m += 8;
	}
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
 * Overlapping match copy for off < 16 (SIMD) or off < 8 (scalar), wild:
 * may write up to 32 bytes past op + len (caller guarantees the room).
 * m = op - off >= start of output.
 */
static __always_inline TZ_TARGET void
TZ_FN(tz_copy_overlap)(u8 *op, const u8 *m, unsigned int off, size_t len)
{
	u8 *const end = op + len;
#if TZ_LZ4_SIMD == TZ_SIMD_AVX2 || TZ_LZ4_SIMD == TZ_SIMD_AVX512 || \
	TZ_LZ4_SIMD == TZ_SIMD_NEON
	/* Replicate the off-byte period into 16 bytes with a byte shuffle. */
	static const u8 idx[16][16] = {
#define I(o) { 0 % o, 1 % o, 2 % o, 3 % o, 4 % o, 5 % o, 6 % o, 7 % o, \
	       8 % o, 9 % o, 10 % o, 11 % o, 12 % o, 13 % o, 14 % o, 15 % o }
		{ 0 }, I(1), I(2), I(3), I(4), I(5), I(6), I(7), I(8),
		I(9), I(10), I(11), I(12), I(13), I(14), I(15)
#undef I
	};
	/* Largest multiple of the period <= 16: each store keeps the phase. */
	const unsigned int step = 16 - 16 % off;
#if TZ_LZ4_SIMD == TZ_SIMD_NEON
	/* Reads 16 bytes at m: bytes past op are not yet written but in dst. */
	uint8x16_t pat = vqtbl1q_u8(vld1q_u8(m), vld1q_u8(idx[off]));

	do {
		vst1q_u8(op, pat);
		op += step;
	} while (op < end);
#else
	__m128i pat = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)m),
				       _mm_loadu_si128((const __m128i *)idx[off]));

	do {
		_mm_storeu_si128((__m128i *)op, pat);
		op += step;
	} while (op < end);
#endif
#else
	/*
	 * Byte-copy the first 8 bytes (correct for any overlap), then copy
	 * 8-byte words from a distance that is a multiple of off and >= 8.
	 */
	static const u8 dist[8] = { 0, 8, 8, 9, 8, 10, 12, 14 };
	unsigned int i;

	for (i = 0; i < 8; i++)
		op[i] = m[i];
	op += 8;
	m = op - dist[off];
	while (op < end) {
		tz_write64(op, tz_read64(m));
		op += 8;
		m += 8;
	}
#endif
}

/* ---- compressor ------------------------------------------------------ */

static __always_inline u32 TZ_FN(tz_hash)(const u8 *p, unsigned int log)
{
#ifdef TZ_LZ4_HASH5	/* experiment: 5-byte hash, ratio 2.423 vs 2.422 */
	return (u32)(((tz_read64(p) << 24) * 889523592379ULL) >> (64 - log));
#else
	/* Multiplicative hash of the 4 bytes at p (Knuth's golden ratio). */
	return (tz_read32(p) * 2654435761U) >> (32 - log);
#endif
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

/*
 * wide = 0: u16 positions, TZ_LZ4_HLOG16 bits (inputs <= 64 KiB: every
 * position fits and every candidate is within the 65535 offset limit).
 * wide = 1: u32 positions, TZ_LZ4_HLOG32 bits, explicit distance check.
 */
static __always_inline TZ_TARGET int
TZ_FN(tz_lz4_comp)(const u8 *const src, const unsigned int n, u8 *const dst,
		   const unsigned int cap, void *wrkmem, const int wide)
{
	u16 *const t16 = wrkmem;
	u32 *const t32 = wrkmem;
	const unsigned int hlog = wide ? TZ_LZ4_HLOG32 : TZ_LZ4_HLOG16;
	const u8 *ip = src, *anchor = src, *ref;
	const u8 *const iend = src + n;
	/* Last match starts at least 12 bytes before the end... */
	const u8 *const mflimit = iend - TZ_LZ4_MFLIMIT;
	/* ...and leaves the last 5 bytes as literals. */
	const u8 *const mlimit = iend - TZ_LZ4_LASTLITERALS;
	u8 *op = dst, *token;
	u8 *const oend = dst + cap;
	size_t lit, ml;
	u32 h;

#define TZ_GET(h) (wide ? t32[h] : t16[h])
#define TZ_PUT(h, p) do {						\
		if (wide)						\
			t32[h] = (u32)((p) - src);			\
		else							\
			t16[h] = (u16)((p) - src);			\
	} while (0)
#define TZ_MATCHES(r, p) ((!wide || (p) - (r) <= TZ_LZ4_MAX_DIST) && \
			  tz_read32(r) == tz_read32(p))

	if (n < TZ_LZ4_MIN_LENGTH)
		goto last_literals;
	/* Entries point at position 0 until set: harmless, matches are verified. */
	memset(wrkmem, 0, TZ_LZ4_WORKMEM_SIZE);

	TZ_PUT(TZ_FN(tz_hash)(ip, hlog), ip);
	ip++;
	for (;;) {
		/* Find a match; ip <= mflimit here. Step grows on misses. */
		unsigned int attempts = 1u << TZ_LZ4_SKIP_TRIGGER;
		const u8 *next;

		h = TZ_FN(tz_hash)(ip, hlog);
		for (;;) {
			unsigned int step = attempts++ >> TZ_LZ4_SKIP_TRIGGER;

			ref = src + TZ_GET(h);
			TZ_PUT(h, ip);
			if (TZ_MATCHES(ref, ip))
				break;
			next = ip + step;
			if (unlikely(next > mflimit))
				goto last_literals;
			ip = next;
			h = TZ_FN(tz_hash)(ip, hlog);
		}
		/* Extend backwards over pending literals. */
		while (ip > anchor && ref > src && unlikely(ip[-1] == ref[-1])) {
			ip--;
			ref--;
		}
		lit = ip - anchor;
		/* token + literal ext + literals + offset; match ext checked below. */
		if (unlikely((size_t)(oend - op) < 1 + lit + lit / 255 + 1 + 2))
			return -TZ_ENOSPC;
		token = op++;
		if (lit >= 15) {
			*token = 15 << 4;
			op = TZ_FN(tz_put_ext)(op, lit - 15);
		} else {
			*token = lit << 4;
		}
		/* Wild copies only where both buffers have 32 bytes to spare. */
		if (likely(lit <= 16 && (size_t)(iend - anchor) >= 16 &&
			   (size_t)(oend - op) >= 16)) {
			TZ_FN(tz_cp16)(op, anchor);
		} else if ((size_t)(iend - anchor) >= lit + 32 &&
			   (size_t)(oend - op) >= lit + 32) {
			size_t i;

			for (i = 0; i < lit; i += 32)
				TZ_FN(tz_cp32)(op + i, anchor + i);
		} else {
			memcpy(op, anchor, lit);
		}
		op += lit;
next_match:
		/* Offset, then match length (4 bytes known equal). */
		put_unaligned_le16((u16)(ip - ref), op);
		op += 2;
		ml = TZ_FN(tz_count)(ip + TZ_LZ4_MINMATCH, ref + TZ_LZ4_MINMATCH,
				     mlimit);
		ip += ml + TZ_LZ4_MINMATCH;
		if (ml >= 15) {
			if (unlikely((size_t)(oend - op) < 1 + (ml - 15) / 255))
				return -TZ_ENOSPC;
			*token += 15;
			op = TZ_FN(tz_put_ext)(op, ml - 15);
		} else {
			*token += ml;
		}
		anchor = ip;
		if (ip > mflimit)
			break;
		/* Index a position inside the match, then try ip right away. */
		TZ_PUT(TZ_FN(tz_hash)(ip - 2, hlog), ip - 2);
		h = TZ_FN(tz_hash)(ip, hlog);
		ref = src + TZ_GET(h);
		TZ_PUT(h, ip);
		if (TZ_MATCHES(ref, ip)) {
			if (unlikely((size_t)(oend - op) < 3))
				return -TZ_ENOSPC;
			token = op++;
			*token = 0;
			goto next_match;
		}
		ip++;
		if (ip > mflimit)
			break;
	}

last_literals:
	lit = iend - anchor;
	if ((size_t)(oend - op) < 1 + lit + (lit >= 15 ? (lit - 15) / 255 + 1 : 0))
		return -TZ_ENOSPC;
	if (lit >= 15) {
		*op++ = 15 << 4;
		op = TZ_FN(tz_put_ext)(op, lit - 15);
	} else {
		*op++ = lit << 4;
	}
	memcpy(op, anchor, lit);
	op += lit;
	return op - dst;
#undef TZ_GET
#undef TZ_PUT
#undef TZ_MATCHES
}

TZ_TARGET int TZ_FN(tz_lz4_compress)(const void *src, unsigned int src_len,
				     void *dst, unsigned int dst_cap, void *wrkmem)
{
	if (unlikely(src_len > TZ_LZ4_MAX_INPUT))
		return -TZ_ECORRUPT;
	if (src_len <= TZ_LZ4_U16_LIMIT)
		return TZ_FN(tz_lz4_comp)(src, src_len, dst, dst_cap, wrkmem, 0);
	return TZ_FN(tz_lz4_comp)(src, src_len, dst, dst_cap, wrkmem, 1);
}

/* ---- decompressor ---------------------------------------------------- */

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
 * Copy a match of ml <= 18 bytes (token nibble < 15) at distance off,
 * writing up to 32 bytes from op (caller guarantees the room). 8-byte
 * moves, exact for off >= 8: wider loads of just-written output would
 * straddle earlier stores and miss store-to-load forwarding.
 */
static __always_inline TZ_TARGET void
TZ_FN(tz_copy_short_match)(u8 *op, const u8 *m, unsigned int off)
{
	if (likely(off >= 8)) {
		tz_write64(op, tz_read64(m));
		tz_write64(op + 8, tz_read64(m + 8));
		tz_write64(op + 16, tz_read64(m + 16));
	} else {
		/* Bytes first (each load hits one earlier store), then words. */
		static const u8 dist[8] = { 0, 8, 8, 9, 8, 10, 12, 14 };
		unsigned int i;

		for (i = 0; i < 8; i++)
			op[i] = m[i];
		m = op + 8 - dist[off];
		tz_write64(op + 8, tz_read64(m));
		tz_write64(op + 16, tz_read64(m + 8));
	}
}

/*
 * Copy a match of len bytes at distance off; wild: may write up to 31
 * bytes past op + len (the caller guarantees the room).
 */
static __always_inline TZ_TARGET void
TZ_FN(tz_copy_match_wild)(u8 *op, const u8 *m, unsigned int off, size_t len)
{
	size_t i;

	if (likely(off >= 32)) {
		for (i = 0; i < len; i += 32)
			TZ_FN(tz_cp32)(op + i, m + i);
#if TZ_LZ4_SIMD == TZ_SIMD_NONE
	} else if (off >= 8) {
		for (i = 0; i < len; i += 8)
			tz_write64(op + i, tz_read64(m + i));
#else
	} else if (off >= 16) {
		for (i = 0; i < len; i += 16)
			TZ_FN(tz_cp16)(op + i, m + i);
#endif
	} else {
		TZ_FN(tz_copy_overlap)(op, m, off, len);
	}
}

/*
 * Every read is checked against iend and every write against oend; the
 * wide (16/32-byte) copies run only when both have that much room left.
 * The common sequence (both lengths in the token, 32 bytes of room) takes
 * one branch per length; longer ones take the general path.
 * Lengths are size_t: at most 255 * src_len, no overflow on 64-bit.
 */
TZ_TARGET int TZ_FN(tz_lz4_decompress)(const void *source, unsigned int src_len,
				       void *dest, unsigned int dst_cap)
{
	const u8 *ip = source;
	const u8 *const iend = ip + src_len;
	u8 *op = dest;
	u8 *const dst = dest;
	u8 *const oend = op + dst_cap;

	if (unlikely(src_len == 0))
		return -TZ_ECORRUPT;
	for (;;) {
		unsigned int token, off;
		size_t lit, ml;
		const u8 *m;

		if (unlikely(ip >= iend))
			return -TZ_ECORRUPT;
		token = *ip++;
		lit = token >> 4;
		if (likely(lit < 15 && (size_t)(iend - ip) >= 32 &&
			   (size_t)(oend - op) >= 32)) {
			/* ip + lit < iend: not the last sequence. */
			TZ_FN(tz_cp16)(op, ip);
			ip += lit;
			op += lit;
		} else {
			if (lit == 15 && !TZ_FN(tz_get_ext)(&ip, iend, &lit))
				return -TZ_ECORRUPT;
			if (unlikely((size_t)(iend - ip) < lit))
				return -TZ_ECORRUPT;
			if (unlikely((size_t)(oend - op) < lit))
				return -TZ_ENOSPC;
			if ((size_t)(iend - ip) >= lit + 32 &&
			    (size_t)(oend - op) >= lit + 32) {
				size_t i;

				for (i = 0; i < lit; i += 32)
					TZ_FN(tz_cp32)(op + i, ip + i);
			} else {
				memcpy(op, ip, lit);
			}
			ip += lit;
			op += lit;
			if (unlikely(ip == iend))
				return op - dst;	/* last sequence: literals only */
		}

		if (unlikely(iend - ip < 2))
			return -TZ_ECORRUPT;
		off = get_unaligned_le16(ip);
		ip += 2;
		/* 1 <= off <= bytes already written, in one compare. */
		if (unlikely((size_t)off - 1 >= (size_t)(op - dst)))
			return -TZ_ECORRUPT;
		m = op - off;
		ml = token & 15;
		if (likely(ml < 15 && (size_t)(oend - op) >= 32)) {
			ml += TZ_LZ4_MINMATCH;
			TZ_FN(tz_copy_short_match)(op, m, off);
			op += ml;
			continue;
		}
		if (ml == 15 && !TZ_FN(tz_get_ext)(&ip, iend, &ml))
			return -TZ_ECORRUPT;
		ml += TZ_LZ4_MINMATCH;
		if (unlikely((size_t)(oend - op) < ml))
			return -TZ_ENOSPC;
		if (likely((size_t)(oend - op) >= ml + 32)) {
			TZ_FN(tz_copy_match_wild)(op, m, off, ml);
		} else {
			/*
			 * Near the end of the output (often a page's zero tail):
			 * wide copies for all but the last 32 bytes, then bytes.
			 */
			size_t i = ml > 32 ? ml - 32 : 0;

			if (i)
				TZ_FN(tz_copy_match_wild)(op, m, off, i);
			for (; i < ml; i++)	/* exact, overlap-safe */
				op[i] = m[i];
		}
		op += ml;
	}
}

#undef TZ_FN
#undef TZ_CAT
#undef TZ_CAT_
