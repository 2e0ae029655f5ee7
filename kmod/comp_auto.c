// SPDX-License-Identifier: GPL-2.0
/*
 * comp_auto.c - the "auto" algorithm (see comp_auto.h). Runs inside
 * comp.c's FPU section like any codec: no allocation, no sleeping.
 */
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include "comp_auto.h"

#define TZ_AUTO_TAG_LZ4 0x4c	/* 'L' */
#define TZ_AUTO_TAG_ZSTD 0x5a	/* 'Z' */

int tz_auto_c(enum tz_variant v, const void *src, unsigned int len,
	      void *dst, unsigned int cap, void *work, int level)
{
	struct tz_auto_work *w = work;
	enum tz_auto_choice c;
	u8 *out = dst;
	int ret;

	if (cap < 2 || len < TZ_ENTROPY_SAMPLE)
		return -ENOSPC;
	c = tz_auto_choose(tz_entropy_q8(src, len, w->hist));
	w->chosen[c]++;
	switch (c) {
	case TZ_AUTO_RAW:
		return -ENOSPC;		/* the store keeps the page whole */
	case TZ_AUTO_LZ4:
		out[0] = TZ_AUTO_TAG_LZ4;
		ret = tz_lz4_compress_v(v, src, len, out + 1, cap - 1, w->codec);
		break;
	default:
		out[0] = TZ_AUTO_TAG_ZSTD;
		ret = tz_comp_zstd_c(v, src, len, out + 1, cap - 1, w->codec,
				     level);
		break;
	}
	return ret > 0 ? ret + 1 : ret;
}

int tz_auto_d(enum tz_variant v, const void *src, unsigned int len,
	      void *dst, unsigned int cap, void *work)
{
	const u8 *in = src;

	if (len < 2)
		return -EINVAL;
	switch (in[0]) {
	case TZ_AUTO_TAG_LZ4:
		return tz_lz4_decompress_v(v, in + 1, len - 1, dst, cap);
	case TZ_AUTO_TAG_ZSTD:
		return tz_comp_zstd_d(v, in + 1, len - 1, dst, cap, work);
	default:
		return -EINVAL;
	}
}

void tz_auto_stats(struct tz_comp *c, u64 out[TZ_AUTO_NR])
{
	unsigned int cpu, i;

	memset(out, 0, TZ_AUTO_NR * sizeof(u64));
	if (!c->strm || c->alg->compress != tz_auto_c)
		return;
	for_each_possible_cpu(cpu) {
		struct tz_auto_work *w = per_cpu_ptr(c->strm, cpu)->cwork;

		for (i = 0; i < TZ_AUTO_NR; i++)
			out[i] += READ_ONCE(w->chosen[i]);
	}
}
