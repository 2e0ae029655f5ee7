// SPDX-License-Identifier: GPL-2.0
/* Probe: block_device_operations->swap_slot_free_notify. */
#include <linux/blkdev.h>

static void tz_notify(struct block_device *bdev, unsigned long offset)
{
}

const struct block_device_operations tz_probe_ops = {
	.swap_slot_free_notify = tz_notify,
};
