// SPDX-License-Identifier: GPL-2.0
/*
 * unit_io.c - bios of whole pages cut into runs, one per aligned block of
 * unit_max_pages pages they touch, handed to the units (unit.h): a write
 * run may become one unit, a read run decodes each unit it covers once.
 * Pages are counted in num_reads/num_writes one by one, as dev_io.c does.
 */
#include <linux/bio.h>
#include <linux/highmem.h>
#include "dev.h"
#include "unit.h"
#include "unit_io.h"

/* Page aligned, at least two pages, every segment one whole page. */
static bool tz_unit_bio_pages(struct bio *bio)
{
	struct bvec_iter iter;
	struct bio_vec bv;

	if (bio->bi_iter.bi_sector & (TZ_SECTORS_PER_PAGE - 1) ||
	    bio->bi_iter.bi_size < 2 * PAGE_SIZE)
		return false;
	bio_for_each_segment(bv, bio, iter)
		if (bv.bv_offset || bv.bv_len != PAGE_SIZE)
			return false;
	return true;
}

bool tz_unit_bio(struct tz_dev *tz, struct bio *bio, bool write)
{
	struct tz_store *st = &tz->store;
	struct tz_units *us = st->units;
	struct page *pages[TZ_UNIT_MAX_PAGES];
	struct bvec_iter iter = bio->bi_iter;
	unsigned long index;
	unsigned int n, i;
	int ret = 0;

	if (!us || !tz_unit_bio_pages(bio))
		return false;
	index = bio->bi_iter.bi_sector >> TZ_SECTORS_PER_PAGE_SHIFT;
	while (iter.bi_size && !ret) {
		/* Up to the end of the bio or of this aligned block. */
		n = min_t(unsigned long, iter.bi_size >> PAGE_SHIFT,
			  us->max_pages - (index & (us->max_pages - 1)));
		for (i = 0; i < n; i++) {
			pages[i] = bio_iter_page(bio, iter);
			bio_advance_iter_single(bio, &iter, PAGE_SIZE);
		}
		if (write)
			ret = tz_unit_write_run(st, index, pages, n);
		else
			ret = tz_unit_read_run(st, index, pages, n);
		atomic64_add(n, write ? &tz->stats.num_writes :
					&tz->stats.num_reads);
		if (!write && !ret)
			for (i = 0; i < n; i++)
				flush_dcache_page(pages[i]);
		index += n;
	}
	if (ret) {
		atomic64_inc(write ? &tz->stats.failed_writes :
				     &tz->stats.failed_reads);
		bio->bi_status = errno_to_blk_status(ret);
	}
	return true;
}
