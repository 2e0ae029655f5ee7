/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dev_slot.h - the storage behind one device (struct tz_store: page table,
 * zsmalloc pool, the codecs of every priority, access times, accounting)
 * and the primitives on one slot's storage that both the page store
 * (dev_store.h: reads and writes of any slot) and the units (unit.h) use:
 * a zsmalloc object under mem_limit, a page's access time, freeing a
 * slot that holds one page's data. Nothing here knows units, so the
 * layers above call down only: dev_store -> unit -> dev_slot.
 */
#ifndef TZ_DEV_SLOT_H
#define TZ_DEV_SLOT_H

#include <linux/timekeeping.h>
#include "comp.h"
#include "stats.h"
#include "table.h"

/* zram's ZRAM_MAX_COMPS: the primary algorithm and three recompression ones. */
#define TZ_MAX_COMPS 4
#define TZ_PRIMARY_COMP 0
#define TZ_SECONDARY_COMP 1

struct zs_pool;
struct tz_backing;
struct tz_units;

struct tz_store {
	struct tz_table table;
	struct zs_pool *pool;
	/* By slot priority; a priority without algorithm has .alg NULL. */
	struct tz_comp comps[TZ_MAX_COMPS];
	/* Last access of each page, boot-time seconds (idle's age form). */
	u32 *ac_time;
	/* Where written-back slots' blocks are; NULL: no backing device. */
	struct tz_backing *bd;
	struct tz_stats *stats;
	/* Objects at least this big gain nothing from zsmalloc: store whole. */
	size_t huge_class_size;
	/*
	 * Record tz_gpu_csum() of compressed pages (slot CSUM) so that reads
	 * may go to the GPU helper: set while the device's gpu_min_pages is
	 * not 0 (READ_ONCE; pages written while off are never sent).
	 */
	bool gpu_csum;
	/*
	 * compressed_writeback: written-back slots hold their object as
	 * stored (compressed, zero-padded to the block) and keep its size
	 * and priority; reads decompress it. Fixed from init to reset.
	 */
	bool compressed_wb;
	/* Multi-page units (unit.h); NULL while unit_max_pages is 1. */
	struct tz_units *units;
	/*
	 * KUnit only (never set otherwise): allocations that may not sleep
	 * fail, as when the pool cannot grow without direct reclaim.
	 */
	bool kunit_nowait_fails;
};

/* A zsmalloc object of size bytes; first without sleeping, as zram does. */
unsigned long tz_store_alloc(struct tz_store *st, size_t size, bool may_sleep);
/*
 * After an allocation: note the pool's size in max_used_pages; true if it
 * is now above mem_limit (the caller frees what it allocated: -ENOMEM).
 */
bool tz_store_over_limit(struct tz_store *st);

/*
 * Empty a slot that is not a page of a unit (fill word, object or backing
 * block), undoing its accounting. Caller holds the slot lock.
 */
void tz_store_free_single(struct tz_store *st, struct tz_slot *s);

/* The page was read or written: note when (a plain store, no lock needed). */
static inline void tz_store_touch(struct tz_store *st, unsigned long index)
{
	if (st->ac_time)
		WRITE_ONCE(st->ac_time[index], (u32)ktime_get_boottime_seconds());
}

/*
 * A read for I/O is an access: the page is not idle any more (reads by
 * post-processing are not). Caller holds the slot lock.
 */
void tz_store_accessed(struct tz_store *st, struct tz_slot *s,
		       unsigned long index);

#endif /* TZ_DEV_SLOT_H */
