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

/* Required APIs (probes disk_openers, swap_slot_free_notify, bio_start_io_acct). */
static inline unsigned int tz_disk_openers(struct gendisk *disk)
{
	return disk_openers(disk);
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

#define TZ_BDOPS_SWAP_SLOT_FREE_NOTIFY(fn) .swap_slot_free_notify = fn,

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
	return bio_start_io_acct(bio);
}

static inline void tz_io_acct_end(struct bio *bio, unsigned long start)
{
	bio_end_io_acct(bio, start);
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
 * Read access to a stored object of len bytes: returns a pointer to them,
 * valid until tz_zs_read_end(). bounce: a buffer of len bytes that the
 * newer API copies into when the object spans two pages. Does not sleep.
 */
static inline const void *tz_zs_read_begin(struct zs_pool *pool,
					   unsigned long handle, size_t len,
					   void *bounce)
{
#if defined(HAVE_ZS_OBJ_RW_LEN)
	return zs_obj_read_begin(pool, handle, len, bounce);
#elif defined(HAVE_ZS_OBJ_RW)
	return zs_obj_read_begin(pool, handle, bounce);
#else
	return zs_map_object(pool, handle, ZS_MM_RO);
#endif
}

static inline void tz_zs_read_end(struct zs_pool *pool, unsigned long handle,
				  size_t len, const void *mem)
{
#if defined(HAVE_ZS_OBJ_RW_LEN)
	zs_obj_read_end(pool, handle, len, (void *)mem);
#elif defined(HAVE_ZS_OBJ_RW)
	zs_obj_read_end(pool, handle, (void *)mem);
#else
	zs_unmap_object(pool, handle);
#endif
}

/* Copy len bytes into a freshly allocated object. */
static inline void tz_zs_write(struct zs_pool *pool, unsigned long handle,
			       const void *src, size_t len)
{
#if defined(HAVE_ZS_OBJ_RW_LEN) || defined(HAVE_ZS_OBJ_RW)
	zs_obj_write(pool, handle, (void *)src, len);
#else
	void *dst = zs_map_object(pool, handle, ZS_MM_WO);

	memcpy(dst, src, len);
	zs_unmap_object(pool, handle);
#endif
}

/*
 * Allocate an object of size bytes. Where zs_malloc() takes a NUMA node,
 * any node will do (NUMA_NO_NODE: the local one, as before it took one).
 */
static inline unsigned long tz_zs_malloc(struct zs_pool *pool, size_t size,
					 gfp_t gfp)
{
#ifdef HAVE_ZS_MALLOC_NID
	return zs_malloc(pool, size, gfp, NUMA_NO_NODE);
#else
	return zs_malloc(pool, size, gfp);
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

/* ---- zram's user interface, as each kernel's own zram has it ---- */

/*
 * tzram is a drop-in for the kernel's zram, so each kernel gets the sysfs
 * and debugfs interface of its own zram. That interface is not a kernel
 * API a probe can see: it follows the version, so the version tests of
 * tzram all live here, one switch per change. Verified against stock
 * zram on 6.1, 6.12 and 7.2 by the VM test abi-vs-zram; for the kernels
 * between them a change is placed at the version that introduced it
 * where known (zram.rst, the ABI files), else where its ABI date puts it.
 */
#define TZ_KERNEL_AT_LEAST(a, b) (LINUX_VERSION_CODE >= KERNEL_VERSION(a, b, 0))

/*
 * 6.2 (several algorithms): block_state shows the r (recompressed) and n
 * (incompressible) flags, writeback takes "incompressible", and idle
 * marking skips same-filled and written-back pages (6.1 marks them too).
 */
#define TZ_ZRAM_MULTI_COMP_ERA TZ_KERNEL_AT_LEAST(6, 2)

/*
 * io_stat's third field: invalid_io until zram dropped that counter
 * (6.7: I/O beyond the device end no longer reaches the driver), a
 * constant 0 since.
 */
#define TZ_IO_STAT_SHOWS_INVALID_IO (!TZ_KERNEL_AT_LEAST(6, 7))

/*
 * Writeback takes the chosen pages biggest object first (size classes of
 * 64 bytes, the last chosen first within one) instead of in index order,
 * which shows when the writeback limit stops a pass: 6.12 has not, 7.2
 * has; 6.13 assumed.
 */
#define TZ_ZRAM_PP_BUCKETS TZ_KERNEL_AT_LEAST(6, 13)

/* 6.15: max_comp_streams is gone (streams are per CPU). */
#define TZ_ZRAM_MAX_COMP_STREAMS (!TZ_KERNEL_AT_LEAST(6, 15))

/*
 * 6.16 (zram.rst): writeback takes key=value parameters (type=MODE,
 * page_index=N, page_indexes=LO-HI, several of them in one write) and
 * refuses indexes past the end with -ERANGE.
 */
#define TZ_ZRAM_WB_PARAMS TZ_KERNEL_AT_LEAST(6, 16)

/*
 * The writeback and recompression rework of late 2025 (ABI dates November
 * and December 2025; 7.0 assumed): writeback_batch_size and
 * compressed_writeback; post-processing passes wait for each other
 * instead of failing with -EAGAIN; recompress without an algorithm at the
 * priority is -EINVAL; algorithm_params after init is -EBUSY; the idle
 * age is a u32 of seconds compared strictly; block_state times are whole
 * seconds; debug_stat's writestall field reads 0.
 */
#define TZ_ZRAM_WB_BATCH_ERA TZ_KERNEL_AT_LEAST(7, 0)

/*
 * Algorithm names: up to 6.x zram drops one trailing newline before its
 * comparison (exact on 6.1; sysfs_streq() from 6.12, which allows one
 * more, so 6.12 takes "lz4\n\n"); 7.2's compares the buffer as written
 * with sysfs_streq() (7.0 assumed).
 */
#define TZ_ZRAM_NAME_DROPS_NL (!TZ_KERNEL_AT_LEAST(7, 0))

#endif /* TZ_COMPAT_H */
