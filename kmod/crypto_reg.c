// SPDX-License-Identifier: GPL-2.0
/*
 * crypto_reg.c - register each codec of crypto_glue.c with the crypto API
 * under its standard cra_name ("lz4", "zstd"):
 *   - as scomp (zswap reaches it through acomp): driver "<name>-tzram";
 *   - as the legacy "comp" type where the kernel still has it (stock zram
 *     up to 6.11 allocates with crypto_alloc_comp): "<name>-tzram-comp",
 *     since the crypto core refuses one driver name twice.
 * The priority beats the generic C drivers (0) and stays below hardware
 * offload (QAT registers at 4001), so "lz4" resolves to us unless a
 * compression accelerator is present.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <crypto/acompress.h>
#include <linux/crypto.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "compat_crypto.h"
#include "crypto_glue.h"
#include "crypto_reg.h"
#include "crypto_sysfs.h"

#define TZ_CRYPTO_PRIORITY 300

static bool tz_crypto_enable = true;
module_param_named(crypto, tz_crypto_enable, bool, 0444);
MODULE_PARM_DESC(crypto, "Register lz4/zstd with the kernel crypto API (default 1)");

/* Work memory of one context: kvmalloc'd when the tfm/request is made,
 * never in the compress path.
 */
static void *tz_work_alloc(unsigned int i)
{
	void *w = kvmalloc(tz_crypto_work_size(&tz_crypto_codecs[i]), GFP_KERNEL);

	return w ? w : ERR_PTR(-ENOMEM);
}

struct tz_comp_ctx {
	void *work;
};

/* Per-codec callbacks: scomp's alloc_ctx has no tfm from 6.15 on, so each
 * codec gets its own small set of functions bound to its table index.
 */
#define TZ_CODEC_CALLBACKS(i)							\
static void *tz_scomp_alloc_##i(TZ_SCOMP_ALLOC_CTX_ARGS)			\
{										\
	return tz_work_alloc(i);						\
}										\
static int tz_scomp_comp_##i(struct crypto_scomp *tfm, const u8 *src,		\
			     unsigned int slen, u8 *dst, unsigned int *dlen,	\
			     void *ctx)						\
{										\
	return tz_crypto_run(&tz_crypto_codecs[i], true, src, slen, dst, dlen, ctx); \
}										\
static int tz_scomp_decomp_##i(struct crypto_scomp *tfm, const u8 *src,	\
			       unsigned int slen, u8 *dst, unsigned int *dlen,	\
			       void *ctx)					\
{										\
	return tz_crypto_run(&tz_crypto_codecs[i], false, src, slen, dst, dlen, ctx); \
}										\
static int __maybe_unused tz_comp_init_##i(struct crypto_tfm *tfm)		\
{										\
	struct tz_comp_ctx *c = crypto_tfm_ctx(tfm);				\
										\
	c->work = tz_work_alloc(i);						\
	return PTR_ERR_OR_ZERO(c->work);					\
}										\
static int __maybe_unused tz_comp_comp_##i(struct crypto_tfm *tfm,		\
					   const u8 *src, unsigned int slen,	\
					   u8 *dst, unsigned int *dlen)		\
{										\
	struct tz_comp_ctx *c = crypto_tfm_ctx(tfm);				\
										\
	return tz_crypto_run(&tz_crypto_codecs[i], true, src, slen, dst, dlen, c->work); \
}										\
static int __maybe_unused tz_comp_decomp_##i(struct crypto_tfm *tfm,		\
					     const u8 *src, unsigned int slen,	\
					     u8 *dst, unsigned int *dlen)	\
{										\
	struct tz_comp_ctx *c = crypto_tfm_ctx(tfm);				\
										\
	return tz_crypto_run(&tz_crypto_codecs[i], false, src, slen, dst, dlen, c->work); \
}

static void tz_scomp_free(TZ_SCOMP_FREE_CTX_ARGS)
{
	kvfree(ctx);
}

static void __maybe_unused tz_comp_exit(struct crypto_tfm *tfm)
{
	struct tz_comp_ctx *c = crypto_tfm_ctx(tfm);

	kvfree(c->work);
}

#define TZ_SCOMP(i) {								\
	.alloc_ctx = tz_scomp_alloc_##i,					\
	.free_ctx = tz_scomp_free,						\
	.compress = tz_scomp_comp_##i,						\
	.decompress = tz_scomp_decomp_##i,					\
	.base = {								\
		.cra_priority = TZ_CRYPTO_PRIORITY,				\
		.cra_module = THIS_MODULE,					\
	},									\
}

#define TZ_COMP(i) {								\
	.cra_flags = CRYPTO_ALG_TYPE_COMPRESS,					\
	.cra_priority = TZ_CRYPTO_PRIORITY,					\
	.cra_ctxsize = sizeof(struct tz_comp_ctx),				\
	.cra_module = THIS_MODULE,						\
	.cra_init = tz_comp_init_##i,						\
	.cra_exit = tz_comp_exit,						\
	.cra_u = { .compress = {						\
		.coa_compress = tz_comp_comp_##i,				\
		.coa_decompress = tz_comp_decomp_##i } },			\
}

/* Index order matches tz_crypto_codecs[]: lz4, zstd. */
TZ_CODEC_CALLBACKS(0)
TZ_CODEC_CALLBACKS(1)

static struct scomp_alg tz_scomp_algs[] = {
	TZ_SCOMP(0),
	TZ_SCOMP(1),
};

#if TZ_HAVE_LEGACY_COMP
static struct crypto_alg tz_comp_algs[] = {
	TZ_COMP(0),
	TZ_COMP(1),
};
#endif

static unsigned int tz_nscomp, tz_ncomp;	/* how many are registered */

static void tz_crypto_unregister(void)
{
	while (tz_nscomp)
		crypto_unregister_scomp(&tz_scomp_algs[--tz_nscomp]);
#if TZ_HAVE_LEGACY_COMP
	while (tz_ncomp)
		crypto_unregister_alg(&tz_comp_algs[--tz_ncomp]);
#endif
}

/*
 * Wait until the crypto self-tests of everything we registered are done,
 * and fail if one did not pass. 6.1 waits inside crypto_register_alg(); 6.12
 * runs the tests in the background, whose transforms would then still pin
 * the module when modprobe returns. A lookup by driver name waits for the
 * test, and finds nothing when the algorithm failed it.
 */
static int tz_crypto_wait_tested(void)
{
	unsigned int i;

	for (i = 0; i < tz_nscomp; i++) {
		const char *drv = tz_scomp_algs[i].base.cra_driver_name;
		struct crypto_acomp *a = crypto_alloc_acomp(drv, 0, 0);

		if (IS_ERR(a)) {
			pr_err("%s: not usable after its self-test: %ld\n", drv, PTR_ERR(a));
			return PTR_ERR(a);
		}
		crypto_free_acomp(a);
	}
#if TZ_HAVE_LEGACY_COMP
	for (i = 0; i < tz_ncomp; i++) {
		const char *drv = tz_comp_algs[i].cra_driver_name;
		struct crypto_comp *c = crypto_alloc_comp(drv, 0, 0);

		if (IS_ERR(c)) {
			pr_err("%s: not usable after its self-test: %ld\n", drv, PTR_ERR(c));
			return PTR_ERR(c);
		}
		crypto_free_comp(c);
	}
#endif
	return 0;
}

bool tz_crypto_registered(void)
{
	return tz_nscomp > 0;
}

int tz_crypto_init(void)
{
	unsigned int i;
	int ret;

	/* One set of callbacks per codec of the glue's table. */
	if (ARRAY_SIZE(tz_scomp_algs) != tz_crypto_ncodecs) {
		pr_err("crypto: codec and algorithm tables differ\n");
		return -EINVAL;
	}
	if (!tz_crypto_enable) {
		pr_info("crypto API registration off (crypto=0)\n");
		return 0;
	}
	ret = tz_crypto_stats_init();
	if (ret)
		return ret;
	for (i = 0; i < tz_crypto_ncodecs; i++) {
		struct crypto_alg *base = &tz_scomp_algs[i].base;
		const char *name = tz_crypto_codecs[i].codec->name;

		strscpy(base->cra_name, name, sizeof(base->cra_name));
		snprintf(base->cra_driver_name, sizeof(base->cra_driver_name), "%s-tzram", name);
		ret = crypto_register_scomp(&tz_scomp_algs[i]);
		if (ret) {
			pr_err("registering %s failed: %d\n", base->cra_driver_name, ret);
			goto fail;
		}
		tz_nscomp++;
#if TZ_HAVE_LEGACY_COMP
		base = &tz_comp_algs[i];
		strscpy(base->cra_name, name, sizeof(base->cra_name));
		snprintf(base->cra_driver_name, sizeof(base->cra_driver_name), "%s-tzram-comp", name);
		ret = crypto_register_alg(base);
		if (ret) {
			pr_err("registering %s failed: %d\n", base->cra_driver_name, ret);
			goto fail;
		}
		tz_ncomp++;
#endif
	}
	ret = tz_crypto_wait_tested();
	if (ret)
		goto fail;
	ret = tz_crypto_sysfs_init();
	if (ret)
		goto fail;
	pr_info("crypto: registered %u algorithm(s) as scomp%s, priority %d\n",
		tz_nscomp, tz_ncomp ? " and legacy comp" : "", TZ_CRYPTO_PRIORITY);
	return 0;
fail:
	tz_crypto_unregister();
	tz_crypto_stats_exit();
	return ret;
}

void tz_crypto_exit(void)
{
	if (!tz_crypto_registered())
		return;
	tz_crypto_sysfs_exit();
	tz_crypto_unregister();
	tz_crypto_stats_exit();
}
