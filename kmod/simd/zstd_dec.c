// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_dec.c - ZSTD frame decoder (RFC 8878): frames, skippable frames,
 * blocks, the literals and sequences section headers and the table modes.
 * The per-symbol work is in zstd_dec_core.h, instantiated per variant.
 * Output goes to one flat buffer, so the window is the output produced
 * by the current frame and, with a dictionary, its content before that:
 * offsets beyond are corrupt.
 */
#include "tz_zstd.h"
#include "zstd_internal.h"
#include "zstd_dict.h"
#include "zstd_dec_cache.h"

#ifdef ZS_STRICT_TRACE
int zs_strict_fired;	/* the differential fuzzer reads it (zstd_internal.h) */
#endif

/* Offsets of struct zs_dws must fit the advertised work memory. */
_Static_assert(sizeof(struct zs_dws) <= TZ_ZSTD_DWORKMEM_SIZE, "DWORKMEM too small");

static const struct zs_dec_ops *zs_dec_ops_of(enum tz_variant v)
{
	switch (v) {
	case TZ_VARIANT_SCALAR:
		return &zs_dec_scalar;
	case TZ_VARIANT_AVX512:
		/*
		 * AVX2's loops: an instantiation with 64-byte copies ran 1-4 %
		 * slower than them on the one AVX-512 CPU measured (AMD Zen 4,
		 * docs/BENCHMARKS.md 5.1); the copies here are short.
		 */
	case TZ_VARIANT_AVX2:
		return zs_dec_avx2.seq ? &zs_dec_avx2 : NULL;
	case TZ_VARIANT_NEON:
		return zs_dec_neon.seq ? &zs_dec_neon : NULL;
	default:
		return NULL;
	}
}

/* One table of the sequences section: predefined, RLE, FSE or repeat. */
static int zs_seq_table(struct zs_dws *ws, int kind, unsigned int mode,
			const u8 **ipp, const u8 *iend)
{
	static const u8 al_max[3] = { ZS_LL_AL, ZS_OF_AL, ZS_ML_AL };
	static const u8 sym_max[3] = { ZS_LL_MAX, ZS_OF_MAX, ZS_ML_MAX };
	static const u8 def_al[3] = { ZS_LL_DEF_AL, ZS_OF_DEF_AL, ZS_ML_DEF_AL };
	const struct zs_fse_e *pre[3] = { zs_ll_pre, zs_of_pre, zs_ml_pre };
	const u32 *base[3] = { zs_ll_base, zs_of_base, zs_ml_base };
	const u8 *bits[3] = { zs_ll_bits, zs_of_bits, zs_ml_bits };
	struct zs_fse_e *own[3] = { ws->ll, ws->of, ws->ml };
	const struct zs_fse_e **tp[3] = { &ws->ll_t, &ws->of_t, &ws->ml_t };
	u8 *alp[3] = { &ws->ll_al, &ws->of_al, &ws->ml_al };
	const u8 *ip = *ipp;

	switch (mode) {
	case 0:
		*tp[kind] = pre[kind];
		*alp[kind] = def_al[kind];
		break;
	case 1:
		if (ip >= iend || *ip > sym_max[kind])
			return ZS_ECORRUPT;
		zs_fse_rle(own[kind], *ip++, base[kind], bits[kind]);
		*tp[kind] = own[kind];
		*alp[kind] = 0;
		break;
	case 2: {
		s16 norm[ZS_ML_MAX + 1];
		unsigned int msym = sym_max[kind], al;
		int r;

		if (ws->cache) {
			r = zs_cache_fse(ws->cache, kind, ip, iend - ip, sym_max[kind], al_max[kind],
					 base[kind], bits[kind], tp[kind], alp[kind]);
			if (r < 0)
				return r;
			ip += r;
			break;
		}
		r = zs_fse_read_ncount(norm, &msym, &al, al_max[kind], ip, iend - ip);
		if (r < 0)
			return r;
		ip += r;
		if (zs_fse_build(own[kind], norm, msym, al, base[kind], bits[kind]))
			return ZS_ECORRUPT;
		*tp[kind] = own[kind];
		*alp[kind] = (u8)al;
		break;
	}
	default:
		if (!*tp[kind])
			return ZS_ECORRUPT;	/* repeat with nothing to repeat */
		break;
	}
	*ipp = ip;
	return 0;
}

/* A compressed block: literals section, sequences section. */
static int zs_block(const struct zs_dec_ops *ops, struct zs_dws *ws, struct zs_seq_ctx *sc,
		    const u8 *ip, size_t bsize, const u8 *src_end, u8 *op, u8 *oend)
{
	const u8 *iend = ip + bsize, *sp;
	unsigned int ltype, sf, nseq, modes;
	size_t lhs, regen;
	u8 b0;
	int r;

	if (bsize < 2)
		return ZS_ECORRUPT;
	b0 = ip[0];
	ltype = b0 & 3;
	sf = (b0 >> 2) & 3;
	if (ltype < 2) {
		if (sf == 1) {
			lhs = 2;
			regen = (b0 >> 4) + ((size_t)ip[1] << 4);
		} else if (sf == 3) {
			lhs = 3;
			if (bsize < 3)
				return ZS_ECORRUPT;
			regen = (b0 >> 4) + ((size_t)ip[1] << 4) + ((size_t)ip[2] << 12);
		} else {
			lhs = 1;
			regen = b0 >> 3;
		}
		if (regen > ZS_BLOCK_MAX)
			return ZS_ECORRUPT;
		if (ltype == 0) {
			if (regen > bsize - lhs)
				return ZS_ECORRUPT;
			sp = ip + lhs + regen;
			if (src_end - sp >= ZS_WILD) {
				/* In place: the wild reads stay inside src. */
				sc->lit = ip + lhs;
				sc->lit_safe = src_end;
			} else {
				/* Too near the input's end for wild reads. */
				memcpy(ws->lit, ip + lhs, regen);
				sc->lit = ws->lit;
				sc->lit_safe = ws->lit + sizeof(ws->lit);
			}
		} else {
			if (lhs + 1 > bsize)
				return ZS_ECORRUPT;
			memset(ws->lit, ip[lhs], regen);
			sc->lit = ws->lit;
			sc->lit_safe = ws->lit + sizeof(ws->lit);
			sp = ip + lhs + 1;
		}
	} else {
		static const u8 hs[4] = { 3, 3, 4, 5 }, sbits[4] = { 10, 10, 14, 18 };
		size_t csize;
		u64 hv = 0;
		unsigned int i;

		lhs = hs[sf];
		if (lhs > bsize)
			return ZS_ECORRUPT;
		for (i = 0; i < lhs; i++)
			hv |= (u64)ip[i] << (8 * i);
		regen = (hv >> 4) & ((1u << sbits[sf]) - 1);
		csize = (hv >> (4 + sbits[sf])) & ((1u << sbits[sf]) - 1);
		if (regen > ZS_BLOCK_MAX || csize > bsize - lhs || csize == 0)
			return ZS_ECORRUPT;
		sp = ip + lhs;
		if (ltype == 2) {
			r = ws->cache ? zs_cache_huf(ws->cache, ws, sp, csize) :
					zs_huf_read_table(ws, sp, csize);
			if (r < 0)
				return r;
		} else {
			if (!ws->huf_t)
				return ZS_ECORRUPT;	/* treeless without a tree */
			r = 0;
		}
		if ((size_t)r >= csize)
			return ZS_ECORRUPT;
		if (ops->huf(ws->huf_t, ws->huf_bits, sp + r, csize - r, ws->lit, regen, sf != 0))
			return ZS_ECORRUPT;
		sc->lit = ws->lit;
		sc->lit_safe = ws->lit + sizeof(ws->lit);
		sp += csize;
	}
	sc->lit_end = sc->lit + regen;

	/* Sequences section header. */
	if (sp >= iend)
		return ZS_ECORRUPT;
	b0 = *sp++;
	if (b0 == 0) {
		if (sp != iend)
			return ZS_ECORRUPT;
		if (regen > (size_t)(oend - op))
			return ZS_ENOSPC;
		memcpy(op, sc->lit, regen);
		return (int)regen;
	}
	if (b0 < 128) {
		nseq = b0;
	} else if (b0 < 255) {
		if (sp >= iend)
			return ZS_ECORRUPT;
		nseq = ((b0 - 128u) << 8) + *sp++;
	} else {
		if (iend - sp < 2)
			return ZS_ECORRUPT;
		nseq = sp[0] + ((unsigned int)sp[1] << 8) + 0x7F00;
		sp += 2;
	}
	if (!nseq)	/* 0 in a long form: nothing of a block may follow it */
		return sp == iend ? ZS_ECORRUPT : ZS_ESTRICT(ZS_STRICT_NSEQ0_DATA);
	if (sp >= iend)
		return ZS_ECORRUPT;
	modes = *sp++;
	if (modes & 3)
		return ZS_ESTRICT(ZS_STRICT_MODES_RESERVED);
	r = zs_seq_table(ws, 0, modes >> 6, &sp, iend);
	if (!r)
		r = zs_seq_table(ws, 1, (modes >> 4) & 3, &sp, iend);
	if (!r)
		r = zs_seq_table(ws, 2, (modes >> 2) & 3, &sp, iend);
	if (r)
		return r;
	if (sp >= iend)
		return ZS_ECORRUPT;
	return (sc->dict_len ? ops->seq_dict : ops->seq)(sc, ws, sp, iend - sp, nseq, op, oend);
}

/*
 * A frame's start: repeat offsets and entropy tables afresh, or the
 * dictionary's (its tables used in place for "repeat" and "treeless").
 */
static void zs_frame_init(struct zs_dws *ws, struct zs_seq_ctx *sc, u8 *fstart,
			  const struct tz_zstd_dict *dict)
{
	sc->fstart = fstart;
	sc->rep[0] = 1;
	sc->rep[1] = 4;
	sc->rep[2] = 8;
	sc->dict_end = NULL;
	sc->dict_len = 0;
	ws->ll_t = ws->ml_t = ws->of_t = NULL;
	ws->huf_t = NULL;
	if (!dict)
		return;
	sc->dict_end = dict->content + dict->content_len;
	sc->dict_len = dict->content_len;
	if (!dict->entropy)
		return;
	memcpy(sc->rep, dict->rep, sizeof(sc->rep));
	ws->ll_t = dict->dll;
	ws->ml_t = dict->dml;
	ws->of_t = dict->dof;
	ws->ll_al = dict->ll_al;
	ws->ml_al = dict->ml_al;
	ws->of_al = dict->of_al;
	ws->huf_t = dict->dhuf;
	ws->huf_bits = dict->huf_bits;
}

/*
 * One ZSTD frame at *ipp (magic already checked). It stops after the block
 * that brings its output to need bytes (a page of a unit): its size and
 * checksum are then not checked.
 */
static int zs_frame(enum tz_variant v, const struct zs_dec_ops *ops, struct zs_dws *ws,
		    const u8 **ipp, const u8 *iend, u8 *op, u8 *oend, size_t need,
		    const struct tz_zstd_dict *dict)
{
	static const u8 did_len[4] = { 0, 1, 2, 4 };
	const u8 *ip = *ipp + 4;
	u8 *const fstart = op;
	unsigned int fhd, fcs_flag, single, did_flag, hlen, i;
	u64 window = 0, fcs = 0, did = 0, bmax;
	bool has_fcs, checksum;
	struct zs_seq_ctx sc;

	if (ip >= iend)
		return ZS_ECORRUPT;
	fhd = *ip++;
	fcs_flag = fhd >> 6;
	single = (fhd >> 5) & 1;
	checksum = (fhd >> 2) & 1;
	did_flag = fhd & 3;
	if (fhd & 8)
		return ZS_ECORRUPT;	/* reserved bit */
	has_fcs = fcs_flag || single;
	hlen = !single + did_len[did_flag] + (fcs_flag ? 1u << fcs_flag : single);
	if ((size_t)(iend - ip) < hlen)
		return ZS_ECORRUPT;
	if (!single) {
		unsigned int wlog = 10 + (*ip >> 3);

		if (wlog > 31)
			return ZS_ECORRUPT;	/* as libzstd: 2 GiB windows at most */
		window = (1ULL << wlog) + ((1ULL << wlog) >> 3) * (*ip & 7);
		ip++;
	}
	for (i = 0; i < did_len[did_flag]; i++)
		did |= (u64)*ip++ << (8 * i);
	/* As libzstd: a named dictionary must be the one given (raw: id 0). */
	if (did && did != (dict ? dict->id : 0))
		return ZS_ECORRUPT;
	if (has_fcs) {
		unsigned int n = fcs_flag ? 1u << fcs_flag : 1;

		for (i = 0; i < n; i++)
			fcs |= (u64)*ip++ << (8 * i);
		if (fcs_flag == 1)
			fcs += 256;
		if (single)
			window = fcs;
		if (fcs > (u64)(oend - op))
			return ZS_ENOSPC;
	}
	bmax = window < ZS_BLOCK_MAX ? window : ZS_BLOCK_MAX;

	zs_frame_init(ws, &sc, fstart, dict);
	for (;;) {
		u32 bh;
		size_t bsize;
		int r;

		if (iend - ip < 3)
			return ZS_ECORRUPT;
		bh = ip[0] | (ip[1] << 8) | ((u32)ip[2] << 16);
		ip += 3;
		bsize = bh >> 3;
		if (bsize > bmax)
			return ZS_ESTRICT(ZS_STRICT_BLOCK_MAX);
		switch ((bh >> 1) & 3) {
		case 0:
			if (bsize > (size_t)(iend - ip))
				return ZS_ECORRUPT;
			if (bsize > (size_t)(oend - op))
				return ZS_ENOSPC;
			memcpy(op, ip, bsize);
			ip += bsize;
			op += bsize;
			break;
		case 1:
			if (ip >= iend)
				return ZS_ECORRUPT;
			if (bsize > (size_t)(oend - op))
				return ZS_ENOSPC;
			memset(op, *ip++, bsize);
			op += bsize;
			break;
		case 2: {
			/* Its output too is at most Block_Maximum_Size. */
			u8 *bend = (u64)(oend - op) > bmax ? op + bmax : oend;

			if (bsize > (size_t)(iend - ip))
				return ZS_ECORRUPT;
			r = zs_block(ops, ws, &sc, ip, bsize, iend, op, bend);
			if (r == ZS_ENOSPC && bend != oend)
				return ZS_ESTRICT(ZS_STRICT_BLOCK_MAX);	/* beyond the block's maximum */
			if (r < 0)
				return r;
			ip += bsize;
			op += r;
			break;
		}
		default:
			return ZS_ECORRUPT;
		}
		if (bh & 1)
			break;
		if ((size_t)(op - fstart) >= need) {
			*ipp = iend;
			return (int)(op - fstart);
		}
		/*
		 * A SIMD section per block: a unit's 64 KiB decode keeps
		 * preemption off for one 32 KiB block at a time.
		 */
		tz_simd_yield(v);
	}
	if (has_fcs && (u64)(op - fstart) != fcs)
		return ZS_ECORRUPT;
	if (checksum) {
		if (iend - ip < 4)
			return ZS_ECORRUPT;
		if (get_unaligned_le32(ip) != (u32)tz_xxh64(fstart, op - fstart, 0))
			return ZS_ECORRUPT;
		ip += 4;
	}
	*ipp = ip;
	return (int)(op - fstart);
}

/* Every frame of src into dst; ws: work memory, cache: a context's or NULL. */
static int zs_decompress(enum tz_variant v, const void *src, unsigned int src_len, void *dst,
			 unsigned int dst_cap, size_t need, struct zs_dws *ws,
			 struct zs_cache *cache, const struct tz_zstd_dict *dict)
{
	const struct zs_dec_ops *ops = zs_dec_ops_of(v);
	const u8 *ip = src, *iend = ip + src_len;
	u8 *op = dst, *oend;

	if (!ops || !tz_variant_supported(v))
		return -EOPNOTSUPP;
	if (!src || !ws || (!dst && dst_cap))
		return -EINVAL;
	ws->cache = cache;
	if (dst_cap > 0x7fffffffu)
		dst_cap = 0x7fffffffu;	/* results are returned as int */
	oend = op + dst_cap;
	if (src_len == 0)
		return ZS_ECORRUPT;
	while (ip < iend && (size_t)(op - (u8 *)dst) < need) {
		u32 magic;
		int r;

		if (iend - ip < 4)
			return ZS_ECORRUPT;
		magic = get_unaligned_le32(ip);
		if ((magic & ~0xFu) == ZS_SKIP_MAGIC) {
			u32 sz;

			if (iend - ip < 8)
				return ZS_ECORRUPT;
			sz = get_unaligned_le32(ip + 4);
			if (sz > (size_t)(iend - ip) - 8)
				return ZS_ECORRUPT;
			ip += 8 + (size_t)sz;
			continue;
		}
		if (magic != ZS_MAGIC)
			return ZS_ECORRUPT;
		r = zs_frame(v, ops, ws, &ip, iend, op, oend, need - (size_t)(op - (u8 *)dst),
			     dict);
		if (r < 0)
			return r;
		op += r;
	}
	return (int)(op - (u8 *)dst);
}

int tz_zstd_decompress_dict_v(enum tz_variant v, const void *src, unsigned int src_len,
			      void *dst, unsigned int dst_cap, void *wrkmem,
			      const struct tz_zstd_dict *dict)
{
	return zs_decompress(v, src, src_len, dst, dst_cap, SIZE_MAX, wrkmem, NULL, dict);
}

int tz_zstd_decompress_dctx_v(enum tz_variant v, const void *src, unsigned int src_len,
			      void *dst, unsigned int dst_cap, void *dctx,
			      const struct tz_zstd_dict *dict)
{
	struct zs_dctx *x = dctx;

	if (!x || x->cache.magic != ZS_CACHE_MAGIC)
		return -EINVAL;		/* not a context from tz_zstd_dctx_init() */
	return zs_decompress(v, src, src_len, dst, dst_cap, SIZE_MAX, &x->ws, &x->cache, dict);
}

int tz_zstd_decompress_dctx(const void *src, unsigned int src_len, void *dst,
			    unsigned int dst_cap, void *dctx, const struct tz_zstd_dict *dict)
{
	enum tz_variant v = tz_simd_begin();
	int r = tz_zstd_decompress_dctx_v(v, src, src_len, dst, dst_cap, dctx, dict);

	tz_simd_end(v);
	return r;
}

int tz_zstd_decompress_part_v(enum tz_variant v, const void *src, unsigned int src_len,
			      void *dst, unsigned int dst_cap, unsigned int need, void *wrkmem)
{
	return zs_decompress(v, src, src_len, dst, dst_cap, need, wrkmem, NULL, NULL);
}

int tz_zstd_decompress_v(enum tz_variant v, const void *src, unsigned int src_len,
			 void *dst, unsigned int dst_cap, void *wrkmem)
{
	return tz_zstd_decompress_dict_v(v, src, src_len, dst, dst_cap, wrkmem, NULL);
}

int tz_zstd_decompress_dict(const void *src, unsigned int src_len, void *dst,
			    unsigned int dst_cap, void *wrkmem, const struct tz_zstd_dict *dict)
{
	enum tz_variant v = tz_simd_begin();
	int r = tz_zstd_decompress_dict_v(v, src, src_len, dst, dst_cap, wrkmem, dict);

	tz_simd_end(v);
	return r;
}

int tz_zstd_decompress(const void *src, unsigned int src_len, void *dst,
		       unsigned int dst_cap, void *wrkmem)
{
	return tz_zstd_decompress_dict(src, src_len, dst, dst_cap, wrkmem, NULL);
}
