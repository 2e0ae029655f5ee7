// SPDX-License-Identifier: GPL-2.0
/*
 * tz_codec.c - the registry entries of tzram's own codecs (tz_codec.h):
 * LZ4, ZSTD, and "auto", which picks raw, LZ4 or ZSTD per page.
 * Freestanding: the same entries serve the module and userspace.
 */
#include "tz_auto_choice.h"
#include "tz_codec.h"
#include "tz_lz4.h"
#include "tz_zstd.h"
#include "tzram_genl.h"

/* The largest input a dictionary call gets: one page of the device. */
#ifdef __KERNEL__
#include <asm/page.h>
#define TZ_CODEC_DICT_INPUT PAGE_SIZE
#else
#define TZ_CODEC_DICT_INPUT 4096u
#endif

size_t tz_codec_dict_size(const struct tz_codec *c, size_t len)
{
	size_t prep = c->dict_prep_size ? c->dict_prep_size(len) : 0;

	return prep ? sizeof(struct tz_codec_dict) + prep : 0;
}

int tz_codec_dict_prepare(const struct tz_codec *c, struct tz_codec_dict *d,
			  size_t size, const void *data, size_t len)
{
	size_t need;

	if (!c->dict_prepare)
		return -EOPNOTSUPP;
	need = tz_codec_dict_size(c, len);
	if (!need || size < need)
		return -EINVAL;
	d->data = data;
	d->len = len;
	return c->dict_prepare(d, need - sizeof(*d));
}

/*
 * zram passes LZ4 a level as its acceleration (1 = default, higher =
 * faster, worse ratio), as its lz4 backend gives LZ4_compress_fast().
 */
static int tz_codec_lz4_c(enum tz_variant v, const void *src, unsigned int len,
			  void *dst, unsigned int cap, void *work, int level)
{
	if (level <= 1)
		return tz_lz4_compress_v(v, src, len, dst, cap, work);
	return tz_lz4_compress_fast_v(v, src, len, dst, cap, work, level);
}

static int tz_codec_lz4_d(enum tz_variant v, const void *src, unsigned int len,
			  void *dst, unsigned int cap, void *work)
{
	(void)work;
	return tz_lz4_decompress_v(v, src, len, dst, cap);
}

/*
 * Batches go to the LZ4 batch calls in groups of TZ_CODEC_LZ4_GROUP jobs
 * (struct tz_lz4_job is LZ4's own type: copied in and out, a few words
 * per page). Levels above 1 (acceleration) have no batch form: those
 * jobs take the one-block call.
 */
#define TZ_CODEC_LZ4_GROUP 8

static int tz_codec_lz4_batch(enum tz_variant v, struct tz_codec_batch *b,
			      void *work, int level, bool comp)
{
	struct tz_lz4_job lj[TZ_CODEC_LZ4_GROUP];
	unsigned int at, k, m;
	int failed = 0;

	for (at = 0; at < b->n; at += m) {
		struct tz_codec_job *j = b->jobs + at;

		m = b->n - at < TZ_CODEC_LZ4_GROUP ? b->n - at : TZ_CODEC_LZ4_GROUP;
		if (comp && level > 1) {
			for (k = 0; k < m; k++) {
				j[k].ret = tz_lz4_compress_fast_v(v, j[k].src, j[k].src_len,
								  j[k].dst, j[k].dst_cap,
								  work, level);
				failed += j[k].ret < 0;
			}
			continue;
		}
		for (k = 0; k < m; k++)
			lj[k] = (struct tz_lz4_job){
				.src = j[k].src, .dst = j[k].dst,
				.src_len = j[k].src_len, .dst_cap = j[k].dst_cap,
			};
		failed += comp ? tz_lz4_compress_batch_v(v, lj, m, work) :
				 tz_lz4_decompress_batch_v(v, lj, m);
		for (k = 0; k < m; k++)
			j[k].ret = lj[k].ret;
	}
	return failed;
}

static int tz_codec_lz4_cb(enum tz_variant v, struct tz_codec_batch *b,
			   void *work, int level)
{
	return tz_codec_lz4_batch(v, b, work, level, true);
}

static int tz_codec_lz4_db(enum tz_variant v, struct tz_codec_batch *b,
			   void *work)
{
	(void)work;
	return tz_codec_lz4_batch(v, b, NULL, 0, false);
}

static int tz_codec_lz4_dp(enum tz_variant v, const void *src, unsigned int len,
			   void *dst, unsigned int cap, unsigned int need, void *work)
{
	(void)work;
	return tz_lz4_decompress_part_v(v, src, len, dst, cap, need);
}

/* The zstd codec may lack a SIMD form of a variant: then run its scalar one. */
static int tz_codec_zstd_c(enum tz_variant v, const void *src, unsigned int len,
			   void *dst, unsigned int cap, void *work, int level)
{
	int ret = tz_zstd_compress_v(v, src, len, dst, cap, level, work);

	if (ret == -EOPNOTSUPP)
		ret = tz_zstd_compress_v(TZ_VARIANT_SCALAR, src, len, dst, cap,
					 level, work);
	return ret;
}

static int tz_codec_zstd_d(enum tz_variant v, const void *src, unsigned int len,
			   void *dst, unsigned int cap, void *work)
{
	int ret = tz_zstd_decompress_v(v, src, len, dst, cap, work);

	if (ret == -EOPNOTSUPP)
		ret = tz_zstd_decompress_v(TZ_VARIANT_SCALAR, src, len, dst,
					   cap, work);
	return ret;
}

static int tz_codec_zstd_dp(enum tz_variant v, const void *src, unsigned int len,
			    void *dst, unsigned int cap, unsigned int need, void *work)
{
	int ret = tz_zstd_decompress_part_v(v, src, len, dst, cap, need, work);

	if (ret == -EOPNOTSUPP)
		ret = tz_zstd_decompress_part_v(TZ_VARIANT_SCALAR, src, len, dst,
						cap, need, work);
	return ret;
}

/*
 * LZ4 dictionaries are raw content, 8 bytes to 64 KiB: what zram's lz4
 * backend takes (LZ4_loadDict() must take the whole of it). The encoder
 * reaches into its last 64 KiB less one page; the decoder gets it whole.
 */
#define TZ_CODEC_LZ4_DICT_MIN 8u

static size_t tz_codec_lz4_dict_size(size_t len)
{
	if (len < TZ_CODEC_LZ4_DICT_MIN || len > TZ_LZ4_DICT_MAX)
		return 0;
	return sizeof(struct tz_lz4_dict);
}

static int tz_codec_lz4_dict_prepare(struct tz_codec_dict *d, size_t size)
{
	(void)size;
	return tz_lz4_dict_prepare((struct tz_lz4_dict *)d->prep, d->data,
				   d->len, TZ_CODEC_DICT_INPUT);
}

/* A stream's decoder front: the dictionary with a page's room after it. */
static size_t tz_codec_lz4_dict_dwork_size(const struct tz_codec_dict *d)
{
	return tz_lz4_front_size(d->len, TZ_CODEC_DICT_INPUT);
}

static void tz_codec_lz4_dict_dwork_init(const struct tz_codec_dict *d, void *work)
{
	tz_lz4_front_init(work, d->data, d->len, TZ_CODEC_DICT_INPUT);
}

static int tz_codec_lz4_dict_c(enum tz_variant v, const struct tz_codec_dict *d,
			       const void *src, unsigned int len, void *dst,
			       unsigned int cap, void *work, int level)
{
	(void)level;
	return tz_lz4_compress_dict_v(v, (const struct tz_lz4_dict *)d->prep,
				      src, len, dst, cap, work);
}

static int tz_codec_lz4_dict_d(enum tz_variant v, const struct tz_codec_dict *d,
			       const void *src, unsigned int len, void *dst,
			       unsigned int cap, void *work)
{
	if (work)	/* a stream's front */
		return tz_lz4_decompress_front_v(v, work, src, len, dst, cap);
	return tz_lz4_decompress_dict_v(v, d->data, d->len, src, len, dst, cap);
}

const struct tz_codec tz_codec_lz4 = {
	.name = "lz4",
	.genl_alg = TZ_ALG_LZ4,
	.units = true,
	.simd = TZ_CODEC_SIMD_C | TZ_CODEC_SIMD_D | TZ_CODEC_SIMD_UNIT_D,
	.level_min = TZ_CODEC_LEVEL_ANY_MIN,
	.level_max = TZ_CODEC_LEVEL_ANY_MAX,
	.level_default = 1,
	.cwork_size = TZ_LZ4_WORKMEM_SIZE,
	.compress = tz_codec_lz4_c,
	.decompress = tz_codec_lz4_d,
	.compress_batch = tz_codec_lz4_cb,
	.decompress_batch = tz_codec_lz4_db,
	.decompress_part = tz_codec_lz4_dp,
	.dict_prep_size = tz_codec_lz4_dict_size,
	.dict_prepare = tz_codec_lz4_dict_prepare,
	.dict_dwork_size = tz_codec_lz4_dict_dwork_size,
	.dict_dwork_init = tz_codec_lz4_dict_dwork_init,
	.compress_dict = tz_codec_lz4_dict_c,
	.decompress_dict = tz_codec_lz4_dict_d,
};

/*
 * ZSTD dictionaries: zstd's format (from `zstd --train`) or raw content,
 * as libzstd and zram's zstd backend take them, up to TZ_ZSTD_DICT_MAX.
 */
static size_t tz_codec_zstd_dict_size(size_t len)
{
	if (!len || len > TZ_ZSTD_DICT_MAX)
		return 0;
	return tz_zstd_dict_size(len);
}

static int tz_codec_zstd_dict_prepare(struct tz_codec_dict *d, size_t size)
{
	return tz_zstd_dict_prepare((struct tz_zstd_dict *)d->prep, size,
				    d->data, d->len);
}

static int tz_codec_zstd_dict_c(enum tz_variant v, const struct tz_codec_dict *d,
				const void *src, unsigned int len, void *dst,
				unsigned int cap, void *work, int level)
{
	const struct tz_zstd_dict *zd = (const struct tz_zstd_dict *)d->prep;
	int ret = tz_zstd_compress_dict_v(v, src, len, dst, cap, level, work,
					  zd);

	/*
	 * A variant without a SIMD form runs the scalar one; -EOPNOTSUPP
	 * from the scalar one is the encoder lacking dictionaries altogether
	 * and reaches the caller.
	 */
	if (ret == -EOPNOTSUPP && v != TZ_VARIANT_SCALAR)
		ret = tz_zstd_compress_dict_v(TZ_VARIANT_SCALAR, src, len, dst,
					      cap, level, work, zd);
	return ret;
}

static int tz_codec_zstd_dict_d(enum tz_variant v, const struct tz_codec_dict *d,
				const void *src, unsigned int len, void *dst,
				unsigned int cap, void *work)
{
	const struct tz_zstd_dict *zd = (const struct tz_zstd_dict *)d->prep;
	int ret = tz_zstd_decompress_dict_v(v, src, len, dst, cap, work, zd);

	if (ret == -EOPNOTSUPP)
		ret = tz_zstd_decompress_dict_v(TZ_VARIANT_SCALAR, src, len,
						dst, cap, work, zd);
	return ret;
}

const struct tz_codec tz_codec_zstd = {
	.name = "zstd",
	.genl_alg = TZ_ALG_ZSTD,
	.units = true,
	.simd = TZ_CODEC_SIMD_C | TZ_CODEC_SIMD_D | TZ_CODEC_SIMD_UNIT_C |
		TZ_CODEC_SIMD_UNIT_D,
	.level_min = TZ_ZSTD_LEVEL_MIN,
	.level_max = TZ_ZSTD_LEVEL_MAX,
	.level_default = TZ_ZSTD_LEVEL_DEFAULT,
	.cwork_size = TZ_ZSTD_CWORKMEM_SIZE,
	.dwork_size = TZ_ZSTD_DWORKMEM_SIZE,
	.compress = tz_codec_zstd_c,
	.decompress = tz_codec_zstd_d,
	.decompress_part = tz_codec_zstd_dp,
	.dict_prep_size = tz_codec_zstd_dict_size,
	.dict_prepare = tz_codec_zstd_dict_prepare,
	.compress_dict = tz_codec_zstd_dict_c,
	.decompress_dict = tz_codec_zstd_dict_d,
};

/*
 * auto: per page, a sampled byte-entropy estimate (tz_entropy.c) decides
 * between storing it raw (near-random: no compression attempt; -ENOSPC,
 * and the device keeps the page whole), LZ4 (fast, where ZSTD would gain
 * little) and ZSTD at the device's level (where entropy coding pays). An
 * object is one tag byte and that codec's output.
 */
#define TZ_AUTO_TAG_LZ4 0x4c	/* 'L' */
#define TZ_AUTO_TAG_ZSTD 0x5a	/* 'Z' */

static int tz_codec_auto_c(enum tz_variant v, const void *src, unsigned int len,
			   void *dst, unsigned int cap, void *work, int level)
{
	struct tz_auto_work *w = work;
	enum tz_auto_choice c;
	u8 *out = dst;
	int ret;

	if (cap < 2 || len < TZ_ENTROPY_SAMPLE || len % TZ_ENTROPY_RUNS)
		return -ENOSPC;
	c = tz_auto_choose(tz_entropy_q8(src, len, w->hist));
	w->chosen[c]++;
	switch (c) {
	case TZ_AUTO_RAW:
		return -ENOSPC;
	case TZ_AUTO_LZ4:
		out[0] = TZ_AUTO_TAG_LZ4;
		ret = tz_lz4_compress_v(v, src, len, out + 1, cap - 1, w->codec);
		break;
	default:
		out[0] = TZ_AUTO_TAG_ZSTD;
		ret = tz_codec_zstd_c(v, src, len, out + 1, cap - 1, w->codec,
				      level);
		break;
	}
	return ret > 0 ? ret + 1 : ret;
}

static int tz_codec_auto_d(enum tz_variant v, const void *src, unsigned int len,
			   void *dst, unsigned int cap, void *work)
{
	const u8 *in = src;

	if (len < 2)
		return -EINVAL;
	switch (in[0]) {
	case TZ_AUTO_TAG_LZ4:
		return tz_lz4_decompress_v(v, in + 1, len - 1, dst, cap);
	case TZ_AUTO_TAG_ZSTD:
		return tz_codec_zstd_d(v, in + 1, len - 1, dst, cap, work);
	default:
		return -EINVAL;
	}
}

static int tz_codec_auto_dp(enum tz_variant v, const void *src, unsigned int len,
			    void *dst, unsigned int cap, unsigned int need, void *work)
{
	const u8 *in = src;

	if (len < 2)
		return -EINVAL;
	switch (in[0]) {
	case TZ_AUTO_TAG_LZ4:
		return tz_lz4_decompress_part_v(v, in + 1, len - 1, dst, cap, need);
	case TZ_AUTO_TAG_ZSTD:
		return tz_codec_zstd_dp(v, in + 1, len - 1, dst, cap, need, work);
	default:
		return -EINVAL;
	}
}

const struct tz_codec tz_codec_auto = {
	.name = "auto",
	.units = true,
	.simd = TZ_CODEC_SIMD_C | TZ_CODEC_SIMD_D | TZ_CODEC_SIMD_UNIT_D,
	/* The level is ZSTD's, for the pages that go to ZSTD. */
	.level_min = TZ_ZSTD_LEVEL_MIN,
	.level_max = TZ_ZSTD_LEVEL_MAX,
	.level_default = TZ_ZSTD_LEVEL_DEFAULT,
	.cwork_size = TZ_AUTO_CWORK_SIZE,
	.dwork_size = TZ_AUTO_DWORK_SIZE,
	.compress = tz_codec_auto_c,
	.decompress = tz_codec_auto_d,
	.decompress_part = tz_codec_auto_dp,
};

const struct tz_codec *const tz_codecs[] = {
	&tz_codec_lz4,
	&tz_codec_zstd,
	&tz_codec_auto,
	NULL
};

const struct tz_codec *tz_codec_find(const char *name)
{
	unsigned int i;

	for (i = 0; tz_codecs[i]; i++)
		if (!strcmp(tz_codecs[i]->name, name))
			return tz_codecs[i];
	return NULL;
}

const struct tz_codec *tz_codec_by_genl(unsigned int genl_alg)
{
	unsigned int i;

	for (i = 0; genl_alg && tz_codecs[i]; i++)
		if (tz_codecs[i]->genl_alg == genl_alg)
			return tz_codecs[i];
	return NULL;
}
