// SPDX-License-Identifier: GPL-2.0
/*
 * tz_lz4.c - the scalar LZ4 variant, the per-variant dispatch, the
 * shared tables and dictionary preparation.
 * Built with the kernel's normal flags: no vector registers, so it is the
 * variant that runs when may_use_simd() is false.
 */
#include "tz_lz4_impl.h"

/* Row o: k % o for k = 0..31 (row 32: k); row 0 is never used (off >= 1). */
#define TZ_P(o, k) ((k) % (o))
#define TZ_P8(o, k) TZ_P(o, k), TZ_P(o, k + 1), TZ_P(o, k + 2), TZ_P(o, k + 3), \
	TZ_P(o, k + 4), TZ_P(o, k + 5), TZ_P(o, k + 6), TZ_P(o, k + 7)
#define TZ_ROW(o) { TZ_P8(o, 0), TZ_P8(o, 8), TZ_P8(o, 16), TZ_P8(o, 24) }
const u8 tz_lz4_pattern[33][32] = {
	{ 0 }, TZ_ROW(1), TZ_ROW(2), TZ_ROW(3), TZ_ROW(4), TZ_ROW(5), TZ_ROW(6),
	TZ_ROW(7), TZ_ROW(8), TZ_ROW(9), TZ_ROW(10), TZ_ROW(11), TZ_ROW(12),
	TZ_ROW(13), TZ_ROW(14), TZ_ROW(15), TZ_ROW(16), TZ_ROW(17), TZ_ROW(18),
	TZ_ROW(19), TZ_ROW(20), TZ_ROW(21), TZ_ROW(22), TZ_ROW(23), TZ_ROW(24),
	TZ_ROW(25), TZ_ROW(26), TZ_ROW(27), TZ_ROW(28), TZ_ROW(29), TZ_ROW(30),
	TZ_ROW(31), TZ_ROW(32)
};
/* x86: [0] = pattern + 0x70, [1] = pattern - 16 (see tz_lz4_impl.h). */
#define TZ_PA(o, k) ((u8)(TZ_P(o, k) + 0x70))
#define TZ_PB(o, k) ((u8)(TZ_P(o, k) - 16))
#define TZ_PA8(o, k) TZ_PA(o, k), TZ_PA(o, k + 1), TZ_PA(o, k + 2), TZ_PA(o, k + 3), \
	TZ_PA(o, k + 4), TZ_PA(o, k + 5), TZ_PA(o, k + 6), TZ_PA(o, k + 7)
#define TZ_PB8(o, k) TZ_PB(o, k), TZ_PB(o, k + 1), TZ_PB(o, k + 2), TZ_PB(o, k + 3), \
	TZ_PB(o, k + 4), TZ_PB(o, k + 5), TZ_PB(o, k + 6), TZ_PB(o, k + 7)
#define TZ_ROW2(o) { { TZ_PA8(o, 0), TZ_PA8(o, 8), TZ_PA8(o, 16), TZ_PA8(o, 24) }, \
		     { TZ_PB8(o, 0), TZ_PB8(o, 8), TZ_PB8(o, 16), TZ_PB8(o, 24) } }
const u8 tz_lz4_pattern_x86[33][2][32] = {
	{ { 0 } }, TZ_ROW2(1), TZ_ROW2(2), TZ_ROW2(3), TZ_ROW2(4), TZ_ROW2(5), TZ_ROW2(6),
	TZ_ROW2(7), TZ_ROW2(8), TZ_ROW2(9), TZ_ROW2(10), TZ_ROW2(11), TZ_ROW2(12),
	TZ_ROW2(13), TZ_ROW2(14), TZ_ROW2(15), TZ_ROW2(16), TZ_ROW2(17), TZ_ROW2(18),
	TZ_ROW2(19), TZ_ROW2(20), TZ_ROW2(21), TZ_ROW2(22), TZ_ROW2(23), TZ_ROW2(24),
	TZ_ROW2(25), TZ_ROW2(26), TZ_ROW2(27), TZ_ROW2(28), TZ_ROW2(29), TZ_ROW2(30),
	TZ_ROW2(31), TZ_ROW2(32)
};
#define TZ_S(o) (32 - 32 % (o))
const u8 tz_lz4_pattern_step[33] = {
	0, TZ_S(1), TZ_S(2), TZ_S(3), TZ_S(4), TZ_S(5), TZ_S(6), TZ_S(7), TZ_S(8),
	TZ_S(9), TZ_S(10), TZ_S(11), TZ_S(12), TZ_S(13), TZ_S(14), TZ_S(15), TZ_S(16),
	TZ_S(17), TZ_S(18), TZ_S(19), TZ_S(20), TZ_S(21), TZ_S(22), TZ_S(23), TZ_S(24),
	TZ_S(25), TZ_S(26), TZ_S(27), TZ_S(28), TZ_S(29), TZ_S(30), TZ_S(31), 32
};
#undef TZ_S
/* to = o + back: the smallest multiple of o that is >= 8. */
#define TZ_MASK(o) (~0ULL >> (64 - 8 * (o)))
const struct tz_lz4_near tz_lz4_near = {
	.mask = { 0, TZ_MASK(1), TZ_MASK(2), TZ_MASK(3), TZ_MASK(4), TZ_MASK(5),
		  TZ_MASK(6), TZ_MASK(7), ~0ULL },
	.mul = { 0, 0x0101010101010101ULL, 0x0001000100010001ULL,
		 0x0001000001000001ULL, 0x0000000100000001ULL,
		 0x0000010000000001ULL, 0x0001000000000001ULL,
		 0x0100000000000001ULL, 1 },
	.back = { 0, 8 - 1, 8 - 2, 9 - 3, 8 - 4, 10 - 5, 12 - 6, 14 - 7, 0 },
};
const u8 tz_lz4_zero32[32];
#undef TZ_MASK
#undef TZ_ROW2
#undef TZ_PB8
#undef TZ_PA8
#undef TZ_PB
#undef TZ_PA
#undef TZ_ROW
#undef TZ_P8
#undef TZ_P

#define TZ_LZ4_V scalar
#define TZ_LZ4_SIMD TZ_SIMD_NONE
#define TZ_TARGET
#include "tz_lz4_tmpl.h"
#undef TZ_LZ4_V
#undef TZ_LZ4_SIMD
#undef TZ_TARGET

/*
 * The dictionary's virtual positions are [0, len); a block's follow from
 * len, so that every position fits the u16 table and every offset 16
 * bits. Its table holds position 0 where nothing hashed (harmless:
 * candidates are verified) and, per hash, the last position with it.
 */
int tz_lz4_dict_prepare(struct tz_lz4_dict *dict, const void *data, size_t len,
			unsigned int max_input)
{
	const u8 *p = data;
	u32 i;

	if (!max_input || max_input > TZ_LZ4_DICT_MAX / 2)
		return -EINVAL;
	/* Only its last bytes are in reach of a block's offsets. */
	if (len > TZ_LZ4_DICT_MAX - max_input) {
		p += len - (TZ_LZ4_DICT_MAX - max_input);
		len = TZ_LZ4_DICT_MAX - max_input;
	}
	if (len < TZ_LZ4_MINMATCH)	/* nothing to match: no history */
		len = 0;
	dict->data = p;
	dict->len = len;
	dict->max_input = max_input;
	memset(dict->table, 0, sizeof(dict->table));
	for (i = 0; i + TZ_LZ4_MINMATCH <= len; i++)
		dict->table[(tz_read32(p + i) * 2654435761U) >> (32 - TZ_LZ4_DICT_HLOG)] = i;
	return 0;
}

/* The variant's function; scalar for any other (or unsupported) value. */
int tz_lz4_compress_v(enum tz_variant v, const void *src, unsigned int src_len,
		      void *dst, unsigned int dst_cap, void *wrkmem)
{
	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		return tz_lz4_compress_avx2(src, src_len, dst, dst_cap, wrkmem);
	case TZ_VARIANT_AVX512:
		return tz_lz4_compress_avx512(src, src_len, dst, dst_cap, wrkmem);
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		return tz_lz4_compress_neon(src, src_len, dst, dst_cap, wrkmem);
#endif
	default:
		return tz_lz4_compress_scalar(src, src_len, dst, dst_cap, wrkmem);
	}
}

int tz_lz4_compress_fast_v(enum tz_variant v, const void *src, unsigned int src_len,
			   void *dst, unsigned int dst_cap, void *wrkmem, int accel)
{
	/* As LZ4_compress_fast(): below 1 the default, above the maximum clamped. */
	unsigned int a = accel < 1 ? 1 : accel > TZ_LZ4_ACCEL_MAX ? TZ_LZ4_ACCEL_MAX : (unsigned int)accel;

	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		return tz_lz4_compress_fast_avx2(src, src_len, dst, dst_cap, wrkmem, a);
	case TZ_VARIANT_AVX512:
		return tz_lz4_compress_fast_avx512(src, src_len, dst, dst_cap, wrkmem, a);
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		return tz_lz4_compress_fast_neon(src, src_len, dst, dst_cap, wrkmem, a);
#endif
	default:
		return tz_lz4_compress_fast_scalar(src, src_len, dst, dst_cap, wrkmem, a);
	}
}

int tz_lz4_decompress_v(enum tz_variant v, const void *src, unsigned int src_len,
			void *dst, unsigned int dst_cap)
{
	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		return tz_lz4_decompress_avx2(src, src_len, dst, dst_cap);
	case TZ_VARIANT_AVX512:
		return tz_lz4_decompress_avx512(src, src_len, dst, dst_cap);
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		return tz_lz4_decompress_neon(src, src_len, dst, dst_cap);
#endif
	default:
		return tz_lz4_decompress_scalar(src, src_len, dst, dst_cap);
	}
}

int tz_lz4_decompress_part_v(enum tz_variant v, const void *src, unsigned int src_len,
			     void *dst, unsigned int dst_cap, unsigned int need)
{
	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		return tz_lz4_decompress_part_avx2(src, src_len, dst, dst_cap, need);
	case TZ_VARIANT_AVX512:
		return tz_lz4_decompress_part_avx512(src, src_len, dst, dst_cap, need);
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		return tz_lz4_decompress_part_neon(src, src_len, dst, dst_cap, need);
#endif
	default:
		return tz_lz4_decompress_part_scalar(src, src_len, dst, dst_cap, need);
	}
}

int tz_lz4_compress_batch_v(enum tz_variant v, struct tz_lz4_job *jobs,
			    unsigned int n, void *wrkmem)
{
	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		return tz_lz4_compress_batch_avx2(jobs, n, wrkmem);
	case TZ_VARIANT_AVX512:
		return tz_lz4_compress_batch_avx512(jobs, n, wrkmem);
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		return tz_lz4_compress_batch_neon(jobs, n, wrkmem);
#endif
	default:
		return tz_lz4_compress_batch_scalar(jobs, n, wrkmem);
	}
}

int tz_lz4_decompress_batch_v(enum tz_variant v, struct tz_lz4_job *jobs,
			      unsigned int n)
{
	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		return tz_lz4_decompress_batch_avx2(jobs, n);
	case TZ_VARIANT_AVX512:
		return tz_lz4_decompress_batch_avx512(jobs, n);
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		return tz_lz4_decompress_batch_neon(jobs, n);
#endif
	default:
		return tz_lz4_decompress_batch_scalar(jobs, n);
	}
}

int tz_lz4_compress_dict_v(enum tz_variant v, const struct tz_lz4_dict *dict,
			   const void *src, unsigned int src_len, void *dst,
			   unsigned int dst_cap, void *wrkmem)
{
	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		return tz_lz4_compress_dict_avx2(dict, src, src_len, dst, dst_cap, wrkmem);
	case TZ_VARIANT_AVX512:
		return tz_lz4_compress_dict_avx512(dict, src, src_len, dst, dst_cap, wrkmem);
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		return tz_lz4_compress_dict_neon(dict, src, src_len, dst, dst_cap, wrkmem);
#endif
	default:
		return tz_lz4_compress_dict_scalar(dict, src, src_len, dst, dst_cap, wrkmem);
	}
}

int tz_lz4_decompress_dict_v(enum tz_variant v, const void *dict, size_t dict_len,
			     const void *src, unsigned int src_len, void *dst,
			     unsigned int dst_cap)
{
	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		return tz_lz4_decompress_dict_avx2(dict, dict_len, src, src_len, dst, dst_cap);
	case TZ_VARIANT_AVX512:
		return tz_lz4_decompress_dict_avx512(dict, dict_len, src, src_len, dst, dst_cap);
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		return tz_lz4_decompress_dict_neon(dict, dict_len, src, src_len, dst, dst_cap);
#endif
	default:
		return tz_lz4_decompress_dict_scalar(dict, dict_len, src, src_len, dst, dst_cap);
	}
}

/* The variant's block decoder with prefix_len bytes of history before dst. */
static int tz_lz4_decompress_prefix_v(enum tz_variant v, const void *src,
				      unsigned int src_len, void *dst,
				      unsigned int dst_cap, unsigned int prefix_len)
{
	switch (v) {
#ifdef TZ_HAVE_X86_SIMD
	case TZ_VARIANT_AVX2:
		return tz_lz4_decompress_prefix_avx2(src, src_len, dst, dst_cap, prefix_len);
	case TZ_VARIANT_AVX512:
		return tz_lz4_decompress_prefix_avx512(src, src_len, dst, dst_cap, prefix_len);
#endif
#ifdef TZ_HAVE_NEON
	case TZ_VARIANT_NEON:
		return tz_lz4_decompress_prefix_neon(src, src_len, dst, dst_cap, prefix_len);
#endif
	default:
		return tz_lz4_decompress_prefix_scalar(src, src_len, dst, dst_cap, prefix_len);
	}
}

/*
 * A front: this header, then the dictionary's bytes placed so that they
 * end where the room starts, at a 64-byte boundary (the decoder's wide
 * stores into the room stay aligned as into a page).
 */
struct tz_lz4_front {
	u32 len;	/* dictionary bytes held, right before the room */
	u32 room;
	u8 pad[56];
	u8 bytes[];
};

#define TZ_LZ4_FRONT_ALIGN 64u

static size_t tz_lz4_front_dict_room(size_t dict_len)
{
	if (dict_len > TZ_LZ4_DICT_MAX)
		dict_len = TZ_LZ4_DICT_MAX;
	return (dict_len + TZ_LZ4_FRONT_ALIGN - 1) & ~(size_t)(TZ_LZ4_FRONT_ALIGN - 1);
}

size_t tz_lz4_front_size(size_t dict_len, unsigned int room)
{
	return sizeof(struct tz_lz4_front) + tz_lz4_front_dict_room(dict_len) + room;
}

void tz_lz4_front_init(void *front, const void *dict, size_t dict_len,
		       unsigned int room)
{
	struct tz_lz4_front *f = front;
	size_t at;

	/* Offsets reach 64 KiB back at most: only the last bytes count. */
	if (dict_len > TZ_LZ4_DICT_MAX) {
		dict = (const u8 *)dict + dict_len - TZ_LZ4_DICT_MAX;
		dict_len = TZ_LZ4_DICT_MAX;
	}
	at = tz_lz4_front_dict_room(dict_len);
	f->len = dict_len;
	f->room = room;
	memset(f->bytes, 0, at - dict_len);
	memcpy(f->bytes + at - dict_len, dict, dict_len);
}

int tz_lz4_decompress_front_v(enum tz_variant v, void *front, const void *src,
			      unsigned int src_len, void *dst, unsigned int dst_cap)
{
	struct tz_lz4_front *f = front;
	u8 *room = f->bytes + tz_lz4_front_dict_room(f->len);
	int ret;

	if (dst_cap > f->room)
		return tz_lz4_decompress_dict_v(v, room - f->len, f->len, src,
						src_len, dst, dst_cap);
	ret = tz_lz4_decompress_prefix_v(v, src, src_len, room, dst_cap, f->len);
	if (ret > 0)
		memcpy(dst, room, ret);
	return ret;
}

int tz_lz4_compress(const void *src, unsigned int src_len, void *dst,
		    unsigned int dst_cap, void *wrkmem)
{
	enum tz_variant v = tz_simd_begin();
	int ret = tz_lz4_compress_v(v, src, src_len, dst, dst_cap, wrkmem);

	tz_simd_end(v);
	return ret;
}

int tz_lz4_decompress(const void *src, unsigned int src_len, void *dst,
		      unsigned int dst_cap)
{
	enum tz_variant v = tz_simd_begin();
	int ret = tz_lz4_decompress_v(v, src, src_len, dst, dst_cap);

	tz_simd_end(v);
	return ret;
}

int tz_lz4_compress_dict(const struct tz_lz4_dict *dict, const void *src,
			 unsigned int src_len, void *dst, unsigned int dst_cap,
			 void *wrkmem)
{
	enum tz_variant v = tz_simd_begin();
	int ret = tz_lz4_compress_dict_v(v, dict, src, src_len, dst, dst_cap, wrkmem);

	tz_simd_end(v);
	return ret;
}

int tz_lz4_decompress_dict(const void *dict, size_t dict_len, const void *src,
			   unsigned int src_len, void *dst, unsigned int dst_cap)
{
	enum tz_variant v = tz_simd_begin();
	int ret = tz_lz4_decompress_dict_v(v, dict, dict_len, src, src_len, dst,
					   dst_cap);

	tz_simd_end(v);
	return ret;
}

/* One SIMD section per TZ_LZ4_BATCH_SECTION jobs (see tz_lz4.h). */
int tz_lz4_compress_batch(struct tz_lz4_job *jobs, unsigned int n, void *wrkmem)
{
	int failed = 0;

	while (n) {
		unsigned int k = n < TZ_LZ4_BATCH_SECTION ? n : TZ_LZ4_BATCH_SECTION;
		enum tz_variant v = tz_simd_begin();

		failed += tz_lz4_compress_batch_v(v, jobs, k, wrkmem);
		tz_simd_end(v);
		jobs += k;
		n -= k;
	}
	return failed;
}

int tz_lz4_decompress_batch(struct tz_lz4_job *jobs, unsigned int n)
{
	int failed = 0;

	while (n) {
		unsigned int k = n < TZ_LZ4_BATCH_SECTION ? n : TZ_LZ4_BATCH_SECTION;
		enum tz_variant v = tz_simd_begin();

		failed += tz_lz4_decompress_batch_v(v, jobs, k);
		tz_simd_end(v);
		jobs += k;
		n -= k;
	}
	return failed;
}
