/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpu_netlink.h - the "tzram" generic netlink family: the registered
 * helper (which socket, what it declared, how healthy, how fast it
 * measured) and the batches outstanding at it. gpu_batch.c builds and
 * checks the messages.
 */
#ifndef TZ_GPU_NETLINK_H
#define TZ_GPU_NETLINK_H

#include <linux/completion.h>
#include <linux/list.h>
#include <linux/types.h>

struct nlmsghdr;
struct sk_buff;

/* What a batch needs to know of the helper: a snapshot. */
struct tz_gpu_helper {
	u64 gen;		/* registration number (one per socket registered) */
	u32 portid;		/* its socket's port */
	u32 flags;		/* TZ_HF_*: what it decodes */
	u32 max_pages;		/* the most pages per batch it takes */
	/* Its measured end-to-end rate, or its own claim before one (MB/s). */
	u32 mbps;
};

/* One outstanding batch; lives on the waiter's stack. */
struct tz_gpu_batch {
	struct list_head node;		/* on the outstanding list while queued */
	u64 id;
	u64 gen;			/* the registration it went to */
	u32 portid;
	struct completion done;
	struct sk_buff *reply;		/* the RESULT message (a reference) */
	const struct nlmsghdr *nlh;	/* inside reply */
	unsigned int npages;
	int cause;			/* 0, TZ_S_FB_DEATH or TZ_S_FB_MALFORMED */
	bool queued;
};

int tz_gpu_nl_init(void);
void tz_gpu_nl_exit(void);

/* Is a helper registered and not backing off? *h: a snapshot of it. */
bool tz_gpu_helper_get(struct tz_gpu_helper *h);
/* The helper's measured end-to-end rate, MB/s (0: none, or 0 measured). */
u32 tz_gpu_helper_rate(void);
/* A batch of registration gen failed: start or extend the backoff. */
void tz_gpu_helper_failed(u64 gen);
/*
 * A batch of registration gen was answered at mbps (verified pages over
 * its wall time): fold the rate in (0 counts, it is a measurement); end
 * the backoff if any page was served, else back off.
 */
void tz_gpu_helper_answered(u64 gen, u32 mbps, bool served);

/* A BATCH message with room for payload bytes of attributes. */
struct sk_buff *tz_gpu_batch_msg(size_t payload, void **hdr);
/* Queue b as outstanding at helper h (fails if that registration ended). */
int tz_gpu_batch_start(struct tz_gpu_batch *b, const struct tz_gpu_helper *h);
/*
 * Send skb (always consumed) to b's helper, only while its registration
 * stands; never blocks (-EAGAIN: socket full or being closed).
 */
int tz_gpu_send_batch(struct sk_buff *skb, const struct tz_gpu_batch *b);
/* Take b off the queue; returns the reply skb (or NULL) and its cause. */
struct sk_buff *tz_gpu_batch_finish(struct tz_gpu_batch *b, int *cause,
				    const struct nlmsghdr **nlh);

#endif /* TZ_GPU_NETLINK_H */
