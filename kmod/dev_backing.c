// SPDX-License-Identifier: GPL-2.0
/*
 * dev_backing.c - the backing block device (see dev_backing.h).
 *
 * Opened with O_EXCL (an exclusive open on 6.1 and 6.12 alike, so no
 * compat wrapper is needed) and closed by reset. Writes are one
 * synchronous bio at a time from the writeback pass. Reads come from a
 * worker: a bio submitted from our own ->submit_bio would only be queued
 * until we return, so waiting for it there would hang. The device's own
 * WQ_MEM_RECLAIM queue has a rescuer thread, so a swap-in under memory
 * pressure never waits for a new worker to be created.
 */
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include "dev_backing.h"

int tz_backing_open(struct tz_backing *bd, const char *path)
{
	struct workqueue_struct *wq;
	unsigned long nr, *bitmap;
	struct inode *inode;
	struct file *file;
	int ret;

	file = filp_open(path, O_RDWR | O_LARGEFILE | O_EXCL, 0);
	if (IS_ERR(file))
		return PTR_ERR(file);
	inode = file->f_mapping->host;
	ret = -ENOTBLK;
	if (!S_ISBLK(inode->i_mode))
		goto err_file;
	/* Zero-sized (which also rules out using ourselves, size 0 then). */
	nr = i_size_read(inode) >> PAGE_SHIFT;
	ret = -EINVAL;
	if (!nr)
		goto err_file;
	ret = -ENOMEM;
	bitmap = kvcalloc(BITS_TO_LONGS(nr), sizeof(long), GFP_KERNEL);
	if (!bitmap)
		goto err_file;
	wq = alloc_workqueue("tzram_bd", WQ_MEM_RECLAIM | WQ_UNBOUND, 0);
	if (!wq)
		goto err_bitmap;
	tz_backing_close(bd);
	bd->wq = wq;
	bd->file = file;
	bd->bdev = I_BDEV(inode);
	bd->bitmap = bitmap;
	bd->nr = nr;
	return 0;

err_bitmap:
	kvfree(bitmap);
err_file:
	filp_close(file, NULL);
	return ret;
}

void tz_backing_close(struct tz_backing *bd)
{
	if (bd->file) {
		/* Our bios are synchronous: none is in flight here. */
		destroy_workqueue(bd->wq);
		filp_close(bd->file, NULL);
		kvfree(bd->bitmap);
	}
	bd->wq = NULL;
	bd->file = NULL;
	bd->bdev = NULL;
	bd->bitmap = NULL;
	bd->nr = 0;
	atomic64_set(&bd->count, 0);
	atomic64_set(&bd->reads, 0);
	atomic64_set(&bd->writes, 0);
}

unsigned long tz_backing_alloc_block(struct tz_backing *bd)
{
	unsigned long blk = 1;

	for (;;) {
		blk = find_next_zero_bit(bd->bitmap, bd->nr, blk);
		if (blk >= bd->nr)
			return 0;
		if (!test_and_set_bit(blk, bd->bitmap))
			break;
	}
	atomic64_inc(&bd->count);
	return blk;
}

void tz_backing_free_block(struct tz_backing *bd, unsigned long blk)
{
	WARN_ON_ONCE(!test_and_clear_bit(blk, bd->bitmap));
	atomic64_dec(&bd->count);
}

static int tz_backing_rw_sync(struct tz_backing *bd, unsigned long blk,
			      struct page *page, blk_opf_t opf)
{
	struct bio_vec bv;
	struct bio bio;
	int ret;

	bio_init(&bio, bd->bdev, &bv, 1, opf);
	bio.bi_iter.bi_sector = blk << (PAGE_SHIFT - SECTOR_SHIFT);
	__bio_add_page(&bio, page, PAGE_SIZE, 0);
	ret = submit_bio_wait(&bio);
	bio_uninit(&bio);
	return ret;
}

struct tz_backing_read_work {
	struct work_struct work;
	struct tz_backing *bd;
	unsigned long blk;
	struct page *page;
	int ret;
};

static void tz_backing_read_fn(struct work_struct *work)
{
	struct tz_backing_read_work *w =
		container_of(work, struct tz_backing_read_work, work);

	w->ret = tz_backing_rw_sync(w->bd, w->blk, w->page, REQ_OP_READ);
}

int tz_backing_read(struct tz_backing *bd, unsigned long blk, struct page *page)
{
	struct tz_backing_read_work w = { .bd = bd, .blk = blk, .page = page };

	INIT_WORK_ONSTACK(&w.work, tz_backing_read_fn);
	queue_work(bd->wq, &w.work);
	flush_work(&w.work);
	destroy_work_on_stack(&w.work);
	if (!w.ret)
		atomic64_inc(&bd->reads);
	return w.ret;
}

int tz_backing_write(struct tz_backing *bd, unsigned long blk, struct page *page)
{
	int ret = tz_backing_rw_sync(bd, blk, page, REQ_OP_WRITE | REQ_SYNC);

	if (!ret)
		atomic64_inc(&bd->writes);
	return ret;
}
