/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dev_backing.h - a device's backing block device (zram's backing_dev):
 * one page per block, a bitmap of used blocks, synchronous page I/O.
 * The layer below the store: it knows blocks and pages, not slots.
 */
#ifndef TZ_DEV_BACKING_H
#define TZ_DEV_BACKING_H

#include <linux/atomic.h>
#include <linux/types.h>

struct block_device;
struct file;
struct page;
struct workqueue_struct;

struct tz_backing {
	struct file *file;		/* NULL: no backing device */
	struct block_device *bdev;
	unsigned long *bitmap;		/* used blocks; block 0 is never used */
	unsigned long nr;		/* blocks (pages) on the device */
	struct workqueue_struct *wq;	/* reads (see dev_backing.c) */
	atomic64_t count, reads, writes;	/* bd_stat, in pages */
};

static inline bool tz_backing_present(const struct tz_backing *bd)
{
	return bd->file;
}

/* Open path exclusively (replacing any open one); close and zero counters. */
int tz_backing_open(struct tz_backing *bd, const char *path);
void tz_backing_close(struct tz_backing *bd);

/* A free block, 0 if the device is full. Freeing does not sleep. */
unsigned long tz_backing_alloc_block(struct tz_backing *bd);
void tz_backing_free_block(struct tz_backing *bd, unsigned long blk);

/* One page from or to block blk; may sleep, callable from ->submit_bio. */
int tz_backing_read(struct tz_backing *bd, unsigned long blk, struct page *page);
int tz_backing_write(struct tz_backing *bd, unsigned long blk, struct page *page);

#endif /* TZ_DEV_BACKING_H */
