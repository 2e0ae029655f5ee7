// SPDX-License-Identifier: GPL-2.0
/*
 * crypto_edge_test.c - KUnit suite for the edges of tzram's crypto API
 * algorithms (issue 18), every buffer kmalloc'ed to its exact size so
 * that KASAN reports any byte read or written past it:
 *  - every truncation of a compressed page: an error, or (an LZ4 block
 *    cut at a sequence boundary) fewer bytes that match the page;
 *  - output capacity 0 and one byte short, both directions: an error;
 *  - input of 0 bytes, and of 256 KiB (over scomp's 128 KiB scratch);
 *  - calls from a softirq (a pinned timer) interleaved with calls from
 *    process context on the same CPU: results right, counters exact.
 * Where the kernel has the legacy "comp" type the calls go through it
 * (the caller's buffers reach our callbacks as they are); otherwise
 * through tz_crypto_run(), which the scomp callbacks run on scomp's own
 * scratch copies.
 */
#include <kunit/test.h>
#include <linux/crypto.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include "compat_crypto.h"
#include "crypto_glue.h"
#include "crypto_reg.h"

#define PG 4096

/* One caller: a transform (legacy comp) or a work buffer of its own. */
struct edge_ctx {
	struct tz_crypto_codec *codec;
	struct crypto_comp *tfm;
	void *work;
};

static int edge_open(struct kunit *test, struct edge_ctx *e,
		     struct tz_crypto_codec *c)
{
	e->codec = c;
	e->tfm = NULL;
	e->work = NULL;
#if TZ_HAVE_LEGACY_COMP
	{
		char drv[CRYPTO_MAX_ALG_NAME];

		snprintf(drv, sizeof(drv), "%s-tzram-comp", c->codec->name);
		e->tfm = crypto_alloc_comp(drv, 0, 0);
		if (IS_ERR(e->tfm)) {
			KUNIT_FAIL(test, "crypto_alloc_comp(%s): %ld", drv, PTR_ERR(e->tfm));
			e->tfm = NULL;
			return -EINVAL;
		}
		return 0;
	}
#endif
	e->work = kvzalloc(tz_crypto_work_size(c), GFP_KERNEL);
	return e->work ? 0 : -ENOMEM;
}

static void edge_close(struct edge_ctx *e)
{
	if (e->tfm)
		crypto_free_comp(e->tfm);
	kvfree(e->work);
}

static int edge_call(struct edge_ctx *e, bool comp, const u8 *src,
		     unsigned int slen, u8 *dst, unsigned int *dlen)
{
#if TZ_HAVE_LEGACY_COMP
	if (e->tfm)
		return comp ? crypto_comp_compress(e->tfm, src, slen, dst, dlen) :
			      crypto_comp_decompress(e->tfm, src, slen, dst, dlen);
#endif
	return tz_crypto_run(e->codec, comp, src, slen, dst, dlen, e->work);
}

static void edge_page(u8 *p, unsigned int len, u32 seed)
{
	static const char text[] = "tzram crypto edges: exact buffers, every length. ";
	unsigned int i;

	for (i = 0; i < len; i++)
		p[i] = text[(i + seed) % (sizeof(text) - 1)] ^ (u8)((i >> 10) + seed);
}

/* The page compressed into a buffer of exactly its length. */
static u8 *edge_compress(struct kunit *test, struct edge_ctx *e, const u8 *page,
			 unsigned int *clen)
{
	u8 *big = kunit_kmalloc(test, 2 * PG, GFP_KERNEL), *exact;

	KUNIT_ASSERT_NOT_NULL(test, big);
	*clen = 2 * PG;
	KUNIT_ASSERT_EQ(test, edge_call(e, true, page, PG, big, clen), 0);
	exact = kunit_kmalloc(test, *clen, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, exact);
	memcpy(exact, big, *clen);
	kunit_kfree(test, big);
	return exact;
}

static int edge_init(struct kunit *test)
{
	if (!tz_crypto_registered())
		kunit_skip(test, "tzram loaded with crypto=0");
	return 0;
}

/* Every prefix of a compressed page, each in a buffer of its exact size. */
static void edge_truncation(struct kunit *test)
{
	u8 *page = kunit_kmalloc(test, PG, GFP_KERNEL);
	u8 *out = kunit_kmalloc(test, PG, GFP_KERNEL);
	unsigned int i, t, clen, dlen, shorter;
	struct edge_ctx e;
	u8 *comp, *cut;
	int ret;

	KUNIT_ASSERT_TRUE(test, page && out);
	edge_page(page, PG, 1);
	for (i = 0; i < tz_crypto_ncodecs; i++) {
		KUNIT_ASSERT_EQ(test, edge_open(test, &e, &tz_crypto_codecs[i]), 0);
		comp = edge_compress(test, &e, page, &clen);
		shorter = 0;
		for (t = 0; t < clen; t++) {
			cut = kmalloc(t, GFP_KERNEL);	/* t == 0: ZERO_SIZE_PTR */
			KUNIT_ASSERT_FALSE(test, t && !cut);
			if (t)
				memcpy(cut, comp, t);
			dlen = PG;
			ret = edge_call(&e, false, cut, t, out, &dlen);
			if (!ret) {
				/* A valid shorter block: what it gives must be the page's start. */
				KUNIT_EXPECT_LT_MSG(test, dlen, PG, "%s: %u of %u bytes",
						    e.codec->codec->name, t, clen);
				KUNIT_EXPECT_EQ_MSG(test, memcmp(out, page, dlen), 0,
						    "%s: %u of %u bytes", e.codec->codec->name, t, clen);
				shorter++;
			}
			kfree(cut);
		}
		/* The whole object still decodes (nothing above corrupted it). */
		dlen = PG;
		KUNIT_EXPECT_EQ(test, edge_call(&e, false, comp, clen, out, &dlen), 0);
		KUNIT_EXPECT_EQ(test, dlen, (unsigned int)PG);
		KUNIT_EXPECT_EQ(test, memcmp(out, page, PG), 0);
		kunit_info(test, "%s: %u truncations, %u decoded to a shorter prefix",
			   e.codec->codec->name, clen, shorter);
		edge_close(&e);
	}
}

/* Output capacity 0 and one byte short: an error, nothing written. */
static void edge_capacity(struct kunit *test)
{
	u8 *page = kunit_kmalloc(test, PG, GFP_KERNEL);
	unsigned int i, clen, dlen;
	struct edge_ctx e;
	u8 *comp, *dst;

	KUNIT_ASSERT_NOT_NULL(test, page);
	edge_page(page, PG, 2);
	for (i = 0; i < tz_crypto_ncodecs; i++) {
		KUNIT_ASSERT_EQ(test, edge_open(test, &e, &tz_crypto_codecs[i]), 0);
		comp = edge_compress(test, &e, page, &clen);

		dst = kmalloc(0, GFP_KERNEL);	/* ZERO_SIZE_PTR: any write faults */
		dlen = 0;
		KUNIT_EXPECT_LT(test, edge_call(&e, true, page, PG, dst, &dlen), 0);
		dlen = 0;
		KUNIT_EXPECT_LT(test, edge_call(&e, false, comp, clen, dst, &dlen), 0);
		kfree(dst);

		dst = kmalloc(clen - 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, dst);
		dlen = clen - 1;
		KUNIT_EXPECT_LT_MSG(test, edge_call(&e, true, page, PG, dst, &dlen), 0,
				    "%s: compress into %u bytes", e.codec->codec->name, clen - 1);
		kfree(dst);

		dst = kmalloc(PG - 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, dst);
		dlen = PG - 1;
		KUNIT_EXPECT_LT_MSG(test, edge_call(&e, false, comp, clen, dst, &dlen), 0,
				    "%s: decompress into %u bytes", e.codec->codec->name, PG - 1);
		kfree(dst);
		edge_close(&e);
	}
}

/* Input of 0 bytes; input of 256 KiB, over scomp's 128 KiB scratch. */
static void edge_input_size(struct kunit *test)
{
	const unsigned int big = 256 << 10;
	unsigned int i, clen, dlen, bound = big + big / 64 + 1024;
	u8 *src = kvmalloc(big, GFP_KERNEL), *comp = kvmalloc(bound, GFP_KERNEL);
	u8 *back = kvmalloc(big, GFP_KERNEL), *out = kunit_kmalloc(test, PG, GFP_KERNEL);
	struct edge_ctx e;
	int ret;

	KUNIT_ASSERT_TRUE(test, src && comp && back && out);
	edge_page(src, big, 3);
	for (i = 0; i < tz_crypto_ncodecs; i++) {
		KUNIT_ASSERT_EQ(test, edge_open(test, &e, &tz_crypto_codecs[i]), 0);

		/* 0 bytes in: a valid empty object, or an error; never a fault. */
		clen = bound;
		ret = edge_call(&e, true, ZERO_SIZE_PTR, 0, comp, &clen);
		if (!ret) {
			dlen = PG;
			KUNIT_EXPECT_EQ(test, edge_call(&e, false, comp, clen, out, &dlen), 0);
			KUNIT_EXPECT_EQ(test, dlen, 0u);
		}
		dlen = PG;
		KUNIT_EXPECT_LT(test, edge_call(&e, false, ZERO_SIZE_PTR, 0, out, &dlen), 0);

		/* 256 KiB: a round trip, or a clean refusal. */
		clen = bound;
		ret = edge_call(&e, true, src, big, comp, &clen);
		kunit_info(test, "%s: %u bytes in: %d (%u out)", e.codec->codec->name, big, ret,
			   ret ? 0 : clen);
		if (!ret) {
			dlen = big;
			KUNIT_EXPECT_EQ(test, edge_call(&e, false, comp, clen, back, &dlen), 0);
			KUNIT_EXPECT_EQ(test, dlen, big);
			KUNIT_EXPECT_EQ(test, memcmp(src, back, big), 0);
			/* One byte short of the output: refused, not overrun. */
			dlen = big - 1;
			KUNIT_EXPECT_LT(test, edge_call(&e, false, comp, clen, back, &dlen), 0);
		} else {
			KUNIT_EXPECT_TRUE(test, ret == -EINVAL || ret == -ENOSPC);
		}
		edge_close(&e);
	}
	kvfree(src);
	kvfree(comp);
	kvfree(back);
}

/* ---- softirq and process context on one CPU ---- */

struct edge_side {
	struct edge_ctx e;
	u8 *page, *comp, *out, *again;
	unsigned int clen;
	unsigned int comps, decomps, bad;
};

/* One round trip of the side's page; results checked byte for byte. */
static void edge_round(struct edge_side *s)
{
	unsigned int dlen = PG, clen = 2 * PG;

	if (edge_call(&s->e, false, s->comp, s->clen, s->out, &dlen) || dlen != PG ||
	    memcmp(s->out, s->page, PG))
		s->bad++;
	s->decomps++;
	if (edge_call(&s->e, true, s->page, PG, s->again, &clen) || clen != s->clen ||
	    memcmp(s->again, s->comp, clen))
		s->bad++;
	s->comps++;
}

struct edge_irq {
	struct timer_list timer;
	struct edge_side side;
	int left;
	unsigned int not_softirq, wrong_cpu;
	int cpu;
};

static void edge_timer_fn(struct timer_list *t)
{
	struct edge_irq *x = from_timer(x, t, timer);

	if (!in_serving_softirq())
		x->not_softirq++;
	if (smp_processor_id() != x->cpu)
		x->wrong_cpu++;
	edge_round(&x->side);
	if (--x->left > 0)
		mod_timer(&x->timer, jiffies + 1);	/* pinned: stays here */
}

static void edge_side_init(struct kunit *test, struct edge_side *s,
			   struct tz_crypto_codec *c, u32 seed)
{
	memset(s, 0, sizeof(*s));
	KUNIT_ASSERT_EQ(test, edge_open(test, &s->e, c), 0);
	s->page = kunit_kmalloc(test, PG, GFP_KERNEL);
	s->out = kunit_kmalloc(test, PG, GFP_KERNEL);
	s->again = kunit_kmalloc(test, 2 * PG, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, s->page && s->out && s->again);
	edge_page(s->page, PG, seed);
	s->comp = edge_compress(test, &s->e, s->page, &s->clen);
}

static void edge_contexts(struct kunit *test)
{
	struct edge_irq *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct tz_crypto_stat before, after;
	struct edge_side proc;
	unsigned long end;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, x);
	for (i = 0; i < tz_crypto_ncodecs; i++) {
		struct tz_crypto_codec *c = &tz_crypto_codecs[i];

		edge_side_init(test, &x->side, c, 4);
		edge_side_init(test, &proc, c, 5);
		tz_crypto_stat_sum(c, &before);
		migrate_disable();
		x->cpu = smp_processor_id();
		x->left = 40;
		timer_setup(&x->timer, edge_timer_fn, TIMER_PINNED);
		x->timer.expires = jiffies + 1;
		add_timer_on(&x->timer, x->cpu);
		/* Until the timer is done, and at least as many rounds here. */
		end = jiffies + msecs_to_jiffies(20000);
		while ((READ_ONCE(x->left) > 0 || proc.decomps < x->side.decomps) &&
		       time_before(jiffies, end)) {
			edge_round(&proc);
			cond_resched();
		}
		del_timer_sync(&x->timer);
		migrate_enable();
		tz_crypto_stat_sum(c, &after);

		kunit_info(test, "%s: %u softirq and %u process round trips on cpu %d",
			   c->codec->name, x->side.decomps, proc.decomps, x->cpu);
		KUNIT_EXPECT_EQ(test, x->left, 0);
		KUNIT_EXPECT_EQ(test, x->not_softirq, 0u);
		KUNIT_EXPECT_EQ(test, x->wrong_cpu, 0u);
		KUNIT_EXPECT_EQ(test, x->side.bad, 0u);
		KUNIT_EXPECT_EQ(test, proc.bad, 0u);
		/* Per-CPU counters updated from both contexts lose nothing. */
		KUNIT_EXPECT_EQ(test, after.decomp_calls - before.decomp_calls,
				(u64)x->side.decomps + proc.decomps);
		KUNIT_EXPECT_EQ(test, after.comp_calls - before.comp_calls,
				(u64)x->side.comps + proc.comps);
		KUNIT_EXPECT_EQ(test, after.errors, before.errors);
		KUNIT_EXPECT_EQ(test, after.decomp_out - before.decomp_out,
				((u64)x->side.decomps + proc.decomps) * PG);
		edge_close(&x->side.e);
		edge_close(&proc.e);
	}
}

static struct kunit_case crypto_edge_cases[] = {
	KUNIT_CASE(edge_truncation),
	KUNIT_CASE(edge_capacity),
	KUNIT_CASE(edge_input_size),
	KUNIT_CASE(edge_contexts),
	{}
};

/* As tzram_crypto: on 6.1 the suites run before module_init. */
static bool edge_registered_here;

static int crypto_edge_suite_init(struct kunit_suite *suite)
{
	int ret = 0;

	if (!tz_crypto_registered()) {
		ret = tz_crypto_init();
		edge_registered_here = !ret && tz_crypto_registered();
	}
	return ret;
}

static void crypto_edge_suite_exit(struct kunit_suite *suite)
{
	if (edge_registered_here)
		tz_crypto_exit();
	edge_registered_here = false;
}

static struct kunit_suite crypto_edge_suite = {
	.name = "tzram_crypto_edge",
	.suite_init = crypto_edge_suite_init,
	.suite_exit = crypto_edge_suite_exit,
	.init = edge_init,
	.test_cases = crypto_edge_cases,
};
kunit_test_suite(crypto_edge_suite);
