// SPDX-License-Identifier: GPL-2.0
/*
 * Probe: how a bio-based disk tells swap that it completes I/O
 * synchronously (swap then reads around the swap cache, as with zram).
 */
#include <linux/blkdev.h>

#if defined(HAVE_BLK_FEAT)
/* 6.11+: a feature flag in queue_limits. */
void tz_probe(struct queue_limits *lim);
void tz_probe(struct queue_limits *lim)
{
	lim->features |= BLK_FEAT_SYNCHRONOUS | BLK_FEAT_STABLE_WRITES;
}
#elif defined(HAVE_QUEUE_FLAG_SYNCHRONOUS)
/* 6.3 to 6.10: a queue flag. */
void tz_probe(struct request_queue *q);
void tz_probe(struct request_queue *q)
{
	blk_queue_flag_set(QUEUE_FLAG_SYNCHRONOUS, q);
}
#elif defined(HAVE_BDOPS_RW_PAGE)
/* Up to 6.2: having ->rw_page(bdev, sector, page, enum req_op). */
static int tz_rw_page(struct block_device *bdev, sector_t sector,
		      struct page *page, enum req_op op)
{
	return 0;
}

const struct block_device_operations tz_probe_ops = { .rw_page = tz_rw_page };
#endif
