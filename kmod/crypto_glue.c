// SPDX-License-Identifier: GPL-2.0
/*
 * crypto_glue.c - the codec table behind our crypto algorithms and the one
 * function every crypto callback goes through: pick the variant (vector
 * registers only when may_use_simd() allows, via tz_simd_begin), run one
 * buffer, count it.
 *
 * Callers include zswap (under a per-CPU spinlock) and stock zram (under a
 * local lock): atomic context, so nothing here sleeps or allocates.
 */
#include <linux/percpu.h>
#include <linux/errno.h>
#include "crypto_glue.h"
#include "tz_cpu.h"

/* At their default levels: the crypto API has no parameters. */
struct tz_crypto_codec tz_crypto_codecs[] = {
	{ .codec = &tz_codec_lz4 },
	{ .codec = &tz_codec_zstd },
};
const unsigned int tz_crypto_ncodecs = ARRAY_SIZE(tz_crypto_codecs);

size_t tz_crypto_work_size(const struct tz_crypto_codec *c)
{
	return max(c->codec->cwork_size, c->codec->dwork_size);
}

/**
 * tz_crypto_run - compress or decompress one buffer for a crypto callback
 * @dlen: in: capacity of @dst; out: bytes produced (only on success)
 *
 * Return: 0, -ENOSPC when the result does not fit, -EINVAL for corrupt
 * input to the decompressor.
 */
int tz_crypto_run(struct tz_crypto_codec *c, bool comp, const u8 *src,
		  unsigned int slen, u8 *dst, unsigned int *dlen, void *work)
{
	struct tz_crypto_stat *st;
	enum tz_variant v;
	int n;

	v = tz_simd_begin();
	n = comp ? c->codec->compress(v, src, slen, dst, *dlen, work,
				      c->codec->level_default) :
		   c->codec->decompress(v, src, slen, dst, *dlen, work);
	tz_simd_end(v);

	st = get_cpu_ptr(c->stat);
	if (v == TZ_VARIANT_SCALAR)
		st->scalar_calls++;
	else
		st->simd_calls++;
	if (n < 0) {
		st->errors++;
	} else if (comp) {
		st->comp_calls++;
		st->comp_in += slen;
		st->comp_out += n;
	} else {
		st->decomp_calls++;
		st->decomp_in += slen;
		st->decomp_out += n;
	}
	put_cpu_ptr(c->stat);
	if (n < 0)
		return n;
	*dlen = n;
	return 0;
}

void tz_crypto_stat_sum(const struct tz_crypto_codec *c, struct tz_crypto_stat *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct tz_crypto_stat *s = per_cpu_ptr(c->stat, cpu);

		sum->comp_calls += s->comp_calls;
		sum->comp_in += s->comp_in;
		sum->comp_out += s->comp_out;
		sum->decomp_calls += s->decomp_calls;
		sum->decomp_in += s->decomp_in;
		sum->decomp_out += s->decomp_out;
		sum->simd_calls += s->simd_calls;
		sum->scalar_calls += s->scalar_calls;
		sum->errors += s->errors;
	}
}

int tz_crypto_stats_init(void)
{
	unsigned int i;

	for (i = 0; i < tz_crypto_ncodecs; i++) {
		tz_crypto_codecs[i].stat = alloc_percpu(struct tz_crypto_stat);
		if (!tz_crypto_codecs[i].stat) {
			tz_crypto_stats_exit();
			return -ENOMEM;
		}
	}
	return 0;
}

void tz_crypto_stats_exit(void)
{
	unsigned int i;

	for (i = 0; i < tz_crypto_ncodecs; i++) {
		free_percpu(tz_crypto_codecs[i].stat);
		tz_crypto_codecs[i].stat = NULL;
	}
}
