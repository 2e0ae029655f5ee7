// SPDX-License-Identifier: GPL-2.0
/*
 * dev_recomp.c - zram's recompress: move stored pages to a recompression
 * algorithm (recomp_algorithm, priorities 1..3) where that makes the
 * object smaller.
 *
 * Runs in the sysfs writer's process. Per page: under the slot lock,
 * check and mark it (PP); decompress and recompress with no slot lock
 * held; swap the handle under the slot lock only if PP is still set. A
 * write or discard meanwhile empties the slot (clearing PP), and then
 * the new object is dropped: readers always see the old or the newest
 * data, never a stale copy.
 *
 * Pages are decoded one at a time, not through the codec's batch calls
 * (issue 14): a slot is marked, decoded and recompressed before the next
 * is looked at, so that max_pages counts attempts and a unit's pages are
 * taken together (tz_recomp_unit) as zram's order has them; gathering
 * would mark several slots at once and change that order. The decode is
 * also the small part: each page is then compressed with a slower
 * algorithm (zstd, lz4hc, deflate: many times an LZ4 decode).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/highmem.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/zsmalloc.h>
#include "compat.h"
#include "dev.h"
#include "dev_recomp.h"
#include "unit.h"

#define TZ_RECOMP_IDLE BIT(0)
#define TZ_RECOMP_HUGE BIT(1)

struct tz_recomp_req {
	u32 mode, threshold;
	u32 prio, prio_max;	/* algorithms tried: [prio, prio_max) */
	u64 max_pages;		/* pages still allowed an attempt */
	u64 last_unit;		/* id of the last unit tried (unit.c) */
	unsigned int active;	/* configured recompression algorithms */
};

/*
 * zsmalloc stores an object in a size class, 16 bytes apart at the
 * small end; 6.1 has no zs_lookup_class_index(), so a new object must
 * save at least one class step by this rounding to count as smaller.
 */
static bool tz_recomp_saves(unsigned int len_new, unsigned int len_old)
{
	return round_up(len_new, 16) < round_up(len_old, 16);
}

/* Unmark a slot we marked; false if it changed meanwhile (PP gone). */
static bool tz_recomp_unmark(struct tz_slot *s, bool incompressible)
{
	bool same;

	tz_slot_lock(s);
	same = tz_slot_test(s, TZ_SLOT_PP);
	tz_slot_clear_flag(s, TZ_SLOT_PP);
	if (same && incompressible)
		tz_slot_set(s, TZ_SLOT_INCOMPRESSIBLE);
	tz_slot_unlock(s);
	return same;
}

/*
 * A page in a unit: the unit is recompressed whole (unit.c), once per
 * pass; never huge, so type=huge passes it by. A unit counts as the
 * pages it had tried, one attempt each, against max_pages.
 */
static int tz_recomp_unit(struct tz_dev *tz, unsigned long index,
			  struct tz_recomp_req *r)
{
	struct tz_unit_recomp ur = {
		.prio = r->prio,
		.prio_max = r->prio_max,
		.threshold = r->threshold,
		.active = r->active,
		.idle = r->mode & TZ_RECOMP_IDLE,
	};
	int n;

	if (r->mode & TZ_RECOMP_HUGE)
		return 0;
	n = tz_unit_recompress(&tz->store, index, &ur, &r->last_unit);
	if (n == -EAGAIN)
		return 0;	/* left its unit meanwhile: the next pass */
	if (n < 0)
		return n;
	r->max_pages -= min_t(u64, r->max_pages, n);
	return 0;
}

static int tz_recomp_page(struct tz_dev *tz, unsigned long index,
			  struct page *page, struct tz_recomp_req *r)
{
	struct tz_store *st = &tz->store;
	struct tz_slot *s = tz_slot(&st->table, index);
	unsigned int len_old, prio_old, prio, tried = 0;
	struct tz_strm *strm = NULL;
	unsigned long handle;
	int len = -ENOSPC, ret;
	void *mem;

	tz_slot_lock(s);
	if (tz_slot_test(s, TZ_SLOT_UNIT)) {
		tz_slot_unlock(s);
		return tz_recomp_unit(tz, index, r);
	}
	len_old = tz_slot_size(s);
	if (!tz_slot_allocated(s) || tz_slot_test(s, TZ_SLOT_WB) ||
	    tz_slot_test(s, TZ_SLOT_PP) || tz_slot_test(s, TZ_SLOT_SAME) ||
	    tz_slot_test(s, TZ_SLOT_INCOMPRESSIBLE) ||
	    ((r->mode & TZ_RECOMP_IDLE) && !tz_slot_test(s, TZ_SLOT_IDLE)) ||
	    ((r->mode & TZ_RECOMP_HUGE) && !tz_slot_test(s, TZ_SLOT_HUGE)) ||
	    len_old < r->threshold) {
		tz_slot_unlock(s);
		return 0;
	}
	prio_old = tz_slot_prio(s);
	tz_slot_set(s, TZ_SLOT_PP);
	/* Touched: not idle for a later pass of another kind (as zram). */
	tz_slot_clear_flag(s, TZ_SLOT_IDLE);
	tz_slot_unlock(s);

	ret = tz_store_copy(st, index, page);
	if (ret) {
		tz_recomp_unmark(s, false);
		return ret;
	}

	mem = kmap_local_page(page);
	for (prio = r->prio; prio < r->prio_max; prio++) {
		struct tz_comp *c = &st->comps[prio];

		/* Only upwards: a page is not tried twice with one algorithm. */
		if (!c->alg || prio <= prio_old)
			continue;
		tried++;
		strm = tz_strm_get(c);
		len = tz_comp_page(c, strm, mem, st->huge_class_size);
		if (len > 0 && tz_recomp_saves(len, len_old) &&
		    (!r->threshold || len < r->threshold))
			break;
		tz_strm_put(strm);
		strm = NULL;
		if (len < 0 && len != -ENOSPC) {
			kunmap_local(mem);
			tz_recomp_unmark(s, false);
			return len;
		}
	}
	kunmap_local(mem);

	if (tried && r->max_pages)
		r->max_pages--;	/* an attempt costs, saving or not (zram) */
	if (!strm) {
		/* Every recompression algorithm failed it: never again. */
		tz_recomp_unmark(s, tried && tried == r->active);
		return 0;
	}

	/* No sleeping allocation: the page is stored already, keep it. */
	handle = tz_store_alloc(st, len, false);
	if (IS_ERR_VALUE(handle)) {
		tz_strm_put(strm);
		tz_recomp_unmark(s, false);
		return 0;
	}
	tz_zs_write(st->pool, handle, strm->buf, len);
	tz_strm_put(strm);

	tz_slot_lock(s);
	if (!tz_slot_test(s, TZ_SLOT_PP)) {
		/* Rewritten or discarded while we worked: ours is stale. */
		tz_slot_unlock(s);
		zs_free(st->pool, handle);
		return 0;
	}
	tz_store_free_slot(st, s);	/* old object, stats, all flags */
	s->handle = handle;
	tz_slot_set_size(s, len);
	tz_slot_set_prio(s, prio);
	tz_slot_unlock(s);
	atomic64_add(len, &tz->stats.compr_data_size);
	atomic64_inc(&tz->stats.pages_stored);
	return 0;
}

/* zram's syntax: type=idle|huge|huge_idle threshold=N max_pages=N algo=NAME priority=N */
static int tz_recomp_parse(struct tz_dev *tz, char *args,
			   struct tz_recomp_req *r, const char **algo)
{
	char *param, *val;
	int ret;

	r->prio = 1;
	r->prio_max = TZ_MAX_COMPS;
	r->max_pages = U64_MAX;
	args = skip_spaces(args);
	while (*args) {
		args = next_arg(args, &param, &val);
		if (!val || !*val)
			return -EINVAL;
		if (!strcmp(param, "type")) {
			/*
			 * Unknown types select every page, as in zram; later
			 * zram refuses them while no type is chosen yet.
			 */
			if (!strcmp(val, "idle"))
				r->mode = TZ_RECOMP_IDLE;
			if (!strcmp(val, "huge"))
				r->mode = TZ_RECOMP_HUGE;
			if (!strcmp(val, "huge_idle"))
				r->mode = TZ_RECOMP_IDLE | TZ_RECOMP_HUGE;
			if (TZ_ZRAM_WB_BATCH_ERA && !r->mode)
				return -EINVAL;
		} else if (!strcmp(param, "max_pages")) {
			ret = kstrtoull(val, 10, &r->max_pages);
			if (ret)
				return ret;
		} else if (!strcmp(param, "threshold")) {
			ret = kstrtouint(val, 10, &r->threshold);
			if (ret)
				return ret;
		} else if (!strcmp(param, "algo")) {
			*algo = val;
		} else if (!strcmp(param, "priority")) {
			ret = kstrtouint(val, 10, &r->prio);
			if (ret)
				return ret;
			if (!r->prio && !TZ_ZRAM_WB_BATCH_ERA)
				r->prio = 1;
			r->prio_max = min_t(u32, r->prio + 1, TZ_MAX_COMPS);
		}
	}
	return 0;
}

ssize_t tz_recompress_run(struct tz_dev *tz, const char *buf, size_t len)
{
	struct tz_store *st = &tz->store;
	struct tz_recomp_req r = {};
	const char *algo = NULL;
	unsigned long index;
	struct page *page;
	unsigned int p;
	ssize_t ret;
	char *args;

	args = kstrndup(buf, len, GFP_KERNEL);
	if (!args)
		return -ENOMEM;
	ret = tz_recomp_parse(tz, args, &r, &algo);
	if (ret)
		goto out_free;

	down_read(&tz->init_lock);
	ret = -EINVAL;
	if (!tz_dev_ready(tz) || r.threshold >= tz->store.huge_class_size)
		goto out_unlock;
	ret = tz_pp_begin(tz);	/* one post-processing pass at a time */
	if (ret)
		goto out_unlock;
	ret = -EINVAL;
	if (algo) {
		for (p = r.prio; p < TZ_MAX_COMPS; p++)
			if (st->comps[p].alg &&
			    !strcmp(st->comps[p].codec->name, algo))
				break;
		if (p >= TZ_MAX_COMPS)
			goto out_pp;
		r.prio = p;
		r.prio_max = p + 1;
	}
	/*
	 * Later zram recompresses with the one priority asked for (default
	 * 1), and an out-of-range one or one without algorithm is -EINVAL.
	 */
	if (TZ_ZRAM_WB_BATCH_ERA) {
		if (r.prio < TZ_SECONDARY_COMP || r.prio >= TZ_MAX_COMPS ||
		    !st->comps[r.prio].alg)
			goto out_pp;
		r.prio_max = r.prio + 1;
	}
	for (p = TZ_SECONDARY_COMP; p < TZ_MAX_COMPS; p++)
		r.active += st->comps[p].alg != NULL;

	ret = -ENOMEM;
	page = alloc_page(GFP_KERNEL);
	if (!page)
		goto out_pp;
	ret = len;
	for (index = 0; index < tz->store.table.nr && r.max_pages; index++) {
		int err = tz_recomp_page(tz, index, page, &r);

		if (err) {
			ret = err;
			break;
		}
		cond_resched();
	}
	__free_page(page);
out_pp:
	tz_pp_end(tz);
out_unlock:
	up_read(&tz->init_lock);
out_free:
	kfree(args);
	return ret;
}
