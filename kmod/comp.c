// SPDX-License-Identifier: GPL-2.0
/*
 * comp.c - the device's algorithms and their streams (see comp.h).
 *
 * Each codec call handles one page; calls of our SIMD codecs run inside
 * one tz_simd_begin/end section (kernel_fpu_begin/end when the SIMD
 * variant may run here, else the scalar variant with no FPU section), so
 * preemption is off for one page at a time and nothing in a section
 * allocates or sleeps. The kernel's own compressors run without one.
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
	{ .codec = &tz_codec_lzo_rle },
	{ .codec = &tz_codec_lzo },
#endif
	{ .codec = &tz_codec_lz4 },
#if IS_ENABLED(CONFIG_ZRAM_BACKEND_LZ4HC)
	{ .codec = &tz_codec_lz4hc },
#endif
	TZ_ZSTD_ALG,
#if IS_ENABLED(CONFIG_ZRAM_BACKEND_DEFLATE)
	{ .codec = &tz_codec_deflate },
#endif
#if IS_ENABLED(CONFIG_ZRAM_BACKEND_842)
	{ .codec = &tz_codec_842 },
#endif
#else
	/*
	 * Up to 6.11: zram lists the crypto API's compressors it knows of
	 * and takes any name the crypto API has (deflate among ours).
	 */
#if IS_ENABLED(CONFIG_CRYPTO_LZO)
	{ .codec = &tz_codec_lzo },
	{ .codec = &tz_codec_lzo_rle },
#endif
	{ .codec = &tz_codec_lz4 },
#if IS_ENABLED(CONFIG_CRYPTO_LZ4HC)
	{ .codec = &tz_codec_lz4hc },
#endif
#if IS_ENABLED(CONFIG_CRYPTO_842)
	{ .codec = &tz_codec_842 },
#endif
	TZ_ZSTD_ALG,
#if IS_ENABLED(CONFIG_CRYPTO_DEFLATE)
	{ .codec = &tz_codec_deflate, .hidden = true },
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
	if (n && name[n - 1] == '\n')
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
	s->cwork = s->dwork = s->buf = NULL;
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
	c->strm = alloc_percpu(struct tz_strm);
	if (!c->strm)
		return -ENOMEM;
	c->alg = alg;
	c->codec = codec;
	for_each_possible_cpu(cpu) {
		struct tz_strm *s = per_cpu_ptr(c->strm, cpu);
		int node = cpu_to_node(cpu);

		mutex_init(&s->lock);
		s->buf = kvmalloc_node(TZ_STRM_BUF_SIZE, GFP_KERNEL, node);
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

int tz_comp_page(struct tz_comp *c, struct tz_strm *s, const void *page,
		 unsigned int cap)
{
	const struct tz_codec *codec = c->codec;
	enum tz_variant v = TZ_VARIANT_SCALAR;
	int ret;

	if (cap > TZ_STRM_BUF_SIZE)
		cap = TZ_STRM_BUF_SIZE;
	if (codec->simd & TZ_CODEC_SIMD_C)
		v = tz_simd_begin();
	ret = codec->compress(v, page, PAGE_SIZE, s->buf, cap, s->cwork,
			      c->level);
	if (codec->simd & TZ_CODEC_SIMD_C)
		tz_simd_end(v);
	if (ret == 0)
		ret = -ENOSPC;	/* no codec emits nothing for a page */
	return ret;
}

int tz_decomp_page(struct tz_comp *c, struct tz_strm *s, const void *src,
		   unsigned int len, void *page)
{
	const struct tz_codec *codec = c->codec;
	enum tz_variant v = TZ_VARIANT_SCALAR;
	int ret;

	if (codec->simd & TZ_CODEC_SIMD_D)
		v = tz_simd_begin();
	ret = codec->decompress(v, src, len, page, PAGE_SIZE, s->dwork);
	if (codec->simd & TZ_CODEC_SIMD_D)
		tz_simd_end(v);
	if (ret != PAGE_SIZE) {
		pr_err_ratelimited("%s: corrupt object (%u bytes): %d\n",
				   codec->name, len, ret);
		return -EIO;
	}
	return 0;
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
