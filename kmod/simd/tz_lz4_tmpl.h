/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_lz4_tmpl.h - the one LZ4 block codec core, specialised per variant.
 *
 * Included once per variant by tz_lz4.c (scalar), tz_lz4_x86.c (AVX2,
 * AVX-512) and tz_lz4_neon.c, each defining:
 *   TZ_LZ4_V      name suffix: scalar, avx2, avx512, neon
 *   TZ_LZ4_SIMD   TZ_SIMD_NONE / TZ_SIMD_AVX2 / TZ_SIMD_AVX512 / TZ_SIMD_NEON
 *   TZ_TARGET     function attribute enabling the instructions (or empty)
 * Only the primitives (tz_lz4_copy.h: copies, match counting, match copy)
 * differ between variants; the parsing and match finding are shared, so
 * every variant emits byte-identical compressed output.
 *
 * The cores (tz_lz4_enc.h, tz_lz4_dec.h) take a block state and two
 * parameters that are constants at every call site below, as in liblz4:
 * wide (u32 positions, inputs over 64 KiB) and with_dict. The entry
 * points here are the one-block and dictionary specialisations; batches
 * (tz_lz4_batch.h) schedule the same cores over several blocks.
 *
 * Block format (lz4_Block_format.md): sequences of token (literal length
 * high nibble, match length - 4 low nibble), length extension bytes (255
 * continues), literals, 16-bit LE offset; the last sequence is literals only.
 */
#include "tz_lz4_impl.h"

#define TZ_CAT_(a, b) a##_##b
#define TZ_CAT(a, b) TZ_CAT_(a, b)
#define TZ_FN(n) TZ_CAT(n, TZ_LZ4_V)

#include "tz_lz4_copy.h"
#include "tz_lz4_enc.h"
#include "tz_lz4_dec.h"
#include "tz_lz4_batch.h"

/* ---- one block ------------------------------------------------------- */

static __always_inline TZ_TARGET int
TZ_FN(tz_compress_one)(const void *src, unsigned int src_len, void *dst,
		       unsigned int dst_cap, void *wrkmem, unsigned int accel)
{
	struct tz_lz4_cblk b = {
		.src = src, .anchor = src, .iend = (const u8 *)src + src_len,
		.op = dst, .oend = (u8 *)dst + dst_cap, .table = wrkmem,
		.accel_more = accel - 1,
	};

	if (unlikely(src_len > TZ_LZ4_MAX_INPUT))
		return -TZ_ECORRUPT;
	if (src_len <= TZ_LZ4_U16_LIMIT)
		return TZ_FN(tz_enc_block)(&b, NULL, 0, 0);
	return TZ_FN(tz_enc_block)(&b, NULL, 1, 0);
}

TZ_TARGET int TZ_FN(tz_lz4_compress)(const void *src, unsigned int src_len,
				     void *dst, unsigned int dst_cap, void *wrkmem)
{
	return TZ_FN(tz_compress_one)(src, src_len, dst, dst_cap, wrkmem, 1);
}

/* accel: 1..TZ_LZ4_ACCEL_MAX (tz_lz4_compress_fast_v() clamps). */
TZ_TARGET int TZ_FN(tz_lz4_compress_fast)(const void *src, unsigned int src_len,
					  void *dst, unsigned int dst_cap,
					  void *wrkmem, unsigned int accel)
{
	return TZ_FN(tz_compress_one)(src, src_len, dst, dst_cap, wrkmem, accel);
}

TZ_TARGET int TZ_FN(tz_lz4_decompress)(const void *src, unsigned int src_len,
				       void *dst, unsigned int dst_cap)
{
	struct tz_lz4_dblk b = {
		.ip = src, .iend = (const u8 *)src + src_len,
		.op = dst, .oend = (u8 *)dst + dst_cap, .dst = dst,
	};

	return TZ_FN(tz_dec_block)(&b, NULL, 0);
}

/*
 * The block's first need bytes (a page of a unit): the run and the general
 * path as above, the run held back to stop once past need (its output
 * margin counted from need + TZ_LZ4_RUN_OUT_MARGIN, never beyond oend).
 */
TZ_TARGET int TZ_FN(tz_lz4_decompress_part)(const void *src, unsigned int src_len,
					    void *dst, unsigned int dst_cap,
					    unsigned int need)
{
	struct tz_lz4_dblk b = {
		.ip = src, .iend = (const u8 *)src + src_len,
		.op = dst, .oend = (u8 *)dst + dst_cap, .dst = dst,
	};
	u8 *const stop = (u8 *)dst + (need < dst_cap ? need : dst_cap);
	int r;

	if (unlikely(b.ip == b.iend))
		return -TZ_ECORRUPT;
	while (b.op < stop) {
		struct tz_lz4_dblk run = b;

		if ((size_t)(b.oend - stop) > TZ_LZ4_RUN_OUT_MARGIN)
			run.oend = stop + TZ_LZ4_RUN_OUT_MARGIN;
		/* the run's limits from its own (held back) end */
		TZ_FN(tz_dec_start)(&run);
		TZ_FN(tz_dec_run)(&run, NULL, 0);
		b.ip = run.ip;
		b.op = run.op;
		if (b.op >= stop)
			break;
		r = TZ_FN(tz_dec_general_seq)(&b, NULL, 0);
		if (r <= 0)
			return r ? r : (int)(b.op - b.dst);
	}
	return (int)(b.op - b.dst);
}

/* ---- dictionary ------------------------------------------------------ */

TZ_TARGET int TZ_FN(tz_lz4_compress_dict)(const struct tz_lz4_dict *dict,
					  const void *src, unsigned int src_len,
					  void *dst, unsigned int dst_cap,
					  void *wrkmem)
{
	const struct tz_lz4_cdict d = {
		.start = dict->data, .end = dict->data + dict->len,
		.table = dict->table,
	};
	struct tz_lz4_cblk b = {
		.src = src, .anchor = src, .iend = (const u8 *)src + src_len,
		.op = dst, .oend = (u8 *)dst + dst_cap, .table = wrkmem,
	};

	if (unlikely(src_len > dict->max_input))
		return -TZ_ECORRUPT;
	/* No match can start in fewer bytes than a match's minimum. */
	if (dict->len < TZ_LZ4_MINMATCH)
		return TZ_FN(tz_enc_block)(&b, NULL, 0, 0);
	return TZ_FN(tz_enc_block)(&b, &d, 0, 1);
}

TZ_TARGET int TZ_FN(tz_lz4_decompress_dict)(const void *dict, size_t dict_len,
					    const void *src, unsigned int src_len,
					    void *dst, unsigned int dst_cap)
{
	const struct tz_lz4_ddict d = {
		.end = (const u8 *)dict + dict_len, .len = dict_len,
	};
	struct tz_lz4_dblk b = {
		.ip = src, .iend = (const u8 *)src + src_len,
		.op = dst, .oend = (u8 *)dst + dst_cap, .dst = dst,
	};

	return TZ_FN(tz_dec_block)(&b, &d, 1);
}

/*
 * With prefix_len (<= TZ_LZ4_DICT_MAX) bytes of history in memory right
 * before dst (a front's dictionary, tz_lz4.c): the decoder without a
 * dictionary, its matches reaching back into them as into the block's own
 * output; it writes only from dst on.
 */
TZ_TARGET int TZ_FN(tz_lz4_decompress_prefix)(const void *src, unsigned int src_len,
					      void *dst, unsigned int dst_cap,
					      unsigned int prefix_len)
{
	struct tz_lz4_dblk b = {
		.ip = src, .iend = (const u8 *)src + src_len,
		.op = dst, .oend = (u8 *)dst + dst_cap,
		.dst = (u8 *)dst - prefix_len,
	};
	int r = TZ_FN(tz_dec_block)(&b, NULL, 0);

	return r < 0 ? r : r - (int)prefix_len;
}

#undef TZ_FN
#undef TZ_CAT
#undef TZ_CAT_
