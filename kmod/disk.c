// SPDX-License-Identifier: GPL-2.0
/*
 * disk.c - the gendisk of a tzram device: block operations (dev_io.c),
 * sysfs attributes (sysfs.c), creation and removal.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "compat.h"
#include "dev.h"
#include "dev_io.h"
#include "disk.h"
#include "gpu_dev.h"
#include "sysfs.h"

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

struct tz_dev *tz_disk_create(int id, int major, const char *prefix,
			      bool zram_compat)
{
	struct tz_dev *tz;
	int ret;

	tz = kzalloc(sizeof(*tz), GFP_KERNEL);
	if (!tz)
		return ERR_PTR(-ENOMEM);
	tz->id = id;
	tz->zram_compat = zram_compat;
	init_rwsem(&tz->init_lock);
	spin_lock_init(&tz->wb_limit_lock);
	tz_dev_setup(tz);
	tz->gpu_min_pages = TZ_GPU_MIN_PAGES_DEFAULT;
	tz->gpu_timeout_ms = TZ_GPU_TIMEOUT_MS_DEFAULT;

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

int tz_disk_destroy(struct tz_dev *tz)
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
