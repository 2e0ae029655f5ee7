/* SPDX-License-Identifier: GPL-2.0 */
/* dev_io.h - a device's block operations (disk.c's fops). */
#ifndef TZ_DEV_IO_H
#define TZ_DEV_IO_H

#include <linux/blk_types.h>

struct block_device;
struct page;

void tz_submit_bio(struct bio *bio);
void tz_swap_slot_free_notify(struct block_device *bdev, unsigned long index);
int tz_rw_page(struct block_device *bdev, sector_t sector, struct page *page,
	       bool write);

#endif /* TZ_DEV_IO_H */
