// SPDX-License-Identifier: GPL-2.0
/*
 * batch_test.c - KUnit suite for the batch calls as the device uses them
 * (kmod/comp.c tz_comp_pages/tz_decomp_pages, kmod/dev_store.c
 * tz_store_read_pages/tz_store_write_pages): a corrupt page among good
 * ones fails alone and no neighbour comes back wrong, batches stay within
 * TZ_COMP_BATCH pages per call (per SIMD section), a codec without batch
 * calls takes the one-page calls through the same function, and a batch
 * write leaves exactly the accounting of single writes.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "compat.h"
#include "dev_store.h"
#include "page_cmp.h"

/* Pages per test: two full batches and a partial one. */
#define BPAGES (2 * TZ_COMP_BATCH + 4)

struct batch_ctx {
	struct page *page[BPAGES], *back[BPAGES];
	u8 *comp;			/* BPAGES compressed pages, PAGE_SIZE each */
	struct tz_codec_job jobs[BPAGES];
};

static int batch_init(struct kunit *test)
{
	struct batch_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	unsigned int i;

	if (!c)
		return -ENOMEM;
	test->priv = c;
	c->comp = vzalloc(BPAGES * PAGE_SIZE);
	if (!c->comp)
		return -ENOMEM;
	for (i = 0; i < BPAGES; i++) {
		c->page[i] = alloc_page(GFP_KERNEL);
		c->back[i] = alloc_page(GFP_KERNEL);
		if (!c->page[i] || !c->back[i])
			return -ENOMEM;
	}
	return 0;
}

static void batch_exit(struct kunit *test)
{
	struct batch_ctx *c = test->priv;
	unsigned int i;

	if (!c)
		return;
	for (i = 0; i < BPAGES; i++) {
		if (c->page[i])
			__free_page(c->page[i]);
		if (c->back[i])
			__free_page(c->back[i]);
	}
	vfree(c->comp);
}

/* Every 7th page is random: it does not fit, the store keeps it whole. */
#define WHOLE(i) ((i) % 7 == 6)
#define NCOMP (BPAGES - BPAGES / 7)

/* Page i: text with a seed of its own (compressible), or random. */
static void fill_page(struct page *page, unsigned int i)
{
	u8 *p = kmap_local_page(page);
	unsigned int k;

	if (WHOLE(i)) {
		get_random_bytes(p, PAGE_SIZE);
	} else {
		for (k = 0; k < PAGE_SIZE; k++)
			p[k] = "tzram batch kunit "[(k / (i + 1) + i) % 18] ^ (k % 64 == i);
	}
	kunmap_local(p);
}

static void poison(struct page *page)
{
	void *p = kmap_local_page(page);

	memset(p, 0x5a, PAGE_SIZE);
	kunmap_local(p);
}

/*
 * Compress BPAGES pages with comp (in its batch calls when it has them)
 * into c->comp and decompress the compressed ones back, page bad's bytes
 * overwritten with 0xff first (LZ4: a literal run longer than its input;
 * ZSTD: no frame magic). Returns what tz_decomp_pages() returned.
 */
static int batch_roundtrip(struct kunit *test, struct tz_comp *comp, int bad)
{
	struct batch_ctx *c = test->priv;
	unsigned int i, k, at[BPAGES];
	int len[BPAGES];
	struct tz_strm *strm;
	int failed;

	for (i = 0; i < BPAGES; i++) {
		fill_page(c->page[i], i);
		poison(c->back[i]);
		c->jobs[i] = (struct tz_codec_job){
			.src = page_address(c->page[i]), .src_len = PAGE_SIZE,
			.dst = c->comp + i * PAGE_SIZE, .dst_cap = PAGE_SIZE,
		};
	}
	strm = tz_strm_get(comp);
	failed = tz_comp_pages(comp, strm, c->jobs, BPAGES);
	tz_strm_put(strm);
	for (i = 0; i < BPAGES; i++) {
		len[i] = c->jobs[i].ret;
		if (WHOLE(i))
			KUNIT_EXPECT_EQ(test, len[i], -ENOSPC);
		else
			KUNIT_EXPECT_GT(test, len[i], 0);
	}
	KUNIT_EXPECT_EQ(test, failed, BPAGES - NCOMP);

	for (i = 0, k = 0; i < BPAGES; i++) {
		if (WHOLE(i))
			continue;
		if ((int)i == bad)
			memset(c->comp + i * PAGE_SIZE, 0xff, len[i]);
		c->jobs[k] = (struct tz_codec_job){
			.src = c->comp + i * PAGE_SIZE, .src_len = len[i],
			.dst = page_address(c->back[i]),
		};
		at[k++] = i;
	}
	strm = tz_strm_get(comp);
	failed = tz_decomp_pages(comp, strm, c->jobs, k);
	tz_strm_put(strm);
	while (k--) {
		i = at[k];
		if ((int)i == bad) {
			KUNIT_EXPECT_EQ(test, c->jobs[k].ret, -EIO);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, c->jobs[k].ret, 0, "page %u", i);
		KUNIT_EXPECT_TRUE_MSG(test, pages_equal(c->page[i], c->back[i]),
				      "page %u", i);
	}
	return failed;
}

static int batch_comp_init(struct kunit *test, struct tz_comp *comp,
			   const char *name)
{
	struct tz_comp_params params = { .level = TZ_COMP_NO_LEVEL };

	return tz_comp_init(comp, tz_comp_find(name), &params);
}

/*
 * LZ4 through its batch calls: a corrupt page at either end of a batch or
 * inside one fails alone, and every call took at most TZ_COMP_BATCH pages.
 */
static void batch_corrupt_page_fails_alone(struct kunit *test)
{
	/* First, inside, last of a full batch, the very last; none whole. */
	const int bad[] = { 0, 3, TZ_COMP_BATCH - 1, BPAGES - 1 };
	struct tz_comp comp;
	u64 st[TZ_BATCH_NR];
	unsigned int t;

	KUNIT_ASSERT_EQ(test, batch_comp_init(test, &comp, "lz4"), 0);
	KUNIT_ASSERT_TRUE(test, tz_comp_batches(&comp));
	for (t = 0; t < ARRAY_SIZE(bad); t++) {
		KUNIT_ASSERT_FALSE(test, WHOLE(bad[t]));
		KUNIT_EXPECT_EQ(test, batch_roundtrip(test, &comp, bad[t]), 1);
	}
	/* And none corrupt: nothing fails. */
	KUNIT_EXPECT_EQ(test, batch_roundtrip(test, &comp, -1), 0);
	tz_comp_batch_stats(&comp, st);
	/* Calls of TZ_COMP_BATCH pages and one of the rest, per pass. */
	t = ARRAY_SIZE(bad) + 1;
	KUNIT_EXPECT_EQ(test, st[TZ_BATCH_DECOMP_PAGES], (u64)t * NCOMP);
	KUNIT_EXPECT_EQ(test, st[TZ_BATCH_DECOMP_CALLS],
			(u64)t * DIV_ROUND_UP(NCOMP, TZ_COMP_BATCH));
	KUNIT_EXPECT_EQ(test, st[TZ_BATCH_COMP_PAGES], (u64)t * BPAGES);
	KUNIT_EXPECT_EQ(test, st[TZ_BATCH_COMP_CALLS],
			(u64)t * DIV_ROUND_UP(BPAGES, TZ_COMP_BATCH));
	tz_comp_destroy(&comp);
}

/* A codec without batch calls: the same function, one page per call. */
static void batch_single_page_codec(struct kunit *test)
{
	struct tz_comp comp;
	u64 st[TZ_BATCH_NR];
	unsigned int i;

	KUNIT_ASSERT_EQ(test, batch_comp_init(test, &comp, "zstd"), 0);
	KUNIT_ASSERT_FALSE(test, tz_comp_batches(&comp));
	KUNIT_EXPECT_EQ(test, batch_roundtrip(test, &comp, 5), 1);
	tz_comp_batch_stats(&comp, st);
	for (i = 0; i < TZ_BATCH_NR; i++)
		KUNIT_EXPECT_EQ(test, st[i], 0ULL);
	tz_comp_destroy(&comp);
}

/* ---- the store's multi-page reads and writes ---- */

struct store_pair {
	struct tz_store st;
	struct tz_stats stats;
};

static int pair_init(struct store_pair *p, const char *alg)
{
	const struct tz_comp_alg *algs[TZ_MAX_COMPS] = { tz_comp_find(alg) };
	struct tz_comp_params params[TZ_MAX_COMPS];
	unsigned int i;

	for (i = 0; i < TZ_MAX_COMPS; i++)
		params[i].level = TZ_COMP_NO_LEVEL;
	return tz_store_init(&p->st, BPAGES + 1, algs, params, NULL, &p->stats,
			     "tzram_kunit_batch");
}

#define SAME_AT 9	/* a same-filled page among the others */

static void fill_store_page(struct page *page, unsigned int i)
{
	if (i == SAME_AT)
		memset(page_address(page), 0x33, PAGE_SIZE);
	else
		fill_page(page, i);
}

/*
 * BPAGES pages (compressed, whole and same-filled) written in batches to
 * one store and one by one to another: the same counters, and read back
 * in batches byte for byte; then one corrupt object: the batch read stops
 * at it with -EIO, having read every page before it right, and the pages
 * after it read right from there.
 */
static void batch_store_pages(struct kunit *test)
{
	struct batch_ctx *c = test->priv;
	struct store_pair *a, *b;
	const unsigned int bad = TZ_COMP_BATCH + 2;
	unsigned int i, done;
	struct tz_slot *s;
	u64 st[TZ_BATCH_NR];
	u8 *junk;

	a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, pair_init(a, "lz4"), 0);
	KUNIT_ASSERT_EQ(test, pair_init(b, "lz4"), 0);
	for (i = 0; i < BPAGES; i++)
		fill_store_page(c->page[i], i);

	KUNIT_EXPECT_EQ(test, tz_store_write_pages(&a->st, 0, c->page, BPAGES,
						   &done), 0);
	KUNIT_EXPECT_EQ(test, done, BPAGES);
	for (i = 0; i < BPAGES; i++)
		KUNIT_EXPECT_EQ(test, tz_store_write(&b->st, i, c->page[i]), 0);
#define SAME_STAT(f) KUNIT_EXPECT_EQ(test, atomic64_read(&a->stats.f), \
				     atomic64_read(&b->stats.f))
	SAME_STAT(pages_stored);
	SAME_STAT(compr_data_size);
	SAME_STAT(same_pages);
	SAME_STAT(huge_pages);
	SAME_STAT(huge_pages_since);
#undef SAME_STAT
	KUNIT_EXPECT_EQ(test, atomic64_read(&a->stats.same_pages), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&a->stats.huge_pages), BPAGES - NCOMP);

	for (i = 0; i < BPAGES; i++)
		poison(c->back[i]);
	KUNIT_EXPECT_EQ(test, tz_store_read_pages(&a->st, 0, c->back, BPAGES,
						  &done), 0);
	KUNIT_EXPECT_EQ(test, done, BPAGES);
	for (i = 0; i < BPAGES; i++)
		KUNIT_EXPECT_TRUE_MSG(test, pages_equal(c->page[i], c->back[i]),
				      "page %u", i);
	tz_comp_batch_stats(&a->st.comps[TZ_PRIMARY_COMP], st);
	/* Every page not same-filled went through a batch of 2 or more. */
	KUNIT_EXPECT_EQ(test, st[TZ_BATCH_COMP_PAGES], (u64)BPAGES - 1);
	/* Huge and same-filled pages are copied, not decoded. */
	KUNIT_EXPECT_EQ(test, st[TZ_BATCH_DECOMP_PAGES], (u64)NCOMP - 1);
	KUNIT_EXPECT_LE(test, st[TZ_BATCH_DECOMP_PAGES],
			st[TZ_BATCH_DECOMP_CALLS] * TZ_COMP_BATCH);

	/* Corrupt one object in place. */
	s = tz_slot(&a->st.table, bad);
	KUNIT_ASSERT_GT(test, (int)tz_slot_size(s), 0);
	KUNIT_ASSERT_LT(test, (int)tz_slot_size(s), (int)PAGE_SIZE);
	junk = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, junk);
	memset(junk, 0xff, PAGE_SIZE);
	tz_zs_write(a->st.pool, s->handle, junk, tz_slot_size(s));
	KUNIT_EXPECT_EQ(test, tz_store_read(&a->st, bad, c->back[0]), -EIO);

	for (i = 0; i < BPAGES; i++)
		poison(c->back[i]);
	KUNIT_EXPECT_EQ(test, tz_store_read_pages(&a->st, 0, c->back, BPAGES,
						  &done), -EIO);
	KUNIT_EXPECT_EQ(test, done, bad);
	for (i = 0; i < bad; i++)
		KUNIT_EXPECT_TRUE_MSG(test, pages_equal(c->page[i], c->back[i]),
				      "page %u", i);
	KUNIT_EXPECT_EQ(test, tz_store_read_pages(&a->st, bad + 1, c->back + bad + 1,
						  BPAGES - bad - 1, &done), 0);
	KUNIT_EXPECT_EQ(test, done, BPAGES - bad - 1);
	for (i = bad + 1; i < BPAGES; i++)
		KUNIT_EXPECT_TRUE_MSG(test, pages_equal(c->page[i], c->back[i]),
				      "page %u", i);
	tz_store_destroy(&a->st);
	tz_store_destroy(&b->st);
}

static struct kunit_case tzram_batch_cases[] = {
	KUNIT_CASE(batch_corrupt_page_fails_alone),
	KUNIT_CASE(batch_single_page_codec),
	KUNIT_CASE(batch_store_pages),
	{}
};

static struct kunit_suite tzram_batch_suite = {
	.name = "tzram_batch",
	.init = batch_init,
	.exit = batch_exit,
	.test_cases = tzram_batch_cases,
};

kunit_test_suites(&tzram_batch_suite);
