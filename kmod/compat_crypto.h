/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat_crypto.h - crypto API differences between kernels, from the
 * build-time probes (kmod/probes/scomp_ctx.c, crypto_legacy_comp.c).
 * Only kmod/crypto_reg.c includes it.
 */
#ifndef TZ_COMPAT_CRYPTO_H
#define TZ_COMPAT_CRYPTO_H

#include <crypto/internal/scompress.h>
#include "tz_probes.h"

/*
 * scomp's per-CPU context constructor: alloc_ctx(tfm)/free_ctx(tfm, ctx)
 * in the algorithm up to 6.14; alloc_ctx(void)/free_ctx(ctx) in its
 * "streams" since. TZ_SCOMP_CTX_OPS(a, f) is the initializer for either.
 */
#ifdef HAVE_SCOMP_STREAMS
#define TZ_SCOMP_ALLOC_CTX_ARGS void
#define TZ_SCOMP_FREE_CTX_ARGS void *ctx
#define TZ_SCOMP_CTX_OPS(a, f) .streams = { .alloc_ctx = (a), .free_ctx = (f) },
#else
#define TZ_SCOMP_ALLOC_CTX_ARGS struct crypto_scomp *tfm
#define TZ_SCOMP_FREE_CTX_ARGS struct crypto_scomp *tfm, void *ctx
#define TZ_SCOMP_CTX_OPS(a, f) .alloc_ctx = (a), .free_ctx = (f),
#endif

/* The legacy "comp" type stock zram <= 6.11 allocates (gone in 6.15). */
#ifdef HAVE_CRYPTO_LEGACY_COMP
#define TZ_HAVE_LEGACY_COMP 1
#else
#define TZ_HAVE_LEGACY_COMP 0
#endif

#endif /* TZ_COMPAT_CRYPTO_H */
