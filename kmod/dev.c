// SPDX-License-Identifier: GPL-2.0
/*
 * dev.c - a device's state changes: init (disksize) builds the store from
 * the settings, reset frees it and puts the settings back to their
 * defaults. Busy devices (open) cannot be reset: the claim flag, taken
 * under the disk's open_mutex, keeps new openers out while that runs, as
 * in zram.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include "compat.h"
#include "dev.h"
#include "unit.h"

void tz_dev_setup(struct tz_dev *tz)
{
	unsigned int p;

	for (p = 0; p < TZ_MAX_COMPS; p++) {
		tz->comp_algs[p] = NULL;
		tz->params[p].level = TZ_COMP_NO_LEVEL;
	}
	tz->comp_algs[TZ_PRIMARY_COMP] = tz_comp_default();
	tz->unit_max_pages = TZ_UNIT_PAGES_DEFAULT;
	spin_lock(&tz->wb_limit_lock);
	tz->wb_limit_enable = false;
	tz->wb_limit = 0;
	spin_unlock(&tz->wb_limit_lock);
}

int tz_dev_init(struct tz_dev *tz, u64 disksize)
{
	struct tz_backing *bd = NULL;
	char name[DISK_NAME_LEN];
	int ret;

	lockdep_assert_held_write(&tz->init_lock);
	if (tz_dev_ready(tz))
		return -EBUSY;
	snprintf(name, sizeof(name), "%s", tz->disk->disk_name);
	if (tz_backing_present(&tz->backing))
		bd = &tz->backing;
	ret = tz_store_init(&tz->store, disksize >> PAGE_SHIFT, tz->comp_algs,
			    tz->params, bd, &tz->stats, name);
	if (ret)
		return ret;
	if (tz->unit_max_pages > 1) {
		ret = tz_units_create(&tz->store, tz->unit_max_pages);
		if (ret) {
			tz_store_destroy(&tz->store);
			return ret;
		}
	}
	tz->store.gpu_csum = tz->gpu_min_pages != 0;
	tz->disksize = disksize;
	set_capacity_and_notify(tz->disk, disksize >> SECTOR_SHIFT);
	return 0;
}

void tz_dev_teardown(struct tz_dev *tz)
{
	down_write(&tz->init_lock);
	set_capacity_and_notify(tz->disk, 0);
	if (tz_dev_ready(tz))
		tz_store_destroy(&tz->store);
	/* After the store: freeing its slots frees their blocks. */
	tz_backing_close(&tz->backing);
	tz->disksize = 0;
	tz_dev_setup(tz);
	tz_stats_clear(&tz->stats);	/* also clears mem_limit, as zram */
	up_write(&tz->init_lock);
}

int tz_dev_claim(struct tz_dev *tz)
{
	struct gendisk *disk = tz->disk;
	int ret = 0;

	mutex_lock(&disk->open_mutex);
	if (tz_disk_openers(disk) || tz->claim)
		ret = -EBUSY;
	else
		tz->claim = true;
	mutex_unlock(&disk->open_mutex);
	return ret;
}

void tz_dev_unclaim(struct tz_dev *tz)
{
	mutex_lock(&tz->disk->open_mutex);
	tz->claim = false;
	mutex_unlock(&tz->disk->open_mutex);
}

int tz_dev_reset(struct tz_dev *tz)
{
	int ret = tz_dev_claim(tz);

	if (ret)
		return ret;
	/* The last opener is gone; let its writes finish before freeing. */
	sync_blockdev(tz->disk->part0);
	tz_dev_teardown(tz);
	tz_dev_unclaim(tz);
	return 0;
}
