// SPDX-License-Identifier: GPL-2.0
/*
 * dev_writeback.c - zram's writeback: move stored pages to a backing
 * block device (backing_dev), one page per block, and read them back
 * from there.
 *
 * The backing device is opened with O_EXCL (an exclusive open on 6.1 and
 * 6.12 alike, so no compat wrapper is needed) and closed by reset. Pages
 * are written one synchronous bio at a time from the sysfs writer, with
 * no slot lock held; the slot is switched to its block only if it did
 * not change meanwhile (PP still set, as in dev_recomp.c). Reads come
 * from a worker: a bio submitted from our own ->submit_bio would only be
 * queued until we return, so waiting for it there would hang. The
 * device's own WQ_MEM_RECLAIM queue has a rescuer thread, so a swap-in
 * under memory pressure never waits for a new worker to be created.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bio.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include "dev.h"

int tz_wb_open(struct tz_adv *adv, const char *path)
{
	struct workqueue_struct *wq;
	struct file *file;
	struct inode *inode;
	unsigned long nr, *bitmap;
	int ret;

	file = filp_open(path, O_RDWR | O_LARGEFILE | O_EXCL, 0);
	if (IS_ERR(file))
		return PTR_ERR(file);
	inode = file->f_mapping->host;
	ret = -ENOTBLK;
	if (!S_ISBLK(inode->i_mode))
		goto err;
	/* Zero-sized (which also rules out using ourselves, size 0 then). */
	nr = i_size_read(inode) >> PAGE_SHIFT;
	ret = -EINVAL;
	if (!nr)
		goto err;
	ret = -ENOMEM;
	bitmap = kvzalloc(BITS_TO_LONGS(nr) * sizeof(long), GFP_KERNEL);
	if (!bitmap)
		goto err;
	wq = alloc_workqueue("tzram_bd", WQ_MEM_RECLAIM | WQ_UNBOUND, 0);
	if (!wq) {
		kvfree(bitmap);
		goto err;
	}
	tz_wb_close(adv);
	adv->bd_wq = wq;
	adv->bd_file = file;
	adv->bdev = I_BDEV(inode);
	adv->bitmap = bitmap;
	adv->bd_nr = nr;
	return 0;
err:
	filp_close(file, NULL);
	return ret;
}

void tz_wb_close(struct tz_adv *adv)
{
	if (!adv->bd_file)
		return;
	/* Our bios are synchronous: none is in flight here. */
	destroy_workqueue(adv->bd_wq);
	adv->bd_wq = NULL;
	filp_close(adv->bd_file, NULL);
	adv->bd_file = NULL;
	adv->bdev = NULL;
	kvfree(adv->bitmap);
	adv->bitmap = NULL;
	adv->bd_nr = 0;
}

/* A free block; block 0 is never used (a handle of 0 means none). */
static unsigned long tz_wb_alloc_block(struct tz_adv *adv)
{
	unsigned long blk = 1;

	for (;;) {
		blk = find_next_zero_bit(adv->bitmap, adv->bd_nr, blk);
		if (blk >= adv->bd_nr)
			return 0;
		if (!test_and_set_bit(blk, adv->bitmap))
			break;
	}
	atomic64_inc(&adv->bd_count);
	return blk;
}

void tz_wb_free_block(struct tz_adv *adv, unsigned long blk)
{
	WARN_ON_ONCE(!test_and_clear_bit(blk, adv->bitmap));
	atomic64_dec(&adv->bd_count);
}

static int tz_wb_rw_sync(struct tz_adv *adv, unsigned long blk,
			 struct page *page, blk_opf_t opf)
{
	struct bio_vec bv;
	struct bio bio;
	int ret;

	bio_init(&bio, adv->bdev, &bv, 1, opf);
	bio.bi_iter.bi_sector = blk << (PAGE_SHIFT - SECTOR_SHIFT);
	__bio_add_page(&bio, page, PAGE_SIZE, 0);
	ret = submit_bio_wait(&bio);
	bio_uninit(&bio);
	return ret;
}

struct tz_wb_read_work {
	struct work_struct work;
	struct tz_adv *adv;
	unsigned long blk;
	struct page *page;
	int ret;
};

static void tz_wb_read_fn(struct work_struct *work)
{
	struct tz_wb_read_work *w = container_of(work, struct tz_wb_read_work,
						 work);

	w->ret = tz_wb_rw_sync(w->adv, w->blk, w->page, REQ_OP_READ);
}

int tz_wb_read_block(struct tz_adv *adv, unsigned long blk, struct page *page)
{
	struct tz_wb_read_work w = { .adv = adv, .blk = blk, .page = page };

	INIT_WORK_ONSTACK(&w.work, tz_wb_read_fn);
	queue_work(adv->bd_wq, &w.work);
	flush_work(&w.work);
	destroy_work_on_stack(&w.work);
	if (!w.ret)
		atomic64_inc(&adv->bd_reads);
	return w.ret;
}

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
static bool tz_wb_limited(struct tz_adv *adv, bool charge)
{
	bool out;

	spin_lock(&adv->wb_limit_lock);
	out = adv->wb_limit_enable && !adv->wb_limit;
	if (charge && adv->wb_limit_enable && adv->wb_limit)
		adv->wb_limit -= min_t(u64, adv->wb_limit,
				       1UL << (PAGE_SHIFT - 12));
	spin_unlock(&adv->wb_limit_lock);
	return out;
}

ssize_t tz_wb_run(struct tz_dev *tz, const char *buf, size_t len)
{
	struct tz_store *st = &tz->store;
	struct tz_adv *adv = &tz->adv;
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
	nr = st->table.nr;
	if (mode == TZ_WB_PAGE) {
		if (index >= nr) {
			ret = -EINVAL;
			goto out_unlock;
		}
		nr = index + 1;
	}
	if (atomic_xchg(&adv->pp_in_progress, 1)) {
		ret = -EAGAIN;
		goto out_unlock;
	}
	if (!adv->bd_file) {
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

		if (tz_wb_limited(adv, false)) {
			ret = -EIO;
			break;
		}
		if (!blk) {
			blk = tz_wb_alloc_block(adv);
			if (!blk) {
				ret = -ENOSPC;
				break;
			}
		}
		if (!tz_wb_pick(s, mode))
			continue;
		err = tz_adv_read(st, index, page);
		if (!err)
			err = tz_wb_rw_sync(adv, blk, page, REQ_OP_WRITE | REQ_SYNC);
		if (err) {
			/* Not fatal: go on, report the last error (zram). */
			tz_slot_lock(s);
			tz_slot_clear_flag(s, TZ_SLOT_PP);
			tz_slot_unlock(s);
			ret = err;
			continue;
		}
		atomic64_inc(&adv->bd_writes);

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
		tz_wb_limited(adv, true);
		cond_resched();
	}
	if (blk)
		tz_wb_free_block(adv, blk);
	__free_page(page);
out_pp:
	atomic_set(&adv->pp_in_progress, 0);
out_unlock:
	up_read(&tz->init_lock);
	return ret;
}
