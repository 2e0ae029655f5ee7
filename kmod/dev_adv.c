// SPDX-License-Identifier: GPL-2.0
/*
 * dev_adv.c - lifecycle of a device's post-processing state and the read
 * path for slots that left the primary algorithm (see dev_adv.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/highmem.h>
#include <linux/overflow.h>
#include <linux/vmalloc.h>
#include <linux/zsmalloc.h>
#include "compat.h"
#include "dev.h"
#include "unit.h"

void tz_adv_create(struct tz_adv *adv)
{
	unsigned int p;

	memset(adv, 0, sizeof(*adv));
	for (p = 0; p < TZ_MAX_COMPS; p++)
		adv->level[p] = TZ_COMP_NO_LEVEL;
	spin_lock_init(&adv->wb_limit_lock);
}

static void tz_adv_free_comps(struct tz_adv *adv)
{
	unsigned int p;

	for (p = 1; p < TZ_MAX_COMPS; p++)
		tz_comp_destroy(&adv->recomp[p]);
}

int tz_adv_init(struct tz_dev *tz)
{
	struct tz_adv *adv = &tz->adv;
	unsigned int p;
	int ret;

	lockdep_assert_held_write(&tz->init_lock);
	adv->ac_time = vzalloc(array_size(tz->store.table.nr, sizeof(u32)));
	if (!adv->ac_time)
		return -ENOMEM;
	tz->store.adv = adv;
	tz->store.comp.level = adv->level[0];
	for (p = 1; p < TZ_MAX_COMPS; p++) {
		if (!adv->recomp_alg[p])
			continue;
		ret = tz_comp_init(&adv->recomp[p], adv->recomp_alg[p]);
		if (ret) {
			tz_adv_free_comps(adv);
			tz->store.adv = NULL;
			vfree(adv->ac_time);
			adv->ac_time = NULL;
			return ret;
		}
		adv->recomp[p].level = adv->level[p];
	}
	return 0;
}

/* reset: settings go back to their defaults and the bdev is released. */
void tz_adv_teardown(struct tz_dev *tz)
{
	struct tz_adv *adv = &tz->adv;

	lockdep_assert_held_write(&tz->init_lock);
	tz_adv_free_comps(adv);
	tz_wb_close(adv);
	vfree(adv->ac_time);
	tz_adv_create(adv);
}

/* The stream set that decompresses objects of priority prio. */
static struct tz_comp *tz_adv_comp(struct tz_store *st, unsigned int prio)
{
	if (!prio)
		return &st->comp;
	return st->adv->recomp[prio].strm ? &st->adv->recomp[prio] : NULL;
}

int tz_adv_decomp(struct tz_store *st, unsigned int prio, struct tz_strm *strm,
		  unsigned long handle, unsigned int size, void *dst)
{
	struct tz_comp *c = tz_adv_comp(st, prio);
	const void *src;
	int ret = 0;

	if (WARN_ON_ONCE(!c))
		return -EIO;
	src = tz_zs_read_begin(st->pool, handle, strm->buf);
	if (size == PAGE_SIZE)
		memcpy(dst, src, PAGE_SIZE);
	else
		ret = tz_decomp_page(c, strm, src, size, dst);
	tz_zs_read_end(st->pool, handle, src);
	return ret;
}

int tz_adv_read(struct tz_store *st, unsigned long index, struct page *page)
{
	struct tz_slot *s = tz_slot(&st->table, index);
	unsigned int prio, size;
	struct tz_strm *strm;
	unsigned long blk;
	void *dst;
	int ret;

	for (;;) {
		tz_slot_lock(s);
		if (tz_slot_test(s, TZ_SLOT_UNIT)) {
			tz_slot_unlock(s);
			ret = tz_unit_read_page(st, index, page, false);
			if (ret == -EAGAIN)
				continue;	/* left the unit meanwhile */
			return ret;
		}
		prio = tz_slot_prio(s);
		blk = tz_slot_test(s, TZ_SLOT_WB) ? s->handle : 0;
		tz_slot_unlock(s);

		if (blk) {
			/* Block freed and reused meanwhile: the slot shows it. */
			ret = tz_wb_read_block(st->adv, blk, page);
			tz_slot_lock(s);
			if (tz_slot_test(s, TZ_SLOT_WB) && s->handle == blk) {
				tz_slot_unlock(s);
				return ret;
			}
			tz_slot_unlock(s);
			continue;
		}

		/* The stream of the slot's algorithm, then the slot. */
		if (WARN_ON_ONCE(!tz_adv_comp(st, prio)))
			return -EIO;
		strm = tz_strm_get(tz_adv_comp(st, prio));
		dst = kmap_local_page(page);
		tz_slot_lock(s);
		if (tz_slot_prio(s) != prio || tz_slot_test(s, TZ_SLOT_WB) ||
		    tz_slot_test(s, TZ_SLOT_UNIT)) {
			tz_slot_unlock(s);	/* changed: start over */
			kunmap_local(dst);
			tz_strm_put(strm);
			continue;
		}
		size = tz_slot_size(s);
		ret = 0;
		if (tz_slot_test(s, TZ_SLOT_SAME))
			memset_l(dst, s->handle, PAGE_SIZE / sizeof(unsigned long));
		else if (!size)
			memset(dst, 0, PAGE_SIZE);
		else
			ret = tz_adv_decomp(st, prio, strm, s->handle, size, dst);
		tz_slot_unlock(s);
		kunmap_local(dst);
		tz_strm_put(strm);
		return ret;
	}
}
