// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_dict.c - preparing a ZSTD dictionary (RFC 8878 section 5): the zstd
 * format (magic, Dictionary_ID, entropy tables, repeat offsets, content)
 * or, for anything without the magic, raw content (as libzstd treats it).
 * No allocation: the caller gives tz_zstd_dict_size() bytes.
 */
#include "tz_zstd.h"
#include "zstd_dict.h"

/* The encoder's part starts on a cache line after the struct. */
#define ZS_DICT_HEAD	((sizeof(struct tz_zstd_dict) + 63) & ~(size_t)63)

size_t tz_zstd_dict_size(size_t dict_len)
{
	return ZS_DICT_HEAD + ze_cdict_size(dict_len);
}

u32 tz_zstd_dict_id(const struct tz_zstd_dict *d)
{
	return d->id;
}

/* One FSE table description: normalized counts kept, decoding table built. */
static int dict_fse(const u8 **pp, const u8 *end, s16 *norm, u8 *max_sym, u8 *al,
		    unsigned int sym_max, unsigned int al_max, struct zs_fse_e *t,
		    const u32 *base, const u8 *bits)
{
	unsigned int msym = sym_max, a;
	int r = zs_fse_read_ncount(norm, &msym, &a, al_max, *pp, end - *pp);

	if (r < 0)
		return r;
	if (zs_fse_build(t, norm, msym, a, base, bits))
		return ZS_ECORRUPT;
	*pp += r;
	*max_sym = (u8)msym;
	*al = (u8)a;
	return 0;
}

/* The zstd format after magic and id: Huffman, OF, ML, LL, 3 offsets. */
static int dict_entropy(struct tz_zstd_dict *d, const u8 *p, const u8 *end)
{
	u32 rank[ZS_HW_MAX_SYM + 1];
	unsigned int n, maxb, i;
	int r;

	r = zs_huf_read_weights(d->huf_w, rank, &n, &maxb, d->prep_hwt, p, end - p);
	if (r < 0)
		return r;
	p += r;
	zs_huf_fill(d->dhuf, d->huf_w, n, rank, maxb, d->prep_sorted);
	d->huf_nsym = (u16)n;
	d->huf_bits = (u8)maxb;
	r = dict_fse(&p, end, d->of_norm, &d->of_max, &d->of_al, ZS_OF_MAX, ZS_OF_AL, d->dof,
		     zs_of_base, zs_of_bits);
	if (!r)
		r = dict_fse(&p, end, d->ml_norm, &d->ml_max, &d->ml_al, ZS_ML_MAX, ZS_ML_AL,
			     d->dml, zs_ml_base, zs_ml_bits);
	if (!r)
		r = dict_fse(&p, end, d->ll_norm, &d->ll_max, &d->ll_al, ZS_LL_MAX, ZS_LL_AL,
			     d->dll, zs_ll_base, zs_ll_bits);
	if (r)
		return r;
	if (end - p < 12)
		return ZS_ECORRUPT;
	d->content = p + 12;
	d->content_len = end - d->content;
	for (i = 0; i < 3; i++) {
		d->rep[i] = get_unaligned_le32(p + 4 * i);
		/* As libzstd: each must point into the content. */
		if (d->rep[i] == 0 || d->rep[i] > d->content_len)
			return ZS_ECORRUPT;
	}
	d->entropy = true;
	return 0;
}

int tz_zstd_dict_prepare(struct tz_zstd_dict *d, size_t mem_size, const void *dict,
			 size_t dict_len)
{
	const u8 *p = dict;
	int r;

	if (!d || !dict || dict_len == 0 || dict_len > TZ_ZSTD_DICT_MAX)
		return -EINVAL;
	if (mem_size < tz_zstd_dict_size(dict_len))
		return -ENOSPC;
	memset(d, 0, sizeof(*d));
	d->rep[0] = 1;
	d->rep[1] = 4;
	d->rep[2] = 8;
	if (dict_len < 8 || get_unaligned_le32(p) != ZS_DICT_MAGIC) {
		d->content = p;		/* raw content, id 0 */
		d->content_len = dict_len;
	} else {
		d->id = get_unaligned_le32(p + 4);
		r = dict_entropy(d, p + 8, p + dict_len);
		if (r)
			return -EINVAL;
	}
	d->enc = ze_cdict_size(dict_len) ? (u8 *)d + ZS_DICT_HEAD : NULL;
	return ze_cdict_build(d);
}
