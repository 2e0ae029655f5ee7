/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dev_store.h - reads and writes of any slot of one device's store (struct
 * tz_store, dev_slot.h: page table, zsmalloc pool, the codecs of every
 * priority (zram's comps[]: 0 is comp_algorithm, 1..3 the recompression
 * algorithms) with their per-CPU streams, the pages' access times, the
 * accounting of what is stored). The top of the store: it calls the units
 * (unit.h) for their pages and the slot primitives (dev_slot.h) below
 * both. Slots written back live on the backing device (dev_backing.h), a
 * layer below that the store calls. Knows pages and slot indexes, not
 * bios or disks (KUnit drives it directly).
 */
#ifndef TZ_DEV_STORE_H
#define TZ_DEV_STORE_H

#include <linux/mm_types.h>
#include "dev_slot.h"

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
/*
 * Empty a slot whatever it holds (a page of a unit drops its reference),
 * undoing its accounting. Caller holds the slot lock.
 */
void tz_store_free_slot(struct tz_store *st, struct tz_slot *s);

/*
 * Whole-page I/O; index < table.nr. May sleep. Reads take any slot: in
 * memory with the algorithm of its priority, or from the backing device.
 */
int tz_store_write(struct tz_store *st, unsigned long index, struct page *page);
int tz_store_read(struct tz_store *st, unsigned long index, struct page *page);
/*
 * n whole pages at index..index+n-1, each stored as a single page (not
 * a unit), as n calls of the above would, but through the primary
 * algorithm's batch calls (comp.h: TZ_COMP_BATCH pages per call) where
 * it has them. Stop at the first failing page, in order: its error, and
 * in *done the pages read or written before it (n on success).
 */
int tz_store_write_pages(struct tz_store *st, unsigned long index,
			 struct page **pages, unsigned int n,
			 unsigned int *done);
int tz_store_read_pages(struct tz_store *st, unsigned long index,
			struct page **pages, unsigned int n, unsigned int *done);
/*
 * n pages at index..index+n-1, inside one aligned block of unit_max_pages
 * (st->units set): a write becomes one unit where that pays (unit.h), else
 * is stored page by page; a read decodes each unit all of whose pages it
 * covers once. 0 or a negative errno (-ENOMEM: pool or mem_limit). May
 * sleep.
 */
int tz_store_write_run(struct tz_store *st, unsigned long index,
		       struct page **pages, unsigned int n);
int tz_store_read_run(struct tz_store *st, unsigned long index,
		      struct page **pages, unsigned int n);
/* The same as a read, but not an access (recompress, writeback). */
int tz_store_copy(struct tz_store *st, unsigned long index, struct page *page);
/*
 * What writeback writes for a slot: its page (tz_store_copy), or with
 * compressed_wb its object as stored, zero-padded. -ENOENT if the slot
 * is no longer in memory.
 */
int tz_store_copy_for_wb(struct tz_store *st, unsigned long index,
			 struct page *page);
/*
 * The same for n slots idx[0..n) (any order): res[i] each one's result.
 * Without compressed_wb their pages are decoded through the batch calls.
 */
void tz_store_copy_pages_for_wb(struct tz_store *st, const unsigned long *idx,
				struct page **pages, unsigned int n, int *res);
/*
 * A slot (locked) whose data is now in backing block blk: drop its
 * object and point it at the block. keep_flags: keep its size, priority
 * and huge/incompressible flags (later zram; needed by compressed_wb).
 */
void tz_store_set_wb(struct tz_store *st, struct tz_slot *s, unsigned long blk,
		     bool keep_flags);
/* Drop a page (discard); reads then return zeroes. */
void tz_store_discard(struct tz_store *st, unsigned long index);
/* The same from atomic context: false if the slot was busy. */
bool tz_store_try_discard(struct tz_store *st, unsigned long index);
/* Pages the pool holds (for mm_stat's mem_used). */
unsigned long tz_store_pool_pages(struct tz_store *st);

#endif /* TZ_DEV_STORE_H */
