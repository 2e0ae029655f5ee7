// SPDX-License-Identifier: GPL-2.0
/*
 * dev_slot.c - the storage primitives of one slot (dev_slot.h): zsmalloc
 * objects under mem_limit, access times, freeing one page's data.
 */
#include <linux/gfp.h>
#include <linux/zsmalloc.h>
#include "compat.h"
#include "dev_backing.h"
#include "dev_slot.h"

unsigned long tz_store_alloc(struct tz_store *st, size_t size, bool may_sleep)
{
	unsigned long handle;

	if (IS_ENABLED(CONFIG_KUNIT) && READ_ONCE(st->kunit_nowait_fails))
		handle = (unsigned long)ERR_PTR(-ENOMEM);
	else
		handle = tz_zs_malloc(st->pool, size, __GFP_KSWAPD_RECLAIM | __GFP_NOWARN |
				      __GFP_HIGHMEM | __GFP_MOVABLE);
	if (!IS_ERR_VALUE(handle) || !may_sleep)
		return handle;
	atomic64_inc(&st->stats->writestall);
	/* GFP_NOIO: reclaim must not recurse into swapping onto us. */
	return tz_zs_malloc(st->pool, size, GFP_NOIO | __GFP_NOWARN |
			    __GFP_HIGHMEM | __GFP_MOVABLE);
}

bool tz_store_over_limit(struct tz_store *st)
{
	unsigned long used = zs_get_total_pages(st->pool), limit;

	tz_stats_update_max_used(st->stats, used);
	limit = READ_ONCE(st->stats->limit_pages);
	return limit && used > limit;
}

void tz_store_free_single(struct tz_store *st, struct tz_slot *s)
{
	struct tz_stats *stats = st->stats;
	unsigned int size = tz_slot_size(s);

	if (tz_slot_test(s, TZ_SLOT_SAME)) {
		atomic64_dec(&stats->same_pages);
		atomic64_dec(&stats->pages_stored);
	} else if (tz_slot_test(s, TZ_SLOT_WB)) {
		tz_backing_free_block(st->bd, s->handle);
		atomic64_dec(&stats->pages_stored);
	} else if (size) {
		zs_free(st->pool, s->handle);
		atomic64_sub(size, &stats->compr_data_size);
		if (tz_slot_test(s, TZ_SLOT_HUGE))
			atomic64_dec(&stats->huge_pages);
		atomic64_dec(&stats->pages_stored);
	}
	tz_slot_clear(s);
}

void tz_store_accessed(struct tz_store *st, struct tz_slot *s,
		       unsigned long index)
{
	tz_slot_clear_flag(s, TZ_SLOT_IDLE);
	tz_store_touch(st, index);
}
