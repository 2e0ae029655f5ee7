// SPDX-License-Identifier: GPL-2.0
/*
 * dev_store.c - store, load and drop pages of one device.
 *
 * Lock order: codec stream (mutex) before slot (bit spinlock). Work that
 * may sleep (zs_malloc, backing device I/O) runs holding at most a
 * stream; a slot lock is held only to swap a slot's contents or to read
 * them out.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/overflow.h>
#include <linux/vmalloc.h>
#include <linux/zsmalloc.h>
#include "compat.h"
#include "dev_backing.h"
#include "dev_store.h"
#include "gpu_csum.h"
#include "tz_samefill.h"

int tz_store_init(struct tz_store *st, unsigned long nr_pages,
		  const struct tz_comp_alg *const algs[TZ_MAX_COMPS],
		  const struct tz_comp_params params[TZ_MAX_COMPS],
		  struct tz_backing *bd, struct tz_stats *stats,
		  const char *name)
{
	unsigned int p;
	int ret;

	memset(st, 0, sizeof(*st));
	if (!algs[TZ_PRIMARY_COMP])
		return -EINVAL;
	st->stats = stats;
	st->bd = bd;
	ret = tz_table_init(&st->table, nr_pages);
	if (ret)
		return ret;
	ret = -ENOMEM;
	st->ac_time = vzalloc(array_size(nr_pages, sizeof(u32)));
	if (!st->ac_time)
		goto err;
	st->pool = zs_create_pool(name);
	if (!st->pool)
		goto err;
	for (p = 0; p < TZ_MAX_COMPS; p++) {
		if (!algs[p])
			continue;
		ret = tz_comp_init(&st->comps[p], algs[p], &params[p]);
		if (ret)
			goto err;
	}
	st->huge_class_size = zs_huge_class_size(st->pool);
	return 0;

err:
	tz_store_destroy(st);
	return ret;
}

void tz_store_free_slot(struct tz_store *st, struct tz_slot *s)
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

/* Safe on a store that init left half made, and twice. */
void tz_store_destroy(struct tz_store *st)
{
	unsigned long i;
	unsigned int p;

	if (st->table.slots && st->pool) {
		for (i = 0; i < st->table.nr; i++) {
			struct tz_slot *s = tz_slot(&st->table, i);

			tz_slot_lock(s);
			tz_store_free_slot(st, s);
			tz_slot_unlock(s);
		}
	}
	for (p = 0; p < TZ_MAX_COMPS; p++)
		tz_comp_destroy(&st->comps[p]);
	if (st->pool)
		zs_destroy_pool(st->pool);
	st->pool = NULL;
	vfree(st->ac_time);
	st->ac_time = NULL;
	tz_table_destroy(&st->table);
}

/* Put new contents into a slot, dropping the old ones; csum may be NULL. */
static void tz_store_set(struct tz_store *st, unsigned long index,
			 unsigned long handle, unsigned int size,
			 enum tz_slot_flag flag, const u64 *csum)
{
	struct tz_slot *s = tz_slot(&st->table, index);

	tz_slot_lock(s);
	tz_store_free_slot(st, s);
	tz_store_touch(st, index);
	s->handle = handle;
	tz_slot_set_size(s, size);
	if (flag)
		tz_slot_set(s, flag);
	if (csum) {
		s->csum = *csum;
		tz_slot_set(s, TZ_SLOT_CSUM);
	}
	tz_slot_unlock(s);
}

unsigned long tz_store_alloc(struct tz_store *st, size_t size, bool may_sleep)
{
	unsigned long handle;

	handle = zs_malloc(st->pool, size, __GFP_KSWAPD_RECLAIM | __GFP_NOWARN |
			   __GFP_HIGHMEM | __GFP_MOVABLE);
	if (!IS_ERR_VALUE(handle) || !may_sleep)
		return handle;
	atomic64_inc(&st->stats->writestall);
	/* GFP_NOIO: reclaim must not recurse into swapping onto us. */
	return zs_malloc(st->pool, size, GFP_NOIO | __GFP_NOWARN |
			 __GFP_HIGHMEM | __GFP_MOVABLE);
}

int tz_store_write(struct tz_store *st, unsigned long index, struct page *page)
{
	struct tz_comp *comp = &st->comps[TZ_PRIMARY_COMP];
	struct tz_stats *stats = st->stats;
	unsigned long handle, fill, used, limit;
	enum tz_slot_flag flag = 0;
	u64 csum, *csump = NULL;
	struct tz_strm *strm;
	const void *src;
	void *mem;
	int len;

	mem = kmap_local_page(page);
	if (tz_same_filled(mem, PAGE_SIZE, &fill)) {
		kunmap_local(mem);
		tz_store_set(st, index, fill, 0, TZ_SLOT_SAME, NULL);
		atomic64_inc(&stats->same_pages);
		atomic64_inc(&stats->pages_stored);
		return 0;
	}

	strm = tz_strm_get(comp);
	len = tz_comp_page(comp, strm, mem, st->huge_class_size);
	if (len == -ENOSPC || len >= st->huge_class_size) {
		len = PAGE_SIZE;
		src = mem;
		flag = TZ_SLOT_HUGE;
	} else if (len < 0) {
		pr_err_ratelimited("compression failed: %d\n", len);
		goto err;
	} else {
		src = strm->buf;
	}

	handle = tz_store_alloc(st, len, true);
	if (IS_ERR_VALUE(handle)) {
		len = -ENOMEM;
		goto err;
	}
	used = zs_get_total_pages(st->pool);
	tz_stats_update_max_used(stats, used);
	limit = READ_ONCE(stats->limit_pages);
	if (limit && used > limit) {
		zs_free(st->pool, handle);
		len = -ENOMEM;
		goto err;
	}
	tz_zs_write(st->pool, handle, src, len);
	tz_strm_put(strm);
	/*
	 * Only compressed pages can go to the helper. Hashed after the
	 * stream is released: ~1 us of CPU per page, not under a lock.
	 */
	if (flag != TZ_SLOT_HUGE && READ_ONCE(st->gpu_csum)) {
		csum = tz_gpu_csum(mem);
		csump = &csum;
	}
	kunmap_local(mem);

	tz_store_set(st, index, handle, len, flag, csump);
	atomic64_add(len, &stats->compr_data_size);
	atomic64_inc(&stats->pages_stored);
	if (flag == TZ_SLOT_HUGE) {
		atomic64_inc(&stats->huge_pages);
		atomic64_inc(&stats->huge_pages_since);
	}
	return 0;

err:
	tz_strm_put(strm);
	kunmap_local(mem);
	return len;
}

/*
 * A read for I/O is an access: the page is not idle any more. Reads by
 * post-processing are not. Caller holds the slot lock.
 */
static void tz_store_accessed(struct tz_store *st, struct tz_slot *s,
			      unsigned long index, bool access)
{
	if (!access)
		return;
	tz_slot_clear_flag(s, TZ_SLOT_IDLE);
	tz_store_touch(st, index);
}

/*
 * Read a written-back slot from its block. False if the slot no longer
 * points at that block afterwards (rewritten, or freed and reused):
 * then read it again.
 */
static bool tz_store_read_wb(struct tz_store *st, struct tz_slot *s,
			     unsigned long index, struct page *page, bool access,
			     int *ret)
{
	unsigned long blk;
	bool same;

	tz_slot_lock(s);
	if (!tz_slot_test(s, TZ_SLOT_WB)) {
		tz_slot_unlock(s);
		return false;
	}
	blk = s->handle;
	tz_store_accessed(st, s, index, access);
	tz_slot_unlock(s);

	*ret = tz_backing_read(st->bd, blk, page);
	tz_slot_lock(s);
	same = tz_slot_test(s, TZ_SLOT_WB) && s->handle == blk;
	tz_slot_unlock(s);
	return same;
}

/*
 * Read a slot held in memory with the stream of priority prio. False if
 * the slot turned out to need another (recompressed or written back
 * meanwhile): then read it again.
 */
static bool tz_store_read_mem(struct tz_store *st, struct tz_slot *s,
			      unsigned long index, unsigned int prio,
			      struct page *page, bool access, int *ret)
{
	struct tz_comp *comp = &st->comps[prio];
	struct tz_strm *strm;
	unsigned int size;
	const void *src;
	void *dst;

	if (WARN_ON_ONCE(!comp->alg)) {
		*ret = -EIO;	/* a priority nobody compressed with */
		return true;
	}
	/* Stream first (it may sleep), then the slot: see the lock order. */
	strm = tz_strm_get(comp);
	dst = kmap_local_page(page);
	tz_slot_lock(s);
	if (tz_slot_prio(s) != prio || tz_slot_test(s, TZ_SLOT_WB)) {
		tz_slot_unlock(s);
		kunmap_local(dst);
		tz_strm_put(strm);
		return false;
	}
	tz_store_accessed(st, s, index, access);
	size = tz_slot_size(s);
	*ret = 0;
	if (tz_slot_test(s, TZ_SLOT_SAME)) {
		memset_l(dst, s->handle, PAGE_SIZE / sizeof(unsigned long));
	} else if (!size) {
		memset(dst, 0, PAGE_SIZE);	/* never written or discarded */
	} else {
		src = tz_zs_read_begin(st->pool, s->handle, strm->buf);
		if (size == PAGE_SIZE)
			memcpy(dst, src, PAGE_SIZE);
		else
			*ret = tz_decomp_page(comp, strm, src, size, dst);
		tz_zs_read_end(st->pool, s->handle, src);
	}
	tz_slot_unlock(s);
	kunmap_local(dst);
	tz_strm_put(strm);
	return true;
}

static int tz_store_load(struct tz_store *st, unsigned long index,
			 struct page *page, bool access)
{
	struct tz_slot *s = tz_slot(&st->table, index);
	unsigned long flags;
	int ret = 0;

	for (;;) {
		/*
		 * Unlocked look at where the data is, to take the right
		 * stream before the slot lock; both readers check again
		 * under the lock.
		 */
		flags = READ_ONCE(s->flags);
		if (flags & BIT(TZ_SLOT_WB)) {
			if (tz_store_read_wb(st, s, index, page, access, &ret))
				return ret;
		} else if (tz_store_read_mem(st, s, index,
					     tz_slot_flags_prio(flags), page,
					     access, &ret)) {
			return ret;
		}
	}
}

int tz_store_read(struct tz_store *st, unsigned long index, struct page *page)
{
	return tz_store_load(st, index, page, true);
}

int tz_store_copy(struct tz_store *st, unsigned long index, struct page *page)
{
	return tz_store_load(st, index, page, false);
}

void tz_store_discard(struct tz_store *st, unsigned long index)
{
	struct tz_slot *s = tz_slot(&st->table, index);

	tz_slot_lock(s);
	tz_store_free_slot(st, s);
	tz_slot_unlock(s);
}

bool tz_store_try_discard(struct tz_store *st, unsigned long index)
{
	struct tz_slot *s = tz_slot(&st->table, index);

	if (!tz_slot_trylock(s))
		return false;
	tz_store_free_slot(st, s);
	tz_slot_unlock(s);
	return true;
}

unsigned long tz_store_pool_pages(struct tz_store *st)
{
	return st->pool ? zs_get_total_pages(st->pool) : 0;
}
