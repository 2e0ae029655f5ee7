// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_dec_cache.c - the decoder context's table cache (zstd_dec_cache.h):
 * lookup by the description's bytes, else read and build into the next
 * way of its kind (round robin). A way's key is cleared before it is
 * rebuilt, so a build that fails on corrupt input leaves no entry.
 */
#include "tz_zstd.h"
#include "zstd_dec_cache.h"

_Static_assert(sizeof(struct zs_dctx) <= TZ_ZSTD_DCTX_SIZE, "DCTX too small");

/* The way of kind whose description src starts with, or -1. */
static int cache_find(const struct zs_cache *c, int kind, const u8 *src, size_t len)
{
	int w;

	for (w = 0; w < ZS_CACHE_WAYS; w++) {
		const struct zs_cache_key *k = &c->key[kind][w];

		if (k->len && k->len <= len && k->desc[0] == src[0] &&
		    !memcmp(k->desc, src, k->len))
			return w;
	}
	return -1;
}

/* Keep the description of the table just built in way w (if short enough). */
static void cache_keep(struct zs_cache *c, int kind, int w, const u8 *src, int used, u8 al,
		       int max)
{
	struct zs_cache_key *k = &c->key[kind][w];

	if (used <= max) {
		memcpy(k->desc, src, used);
		k->al = al;
		k->len = (u8)used;
	}
	c->victim[kind] = (u8)((w + 1) % ZS_CACHE_WAYS);
	c->misses++;
}

int zs_cache_fse(struct zs_cache *c, int kind, const u8 *src, size_t len,
		 unsigned int sym_max, unsigned int al_max, const u32 *base, const u8 *bits,
		 const struct zs_fse_e **t, u8 *al)
{
	struct zs_fse_e *ways[3] = { c->ll[0], c->of[0], c->ml[0] };
	static const u16 stride[3] = { 1 << ZS_LL_AL, 1 << ZS_OF_AL, 1 << ZS_ML_AL };
	s16 norm[ZS_ML_MAX + 1];
	unsigned int msym = sym_max, a;
	int w = cache_find(c, kind, src, len), r;
	struct zs_fse_e *tab;

	if (w >= 0) {
		c->hits++;
		*t = ways[kind] + w * stride[kind];
		*al = c->key[kind][w].al;
		return c->key[kind][w].len;
	}
	w = c->victim[kind];
	c->key[kind][w].len = 0;
	r = zs_fse_read_ncount(norm, &msym, &a, al_max, src, len);
	if (r < 0)
		return r;
	tab = ways[kind] + w * stride[kind];
	if (zs_fse_build(tab, norm, msym, a, base, bits))
		return ZS_ECORRUPT;
	cache_keep(c, kind, w, src, r, (u8)a, ZS_CACHE_FSE_DESC);
	*t = tab;
	*al = (u8)a;
	return r;
}

int zs_cache_huf(struct zs_cache *c, struct zs_dws *ws, const u8 *src, size_t len)
{
	u8 w8[256];
	u32 rank[ZS_HW_MAX_SYM + 1];
	unsigned int n, maxb;
	int w = cache_find(c, 3, src, len), r;

	if (w >= 0) {
		c->hits++;
		ws->huf_t = c->huf[w];
		ws->huf_bits = c->key[3][w].al;
		return c->key[3][w].len;
	}
	w = c->victim[3];
	c->key[3][w].len = 0;
	r = zs_huf_read_weights(w8, rank, &n, &maxb, ws->hw, src, len);
	if (r < 0)
		return r;
	zs_huf_fill(c->huf[w], w8, n, rank, maxb, ws->lit);
	cache_keep(c, 3, w, src, r, (u8)maxb, ZS_CACHE_HUF_DESC);
	ws->huf_t = c->huf[w];
	ws->huf_bits = (u8)maxb;
	return r;
}

void tz_zstd_dctx_init(void *dctx)
{
	struct zs_cache *c = &((struct zs_dctx *)dctx)->cache;

	memset(c->key, 0, sizeof(c->key));
	memset(c->victim, 0, sizeof(c->victim));
	c->hits = c->misses = 0;
	c->magic = ZS_CACHE_MAGIC;
}
