// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_enc_dict.c - the encoder's side of a prepared dictionary
 * (struct tz_zstd_dict, zstd_dict.h): built once (struct ze_cdict,
 * zstd_enc.h), a table of its window (the content's last ZE_DICT_WIN
 * bytes, which pages are compressed after) and a hash table of all its
 * content (for larger inputs); and tz_zstd_compress_dict(), whose frames
 * name the dictionary's id, start from its repeat offsets and match into
 * its content. A zstd-format dictionary's entropy tables are built as
 * encoding tables too, offered to a frame's first block, which takes them
 * where they cost about what its own cost (they spare the decoder its
 * table builds; docs/BENCHMARKS.md 5.2).
 */
#include "tz_zstd.h"
#include "zstd_enc.h"
#include "zstd_dict.h"

/*
 * Buckets for len content bytes: one per 2-4 positions (half as many
 * cost 0.1 % of ratio on the corpus with a 110 KiB dictionary).
 */
static unsigned int ze_cdict_hlog(size_t len)
{
	unsigned int h;

	if (len > ZE_DICT_SPAN)
		len = ZE_DICT_SPAN;
	h = len >= 8 ? zs_hb32((u32)len) - 2 : 0;
	if (h < ZE_DICT_HLOG_MIN)
		h = ZE_DICT_HLOG_MIN;
	return h > ZE_DICT_HLOG_MAX ? ZE_DICT_HLOG_MAX : h;
}

/* Stamps of built dictionaries: a window copy names the one it holds. */
static struct tz_counter ze_cdict_builds = TZ_COUNTER_INIT;

/*
 * The next stamp, never 0 (no window): the count scrambled by a bijection
 * (odd multiplier, xor-shift), so that work memory the caller left
 * uninitialised is as unlikely to hold a live stamp as any 64-bit value is.
 */
static u64 ze_cdict_stamp(void)
{
	u64 s;

	do {
		s = tz_counter_next(&ze_cdict_builds) * 0x9E3779B97F4A7C15ull;
		s ^= s >> 29;
	} while (!s);
	return s;
}

/*
 * The window of the content's last bytes (ZE_DICT_WIN at most) and its
 * table; none (win_len 0) for content too short to be worth it, or when
 * a repeat offset a frame starts with reaches before the window: the
 * window's parse reads rep[0] back without a bound.
 */
static void ze_cdict_window(struct ze_cdict *cd, const struct tz_zstd_dict *d)
{
	u32 win = cd->len < ZE_DICT_WIN ? cd->len : ZE_DICT_WIN, pos;
	const u8 *w = cd->content + cd->len - win;

	cd->win_len = 0;
	if (win < ZE_DICT_WIN_MIN || d->rep[0] > win || d->rep[1] > win || d->rep[2] > win)
		return;
	/* Empty slots name position 0: a real candidate, compared like any. */
	memset(cd->wt, 0, sizeof(cd->wt));
	for (pos = 0; pos + 8 <= win; pos++)
		cd->wt[ze_dict_wt_hash(tz_read64(w + pos))] = (u16)pos;
	cd->win_len = win;
	cd->stamp = ze_cdict_stamp();
}

/* content_len <= the dictionary's length: sized by that bound. */
size_t ze_cdict_size(size_t content_len)
{
	return sizeof(struct ze_cdict) +
	       (sizeof(struct ze_dict_bucket) << ze_cdict_hlog(content_len));
}

/*
 * FSE encoding table of a dictionary's normalized counts (which, unlike
 * ours, may hold -1: "less than 1", one state at the table's top), spread
 * as RFC 8878 4.1.1 lays the decoder's table out; and each symbol's cost.
 */
static void ze_dict_fse(struct ze_fse *t, u16 *cost, unsigned int nsym, const s16 *norm,
			unsigned int maxs, unsigned int al, u8 *spread)
{
	unsigned int size = 1u << al, mask = size - 1, high = size - 1;
	unsigned int step = (size >> 1) + (size >> 3) + 3, pos = 0, s, u, total = 0;
	u16 cum[ZS_ML_MAX + 2];

	t->al = (u8)al;
	for (s = 0; s < nsym; s++)
		cost[s] = ZE_NO_COST;
	for (s = 0; s <= maxs; s++) {
		cum[s] = (u16)total;
		if (norm[s] == -1) {
			spread[high--] = (u8)s;
			total++;
		} else {
			total += (unsigned int)norm[s];
		}
	}
	for (s = 0; s <= maxs; s++) {
		int i;

		for (i = 0; i < norm[s]; i++) {
			spread[pos] = (u8)s;
			do
				pos = (pos + step) & mask;
			while (pos > high);
		}
	}
	for (u = 0; u < size; u++)
		t->state[cum[spread[u]]++] = (u16)(size + u);
	total = 0;
	for (s = 0; s <= maxs; s++) {
		/* norm 0: never coded, but its transform must still be computable. */
		unsigned int n = norm[s] == -1 ? 1 : (unsigned int)norm[s], m = n + !n;
		u32 maxout = al - zs_hb32((m - 1) | 1), minplus = m << maxout;

		t->sym[s].dnb = (maxout << 16) - minplus;
		t->sym[s].dfind = (s32)total - (s32)n;
		if (norm[s]) {
			t->first[s] = t->state[total];
			cost[s] = (u16)((al << 8) - ze_lg(n));
		}
		total += norm[s] ? n : 0;
	}
}

/* Huffman codes of the dictionary's weights, laid out as the decoder's table. */
static void ze_dict_huf(struct ze_cdict_ent *e, const struct tz_zstd_dict *d)
{
	u32 start[ZS_HUF_BITS + 2] = { 0 }, pos = 0;
	unsigned int s, w, maxb = d->huf_bits;

	for (s = 0; s < 256; s++)
		if (d->huf_w[s])
			start[d->huf_w[s]] += 1u << (d->huf_w[s] - 1);
	for (w = 1; w <= maxb; w++) {
		u32 n = start[w];

		start[w] = pos;
		pos += n;
	}
	for (s = 0; s < 256; s++) {
		w = d->huf_w[s];
		e->hlen[s] = (u8)(w ? maxb + 1 - w : 0);
		e->hcode[s] = 0;
		if (w) {
			e->hcode[s] = (u16)(start[w] >> (w - 1));
			start[w] += 1u << (w - 1);
		}
	}
}

int ze_cdict_build(struct tz_zstd_dict *d)
{
	struct ze_cdict *cd = d->enc;
	u32 len = d->content_len > ZE_DICT_SPAN ? ZE_DICT_SPAN : (u32)d->content_len;
	u32 pos;

	if (!cd)
		return -EINVAL;
	/* Only the last len bytes: offsets into them stay below 2^24. */
	cd->content = d->content + (d->content_len - len);
	cd->len = len;
	cd->hlog = 0;
	cd->win_len = 0;
	cd->ent = NULL;
	if (d->entropy) {
		struct ze_cdict_ent *e = &cd->ent_mem;
		/* The spread scratch: the decoder's preparing space, free now. */
		u8 *spread = (u8 *)d->prep_hwt;

		_Static_assert(sizeof(d->prep_hwt) >= (1 << ZS_LL_AL), "spread scratch");
		ze_dict_huf(e, d);
		ze_dict_fse(&e->ll, e->llcost, ZS_LL_MAX + 1, d->ll_norm, d->ll_max, d->ll_al, spread);
		ze_dict_fse(&e->ml, e->mlcost, ZS_ML_MAX + 1, d->ml_norm, d->ml_max, d->ml_al, spread);
		ze_dict_fse(&e->of, e->ofcost, ZS_OF_MAX + 1, d->of_norm, d->of_max, d->of_al, spread);
		cd->ent = e;
	}
	if (len < 8)
		return 0;
	ze_cdict_window(cd, d);
	cd->hlog = ze_cdict_hlog(len);
	/* Empty ways name position 0: a real candidate, compared like any. */
	memset(cd->t, 0, sizeof(cd->t[0]) << cd->hlog);
	for (pos = 0; pos + 8 <= len; pos++) {
		u64 h = ze_dict_hash(tz_read64(cd->content + pos), cd->hlog);
		struct ze_dict_bucket *e = &cd->t[h >> 8];

		memmove(e->pos + 1, e->pos, (ZE_DICT_WAYS - 1) * sizeof(e->pos[0]));
		e->pos[0] = pos;
		e->tag = e->tag << 8 | (h & 0xff);
	}
	return 0;
}

int tz_zstd_compress_dict_v(enum tz_variant v, const void *src, unsigned int src_len,
			    void *dst, unsigned int dst_cap, int level, void *wrkmem,
			    const struct tz_zstd_dict *dict)
{
	return ze_compress_frame(v, src, src_len, dst, dst_cap, level, wrkmem, dict);
}

int tz_zstd_compress_dict(const void *src, unsigned int src_len, void *dst,
			  unsigned int dst_cap, int level, void *wrkmem,
			  const struct tz_zstd_dict *dict)
{
	enum tz_variant v = tz_simd_begin();
	int r = tz_zstd_compress_dict_v(v, src, src_len, dst, dst_cap, level, wrkmem, dict);

	tz_simd_end(v);
	return r;
}
