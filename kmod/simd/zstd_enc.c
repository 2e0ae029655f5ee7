// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_enc.c - page-oriented ZSTD encoder: one standard frame (magic,
 * single segment, content size, optional XXH64 checksum), blocks of up to
 * 32 KiB (a 4 KiB page is one block), each compressed, RLE or raw,
 * whichever is smallest. All state lives in the caller's work memory;
 * the only per-call set-up is clearing the match finder's two hash tables.
 */
#include "tz_zstd.h"
#include "zstd_enc.h"

_Static_assert(sizeof(struct tz_zstd_cws) <= TZ_ZSTD_CWORKMEM_SIZE, "CWORKMEM too small");


static ze_match_fn ze_match_of(enum tz_variant v)
{
	switch (v) {
	case TZ_VARIANT_SCALAR:
		return ze_match_fn_scalar;
	case TZ_VARIANT_AVX2:
		return ze_match_fn_avx2;
	case TZ_VARIANT_AVX512:
		return ze_match_fn_avx512;
	case TZ_VARIANT_NEON:
		return ze_match_fn_neon;
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

int tz_zstd_compress_v(enum tz_variant v, const void *src, unsigned int src_len,
		       void *dst, unsigned int dst_cap, int level, void *wrkmem)
{
	ze_match_fn match = ze_match_of(v);
	ze_ent_fn ent = ze_ent_of(v);
	const u8 *ip = src;
	u8 *op = dst, *oend;
	struct tz_zstd_cws *ws = wrkmem;
	struct ze_params prm;
	struct ze_block b = { .rep = { 1, 4, 8 } };
	bool checksum = level & TZ_ZSTD_F_CHECKSUM;
	size_t done = 0;
	u8 fhd;

	if (!match || !tz_variant_supported(v))
		return -EOPNOTSUPP;
	level &= ~TZ_ZSTD_F_CHECKSUM;
	if (level <= 0)
		level = TZ_ZSTD_LEVEL_DEFAULT;
	if (level > TZ_ZSTD_LEVEL_MAX)
		level = TZ_ZSTD_LEVEL_MAX;
	if ((!src && src_len) || !dst || !wrkmem || src_len > TZ_ZSTD_MAX_INPUT ||
	    dst_cap > 0x7fffffffu)
		return -EINVAL;
	prm.level = (unsigned int)level;
	oend = op + dst_cap;

	/* Frame header: magic, descriptor, content size (1/2/4 bytes). */
	if (dst_cap < 4 + 1 + 4 + 3)
		return -ENOSPC;
	put_unaligned_le32(ZS_MAGIC, op);
	op += 4;
	fhd = 0x20 | (checksum ? 4 : 0);	/* single segment */
	if (src_len < 256) {
		*op++ = fhd;
		*op++ = (u8)src_len;
	} else if (src_len < 65536 + 256) {
		*op++ = fhd | 0x40;
		put_unaligned_le16((u16)(src_len - 256), op);
		op += 2;
	} else {
		*op++ = fhd | 0x80;
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

			match(ws, ip, n, &prm, &b);
			r = ent(ws, &b, op, lim);
		}
		if (r > 0 && (size_t)r < n) {
			put_unaligned_le16((u16)(last | 2 << 1 | (u32)r << 3), bh);
			bh[2] = (u8)((u32)r >> 13);
			op += r;
		} else {
			/* Raw: the decoder never sees this attempt's repeat
			 * offsets, so go back to the ones it has. */
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
	} while (done < src_len);
	if (checksum) {
		if (oend - op < 4)
			return -ENOSPC;
		put_unaligned_le32((u32)tz_xxh64(src, src_len, 0), op);
		op += 4;
	}
	return (int)(op - (u8 *)dst);
}

int tz_zstd_compress(const void *src, unsigned int src_len, void *dst,
		     unsigned int dst_cap, int level, void *wrkmem)
{
	enum tz_variant v = tz_simd_begin();
	int r = tz_zstd_compress_v(v, src, src_len, dst, dst_cap, level, wrkmem);

	tz_simd_end(v);
	return r;
}
