/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat_crypto.h - crypto API differences between kernels, from the
 * build-time probes (kmod/probes/scomp_ctx_no_tfm.c, crypto_legacy_comp.c).
 * Only kmod/crypto_reg.c includes it.
 */
#ifndef TZ_COMPAT_CRYPTO_H
#define TZ_COMPAT_CRYPTO_H

#include <crypto/internal/scompress.h>
#include "tz_probes.h"

/* 6.15 dropped the tfm argument of scomp's alloc_ctx/free_ctx. */
#ifdef HAVE_SCOMP_CTX_NO_TFM
#define TZ_SCOMP_ALLOC_CTX_ARGS void
#define TZ_SCOMP_FREE_CTX_ARGS void *ctx
#else
#define TZ_SCOMP_ALLOC_CTX_ARGS struct crypto_scomp *tfm
#define TZ_SCOMP_FREE_CTX_ARGS struct crypto_scomp *tfm, void *ctx
#endif

/* The legacy "comp" type stock zram <= 6.11 allocates (gone in 6.15). */
#ifdef HAVE_CRYPTO_LEGACY_COMP
#define TZ_HAVE_LEGACY_COMP 1
#else
#define TZ_HAVE_LEGACY_COMP 0
#endif

#endif /* TZ_COMPAT_CRYPTO_H */
