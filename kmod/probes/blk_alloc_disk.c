// SPDX-License-Identifier: GPL-2.0
/* Probe: the arguments of blk_alloc_disk(). */
#include <linux/blkdev.h>

struct gendisk *tz_probe(void);
struct gendisk *tz_probe(void)
{
#if defined(HAVE_BLK_ALLOC_DISK_LIMITS)
	/* 6.9+: the queue limits and a node; returns an ERR_PTR. */
	struct queue_limits lim = { .max_hw_discard_sectors = UINT_MAX };

	return blk_alloc_disk(&lim, NUMA_NO_NODE);
#elif defined(HAVE_BLK_ALLOC_DISK_NODE)
	/* Up to 6.8: the node only; returns NULL on failure. */
	return blk_alloc_disk(NUMA_NO_NODE);
#endif
}
