/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpu_batch.h - batch decompression by the userspace helper
 * (tzram-helper) over generic netlink (uapi/tzram_genl.h). The caller
 * hands a batch of compressed pages to tz_gpu_decompress_batch(); pages
 * the helper served and whose checksum verified are filled in, the caller
 * decompresses the rest on the CPU. Nothing here ever waits longer than
 * the timeout.
 */
#ifndef TZ_GPU_BATCH_H
#define TZ_GPU_BATCH_H

#include <linux/mm_types.h>
#include <linux/types.h>
#include "tzram_genl.h"

/*
 * The protocol's pages are 4 KiB: on kernels with larger pages the helper
 * is never used.
 */
#define TZ_GPU_PAGES_FIT (TZ_GENL_PAGE_SIZE == PAGE_SIZE)

/* How long a batch may wait for the helper: default and most. */
#define TZ_GPU_TIMEOUT_MS_DEFAULT	100
#define TZ_GPU_TIMEOUT_MS_MAX		10000

struct tz_gpu_stats;

struct tz_gpu_page {
	const void *src;	/* compressed data, valid for the call */
	unsigned int clen;	/* 1..TZ_GENL_MAX_CLEN */
	u8 alg;			/* TZ_ALG_* */
	u64 csum;		/* tz_gpu_csum() of the page when written */
	struct page *dst;	/* where the page goes */
	int status;		/* out: 0 served and verified, else -errno */
};

struct tz_gpu_req {
	unsigned int npages;		/* 1..TZ_GENL_MAX_PAGES */
	struct tz_gpu_page *pages;
	struct tz_gpu_stats *stats;	/* per-device counters, or NULL */
	unsigned int wait_ms;		/* out: how long the call waited */
};

/*
 * Send the batch, wait up to timeout_ms, verify. Returns how many pages
 * were served (status 0); the others keep a negative status and must be
 * decompressed by the caller. Process context, may sleep; never blocks
 * for longer than timeout_ms (plus the verification copy).
 */
int tz_gpu_decompress_batch(struct tz_gpu_req *req, unsigned int timeout_ms);

#endif /* TZ_GPU_BATCH_H */
