// SPDX-License-Identifier: GPL-2.0
/*
 * unit.c - units of several pages compressed as one (see unit.h): their
 * storage in zsmalloc objects, references, the per-CPU read buffers and
 * the split of mostly dead units.
 *
 * Lock order: codec stream, then this CPU's unit buffer (both mutexes,
 * the holder may sleep), then a slot (bit spinlock). split_lock nests
 * inside a slot lock: dropping a slot's reference may queue a split.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/highmem.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/zsmalloc.h>
#include "compat.h"
#include "dev_slot.h"
#include "tz_samefill.h"
#include "unit.h"

/* Units are coded with comp_algorithm (priority 0) only. */
static struct tz_comp *tz_unit_comp(struct tz_store *st)
{
	return &st->comps[TZ_PRIMARY_COMP];
}

/* ---- descriptors and their zsmalloc objects ---- */

static unsigned int tz_unit_chunk_len(const struct tz_unit *u, unsigned int c)
{
	return min_t(u32, PAGE_SIZE, u->len - c * PAGE_SIZE);
}

static void tz_unit_free_chunks(struct tz_store *st, struct tz_unit *u)
{
	unsigned int c;

	for (c = 0; c < u->nchunks; c++)
		zs_free(st->pool, u->chunk[c]);
	kfree(u);
}

/* The last reference is gone: no slot or reader refers to u any more. */
static void tz_unit_free(struct tz_store *st, struct tz_unit *u)
{
	atomic64_sub(u->len, &st->stats->compr_data_size);
	atomic64_dec(&st->units->stats.units);
	tz_unit_free_chunks(st, u);
}

static void tz_unit_put(struct tz_store *st, struct tz_unit *u)
{
	if (refcount_dec_and_test(&u->refs))
		tz_unit_free(st, u);
}

/* Does the slot (locked) still hold page k of u? */
static bool tz_unit_slot_is(const struct tz_slot *s, const struct tz_unit *u,
			    unsigned int k)
{
	return tz_slot_test(s, TZ_SLOT_UNIT) && s->handle == (unsigned long)u &&
	       tz_slot_uidx(s) == k;
}

/*
 * A descriptor and zsmalloc room for len bytes: full-page objects, then
 * the rest. NULL if the pool or the kernel is out of memory. May sleep.
 */
static struct tz_unit *tz_unit_alloc(struct tz_store *st, unsigned int len)
{
	unsigned int c, n = DIV_ROUND_UP(len, PAGE_SIZE);
	struct tz_unit *u;

	u = kzalloc(struct_size(u, chunk, n), GFP_NOIO | __GFP_NOWARN);
	if (!u)
		return NULL;
	u->len = len;
	for (c = 0; c < n; c++) {
		unsigned long h = tz_store_alloc(st, tz_unit_chunk_len(u, c), true);

		if (IS_ERR_VALUE(h)) {
			tz_unit_free_chunks(st, u);
			return NULL;
		}
		u->chunk[u->nchunks++] = h;
	}
	return u;
}

/* ---- per-CPU buffers ---- */

static struct tz_unit_buf *tz_unit_buf_get(struct tz_units *us)
{
	struct tz_unit_buf *b = raw_cpu_ptr(us->buf);

	mutex_lock(&b->lock);
	return b;
}

static void tz_unit_buf_put(struct tz_unit_buf *b)
{
	mutex_unlock(&b->lock);
}

/*
 * Decode u into dst (u->npages pages): its compressed bytes gathered from
 * zsmalloc into b->cbuf, then one codec call, in a SIMD section where the
 * codec bounds it (TZ_CODEC_SIMD_UNIT_D). Into b->cache, which then
 * holds u. Caller holds strm, b and a reference on u. need < the unit's
 * bytes: only its first need bytes are asked for (a page read), and the
 * codec may stop there (decompress_part): b->cache then holds u's first
 * part_pages.
 */
static int tz_unit_decode_to(struct tz_store *st, struct tz_unit *u,
			     struct tz_strm *strm, struct tz_unit_buf *b,
			     void *dst, unsigned int need)
{
	struct tz_comp *comp = tz_unit_comp(st);
	const struct tz_codec *codec = comp->codec;
	unsigned int c, out = u->npages * PAGE_SIZE;
	enum tz_variant v = TZ_VARIANT_SCALAR;
	int ret;

	if (dst == b->cache) {
		b->cache_id = 0;
		b->part_id = 0;
	}
	for (c = 0; c < u->nchunks; c++) {
		u8 *dst = b->cbuf + (size_t)c * PAGE_SIZE;
		const void *src = tz_zs_read_begin(st->pool, u->chunk[c],
						   tz_unit_chunk_len(u, c), dst);

		if (src != dst)
			memcpy(dst, src, tz_unit_chunk_len(u, c));
		tz_zs_read_end(st->pool, u->chunk[c], tz_unit_chunk_len(u, c), src);
	}
	if (codec->simd & TZ_CODEC_SIMD_UNIT_D)
		v = tz_simd_begin();
	if (need < out && codec->decompress_part)
		ret = codec->decompress_part(v, b->cbuf, u->len, dst, out, need,
					     strm->dwork);
	else
		ret = codec->decompress(v, b->cbuf, u->len, dst, out, strm->dwork);
	tz_simd_end(v);
	if (ret >= (int)need && ret < (int)out && dst == b->cache) {
		b->part_id = u->id;
		b->part_pages = ret >> PAGE_SHIFT;
		return 0;
	}
	if (ret != out) {
		pr_err_ratelimited("%s: corrupt unit (%u bytes, %u pages): %d\n",
				   comp->codec->name, u->len, u->npages, ret);
		return -EIO;
	}
	if (dst == b->cache)
		b->cache_id = u->id;
	return 0;
}

static int tz_unit_decode(struct tz_store *st, struct tz_unit *u,
			  struct tz_strm *strm, struct tz_unit_buf *b)
{
	return tz_unit_decode_to(st, u, strm, b, b->cache, u->npages * PAGE_SIZE);
}

/* ---- writes ---- */

/*
 * Code this CPU's gathered pages (b->cache, m of them) as one unit and
 * store it; NULL (*err 0) if it does not pay or finds no memory: then the
 * run goes page by page; NULL and *err on a codec error or mem_limit.
 */
static struct tz_unit *tz_unit_store(struct tz_store *st, struct tz_strm *strm,
				     struct tz_unit_buf *b, unsigned int m,
				     int *err)
{
	struct tz_comp *comp = tz_unit_comp(st);
	unsigned int cap = m * st->huge_class_size, c;
	enum tz_variant v = TZ_VARIANT_SCALAR;
	struct tz_unit *u;
	int len;

	*err = 0;
	/* A codec that bounds its sections (TZ_CODEC_SIMD_UNIT_C) runs SIMD. */
	if (comp->codec->simd & TZ_CODEC_SIMD_UNIT_C)
		v = tz_simd_begin();
	len = comp->codec->compress(v, b->cache, m * PAGE_SIZE, b->cbuf, cap,
				    strm->cwork, comp->level);
	tz_simd_end(v);
	/* Not below the huge size per page: as pages, as zram would. */
	if (len == -ENOSPC || len == 0 || len >= cap)
		return NULL;
	if (len < 0) {
		pr_err_ratelimited("unit compression failed: %d\n", len);
		*err = len;
		return NULL;
	}
	/*
	 * Out of memory for the descriptor or a whole page: the pages alone
	 * may still fit where small objects have room (a unit only saves).
	 */
	u = tz_unit_alloc(st, len);
	if (!u)
		return NULL;
	if (tz_store_over_limit(st)) {
		tz_unit_free_chunks(st, u);
		*err = -ENOMEM;		/* mem_limit: zram's error */
		return NULL;
	}
	for (c = 0; c < u->nchunks; c++)
		tz_zs_write(st->pool, u->chunk[c], b->cbuf + (size_t)c * PAGE_SIZE,
			    tz_unit_chunk_len(u, c));
	u->id = atomic64_inc_return(&st->units->next_id);
	u->npages = m;
	refcount_set(&u->refs, m);
	atomic_set(&u->live, m);
	INIT_LIST_HEAD(&u->split_node);
	atomic64_add(len, &st->stats->compr_data_size);
	atomic64_inc(&st->units->stats.units);
	atomic64_add(m, &st->units->stats.pages);
	return u;
}

/*
 * Empty a slot whatever it holds (slot lock held): a new unit replaces
 * pages that may be in units themselves. The store above has the same
 * for its own callers; this layer cannot call up into it.
 */
static void tz_unit_free_slot(struct tz_store *st, struct tz_slot *s)
{
	if (tz_slot_test(s, TZ_SLOT_UNIT))
		tz_unit_slot_drop(st, s);
	else
		tz_store_free_single(st, s);
}

int tz_unit_write_run(struct tz_store *st, unsigned long index,
		      struct page **pages, unsigned int n)
{
	struct tz_units *us = st->units;
	unsigned int pos = index & (us->max_pages - 1), i, k, m = 0;
	unsigned long fill[TZ_UNIT_MAX_PAGES];
	struct tz_unit *u = NULL;
	struct tz_unit_buf *b;
	struct tz_strm *strm;
	u16 same = 0, mask = 0;
	int ret = 0;

	if (WARN_ON_ONCE(!n || pos + n > us->max_pages ||
			 index + n > st->table.nr))
		return -EINVAL;
	if (n < 2)
		return -EAGAIN;

	strm = tz_strm_get(tz_unit_comp(st));
	b = tz_unit_buf_get(us);
	/* The buffer gathers the run: what it held is gone. */
	b->cache_id = 0;
	b->part_id = 0;
	for (i = 0; i < n; i++) {
		void *mem = kmap_local_page(pages[i]);

		if (tz_same_filled(mem, PAGE_SIZE, &fill[i])) {
			same |= BIT(i);
		} else {
			memcpy(b->cache + (size_t)m++ * PAGE_SIZE, mem, PAGE_SIZE);
			mask |= BIT(pos + i);
		}
		kunmap_local(mem);
	}
	if (m >= 2)
		u = tz_unit_store(st, strm, b, m, &ret);
	if (u) {
		u->base = index - pos;
		u->mask = mask;
		/* The buffer holds the unit's pages, decoded as it were. */
		b->cache_id = u->id;
	}
	tz_unit_buf_put(b);
	tz_strm_put(strm);
	if (ret)
		return ret;
	if (!u)
		return -EAGAIN;

	atomic64_add(n, &st->stats->pages_stored);
	atomic64_add(hweight16(same), &st->stats->same_pages);
	for (i = 0, k = 0; i < n; i++) {
		struct tz_slot *s = tz_slot(&st->table, index + i);

		tz_slot_lock(s);
		tz_unit_free_slot(st, s);
		tz_store_touch(st, index + i);
		if (same & BIT(i)) {
			s->handle = fill[i];
			tz_slot_set(s, TZ_SLOT_SAME);
		} else {
			s->handle = (unsigned long)u;
			tz_slot_set(s, TZ_SLOT_UNIT);
			tz_slot_set_uidx(s, k++);
		}
		tz_slot_unlock(s);
	}
	return 0;
}

/* ---- reads ---- */

/*
 * One page of a unit slot into dst; caller holds strm and b. run: the
 * block positions this read covers. A unit all of whose pages it covers
 * is a whole-unit read, counted once (*counted: the last one counted);
 * else a partial read, a hit if b already holds the unit decoded.
 * -EAGAIN: the slot is not in a unit.
 */
static int tz_unit_read_one(struct tz_store *st, struct tz_strm *strm,
			    struct tz_unit_buf *b, unsigned long index,
			    void *dst, u16 run, bool access, u64 *counted)
{
	struct tz_unit_stats *stats = &st->units->stats;
	struct tz_slot *s = tz_slot(&st->table, index);
	struct tz_unit *u;
	unsigned int k;
	bool whole;
	int ret;

	tz_slot_lock(s);
	if (!tz_slot_test(s, TZ_SLOT_UNIT)) {
		tz_slot_unlock(s);
		return -EAGAIN;
	}
	if (access)
		tz_store_accessed(st, s, index);
	u = (struct tz_unit *)s->handle;
	k = tz_slot_uidx(s);
	whole = !(u->mask & ~run);
	if (whole && *counted != u->id) {
		*counted = u->id;
		atomic64_inc(&stats->reads);
	} else if (!whole) {
		atomic64_inc(&stats->partial);
	}
	if (b->cache_id == u->id || (b->part_id == u->id && k < b->part_pages)) {
		memcpy(dst, b->cache + (size_t)k * PAGE_SIZE, PAGE_SIZE);
		tz_slot_unlock(s);
		if (!whole)
			atomic64_inc(&stats->hits);
		return 0;
	}
	/*
	 * Decode with the slot unlocked; the reference keeps u. A partial
	 * read decodes only up to its page, unless the buffer already holds
	 * the start of this unit (the pages are being read one by one: decode
	 * it all once) or the read covers all of it.
	 */
	refcount_inc(&u->refs);
	tz_slot_unlock(s);
	ret = tz_unit_decode_to(st, u, strm, b, b->cache,
				whole || b->part_id == u->id ? u->npages * PAGE_SIZE :
				(k + 1) * PAGE_SIZE);
	if (!ret)
		memcpy(dst, b->cache + (size_t)k * PAGE_SIZE, PAGE_SIZE);
	tz_unit_put(st, u);
	return ret;
}

int tz_unit_read_page(struct tz_store *st, unsigned long index,
		      struct page *page, bool access)
{
	struct tz_units *us = st->units;
	struct tz_unit_buf *b;
	struct tz_strm *strm;
	u64 counted = 0;
	void *dst;
	int ret;

	if (!us)
		return -EAGAIN;
	strm = tz_strm_get(tz_unit_comp(st));
	b = tz_unit_buf_get(us);
	dst = kmap_local_page(page);
	ret = tz_unit_read_one(st, strm, b, index, dst,
			       BIT(index & (us->max_pages - 1)), access, &counted);
	kunmap_local(dst);
	tz_unit_buf_put(b);
	tz_strm_put(strm);
	return ret;
}

/*
 * A whole unit straight into the bio's pages: where the slot at index
 * holds the first page of a unit whose pages are exactly the next
 * u->npages of the run (no same-filled hole) and those bio pages are
 * contiguous in the direct map (a large folio), decode it once into them.
 * Every slot is checked to still hold its page of the unit first: a write
 * that completed before this read must be seen. Returns the pages read, 0
 * where this does not apply (or the buffer holds the unit decoded: the
 * page-by-page path copies from it), or a negative errno.
 */
static int tz_unit_read_direct(struct tz_store *st, struct tz_strm *strm,
			       struct tz_unit_buf *b, unsigned long index,
			       struct page **pages, unsigned int n, u64 *counted)
{
	unsigned int pos = index & (st->units->max_pages - 1), j, np;
	struct tz_slot *s = tz_slot(&st->table, index);
	struct tz_unit *u;
	int ret = 0;

	tz_slot_lock(s);
	if (!tz_slot_test(s, TZ_SLOT_UNIT) || tz_slot_uidx(s)) {
		tz_slot_unlock(s);
		return 0;
	}
	u = (struct tz_unit *)s->handle;
	np = u->npages;
	if (np > n || u->mask != GENMASK(pos + np - 1, pos) ||
	    b->cache_id == u->id) {
		tz_slot_unlock(s);
		return 0;
	}
	refcount_inc(&u->refs);
	tz_slot_unlock(s);
	for (j = 0; j < np; j++)
		if (PageHighMem(pages[j]) ||
		    page_to_pfn(pages[j]) != page_to_pfn(pages[0]) + j)
			goto out;
	for (j = 0; j < np; j++) {
		bool in;

		s = tz_slot(&st->table, index + j);
		tz_slot_lock(s);
		in = tz_unit_slot_is(s, u, j);
		if (in)
			tz_store_accessed(st, s, index + j);
		tz_slot_unlock(s);
		if (!in)
			goto out;
	}
	ret = tz_unit_decode_to(st, u, strm, b, page_address(pages[0]),
				np * PAGE_SIZE);
	if (!ret) {
		ret = np;
		if (*counted != u->id) {
			*counted = u->id;
			atomic64_inc(&st->units->stats.reads);
		}
	}
out:
	tz_unit_put(st, u);
	return ret;
}

int tz_unit_reader_start(struct tz_store *st, struct tz_unit_reader *r,
			 unsigned long index, unsigned int n)
{
	unsigned int pos = index & (st->units->max_pages - 1);

	memset(r, 0, sizeof(*r));
	if (WARN_ON_ONCE(!n || pos + n > st->units->max_pages ||
			 index + n > st->table.nr))
		return -EINVAL;
	r->run = GENMASK(pos + n - 1, pos);
	return 0;
}

void tz_unit_reader_end(struct tz_unit_reader *r)
{
	if (r->b) {
		tz_unit_buf_put(r->b);
		tz_strm_put(r->strm);
		r->b = NULL;
	}
}

int tz_unit_reader_read(struct tz_store *st, struct tz_unit_reader *r,
			unsigned long index, struct page **pages,
			unsigned int n)
{
	struct tz_slot *s = tz_slot(&st->table, index);
	void *dst;
	int ret;

	/* A look without the lock; tz_unit_read_one() checks again. */
	if (!(READ_ONCE(s->flags) & BIT(TZ_SLOT_UNIT))) {
		tz_unit_reader_end(r);
		return -EAGAIN;
	}
	if (!r->b) {
		r->strm = tz_strm_get(tz_unit_comp(st));
		r->b = tz_unit_buf_get(st->units);
	}
	ret = tz_unit_read_direct(st, r->strm, r->b, index, pages, n,
				  &r->counted);
	if (ret)
		return ret;
	dst = kmap_local_page(pages[0]);
	ret = tz_unit_read_one(st, r->strm, r->b, index, dst, r->run, true,
			       &r->counted);
	kunmap_local(dst);
	/* Not in a unit: the usual read takes its own stream. */
	if (ret == -EAGAIN)
		tz_unit_reader_end(r);
	return ret ?: 1;
}

/* ---- references and splits ---- */

/* How long a split waits for the unit's other pages to go too. */
#define TZ_UNIT_SPLIT_DELAY HZ

static void tz_unit_queue_split(struct tz_units *us, struct tz_unit *u)
{
	bool queue = false;

	spin_lock(&us->split_lock);
	if (!u->split_queued && !us->stopped) {
		/* once, unless a split runs out of room (tz_unit_split) */
		WRITE_ONCE(u->split_queued, true);
		refcount_inc(&u->refs);
		list_add_tail(&u->split_node, &us->split_list);
		queue = true;
	}
	spin_unlock(&us->split_lock);
	/*
	 * Later, not now: the rest of a unit's pages often go right after
	 * (a swapped-in folio's slots are freed one by one), and then there
	 * is nothing left to split.
	 */
	if (queue)
		queue_delayed_work(system_unbound_wq, &us->split_work,
				   TZ_UNIT_SPLIT_DELAY);
}

/* The last page went before the worker came: take u off its queue. */
static void tz_unit_unqueue(struct tz_store *st, struct tz_unit *u)
{
	struct tz_units *us = st->units;
	bool queued;

	spin_lock(&us->split_lock);
	queued = !list_empty(&u->split_node);
	list_del_init(&u->split_node);
	spin_unlock(&us->split_lock);
	if (queued)
		tz_unit_put(st, u);	/* the queue's reference */
}

void tz_unit_slot_drop(struct tz_store *st, struct tz_slot *s)
{
	struct tz_unit *u = (struct tz_unit *)s->handle;
	int live = atomic_dec_return(&u->live);

	atomic64_dec(&st->units->stats.pages);
	atomic64_dec(&st->stats->pages_stored);
	/* Most of its pages dead: store the others alone (worker). */
	if (live && 2 * live < u->npages)
		tz_unit_queue_split(st->units, u);
	else if (!live && READ_ONCE(u->split_queued))
		tz_unit_unqueue(st, u);
	tz_unit_put(st, u);
	tz_slot_clear(s);
}

/*
 * Put the object (handle, len; compressed with priority prio, or stored
 * whole if huge) in the slot at index in place of page k of u, if it still
 * holds that page and is marked PP if pp (recompress's own mark), not
 * marked if !pp (a split leaves pages that recompress or writeback are
 * moving); else (rewritten, discarded meanwhile) free the object. IDLE
 * stays.
 */
static bool tz_unit_replace(struct tz_store *st, struct tz_unit *u,
			    unsigned long index, unsigned int k,
			    unsigned long handle, unsigned int len,
			    unsigned int prio, bool huge, bool pp)
{
	struct tz_slot *s = tz_slot(&st->table, index);
	struct tz_stats *stats = st->stats;
	bool in, idle;

	tz_slot_lock(s);
	in = tz_unit_slot_is(s, u, k) && tz_slot_test(s, TZ_SLOT_PP) == pp;
	if (in) {
		idle = tz_slot_test(s, TZ_SLOT_IDLE);
		tz_unit_slot_drop(st, s);	/* the unit's reference */
		s->handle = handle;
		tz_slot_set_size(s, len);
		tz_slot_set_prio(s, prio);
		if (huge)
			tz_slot_set(s, TZ_SLOT_HUGE);
		if (idle)
			tz_slot_set(s, TZ_SLOT_IDLE);
		atomic64_add(len, &stats->compr_data_size);
		atomic64_inc(&stats->pages_stored);
		if (huge) {
			atomic64_inc(&stats->huge_pages);
			atomic64_inc(&stats->huge_pages_since);
		}
	}
	tz_slot_unlock(s);
	if (!in)
		zs_free(st->pool, handle);
	return in;
}

/*
 * Store page k of u (decoded in page) alone at index, if the slot still
 * refers to it there; else (rewritten, discarded, or being moved by
 * recompress or writeback: PP) leave it. On any failure the page stays in
 * the unit: never lost. False if the pool had no room without reclaim:
 * the worker holds a stream, which swap-out under that reclaim waits
 * for, and is no reclaimer itself (no reserves): an allocation that
 * waited for reclaim there would wait for ever.
 */
static bool tz_unit_split_page(struct tz_store *st, struct tz_strm *strm,
			       struct tz_unit *u, unsigned long index,
			       unsigned int k, const void *page)
{
	struct tz_comp *comp = tz_unit_comp(st);
	struct tz_slot *s = tz_slot(&st->table, index);
	unsigned long handle;
	const void *src;
	bool huge, in;
	int len;

	tz_slot_lock(s);
	in = tz_unit_slot_is(s, u, k) && !tz_slot_test(s, TZ_SLOT_PP);
	tz_slot_unlock(s);
	if (!in)
		return true;
	len = tz_comp_page(comp, strm, page, st->huge_class_size);
	huge = len == -ENOSPC || len >= (int)st->huge_class_size;
	if (!huge && len < 0)
		return true;
	src = huge ? page : strm->buf;
	if (huge)
		len = PAGE_SIZE;
	handle = tz_store_alloc(st, len, false);
	if (IS_ERR_VALUE(handle))
		return false;
	tz_zs_write(st->pool, handle, src, len);
	tz_unit_replace(st, u, index, k, handle, len, TZ_PRIMARY_COMP, huge, false);
	return true;
}

static void tz_unit_split(struct tz_store *st, struct tz_unit *u)
{
	struct tz_units *us = st->units;
	struct tz_unit_buf *b;
	struct tz_strm *strm;
	unsigned int pos, k = 0;
	bool room = true;

	if (!atomic_read(&u->live))
		return;
	strm = tz_strm_get(tz_unit_comp(st));
	b = tz_unit_buf_get(us);
	if (b->cache_id == u->id || !tz_unit_decode(st, u, strm, b)) {
		for (pos = 0; pos < us->max_pages && room; pos++) {
			if (!(u->mask & BIT(pos)))
				continue;
			room = tz_unit_split_page(st, strm, u, u->base + pos, k,
						  b->cache + (size_t)k * PAGE_SIZE);
			k++;
		}
		if (room)
			atomic64_inc(&us->stats.split);
	}
	tz_unit_buf_put(b);
	tz_strm_put(strm);
	if (!room) {
		/* Out of room: the next page of u that goes queues it again. */
		spin_lock(&us->split_lock);
		WRITE_ONCE(u->split_queued, false);
		spin_unlock(&us->split_lock);
	}
}

static void tz_unit_split_fn(struct work_struct *work)
{
	struct tz_units *us = container_of(to_delayed_work(work),
					   struct tz_units, split_work);
	struct tz_unit *u;

	for (;;) {
		spin_lock(&us->split_lock);
		u = list_first_entry_or_null(&us->split_list, struct tz_unit,
					     split_node);
		if (u)
			list_del_init(&u->split_node);
		spin_unlock(&us->split_lock);
		if (!u)
			return;
		tz_unit_split(us->st, u);
		tz_unit_put(us->st, u);	/* the queue's reference */
		cond_resched();
	}
}

/* ---- recompress ---- */

/*
 * Unmark what tz_unit_mark() marked; incompressible: never try again;
 * idle: the pages whose IDLE the marking took, to give back.
 */
static void tz_unit_unmark(struct tz_store *st, struct tz_unit *u, u16 marked,
			   bool incompressible, u16 idle)
{
	unsigned int pos, k = 0;

	for (pos = 0; pos < st->units->max_pages; pos++) {
		struct tz_slot *s = tz_slot(&st->table, u->base + pos);

		if (!(u->mask & BIT(pos)))
			continue;
		tz_slot_lock(s);
		if ((marked & BIT(pos)) && tz_unit_slot_is(s, u, k) &&
		    tz_slot_test(s, TZ_SLOT_PP)) {
			tz_slot_clear_flag(s, TZ_SLOT_PP);
			if (incompressible)
				tz_slot_set(s, TZ_SLOT_INCOMPRESSIBLE);
			if (idle & BIT(pos))
				tz_slot_set(s, TZ_SLOT_IDLE);
		}
		tz_slot_unlock(s);
		k++;
	}
}

/*
 * Mark (PP) the live pages of u for recompression: all or none. None if
 * one is busy (PP: another pass, or writeback), was given up on
 * (INCOMPRESSIBLE), or, for an idle pass, is not idle. Marked pages are
 * "touched" (IDLE cleared), as zram does. Returns the positions marked.
 */
static u16 tz_unit_mark(struct tz_store *st, struct tz_unit *u, bool idle_only)
{
	unsigned int pos, k = 0;
	u16 marked = 0, idle = 0;
	bool no = false;

	for (pos = 0; pos < st->units->max_pages && !no; pos++) {
		struct tz_slot *s = tz_slot(&st->table, u->base + pos);

		if (!(u->mask & BIT(pos)))
			continue;
		tz_slot_lock(s);
		if (tz_unit_slot_is(s, u, k)) {
			no = tz_slot_test(s, TZ_SLOT_PP) ||
			     tz_slot_test(s, TZ_SLOT_INCOMPRESSIBLE) ||
			     (idle_only && !tz_slot_test(s, TZ_SLOT_IDLE));
			if (!no) {
				if (tz_slot_test(s, TZ_SLOT_IDLE))
					idle |= BIT(pos);
				tz_slot_set(s, TZ_SLOT_PP);
				tz_slot_clear_flag(s, TZ_SLOT_IDLE);
				marked |= BIT(pos);
			}
		}
		tz_slot_unlock(s);
		k++;
	}
	if (!no)
		return marked;
	tz_unit_unmark(st, u, marked, false, idle);	/* one page said no */
	return 0;
}

/*
 * Compress the marked pages of u (decoded in pages) alone with priority
 * prio into new objects (handles[], lens[]); true if each is below
 * threshold (if any) and all together take less than u, which they free
 * when they replace its pages. Else nothing is kept.
 */
static bool tz_unit_recomp_prio(struct tz_store *st, struct tz_unit *u,
				u16 marked, const u8 *pages, unsigned int prio,
				unsigned int threshold, unsigned long *handles,
				unsigned int *lens)
{
	struct tz_comp *comp = &st->comps[prio];
	unsigned int pos, k, n = 0, total = 0;
	struct tz_strm *strm = tz_strm_get(comp);
	bool ok = true;

	for (pos = 0, k = 0; pos < st->units->max_pages && ok; pos++) {
		int len;

		if (!(u->mask & BIT(pos)))
			continue;
		if (marked & BIT(pos)) {
			len = tz_comp_page(comp, strm, pages + (size_t)k * PAGE_SIZE,
					   st->huge_class_size);
			ok = len > 0 && (!threshold || len < threshold);
			if (ok) {
				/* No sleeping allocation: the pages are stored. */
				handles[n] = tz_store_alloc(st, len, false);
				ok = !IS_ERR_VALUE(handles[n]);
			}
			if (ok) {
				tz_zs_write(st->pool, handles[n], strm->buf, len);
				lens[n++] = len;
				total += round_up(len, 16);
			}
		}
		k++;
	}
	tz_strm_put(strm);
	ok = ok && total < u->len;
	while (!ok && n)
		zs_free(st->pool, handles[--n]);
	return ok;
}

int tz_unit_recompress(struct tz_store *st, unsigned long index,
		       const struct tz_unit_recomp *r, u64 *last_id)
{
	struct tz_slot *s = tz_slot(&st->table, index);
	unsigned long handles[TZ_UNIT_MAX_PAGES];
	unsigned int lens[TZ_UNIT_MAX_PAGES];
	unsigned int prio, pos, k, n, tried = 0;
	struct tz_unit_buf *b;
	struct tz_strm *strm;
	struct tz_unit *u;
	u16 marked;
	u8 *pages;
	int ret;

	tz_slot_lock(s);
	if (!tz_slot_test(s, TZ_SLOT_UNIT)) {
		tz_slot_unlock(s);
		return -EAGAIN;
	}
	u = (struct tz_unit *)s->handle;
	if (u->id == *last_id) {	/* one try per unit and pass */
		tz_slot_unlock(s);
		return 0;
	}
	*last_id = u->id;
	/* threshold: only objects this big; a page of a unit has its share. */
	if (r->threshold && DIV_ROUND_UP(u->len, u->npages) < r->threshold) {
		tz_slot_unlock(s);
		return 0;
	}
	refcount_inc(&u->refs);
	tz_slot_unlock(s);

	ret = 0;
	marked = tz_unit_mark(st, u, r->idle);
	if (!marked)
		goto out;
	ret = -ENOMEM;
	pages = kvmalloc(array_size(u->npages, PAGE_SIZE), GFP_KERNEL);
	if (!pages) {
		tz_unit_unmark(st, u, marked, false, 0);
		goto out;
	}
	strm = tz_strm_get(tz_unit_comp(st));
	b = tz_unit_buf_get(st->units);
	ret = b->cache_id == u->id ? 0 : tz_unit_decode(st, u, strm, b);
	if (!ret)
		memcpy(pages, b->cache, (size_t)u->npages * PAGE_SIZE);
	tz_unit_buf_put(b);
	tz_strm_put(strm);
	if (ret) {
		tz_unit_unmark(st, u, marked, false, 0);
		goto out_free;
	}
	for (prio = r->prio; prio < r->prio_max; prio++) {
		if (!st->comps[prio].alg || prio == TZ_PRIMARY_COMP)
			continue;
		tried++;
		if (tz_unit_recomp_prio(st, u, marked, pages, prio, r->threshold,
					handles, lens))
			break;
	}
	if (prio >= r->prio_max) {
		/* Every recompression algorithm failed it: never again. */
		tz_unit_unmark(st, u, marked, tried && tried == r->active, 0);
	} else {
		for (pos = 0, k = 0, n = 0; pos < st->units->max_pages; pos++) {
			if (!(u->mask & BIT(pos)))
				continue;
			if (marked & BIT(pos)) {
				tz_unit_replace(st, u, u->base + pos, k, handles[n],
						lens[n], prio, false, true);
				n++;
			}
			k++;
		}
	}
	ret = tried ? hweight16(marked) : 0;
out_free:
	kvfree(pages);
out:
	tz_unit_put(st, u);
	return ret;
}

void tz_units_flush(struct tz_store *st)
{
	if (st->units)
		flush_delayed_work(&st->units->split_work);
}

/* ---- lifecycle ---- */

static void tz_units_free_bufs(struct tz_units *us)
{
	unsigned int cpu;

	if (!us->buf)
		return;
	for_each_possible_cpu(cpu) {
		struct tz_unit_buf *b = per_cpu_ptr(us->buf, cpu);

		vfree(b->cache);
		vfree(b->cbuf);
		mutex_destroy(&b->lock);
	}
	free_percpu(us->buf);
}

int tz_units_create(struct tz_store *st, unsigned int max_pages)
{
	size_t size = (size_t)max_pages * PAGE_SIZE;
	struct tz_units *us;
	unsigned int cpu;

	if (max_pages < 2 || !tz_unit_max_pages_valid(max_pages))
		return -EINVAL;
	us = kzalloc(sizeof(*us), GFP_KERNEL);
	if (!us)
		return -ENOMEM;
	us->st = st;
	us->max_pages = max_pages;
	spin_lock_init(&us->split_lock);
	INIT_LIST_HEAD(&us->split_list);
	INIT_DELAYED_WORK(&us->split_work, tz_unit_split_fn);
	/* Up front for every possible CPU: no allocation on the I/O path. */
	us->buf = alloc_percpu(struct tz_unit_buf);
	if (!us->buf)
		goto err;
	for_each_possible_cpu(cpu) {
		struct tz_unit_buf *b = per_cpu_ptr(us->buf, cpu);

		mutex_init(&b->lock);
		b->cache = vmalloc_node(size, cpu_to_node(cpu));
		b->cbuf = vmalloc_node(size, cpu_to_node(cpu));
		if (!b->cache || !b->cbuf)
			goto err;
	}
	st->units = us;
	return 0;
err:
	tz_units_free_bufs(us);
	kfree(us);
	return -ENOMEM;
}

void tz_units_stop(struct tz_store *st)
{
	struct tz_units *us = st->units;
	struct tz_unit *u, *tmp;
	LIST_HEAD(queued);

	if (!us)
		return;
	spin_lock(&us->split_lock);
	us->stopped = true;
	spin_unlock(&us->split_lock);
	cancel_delayed_work_sync(&us->split_work);
	spin_lock(&us->split_lock);
	list_splice_init(&us->split_list, &queued);
	spin_unlock(&us->split_lock);
	list_for_each_entry_safe(u, tmp, &queued, split_node) {
		list_del_init(&u->split_node);
		tz_unit_put(st, u);	/* slots may still hold it */
	}
}

void tz_units_destroy(struct tz_store *st)
{
	struct tz_units *us = st->units;

	if (!us)
		return;
	WARN_ON_ONCE(atomic64_read(&us->stats.units) ||
		     atomic64_read(&us->stats.pages));
	tz_units_free_bufs(us);
	kfree(us);
	st->units = NULL;
}
