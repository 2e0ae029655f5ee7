// SPDX-License-Identifier: GPL-2.0
/*
 * unit_test.c - KUnit suite for units (kmod/unit.c): the slots' and the
 * units' bookkeeping under every operation on part of a unit (overwrite,
 * discard, swap slot free, the reads writeback and recompress make, a page
 * leaving for another object), recompression of a unit, the split of
 * mostly dead units, reset, and the per-CPU buffer's hits and misses.
 * Every case checks the data read back and that mm_stat's counters match
 * what the slots hold.
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/zsmalloc.h>
#include "compat.h"
#include "dev_store.h"
#include "table.h"
#include "unit.h"
#include "page_cmp.h"

#define NPAGES 64
#define UNIT 16

struct unit_ctx {
	struct tz_store st;
	struct tz_stats stats;
	struct page *pg[UNIT];		/* what was written */
	struct page *back[UNIT];	/* what is read */
};

static int unit_init(struct kunit *test)
{
	/* lz4 (the default) first, zstd (if built) to recompress with. */
	const struct tz_comp_alg *algs[TZ_MAX_COMPS] = {
		tz_comp_default(), tz_comp_find("zstd") };
	struct unit_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct tz_comp_params params[TZ_MAX_COMPS];
	unsigned int i;

	if (!c)
		return -ENOMEM;
	for (i = 0; i < TZ_MAX_COMPS; i++)
		params[i].level = TZ_COMP_NO_LEVEL;
	for (i = 0; i < UNIT; i++) {
		c->pg[i] = alloc_page(GFP_KERNEL);
		c->back[i] = alloc_page(GFP_KERNEL);
		if (!c->pg[i] || !c->back[i])
			return -ENOMEM;
	}
	if (tz_store_init(&c->st, NPAGES, algs, params, NULL, &c->stats,
			  "tzram_kunit_unit"))
		return -ENOMEM;
	if (tz_units_create(&c->st, UNIT)) {
		tz_store_destroy(&c->st);
		return -ENOMEM;
	}
	/* The per-CPU buffer's hits are only predictable on one CPU. */
	set_cpus_allowed_ptr(current, cpumask_of(raw_smp_processor_id()));
	test->priv = c;
	return 0;
}

static void unit_exit(struct kunit *test)
{
	struct unit_ctx *c = test->priv;
	unsigned int i;

	if (!c)
		return;
	set_cpus_allowed_ptr(current, cpu_possible_mask);
	tz_store_destroy(&c->st);
	for (i = 0; i < UNIT; i++) {
		__free_page(c->pg[i]);
		__free_page(c->back[i]);
	}
}

enum kind { TEXT, SAME, RANDOM, HALF, NIBBLE };

/* Compressible pages that differ from each other (seed). */
static void fill(struct page *page, enum kind k, unsigned int seed)
{
	u8 *p = kmap_local_page(page);
	unsigned int i;

	switch (k) {
	case TEXT:
		for (i = 0; i < PAGE_SIZE; i++)
			p[i] = "tzram unit kunit: the quick brown fox "[(i * 7 + seed) % 37] ^
			       (u8)(i / 97 + seed);
		break;
	case SAME:
		memset_l((unsigned long *)p, 0x0101010101010101UL * (seed & 0xff),
			 PAGE_SIZE / sizeof(long));
		break;
	case RANDOM:
		get_random_bytes(p, PAGE_SIZE);
		break;
	case HALF:		/* compresses to about half */
		get_random_bytes(p, PAGE_SIZE / 2);
		memset(p + PAGE_SIZE / 2, seed, PAGE_SIZE / 2);
		break;
	case NIBBLE:		/* LZ4 finds little, Huffman (zstd) halves it */
		get_random_bytes(p, PAGE_SIZE / 2);
		for (i = 0; i < PAGE_SIZE / 2; i++)
			p[i] = 0x40 | (p[i] & 15);
		memset(p + PAGE_SIZE / 2, 0, PAGE_SIZE / 2);
		break;
	}
	kunmap_local(p);
}

static bool page_is_zero(struct page *a)
{
	void *x = kmap_local_page(a);
	bool z = !memchr_inv(x, 0, PAGE_SIZE);

	kunmap_local(x);
	return z;
}

#define S(f) atomic64_read(&c->stats.f)
#define U(f) atomic64_read(&c->st.units->stats.f)

/* The unit a slot refers to, NULL if none (the test runs alone). */
static struct tz_unit *slot_unit(struct unit_ctx *c, unsigned long i)
{
	struct tz_slot *s = tz_slot(&c->st.table, i);

	return tz_slot_test(s, TZ_SLOT_UNIT) ? (struct tz_unit *)s->handle : NULL;
}

/* mm_stat's compr_data_size recomputed from the slots. */
static s64 compr_from_slots(struct unit_ctx *c)
{
	struct tz_unit *seen[NPAGES];
	unsigned int nseen = 0, j;
	unsigned long i;
	s64 sum = 0;

	for (i = 0; i < NPAGES; i++) {
		struct tz_unit *u = slot_unit(c, i);

		if (!u) {
			sum += tz_slot_size(tz_slot(&c->st.table, i));
			continue;
		}
		for (j = 0; j < nseen && seen[j] != u; j++)
			;
		if (j == nseen) {
			seen[nseen++] = u;
			sum += u->len;
		}
	}
	return sum;
}

/* Write run [index, index + n) of kinds k (seeded by index), check slots. */
static void write_run(struct kunit *test, unsigned long index, unsigned int n,
		      const enum kind *k)
{
	struct unit_ctx *c = test->priv;
	unsigned int i;

	for (i = 0; i < n; i++)
		fill(c->pg[i], k ? k[i] : TEXT, index + i);
	KUNIT_ASSERT_EQ(test, tz_store_write_run(&c->st, index, c->pg, n), 0);
}

static void read_run_and_check(struct kunit *test, unsigned long index,
			       unsigned int n)
{
	struct unit_ctx *c = test->priv;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, tz_store_read_run(&c->st, index, c->back, n), 0);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_TRUE_MSG(test, pages_equal(c->pg[i], c->back[i]),
				      "page %lu", index + i);
}

static void unit_whole_run(struct kunit *test)
{
	struct unit_ctx *c = test->priv;
	struct tz_unit *u;
	unsigned int i;

	write_run(test, 16, UNIT, NULL);
	u = slot_unit(c, 16);
	KUNIT_ASSERT_NOT_NULL(test, u);
	for (i = 0; i < UNIT; i++) {
		struct tz_slot *s = tz_slot(&c->st.table, 16 + i);

		KUNIT_EXPECT_PTR_EQ(test, slot_unit(c, 16 + i), u);
		KUNIT_EXPECT_EQ(test, tz_slot_uidx(s), i);
		KUNIT_EXPECT_EQ(test, tz_slot_size(s), 0U);
		KUNIT_EXPECT_TRUE(test, tz_slot_allocated(s));
	}
	KUNIT_EXPECT_EQ(test, u->npages, UNIT);
	KUNIT_EXPECT_EQ(test, u->mask, 0xffff);
	KUNIT_EXPECT_EQ(test, u->base, 16UL);
	KUNIT_EXPECT_GT(test, u->len, 0U);
	KUNIT_EXPECT_LT(test, u->len, UNIT * (u32)c->st.huge_class_size);
	KUNIT_EXPECT_EQ(test, u->nchunks, DIV_ROUND_UP(u->len, PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, S(pages_stored), UNIT);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), (s64)u->len);
	KUNIT_EXPECT_EQ(test, S(same_pages), 0);
	KUNIT_EXPECT_EQ(test, S(huge_pages), 0);
	KUNIT_EXPECT_EQ(test, U(units), 1);
	KUNIT_EXPECT_EQ(test, U(pages), UNIT);
	/* The pool holds about the unit's bytes, in whole pages. */
	KUNIT_EXPECT_GE(test, (s64)tz_store_pool_pages(&c->st) * PAGE_SIZE,
			(s64)u->len);
	KUNIT_EXPECT_LE(test, (s64)tz_store_pool_pages(&c->st),
			(s64)DIV_ROUND_UP(u->len, PAGE_SIZE) + 4);

	read_run_and_check(test, 16, UNIT);
	KUNIT_EXPECT_EQ(test, U(reads), 1);
	KUNIT_EXPECT_EQ(test, U(partial), 0);
	/* A read of half the block is partial for each of its pages. */
	read_run_and_check(test, 16, UNIT / 2);
	KUNIT_EXPECT_EQ(test, U(reads), 1);
	KUNIT_EXPECT_EQ(test, U(partial), UNIT / 2);
	KUNIT_EXPECT_EQ(test, U(hits), UNIT / 2);
	/* Never-written neighbours read as zeroes, through any path. */
	KUNIT_ASSERT_EQ(test, tz_store_read_run(&c->st, 32, c->back, 4), 0);
	KUNIT_EXPECT_TRUE(test, page_is_zero(c->back[3]));
}

/* A large folio's pages: the whole unit decoded straight into them. */
static void unit_direct_read(struct kunit *test)
{
	struct unit_ctx *c = test->priv;
	struct page *folio = alloc_pages(GFP_KERNEL, 4), *dst[UNIT];
	struct page *want = alloc_page(GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, folio);
	KUNIT_ASSERT_NOT_NULL(test, want);
	for (i = 0; i < UNIT; i++)
		dst[i] = folio + i;
	write_run(test, 0, UNIT, NULL);
	write_run(test, 16, UNIT, NULL);	/* the buffer holds this one */
	for (i = 0; i < UNIT; i++)
		fill(dst[i], RANDOM, 0);
	KUNIT_ASSERT_EQ(test, tz_store_read_run(&c->st, 0, dst, UNIT), 0);
	for (i = 0; i < UNIT; i++) {
		fill(want, TEXT, i);
		KUNIT_EXPECT_TRUE_MSG(test, pages_equal(want, dst[i]), "page %u", i);
	}
	KUNIT_EXPECT_EQ(test, U(reads), 1);
	KUNIT_EXPECT_EQ(test, U(partial), 0);
	KUNIT_EXPECT_EQ(test, U(hits), 0);
	/* Decoded straight there: the buffer still holds the other unit. */
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 17, c->back[0]), 0);
	KUNIT_EXPECT_EQ(test, U(hits), 1);

	/* A page rewritten since: read from where it is now, not the unit. */
	fill(c->pg[0], TEXT, 999);
	KUNIT_ASSERT_EQ(test, tz_store_write(&c->st, 7, c->pg[0]), 0);
	KUNIT_ASSERT_EQ(test, tz_store_read_run(&c->st, 0, dst, UNIT), 0);
	KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[0], dst[7]));
	fill(want, TEXT, 8);
	KUNIT_EXPECT_TRUE(test, pages_equal(want, dst[8]));
	__free_pages(folio, 4);
	__free_page(want);
}

static void unit_same_pages_left_out(struct kunit *test)
{
	static const enum kind k[8] = { SAME, TEXT, TEXT, SAME, TEXT, TEXT, TEXT, SAME };
	struct unit_ctx *c = test->priv;
	struct tz_unit *u;

	/* Positions 4..11 of block 0: a run that does not start the block. */
	write_run(test, 4, 8, k);
	u = slot_unit(c, 5);
	KUNIT_ASSERT_NOT_NULL(test, u);
	KUNIT_EXPECT_EQ(test, u->npages, 5);
	KUNIT_EXPECT_EQ(test, u->mask, (u16)(BIT(5) | BIT(6) | BIT(8) | BIT(9) | BIT(10)));
	KUNIT_EXPECT_NULL(test, slot_unit(c, 4));
	KUNIT_EXPECT_TRUE(test, tz_slot_test(tz_slot(&c->st.table, 4), TZ_SLOT_SAME));
	KUNIT_EXPECT_TRUE(test, tz_slot_test(tz_slot(&c->st.table, 7), TZ_SLOT_SAME));
	KUNIT_EXPECT_EQ(test, tz_slot_uidx(tz_slot(&c->st.table, 8)), 2U);
	KUNIT_EXPECT_EQ(test, tz_slot_uidx(tz_slot(&c->st.table, 10)), 4U);
	KUNIT_EXPECT_EQ(test, S(same_pages), 3);
	KUNIT_EXPECT_EQ(test, S(pages_stored), 8);
	KUNIT_EXPECT_EQ(test, U(pages), 5);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr_from_slots(c));
	read_run_and_check(test, 4, 8);
	KUNIT_EXPECT_EQ(test, U(reads), 1);
}

static void unit_not_worth_it(struct kunit *test)
{
	static const enum kind rnd[UNIT] = {
		RANDOM, RANDOM, RANDOM, RANDOM, RANDOM, RANDOM, RANDOM, RANDOM,
		RANDOM, RANDOM, RANDOM, RANDOM, RANDOM, RANDOM, RANDOM, RANDOM };
	static const enum kind one[4] = { SAME, SAME, TEXT, SAME };
	struct unit_ctx *c = test->priv;
	unsigned long i;

	/* Incompressible: stored as (huge) pages, as zram would. */
	write_run(test, 0, UNIT, rnd);
	for (i = 0; i < UNIT; i++)
		KUNIT_EXPECT_NULL(test, slot_unit(c, i));
	KUNIT_EXPECT_EQ(test, S(huge_pages), UNIT);
	KUNIT_EXPECT_EQ(test, U(units), 0);
	read_run_and_check(test, 0, UNIT);
	/* One page besides same-filled ones: a single page. */
	write_run(test, 16, 4, one);
	KUNIT_EXPECT_NULL(test, slot_unit(c, 18));
	KUNIT_EXPECT_GT(test, tz_slot_size(tz_slot(&c->st.table, 18)), 0U);
	KUNIT_EXPECT_EQ(test, U(units), 0);
	KUNIT_EXPECT_EQ(test, S(pages_stored), UNIT + 4);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr_from_slots(c));
	read_run_and_check(test, 16, 4);
}

static void unit_partial_reads_and_cache(struct kunit *test)
{
	struct unit_ctx *c = test->priv;
	struct tz_unit_buf *buf = raw_cpu_ptr(c->st.units->buf);
	struct page *want = alloc_page(GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, want);
	write_run(test, 0, UNIT, NULL);		/* A, block 0 */
	write_run(test, 16, UNIT, NULL);	/* B, block 1: now in the buffer */

	/*
	 * A's page 3: not in the buffer (B is), decoded: a miss that decodes
	 * A only up to that page (the codec stops past its last byte).
	 */
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 3, c->back[0]), 0);
	fill(want, TEXT, 3);
	KUNIT_EXPECT_TRUE(test, pages_equal(want, c->back[0]));
	KUNIT_EXPECT_EQ(test, U(partial), 1);
	KUNIT_EXPECT_EQ(test, U(hits), 0);
	KUNIT_EXPECT_EQ(test, buf->cache_id, 0ULL);
	KUNIT_EXPECT_EQ(test, buf->part_id, slot_unit(c, 3)->id);
	KUNIT_EXPECT_GE(test, buf->part_pages, 4U);
	KUNIT_EXPECT_LT(test, buf->part_pages, (unsigned int)UNIT);
	/* A page before it: a hit. */
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 1, c->back[0]), 0);
	fill(want, TEXT, 1);
	KUNIT_EXPECT_TRUE(test, pages_equal(want, c->back[0]));
	KUNIT_EXPECT_EQ(test, U(hits), 1);
	/* The last page: a miss that decodes all of A (read one by one). */
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 15, c->back[0]), 0);
	fill(want, TEXT, 15);
	KUNIT_EXPECT_TRUE(test, pages_equal(want, c->back[0]));
	KUNIT_EXPECT_EQ(test, U(hits), 1);
	KUNIT_EXPECT_EQ(test, buf->cache_id, slot_unit(c, 3)->id);
	/* Its neighbours: hits. */
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 4, c->back[0]), 0);
	fill(want, TEXT, 4);
	KUNIT_EXPECT_TRUE(test, pages_equal(want, c->back[0]));
	KUNIT_EXPECT_EQ(test, U(hits), 2);
	KUNIT_EXPECT_EQ(test, U(partial), 4);

	/* Overwrite A's page 5: the buffer must not answer for it. */
	fill(c->pg[0], TEXT, 1000);
	KUNIT_ASSERT_EQ(test, tz_store_write(&c->st, 5, c->pg[0]), 0);
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 5, c->back[0]), 0);
	KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[0], c->back[0]));
	KUNIT_EXPECT_EQ(test, U(partial), 4);

	/* A new unit over A's block: another id, so a miss, new data. */
	write_run(test, 0, UNIT, NULL);
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 16 + 2, c->back[0]), 0);
	fill(want, TEXT, 18);
	KUNIT_EXPECT_TRUE(test, pages_equal(want, c->back[0]));
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 2, c->back[0]), 0);
	KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[2], c->back[0]));
	/* The old A goes with its pages (a split queued meanwhile ends). */
	tz_units_flush(&c->st);
	KUNIT_EXPECT_EQ(test, U(units), 2);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr_from_slots(c));
	__free_page(want);
}

static void unit_partial_drops(struct kunit *test)
{
	struct unit_ctx *c = test->priv;
	struct tz_unit *u;
	s64 len;

	write_run(test, 0, UNIT, NULL);
	u = slot_unit(c, 0);
	KUNIT_ASSERT_NOT_NULL(test, u);
	len = u->len;

	/* Overwrite: the page leaves, the unit stays with the others. */
	fill(c->back[0], TEXT, 777);
	KUNIT_ASSERT_EQ(test, tz_store_write(&c->st, 3, c->back[0]), 0);
	KUNIT_EXPECT_NULL(test, slot_unit(c, 3));
	KUNIT_EXPECT_EQ(test, atomic_read(&u->live), UNIT - 1);
	KUNIT_EXPECT_EQ(test, U(pages), UNIT - 1);
	KUNIT_EXPECT_EQ(test, S(compr_data_size),
			len + tz_slot_size(tz_slot(&c->st.table, 3)));
	/* Discard, and swap's slot-free notification (atomic path). */
	tz_store_discard(&c->st, 4);
	KUNIT_EXPECT_TRUE(test, tz_store_try_discard(&c->st, 5));
	KUNIT_EXPECT_EQ(test, atomic_read(&u->live), UNIT - 3);
	KUNIT_EXPECT_EQ(test, S(pages_stored), UNIT - 2);	/* 13 + page 3 */
	KUNIT_EXPECT_EQ(test, U(units), 1);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr_from_slots(c));

	/*
	 * Post-processing reads (writeback, recompress) are not accesses:
	 * IDLE stays. An I/O read clears it.
	 */
	tz_slot_lock(tz_slot(&c->st.table, 6));
	tz_slot_set(tz_slot(&c->st.table, 6), TZ_SLOT_IDLE);
	tz_slot_unlock(tz_slot(&c->st.table, 6));
	KUNIT_ASSERT_EQ(test, tz_store_copy(&c->st, 6, c->back[1]), 0);
	KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[6], c->back[1]));
	KUNIT_EXPECT_TRUE(test, tz_slot_test(tz_slot(&c->st.table, 6), TZ_SLOT_IDLE));
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 6, c->back[1]), 0);
	KUNIT_EXPECT_FALSE(test, tz_slot_test(tz_slot(&c->st.table, 6), TZ_SLOT_IDLE));

	/*
	 * Writeback ends so: the slot's contents are swapped for a backing
	 * block under its lock (here: for nothing, no backing device).
	 */
	tz_slot_lock(tz_slot(&c->st.table, 7));
	tz_store_free_slot(&c->st, tz_slot(&c->st.table, 7));
	tz_slot_unlock(tz_slot(&c->st.table, 7));
	KUNIT_EXPECT_EQ(test, atomic_read(&u->live), UNIT - 4);
	KUNIT_EXPECT_EQ(test, S(pages_stored), UNIT - 3);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr_from_slots(c));
	/* Two partial reads of page 6 above, both from the buffer. */
	KUNIT_EXPECT_EQ(test, U(partial), 2);
	KUNIT_EXPECT_EQ(test, U(hits), 2);

	/* Everything else reads back intact; dropped pages as zeroes. */
	KUNIT_ASSERT_EQ(test, tz_store_read_run(&c->st, 0, c->back, UNIT), 0);
	KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[0], c->back[0]));
	KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[15], c->back[15]));
	KUNIT_EXPECT_TRUE(test, page_is_zero(c->back[4]));
	KUNIT_EXPECT_TRUE(test, page_is_zero(c->back[7]));
	fill(c->pg[3], TEXT, 777);
	KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[3], c->back[3]));
	/* The read covered the unit's block: one whole-unit read. */
	KUNIT_EXPECT_EQ(test, U(reads), 1);
	KUNIT_EXPECT_EQ(test, U(partial), 2);
}

static void unit_recompress(struct kunit *test)
{
	static const enum kind k[UNIT] = {
		NIBBLE, NIBBLE, NIBBLE, NIBBLE, NIBBLE, NIBBLE, NIBBLE, NIBBLE,
		NIBBLE, NIBBLE, NIBBLE, NIBBLE, NIBBLE, NIBBLE, NIBBLE, NIBBLE };
	struct tz_unit_recomp r = { .prio = 1, .prio_max = TZ_MAX_COMPS, .active = 1 };
	struct unit_ctx *c = test->priv;
	struct tz_unit *u;
	unsigned long i;
	u64 last = 0;
	s64 len;

	if (!c->st.comps[1].alg)
		kunit_skip(test, "no zstd codec in this build");
	write_run(test, 16, UNIT, k);
	u = slot_unit(c, 16);
	KUNIT_ASSERT_NOT_NULL(test, u);
	len = u->len;
	tz_store_discard(&c->st, 20);		/* one page dead already */

	/* An idle pass: one page is not idle, so the unit stays whole. */
	for (i = 16; i < 32; i++)
		tz_slot_set(tz_slot(&c->st.table, i), TZ_SLOT_IDLE);
	tz_slot_clear_flag(tz_slot(&c->st.table, 30), TZ_SLOT_IDLE);
	r.idle = true;
	KUNIT_EXPECT_EQ(test, tz_unit_recompress(&c->st, 17, &r, &last), 0);
	KUNIT_EXPECT_PTR_EQ(test, slot_unit(c, 17), u);
	for (i = 16; i < 32; i++) {
		struct tz_slot *s = tz_slot(&c->st.table, i);

		KUNIT_EXPECT_FALSE(test, tz_slot_test(s, TZ_SLOT_PP));
		/* Marks taken back, idleness given back. */
		KUNIT_EXPECT_EQ(test, tz_slot_test(s, TZ_SLOT_IDLE), i != 30);
	}
	/* Tried once per pass: the same unit again is passed by. */
	last = 0;
	r.idle = false;
	KUNIT_EXPECT_EQ(test, tz_unit_recompress(&c->st, 18, &r, &last), UNIT - 1);
	KUNIT_EXPECT_EQ(test, tz_unit_recompress(&c->st, 19, &r, &last), -EAGAIN);

	/* zstd alone beats the LZ4 unit on these: every live page left it. */
	tz_units_flush(&c->st);
	KUNIT_EXPECT_EQ(test, U(units), 0);
	KUNIT_EXPECT_EQ(test, U(pages), 0);
	for (i = 16; i < 32; i++) {
		struct tz_slot *s = tz_slot(&c->st.table, i);

		KUNIT_EXPECT_NULL(test, slot_unit(c, i));
		if (i == 20)
			continue;
		KUNIT_EXPECT_EQ(test, tz_slot_prio(s), 1U);
		KUNIT_EXPECT_GT(test, tz_slot_size(s), 0U);
		KUNIT_EXPECT_FALSE(test, tz_slot_test(s, TZ_SLOT_PP));
		/* Touched by the pass (zram's rule): not idle any more. */
		KUNIT_EXPECT_FALSE(test, tz_slot_test(s, TZ_SLOT_IDLE));
	}
	KUNIT_EXPECT_EQ(test, S(pages_stored), UNIT - 1);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr_from_slots(c));
	KUNIT_EXPECT_LT(test, S(compr_data_size), len);
	KUNIT_ASSERT_EQ(test, tz_store_read_run(&c->st, 16, c->back, UNIT), 0);
	for (i = 0; i < UNIT; i++) {
		if (i == 4)
			KUNIT_EXPECT_TRUE(test, page_is_zero(c->back[i]));
		else
			KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[i], c->back[i]));
	}
}

static void unit_split(struct kunit *test)
{
	struct unit_ctx *c = test->priv;
	unsigned long i;

	write_run(test, 16, UNIT, NULL);
	/* 8 of 16 gone: half, not most. */
	for (i = 16; i < 24; i++)
		tz_store_discard(&c->st, i);
	tz_units_flush(&c->st);
	KUNIT_EXPECT_EQ(test, U(split), 0);
	KUNIT_EXPECT_NOT_NULL(test, slot_unit(c, 24));
	/* Page 31 is being written back or recompressed (PP): left to that. */
	tz_slot_lock(tz_slot(&c->st.table, 31));
	tz_slot_set(tz_slot(&c->st.table, 31), TZ_SLOT_PP);
	tz_slot_unlock(tz_slot(&c->st.table, 31));
	/* The 9th: most are dead, the other 7 are stored alone (but 31). */
	KUNIT_EXPECT_TRUE(test, tz_store_try_discard(&c->st, 24));
	tz_units_flush(&c->st);
	KUNIT_EXPECT_EQ(test, U(split), 1);
	KUNIT_EXPECT_EQ(test, U(units), 1);
	KUNIT_EXPECT_EQ(test, U(pages), 1);
	KUNIT_EXPECT_NOT_NULL(test, slot_unit(c, 31));
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr_from_slots(c));
	/* The mover is done with it (here: gave up): it stays readable. */
	tz_slot_lock(tz_slot(&c->st.table, 31));
	tz_slot_clear_flag(tz_slot(&c->st.table, 31), TZ_SLOT_PP);
	tz_slot_unlock(tz_slot(&c->st.table, 31));
	KUNIT_ASSERT_EQ(test, tz_store_read(&c->st, 31, c->back[0]), 0);
	KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[15], c->back[0]));
	/* Its last page goes: so does the unit. */
	tz_store_discard(&c->st, 31);
	KUNIT_EXPECT_EQ(test, U(units), 0);
	KUNIT_EXPECT_EQ(test, U(pages), 0);
	for (i = 25; i < 31; i++) {
		KUNIT_EXPECT_NULL(test, slot_unit(c, i));
		KUNIT_EXPECT_GT(test, tz_slot_size(tz_slot(&c->st.table, i)), 0U);
	}
	KUNIT_EXPECT_EQ(test, S(pages_stored), 6);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr_from_slots(c));
	KUNIT_ASSERT_EQ(test, tz_store_read_run(&c->st, 16, c->back, UNIT), 0);
	for (i = 0; i < UNIT; i++) {
		if (i < 9 || i == 15)
			KUNIT_EXPECT_TRUE(test, page_is_zero(c->back[i]));
		else
			KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[i], c->back[i]));
	}
}

/*
 * A split when the pool has no room without reclaim: the worker (holding
 * a stream, no reclaimer) makes no allocation that may sleep (it would
 * wait for swap-out that waits for its stream: seen as hung tasks in the
 * VM's mTHP swap on 7.2), leaves every page in the unit, readable, and
 * counts no split; the next page that goes queues it again, and with room
 * it splits.
 */
static void unit_split_no_room(struct kunit *test)
{
	struct unit_ctx *c = test->priv;
	s64 stalls;
	unsigned long i;

	write_run(test, 16, UNIT, NULL);
	stalls = S(writestall);
	WRITE_ONCE(c->st.kunit_nowait_fails, true);
	for (i = 16; i < 25; i++)
		tz_store_discard(&c->st, i);
	tz_units_flush(&c->st);
	WRITE_ONCE(c->st.kunit_nowait_fails, false);
	KUNIT_EXPECT_EQ(test, S(writestall), stalls);
	KUNIT_EXPECT_EQ(test, U(split), 0);
	KUNIT_EXPECT_EQ(test, U(units), 1);
	KUNIT_EXPECT_EQ(test, U(pages), 7);
	for (i = 25; i < 32; i++)
		KUNIT_EXPECT_NOT_NULL(test, slot_unit(c, i));
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr_from_slots(c));
	KUNIT_ASSERT_EQ(test, tz_store_read_run(&c->st, 16, c->back, UNIT), 0);
	for (i = 9; i < UNIT; i++)
		KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[i], c->back[i]));
	/* With room again: the next page that goes splits the unit. */
	tz_store_discard(&c->st, 25);
	tz_units_flush(&c->st);
	KUNIT_EXPECT_EQ(test, U(split), 1);
	KUNIT_EXPECT_EQ(test, U(units), 0);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr_from_slots(c));
	KUNIT_ASSERT_EQ(test, tz_store_read_run(&c->st, 16, c->back, UNIT), 0);
	for (i = 10; i < UNIT; i++) {
		KUNIT_EXPECT_NULL(test, slot_unit(c, 16 + i));
		KUNIT_EXPECT_TRUE(test, pages_equal(c->pg[i], c->back[i]));
	}
}

static void unit_mem_limit(struct kunit *test)
{
	struct unit_ctx *c = test->priv;
	unsigned int i;
	s64 compr;

	write_run(test, 0, UNIT, NULL);
	compr = S(compr_data_size);
	c->stats.limit_pages = tz_store_pool_pages(&c->st);
	/* Another unit (about 32 KiB) does not fit: -ENOMEM, nothing changed. */
	for (i = 0; i < UNIT; i++)
		fill(c->pg[i], HALF, i);
	KUNIT_EXPECT_EQ(test, tz_store_write_run(&c->st, 16, c->pg, UNIT), -ENOMEM);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), compr);
	KUNIT_EXPECT_EQ(test, S(pages_stored), UNIT);
	KUNIT_EXPECT_EQ(test, U(units), 1);
	KUNIT_EXPECT_FALSE(test, tz_slot_allocated(tz_slot(&c->st.table, 16)));
	c->stats.limit_pages = 0;
	write_run(test, 16, UNIT, NULL);
	KUNIT_EXPECT_EQ(test, U(units), 2);
}

static void unit_reset(struct kunit *test)
{
	struct unit_ctx *c = test->priv;
	unsigned long i;

	write_run(test, 0, UNIT, NULL);
	write_run(test, 16, UNIT, NULL);
	write_run(test, 32, 6, NULL);
	/* A split queued, perhaps not run yet, when the store goes. */
	for (i = 16; i < 26; i++)
		tz_store_discard(&c->st, i);
	tz_store_destroy(&c->st);
	KUNIT_EXPECT_EQ(test, S(pages_stored), 0);
	KUNIT_EXPECT_EQ(test, S(compr_data_size), 0);
	KUNIT_EXPECT_EQ(test, S(same_pages), 0);
	KUNIT_EXPECT_NULL(test, c->st.units);
	/* unit_exit() destroys again: must be harmless. */
}

static struct kunit_case tzram_unit_cases[] = {
	KUNIT_CASE(unit_whole_run),
	KUNIT_CASE(unit_direct_read),
	KUNIT_CASE(unit_same_pages_left_out),
	KUNIT_CASE(unit_not_worth_it),
	KUNIT_CASE(unit_partial_reads_and_cache),
	KUNIT_CASE(unit_partial_drops),
	KUNIT_CASE(unit_recompress),
	KUNIT_CASE(unit_split),
	KUNIT_CASE(unit_split_no_room),
	KUNIT_CASE(unit_mem_limit),
	KUNIT_CASE(unit_reset),
	{}
};

static struct kunit_suite tzram_unit_suite = {
	.name = "tzram_unit",
	.init = unit_init,
	.exit = unit_exit,
	.test_cases = tzram_unit_cases,
};

kunit_test_suites(&tzram_unit_suite);
