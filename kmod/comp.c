// SPDX-License-Identifier: GPL-2.0
/*
 * comp.c - the device's algorithms and their streams (see comp.h).
 *
 * Each codec call handles one page, or up to TZ_COMP_BATCH pages where
 * the codec has batch calls (tz_comp_run()); calls of our SIMD codecs run
 * inside one tz_simd_begin/end section (kernel_fpu_begin/end when the
 * SIMD variant may run here, else the scalar variant with no FPU
 * section), so preemption is off for at most TZ_COMP_BATCH pages at a
 * time and nothing in a section allocates or sleeps. The kernel's own
 * compressors run without one.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/crypto.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/vmalloc.h>
#include "comp.h"
#include "comp_kernel.h"
#include "compat.h"

#define TZ_ZSTD_ALG { .codec = &tz_codec_zstd, .more = TZ_ZSTD_MORE }
#ifdef TZ_HAVE_KERNEL_ZSTD
#define TZ_ZSTD_MORE (&tz_codec_zstd_kernel)
#else
#define TZ_ZSTD_MORE NULL	/* levels beyond ours are clamped */
#endif

/*
 * zram's algorithms on this kernel in zram's order, ours (lz4, zstd)
 * wherever zram has them and always, the kernel's compressors where the
 * kernel's zram has them; then tzram's own.
 */
static const struct tz_comp_alg tz_comp_algs[] = {
#ifdef TZ_ZRAM_BACKENDS
	/* 6.12 on: the backends this kernel's zram was built with. */
#if IS_ENABLED(CONFIG_ZRAM_BACKEND_LZO)
	{ .codec = &tz_codec_lzo_rle, .dict_unused = true },
	{ .codec = &tz_codec_lzo, .dict_unused = true },
#endif
	{ .codec = &tz_codec_lz4 },
#if IS_ENABLED(CONFIG_ZRAM_BACKEND_LZ4HC)
	{ .codec = &tz_codec_lz4hc },
#endif
	TZ_ZSTD_ALG,
#if IS_ENABLED(CONFIG_ZRAM_BACKEND_DEFLATE)
	{ .codec = &tz_codec_deflate, .dict_unused = true },
#endif
#if IS_ENABLED(CONFIG_ZRAM_BACKEND_842)
	{ .codec = &tz_codec_842, .dict_unused = true },
#endif
#else
	/*
	 * Up to 6.11: zram lists the crypto API's compressors it knows of
	 * and takes any name the crypto API has (deflate among ours).
	 */
#if IS_ENABLED(CONFIG_CRYPTO_LZO)
	{ .codec = &tz_codec_lzo, .dict_unused = true },
	{ .codec = &tz_codec_lzo_rle, .dict_unused = true },
#endif
	{ .codec = &tz_codec_lz4 },
#if IS_ENABLED(CONFIG_CRYPTO_LZ4HC)
	{ .codec = &tz_codec_lz4hc },
#endif
#if IS_ENABLED(CONFIG_CRYPTO_842)
	{ .codec = &tz_codec_842, .dict_unused = true },
#endif
	TZ_ZSTD_ALG,
#if IS_ENABLED(CONFIG_CRYPTO_DEFLATE)
	{ .codec = &tz_codec_deflate, .hidden = true, .dict_unused = true },
#endif
#endif
	/* tzram's own, after zram's. */
	{ .codec = &tz_codec_auto },
};

/* The last entries are tzram's own: listed after zram's (hidden) ones. */
#define TZ_COMP_OWN 1

const struct tz_comp_alg *tz_comp_default(void)
{
	unsigned int i;

	for (i = 0; tz_comp_algs[i].codec != &tz_codec_lz4; i++)
		;
	return &tz_comp_algs[i];
}

const struct tz_comp_alg *tz_comp_find(const char *buf)
{
	char name[CRYPTO_MAX_ALG_NAME];
	unsigned int i;
	size_t n;

	if (TZ_ZRAM_NAME_E2BIG && strlen(buf) >= sizeof(name))
		return ERR_PTR(-E2BIG);
	strscpy(name, buf, sizeof(name));
	n = strlen(name);
	if (TZ_ZRAM_NAME_DROPS_NL && n && name[n - 1] == '\n')
		name[n - 1] = 0;
	for (i = 0; i < ARRAY_SIZE(tz_comp_algs); i++)
		if (TZ_ZRAM_NAME_EQ(name, tz_comp_algs[i].codec->name))
			return &tz_comp_algs[i];
	return NULL;
}

ssize_t tz_comp_show_available(const struct tz_comp_alg *cur, char *buf,
			       ssize_t at)
{
	const unsigned int own = ARRAY_SIZE(tz_comp_algs) - TZ_COMP_OWN;
	ssize_t sz = at;
	unsigned int i;

	for (i = 0; i < own; i++)
		if (!tz_comp_algs[i].hidden)
			sz += sysfs_emit_at(buf, sz, cur == &tz_comp_algs[i] ?
					    "[%s] " : "%s ",
					    tz_comp_algs[i].codec->name);
	if (cur && cur->hidden)
		sz += sysfs_emit_at(buf, sz, "[%s] ", cur->codec->name);
	for (i = own; i < ARRAY_SIZE(tz_comp_algs); i++)
		sz += sysfs_emit_at(buf, sz, cur == &tz_comp_algs[i] ?
				    "[%s] " : "%s ", tz_comp_algs[i].codec->name);
	sz += sysfs_emit_at(buf, sz, "\n");
	return sz - at;
}

static void tz_strm_free(struct tz_strm *s)
{
	kvfree(s->cwork);
	kvfree(s->dwork);
	kvfree(s->buf);
	kvfree(s->bbuf);
	s->cwork = s->dwork = s->buf = s->bbuf = NULL;
}

/* The codec of alg for level, or NULL if alg refuses the level. */
static const struct tz_codec *tz_comp_codec(const struct tz_comp_alg *alg,
					    int level)
{
	const struct tz_codec *codec = alg->codec;

	if (!tz_codec_covers(codec, level) && alg->more)
		codec = alg->more;
	if (!tz_codec_covers(codec, level) && codec->level_strict)
		return NULL;
	return codec;
}

void tz_comp_params_clear_dict(struct tz_comp_params *params)
{
	vfree(params->dict);
	params->dict = NULL;
	params->dict_sz = 0;
}

static void tz_comp_dict_free(struct tz_comp *c)
{
	kvfree(c->dict);
	kvfree(c->dict_data);
	c->dict = NULL;
	c->dict_data = NULL;
}

/*
 * Prepare params' dictionary for codec, once for all CPUs: a copy of the
 * bytes (the settings' copy may be replaced while the device runs) and
 * the codec's prepared form. Codecs and levels without a dictionary form
 * refuse one, except where zram's backend ignores it (dict_unused).
 */
static int tz_comp_dict_init(struct tz_comp *c, const struct tz_comp_alg *alg,
			     const struct tz_codec *codec,
			     const struct tz_comp_params *params)
{
	const char *name = alg->codec->name;
	size_t size;
	int ret;

	if (!params->dict_sz)
		return 0;
	if (!codec->dict_prepare) {
		if (alg->dict_unused) {
			pr_info("%s: takes no dictionary: dict= ignored, as zram's %s backend does\n",
				name, name);
			return 0;
		}
		pr_err("%s: no dictionary form at level %d in tzram: dict= refused\n",
		       name, c->level);
		return -EINVAL;
	}
	size = tz_codec_dict_size(codec, params->dict_sz);
	if (!size) {
		pr_err("%s: dictionary of %zu bytes refused: outside the sizes %s takes\n",
		       name, params->dict_sz, name);
		return -EINVAL;
	}
	c->dict_data = kvmalloc(params->dict_sz, GFP_KERNEL);
	c->dict = kvmalloc(size, GFP_KERNEL);
	if (!c->dict_data || !c->dict) {
		tz_comp_dict_free(c);
		return -ENOMEM;
	}
	memcpy(c->dict_data, params->dict, params->dict_sz);
	ret = tz_codec_dict_prepare(codec, c->dict, size, c->dict_data,
				    params->dict_sz);
	if (ret) {
		pr_err("%s: dictionary of %zu bytes refused (corrupt): %d\n",
		       name, params->dict_sz, ret);
		tz_comp_dict_free(c);
		return -EINVAL;
	}
	return 0;
}

/*
 * One page compressed and decompressed with the dictionary, in stream s,
 * before the device takes data: an encoder that cannot use dictionaries
 * yet (-EOPNOTSUPP) refuses the device instead of storing pages without
 * it. The page is zeroes in s->buf; its output goes to the buffer's
 * second half.
 */
static int tz_comp_dict_selftest(struct tz_comp *c, struct tz_strm *s)
{
	const struct tz_codec *codec = c->codec;
	u8 *page = s->buf, *out = page + PAGE_SIZE;
	int ret;

	memset(page, 0, PAGE_SIZE);
	ret = codec->compress_dict(TZ_VARIANT_SCALAR, c->dict, page, PAGE_SIZE,
				   out, PAGE_SIZE, s->cwork, c->level);
	if (ret == -EOPNOTSUPP) {
		pr_err("%s: this build's encoder cannot compress with a dictionary yet: dict= refused\n",
		       codec->name);
		return ret;
	}
	if (ret > 0)
		ret = codec->decompress_dict(TZ_VARIANT_SCALAR, c->dict, out,
					     ret, page, PAGE_SIZE, s->dwork);
	if (ret != PAGE_SIZE || memchr_inv(page, 0, PAGE_SIZE)) {
		pr_err("%s: dictionary self-test failed: %d\n", codec->name,
		       ret);
		return -EINVAL;
	}
	return 0;
}

/*
 * Streams for every possible CPU up front: no CPU-hotplug callbacks, and
 * no allocation on the I/O path, which may be swap under memory pressure.
 */
int tz_comp_init(struct tz_comp *c, const struct tz_comp_alg *alg,
		 const struct tz_comp_params *params)
{
	const struct tz_codec *codec = tz_comp_codec(alg, params->level);
	size_t cwork, dwork;
	unsigned int cpu;
	int ret;

	memset(c, 0, sizeof(*c));
	if (!codec) {
		pr_err("%s: level %d not supported\n", alg->codec->name,
		       params->level);
		return -EINVAL;
	}
	tz_cpu_init();
	c->level = tz_codec_level(codec, params->level);
	cwork = codec->cwork_size;
	dwork = codec->dwork_size;
	if (codec->work_sizes)
		codec->work_sizes(c->level, &cwork, &dwork);
	ret = tz_comp_dict_init(c, alg, codec, params);
	if (ret)
		return ret;
	if (c->dict && codec->dict_dwork_size)
		dwork = codec->dict_dwork_size(c->dict);
	c->strm = alloc_percpu(struct tz_strm);
	if (!c->strm) {
		tz_comp_dict_free(c);
		return -ENOMEM;
	}
	c->alg = alg;
	c->codec = codec;
	for_each_possible_cpu(cpu) {
		struct tz_strm *s = per_cpu_ptr(c->strm, cpu);
		int node = cpu_to_node(cpu);

		mutex_init(&s->lock);
		s->buf = kvmalloc_node(TZ_STRM_BUF_SIZE, GFP_KERNEL, node);
		if (tz_comp_batches(c)) {
			s->bbuf = kvmalloc_node(TZ_COMP_BATCH * PAGE_SIZE,
						GFP_KERNEL, node);
			if (!s->bbuf) {
				ret = -ENOMEM;
				goto err;
			}
		}
		if (cwork)
			s->cwork = kvzalloc_node(cwork, GFP_KERNEL, node);
		if (dwork)
			s->dwork = kvzalloc_node(dwork, GFP_KERNEL, node);
		ret = -ENOMEM;
		if (!s->buf || (cwork && !s->cwork) || (dwork && !s->dwork))
			goto err;
		ret = codec->work_init ?
		      codec->work_init(s->cwork, s->dwork, c->level) : 0;
		if (ret)
			goto err;
		if (c->dict && codec->dict_dwork_init)
			codec->dict_dwork_init(c->dict, s->dwork);
	}
	if (c->dict) {
		ret = tz_comp_dict_selftest(c, raw_cpu_ptr(c->strm));
		if (ret)
			goto err;
	}
	return 0;

err:
	tz_comp_destroy(c);
	return ret;
}

void tz_comp_destroy(struct tz_comp *c)
{
	unsigned int cpu;

	if (c->strm) {
		for_each_possible_cpu(cpu) {
			struct tz_strm *s = per_cpu_ptr(c->strm, cpu);

			tz_strm_free(s);
			mutex_destroy(&s->lock);
		}
		free_percpu(c->strm);
	}
	tz_comp_dict_free(c);
	c->strm = NULL;
	c->alg = NULL;
	c->codec = NULL;
}

struct tz_strm *tz_strm_get(struct tz_comp *c)
{
	struct tz_strm *s = raw_cpu_ptr(c->strm);

	mutex_lock(&s->lock);
	return s;
}

void tz_strm_put(struct tz_strm *s)
{
	mutex_unlock(&s->lock);
}

/* One page's decompression result as tz_decomp_page() gives it. */
static int tz_decomp_result(const struct tz_codec *codec, unsigned int len,
			    int ret)
{
	if (ret == PAGE_SIZE)
		return 0;
	pr_err_ratelimited("%s: corrupt object (%u bytes): %d\n",
			   codec->name, len, ret);
	return -EIO;
}

/* One job with the one-buffer call (with the dictionary if c has one). */
static void tz_comp_one(struct tz_comp *c, struct tz_strm *s,
			struct tz_codec_job *j, enum tz_variant v, bool comp)
{
	const struct tz_codec *codec = c->codec;

	if (comp && c->dict)
		j->ret = codec->compress_dict(v, c->dict, j->src, j->src_len,
					      j->dst, j->dst_cap, s->cwork,
					      c->level);
	else if (comp)
		j->ret = codec->compress(v, j->src, j->src_len, j->dst,
					 j->dst_cap, s->cwork, c->level);
	else if (c->dict)
		j->ret = codec->decompress_dict(v, c->dict, j->src, j->src_len,
						j->dst, j->dst_cap, s->dwork);
	else
		j->ret = codec->decompress(v, j->src, j->src_len, j->dst,
					   j->dst_cap, s->dwork);
}

/*
 * The one place the device calls a codec: n jobs in calls of
 * TZ_COMP_BATCH jobs through the batch call where c batches, else one
 * job per call; each call in its own SIMD section.
 */
static int tz_comp_run(struct tz_comp *c, struct tz_strm *s,
		       struct tz_codec_job *jobs, unsigned int n, bool comp)
{
	const struct tz_codec *codec = c->codec;
	bool simd = codec->simd & (comp ? TZ_CODEC_SIMD_C : TZ_CODEC_SIMD_D);
	unsigned int per = tz_comp_batches(c) ? TZ_COMP_BATCH : 1;
	enum tz_comp_batch_stat st = comp ? TZ_BATCH_COMP_PAGES :
					    TZ_BATCH_DECOMP_PAGES;
	struct tz_codec_batch b;
	unsigned int at, k;
	int failed = 0;

	for (at = 0; at < n; at += b.n) {
		enum tz_variant v = TZ_VARIANT_SCALAR;

		b.jobs = jobs + at;
		b.n = min(n - at, per);
		if (simd)
			v = tz_simd_begin();
		if (b.n == 1)
			tz_comp_one(c, s, b.jobs, v, comp);
		else if (comp)
			codec->compress_batch(v, &b, s->cwork, c->level);
		else
			codec->decompress_batch(v, &b, s->dwork);
		if (simd)
			tz_simd_end(v);
		if (b.n > 1) {
			s->batch_stat[st] += b.n;
			s->batch_stat[st + 1]++;
		}
		for (k = 0; k < b.n; k++) {
			struct tz_codec_job *j = &b.jobs[k];

			if (!comp)
				j->ret = tz_decomp_result(codec, j->src_len, j->ret);
			else if (!j->ret)
				j->ret = -ENOSPC;	/* no codec emits nothing */
			failed += j->ret < 0;
		}
	}
	return failed;
}

int tz_comp_pages(struct tz_comp *c, struct tz_strm *s,
		  struct tz_codec_job *jobs, unsigned int n)
{
	return tz_comp_run(c, s, jobs, n, true);
}

int tz_decomp_pages(struct tz_comp *c, struct tz_strm *s,
		    struct tz_codec_job *jobs, unsigned int n)
{
	unsigned int k;

	for (k = 0; k < n; k++)
		jobs[k].dst_cap = PAGE_SIZE;
	return tz_comp_run(c, s, jobs, n, false);
}

int tz_comp_page(struct tz_comp *c, struct tz_strm *s, const void *page,
		 unsigned int cap)
{
	struct tz_codec_job j = {
		.src = page, .src_len = PAGE_SIZE, .dst = s->buf,
		.dst_cap = min_t(unsigned int, cap, TZ_STRM_BUF_SIZE),
	};

	tz_comp_run(c, s, &j, 1, true);
	return j.ret;
}

int tz_decomp_page(struct tz_comp *c, struct tz_strm *s, const void *src,
		   unsigned int len, void *page)
{
	struct tz_codec_job j = { .src = src, .src_len = len, .dst = page };

	tz_decomp_pages(c, s, &j, 1);
	return j.ret;
}

void tz_comp_batch_stats(struct tz_comp *c, u64 out[TZ_BATCH_NR])
{
	unsigned int cpu, i;

	memset(out, 0, TZ_BATCH_NR * sizeof(u64));
	if (!c->strm)
		return;
	for_each_possible_cpu(cpu) {
		struct tz_strm *s = per_cpu_ptr(c->strm, cpu);

		for (i = 0; i < TZ_BATCH_NR; i++)
			out[i] += READ_ONCE(s->batch_stat[i]);
	}
}

void tz_comp_auto_stats(struct tz_comp *c, u64 out[TZ_AUTO_NR])
{
	unsigned int cpu, i;

	memset(out, 0, TZ_AUTO_NR * sizeof(u64));
	if (!c->strm || c->codec != &tz_codec_auto)
		return;
	for_each_possible_cpu(cpu) {
		struct tz_auto_work *w = per_cpu_ptr(c->strm, cpu)->cwork;

		for (i = 0; i < TZ_AUTO_NR; i++)
			out[i] += READ_ONCE(w->chosen[i]);
	}
}
