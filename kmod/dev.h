/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dev.h - one tzram device: its settings, its store while initialised,
 * its counters, and the state changes init (disksize) and reset. The
 * gendisk around it is disk.c's.
 */
#ifndef TZ_DEV_H
#define TZ_DEV_H

#include <linux/atomic.h>
#include <linux/blkdev.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include "comp.h"
#include "dev_backing.h"
#include "dev_store.h"
#include "gpu_stats.h"
#include "stats.h"

/* Requests are handled in these units (zram's ZRAM_LOGICAL_BLOCK_SIZE). */
#define TZ_LOGICAL_BLOCK_SIZE 4096
#define TZ_SECTORS_PER_PAGE_SHIFT (PAGE_SHIFT - SECTOR_SHIFT)
#define TZ_SECTORS_PER_PAGE (1 << TZ_SECTORS_PER_PAGE_SHIFT)

struct tz_dev {
	int id;
	struct gendisk *disk;
	bool zram_compat;		/* a zramN device: zram's default algorithm */
	/*
	 * init_lock: write for init (disksize), reset and settings that need
	 * an uninitialised device; read for stats and post-processing. I/O
	 * does not take it: it only reaches a device with a capacity, that
	 * is after init, and reset waits for openers to go first (claim).
	 */
	struct rw_semaphore init_lock;
	u64 disksize;			/* 0: not initialised */
	/*
	 * Settings used by the next init, as zram's comp_algs[] and params[]:
	 * the algorithm of each priority (0 comp_algorithm, 1..3
	 * recomp_algorithm; NULL none) and its algorithm_params.
	 */
	const struct tz_comp_alg *comp_algs[TZ_MAX_COMPS];
	struct tz_comp_params params[TZ_MAX_COMPS];
	/* backing_dev: opened before init, closed by reset. */
	struct tz_backing backing;
	struct tz_store store;		/* valid while disksize != 0 */
	struct tz_stats stats;
	bool claim;			/* reset/remove in progress: no opens */
	atomic_t pp_in_progress;	/* one recompress or writeback pass */
	/* writeback_limit(_enable), in 4 KiB units as zram's. */
	spinlock_t wb_limit_lock;
	bool wb_limit_enable;
	u64 wb_limit;
	/* GPU helper reads (gpu_dev.c): sysfs knobs and gpu_stat counters. */
	unsigned int gpu_min_pages;	/* 0: off (and no checksums kept) */
	unsigned int gpu_timeout_ms;
	struct tz_gpu_stats gpu_stats;
};

static inline bool tz_dev_ready(struct tz_dev *tz)
{
	return tz->disksize;
}

/* The device behind one of its sysfs attributes (disk.c sets it up). */
static inline struct tz_dev *dev_to_tz(struct device *dev)
{
	return dev_to_disk(dev)->private_data;
}

/* Settings of a new device. */
void tz_dev_setup(struct tz_dev *tz);
/* disksize: caller holds init_lock for write. -EBUSY if initialised. */
int tz_dev_init(struct tz_dev *tz, u64 disksize);
/* -EBUSY while open. */
int tz_dev_reset(struct tz_dev *tz);
/* Keep openers out for reset or removal: -EBUSY while open. */
int tz_dev_claim(struct tz_dev *tz);
void tz_dev_unclaim(struct tz_dev *tz);
/* Free everything init and the settings made; the device is claimed. */
void tz_dev_teardown(struct tz_dev *tz);

#endif /* TZ_DEV_H */
