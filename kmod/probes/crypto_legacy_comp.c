// SPDX-License-Identifier: GPL-2.0
/*
 * Probe: the legacy synchronous "comp" crypto type (crypto_alloc_comp),
 * which stock zram allocates up to 6.11; removed in 6.15.
 */
#include <linux/crypto.h>

#if defined(HAVE_CRYPTO_LEGACY_COMP)
static int tz_comp(struct crypto_tfm *tfm, const u8 *src, unsigned int slen,
		   u8 *dst, unsigned int *dlen)
{
	return 0;
}

struct crypto_alg tz_probe_alg = {
	.cra_flags = CRYPTO_ALG_TYPE_COMPRESS,
	.cra_u.compress.coa_compress = tz_comp,
};

struct crypto_comp *(*tz_probe_alloc)(const char *, u32, u32) = crypto_alloc_comp;
#elif defined(HAVE_CRYPTO_NO_LEGACY_COMP)
/* Its removal took the cra_compress shorthand for cra_u.compress along. */
#if defined(cra_compress) || defined(CRYPTO_ALG_TYPE_COMPRESS)
#error "the legacy comp type is still declared"
#endif
int tz_probe_none;
#endif
