/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.h - the one place where kernel API differences are handled.
 *
 * Every HAVE_* macro comes from tz_probes.h, generated at build time by
 * kmod/probes/conftest.sh compiling tiny test files against the target
 * kernel's headers with its own flags. The rest of tzram calls the tz_*
 * helpers below and never tests a kernel version or a HAVE_* macro.
 */
#ifndef TZ_COMPAT_H
#define TZ_COMPAT_H

#include <linux/blkdev.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/pagemap.h>
#include <linux/version.h>
#include <linux/zsmalloc.h>
#include "tz_probes.h"

/* ---- gendisk allocation and queue limits ---- */

/*
 * What a tzram disk asks of the block layer: page-sized physical blocks,
 * discard and write-zeroes of any length, stable pages (we read the page
 * while compressing), synchronous completion (swap then skips the swap
 * cache for reads, as with zram), non-rotational, no entropy.
 */
static inline struct gendisk *tz_alloc_disk(unsigned int lbs)
{
#ifdef HAVE_BLK_ALLOC_DISK_LIMITS
	struct queue_limits lim = {
		.logical_block_size = lbs,
		.physical_block_size = PAGE_SIZE,
		.io_min = PAGE_SIZE,
		.io_opt = PAGE_SIZE,
		.max_hw_discard_sectors = UINT_MAX,
		.max_write_zeroes_sectors = lbs == PAGE_SIZE ? UINT_MAX : 0,
#ifdef HAVE_BLK_FEAT
		.features = BLK_FEAT_STABLE_WRITES | BLK_FEAT_SYNCHRONOUS,
#endif
	};
	struct gendisk *disk = blk_alloc_disk(&lim, NUMA_NO_NODE);

	if (IS_ERR(disk))
		return disk;
#ifndef HAVE_BLK_FEAT
	blk_queue_flag_set(QUEUE_FLAG_NONROT, disk->queue);
	blk_queue_flag_clear(QUEUE_FLAG_ADD_RANDOM, disk->queue);
	blk_queue_flag_set(QUEUE_FLAG_STABLE_WRITES, disk->queue);
#ifdef HAVE_QUEUE_FLAG_SYNCHRONOUS
	blk_queue_flag_set(QUEUE_FLAG_SYNCHRONOUS, disk->queue);
#endif
#endif
	return disk;
#else
	struct gendisk *disk = blk_alloc_disk(NUMA_NO_NODE);
	struct request_queue *q;

	if (!disk)
		return ERR_PTR(-ENOMEM);
	q = disk->queue;
	blk_queue_flag_set(QUEUE_FLAG_NONROT, q);
	blk_queue_flag_clear(QUEUE_FLAG_ADD_RANDOM, q);
	blk_queue_physical_block_size(q, PAGE_SIZE);
	blk_queue_logical_block_size(q, lbs);
	blk_queue_io_min(q, PAGE_SIZE);
	blk_queue_io_opt(q, PAGE_SIZE);
	q->limits.discard_granularity = PAGE_SIZE;
	blk_queue_max_discard_sectors(q, UINT_MAX);
	if (lbs == PAGE_SIZE)
		blk_queue_max_write_zeroes_sectors(q, UINT_MAX);
	blk_queue_flag_set(QUEUE_FLAG_STABLE_WRITES, q);
#ifdef HAVE_QUEUE_FLAG_SYNCHRONOUS
	blk_queue_flag_set(QUEUE_FLAG_SYNCHRONOUS, q);
#endif
	return disk;
#endif
}

static inline unsigned int tz_disk_openers(struct gendisk *disk)
{
#ifdef HAVE_DISK_OPENERS
	return disk_openers(disk);
#else
	return atomic_read(&disk->part0->bd_openers);
#endif
}

/*
 * block_device_operations->open: TZ_DEFINE_BDOPS_OPEN(name, fn) defines
 * name() with this kernel's signature, calling int fn(struct gendisk *).
 */
#ifdef HAVE_BDOPS_OPEN_GENDISK
#define TZ_DEFINE_BDOPS_OPEN(name, fn)					\
	static int name(struct gendisk *disk, blk_mode_t mode)		\
	{								\
		return fn(disk);					\
	}
#else
#define TZ_DEFINE_BDOPS_OPEN(name, fn)					\
	static int name(struct block_device *bdev, fmode_t mode)	\
	{								\
		return fn(bdev->bd_disk);				\
	}
#endif

/* swap_slot_free_notify: present on the kernels we support; optional. */
#ifdef HAVE_SWAP_SLOT_FREE_NOTIFY
#define TZ_BDOPS_SWAP_SLOT_FREE_NOTIFY(fn) .swap_slot_free_notify = fn,
#else
#define TZ_BDOPS_SWAP_SLOT_FREE_NOTIFY(fn)
#endif

/*
 * ->rw_page (to 6.2): single-page I/O without a bio. Swap marks a disk
 * synchronous when it has one (later kernels use the queue flag or
 * feature above), so zram had it and so do we there.
 * TZ_DEFINE_BDOPS_RW_PAGE(name, fn) wraps
 * int fn(struct block_device *, sector_t, struct page *, bool write), which
 * returns 0 when done; the wrapper then completes the page.
 */
#ifdef HAVE_BDOPS_RW_PAGE
#define TZ_DEFINE_BDOPS_RW_PAGE(name, fn)				\
	static int name(struct block_device *bdev, sector_t sector,	\
			struct page *page, enum req_op op)		\
	{								\
		int ret = fn(bdev, sector, page, op_is_write(op));	\
									\
		if (!ret)						\
			page_endio(page, op_is_write(op), 0);		\
		return ret;						\
	}
#define TZ_BDOPS_RW_PAGE(name) .rw_page = name,
#else
#define TZ_DEFINE_BDOPS_RW_PAGE(name, fn)
#define TZ_BDOPS_RW_PAGE(name)
#endif

/* Disk statistics (/proc/diskstats) for bio-based drivers. */
static inline unsigned long tz_io_acct_start(struct bio *bio)
{
#ifdef HAVE_BIO_START_IO_ACCT
	return bio_start_io_acct(bio);
#else
	return 0;
#endif
}

static inline void tz_io_acct_end(struct bio *bio, unsigned long start)
{
#ifdef HAVE_BIO_START_IO_ACCT
	bio_end_io_acct(bio, start);
#endif
}

/* ---- driver class ---- */

#ifdef HAVE_CLASS_CREATE_ONE_ARG
#define tz_class_create(name) class_create(name)
#else
#define tz_class_create(name) class_create(THIS_MODULE, name)
#endif

/* Class attribute callbacks take const pointers from 6.4. */
#ifdef HAVE_CLASS_ATTR_CONST
#define TZ_CLASS_CONST const
#else
#define TZ_CLASS_CONST
#endif

/* ---- zsmalloc objects ---- */

/*
 * Read access to a stored object: returns a pointer to its len bytes,
 * valid until tz_zs_read_end(). bounce: a buffer of len bytes that the
 * newer API copies into when the object spans two pages. Does not sleep.
 */
static inline const void *tz_zs_read_begin(struct zs_pool *pool,
					   unsigned long handle, void *bounce)
{
#ifdef HAVE_ZS_OBJ_RW
	return zs_obj_read_begin(pool, handle, bounce);
#else
	return zs_map_object(pool, handle, ZS_MM_RO);
#endif
}

static inline void tz_zs_read_end(struct zs_pool *pool, unsigned long handle,
				  const void *mem)
{
#ifdef HAVE_ZS_OBJ_RW
	zs_obj_read_end(pool, handle, (void *)mem);
#else
	zs_unmap_object(pool, handle);
#endif
}

/* Copy len bytes into a freshly allocated object. */
static inline void tz_zs_write(struct zs_pool *pool, unsigned long handle,
			       const void *src, size_t len)
{
#ifdef HAVE_ZS_OBJ_RW
	zs_obj_write(pool, handle, (void *)src, len);
#else
	void *dst = zs_map_object(pool, handle, ZS_MM_WO);

	memcpy(dst, src, len);
	zs_unmap_object(pool, handle);
#endif
}

/* ---- zram's user interface: before and since its own backends ---- */

/*
 * Up to 6.11 zram took any compressor the crypto API knows by its exact
 * name; from 6.12 it has its own backends (CONFIG_ZRAM_BACKEND_*, at
 * least one always built), matched with sysfs_streq(), and refuses names
 * of CRYPTO_MAX_ALG_NAME bytes or more with -E2BIG. The same kernels
 * differ in what reset keeps and in writeback's order of checks (read in
 * 6.1's and 6.12's zram_drv.c). Kernel configuration, not API: no probe
 * can see it.
 */
#if IS_ENABLED(CONFIG_ZRAM_BACKEND_LZO) || IS_ENABLED(CONFIG_ZRAM_BACKEND_LZ4) || \
	IS_ENABLED(CONFIG_ZRAM_BACKEND_LZ4HC) || IS_ENABLED(CONFIG_ZRAM_BACKEND_ZSTD) || \
	IS_ENABLED(CONFIG_ZRAM_BACKEND_DEFLATE) || IS_ENABLED(CONFIG_ZRAM_BACKEND_842)
#define TZ_ZRAM_BACKENDS 1
#define TZ_ZRAM_NAME_E2BIG 1
#define TZ_ZRAM_NAME_EQ(name, alg) sysfs_streq(name, alg)
/* reset puts the algorithm back to the default (zram_destroy_comps()). */
#define TZ_ZRAM_RESET_KEEPS_ALG 0
/* writeback checks page_index= before looking for a backing device. */
#define TZ_ZRAM_WB_NODEV_FIRST 0
#else
#define TZ_ZRAM_NAME_E2BIG 0
#define TZ_ZRAM_NAME_EQ(name, alg) (!strcmp(name, alg))
#define TZ_ZRAM_RESET_KEEPS_ALG 1
#define TZ_ZRAM_WB_NODEV_FIRST 1
#endif

/* ---- user-visible formats that changed between versions ---- */

/*
 * io_stat's third field: invalid_io until zram dropped that counter
 * (v6.7: I/O beyond the device end no longer reaches the driver), a
 * constant 0 since. Not an API difference a probe can see, so the one
 * version test of tzram lives here.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
#define TZ_IO_STAT_SHOWS_INVALID_IO 0
#else
#define TZ_IO_STAT_SHOWS_INVALID_IO 1
#endif

#endif /* TZ_COMPAT_H */
