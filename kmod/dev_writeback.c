// SPDX-License-Identifier: GPL-2.0
/*
 * dev_writeback.c - zram's writeback: move stored pages to the backing
 * device (dev_backing.c), one page per block.
 *
 * Runs in the sysfs writer's process. Each chosen slot is marked (PP)
 * under its lock; where this kernel's zram orders the chosen pages
 * (compat.h) they are collected first and taken biggest object first,
 * else in index order as chosen. For each, its data is copied out and a
 * write of it submitted with no slot lock held; up to
 * writeback_batch_size writes are in flight, then the batch is waited
 * for and each slot switched to its block only if it did not change
 * meanwhile (PP still set, as in dev_recomp.c). The copies are made up to
 * TZ_COMP_BATCH slots at a time, so that their pages are decoded through
 * the codec's batch calls. Reads of written-back slots are the store's
 * (dev_store.c).
 *
 * The argument is this kernel's zram's (compat.h): a bare mode or
 * page_index=N before 6.16; from then key=value pairs (type=, page_index=,
 * page_indexes=LO-HI, several), parsed and checked in full before any
 * page moves, as zram does.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "compat.h"
#include "dev.h"
#include "dev_writeback.h"

#define TZ_WB_PAGE 0
#define TZ_WB_HUGE BIT(0)
#define TZ_WB_IDLE BIT(1)
#define TZ_WB_INCOMPRESSIBLE BIT(2)
#define TZ_WB_PAGE_SIG "page_index="
/* Writes allocated for a batch at most, whatever writeback_batch_size. */
#define TZ_WB_BATCH_MAX 256
/* zram's post-processing buckets: object sizes 64 bytes apart. */
#define TZ_WB_BUCKET_BYTES 64
#define TZ_WB_BUCKETS (PAGE_SIZE / TZ_WB_BUCKET_BYTES + 1)

/* Chosen pages waiting for their turn, in the order chosen. */
struct tz_wb_picked {
	u32 index;
	u32 bucket;
};

struct tz_wb_chunk {
	struct list_head list;
	unsigned int n;
	struct tz_wb_picked p[];
};

#define TZ_WB_CHUNK_PICKS \
	((PAGE_SIZE - sizeof(struct tz_wb_chunk)) / sizeof(struct tz_wb_picked))

struct tz_wb_req {
	struct tz_backing_wreq w;
	struct page *page;
	unsigned long index, blk;
};

/* One writeback pass. */
struct tz_wb {
	struct tz_dev *tz;
	struct tz_backing_batch batch;
	struct tz_wb_req *reqs;
	unsigned int cap, n;	/* requests allocated, taken */
	/* The last pending of the n taken: blocks reserved, not yet copied. */
	unsigned int pending;
	struct list_head chunks;	/* tz_wb_chunk: chosen, not yet taken */
	int ret;		/* the pass's result: 0 or the last error */
	bool stop;		/* limit reached or device full */
};

/*
 * Mark a slot for writeback if mode selects it; false to skip it. *size:
 * its object's size then.
 */
static bool tz_wb_pick(struct tz_slot *s, int mode, unsigned int *size)
{
	bool pick;

	tz_slot_lock(s);
	pick = tz_slot_allocated(s) && !tz_slot_test(s, TZ_SLOT_WB) &&
	       !tz_slot_test(s, TZ_SLOT_SAME) && !tz_slot_test(s, TZ_SLOT_PP) &&
	       (!(mode & TZ_WB_IDLE) || tz_slot_test(s, TZ_SLOT_IDLE)) &&
	       (!(mode & TZ_WB_HUGE) || tz_slot_test(s, TZ_SLOT_HUGE)) &&
	       (!(mode & TZ_WB_INCOMPRESSIBLE) ||
		tz_slot_test(s, TZ_SLOT_INCOMPRESSIBLE));
	if (pick)
		tz_slot_set(s, TZ_SLOT_PP);
	*size = tz_slot_size(s);
	tz_slot_unlock(s);
	return pick;
}

static void tz_wb_unpick(struct tz_slot *s)
{
	tz_slot_lock(s);
	tz_slot_clear_flag(s, TZ_SLOT_PP);
	tz_slot_unlock(s);
}

/* Is the writeback limit used up? */
static bool tz_wb_limited(struct tz_dev *tz)
{
	bool out;

	spin_lock(&tz->wb_limit_lock);
	out = tz->wb_limit_enable && !tz->wb_limit;
	spin_unlock(&tz->wb_limit_lock);
	return out;
}

/* Charge one page to the limit (at submission), or refund a failed one. */
static void tz_wb_charge(struct tz_dev *tz, bool refund)
{
	u64 unit = 1UL << (PAGE_SHIFT - 12);

	spin_lock(&tz->wb_limit_lock);
	if (tz->wb_limit_enable) {
		if (refund)
			tz->wb_limit += unit;
		else
			tz->wb_limit -= min_t(u64, tz->wb_limit, unit);
	}
	spin_unlock(&tz->wb_limit_lock);
}

static int tz_wb_start(struct tz_wb *wb, struct tz_dev *tz)
{
	unsigned int want = 1;

	memset(wb, 0, sizeof(*wb));
	wb->tz = tz;
	INIT_LIST_HEAD(&wb->chunks);
	/* Before batching, zram wrote one page at a time. */
	if (TZ_ZRAM_WB_BATCH_ERA)
		want = min_t(u32, READ_ONCE(tz->wb_batch_size), TZ_WB_BATCH_MAX);
	wb->reqs = kcalloc(want, sizeof(*wb->reqs), GFP_KERNEL);
	if (!wb->reqs)
		return -ENOMEM;
	/* As zram: as many as memory allows, at least one. */
	for (wb->cap = 0; wb->cap < want; wb->cap++) {
		wb->reqs[wb->cap].page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		if (!wb->reqs[wb->cap].page)
			break;
	}
	if (!wb->cap) {
		kfree(wb->reqs);
		return -ENOMEM;
	}
	tz_backing_batch_start(&wb->batch);
	return 0;
}

/*
 * Copy out the pending requests' pages, together (decoded through the
 * codec's batch calls, dev_store.h), and submit their writes. A slot gone
 * or unreadable is skipped, as zram does: its block and charge given
 * back, its request's place taken by the next.
 */
static void tz_wb_submit(struct tz_wb *wb)
{
	struct tz_dev *tz = wb->tz;
	struct tz_store *st = &tz->store;
	unsigned int first = wb->n - wb->pending, i, w;
	unsigned long idx[TZ_COMP_BATCH];
	struct page *pages[TZ_COMP_BATCH];
	int res[TZ_COMP_BATCH];

	if (!wb->pending)
		return;
	for (i = 0; i < wb->pending; i++) {
		idx[i] = wb->reqs[first + i].index;
		pages[i] = wb->reqs[first + i].page;
	}
	tz_store_copy_pages_for_wb(st, idx, pages, wb->pending, res);
	for (i = 0, w = first; i < wb->pending; i++) {
		struct tz_wb_req *r = &wb->reqs[first + i];

		if (res[i]) {
			tz_wb_charge(tz, true);
			tz_backing_free_block(st->bd, r->blk);
			tz_wb_unpick(tz_slot(&st->table, r->index));
			continue;
		}
		if (r != &wb->reqs[w])
			swap(*r, wb->reqs[w]);	/* pages stay owned */
		r = &wb->reqs[w++];
		tz_backing_write_submit(st->bd, &wb->batch, &r->w, r->blk,
					r->page);
	}
	wb->n = w;
	wb->pending = 0;
}

/* Wait for the submitted writes and move their slots to their blocks. */
static void tz_wb_flush(struct tz_wb *wb)
{
	struct tz_dev *tz = wb->tz;
	struct tz_store *st = &tz->store;
	unsigned int i;

	tz_wb_submit(wb);
	if (!wb->n)
		return;
	tz_backing_batch_wait(&wb->batch);
	for (i = 0; i < wb->n; i++) {
		struct tz_wb_req *r = &wb->reqs[i];
		struct tz_slot *s = tz_slot(&st->table, r->index);
		int err = tz_backing_write_result(st->bd, &r->w);

		if (err) {
			/* Not fatal: go on, report the last error (zram). */
			tz_wb_charge(tz, true);
			tz_backing_free_block(st->bd, r->blk);
			tz_wb_unpick(s);
			wb->ret = err;
			continue;
		}
		tz_slot_lock(s);
		if (tz_slot_test(s, TZ_SLOT_PP)) {
			/* Later zram keeps the slot's size and flags. */
			tz_store_set_wb(st, s, r->blk, TZ_ZRAM_WB_BATCH_ERA);
			tz_slot_unlock(s);
		} else {
			tz_slot_unlock(s);	/* changed meanwhile */
			tz_backing_free_block(st->bd, r->blk);
		}
	}
	wb->n = 0;
	tz_backing_batch_start(&wb->batch);
	cond_resched();
}

/*
 * Write back one chosen (PP) slot. The limit is checked per slot here;
 * 6.1's zram checked it, and took the block, per index (tz_wb_range).
 */
static void tz_wb_one(struct tz_wb *wb, unsigned long index)
{
	struct tz_dev *tz = wb->tz;
	struct tz_store *st = &tz->store;
	struct tz_slot *s = tz_slot(&st->table, index);
	struct tz_wb_req *r;
	unsigned long blk;

	if (wb->stop) {
		tz_wb_unpick(s);
		return;
	}
	if (TZ_ZRAM_MULTI_COMP_ERA && tz_wb_limited(tz)) {
		tz_wb_unpick(s);
		wb->ret = -EIO;
		wb->stop = true;
		return;
	}
	if (wb->n == wb->cap)
		tz_wb_flush(wb);
	blk = tz_backing_alloc_block(st->bd);
	if (!blk) {
		tz_wb_unpick(s);
		wb->ret = -ENOSPC;
		wb->stop = true;
		return;
	}
	/*
	 * Charged now, as if submitted, so that the next slot's limit check
	 * sees it; copied and submitted with the next pending ones.
	 */
	r = &wb->reqs[wb->n++];
	r->index = index;
	r->blk = blk;
	tz_wb_charge(tz, false);
	if (++wb->pending == min_t(unsigned int, wb->cap, TZ_COMP_BATCH))
		tz_wb_submit(wb);
}

/* Keep a chosen slot for later; false if out of memory. */
static bool tz_wb_keep(struct tz_wb *wb, unsigned long index, unsigned int size)
{
	struct tz_wb_chunk *c;

	c = list_empty(&wb->chunks) ? NULL :
		list_last_entry(&wb->chunks, struct tz_wb_chunk, list);
	if (!c || c->n == TZ_WB_CHUNK_PICKS) {
		c = kmalloc(PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN);
		if (!c)
			return false;
		c->n = 0;
		list_add_tail(&c->list, &wb->chunks);
	}
	c->p[c->n].index = index;
	c->p[c->n].bucket = min_t(unsigned int, size / TZ_WB_BUCKET_BYTES,
				  TZ_WB_BUCKETS - 1);
	c->n++;
	return true;
}

/* Take the kept slots: the highest bucket first, the last kept first. */
static void tz_wb_take_kept(struct tz_wb *wb)
{
	struct tz_wb_chunk *c, *tmp;
	int bucket, i;

	for (bucket = TZ_WB_BUCKETS - 1; bucket >= 0; bucket--) {
		list_for_each_entry_reverse(c, &wb->chunks, list) {
			for (i = c->n - 1; i >= 0; i--)
				if (c->p[i].bucket == bucket)
					tz_wb_one(wb, c->p[i].index);
		}
		cond_resched();
	}
	list_for_each_entry_safe(c, tmp, &wb->chunks, list) {
		list_del(&c->list);
		kfree(c);
	}
}

static void tz_wb_finish(struct tz_wb *wb)
{
	unsigned int i;

	tz_wb_take_kept(wb);
	tz_wb_flush(wb);
	for (i = 0; i < wb->cap; i++)
		__free_page(wb->reqs[i].page);
	kfree(wb->reqs);
}

/* Choose the slots of [lo, hi) that mode selects. */
static void tz_wb_range(struct tz_wb *wb, int mode, unsigned long lo,
			unsigned long hi)
{
	struct tz_dev *tz = wb->tz;
	struct tz_store *st = &tz->store;
	unsigned long index;
	unsigned int size;

	for (index = lo; index < hi && !wb->stop; index++) {
		struct tz_slot *s = tz_slot(&st->table, index);

		if (!TZ_ZRAM_MULTI_COMP_ERA) {
			/* 6.1: limit and a free block checked per index. */
			if (tz_wb_limited(tz)) {
				wb->ret = -EIO;
				wb->stop = true;
				break;
			}
			if (!tz_backing_has_free(st->bd)) {
				wb->ret = -ENOSPC;
				wb->stop = true;
				break;
			}
		}
		if (!tz_wb_pick(s, mode, &size))
			continue;
		if (!TZ_ZRAM_PP_BUCKETS) {
			tz_wb_one(wb, index);
		} else if (!tz_wb_keep(wb, index, size)) {
			tz_wb_unpick(s);	/* as zram: stop choosing */
			break;
		}
	}
}

/* A mode name: 0 and *mode set, or -EINVAL. */
static int tz_wb_mode(const char *name, int *mode)
{
	if (sysfs_streq(name, "idle"))
		*mode = TZ_WB_IDLE;
	else if (sysfs_streq(name, "huge"))
		*mode = TZ_WB_HUGE;
	else if (sysfs_streq(name, "huge_idle"))
		*mode = TZ_WB_IDLE | TZ_WB_HUGE;
	else if (TZ_ZRAM_MULTI_COMP_ERA && sysfs_streq(name, "incompressible"))
		*mode = TZ_WB_INCOMPRESSIBLE;
	else
		return -EINVAL;
	return 0;
}

/* Walks the argument's ranges, writing them back with wb (dry run: NULL). */
typedef int (*tz_wb_walk_fn)(struct tz_wb *wb, const char *buf,
			     unsigned long nr);

/* One writeback pass over the ranges the argument names. */
static ssize_t tz_wb_run(struct tz_dev *tz, tz_wb_walk_fn walk,
			 const char *buf, size_t len)
{
	struct tz_wb wb;
	int ret;

	ret = tz_wb_start(&wb, tz);
	if (ret)
		return ret;
	ret = walk(&wb, buf, tz->store.table.nr);
	tz_wb_finish(&wb);
	if (!ret)
		ret = wb.ret;
	return ret ? ret : len;
}

/* ---- before 6.16: "idle|huge|huge_idle|incompressible" or page_index=N ---- */

static int tz_wb_legacy_parse(const char *buf, int *mode, unsigned long *index)
{
	if (!strncmp(buf, TZ_WB_PAGE_SIG, sizeof(TZ_WB_PAGE_SIG) - 1) &&
	    !kstrtoul(buf + sizeof(TZ_WB_PAGE_SIG) - 1, 10, index)) {
		*mode = TZ_WB_PAGE;
		return 0;
	}
	*index = ULONG_MAX;
	return tz_wb_mode(buf, mode);
}

static int tz_wb_legacy_walk(struct tz_wb *wb, const char *buf,
			     unsigned long nr)
{
	unsigned long index;
	int mode;

	tz_wb_legacy_parse(buf, &mode, &index);	/* checked before */
	if (index == ULONG_MAX)
		tz_wb_range(wb, mode, 0, nr);
	else
		tz_wb_range(wb, mode, index, index + 1);
	return 0;
}

static ssize_t tz_wb_legacy(struct tz_dev *tz, const char *buf, size_t len)
{
	unsigned long index;
	ssize_t ret;
	int mode;

	ret = tz_wb_legacy_parse(buf, &mode, &index);
	if (ret)
		return ret;
	down_read(&tz->init_lock);
	ret = -EINVAL;
	if (!tz_dev_ready(tz))
		goto out;
	/* Which of a bad index and no backing device wins is per zram. */
	if (TZ_ZRAM_WB_NODEV_FIRST && !tz->store.bd) {
		ret = -ENODEV;
		goto out;
	}
	if (index != ULONG_MAX && index >= tz->store.table.nr)
		goto out;
	ret = tz_pp_begin(tz);
	if (ret)
		goto out;
	if (tz->store.bd)
		ret = tz_wb_run(tz, tz_wb_legacy_walk, buf, len);
	else
		ret = -ENODEV;
	tz_pp_end(tz);
out:
	up_read(&tz->init_lock);
	return ret;
}

/* ---- 6.16 on: key=value pairs ---- */

/* page_index=N: [N, N + 1); past the end -ERANGE. */
static int tz_wb_page_index(char *val, unsigned long nr, unsigned long *lo,
			    unsigned long *hi)
{
	int ret = kstrtoul(val, 10, lo);

	if (ret)
		return ret;
	if (*lo >= nr)
		return -ERANGE;
	*hi = *lo + 1;
	return 0;
}

/* page_indexes=LO-HI, inclusive: [LO, HI + 1); -ERANGE if out of order or past the end. */
static int tz_wb_page_indexes(char *val, unsigned long nr, unsigned long *lo,
			      unsigned long *hi)
{
	char *dash = strchr(val, '-');
	int ret;

	if (!dash)
		return -EINVAL;
	*dash = 0;
	ret = kstrtoul(val, 10, lo);
	if (ret)
		return ret;
	if (*lo >= nr)
		return -ERANGE;
	ret = kstrtoul(dash + 1, 10, hi);
	if (ret)
		return ret;
	if (*hi >= nr || *lo > *hi)
		return -ERANGE;
	*hi += 1;
	return 0;
}

/*
 * Walk the arguments as zram does: each page_index(es) writes back its
 * range with the mode chosen so far; a mode (type=MODE, or a bare one,
 * the old form) writes back the current range, the whole device unless
 * an index came first, and ends the argument; unknown keys are ignored.
 * With wb NULL only check: the first error, before anything moves.
 */
static int tz_wb_params_walk(struct tz_wb *wb, const char *buf,
			     unsigned long nr)
{
	unsigned long lo = 0, hi = nr;
	char *copy, *args, *param, *val;
	int mode = TZ_WB_PAGE, ret = 0;

	copy = kstrdup(buf, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	args = skip_spaces(copy);
	while (*args && !ret) {
		args = next_arg(args, &param, &val);
		if (!val || !*val || !strcmp(param, "type")) {
			ret = tz_wb_mode(val && *val ? val : param, &mode);
			if (!ret && wb)
				tz_wb_range(wb, mode, lo, hi);
			break;
		}
		if (!strcmp(param, "page_index"))
			ret = tz_wb_page_index(val, nr, &lo, &hi);
		else if (!strcmp(param, "page_indexes"))
			ret = tz_wb_page_indexes(val, nr, &lo, &hi);
		else
			continue;
		if (!ret && wb)
			tz_wb_range(wb, mode, lo, hi);
	}
	kfree(copy);
	return ret;
}

static ssize_t tz_wb_params(struct tz_dev *tz, const char *buf, size_t len)
{
	ssize_t ret;

	down_read(&tz->init_lock);
	ret = -EINVAL;
	if (!tz_dev_ready(tz))
		goto out;
	ret = -ENODEV;
	if (!tz->store.bd)
		goto out;
	ret = tz_wb_params_walk(NULL, buf, tz->store.table.nr);
	if (ret)
		goto out;
	ret = tz_pp_begin(tz);
	if (ret)
		goto out;
	ret = tz_wb_run(tz, tz_wb_params_walk, buf, len);
	tz_pp_end(tz);
out:
	up_read(&tz->init_lock);
	return ret;
}

ssize_t tz_writeback_run(struct tz_dev *tz, const char *buf, size_t len)
{
	if (TZ_ZRAM_WB_PARAMS)
		return tz_wb_params(tz, buf, len);
	return tz_wb_legacy(tz, buf, len);
}
