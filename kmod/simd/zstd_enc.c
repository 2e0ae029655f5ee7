// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_enc.c - page-oriented ZSTD encoder: one standard frame (magic,
 * single segment, content size, optional XXH64 checksum), blocks of up to
 * 32 KiB (a 4 KiB page is one block), each compressed, RLE or raw,
 * whichever is smallest. Inputs up to ZE_WINDOW (units of up to 16 pages)
 * are one window: matches reach into the frame's earlier blocks, with
 * larger tables. All state lives in the caller's work memory; the only
 * per-call set-up is clearing the match finder's two hash tables. A vector
 * variant's SIMD section ends and begins again (tz_simd_yield) between
 * blocks and, in a block over ZE_PARSE_PIECE bytes, between the pieces of
 * its parse and before its entropy stage: a 64 KiB unit keeps preemption
 * off for about one 8 KiB piece at a time.
 */
#include "tz_zstd.h"
#include "zstd_enc.h"
#include "zstd_dict.h"

_Static_assert(sizeof(struct tz_zstd_cws) <= TZ_ZSTD_CWORKMEM_SIZE, "CWORKMEM too small");

/* Literal length < 64 -> code | extra bits << 8 (RFC 8878 3.1.1.3.2.1.1). */
const u16 ze_ll_cb[64] = {
	0x000, 0x001, 0x002, 0x003, 0x004, 0x005, 0x006, 0x007,
	0x008, 0x009, 0x00a, 0x00b, 0x00c, 0x00d, 0x00e, 0x00f,
	0x110, 0x110, 0x111, 0x111, 0x112, 0x112, 0x113, 0x113,
	0x214, 0x214, 0x214, 0x214, 0x215, 0x215, 0x215, 0x215,
	0x316, 0x316, 0x316, 0x316, 0x316, 0x316, 0x316, 0x316,
	0x317, 0x317, 0x317, 0x317, 0x317, 0x317, 0x317, 0x317,
	0x418, 0x418, 0x418, 0x418, 0x418, 0x418, 0x418, 0x418,
	0x418, 0x418, 0x418, 0x418, 0x418, 0x418, 0x418, 0x418,
};

/* Match length - 3 < 128 -> code | extra bits << 8. */
const u16 ze_ml_cb[128] = {
	0x000, 0x001, 0x002, 0x003, 0x004, 0x005, 0x006, 0x007,
	0x008, 0x009, 0x00a, 0x00b, 0x00c, 0x00d, 0x00e, 0x00f,
	0x010, 0x011, 0x012, 0x013, 0x014, 0x015, 0x016, 0x017,
	0x018, 0x019, 0x01a, 0x01b, 0x01c, 0x01d, 0x01e, 0x01f,
	0x120, 0x120, 0x121, 0x121, 0x122, 0x122, 0x123, 0x123,
	0x224, 0x224, 0x224, 0x224, 0x225, 0x225, 0x225, 0x225,
	0x326, 0x326, 0x326, 0x326, 0x326, 0x326, 0x326, 0x326,
	0x327, 0x327, 0x327, 0x327, 0x327, 0x327, 0x327, 0x327,
	0x428, 0x428, 0x428, 0x428, 0x428, 0x428, 0x428, 0x428,
	0x428, 0x428, 0x428, 0x428, 0x428, 0x428, 0x428, 0x428,
	0x429, 0x429, 0x429, 0x429, 0x429, 0x429, 0x429, 0x429,
	0x429, 0x429, 0x429, 0x429, 0x429, 0x429, 0x429, 0x429,
	0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a,
	0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a,
	0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a,
	0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a, 0x52a,
};


/* Frame header field sizes by their descriptor flags. */
static const u8 ze_id_bytes[4] = { 0, 1, 2, 4 };
static const u8 ze_fcs_bytes[4] = { 1, 2, 4, 8 };

static ze_match_fn ze_match_of(enum tz_variant v, bool dict)
{
	switch (v) {
	case TZ_VARIANT_SCALAR:
		return dict ? ze_match_dict_fn_scalar : ze_match_fn_scalar;
	case TZ_VARIANT_AVX512:
		/*
		 * AVX2's finder: one counting matches 64 bytes at a time ran
		 * 3-5 % slower than it on the one AVX-512 CPU measured (AMD
		 * Zen 4, docs/BENCHMARKS.md 5.1); most matches end within 32.
		 */
	case TZ_VARIANT_AVX2:
		return dict ? ze_match_dict_fn_avx2 : ze_match_fn_avx2;
	case TZ_VARIANT_NEON:
		return dict ? ze_match_dict_fn_neon : ze_match_fn_neon;
	default:
		return NULL;
	}
}

/* The entropy stage: shlx/shrx/bzhi where the variant implies BMI2. */
static ze_ent_fn ze_ent_of(enum tz_variant v)
{
#if defined(__x86_64__)
	if (v == TZ_VARIANT_AVX2 || v == TZ_VARIANT_AVX512)
		return ze_encode_block_body_bmi2;
#else
	(void)v;
#endif
	return ze_encode_block_body;
}

static bool ze_all_same(const u8 *p, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (p[i] != p[0])
			return false;
	return true;
}

/*
 * The input after the dictionary's window in ws->win[] (copied there the
 * first time this work memory compresses with this dictionary).
 */
static const u8 *ze_dict_window(struct tz_zstd_cws *ws, const struct ze_cdict *cd,
				const void *src, unsigned int src_len)
{
	u8 *in = ws->win + cd->win_len;

	if (ws->win_stamp != cd->stamp) {
		memcpy(ws->win, cd->content + cd->len - cd->win_len, cd->win_len);
		ws->win_stamp = cd->stamp;
	}
	memcpy(in, src, src_len);
	return in;
}

int ze_compress_frame(enum tz_variant v, const void *src, unsigned int src_len, void *dst,
		      unsigned int dst_cap, int level, void *wrkmem,
		      const struct tz_zstd_dict *dict)
{
	ze_match_fn match = ze_match_of(v, dict);
	ze_ent_fn ent = ze_ent_of(v);
	const u8 *ip = src;
	u8 *op = dst, *oend;
	struct tz_zstd_cws *ws = wrkmem;
	struct ze_params prm = { .cd = dict ? dict->enc : NULL, .clear = true };
	struct ze_block b = { .rep = { 1, 4, 8 } };
	bool checksum = level & TZ_ZSTD_F_CHECKSUM;
	u32 id = dict ? dict->id : 0;
	size_t done = 0;
	u32 win = 0;		/* window bytes before the input */
	u8 fhd;

	if (!match || !tz_variant_supported(v))
		return -EOPNOTSUPP;
	level &= ~TZ_ZSTD_F_CHECKSUM;
	if (level <= 0)
		level = TZ_ZSTD_LEVEL_DEFAULT;
	if (level > TZ_ZSTD_LEVEL_MAX)
		level = TZ_ZSTD_LEVEL_MAX;
	if ((!src && src_len) || !dst || !wrkmem || src_len > TZ_ZSTD_MAX_INPUT ||
	    dst_cap > 0x7fffffffu || (dict && !prm.cd))
		return -EINVAL;
	prm.level = (unsigned int)level;
	prm.hlogl = ZE_HLOG_LONG;
	prm.hlogs = ZE_HLOG_SHORT;
	if (!dict && src_len > ZE_BLOCK && src_len <= ZE_WINDOW) {
		/* A unit: one window, tables scaled to it. */
		prm.hlogl = ZE_UNIT_HLOGL;
		prm.hlogs = ZE_UNIT_HLOGS;
	}
	oend = op + dst_cap;
	if (dict)	/* the decoder starts from the dictionary's offsets */
		memcpy(b.rep, dict->rep, sizeof(b.rep));
	if (prm.cd && prm.cd->win_len && src_len <= ZE_DICT_WIN_INPUT) {
		/* A page: the page's finder over the window and the page. */
		ip = ze_dict_window(ws, prm.cd, src, src_len);
		win = prm.cd->win_len;
		prm.wt = prm.cd->wt;
	}

	/*
	 * Frame header: magic, descriptor, Dictionary_ID (0, 1, 2 or 4 bytes,
	 * the fewest that hold it), content size (1/2/4 bytes).
	 */
	fhd = 0x20 | (checksum ? 4 : 0);	/* single segment */
	fhd |= id == 0 ? 0 : id < 256 ? 1 : id < 65536 ? 2 : 3;
	if (src_len >= 65536 + 256)
		fhd |= 0x80;
	else if (src_len >= 256)
		fhd |= 0x40;
	/* magic, descriptor, id, content size, one block header */
	if (dst_cap < 5u + ze_id_bytes[fhd & 3] + ze_fcs_bytes[fhd >> 6] + 3)
		return -ENOSPC;
	put_unaligned_le32(ZS_MAGIC, op);
	op += 4;
	*op++ = fhd;
	if ((fhd & 3) == 1) {
		*op++ = (u8)id;
	} else if ((fhd & 3) == 2) {
		put_unaligned_le16((u16)id, op);
		op += 2;
	} else if ((fhd & 3) == 3) {
		put_unaligned_le32(id, op);
		op += 4;
	}
	if (src_len < 256) {
		*op++ = (u8)src_len;
	} else if (src_len < 65536 + 256) {
		put_unaligned_le16((u16)(src_len - 256), op);
		op += 2;
	} else {
		put_unaligned_le32(src_len, op);
		op += 4;
	}
	do {
		size_t n = src_len - done < ZE_BLOCK ? src_len - done : ZE_BLOCK;
		bool last = done + n == src_len;
		u8 *bh = op;
		u32 rep0[3] = { b.rep[0], b.rep[1], b.rep[2] };
		int r = -1;

		if ((size_t)(oend - op) < 3)
			return -ENOSPC;
		op += 3;
		if (n > 1 && ze_all_same(ip, n)) {
			if (op >= oend)
				return -ENOSPC;
			*op++ = ip[0];
			put_unaligned_le16((u16)(last | 1 << 1 | n << 3), bh);
			bh[2] = (u8)(n >> 13);
			goto next;
		}
		if (n >= 16) {
			u8 *lim = oend - op > (ptrdiff_t)n ? op + n : oend;

			/* The dictionary's tables serve the first block only. */
			b.dent = done == 0 && prm.cd ? prm.cd->ent : NULL;
			prm.base = (u32)done;
			prm.hist = win + (src_len <= ZE_WINDOW ? (u32)done : 0);
			prm.probe = done + n <= ZE_DICT_SPAN;
			/*
			 * The parse in pieces, a SIMD section each (a unit
			 * compressed with a vector variant); a page is one.
			 */
			prm.resume = false;
			prm.stop = ZE_PARSE_PIECE;
			for (;;) {
				match(ws, ip, n, &prm, &b);
				if (b.parsed)
					break;
				tz_simd_yield(v);
				prm.resume = true;
				prm.stop += ZE_PARSE_PIECE;
			}
			if (n > ZE_PARSE_PIECE)
				tz_simd_yield(v);	/* the entropy stage: one more */
			prm.clear = false;
			r = ent(ws, &b, op, lim);
		}
		if (r > 0 && (size_t)r < n) {
			put_unaligned_le16((u16)(last | 2 << 1 | (u32)r << 3), bh);
			bh[2] = (u8)((u32)r >> 13);
			op += r;
		} else {
			/* Raw: the decoder never sees this attempt's repeat
			 * offsets, so go back to the ones it has.
			 */
			if ((size_t)(oend - op) < n)
				return -ENOSPC;
			memcpy(op, ip, n);
			op += n;
			put_unaligned_le16((u16)(last | (u32)n << 3), bh);
			bh[2] = (u8)(n >> 13);
			memcpy(b.rep, rep0, sizeof(rep0));
		}
next:
		ip += n;
		done += n;
		if (!last)
			tz_simd_yield(v);	/* a section per block too */
	} while (done < src_len);
	if (checksum) {
		if (oend - op < 4)
			return -ENOSPC;
		put_unaligned_le32((u32)tz_xxh64(src, src_len, 0), op);
		op += 4;
	}
	return (int)(op - (u8 *)dst);
}

int tz_zstd_compress_v(enum tz_variant v, const void *src, unsigned int src_len,
		       void *dst, unsigned int dst_cap, int level, void *wrkmem)
{
	return ze_compress_frame(v, src, src_len, dst, dst_cap, level, wrkmem, NULL);
}

int tz_zstd_compress(const void *src, unsigned int src_len, void *dst,
		     unsigned int dst_cap, int level, void *wrkmem)
{
	enum tz_variant v = tz_simd_begin();
	int r = tz_zstd_compress_v(v, src, src_len, dst, dst_cap, level, wrkmem);

	tz_simd_end(v);
	return r;
}
