/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dev_store.h - the storage behind one device: page table, zsmalloc pool,
 * codec streams and the accounting of what is stored. Knows pages and
 * slot indexes, not bios or disks (KUnit drives it directly).
 */
#ifndef TZ_DEV_STORE_H
#define TZ_DEV_STORE_H

#include <linux/mm_types.h>
#include "comp.h"
#include "stats.h"
#include "table.h"

struct zs_pool;
struct tz_adv;
struct tz_units;

struct tz_store {
	struct tz_table table;
	struct zs_pool *pool;
	struct tz_comp comp;
	struct tz_stats *stats;
	/* Objects at least this big gain nothing from zsmalloc: store whole. */
	size_t huge_class_size;
	/*
	 * Record tz_gpu_csum() of compressed pages (slot CSUM) so that reads
	 * may go to the GPU helper: set while the device's gpu_min_pages is
	 * not 0 (READ_ONCE; pages written while off are never sent).
	 */
	bool gpu_csum;
	/* Recompression and writeback state (dev_adv.h); NULL in KUnit. */
	struct tz_adv *adv;
	/* Multi-page units (unit.h); NULL while unit_max_pages is 1. */
	struct tz_units *units;
};

int tz_store_init(struct tz_store *st, unsigned long nr_pages,
		  const struct tz_comp_alg *alg, struct tz_stats *stats,
		  const char *name);
/* Empty a slot, undoing its accounting. Caller holds the slot lock. */
void tz_store_free_slot(struct tz_store *st, struct tz_slot *s);
/* Frees every stored page; stats drop back accordingly. */
void tz_store_destroy(struct tz_store *st);

/* Whole-page I/O; index < table.nr. May sleep. */
int tz_store_write(struct tz_store *st, unsigned long index, struct page *page);
int tz_store_read(struct tz_store *st, unsigned long index, struct page *page);
/* Drop a page (discard); reads then return zeroes. */
void tz_store_discard(struct tz_store *st, unsigned long index);
/* The same from atomic context: false if the slot was busy. */
bool tz_store_try_discard(struct tz_store *st, unsigned long index);
/* Pages the pool holds (for mm_stat's mem_used). */
unsigned long tz_store_pool_pages(struct tz_store *st);

/* A zsmalloc object of size bytes; first without sleeping, as zram does. */
unsigned long tz_store_alloc(struct tz_store *st, size_t size, bool may_sleep);

#endif /* TZ_DEV_STORE_H */
