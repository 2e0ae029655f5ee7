/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpu.h - batch decompression by the userspace helper (tzram-helper) over
 * generic netlink (uapi/tzram_genl.h). The device hands a batch of
 * compressed pages to tz_gpu_decompress_batch(); pages the helper served
 * and whose checksum verified are filled in, the caller decompresses the
 * rest on the CPU. Nothing here ever waits longer than the timeout.
 */
#ifndef TZ_GPU_H
#define TZ_GPU_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/list.h>
#include <linux/mm_types.h>
#include <linux/types.h>
#include "tzram_genl.h"

/* Per-device defaults of the gpu_min_pages / gpu_timeout_ms knobs. */
#define TZ_GPU_MIN_PAGES_DEFAULT	64
#define TZ_GPU_TIMEOUT_MS_DEFAULT	100
#define TZ_GPU_TIMEOUT_MS_MAX		10000

/* Counters, indexed by enum tz_genl_stat (global and per device). */
struct tz_gpu_stats {
	atomic64_t c[TZ_S_MAX + 1];
};

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
 * Should a read of npages pages go to the helper? True only when a helper
 * is registered and healthy, the caller is not in reclaim (PF_MEMALLOC),
 * and the routing rule says the helper is faster (gpu_route parameter).
 */
bool tz_gpu_available(unsigned int npages);
/*
 * Send the batch, wait up to timeout_ms, verify. Returns how many pages
 * were served (status 0); the others keep a negative status and must be
 * decompressed by the caller. Process context, may sleep; never blocks
 * for longer than timeout_ms (plus the verification copy).
 */
int tz_gpu_decompress_batch(struct tz_gpu_req *req, unsigned int timeout_ms);

/* The per-page checksum recorded at write time: XXH64, seed 0. */
u64 tz_gpu_csum(const void *page);

/* Show counters as "name value" lines (gpu_stat attribute, debugfs). */
ssize_t tz_gpu_stats_show(const struct tz_gpu_stats *s, char *buf, size_t size);
void tz_gpu_stats_add(struct tz_gpu_stats *s, int stat, u64 v);

int tz_gpu_init(void);
void tz_gpu_exit(void);

/* Internal (gpu_netlink.c <-> gpu_batch.c). */
extern struct tz_gpu_stats tz_gpu_global;
struct sk_buff;
struct nlmsghdr;
/* One outstanding batch; lives on the waiter's stack. */
struct tz_gpu_batch {
	struct list_head node;		/* on the outstanding list while queued */
	u64 id;
	u32 portid;			/* the helper it went to */
	struct completion done;
	struct sk_buff *reply;		/* the RESULT message (a reference) */
	const struct nlmsghdr *nlh;	/* inside reply */
	unsigned int npages;
	int cause;			/* 0, TZ_S_FB_DEATH or TZ_S_FB_MALFORMED */
	bool queued;
};
int tz_gpu_nl_init(void);
void tz_gpu_nl_exit(void);
/* Helper's portid, 0 if none; also its advertised MB/s. */
u32 tz_gpu_helper_portid(u32 *mbps);
/* Queue b as outstanding for portid (fails if that helper is gone). */
int tz_gpu_batch_start(struct tz_gpu_batch *b, u32 portid);
/* Take b off the queue; returns the reply skb (or NULL) and its cause. */
struct sk_buff *tz_gpu_batch_finish(struct tz_gpu_batch *b, int *cause,
				    const struct nlmsghdr **nlh);
int tz_gpu_send_batch(struct sk_buff *skb, u32 portid);
struct sk_buff *tz_gpu_batch_msg(size_t payload, void **hdr);
void tz_gpu_helper_failed(void);	/* start/extend the backoff */
void tz_gpu_helper_ok(void);
void tz_gpu_route_reset(void);
bool tz_gpu_helper_healthy(u32 *portid, u32 *mbps);

#endif /* TZ_GPU_H */
