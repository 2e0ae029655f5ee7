// SPDX-License-Identifier: GPL-2.0
/*
 * dev_writeback.c - zram's writeback: move stored pages to the backing
 * device (dev_backing.c), one page per block.
 *
 * Runs in the sysfs writer's process, one page at a time: mark the slot
 * (PP) under its lock, copy its data out and write it to a block with no
 * slot lock held, then switch the slot to its block only if it did not
 * change meanwhile (PP still set, as in dev_recomp.c). Reads of written
 * back slots are the store's (dev_store.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/string.h>
#include "compat.h"
#include "dev.h"
#include "dev_writeback.h"

#define TZ_WB_PAGE 0
#define TZ_WB_HUGE BIT(0)
#define TZ_WB_IDLE BIT(1)
#define TZ_WB_INCOMPRESSIBLE BIT(2)
#define TZ_WB_PAGE_SIG "page_index="

/* Mark a slot for writeback if mode selects it; false to skip it. */
static bool tz_wb_pick(struct tz_slot *s, int mode)
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
	tz_slot_unlock(s);
	return pick;
}

/* Is the writeback limit used up? Else charge one page if enabled. */
static bool tz_wb_limited(struct tz_dev *tz, bool charge)
{
	bool out;

	spin_lock(&tz->wb_limit_lock);
	out = tz->wb_limit_enable && !tz->wb_limit;
	if (charge && tz->wb_limit_enable && tz->wb_limit)
		tz->wb_limit -= min_t(u64, tz->wb_limit,
				      1UL << (PAGE_SHIFT - 12));
	spin_unlock(&tz->wb_limit_lock);
	return out;
}

ssize_t tz_writeback_run(struct tz_dev *tz, const char *buf, size_t len)
{
	struct tz_store *st = &tz->store;
	struct tz_backing *bd = &tz->backing;
	unsigned long index = 0, nr, blk = 0;
	struct page *page;
	ssize_t ret = len;
	int mode, err;

	if (sysfs_streq(buf, "idle"))
		mode = TZ_WB_IDLE;
	else if (sysfs_streq(buf, "huge"))
		mode = TZ_WB_HUGE;
	else if (sysfs_streq(buf, "huge_idle"))
		mode = TZ_WB_IDLE | TZ_WB_HUGE;
	else if (sysfs_streq(buf, "incompressible"))
		mode = TZ_WB_INCOMPRESSIBLE;
	else if (!strncmp(buf, TZ_WB_PAGE_SIG, sizeof(TZ_WB_PAGE_SIG) - 1) &&
		 !kstrtoul(buf + sizeof(TZ_WB_PAGE_SIG) - 1, 10, &index))
		mode = TZ_WB_PAGE;
	else
		return -EINVAL;

	down_read(&tz->init_lock);
	if (!tz_dev_ready(tz)) {
		ret = -EINVAL;
		goto out_unlock;
	}
	/* The errno of a bad index without a backing device is per zram. */
	if (TZ_ZRAM_WB_NODEV_FIRST && !st->bd) {
		ret = -ENODEV;
		goto out_unlock;
	}
	nr = st->table.nr;
	if (mode == TZ_WB_PAGE) {
		if (index >= nr) {
			ret = -EINVAL;
			goto out_unlock;
		}
		nr = index + 1;
	}
	if (atomic_xchg(&tz->pp_in_progress, 1)) {
		ret = -EAGAIN;
		goto out_unlock;
	}
	if (!st->bd) {
		ret = -ENODEV;
		goto out_pp;
	}
	page = alloc_page(GFP_KERNEL);
	if (!page) {
		ret = -ENOMEM;
		goto out_pp;
	}

	for (; index < nr; index++) {
		struct tz_slot *s = tz_slot(&st->table, index);

		if (tz_wb_limited(tz, false)) {
			ret = -EIO;
			break;
		}
		if (!blk) {
			blk = tz_backing_alloc_block(bd);
			if (!blk) {
				ret = -ENOSPC;
				break;
			}
		}
		if (!tz_wb_pick(s, mode))
			continue;
		err = tz_store_copy(st, index, page);
		if (!err)
			err = tz_backing_write(bd, blk, page);
		if (err) {
			/* Not fatal: go on, report the last error (zram). */
			tz_slot_lock(s);
			tz_slot_clear_flag(s, TZ_SLOT_PP);
			tz_slot_unlock(s);
			ret = err;
			continue;
		}

		tz_slot_lock(s);
		if (!tz_slot_test(s, TZ_SLOT_PP)) {
			tz_slot_unlock(s);	/* changed: keep blk for the next */
			continue;
		}
		tz_store_free_slot(st, s);	/* object, stats, all flags */
		s->handle = blk;
		tz_slot_set(s, TZ_SLOT_WB);
		tz_slot_unlock(s);
		blk = 0;
		atomic64_inc(&tz->stats.pages_stored);
		tz_wb_limited(tz, true);
		cond_resched();
	}
	if (blk)
		tz_backing_free_block(bd, blk);
	__free_page(page);
out_pp:
	atomic_set(&tz->pp_in_progress, 0);
out_unlock:
	up_read(&tz->init_lock);
	return ret;
}
