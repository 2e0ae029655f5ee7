/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dev_store.h - the storage behind one device: page table, zsmalloc pool,
 * the codecs of every priority (zram's comps[]: 0 is comp_algorithm,
 * 1..3 the recompression algorithms) with their per-CPU streams, the
 * pages' access times, and the accounting of what is stored. Slots
 * written back live on the backing device (dev_backing.h), a layer below
 * that the store calls. Knows pages and slot indexes, not bios or disks
 * (KUnit drives it directly).
 */
#ifndef TZ_DEV_STORE_H
#define TZ_DEV_STORE_H

#include <linux/mm_types.h>
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
};

/*
 * algs[p]: the algorithm of priority p (NULL: none; algs[0] is required),
 * params[p] its parameters; bd: the backing device or NULL.
 */
int tz_store_init(struct tz_store *st, unsigned long nr_pages,
		  const struct tz_comp_alg *const algs[TZ_MAX_COMPS],
		  const struct tz_comp_params params[TZ_MAX_COMPS],
		  struct tz_backing *bd, struct tz_stats *stats,
		  const char *name);
/* Frees every stored page; stats drop back accordingly. */
void tz_store_destroy(struct tz_store *st);
/* Empty a slot, undoing its accounting. Caller holds the slot lock. */
void tz_store_free_slot(struct tz_store *st, struct tz_slot *s);

/*
 * Whole-page I/O; index < table.nr. May sleep. Reads take any slot: in
 * memory with the algorithm of its priority, or from the backing device.
 */
int tz_store_write(struct tz_store *st, unsigned long index, struct page *page);
int tz_store_read(struct tz_store *st, unsigned long index, struct page *page);
/* The same as a read, but not an access (recompress, writeback). */
int tz_store_copy(struct tz_store *st, unsigned long index, struct page *page);
/* Drop a page (discard); reads then return zeroes. */
void tz_store_discard(struct tz_store *st, unsigned long index);
/* The same from atomic context: false if the slot was busy. */
bool tz_store_try_discard(struct tz_store *st, unsigned long index);
/* Pages the pool holds (for mm_stat's mem_used). */
unsigned long tz_store_pool_pages(struct tz_store *st);

/* The page was read or written: note when (a plain store, no lock needed). */
static inline void tz_store_touch(struct tz_store *st, unsigned long index)
{
	if (st->ac_time)
		WRITE_ONCE(st->ac_time[index], (u32)ktime_get_boottime_seconds());
}

/* A zsmalloc object of size bytes; first without sleeping, as zram does. */
unsigned long tz_store_alloc(struct tz_store *st, size_t size, bool may_sleep);

#endif /* TZ_DEV_STORE_H */
