// SPDX-License-Identifier: GPL-2.0
/* Probe: how an scomp algorithm gives its per-CPU context constructor. */
#include <crypto/internal/scompress.h>

#if defined(HAVE_SCOMP_STREAMS)
/* 6.15+: alloc_ctx(void)/free_ctx(ctx) in the algorithm's streams. */
static void *tz_alloc(void)
{
	return NULL;
}

static void tz_free(void *ctx)
{
}

struct scomp_alg tz_probe_scomp = {
	.streams = { .alloc_ctx = tz_alloc, .free_ctx = tz_free },
};
#elif defined(HAVE_SCOMP_CTX_TFM)
/* Up to 6.14: alloc_ctx(tfm)/free_ctx(tfm, ctx) in the algorithm. */
static void *tz_alloc(struct crypto_scomp *tfm)
{
	return NULL;
}

static void tz_free(struct crypto_scomp *tfm, void *ctx)
{
}

struct scomp_alg tz_probe_scomp = { .alloc_ctx = tz_alloc, .free_ctx = tz_free };
#endif
