// SPDX-License-Identifier: GPL-2.0
/* Probe: the legacy synchronous "comp" type (crypto_alloc_comp; gone in 6.15). */
#include <linux/crypto.h>

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
