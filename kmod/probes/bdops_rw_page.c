// SPDX-License-Identifier: GPL-2.0
/*
 * Probe: block_device_operations->rw_page(bdev, sector, page, enum req_op)
 * (up to 6.2): where swap learns that a disk is synchronous.
 */
#include <linux/blkdev.h>

static int tz_rw_page(struct block_device *bdev, sector_t sector,
		      struct page *page, enum req_op op)
{
	return 0;
}

const struct block_device_operations tz_probe_ops = { .rw_page = tz_rw_page };
