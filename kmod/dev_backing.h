/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dev_backing.h - a device's backing block device (zram's backing_dev):
 * one page per block, a bitmap of used blocks, synchronous page reads,
 * batched page writes.
 * The layer below the store: it knows blocks and pages, not slots.
 */
#ifndef TZ_DEV_BACKING_H
#define TZ_DEV_BACKING_H

#include <linux/atomic.h>
#include <linux/bio.h>
#include <linux/completion.h>
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

/* Is a block free? (A hint: another pass may take it.) */
bool tz_backing_has_free(struct tz_backing *bd);
/* A free block, 0 if the device is full. Freeing does not sleep. */
unsigned long tz_backing_alloc_block(struct tz_backing *bd);
void tz_backing_free_block(struct tz_backing *bd, unsigned long blk);

/* One page from block blk; may sleep, callable from ->submit_bio. */
int tz_backing_read(struct tz_backing *bd, unsigned long blk, struct page *page);

/*
 * Writes in flight together (writeback_batch_size): start a batch, submit
 * requests, wait for all of them, then take each one's result.
 */
struct tz_backing_batch {
	atomic_t pending;
	struct completion done;
};

struct tz_backing_wreq {
	struct bio bio;
	struct bio_vec bv;
};

void tz_backing_batch_start(struct tz_backing_batch *b);
void tz_backing_write_submit(struct tz_backing *bd, struct tz_backing_batch *b,
			     struct tz_backing_wreq *r, unsigned long blk,
			     struct page *page);
void tz_backing_batch_wait(struct tz_backing_batch *b);
/* 0 or -errno; counts the write in bd_stat when it succeeded. */
int tz_backing_write_result(struct tz_backing *bd, struct tz_backing_wreq *r);

#endif /* TZ_DEV_BACKING_H */
