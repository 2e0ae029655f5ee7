// SPDX-License-Identifier: GPL-2.0
/* Probe: blk_alloc_disk(lim, node) returning ERR_PTR (6.9+). */
#include <linux/blkdev.h>

struct gendisk *tz_probe(void);
struct gendisk *tz_probe(void)
{
	struct queue_limits lim = { .max_hw_discard_sectors = UINT_MAX };

	return blk_alloc_disk(&lim, NUMA_NO_NODE);
}
