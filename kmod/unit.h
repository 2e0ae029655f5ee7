/* SPDX-License-Identifier: GPL-2.0 */
/*
 * unit.h - units: a run of 2..16 contiguous device pages (a large folio, a
 * multi-page bio) compressed as one LZ4 block / ZSTD frame with the
 * device's algorithm and stored once. Each page's slot refers to the unit
 * and to the page's place among the unit's pages (slot UNIT, UIDX).
 *
 * Runs lie inside one block of unit_max_pages pages aligned on the device
 * (a unit never crosses a multiple of unit_max_pages). Same-filled pages
 * of a run stay same-filled slots and are left out of the unit; a run of
 * fewer than two other pages, or one that does not compress below the
 * huge size per page, is stored as single pages, as zram would.
 *
 * Storage: zsmalloc serves objects of at most one page, so a unit's
 * compressed bytes are cut into full-page objects (they fill their page
 * exactly: zsmalloc's huge class) and one tail object in its size class.
 * mm_stat stays true: compr_data_size counts each unit's bytes once,
 * mem_used_total is the pool's pages as always; the descriptors (struct
 * tz_unit, up to 176 bytes per unit) are metadata like the slot table.
 *
 * Lifetime: a unit counts the slots referring to it; overwrite, discard,
 * swap slot free or writeback of one of its pages drops that slot's
 * reference only. recompress takes a unit whole: its live pages leave it
 * together, each recompressed alone, when that saves memory. The unit is
 * freed with its last reference; when most of its pages are dead, a
 * worker stores its live pages alone (split) and the unit goes.
 *
 * Reads: a read covering all of a unit's pages decodes it once; a read of
 * fewer goes through a per-CPU buffer holding the last decoded unit, so
 * neighbouring reads find it decoded (partial-read hits). A unit's bytes
 * never change while it exists and its id is never reused, so a buffer
 * keyed by the id cannot go stale: a slot rewritten meanwhile refers to
 * something else and is read from there.
 *
 * Units are coded with the scalar variant of the codecs: up to 64 KiB of
 * work in one call is too long for a kernel FPU section (preemption off),
 * and the SIMD variants gain little on these paths (docs/BENCHMARKS.md).
 */
#ifndef TZ_UNIT_H
#define TZ_UNIT_H

#include <linux/list.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include "table.h"

#define TZ_UNIT_MAX_PAGES 16	/* the slot's UIDX has 4 bits */
/* unit_max_pages of a new or reset device (README: why this value). */
#define TZ_UNIT_PAGES_DEFAULT (PAGE_SIZE == 4096 ? 16 : 1)

struct page;
struct tz_store;
struct tz_strm;

struct tz_unit {
	refcount_t refs;	/* slots referring to it, readers, a queued split */
	atomic_t live;		/* slots referring to it */
	u64 id;			/* per store, never reused: the read buffers' key */
	unsigned long base;	/* device index of the aligned block it lies in */
	u32 len;		/* compressed bytes */
	u16 mask;		/* block positions stored in it, in this order */
	u8 npages;		/* hweight16(mask) */
	u8 nchunks;		/* zsmalloc objects holding the len bytes */
	bool split_queued;	/* under tz_units.split_lock */
	struct list_head split_node;
	unsigned long chunk[];	/* handles: PAGE_SIZE bytes each, the last the rest */
};

/* unit_stat's counters. */
struct tz_unit_stats {
	atomic64_t units;	/* units stored now */
	atomic64_t pages;	/* pages in them now */
	atomic64_t reads;	/* whole-unit reads (one decode each) */
	atomic64_t partial;	/* page reads from a unit not read whole */
	atomic64_t hits;	/* ... served from the per-CPU buffer */
	atomic64_t split;	/* units whose live pages were stored alone */
};

/* Per CPU: the last decoded unit and the compressed bytes of one unit. */
struct tz_unit_buf {
	struct mutex lock;	/* the holder may sleep (allocate) */
	u64 cache_id;		/* unit decoded in cache; 0: none */
	u64 part_id;		/* else one whose first part_pages are there */
	unsigned int part_pages;
	void *cache;		/* max_pages pages: decoded (or to-be-coded) pages */
	void *cbuf;		/* max_pages pages: a unit's compressed bytes */
};

/* A store's units; st->units is NULL while unit_max_pages is 1. */
struct tz_units {
	struct tz_store *st;
	unsigned int max_pages;		/* 2, 4, 8 or 16 */
	atomic64_t next_id;
	struct tz_unit_buf __percpu *buf;
	spinlock_t split_lock;		/* split_list, stopped, split_queued */
	struct list_head split_list;	/* units waiting for the worker */
	struct delayed_work split_work;
	bool stopped;			/* no more splits queued (teardown) */
	struct tz_unit_stats stats;
};

/* unit_max_pages: 1 (off) or a power of two up to TZ_UNIT_MAX_PAGES. */
static inline bool tz_unit_max_pages_valid(unsigned int n)
{
	return n && n <= TZ_UNIT_MAX_PAGES && is_power_of_2(n) &&
	       (n == 1 || PAGE_SIZE == 4096);
}

/* Give a store units of up to max_pages pages (2..16). May sleep. */
int tz_units_create(struct tz_store *st, unsigned int max_pages);
/* Teardown, before the slots are freed: no split runs or starts after. */
void tz_units_stop(struct tz_store *st);
/* After the slots are freed (every unit is gone then). */
void tz_units_destroy(struct tz_store *st);

/*
 * Store n pages at device index..index+n-1 (inside one aligned block of
 * max_pages) as one unit where that pays. 0; -EAGAIN if it does not (fewer
 * than two pages that are not same-filled, no compression below the huge
 * size per page, no memory for the unit): store them page by page; or a
 * negative errno (-ENOMEM: mem_limit, nothing changed). May sleep.
 */
int tz_unit_write_run(struct tz_store *st, unsigned long index,
		      struct page **pages, unsigned int n);

/*
 * A read of n pages in one aligned block, page by page (the store's run
 * reads): holds this CPU's stream and unit buffer between the pages that
 * are in units, so that a unit all of whose pages the run covers is
 * decoded once and counted as one whole-unit read.
 */
struct tz_unit_reader {
	struct tz_strm *strm;	/* held with b while reading units */
	struct tz_unit_buf *b;
	u64 counted;		/* the last unit counted as read whole */
	u16 run;		/* the block positions the run covers */
};

/* Start a read of index..index+n-1; -EINVAL if not inside one block. */
int tz_unit_reader_start(struct tz_store *st, struct tz_unit_reader *r,
			 unsigned long index, unsigned int n);
/*
 * Read the page at index into pages[0] and, where a whole unit decodes
 * straight into the run's next pages (up to n), those too: the pages
 * read, -EAGAIN if the slot is not in a unit (the reader let its stream
 * and buffer go: read it the usual way), or a negative errno. May sleep.
 */
int tz_unit_reader_read(struct tz_store *st, struct tz_unit_reader *r,
			unsigned long index, struct page **pages,
			unsigned int n);
/* Let the stream and buffer go (also after an error). */
void tz_unit_reader_end(struct tz_unit_reader *r);

/*
 * Read one page whose slot is (or was, when looked at) in a unit; access:
 * a read for I/O (clears IDLE, notes the time), not post-processing.
 * -EAGAIN if the slot is not in a unit any more: read it the usual way.
 */
int tz_unit_read_page(struct tz_store *st, unsigned long index,
		      struct page *page, bool access);
/* Empty a slot of a unit: drop its reference (slot lock held). */
void tz_unit_slot_drop(struct tz_store *st, struct tz_slot *s);
/* Wait for queued splits to finish (tests, reset). */
void tz_units_flush(struct tz_store *st);

/* What recompress asks of a unit (dev_recomp.c). */
struct tz_unit_recomp {
	unsigned int prio, prio_max;	/* algorithms tried: [prio, prio_max) */
	unsigned int threshold;		/* not 0: each new object below it */
	unsigned int active;		/* recompression algorithms configured */
	bool idle;			/* type=idle: every live page idle */
};

/*
 * recompress, for the unit the slot at index is in: its live pages, each
 * alone with the first recompression algorithm of [prio, prio_max) that
 * stores all of them in less than the unit takes (the unit goes with its
 * last page), replace it; else it stays and, once every algorithm failed,
 * its pages are INCOMPRESSIBLE (zram's rule for single pages). A unit is
 * skipped if one of its pages is busy or (idle) not idle or, with a
 * threshold, if its bytes per page are below it; tried once per pass
 * (*last_id: the last unit tried). Returns the pages tried (for
 * max_pages), -EAGAIN if the slot is not in a unit, or a negative errno.
 * May sleep.
 */
int tz_unit_recompress(struct tz_store *st, unsigned long index,
		       const struct tz_unit_recomp *r, u64 *last_id);

#endif /* TZ_UNIT_H */
