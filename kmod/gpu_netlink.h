/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpu_netlink.h - the "tzram" generic netlink family: the registered
 * helper (who, how healthy, how fast it measured) and the batches
 * outstanding at it. gpu_batch.c builds and checks the messages.
 */
#ifndef TZ_GPU_NETLINK_H
#define TZ_GPU_NETLINK_H

#include <linux/completion.h>
#include <linux/list.h>
#include <linux/types.h>

struct nlmsghdr;
struct sk_buff;

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

/*
 * Is a helper registered and not backing off? *portid: its port;
 * *mbps: its measured end-to-end rate, or its own claim before the first
 * measurement.
 */
bool tz_gpu_helper_healthy(u32 *portid, u32 *mbps);
/* The helper's measured end-to-end rate, MB/s (0: none yet). */
u32 tz_gpu_helper_rate(void);
/* A batch failed: start or extend the backoff. */
void tz_gpu_helper_failed(void);
/* A batch was served at mbps: end the backoff, fold in the rate. */
void tz_gpu_helper_served(u32 mbps);

/* A BATCH message with room for payload bytes of attributes. */
struct sk_buff *tz_gpu_batch_msg(size_t payload, void **hdr);
/* Queue b as outstanding for portid (fails if that helper is gone). */
int tz_gpu_batch_start(struct tz_gpu_batch *b, u32 portid);
int tz_gpu_send_batch(struct sk_buff *skb, u32 portid);
/* Take b off the queue; returns the reply skb (or NULL) and its cause. */
struct sk_buff *tz_gpu_batch_finish(struct tz_gpu_batch *b, int *cause,
				    const struct nlmsghdr **nlh);

#endif /* TZ_GPU_NETLINK_H */
