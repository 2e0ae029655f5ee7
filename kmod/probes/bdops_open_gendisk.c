// SPDX-License-Identifier: GPL-2.0
/* Probe: block_device_operations->open(gendisk, blk_mode_t) (6.5+). */
#include <linux/blkdev.h>

static int tz_open(struct gendisk *disk, blk_mode_t mode)
{
	return 0;
}

const struct block_device_operations tz_probe_ops = { .open = tz_open };
