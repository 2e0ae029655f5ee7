// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_netlink.c - the "tzram" generic netlink family: helper registration
 * (bound to the helper socket's portid; a NETLINK_URELEASE notifier ends
 * it when that socket closes, e.g. the helper died), batch results and
 * counters. Every command needs CAP_NET_ADMIN; attributes are validated
 * strictly against one policy with maximum lengths.
 *
 * Locking: tz_gpu_lock (a spinlock, process context only) guards the
 * helper registration and the list of outstanding batches. A RESULT is
 * checked and matched to its batch under the lock; the waiter takes it
 * off the list under the same lock, so a reply and a timeout never race
 * on a batch (which lives on the waiter's stack).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/jiffies.h>
#include <linux/netlink.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include "gpu_netlink.h"
#include "gpu_stats.h"
#include "tzram_genl.h"

static DEFINE_SPINLOCK(tz_gpu_lock);
static LIST_HEAD(tz_gpu_batches);

static struct {
	u32 portid;		/* 0: no helper */
	pid_t pid;
	u32 flags;
	u32 mbps;
	u32 max_pages;
	char backend[TZ_GENL_BACKEND_LEN];
	unsigned long until;	/* unhealthy (backing off) before this */
	unsigned int backoff_ms;
	u32 e2e_mbps;		/* measured rate of served batches, 0: none */
} tz_helper;

#define TZ_BACKOFF_MIN_MS 100
#define TZ_BACKOFF_MAX_MS 5000

static const struct nla_policy tz_gpu_policy[TZ_A_MAX + 1] = {
	[TZ_A_BATCH_ID]		= { .type = NLA_U64 },
	[TZ_A_NPAGES]		= NLA_POLICY_RANGE(NLA_U32, 1, TZ_GENL_MAX_PAGES),
	[TZ_A_PAGE]		= { .type = NLA_REJECT },	/* kernel -> helper only */
	[TZ_A_RPAGE]		= { .type = NLA_BINARY,
				    .len = sizeof(struct tz_genl_rpage) + TZ_GENL_PAGE_SIZE },
	[TZ_A_BACKEND]		= { .type = NLA_NUL_STRING, .len = TZ_GENL_BACKEND_LEN - 1 },
	[TZ_A_FLAGS]		= { .type = NLA_U32 },
	[TZ_A_MBPS]		= { .type = NLA_U32 },
	[TZ_A_HELPER_PID]	= { .type = NLA_REJECT },
	[TZ_A_STAT]		= { .type = NLA_REJECT },
	[TZ_A_PAD]		= { .type = NLA_REJECT },
};

static struct genl_family tz_genl_family;

/* Fail every batch outstanding at portid (its helper is gone). */
static void tz_gpu_fail_batches(u32 portid)
{
	struct tz_gpu_batch *b, *tmp;

	list_for_each_entry_safe(b, tmp, &tz_gpu_batches, node) {
		if (b->portid != portid)
			continue;
		list_del_init(&b->node);
		b->queued = false;
		b->cause = TZ_S_FB_DEATH;
		complete(&b->done);
	}
}

/* End the registration of the helper at portid, if it is the helper. */
static bool tz_gpu_helper_drop(u32 portid, const char *why)
{
	pid_t pid = 0;

	if (!portid)
		return false;
	spin_lock(&tz_gpu_lock);
	if (tz_helper.portid == portid) {
		pid = tz_helper.pid;
		tz_helper.portid = 0;
		tz_gpu_fail_batches(portid);
	}
	spin_unlock(&tz_gpu_lock);
	if (pid)
		pr_info("gpu helper pid %d unregistered (%s)\n", pid, why);
	return pid != 0;
}

bool tz_gpu_helper_healthy(u32 *portid, u32 *mbps)
{
	bool ok;

	spin_lock(&tz_gpu_lock);
	ok = tz_helper.portid && time_after_eq(jiffies, tz_helper.until);
	*portid = tz_helper.portid;
	*mbps = tz_helper.e2e_mbps ? tz_helper.e2e_mbps : tz_helper.mbps;
	spin_unlock(&tz_gpu_lock);
	return ok;
}

u32 tz_gpu_helper_rate(void)
{
	u32 mbps;

	spin_lock(&tz_gpu_lock);
	mbps = tz_helper.e2e_mbps;
	spin_unlock(&tz_gpu_lock);
	return mbps;
}

void tz_gpu_helper_failed(void)
{
	spin_lock(&tz_gpu_lock);
	tz_helper.backoff_ms = clamp_t(unsigned int, tz_helper.backoff_ms * 2,
				       TZ_BACKOFF_MIN_MS, TZ_BACKOFF_MAX_MS);
	tz_helper.until = jiffies + msecs_to_jiffies(tz_helper.backoff_ms);
	spin_unlock(&tz_gpu_lock);
}

void tz_gpu_helper_served(u32 mbps)
{
	u32 old;

	spin_lock(&tz_gpu_lock);
	tz_helper.backoff_ms = 0;
	old = tz_helper.e2e_mbps;
	tz_helper.e2e_mbps = old ? (old * 3 + mbps) / 4 : mbps;
	spin_unlock(&tz_gpu_lock);
}

int tz_gpu_batch_start(struct tz_gpu_batch *b, u32 portid)
{
	int ret = 0;

	init_completion(&b->done);
	INIT_LIST_HEAD(&b->node);
	b->portid = portid;
	b->reply = NULL;
	b->nlh = NULL;
	b->cause = 0;
	spin_lock(&tz_gpu_lock);
	if (tz_helper.portid == portid) {
		list_add_tail(&b->node, &tz_gpu_batches);
		b->queued = true;
	} else {
		ret = -ENOTCONN;
	}
	spin_unlock(&tz_gpu_lock);
	return ret;
}

struct sk_buff *tz_gpu_batch_finish(struct tz_gpu_batch *b, int *cause,
				    const struct nlmsghdr **nlh)
{
	struct sk_buff *reply;

	spin_lock(&tz_gpu_lock);
	if (b->queued) {
		list_del_init(&b->node);
		b->queued = false;
	}
	reply = b->reply;
	*nlh = b->nlh;
	*cause = b->cause;
	spin_unlock(&tz_gpu_lock);
	return reply;
}

struct sk_buff *tz_gpu_batch_msg(size_t payload, void **hdr)
{
	struct sk_buff *skb;

	/* Never wait for memory here: the CPU path is the fallback. */
	skb = genlmsg_new(payload, GFP_NOIO | __GFP_NOWARN | __GFP_NORETRY);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &tz_genl_family, 0, TZ_CMD_BATCH);
	if (!*hdr) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}

int tz_gpu_send_batch(struct sk_buff *skb, u32 portid)
{
	/* Non-blocking: a full or closed helper socket fails at once. */
	return genlmsg_unicast(&init_net, skb, portid);
}

static int tz_nl_register(struct sk_buff *skb, struct genl_info *info)
{
	u32 portid = info->snd_portid;
	struct nlattr **a = info->attrs;
	const char *backend = "?";
	int ret = 0;

	if (!portid)
		return -EINVAL;
	if (a[TZ_A_BACKEND])
		backend = nla_data(a[TZ_A_BACKEND]);
	spin_lock(&tz_gpu_lock);
	if (tz_helper.portid && tz_helper.portid != portid) {
		ret = -EBUSY;
	} else {
		tz_helper.portid = portid;
		tz_helper.pid = task_tgid_vnr(current);
		tz_helper.flags = a[TZ_A_FLAGS] ? nla_get_u32(a[TZ_A_FLAGS]) : 0;
		tz_helper.mbps = a[TZ_A_MBPS] ? nla_get_u32(a[TZ_A_MBPS]) : 0;
		tz_helper.max_pages = a[TZ_A_NPAGES] ? nla_get_u32(a[TZ_A_NPAGES]) :
						       TZ_GENL_MAX_PAGES;
		strscpy(tz_helper.backend, backend, sizeof(tz_helper.backend));
		tz_helper.backoff_ms = 0;
		tz_helper.until = jiffies;
		tz_helper.e2e_mbps = 0;	/* a new helper: not measured yet */
	}
	spin_unlock(&tz_gpu_lock);
	if (ret) {
		NL_SET_ERR_MSG(info->extack, "another helper is registered");
		return ret;
	}
	tz_gpu_stats_add(&tz_gpu_global, TZ_S_REGISTERS, 1);
	pr_info("gpu helper pid %d registered (backend %s, %u MB/s, flags %#x)\n",
		task_tgid_vnr(current), backend,
		a[TZ_A_MBPS] ? nla_get_u32(a[TZ_A_MBPS]) : 0,
		a[TZ_A_FLAGS] ? nla_get_u32(a[TZ_A_FLAGS]) : 0);
	return 0;
}

static int tz_nl_unregister(struct sk_buff *skb, struct genl_info *info)
{
	if (!tz_gpu_helper_drop(info->snd_portid, "on request")) {
		NL_SET_ERR_MSG(info->extack, "not the registered helper");
		return -ENOENT;
	}
	return 0;
}

/*
 * Structure of a RESULT for a batch of npages: TZ_A_RPAGE records with
 * in-range, distinct indexes and the exact length for their status.
 * (The policy has already bounded every attribute's length.)
 */
static int tz_gpu_check_reply(const struct nlmsghdr *nlh, unsigned int npages,
			      struct netlink_ext_ack *extack)
{
	DECLARE_BITMAP(seen, TZ_GENL_MAX_PAGES);
	const struct nlattr *nla;
	int rem;

	bitmap_zero(seen, TZ_GENL_MAX_PAGES);
	nla_for_each_attr(nla, genlmsg_data(nlmsg_data(nlh)),
			  genlmsg_len(nlmsg_data(nlh)), rem) {
		const struct tz_genl_rpage *r;

		if (nla_type(nla) != TZ_A_RPAGE)
			continue;
		if (nla_len(nla) < sizeof(*r))
			goto bad;
		r = nla_data(nla);
		if (r->index >= npages || test_and_set_bit(r->index, seen))
			goto bad;
		if (r->status > 0 || r->status < -MAX_ERRNO)
			goto bad;
		/* A failed page may keep its (ignored) page slot. */
		if (nla_len(nla) != sizeof(*r) + TZ_GENL_PAGE_SIZE &&
		    (!r->status || nla_len(nla) != sizeof(*r)))
			goto bad;
	}
	return 0;
bad:
	NL_SET_ERR_MSG_ATTR(extack, nla, "bad page record");
	return -EINVAL;
}

static int tz_nl_result(struct sk_buff *skb, struct genl_info *info)
{
	u32 portid = info->snd_portid;
	struct tz_gpu_batch *b, *found = NULL;
	int ret = 0;
	u64 id;

	if (!info->attrs[TZ_A_BATCH_ID]) {
		NL_SET_ERR_MSG(info->extack, "no batch id");
		return -EINVAL;
	}
	id = nla_get_u64(info->attrs[TZ_A_BATCH_ID]);
	spin_lock(&tz_gpu_lock);
	if (!portid || portid != tz_helper.portid) {
		spin_unlock(&tz_gpu_lock);
		NL_SET_ERR_MSG(info->extack, "not the registered helper");
		return -EACCES;
	}
	list_for_each_entry(b, &tz_gpu_batches, node) {
		if (b->id == id && b->portid == portid) {
			found = b;
			break;
		}
	}
	if (found) {
		list_del_init(&found->node);
		found->queued = false;
		ret = tz_gpu_check_reply(info->nlhdr, found->npages, info->extack);
		if (ret) {
			found->cause = TZ_S_FB_MALFORMED;
		} else {
			/* The waiter reads the pages from this skb and frees it. */
			found->reply = skb_get(skb);
			found->nlh = info->nlhdr;
		}
		complete(&found->done);
	}
	spin_unlock(&tz_gpu_lock);
	if (!found) {
		tz_gpu_stats_add(&tz_gpu_global, TZ_S_LATE, 1);
		NL_SET_ERR_MSG(info->extack, "no such batch outstanding");
		return -ENOENT;
	}
	return ret;
}

static int tz_nl_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;
	pid_t pid;
	int i;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &tz_genl_family, 0, TZ_CMD_STATS);
	if (!hdr)
		goto nospace;
	spin_lock(&tz_gpu_lock);
	pid = tz_helper.portid ? tz_helper.pid : 0;
	spin_unlock(&tz_gpu_lock);
	if (nla_put_u32(msg, TZ_A_HELPER_PID, pid))
		goto nospace;
	nest = nla_nest_start(msg, TZ_A_STAT);
	if (!nest)
		goto nospace;
	for (i = 1; i <= TZ_S_MAX; i++) {
		/* TZ_S_UNSPEC doubles as the padding attribute. */
		if (nla_put_u64_64bit(msg, i, atomic64_read(&tz_gpu_global.c[i]),
				      TZ_S_UNSPEC))
			goto nospace;
	}
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static const struct genl_small_ops tz_genl_ops[] = {
	{ .cmd = TZ_CMD_REGISTER, .flags = GENL_ADMIN_PERM, .doit = tz_nl_register },
	{ .cmd = TZ_CMD_UNREGISTER, .flags = GENL_ADMIN_PERM, .doit = tz_nl_unregister },
	{ .cmd = TZ_CMD_RESULT, .flags = GENL_ADMIN_PERM, .doit = tz_nl_result },
	{ .cmd = TZ_CMD_STATS, .flags = GENL_ADMIN_PERM, .doit = tz_nl_stats },
	/* TZ_CMD_BATCH has no op: the kernel only sends it (-EOPNOTSUPP). */
};

static struct genl_family tz_genl_family = {
	.name = TZ_GENL_NAME,
	.version = TZ_GENL_VERSION,
	.maxattr = TZ_A_MAX,
	.policy = tz_gpu_policy,
	.netnsok = false,
	.module = THIS_MODULE,
	.small_ops = tz_genl_ops,
	.n_small_ops = ARRAY_SIZE(tz_genl_ops),
	/* resv_start_op 0: strict validation of every command's header. */
};

static int tz_nl_notify(struct notifier_block *nb, unsigned long event,
			void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC &&
	    net_eq(n->net, &init_net))
		tz_gpu_helper_drop(n->portid, "socket closed");
	return NOTIFY_DONE;
}

static struct notifier_block tz_nl_notifier = {
	.notifier_call = tz_nl_notify,
};

int tz_gpu_nl_init(void)
{
	int ret = netlink_register_notifier(&tz_nl_notifier);

	if (ret)
		return ret;
	ret = genl_register_family(&tz_genl_family);
	if (ret)
		netlink_unregister_notifier(&tz_nl_notifier);
	return ret;
}

void tz_gpu_nl_exit(void)
{
	genl_unregister_family(&tz_genl_family);
	netlink_unregister_notifier(&tz_nl_notifier);
	spin_lock(&tz_gpu_lock);
	if (tz_helper.portid)
		tz_gpu_fail_batches(tz_helper.portid);
	tz_helper.portid = 0;
	spin_unlock(&tz_gpu_lock);
}
