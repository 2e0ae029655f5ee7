/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dev_adv.h - zram's post-processing features on a tzram device:
 * compression parameters (algorithm_params), recompression algorithms
 * and the recompress pass (dev_recomp.c), idle marking (dev_idle.c),
 * writeback to a backing block device (dev_writeback.c). Their sysfs
 * attributes are in sysfs_adv.c.
 *
 * Settings (algorithms, levels, backing device) are made before init and
 * kept until reset, as zram's; the recompression streams exist while the
 * device is initialised.
 */
#ifndef TZ_DEV_ADV_H
#define TZ_DEV_ADV_H

#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include "comp.h"
#include "dev_store.h"

/* Priority 0 is comp_algorithm; 1..3 are recompression algorithms. */
#define TZ_MAX_COMPS 4

struct tz_dev;
struct tz_store;
struct page;

struct tz_adv {
	const struct tz_comp_alg *recomp_alg[TZ_MAX_COMPS];	/* [0] unused */
	int level[TZ_MAX_COMPS];		/* TZ_COMP_NO_LEVEL: default */
	struct tz_comp recomp[TZ_MAX_COMPS];	/* [0] unused; while ready */
	atomic_t pp_in_progress;		/* one recompress/writeback */
	/* Last access of each page, boot-time seconds (idle's age form). */
	u32 *ac_time;				/* while ready */

	/* Backing device: opened by backing_dev, closed by reset. */
	struct file *bd_file;
	struct block_device *bdev;
	unsigned long *bitmap;			/* used blocks; 0 never used */
	unsigned long bd_nr;			/* blocks (pages) on it */
	struct workqueue_struct *bd_wq;		/* reads (dev_writeback.c) */
	atomic64_t bd_count, bd_reads, bd_writes;	/* pages */
	spinlock_t wb_limit_lock;
	bool wb_limit_enable;
	u64 wb_limit;				/* in 4 KiB units, as zram */
};

/* dev_adv.c: lifecycle (called by dev.c under init_lock held for write) */
void tz_adv_create(struct tz_adv *adv);
int tz_adv_init(struct tz_dev *tz);	/* after the store is initialised */
void tz_adv_teardown(struct tz_dev *tz);	/* reset: also closes the bdev */

/*
 * Read a slot whose data is not in the primary algorithm's form
 * (recompressed or written back), or any slot: takes the locks it needs
 * (no lock held on entry). May sleep.
 */
int tz_adv_read(struct tz_store *st, unsigned long index, struct page *page);
/* A page was read or written: note when (plain stores, no lock needed). */
static inline void tz_adv_touch(struct tz_store *st, unsigned long index)
{
	if (st->adv && st->adv->ac_time)
		WRITE_ONCE(st->adv->ac_time[index],
			   (u32)ktime_get_boottime_seconds());
}

/* True if tz_store_read() must leave the slot to tz_adv_read(). */
#define tz_adv_slot(s) (tz_slot_prio(s) || tz_slot_test(s, TZ_SLOT_WB))

/* dev_writeback.c: give a backing block back (slot lock held: atomic) */
void tz_wb_free_block(struct tz_adv *adv, unsigned long blk);
int tz_wb_open(struct tz_adv *adv, const char *path);
void tz_wb_close(struct tz_adv *adv);
ssize_t tz_wb_run(struct tz_dev *tz, const char *buf, size_t len);
int tz_wb_read_block(struct tz_adv *adv, unsigned long blk, struct page *page);

/* dev_idle.c: age 0: every page; else those not accessed for age s. */
void tz_mark_idle(struct tz_store *st, u64 age);

/* dev_recomp.c */
ssize_t tz_recompress_run(struct tz_dev *tz, const char *buf, size_t len);
/* Decompress a slot's object (slot lock held) with algorithm prio. */
int tz_adv_decomp(struct tz_store *st, unsigned int prio, struct tz_strm *strm,
		  unsigned long handle, unsigned int size, void *dst);

/* sysfs_adv.c */
extern const struct attribute_group tz_adv_group;

#endif /* TZ_DEV_ADV_H */
