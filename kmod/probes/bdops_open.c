// SPDX-License-Identifier: GPL-2.0
/* Probe: the signature of block_device_operations->open. */
#include <linux/blkdev.h>

#if defined(HAVE_BDOPS_OPEN_GENDISK)
/* 6.5+: the gendisk and a blk_mode_t. */
static int tz_open(struct gendisk *disk, blk_mode_t mode)
{
	return 0;
}
#elif defined(HAVE_BDOPS_OPEN_BDEV)
/* Up to 6.4: the block_device and an fmode_t. */
static int tz_open(struct block_device *bdev, fmode_t mode)
{
	return 0;
}
#endif

const struct block_device_operations tz_probe_ops = { .open = tz_open };
