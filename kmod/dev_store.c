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
#include "unit.h"

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
	if (tz_slot_test(s, TZ_SLOT_UNIT))
		tz_unit_slot_drop(st, s);
	else
		tz_store_free_single(st, s);
}

/* Safe on a store that init left half made, and twice. */
void tz_store_destroy(struct tz_store *st)
{
	unsigned long i;
	unsigned int p;

	tz_units_stop(st);
	if (st->table.slots && st->pool) {
		for (i = 0; i < st->table.nr; i++) {
			struct tz_slot *s = tz_slot(&st->table, i);

			tz_slot_lock(s);
			tz_store_free_slot(st, s);
			tz_slot_unlock(s);
		}
	}
	tz_units_destroy(st);
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

/*
 * Store a page (mapped at mem) that is not same-filled, given what its
 * compression returned (len: the length of its output at out, or
 * -ENOSPC) with the stream that made it held (the allocation may sleep:
 * the lock order puts the stream first). The tag for the GPU helper is
 * hashed here too, ~1 us of CPU, with no slot lock held.
 */
static int tz_store_put(struct tz_store *st, unsigned long index,
			const void *mem, int len, const void *out)
{
	struct tz_stats *stats = st->stats;
	enum tz_slot_flag flag = 0;
	u64 csum, *csump = NULL;
	unsigned long handle;
	const void *src = out;

	if (len == -ENOSPC || len >= st->huge_class_size) {
		len = PAGE_SIZE;
		src = mem;
		flag = TZ_SLOT_HUGE;
	} else if (len < 0) {
		pr_err_ratelimited("compression failed: %d\n", len);
		return len;
	}
	handle = tz_store_alloc(st, len, true);
	if (IS_ERR_VALUE(handle))
		return -ENOMEM;
	if (tz_store_over_limit(st)) {
		zs_free(st->pool, handle);
		return -ENOMEM;
	}
	tz_zs_write(st->pool, handle, src, len);
	/* Only compressed pages can go to the helper. */
	if (flag != TZ_SLOT_HUGE && READ_ONCE(st->gpu_csum)) {
		csum = tz_gpu_csum(mem);
		csump = &csum;
	}
	tz_store_set(st, index, handle, len, flag, csump);
	atomic64_add(len, &stats->compr_data_size);
	atomic64_inc(&stats->pages_stored);
	if (flag == TZ_SLOT_HUGE) {
		atomic64_inc(&stats->huge_pages);
		atomic64_inc(&stats->huge_pages_since);
	}
	return 0;
}

/* A same-filled page stored as its fill word. */
static void tz_store_same(struct tz_store *st, unsigned long index,
			  unsigned long fill)
{
	tz_store_set(st, index, fill, 0, TZ_SLOT_SAME, NULL);
	atomic64_inc(&st->stats->same_pages);
	atomic64_inc(&st->stats->pages_stored);
}

/*
 * The stream's room for job k of a batch: its output buffer for the
 * first, its batch buffer (tz_comp_batches() only) for the others.
 */
static void *tz_strm_room(struct tz_strm *strm, unsigned int k)
{
	return k ? strm->bbuf + (size_t)(k - 1) * PAGE_SIZE : strm->buf;
}

/* Pages one batch of the primary algorithm takes (1: no batch calls). */
static unsigned int tz_store_batch(struct tz_store *st)
{
	return tz_comp_batches(&st->comps[TZ_PRIMARY_COMP]) ? TZ_COMP_BATCH : 1;
}

/*
 * Write n <= tz_store_batch() pages: the same-filled ones as their word,
 * the others compressed in one batch call, then stored in order up to
 * the first failure. *done: the pages stored before it.
 */
static int tz_store_write_batch(struct tz_store *st, unsigned long index,
				struct page **pages, unsigned int n,
				unsigned int *done)
{
	struct tz_comp *comp = &st->comps[TZ_PRIMARY_COMP];
	struct tz_codec_job jobs[TZ_COMP_BATCH];
	unsigned long fill[TZ_COMP_BATCH];
	s8 job[TZ_COMP_BATCH];
	void *mem[TZ_COMP_BATCH];
	struct tz_strm *strm = NULL;
	unsigned int i, k = 0;
	int ret = 0;

	for (i = 0; i < n; i++) {
		mem[i] = kmap_local_page(pages[i]);
		job[i] = -1;
		if (tz_same_filled(mem[i], PAGE_SIZE, &fill[i]))
			continue;
		if (!strm)
			strm = tz_strm_get(comp);
		jobs[k] = (struct tz_codec_job){
			.src = mem[i], .src_len = PAGE_SIZE,
			.dst = tz_strm_room(strm, k),
			.dst_cap = min_t(size_t, st->huge_class_size, PAGE_SIZE),
		};
		job[i] = k++;
	}
	if (k)
		tz_comp_pages(comp, strm, jobs, k);
	for (i = 0; i < n && !ret; i++) {
		if (job[i] < 0)
			tz_store_same(st, index + i, fill[i]);
		else
			ret = tz_store_put(st, index + i, mem[i],
					   jobs[job[i]].ret, jobs[job[i]].dst);
	}
	*done = ret ? i - 1 : n;
	if (strm)
		tz_strm_put(strm);
	while (n--)
		kunmap_local(mem[n]);
	return ret;
}

int tz_store_write(struct tz_store *st, unsigned long index, struct page *page)
{
	unsigned int done;

	return tz_store_write_batch(st, index, &page, 1, &done);
}

int tz_store_write_pages(struct tz_store *st, unsigned long index,
			 struct page **pages, unsigned int n,
			 unsigned int *done)
{
	unsigned int per = tz_store_batch(st), m, ok;
	int ret = 0;

	for (*done = 0; *done < n && !ret; *done += ok) {
		m = min(n - *done, per);
		ret = tz_store_write_batch(st, index + *done, pages + *done,
					   m, &ok);
	}
	return ret;
}

/* A block read back from a compressed writeback: decompress in place. */
static int tz_store_decomp_wb(struct tz_store *st, struct page *page,
			      unsigned int prio, unsigned int size)
{
	struct tz_comp *comp = &st->comps[prio];
	struct tz_strm *strm;
	void *mem;
	int ret;

	if (!comp->alg || !size || size > PAGE_SIZE)
		return -EIO;
	strm = tz_strm_get(comp);
	mem = kmap_local_page(page);
	ret = tz_decomp_page(comp, strm, mem, size, strm->buf);
	if (!ret)
		memcpy(mem, strm->buf, PAGE_SIZE);
	kunmap_local(mem);
	tz_strm_put(strm);
	return ret;
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
	unsigned int size, prio;
	unsigned long blk;
	bool same, raw;

	tz_slot_lock(s);
	if (!tz_slot_test(s, TZ_SLOT_WB)) {
		tz_slot_unlock(s);
		return false;
	}
	blk = s->handle;
	size = tz_slot_size(s);
	prio = tz_slot_prio(s);
	raw = !st->compressed_wb || tz_slot_test(s, TZ_SLOT_HUGE);
	if (access)
		tz_store_accessed(st, s, index);
	tz_slot_unlock(s);

	*ret = tz_backing_read(st->bd, blk, page);
	tz_slot_lock(s);
	same = tz_slot_test(s, TZ_SLOT_WB) && s->handle == blk;
	tz_slot_unlock(s);
	/* The block is ours until the slot changes: decompress if still so. */
	if (same && !*ret && !raw)
		*ret = tz_store_decomp_wb(st, page, prio, size);
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
	if (tz_slot_prio(s) != prio || tz_slot_test(s, TZ_SLOT_WB) ||
	    tz_slot_test(s, TZ_SLOT_UNIT)) {
		tz_slot_unlock(s);
		kunmap_local(dst);
		tz_strm_put(strm);
		return false;
	}
	if (access)
		tz_store_accessed(st, s, index);
	size = tz_slot_size(s);
	*ret = 0;
	if (tz_slot_test(s, TZ_SLOT_SAME)) {
		memset_l(dst, s->handle, PAGE_SIZE / sizeof(unsigned long));
	} else if (!size) {
		memset(dst, 0, PAGE_SIZE);	/* never written or discarded */
	} else {
		src = tz_zs_read_begin(st->pool, s->handle, size, strm->buf);
		if (size == PAGE_SIZE)
			memcpy(dst, src, PAGE_SIZE);
		else
			*ret = tz_decomp_page(comp, strm, src, size, dst);
		tz_zs_read_end(st->pool, s->handle, size, src);
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
		if (flags & BIT(TZ_SLOT_UNIT)) {
			/* In a unit: its own buffers and locks (unit.c). */
			ret = tz_unit_read_page(st, index, page, access);
			if (ret != -EAGAIN)
				return ret;
		} else if (flags & BIT(TZ_SLOT_WB)) {
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

/*
 * Read n <= tz_store_batch() pages, page i from slot idx[i], into res[i]
 * each one's result. Slots holding a compressed page of the primary
 * algorithm in memory are each locked only to copy their bytes into the
 * stream's room (a snapshot a concurrent overwrite or discard cannot
 * free, as gpu_dev.c takes) and then decoded in one batch call with no
 * slot lock held; the others (same-filled, huge, written back,
 * recompressed, in a unit, or changed meanwhile) are read the usual way
 * after, up to the first failure (later ones: -ECANCELED).
 */
static void tz_store_load_batch(struct tz_store *st, const unsigned long *idx,
				struct page **pages, unsigned int n,
				bool access, int *res)
{
	struct tz_comp *comp = &st->comps[TZ_PRIMARY_COMP];
	struct tz_codec_job jobs[TZ_COMP_BATCH];
	u8 at[TZ_COMP_BATCH];
	struct tz_strm *strm;
	unsigned int i, k = 0;
	int ret = 0;

	strm = tz_strm_get(comp);
	for (i = 0; i < n; i++) {
		struct tz_slot *s = tz_slot(&st->table, idx[i]);
		void *room = tz_strm_room(strm, k);
		unsigned int size;
		const void *src;

		res[i] = -EAGAIN;
		tz_slot_lock(s);
		size = tz_slot_size(s);
		if (tz_slot_prio(s) == TZ_PRIMARY_COMP && size && size < PAGE_SIZE &&
		    !tz_slot_test(s, TZ_SLOT_SAME) && !tz_slot_test(s, TZ_SLOT_WB) &&
		    !tz_slot_test(s, TZ_SLOT_UNIT)) {
			src = tz_zs_read_begin(st->pool, s->handle, size, room);
			if (src != room)
				memcpy(room, src, size);
			tz_zs_read_end(st->pool, s->handle, size, src);
			if (access)
				tz_store_accessed(st, s, idx[i]);
			jobs[k].src = room;
			jobs[k].src_len = size;
			at[k++] = i;
		}
		tz_slot_unlock(s);
	}
	for (i = 0; i < k; i++)
		jobs[i].dst = kmap_local_page(pages[at[i]]);
	tz_decomp_pages(comp, strm, jobs, k);
	while (k--) {
		kunmap_local(jobs[k].dst);
		res[at[k]] = jobs[k].ret;
	}
	tz_strm_put(strm);
	for (i = 0; i < n; i++) {
		if (ret)
			res[i] = -ECANCELED;
		else if (res[i] == -EAGAIN)
			res[i] = tz_store_load(st, idx[i], pages[i], access);
		ret = res[i];
	}
}

int tz_store_read_pages(struct tz_store *st, unsigned long index,
			struct page **pages, unsigned int n, unsigned int *done)
{
	unsigned int per = tz_store_batch(st), m, i;
	unsigned long idx[TZ_COMP_BATCH];
	int res[TZ_COMP_BATCH];

	for (*done = 0; *done < n; *done += m) {
		m = min(n - *done, per);
		if (m == 1) {
			res[0] = tz_store_load(st, index + *done, pages[*done], true);
		} else {
			for (i = 0; i < m; i++)
				idx[i] = index + *done + i;
			tz_store_load_batch(st, idx, pages + *done, m, true, res);
		}
		for (i = 0; i < m; i++) {
			if (res[i]) {
				*done += i;
				return res[i];
			}
		}
	}
	return 0;
}

int tz_store_write_run(struct tz_store *st, unsigned long index,
		       struct page **pages, unsigned int n)
{
	unsigned int done;
	int ret;

	ret = tz_unit_write_run(st, index, pages, n);
	if (ret != -EAGAIN)
		return ret;
	/* No unit: as single pages, as zram would (in batch calls). */
	return tz_store_write_pages(st, index, pages, n, &done);
}

int tz_store_read_run(struct tz_store *st, unsigned long index,
		      struct page **pages, unsigned int n)
{
	struct tz_unit_reader r;
	unsigned int i = 0, m, done;
	int ret;

	ret = tz_unit_reader_start(st, &r, index, n);
	while (!ret && i < n) {
		ret = tz_unit_reader_read(st, &r, index + i, pages + i, n - i);
		/*
		 * Not in a unit: this page and those after it that are not
		 * either (looked at unlocked: the reads check again) are read
		 * as single pages, in batch calls, with their own stream.
		 */
		if (ret == -EAGAIN) {
			for (m = 1; i + m < n && m < TZ_COMP_BATCH; m++)
				if (READ_ONCE(tz_slot(&st->table, index + i + m)->flags) &
				    BIT(TZ_SLOT_UNIT))
					break;
			ret = tz_store_read_pages(st, index + i, pages + i, m,
						  &done) ?: m;
		}
		if (ret > 0) {
			i += ret;
			ret = 0;
		}
	}
	tz_unit_reader_end(&r);
	return ret;
}

int tz_store_copy(struct tz_store *st, unsigned long index, struct page *page)
{
	return tz_store_load(st, index, page, false);
}

void tz_store_copy_pages_for_wb(struct tz_store *st, const unsigned long *idx,
				struct page **pages, unsigned int n, int *res)
{
	unsigned int per = tz_store_batch(st), at, m, i;

	for (at = 0; at < n; at += m) {
		m = min(n - at, per);
		if (m > 1 && !st->compressed_wb) {
			tz_store_load_batch(st, idx + at, pages + at, m, false,
					    res + at);
			/* Not stopped at a failure: each page on its own. */
			for (i = 0; i < m; i++)
				if (res[at + i] == -ECANCELED)
					res[at + i] = tz_store_copy(st, idx[at + i],
								    pages[at + i]);
			continue;
		}
		for (i = 0; i < m; i++)
			res[at + i] = tz_store_copy_for_wb(st, idx[at + i],
							   pages[at + i]);
	}
}

int tz_store_copy_for_wb(struct tz_store *st, unsigned long index,
			 struct page *page)
{
	struct tz_slot *s = tz_slot(&st->table, index);
	struct tz_strm *strm;
	unsigned int size;
	const void *src;
	void *dst;
	int ret = 0;

	if (!st->compressed_wb)
		return tz_store_copy(st, index, page);
	/* Any stream's buffer can take an object that spans two pages. */
	strm = tz_strm_get(&st->comps[TZ_PRIMARY_COMP]);
	dst = kmap_local_page(page);
	tz_slot_lock(s);
	size = tz_slot_size(s);
	if (tz_slot_test(s, TZ_SLOT_WB) || tz_slot_test(s, TZ_SLOT_SAME) || !size) {
		ret = -ENOENT;
	} else {
		src = tz_zs_read_begin(st->pool, s->handle, size, strm->buf);
		memcpy(dst, src, size);
		tz_zs_read_end(st->pool, s->handle, size, src);
		memset(dst + size, 0, PAGE_SIZE - size);
	}
	tz_slot_unlock(s);
	kunmap_local(dst);
	tz_strm_put(strm);
	return ret;
}

void tz_store_set_wb(struct tz_store *st, struct tz_slot *s, unsigned long blk,
		     bool keep_flags)
{
	unsigned long keep = 0;

	if (keep_flags || st->compressed_wb)
		keep = s->flags & (TZ_SLOT_SIZE_MASK | (3UL << TZ_SLOT_PRIO) |
				   BIT(TZ_SLOT_HUGE) | BIT(TZ_SLOT_INCOMPRESSIBLE));
	tz_store_free_slot(st, s);	/* object, stats, all flags */
	s->handle = blk;
	s->flags |= keep;
	tz_slot_set(s, TZ_SLOT_WB);
	atomic64_inc(&st->stats->pages_stored);
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
