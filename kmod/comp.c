// SPDX-License-Identifier: GPL-2.0
/*
 * comp.c - codec glue between the device and tzram's own codecs.
 *
 * Each codec call handles one page inside one tz_simd_begin/end section
 * (kernel_fpu_begin/end when the SIMD variant may run here, else the
 * scalar variant with no FPU section), so preemption is off for one
 * page at a time and nothing in a section allocates or sleeps.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "comp.h"
#include "tz_lz4.h"
#ifdef TZ_HAVE_ZSTD_CODEC
#include "comp_auto.h"
#include "tz_zstd.h"
#endif

/* level is LZ4's acceleration in zram; our encoder has one speed. */
static int tz_lz4_c(enum tz_variant v, const void *src, unsigned int len,
		    void *dst, unsigned int cap, void *work, int level)
{
	return tz_lz4_compress_v(v, src, len, dst, cap, work);
}

static int tz_lz4_d(enum tz_variant v, const void *src, unsigned int len,
		    void *dst, unsigned int cap, void *work)
{
	return tz_lz4_decompress_v(v, src, len, dst, cap);
}

#ifdef TZ_HAVE_ZSTD_CODEC
/* The zstd codec may lack a SIMD form of a variant: then run its scalar one. */
int tz_comp_zstd_c(enum tz_variant v, const void *src, unsigned int len,
	      void *dst, unsigned int cap, void *work, int level)
{
	int ret;

	/* Any zstd level is accepted (as zram); ours has levels 1..3. */
	level = level == TZ_COMP_NO_LEVEL ? TZ_ZSTD_LEVEL_DEFAULT :
		clamp(level, TZ_ZSTD_LEVEL_MIN, TZ_ZSTD_LEVEL_MAX);
	ret = tz_zstd_compress_v(v, src, len, dst, cap, level, work);
	if (ret == -EOPNOTSUPP)
		ret = tz_zstd_compress_v(TZ_VARIANT_SCALAR, src, len, dst, cap,
					 level, work);
	return ret;
}

int tz_comp_zstd_d(enum tz_variant v, const void *src, unsigned int len,
		     void *dst, unsigned int cap, void *work)
{
	int ret = tz_zstd_decompress_v(v, src, len, dst, cap, work);

	if (ret == -EOPNOTSUPP)
		ret = tz_zstd_decompress_v(TZ_VARIANT_SCALAR, src, len, dst,
					   cap, work);
	return ret;
}
#endif

/* First entry = default, as zram's lz4 on current kernels. */
static const struct tz_comp_alg tz_algs[] = {
	{
		.name = "lz4",
		.cwork_size = TZ_LZ4_WORKMEM_SIZE,
		.dwork_size = 0,
		.compress = tz_lz4_c,
		.decompress = tz_lz4_d,
	},
#ifdef TZ_HAVE_ZSTD_CODEC
	{
		.name = "zstd",
		.cwork_size = TZ_ZSTD_CWORKMEM_SIZE,
		.dwork_size = TZ_ZSTD_DWORKMEM_SIZE,
		.compress = tz_comp_zstd_c,
		.decompress = tz_comp_zstd_d,
	},
	{
		/* Per page: stored raw, LZ4 or ZSTD by estimate (comp_auto.c). */
		.name = "auto",
		.cwork_size = TZ_AUTO_CWORK_SIZE,
		.dwork_size = TZ_AUTO_DWORK_SIZE,
		.compress = tz_auto_c,
		.decompress = tz_auto_d,
	},
#endif
};

const struct tz_comp_alg *tz_comp_default(void)
{
	return &tz_algs[0];
}

const struct tz_comp_alg *tz_comp_find(const char *name)
{
	size_t n = strlen(name);
	unsigned int i;

	if (n && name[n - 1] == '\n')
		n--;
	for (i = 0; i < ARRAY_SIZE(tz_algs); i++)
		if (strlen(tz_algs[i].name) == n &&
		    !memcmp(tz_algs[i].name, name, n))
			return &tz_algs[i];
	return NULL;
}

ssize_t tz_comp_show_available(const struct tz_comp_alg *cur, char *buf)
{
	ssize_t sz = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tz_algs); i++)
		sz += scnprintf(buf + sz, PAGE_SIZE - sz - 2,
				&tz_algs[i] == cur ? "[%s] " : "%s ",
				tz_algs[i].name);
	sz += scnprintf(buf + sz, PAGE_SIZE - sz, "\n");
	return sz;
}

static void tz_strm_free(struct tz_strm *s)
{
	kvfree(s->cwork);
	kvfree(s->dwork);
	kvfree(s->buf);
	s->cwork = s->dwork = s->buf = NULL;
}

/*
 * Streams for every possible CPU up front: no CPU-hotplug callbacks, and
 * no allocation on the I/O path, which may be swap under memory pressure.
 */
int tz_comp_init(struct tz_comp *c, const struct tz_comp_alg *alg,
		 const struct tz_comp_params *params)
{
	unsigned int cpu;

	tz_cpu_init();
	c->alg = alg;
	c->params = *params;
	c->strm = alloc_percpu(struct tz_strm);
	if (!c->strm) {
		c->alg = NULL;
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu) {
		struct tz_strm *s = per_cpu_ptr(c->strm, cpu);
		int node = cpu_to_node(cpu);

		mutex_init(&s->lock);
		s->buf = kvmalloc_node(TZ_STRM_BUF_SIZE, GFP_KERNEL, node);
		if (alg->cwork_size)
			s->cwork = kvzalloc_node(alg->cwork_size, GFP_KERNEL, node);
		if (alg->dwork_size)
			s->dwork = kvmalloc_node(alg->dwork_size, GFP_KERNEL, node);
		if (!s->buf || (alg->cwork_size && !s->cwork) ||
		    (alg->dwork_size && !s->dwork)) {
			tz_comp_destroy(c);
			return -ENOMEM;
		}
	}
	return 0;
}

void tz_comp_destroy(struct tz_comp *c)
{
	unsigned int cpu;

	if (!c->strm) {
		c->alg = NULL;
		return;
	}
	for_each_possible_cpu(cpu) {
		struct tz_strm *s = per_cpu_ptr(c->strm, cpu);

		tz_strm_free(s);
		mutex_destroy(&s->lock);
	}
	free_percpu(c->strm);
	c->strm = NULL;
	c->alg = NULL;
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
	enum tz_variant v;
	int ret;

	if (cap > TZ_STRM_BUF_SIZE)
		cap = TZ_STRM_BUF_SIZE;
	v = tz_simd_begin();
	ret = c->alg->compress(v, page, PAGE_SIZE, s->buf, cap, s->cwork,
			       c->params.level);
	tz_simd_end(v);
	if (ret == 0)
		ret = -ENOSPC;	/* no codec emits nothing for a page */
	return ret;
}

int tz_decomp_page(struct tz_comp *c, struct tz_strm *s, const void *src,
		   unsigned int len, void *page)
{
	enum tz_variant v;
	int ret;

	v = tz_simd_begin();
	ret = c->alg->decompress(v, src, len, page, PAGE_SIZE, s->dwork);
	tz_simd_end(v);
	if (ret != PAGE_SIZE) {
		pr_err_ratelimited("%s: corrupt object (%u bytes): %d\n",
				   c->alg->name, len, ret);
		return -EIO;
	}
	return 0;
}
