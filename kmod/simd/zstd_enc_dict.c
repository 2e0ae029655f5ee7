// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_enc_dict.c - the encoder's side of a prepared dictionary
 * (struct tz_zstd_dict, zstd_dict.h): a hash table of its content, built
 * once (struct ze_cdict, zstd_enc.h), and tz_zstd_compress_dict(), whose
 * frames name the dictionary's id, start from its repeat offsets and
 * match into its content. The dictionary's entropy tables are not used
 * by the encoder: on 4 KiB pages they save nothing at these levels (a
 * page's own tables fit it better; docs/BENCHMARKS.md 5.2).
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

/* content_len <= the dictionary's length: sized by that bound. */
size_t ze_cdict_size(size_t content_len)
{
	return sizeof(struct ze_cdict) +
	       ((size_t)ZE_DICT_WAYS * sizeof(u32) << ze_cdict_hlog(content_len));
}

int ze_cdict_build(struct tz_zstd_dict *d)
{
	struct ze_cdict *cd = d->enc;
	u32 len = d->content_len > ZE_DICT_SPAN ? ZE_DICT_SPAN : (u32)d->content_len;
	u32 pos, i;

	if (!cd)
		return -EINVAL;
	/* Only the last len bytes: offsets into them stay below 2^24. */
	cd->content = d->content + (d->content_len - len);
	cd->len = len;
	cd->hlog = 0;
	if (len < 8)
		return 0;
	cd->hlog = ze_cdict_hlog(len);
	/* Empty ways name position 0: a real candidate, compared like any. */
	for (i = 0; i < (1u << cd->hlog); i++)
		memset(cd->t[i], 0, sizeof(cd->t[i]));
	for (pos = 0; pos + 8 <= len; pos++) {
		u32 *e = cd->t[ze_hash6(tz_read64(cd->content + pos), cd->hlog)];

		memmove(e + 1, e, (ZE_DICT_WAYS - 1) * sizeof(*e));
		e[0] = pos;
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
