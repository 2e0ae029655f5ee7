/* SPDX-License-Identifier: GPL-2.0 */
/* dev.h - one tzram block device: its disk, state and lifecycle. */
#ifndef TZ_DEV_H
#define TZ_DEV_H

#include <linux/blkdev.h>
#include <linux/rwsem.h>
#include "dev_adv.h"
#include "dev_store.h"
#include "gpu.h"
#include "stats.h"

/* Requests are handled in these units (zram's ZRAM_LOGICAL_BLOCK_SIZE). */
#define TZ_LOGICAL_BLOCK_SIZE 4096
#define TZ_SECTORS_PER_PAGE_SHIFT (PAGE_SHIFT - SECTOR_SHIFT)
#define TZ_SECTORS_PER_PAGE (1 << TZ_SECTORS_PER_PAGE_SHIFT)

struct tz_dev {
	int id;
	struct gendisk *disk;
	/*
	 * init_lock: write for init (disksize), reset and settings that need
	 * an uninitialised device; read for stats. I/O does not take it:
	 * it only reaches a device with a capacity, that is after init, and
	 * reset waits for openers to go first (claim).
	 */
	struct rw_semaphore init_lock;
	u64 disksize;			/* 0: not initialised */
	const struct tz_comp_alg *alg;	/* used by the next init */
	struct tz_store store;		/* valid while disksize != 0 */
	struct tz_stats stats;
	bool claim;			/* reset/remove in progress: no opens */
	/* GPU helper reads (gpu_dev.c): sysfs knobs and gpu_stat counters. */
	unsigned int gpu_min_pages;	/* 0: off (and no checksums kept) */
	unsigned int gpu_timeout_ms;
	struct tz_gpu_stats gpu_stats;
	struct tz_adv adv;		/* post-processing (dev_adv.h) */
	/* Pages per unit at most (unit.h), 1: none; used by the next init. */
	unsigned int unit_max_pages;
};

static inline bool tz_dev_ready(struct tz_dev *tz)
{
	return tz->disksize;
}

/* dev.c */
struct tz_dev *tz_dev_create(int id, int major, const char *prefix);
int tz_dev_destroy(struct tz_dev *tz);	/* -EBUSY while open */
int tz_dev_init(struct tz_dev *tz, u64 disksize);
int tz_dev_reset(struct tz_dev *tz);	/* -EBUSY while open */

/* dev_io.c */
void tz_submit_bio(struct bio *bio);
void tz_swap_slot_free_notify(struct block_device *bdev, unsigned long index);
int tz_rw_page(struct block_device *bdev, sector_t sector, struct page *page,
	       bool write);

/* gpu_dev.c: true if it completed the read bio's data (not the bio) */
bool tz_gpu_read_bio(struct tz_dev *tz, struct bio *bio);

/* sysfs.c */
extern const struct attribute_group *tz_dev_groups[];
/* sysfs_unit.c: unit_max_pages, unit_stat */
extern const struct attribute_group tz_unit_group;

#endif /* TZ_DEV_H */
