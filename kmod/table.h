/* SPDX-License-Identifier: GPL-2.0 */
/*
 * table.h - the page table of a tzram device: one slot per PAGE_SIZE page.
 *
 * A slot holds either a zsmalloc handle and the object's size, or (SAME)
 * the word a page is filled with. Its flags word also carries a bit
 * spinlock, so a slot needs no separate lock. A third word holds the
 * XXH64 of a compressed page (CSUM) that the GPU helper's results are
 * verified against (kmod/gpu_dev.c).
 */
#ifndef TZ_TABLE_H
#define TZ_TABLE_H

#include <linux/bit_spinlock.h>
#include <linux/types.h>

struct tz_slot {
	unsigned long handle;	/* zsmalloc handle, or the fill word if SAME */
	unsigned long flags;	/* low TZ_SLOT_FLAG_SHIFT bits: object size */
	u64 csum;		/* tz_gpu_csum() of the page, valid if CSUM */
};

/* Sizes go up to PAGE_SIZE inclusive; flags start above them. */
#define TZ_SLOT_FLAG_SHIFT (PAGE_SHIFT + 1)
#define TZ_SLOT_SIZE_MASK ((1UL << TZ_SLOT_FLAG_SHIFT) - 1)

enum tz_slot_flag {
	TZ_SLOT_LOCK = TZ_SLOT_FLAG_SHIFT,	/* bit spinlock */
	TZ_SLOT_SAME,		/* page is one repeated word: handle = word */
	TZ_SLOT_HUGE,		/* stored uncompressed (size == PAGE_SIZE) */
	TZ_SLOT_CSUM,		/* csum recorded at write: may go to the helper */
	/* Post-processing (kmod/dev_idle.c, dev_recomp.c, dev_writeback.c). */
	TZ_SLOT_IDLE,		/* not accessed since the last idle marking */
	TZ_SLOT_WB,		/* on the backing device: handle = its block */
	TZ_SLOT_INCOMPRESSIBLE,	/* no recompression algorithm saved memory */
	TZ_SLOT_PP,		/* being recompressed or written back */
	TZ_SLOT_PRIO,		/* 2 bits: the (re)compression priority used */
	TZ_SLOT_PRIO_END = TZ_SLOT_PRIO + 2,
	__TZ_SLOT_FLAG_END = TZ_SLOT_PRIO_END
};

struct tz_table {
	struct tz_slot *slots;
	unsigned long nr;
};

int tz_table_init(struct tz_table *t, unsigned long nr_pages);
void tz_table_destroy(struct tz_table *t);

static inline struct tz_slot *tz_slot(struct tz_table *t, unsigned long i)
{
	return &t->slots[i];
}

/* Slot lock: a bit spinlock, so nothing under it may sleep. */
static inline void tz_slot_lock(struct tz_slot *s)
{
	bit_spin_lock(TZ_SLOT_LOCK, &s->flags);
}

static inline bool tz_slot_trylock(struct tz_slot *s)
{
	return bit_spin_trylock(TZ_SLOT_LOCK, &s->flags);
}

static inline void tz_slot_unlock(struct tz_slot *s)
{
	bit_spin_unlock(TZ_SLOT_LOCK, &s->flags);
}

/* Accessors below: caller holds the slot lock. */
static inline bool tz_slot_test(const struct tz_slot *s, enum tz_slot_flag f)
{
	return s->flags & BIT(f);
}

static inline void tz_slot_set(struct tz_slot *s, enum tz_slot_flag f)
{
	s->flags |= BIT(f);
}

static inline unsigned int tz_slot_size(const struct tz_slot *s)
{
	return s->flags & TZ_SLOT_SIZE_MASK;
}

static inline void tz_slot_set_size(struct tz_slot *s, unsigned int size)
{
	s->flags = (s->flags & ~TZ_SLOT_SIZE_MASK) | size;
}

static inline void tz_slot_clear_flag(struct tz_slot *s, enum tz_slot_flag f)
{
	s->flags &= ~BIT(f);
}

/* The priority bits of a flags word (also of one read without the lock). */
static inline unsigned int tz_slot_flags_prio(unsigned long flags)
{
	return (flags >> TZ_SLOT_PRIO) & 3;
}

/* Which algorithm compressed the object: 0 primary, 1..3 recompression. */
static inline unsigned int tz_slot_prio(const struct tz_slot *s)
{
	return tz_slot_flags_prio(s->flags);
}

static inline void tz_slot_set_prio(struct tz_slot *s, unsigned int prio)
{
	s->flags = (s->flags & ~(3UL << TZ_SLOT_PRIO)) |
		   ((unsigned long)(prio & 3) << TZ_SLOT_PRIO);
}

/* Holds data: an object (size != 0), a fill word or a backing block. */
static inline bool tz_slot_allocated(const struct tz_slot *s)
{
	return tz_slot_size(s) || tz_slot_test(s, TZ_SLOT_SAME) ||
	       tz_slot_test(s, TZ_SLOT_WB);
}

/* Forget the contents, keep the lock bit (caller holds it). */
static inline void tz_slot_clear(struct tz_slot *s)
{
	s->handle = 0;
	s->flags &= BIT(TZ_SLOT_LOCK);
}

#endif /* TZ_TABLE_H */
