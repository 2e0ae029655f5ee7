// SPDX-License-Identifier: GPL-2.0
/* Probe: scomp alloc_ctx(void) / free_ctx(void *) without the tfm (6.15+). */
#include <crypto/internal/scompress.h>

static void *tz_alloc(void)
{
	return NULL;
}

static void tz_free(void *ctx)
{
}

struct scomp_alg tz_probe_scomp = { .alloc_ctx = tz_alloc, .free_ctx = tz_free };
