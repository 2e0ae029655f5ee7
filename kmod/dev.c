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
#include <linux/part_stat.h>
#include "compat.h"
#include "dev.h"
#include "unit.h"

/*
 * The algorithm of a new device: lz4 (ours), or as a zram device
 * (zram_compat) this kernel's zram default (CONFIG_ZRAM_DEF_COMP: Debian's
 * 6.1 has lzo-rle), so that zram's tools set it up exactly as zram.
 */
static const struct tz_comp_alg *tz_dev_default_alg(struct tz_dev *tz)
{
	const struct tz_comp_alg *alg = NULL;

#ifdef CONFIG_ZRAM_DEF_COMP
	if (tz->zram_compat)
		alg = tz_comp_find(CONFIG_ZRAM_DEF_COMP);
#endif
	return IS_ERR_OR_NULL(alg) ? tz_comp_default() : alg;
}

/*
 * Settings as zram's reset leaves them: algorithm parameters (their
 * dictionaries freed) and recompression algorithms back to none, the
 * algorithm to the default from 6.12 on (6.1's zram keeps it: keep_alg).
 * The writeback limit and its switch survive a reset on both.
 */
static void tz_dev_default_comps(struct tz_dev *tz, bool keep_alg)
{
	const struct tz_comp_alg *alg = tz->comp_algs[TZ_PRIMARY_COMP];
	unsigned int p;

	for (p = 0; p < TZ_MAX_COMPS; p++) {
		tz->comp_algs[p] = NULL;
		tz->params[p].level = TZ_COMP_NO_LEVEL;
		tz_comp_params_clear_dict(&tz->params[p]);
	}
	tz->comp_algs[TZ_PRIMARY_COMP] = keep_alg && alg ? alg :
					 tz_dev_default_alg(tz);
}

void tz_dev_setup(struct tz_dev *tz)
{
	tz_dev_default_comps(tz, false);
	tz->unit_max_pages = TZ_UNIT_PAGES_DEFAULT;
	tz->wb_limit_enable = false;
	tz->wb_limit = 0;
}

int tz_pp_begin(struct tz_dev *tz)
{
	if (TZ_ZRAM_WB_BATCH_ERA)
		return mutex_lock_killable(&tz->pp_lock) ? -EINTR : 0;
	return mutex_trylock(&tz->pp_lock) ? 0 : -EAGAIN;
}

void tz_pp_end(struct tz_dev *tz)
{
	mutex_unlock(&tz->pp_lock);
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
	/*
	 * Units where the codec takes them (tz_codec.units); a dictionary
	 * (dict=) codes each page (LZ4's reaches one page's input).
	 */
	if (tz->unit_max_pages > 1 && tz->store.comps[TZ_PRIMARY_COMP].dict)
		pr_info("%s: dictionary: pages are stored one by one (no units)\n",
			name);
	else if (tz->unit_max_pages > 1 &&
		 tz->store.comps[TZ_PRIMARY_COMP].codec->units) {
		ret = tz_units_create(&tz->store, tz->unit_max_pages);
		if (ret) {
			tz_store_destroy(&tz->store);
			return ret;
		}
	}
	tz->store.gpu_csum = tz->gpu_min_pages != 0;
	tz->store.compressed_wb = tz->compressed_wb;
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
	tz_dev_default_comps(tz, TZ_ZRAM_RESET_KEEPS_ALG);
	tz->unit_max_pages = TZ_UNIT_PAGES_DEFAULT;	/* docs/ADVANCED.md */
	tz_stats_clear(&tz->stats);	/* also clears mem_limit, as zram */
	part_stat_set_all(tz->disk->part0, 0);	/* /proc/diskstats, as zram */
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

int tz_dev_claim_for_removal(struct tz_dev *tz, bool *by_reset)
{
	struct gendisk *disk = tz->disk;
	int ret = 0;

	mutex_lock(&disk->open_mutex);
	if (tz_disk_openers(disk)) {
		ret = -EBUSY;
	} else {
		*by_reset = tz->claim;
		tz->claim = true;
	}
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
