// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_batch.c - one batch to the helper and back: build the request,
 * wait at most the timeout, verify every returned page against the
 * checksum recorded at write time (gpu_csum.c), copy the good ones into
 * place, and tell the registration (gpu_netlink.c) how the helper did.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <net/genetlink.h>
#include "gpu_batch.h"
#include "gpu_csum.h"
#include "gpu_netlink.h"
#include "gpu_stats.h"
#include "tzram_genl.h"

static atomic64_t tz_batch_id;

static void tz_stat(struct tz_gpu_req *req, int stat, u64 v)
{
	tz_gpu_stats_add(&tz_gpu_global, stat, v);
	if (req->stats)
		tz_gpu_stats_add(req->stats, stat, v);
}

/* Pages of a verified reply into place; returns pages served. */
static int tz_gpu_take_reply(struct tz_gpu_req *req, const struct nlmsghdr *nlh)
{
	const struct nlattr *nla;
	int rem, served = 0;

	nla_for_each_attr(nla, genlmsg_data(nlmsg_data(nlh)),
			  genlmsg_len(nlmsg_data(nlh)), rem) {
		const struct tz_genl_rpage *r;
		struct tz_gpu_page *p;
		const void *data;

		/* Shape already checked by tz_gpu_check_reply(). */
		if (nla_type(nla) != TZ_A_RPAGE)
			continue;
		r = nla_data(nla);
		if (r->status)
			continue;
		p = &req->pages[r->index];
		data = r + 1;
		if (tz_gpu_csum(data) != p->csum) {
			tz_stat(req, TZ_S_FB_CHECKSUM, 1);
			p->status = -EBADMSG;
			continue;
		}
		memcpy_to_page(p->dst, 0, data, PAGE_SIZE);
		p->status = 0;
		served++;
	}
	return served;
}

int tz_gpu_decompress_batch(struct tz_gpu_req *req, unsigned int timeout_ms)
{
	const struct nlmsghdr *nlh;
	struct tz_gpu_batch b;
	struct sk_buff *skb, *reply;
	size_t payload, bytes = 0;
	unsigned long left;
	u32 portid, mbps;
	ktime_t t0;
	unsigned int i;
	int ret, cause, served = 0, bad;
	void *hdr;

	req->wait_ms = 0;
	for (i = 0; i < req->npages; i++)
		req->pages[i].status = -EAGAIN;
	if (!TZ_GPU_PAGES_FIT || !req->npages ||
	    req->npages > TZ_GENL_MAX_PAGES || (current->flags & PF_MEMALLOC) ||
	    !tz_gpu_helper_healthy(&portid, &mbps)) {
		tz_stat(req, TZ_S_FB_NOHELPER, 1);
		return 0;
	}
	timeout_ms = min_t(unsigned int, timeout_ms, TZ_GPU_TIMEOUT_MS_MAX);

	payload = nla_total_size_64bit(sizeof(u64)) + nla_total_size(sizeof(u32));
	for (i = 0; i < req->npages; i++) {
		struct tz_gpu_page *p = &req->pages[i];

		if (!p->clen || p->clen > TZ_GENL_MAX_CLEN) {
			tz_stat(req, TZ_S_FB_MALFORMED, 1);
			return 0;
		}
		payload += nla_total_size(sizeof(struct tz_genl_page) + p->clen);
		bytes += p->clen;
	}
	t0 = ktime_get();
	skb = tz_gpu_batch_msg(payload, &hdr);
	if (!skb) {
		tz_stat(req, TZ_S_FB_NOMEM, 1);
		return 0;
	}
	b.id = atomic64_inc_return(&tz_batch_id);
	b.npages = req->npages;
	if (nla_put_u64_64bit(skb, TZ_A_BATCH_ID, b.id, TZ_A_PAD) ||
	    nla_put_u32(skb, TZ_A_NPAGES, req->npages))
		goto nospace;
	for (i = 0; i < req->npages; i++) {
		struct tz_gpu_page *p = &req->pages[i];
		struct tz_genl_page *h;
		struct nlattr *nla;

		nla = nla_reserve(skb, TZ_A_PAGE, sizeof(*h) + p->clen);
		if (!nla)
			goto nospace;
		h = nla_data(nla);
		h->index = i;
		h->clen = p->clen;
		h->alg = p->alg;
		h->reserved = 0;
		memcpy(h + 1, p->src, p->clen);
	}
	genlmsg_end(skb, hdr);

	if (tz_gpu_batch_start(&b, portid)) {
		nlmsg_free(skb);
		tz_stat(req, TZ_S_FB_NOHELPER, 1);
		return 0;
	}
	ret = tz_gpu_send_batch(skb, portid);
	if (ret) {
		tz_gpu_batch_finish(&b, &cause, &nlh);
		tz_stat(req, TZ_S_FB_SEND, 1);
		tz_gpu_helper_failed();
		return 0;
	}
	tz_stat(req, TZ_S_BYTES, bytes);
	left = wait_for_completion_io_timeout(&b.done, msecs_to_jiffies(timeout_ms));
	reply = tz_gpu_batch_finish(&b, &cause, &nlh);
	if (!reply) {
		if (!cause)
			cause = TZ_S_FB_TIMEOUT;
		tz_stat(req, cause, 1);
		tz_gpu_helper_failed();
		goto out;
	}
	served = tz_gpu_take_reply(req, nlh);
	consume_skb(reply);
	tz_stat(req, TZ_S_BATCHES, 1);
	tz_stat(req, TZ_S_PAGES, served);
	for (i = 0, bad = 0; i < req->npages; i++)
		bad += req->pages[i].status == -EBADMSG;
	if (served + bad < req->npages)
		tz_stat(req, TZ_S_FB_PAGE, req->npages - served - bad);
	if (bad) {
		tz_gpu_helper_failed();		/* wrong bytes: stop trusting it */
	} else {
		u64 ns = max_t(u64, ktime_to_ns(ktime_sub(ktime_get(), t0)), 1);

		tz_gpu_helper_served(div64_u64((u64)served * PAGE_SIZE * 1000, ns));
	}
out:
	req->wait_ms = ktime_to_ms(ktime_sub(ktime_get(), t0));
	return served;
nospace:
	nlmsg_free(skb);
	tz_stat(req, TZ_S_FB_NOMEM, 1);
	return 0;
}
