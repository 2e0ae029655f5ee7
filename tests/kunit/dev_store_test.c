// SPDX-License-Identifier: GPL-2.0
/*
 * dev_store_test.c - KUnit suites for the device's page table
 * (kmod/table.h) and for the accounting of stored pages (kmod/dev_store.c):
 * every store, overwrite, discard and teardown must leave mm_stat's
 * counters exactly matching what the table holds.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include "compat.h"
#include "dev_store.h"
#include "table.h"

static void table_rejects_empty(struct kunit *test)
{
	struct tz_table t = {};

	KUNIT_EXPECT_EQ(test, tz_table_init(&t, 0), -EINVAL);
	KUNIT_EXPECT_NULL(test, t.slots);
}

static void table_slot_fields(struct kunit *test)
{
	struct tz_table t = {};
	struct tz_slot *s;

	KUNIT_ASSERT_EQ(test, tz_table_init(&t, 8), 0);
	s = tz_slot(&t, 7);
	KUNIT_EXPECT_FALSE(test, tz_slot_allocated(s));

	tz_slot_lock(s);
	tz_slot_set_size(s, PAGE_SIZE);
	tz_slot_set(s, TZ_SLOT_HUGE);
	KUNIT_EXPECT_EQ(test, tz_slot_size(s), (unsigned int)PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, tz_slot_test(s, TZ_SLOT_HUGE));
	KUNIT_EXPECT_FALSE(test, tz_slot_test(s, TZ_SLOT_SAME));
	KUNIT_EXPECT_TRUE(test, tz_slot_allocated(s));
	/* The size never spills into the flags, nor the flags into it. */
	tz_slot_set_size(s, 17);
	KUNIT_EXPECT_EQ(test, tz_slot_size(s), 17U);
	KUNIT_EXPECT_TRUE(test, tz_slot_test(s, TZ_SLOT_HUGE));
	/* Clearing keeps the lock bit we hold. */
	tz_slot_clear(s);
	KUNIT_EXPECT_TRUE(test, tz_slot_test(s, TZ_SLOT_LOCK));
	KUNIT_EXPECT_FALSE(test, tz_slot_allocated(s));
	tz_slot_set(s, TZ_SLOT_SAME);
	KUNIT_EXPECT_TRUE(test, tz_slot_allocated(s));
	KUNIT_EXPECT_EQ(test, tz_slot_size(s), 0U);
	tz_slot_clear(s);
	tz_slot_unlock(s);
	KUNIT_EXPECT_FALSE(test, tz_slot_test(s, TZ_SLOT_LOCK));
	KUNIT_EXPECT_TRUE(test, tz_slot_trylock(s));
	KUNIT_EXPECT_FALSE(test, tz_slot_trylock(s));
	tz_slot_unlock(s);
	/* Neighbours untouched. */
	KUNIT_EXPECT_EQ(test, tz_slot(&t, 6)->flags, 0UL);
	tz_table_destroy(&t);
	KUNIT_EXPECT_NULL(test, t.slots);
}

static struct kunit_case tzram_table_cases[] = {
	KUNIT_CASE(table_rejects_empty),
	KUNIT_CASE(table_slot_fields),
	{}
};

static struct kunit_suite tzram_table_suite = {
	.name = "tzram_table",
	.test_cases = tzram_table_cases,
};

/* ---- stored-page accounting ---- */

struct store_ctx {
	struct tz_store st;
	struct tz_stats stats;
	struct page *page, *back;
};

#define NPAGES 16

static int store_init(struct kunit *test)
{
	struct store_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	/* lz4 primary, zstd at priority 1: as recomp_algorithm sets it. */
	const struct tz_comp_alg *algs[TZ_MAX_COMPS] = {
		tz_comp_default(), tz_comp_find("zstd"),
	};
	struct tz_comp_params params[TZ_MAX_COMPS];
	unsigned int p;

	if (!c)
		return -ENOMEM;
	c->page = alloc_page(GFP_KERNEL);
	c->back = alloc_page(GFP_KERNEL);
	if (!c->page || !c->back)
		return -ENOMEM;
	for (p = 0; p < TZ_MAX_COMPS; p++)
		params[p].level = TZ_COMP_NO_LEVEL;
	if (tz_store_init(&c->st, NPAGES, algs, params, NULL, &c->stats,
			  "tzram_kunit"))
		return -ENOMEM;
	test->priv = c;
	return 0;
}

static void store_exit(struct kunit *test)
{
	struct store_ctx *c = test->priv;

	if (!c)
		return;
	tz_store_destroy(&c->st);
	__free_page(c->page);
	__free_page(c->back);
}

enum kind { ZERO, SAME, TEXT, RANDOM };

static void fill(struct page *page, enum kind k, unsigned int seed)
{
	u8 *p = kmap_local_page(page);
	unsigned int i;

	switch (k) {
	case ZERO:
		memset(p, 0, PAGE_SIZE);
		break;
	case SAME:
		memset_l((unsigned long *)p, 0x0101010101010101UL * (seed | 1),
			 PAGE_SIZE / sizeof(long));
		break;
	case TEXT:
		for (i = 0; i < PAGE_SIZE; i++)
			p[i] = "tzram kunit page "[(i + seed) % 17];
		break;
	case RANDOM:
		get_random_bytes(p, PAGE_SIZE);
		break;
	}
	kunmap_local(p);
}

static bool same_pages(struct page *a, struct page *b)
{
	void *x = kmap_local_page(a), *y = kmap_local_page(b);
	bool eq = !memcmp(x, y, PAGE_SIZE);

	kunmap_local(y);
	kunmap_local(x);
	return eq;
}

#define S(f) atomic64_read(&c->stats.f)

static void store_and_check(struct kunit *test, unsigned long i, enum kind k)
{
	struct store_ctx *c = test->priv;

	fill(c->page, k, i);
	KUNIT_ASSERT_EQ(test, tz_store_write(&c->st, i, c->page), 0);
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, i, c->back), 0);
	KUNIT_EXPECT_TRUE(test, same_pages(c->page, c->back));
}

static void store_counts_each_kind(struct kunit *test)
{
	struct store_ctx *c = test->priv;
	s64 compr;

	store_and_check(test, 0, ZERO);
	store_and_check(test, 1, SAME);
	KUNIT_EXPECT_EQ(test, S(same_pages), 2);
	KUNIT_EXPECT_EQ(test, S(pages_stored), 2);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), 0);

	store_and_check(test, 2, TEXT);
	compr = S(compr_data_size);
	KUNIT_EXPECT_GT(test, compr, 0);
	KUNIT_EXPECT_LT(test, compr, (s64)c->st.huge_class_size);
	KUNIT_EXPECT_EQ(test, S(huge_pages), 0);

	store_and_check(test, 3, RANDOM);
	KUNIT_EXPECT_EQ(test, S(huge_pages), 1);
	KUNIT_EXPECT_EQ(test, S(huge_pages_since), 1);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr + PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, S(pages_stored), 4);
	KUNIT_EXPECT_GT(test, (s64)tz_store_pool_pages(&c->st), 0);
	KUNIT_EXPECT_GE(test, atomic_long_read(&c->stats.max_used_pages),
			(long)tz_store_pool_pages(&c->st));

	/* An unwritten page reads as zeroes. */
	fill(c->page, ZERO, 0);
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 9, c->back), 0);
	KUNIT_EXPECT_TRUE(test, same_pages(c->page, c->back));
}

static void store_overwrite_and_discard(struct kunit *test)
{
	struct store_ctx *c = test->priv;

	store_and_check(test, 5, RANDOM);
	store_and_check(test, 5, TEXT);		/* huge -> compressed */
	KUNIT_EXPECT_EQ(test, S(huge_pages), 0);
	KUNIT_EXPECT_EQ(test, S(huge_pages_since), 1);
	KUNIT_EXPECT_EQ(test, S(pages_stored), 1);
	store_and_check(test, 5, SAME);		/* compressed -> same */
	KUNIT_EXPECT_EQ(test, S(compr_data_size), 0);
	KUNIT_EXPECT_EQ(test, S(same_pages), 1);
	store_and_check(test, 5, RANDOM);	/* same -> huge */
	KUNIT_EXPECT_EQ(test, S(same_pages), 0);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), PAGE_SIZE);

	tz_store_discard(&c->st, 5);
	KUNIT_EXPECT_EQ(test, S(pages_stored), 0);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), 0);
	KUNIT_EXPECT_EQ(test, S(huge_pages), 0);
	KUNIT_EXPECT_EQ(test, S(huge_pages_since), 2);
	KUNIT_EXPECT_TRUE(test, tz_store_try_discard(&c->st, 5));
	KUNIT_EXPECT_EQ(test, S(pages_stored), 0);
}

static void store_mem_limit(struct kunit *test)
{
	struct store_ctx *c = test->priv;
	unsigned long i;
	int ret = 0;

	store_and_check(test, 0, RANDOM);
	c->stats.limit_pages = tz_store_pool_pages(&c->st);
	/* Same-filled pages need no memory: always stored. */
	fill(c->page, SAME, 3);
	KUNIT_EXPECT_EQ(test, tz_store_write(&c->st, 1, c->page), 0);
	for (i = 2; i < NPAGES && !ret; i++) {
		fill(c->page, RANDOM, 0);
		ret = tz_store_write(&c->st, i, c->page);
	}
	KUNIT_EXPECT_EQ(test, ret, -ENOMEM);
	KUNIT_EXPECT_LE(test, S(pages_stored), (s64)i);
	/* Raising the limit lets writes through again. */
	c->stats.limit_pages = 0;
	KUNIT_EXPECT_EQ(test, tz_store_write(&c->st, i - 1, c->page), 0);
}

static void store_teardown_zeroes_counters(struct kunit *test)
{
	struct store_ctx *c = test->priv;
	unsigned long i;

	for (i = 0; i < NPAGES; i++)
		store_and_check(test, i, (enum kind)(i % 4));
	KUNIT_EXPECT_EQ(test, S(pages_stored), NPAGES);
	tz_store_destroy(&c->st);
	KUNIT_EXPECT_EQ(test, S(pages_stored), 0);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), 0);
	KUNIT_EXPECT_EQ(test, S(same_pages), 0);
	KUNIT_EXPECT_EQ(test, S(huge_pages), 0);
	/* store_exit() destroys again: must be harmless. */
}

/*
 * A slot recompressed with priority 1 (as dev_recomp.c installs it) is
 * read back by the same tz_store_read() with that priority's codec.
 */
static void store_reads_every_priority(struct kunit *test)
{
	struct store_ctx *c = test->priv;
	struct tz_comp *comp = &c->st.comps[TZ_SECONDARY_COMP];
	struct tz_slot *s = tz_slot(&c->st.table, 4);
	unsigned long handle;
	struct tz_strm *strm;
	void *mem;
	int len;

	KUNIT_ASSERT_NOT_NULL(test, comp->alg);
	store_and_check(test, 4, TEXT);
	strm = tz_strm_get(comp);
	mem = kmap_local_page(c->page);
	len = tz_comp_page(comp, strm, mem, c->st.huge_class_size);
	kunmap_local(mem);
	KUNIT_ASSERT_GT(test, len, 0);
	handle = tz_store_alloc(&c->st, len, true);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(handle));
	tz_zs_write(c->st.pool, handle, strm->buf, len);
	tz_strm_put(strm);
	tz_slot_lock(s);
	tz_store_free_slot(&c->st, s);
	s->handle = handle;
	tz_slot_set_size(s, len);
	tz_slot_set_prio(s, TZ_SECONDARY_COMP);
	tz_slot_unlock(s);
	atomic64_add(len, &c->stats.compr_data_size);
	atomic64_inc(&c->stats.pages_stored);

	memset(page_address(c->back), 0, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 4, c->back), 0);
	KUNIT_EXPECT_TRUE(test, same_pages(c->page, c->back));
	KUNIT_EXPECT_EQ(test, S(compr_data_size), (s64)len);
	tz_store_discard(&c->st, 4);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), 0);
	KUNIT_EXPECT_EQ(test, S(pages_stored), 0);
}

static struct kunit_case tzram_store_cases[] = {
	KUNIT_CASE(store_reads_every_priority),
	KUNIT_CASE(store_counts_each_kind),
	KUNIT_CASE(store_overwrite_and_discard),
	KUNIT_CASE(store_mem_limit),
	KUNIT_CASE(store_teardown_zeroes_counters),
	{}
};

static struct kunit_suite tzram_store_suite = {
	.name = "tzram_dev_store",
	.init = store_init,
	.exit = store_exit,
	.test_cases = tzram_store_cases,
};

kunit_test_suites(&tzram_table_suite, &tzram_store_suite);
