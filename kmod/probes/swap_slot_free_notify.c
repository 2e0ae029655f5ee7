// SPDX-License-Identifier: GPL-2.0
/*
 * Probe (required): block_device_operations->swap_slot_free_notify, by
 * which swap frees a slot's page at once instead of at the next overwrite.
 */
#include <linux/blkdev.h>

#if defined(HAVE_SWAP_SLOT_FREE_NOTIFY)
static void tz_notify(struct block_device *bdev, unsigned long offset)
{
}

const struct block_device_operations tz_probe_ops = {
	.swap_slot_free_notify = tz_notify,
};
#endif
