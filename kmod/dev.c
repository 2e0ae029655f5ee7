// SPDX-License-Identifier: GPL-2.0
/*
 * dev.c - lifecycle of a tzram disk: create, init (disksize), reset,
 * destroy. Busy devices (open) cannot be reset or destroyed: the claim
 * flag, taken under the disk's open_mutex, keeps new openers out while
 * that runs, as in zram.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>
#include "compat.h"
#include "dev.h"
#include "unit.h"

static int tz_open_disk(struct gendisk *disk)
{
	struct tz_dev *tz = disk->private_data;

	/* The block layer calls open with disk->open_mutex held. */
	return tz->claim ? -EBUSY : 0;
}

TZ_DEFINE_BDOPS_OPEN(tz_bdops_open, tz_open_disk)
TZ_DEFINE_BDOPS_RW_PAGE(tz_bdops_rw_page, tz_rw_page)

static const struct block_device_operations tz_fops = {
	.owner = THIS_MODULE,	/* an open device pins the module: no rmmod */
	.open = tz_bdops_open,
	.submit_bio = tz_submit_bio,
	TZ_BDOPS_RW_PAGE(tz_bdops_rw_page)
	TZ_BDOPS_SWAP_SLOT_FREE_NOTIFY(tz_swap_slot_free_notify)
};

struct tz_dev *tz_dev_create(int id, int major, const char *prefix)
{
	struct tz_dev *tz;
	int ret;

	tz = kzalloc(sizeof(*tz), GFP_KERNEL);
	if (!tz)
		return ERR_PTR(-ENOMEM);
	tz->id = id;
	init_rwsem(&tz->init_lock);
	tz->alg = tz_comp_default();
	tz_adv_create(&tz->adv);
	tz->gpu_min_pages = TZ_GPU_MIN_PAGES_DEFAULT;
	tz->gpu_timeout_ms = TZ_GPU_TIMEOUT_MS_DEFAULT;
	tz->unit_max_pages = TZ_UNIT_PAGES_DEFAULT;

	tz->disk = tz_alloc_disk(TZ_LOGICAL_BLOCK_SIZE);
	if (IS_ERR(tz->disk)) {
		ret = PTR_ERR(tz->disk);
		goto err_free;
	}
	tz->disk->major = major;
	tz->disk->first_minor = id;
	tz->disk->minors = 1;
	tz->disk->flags |= GENHD_FL_NO_PART;
	tz->disk->fops = &tz_fops;
	tz->disk->private_data = tz;
	snprintf(tz->disk->disk_name, sizeof(tz->disk->disk_name), "%s%d",
		 prefix, id);
	/* No capacity until disksize is written. */
	set_capacity(tz->disk, 0);
	ret = device_add_disk(NULL, tz->disk, tz_dev_groups);
	if (ret)
		goto err_disk;
	pr_info("added device %s\n", tz->disk->disk_name);
	return tz;

err_disk:
	put_disk(tz->disk);
err_free:
	kfree(tz);
	return ERR_PTR(ret);
}

int tz_dev_init(struct tz_dev *tz, u64 disksize)
{
	char name[DISK_NAME_LEN];
	int ret;

	lockdep_assert_held_write(&tz->init_lock);
	if (tz_dev_ready(tz))
		return -EBUSY;
	snprintf(name, sizeof(name), "%s", tz->disk->disk_name);
	ret = tz_store_init(&tz->store, disksize >> PAGE_SHIFT, tz->alg,
			    &tz->stats, name);
	if (ret)
		return ret;
	tz->store.gpu_csum = tz->gpu_min_pages != 0;
	ret = tz->unit_max_pages > 1 ?
	      tz_units_create(&tz->store, tz->unit_max_pages) : 0;
	if (!ret)
		ret = tz_adv_init(tz);
	if (ret) {
		tz_store_destroy(&tz->store);
		return ret;
	}
	tz->disksize = disksize;
	set_capacity_and_notify(tz->disk, disksize >> SECTOR_SHIFT);
	return 0;
}

/* Free everything init made; the device is idle (claimed or unused). */
static void tz_dev_teardown(struct tz_dev *tz)
{
	down_write(&tz->init_lock);
	set_capacity_and_notify(tz->disk, 0);
	if (tz_dev_ready(tz))
		tz_store_destroy(&tz->store);
	tz_adv_teardown(tz);	/* after the store: freeing slots frees blocks */
	tz->disksize = 0;
	tz->alg = tz_comp_default();
	tz->unit_max_pages = TZ_UNIT_PAGES_DEFAULT;
	tz_stats_clear(&tz->stats);	/* also clears mem_limit, as zram */
	up_write(&tz->init_lock);
}

/* Claim the device for reset/remove: fails while someone has it open. */
static int tz_dev_claim(struct tz_dev *tz)
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

static void tz_dev_unclaim(struct tz_dev *tz)
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

int tz_dev_destroy(struct tz_dev *tz)
{
	int ret = tz_dev_claim(tz);

	if (ret)
		return ret;
	sync_blockdev(tz->disk->part0);
	pr_info("removed device %s\n", tz->disk->disk_name);
	del_gendisk(tz->disk);
	/* No sysfs writer can run now: free what a late disksize made. */
	tz_dev_teardown(tz);
	put_disk(tz->disk);
	kfree(tz);
	return 0;
}
