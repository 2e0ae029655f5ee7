/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats.h - per-device counters behind mm_stat, io_stat and debug_stat.
 * Updated locklessly (atomics); cleared by reset, like zram's.
 */
#ifndef TZ_STATS_H
#define TZ_STATS_H

#include <linux/atomic.h>
#include <linux/string.h>

struct tz_stats {
	atomic64_t pages_stored;	/* slots holding data (any kind) */
	atomic64_t compr_data_size;	/* bytes in zsmalloc objects */
	atomic64_t same_pages;		/* slots stored as a fill word */
	atomic64_t huge_pages;		/* slots stored uncompressed */
	atomic64_t huge_pages_since;	/* huge stores since init (never drops) */
	atomic64_t num_reads;
	atomic64_t num_writes;
	atomic64_t failed_reads;
	atomic64_t failed_writes;
	atomic64_t invalid_io;		/* requests outside the device */
	atomic64_t notify_free;		/* swap slot-free notifications */
	atomic64_t miss_free;		/* notifications that lost a race */
	atomic64_t writestall;		/* stores that needed a sleeping alloc */
	atomic_long_t max_used_pages;	/* high-water mark of the pool */
	/* mem_limit in pages, 0 = none; a setting, cleared with the stats. */
	unsigned long limit_pages;
};

static inline void tz_stats_clear(struct tz_stats *s)
{
	memset(s, 0, sizeof(*s));
}

/* Raise the pool's high-water mark to pages if it is above it. */
static inline void tz_stats_update_max_used(struct tz_stats *s,
					    unsigned long pages)
{
	long cur = atomic_long_read(&s->max_used_pages);

	do {
		if (pages <= cur)
			return;
	} while (!atomic_long_try_cmpxchg(&s->max_used_pages, &cur, pages));
}

#endif /* TZ_STATS_H */
