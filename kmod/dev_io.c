// SPDX-License-Identifier: GPL-2.0
/*
 * dev_io.c - bio handling: split requests into device pages and hand them
 * to the store (whole pages up to TZ_COMP_BATCH at a time, for the
 * codec's batch calls); discard, write-zeroes and swap slot-free
 * notification drop pages.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bio.h>
#include <linux/highmem.h>
#include "compat.h"
#include "dev.h"
#include "dev_io.h"
#include "gpu_dev.h"
#include "unit_io.h"

/* Whole logical blocks inside the device. */
static bool tz_io_valid(struct tz_dev *tz, sector_t sector, unsigned int size)
{
	u64 start = (u64)sector << SECTOR_SHIFT;
	u64 disksize = READ_ONCE(tz->disksize);

	if (!IS_ALIGNED(start, TZ_LOGICAL_BLOCK_SIZE) ||
	    !IS_ALIGNED(size, TZ_LOGICAL_BLOCK_SIZE))
		return false;
	return start <= disksize && size <= disksize - start;
}

/*
 * Part of a page (a bvec smaller than a page, possible when the logical
 * block is smaller than the page): read-modify-write through a bounce page.
 */
static int tz_rw_partial(struct tz_dev *tz, struct bio_vec *bv, u32 index,
			 u32 offset, bool write)
{
	struct page *page = alloc_page(GFP_NOIO);
	void *mem;
	int ret;

	if (!page)
		return -ENOMEM;
	ret = tz_store_read(&tz->store, index, page);
	if (!ret) {
		mem = kmap_local_page(page);
		if (write)
			memcpy_from_bvec(mem + offset, bv);
		else
			memcpy_to_bvec(bv, mem + offset);
		kunmap_local(mem);
		if (write)
			ret = tz_store_write(&tz->store, index, page);
	}
	__free_page(page);
	return ret;
}

/*
 * The whole pages from iter on, up to max: their pages into pages[],
 * iter past them. The caller is at the start of a device page.
 */
static unsigned int tz_bio_whole_pages(struct bio *bio, struct bvec_iter *iter,
				       struct page **pages, unsigned int max)
{
	unsigned int n = 0;

	while (n < max && iter->bi_size >= PAGE_SIZE) {
		struct bio_vec bv = bio_iter_iovec(bio, *iter);

		if (bv.bv_len != PAGE_SIZE)
			break;
		pages[n++] = bv.bv_page;
		bio_advance_iter_single(bio, iter, PAGE_SIZE);
	}
	return n;
}

/*
 * Whole pages stored one by one, several at a time: the store reads or
 * writes them through the codec's batch calls (dev_store.h), stopping at
 * the first that fails. Counted as one call per page would be: every
 * page up to and including the failing one.
 */
static int tz_bio_rw_pages(struct tz_dev *tz, struct bio *bio,
			   struct bvec_iter *iter, bool write)
{
	u32 index = iter->bi_sector >> TZ_SECTORS_PER_PAGE_SHIFT;
	struct page *pages[TZ_COMP_BATCH];
	unsigned int n, done, i;
	int ret;

	n = tz_bio_whole_pages(bio, iter, pages, TZ_COMP_BATCH);
	if (write)
		ret = tz_store_write_pages(&tz->store, index, pages, n, &done);
	else
		ret = tz_store_read_pages(&tz->store, index, pages, n, &done);
	atomic64_add(done + !!ret, write ? &tz->stats.num_writes :
					   &tz->stats.num_reads);
	if (!write)
		for (i = 0; i < done; i++)
			flush_dcache_page(pages[i]);
	return ret;
}

static void tz_bio_rw(struct tz_dev *tz, struct bio *bio, bool write)
{
	unsigned long start = tz_io_acct_start(bio);
	struct bvec_iter iter = bio->bi_iter;

	/* Large reads may go to the GPU helper as batches (gpu_dev.c). */
	if (!write && tz_gpu_read_bio(tz, bio))
		iter.bi_size = 0;	/* all of it done there */
	/* Runs of whole pages where the device has units (unit_io.c). */
	else if (tz_unit_bio(tz, bio, write))
		iter.bi_size = 0;

	while (iter.bi_size) {
		u32 index = iter.bi_sector >> TZ_SECTORS_PER_PAGE_SHIFT;
		u32 offset = (iter.bi_sector & (TZ_SECTORS_PER_PAGE - 1)) <<
			     SECTOR_SHIFT;
		struct bio_vec bv = bio_iter_iovec(bio, iter);
		int ret;

		bv.bv_len = min_t(u32, bv.bv_len, PAGE_SIZE - offset);
		if (bv.bv_len == PAGE_SIZE) {
			ret = tz_bio_rw_pages(tz, bio, &iter, write);
		} else {
			ret = tz_rw_partial(tz, &bv, index, offset, write);
			atomic64_inc(write ? &tz->stats.num_writes :
					     &tz->stats.num_reads);
			if (!write && !ret)
				flush_dcache_page(bv.bv_page);
			bio_advance_iter_single(bio, &iter, bv.bv_len);
		}
		if (ret) {
			atomic64_inc(write ? &tz->stats.failed_writes :
					     &tz->stats.failed_reads);
			/* -ENOMEM (mem_limit, pool) reaches the submitter as such. */
			bio->bi_status = errno_to_blk_status(ret);
			break;
		}
	}
	tz_io_acct_end(bio, start);
	bio_endio(bio);
}

/*
 * Discard and write-zeroes free whole pages (an unstored page reads as
 * zeroes). A partial page at either end is left alone, as zram does.
 */
static void tz_bio_discard(struct tz_dev *tz, struct bio *bio)
{
	u32 index = bio->bi_iter.bi_sector >> TZ_SECTORS_PER_PAGE_SHIFT;
	u32 offset = (bio->bi_iter.bi_sector & (TZ_SECTORS_PER_PAGE - 1)) <<
		     SECTOR_SHIFT;
	size_t n = bio->bi_iter.bi_size;

	if (offset) {
		if (n <= PAGE_SIZE - offset)
			goto out;
		n -= PAGE_SIZE - offset;
		index++;
	}
	while (n >= PAGE_SIZE) {
		tz_store_discard(&tz->store, index);
		atomic64_inc(&tz->stats.notify_free);
		index++;
		n -= PAGE_SIZE;
	}
out:
	bio_endio(bio);
}

void tz_submit_bio(struct bio *bio)
{
	struct tz_dev *tz = bio->bi_bdev->bd_disk->private_data;

	if (!tz_io_valid(tz, bio->bi_iter.bi_sector, bio->bi_iter.bi_size)) {
		atomic64_inc(&tz->stats.invalid_io);
		bio_io_error(bio);
		return;
	}
	switch (bio_op(bio)) {
	case REQ_OP_READ:
		tz_bio_rw(tz, bio, false);
		break;
	case REQ_OP_WRITE:
		tz_bio_rw(tz, bio, true);
		break;
	case REQ_OP_DISCARD:
	case REQ_OP_WRITE_ZEROES:
		tz_bio_discard(tz, bio);
		break;
	default:
		bio->bi_status = BLK_STS_NOTSUPP;
		bio_endio(bio);
	}
}

/*
 * One whole page without a bio (->rw_page, where the kernel has it). On
 * failure the caller falls back to a bio, so errors are only counted.
 */
int tz_rw_page(struct block_device *bdev, sector_t sector, struct page *page,
	       bool write)
{
	struct tz_dev *tz = bdev->bd_disk->private_data;
	unsigned long index = sector >> TZ_SECTORS_PER_PAGE_SHIFT;
	int ret;

	if (folio_test_large(page_folio(page)))
		return -EOPNOTSUPP;
	if (!IS_ALIGNED(sector, TZ_SECTORS_PER_PAGE))
		return -EOPNOTSUPP;	/* part of a page: the bio path does it */
	if (!tz_io_valid(tz, sector, PAGE_SIZE)) {
		atomic64_inc(&tz->stats.invalid_io);
		return -EINVAL;
	}
	if (write) {
		atomic64_inc(&tz->stats.num_writes);
		ret = tz_store_write(&tz->store, index, page);
	} else {
		atomic64_inc(&tz->stats.num_reads);
		ret = tz_store_read(&tz->store, index, page);
		if (!ret)
			flush_dcache_page(page);
	}
	if (ret)
		atomic64_inc(write ? &tz->stats.failed_writes :
				     &tz->stats.failed_reads);
	return ret;
}

/*
 * Swap tells us a slot is free: drop the page now rather than on its next
 * overwrite. Called under the swap cluster spinlock: must not sleep, so
 * a busy slot is left (counted in miss_free).
 */
void tz_swap_slot_free_notify(struct block_device *bdev, unsigned long index)
{
	struct tz_dev *tz = bdev->bd_disk->private_data;

	atomic64_inc(&tz->stats.notify_free);
	if (index >= (READ_ONCE(tz->disksize) >> PAGE_SHIFT))
		return;
	if (!tz_store_try_discard(&tz->store, index))
		atomic64_inc(&tz->stats.miss_free);
}
