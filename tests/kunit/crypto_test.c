// SPDX-License-Identifier: GPL-2.0
/*
 * crypto_test.c - KUnit suite for tzram's crypto API algorithms: allocate
 * each by driver name and by generic name, check the generic name resolves
 * to ours, round-trip a built-in sample set through the legacy comp and the
 * acomp (scomp-backed) interfaces, and check the errors for a too-small
 * output buffer and for corrupted input. Counters must move.
 */
#include <kunit/test.h>
#include <crypto/acompress.h>
#include <linux/crypto.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "compat_crypto.h"
#include "crypto_glue.h"
#include "crypto_reg.h"

#define PG 4096
#define NSAMPLES 5

/* Sample page k: zeros, a repeated word, text, structured integers, noise. */
static void sample_page(u8 *p, int k)
{
	static const char text[] = "tzram: compressed RAM block device; ";
	u32 x = 2463534242u + k;
	int i;

	for (i = 0; i < PG; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		if (k == 0)
			p[i] = 0;
		else if (k == 1)
			p[i] = 0xa5 ^ (i & 7);
		else if (k == 2)
			p[i] = text[i % (sizeof(text) - 1)];
		else if (k == 3)
			p[i] = (i % 8 < 4) ? (u8)(i / 8) : 0;
		else
			p[i] = (u8)x;
	}
}

struct crypto_fixture {
	u8 *src, *comp, *back;
};

static int crypto_test_init(struct kunit *test)
{
	struct crypto_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	if (!tz_crypto_registered())
		kunit_skip(test, "tzram loaded with crypto=0");
	KUNIT_ASSERT_NOT_NULL(test, f);
	f->src = kunit_kmalloc(test, PG, GFP_KERNEL);
	f->comp = kunit_kmalloc(test, 2 * PG, GFP_KERNEL);
	f->back = kunit_kmalloc(test, PG, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, f->src && f->comp && f->back);
	test->priv = f;
	return 0;
}

static void comp_roundtrip(struct kunit *test, const char *alloc_name, const char *want_driver)
{
	struct crypto_fixture *f = test->priv;
	struct crypto_comp *tfm = crypto_alloc_comp(alloc_name, 0, 0);
	unsigned int clen, dlen;
	int k;

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "crypto_alloc_comp(%s): %ld",
			       alloc_name, PTR_ERR_OR_ZERO(tfm));
	KUNIT_EXPECT_STREQ(test, crypto_tfm_alg_driver_name(crypto_comp_tfm(tfm)), want_driver);
	for (k = 0; k < NSAMPLES; k++) {
		sample_page(f->src, k);
		clen = 2 * PG;
		KUNIT_ASSERT_EQ(test, crypto_comp_compress(tfm, f->src, PG, f->comp, &clen), 0);
		KUNIT_EXPECT_GT(test, clen, 0u);
		if (k < 4)
			KUNIT_EXPECT_LT_MSG(test, clen, PG / 2, "%s sample %d", alloc_name, k);
		memset(f->back, 0x5a, PG);
		dlen = PG;
		KUNIT_ASSERT_EQ(test, crypto_comp_decompress(tfm, f->comp, clen, f->back, &dlen), 0);
		KUNIT_EXPECT_EQ(test, dlen, (unsigned int)PG);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(f->src, f->back, PG), 0, "%s sample %d", alloc_name, k);
	}

	/* Noise does not fit in 64 bytes: an error, not an overrun. */
	sample_page(f->src, 4);
	memset(f->comp, 0xee, 2 * PG);
	clen = 64;
	KUNIT_EXPECT_LT(test, crypto_comp_compress(tfm, f->src, PG, f->comp, &clen), 0);
	KUNIT_EXPECT_EQ(test, f->comp[64], (u8)0xee);

	/* Corrupted input: truncated, then garbage, then too small an output. */
	sample_page(f->src, 2);
	clen = 2 * PG;
	KUNIT_ASSERT_EQ(test, crypto_comp_compress(tfm, f->src, PG, f->comp, &clen), 0);
	dlen = PG;
	KUNIT_EXPECT_LT(test, crypto_comp_decompress(tfm, f->comp, clen / 2, f->back, &dlen), 0);
	memset(f->comp, 0xff, 64);
	dlen = PG;
	KUNIT_EXPECT_LT(test, crypto_comp_decompress(tfm, f->comp, 64, f->back, &dlen), 0);
	clen = 2 * PG;
	KUNIT_ASSERT_EQ(test, crypto_comp_compress(tfm, f->src, PG, f->comp, &clen), 0);
	dlen = PG / 2;
	KUNIT_EXPECT_LT(test, crypto_comp_decompress(tfm, f->comp, clen, f->back, &dlen), 0);
	crypto_free_comp(tfm);
}

static void acomp_roundtrip(struct kunit *test, const char *alloc_name, const char *want_driver)
{
	struct crypto_fixture *f = test->priv;
	struct crypto_acomp *tfm = crypto_alloc_acomp(alloc_name, 0, 0);
	struct scatterlist in, out;
	struct acomp_req *req;
	DECLARE_CRYPTO_WAIT(wait);
	int k, ret;

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "crypto_alloc_acomp(%s): %ld",
			       alloc_name, PTR_ERR_OR_ZERO(tfm));
	KUNIT_EXPECT_STREQ(test, crypto_tfm_alg_driver_name(crypto_acomp_tfm(tfm)), want_driver);
	req = acomp_request_alloc(tfm);
	KUNIT_ASSERT_NOT_NULL(test, req);
	acomp_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG, crypto_req_done, &wait);
	for (k = 0; k < NSAMPLES; k++) {
		unsigned int clen;

		sample_page(f->src, k);
		sg_init_one(&in, f->src, PG);
		sg_init_one(&out, f->comp, 2 * PG);
		acomp_request_set_params(req, &in, &out, PG, 2 * PG);
		ret = crypto_wait_req(crypto_acomp_compress(req), &wait);
		KUNIT_ASSERT_EQ(test, ret, 0);
		clen = req->dlen;
		memset(f->back, 0x5a, PG);
		sg_init_one(&in, f->comp, clen);
		sg_init_one(&out, f->back, PG);
		acomp_request_set_params(req, &in, &out, clen, PG);
		ret = crypto_wait_req(crypto_acomp_decompress(req), &wait);
		KUNIT_ASSERT_EQ(test, ret, 0);
		KUNIT_EXPECT_EQ(test, req->dlen, (unsigned int)PG);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(f->src, f->back, PG), 0, "%s sample %d", alloc_name, k);
	}
	/* zswap gives a PAGE_SIZE output: noise must fail, not overrun. */
	sample_page(f->src, 4);
	sg_init_one(&in, f->src, PG);
	sg_init_one(&out, f->comp, PG);
	acomp_request_set_params(req, &in, &out, PG, PG);
	KUNIT_EXPECT_LT(test, crypto_wait_req(crypto_acomp_compress(req), &wait), 0);
	acomp_request_free(req);
	crypto_free_acomp(tfm);
}

static void crypto_each_codec(struct kunit *test, bool legacy)
{
	unsigned int i;

	for (i = 0; i < tz_crypto_ncodecs; i++) {
		struct tz_crypto_codec *c = &tz_crypto_codecs[i];
		struct tz_crypto_stat before, after;
		char drv[CRYPTO_MAX_ALG_NAME];

		tz_crypto_stat_sum(c, &before);
		snprintf(drv, sizeof(drv), legacy ? "%s-tzram-comp" : "%s-tzram", c->codec->name);
		if (legacy) {
			comp_roundtrip(test, drv, drv);
			/* The generic name must resolve to ours by priority. */
			comp_roundtrip(test, c->codec->name, drv);
		} else {
			acomp_roundtrip(test, drv, drv);
			acomp_roundtrip(test, c->codec->name, drv);
		}
		tz_crypto_stat_sum(c, &after);
		KUNIT_EXPECT_GE(test, after.comp_calls - before.comp_calls, 2ULL * NSAMPLES);
		KUNIT_EXPECT_GE(test, after.decomp_calls - before.decomp_calls, 2ULL * NSAMPLES);
		KUNIT_EXPECT_GT(test, after.errors, before.errors);
		KUNIT_EXPECT_EQ(test, after.comp_in - before.comp_in,
				(after.comp_calls - before.comp_calls) * PG);
	}
}

static void __maybe_unused crypto_legacy_comp(struct kunit *test)
{
	crypto_each_codec(test, true);
}

static void crypto_acomp(struct kunit *test)
{
	crypto_each_codec(test, false);
}

static struct kunit_case crypto_cases[] = {
#if TZ_HAVE_LEGACY_COMP
	KUNIT_CASE(crypto_legacy_comp),
#endif
	KUNIT_CASE(crypto_acomp),
	{}
};

/*
 * On 6.1 KUnit runs a module's suites as it is coming up, before its
 * module_init: register the algorithms for the suite then (the crypto
 * self-tests run here too), and leave them as found.
 */
static bool registered_here;

static int crypto_suite_init(struct kunit_suite *suite)
{
	int ret = 0;

	if (!tz_crypto_registered()) {
		ret = tz_crypto_init();
		registered_here = !ret && tz_crypto_registered();
	}
	return ret;
}

static void crypto_suite_exit(struct kunit_suite *suite)
{
	if (registered_here)
		tz_crypto_exit();
	registered_here = false;
}

static struct kunit_suite crypto_suite = {
	.name = "tzram_crypto",
	.suite_init = crypto_suite_init,
	.suite_exit = crypto_suite_exit,
	.init = crypto_test_init,
	.test_cases = crypto_cases,
};
kunit_test_suite(crypto_suite);
