// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_netlink.c - the "tzram" generic netlink family: helper registration,
 * batch results and counters (docs/GPU.md "Trust model").
 *
 * Who may be the helper: a socket in the initial network namespace whose
 * opener and sender hold CAP_SYS_ADMIN in the initial user namespace
 * (REGISTER, UNREGISTER, RESULT); the counters (STATS) need
 * CAP_NET_ADMIN. Attributes are validated strictly against one policy.
 *
 * The registration is bound to the registering socket, not to its port
 * id: netlink_release() frees the port before the NETLINK_URELEASE
 * notifier (tz_nl_notify) ends the registration, so in between another
 * socket, of any user, may bind the same port. A batch is therefore sent
 * only while holding the registered socket's inode lock shared:
 * __sock_release() holds it (exclusive) across the whole release, port
 * freeing and notifier included, so under it the port still belongs to
 * the registered socket exactly when the registration still stands
 * (sockfs_setattr relies on the same lock for sock->sk). The lock is only
 * tried: a socket being released (or chown'ed) fails the send at once.
 * Results are taken only from the registered socket itself.
 *
 * Locking: tz_gpu_lock (a spinlock, process context only) guards the
 * registration and the list of outstanding batches. A RESULT is checked
 * and matched to its batch under the lock; the waiter takes it off the
 * list under the same lock, so a reply and a timeout never race on a
 * batch (which lives on the waiter's stack). Order: socket inode lock,
 * then tz_gpu_lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/netlink.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include "gpu_netlink.h"
#include "gpu_reply.h"
#include "gpu_stats.h"
#include "tzram_genl.h"

static DEFINE_SPINLOCK(tz_gpu_lock);
static LIST_HEAD(tz_gpu_batches);

static struct {
	u32 portid;		/* 0: no helper */
	/*
	 * The registered socket (compared, never dereferenced) and its
	 * sockfs inode, held (ihold) while registered: the lock that keeps
	 * the port the socket's (see the top).
	 */
	const struct sock *sk;
	struct inode *inode;
	u64 gen;		/* registrations so far: batches belong to one */
	pid_t pid;
	u32 flags;		/* TZ_HF_* it declared */
	u32 mbps;		/* its own claim */
	u32 max_pages;
	char backend[TZ_GENL_BACKEND_LEN];
	unsigned long until;	/* unhealthy (backing off) before this */
	unsigned int backoff_ms;
	u32 e2e_mbps;		/* measured rate of answered batches */
	bool measured;		/* e2e_mbps holds a measurement (0 is one) */
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
	[TZ_A_FLAGS]		= NLA_POLICY_MASK(NLA_U32, TZ_HF_ALL),
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

/*
 * End the registration if sk (or, sk NULL, the socket at portid: the
 * notifier knows only the port) is the helper's. Process context.
 */
static bool tz_gpu_helper_drop(const struct sock *sk, u32 portid,
			       const char *why)
{
	struct inode *inode = NULL;
	pid_t pid = 0;

	if (!portid)
		return false;
	spin_lock(&tz_gpu_lock);
	if (tz_helper.portid == portid && (!sk || tz_helper.sk == sk)) {
		pid = tz_helper.pid;
		inode = tz_helper.inode;
		tz_helper.portid = 0;
		tz_helper.sk = NULL;
		tz_helper.inode = NULL;
		tz_gpu_fail_batches(portid);
	}
	spin_unlock(&tz_gpu_lock);
	/* Never the last reference: the socket's file holds one. */
	iput(inode);
	if (pid)
		pr_info("gpu helper pid %d unregistered (%s)\n", pid, why);
	return pid != 0;
}

bool tz_gpu_helper_get(struct tz_gpu_helper *h)
{
	bool ok;

	spin_lock(&tz_gpu_lock);
	ok = tz_helper.portid && time_after_eq(jiffies, tz_helper.until);
	h->gen = tz_helper.gen;
	h->portid = tz_helper.portid;
	h->flags = tz_helper.flags;
	h->max_pages = tz_helper.max_pages;
	h->mbps = tz_helper.measured ? tz_helper.e2e_mbps : tz_helper.mbps;
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

/* Caller holds tz_gpu_lock; gen is the current registration. */
static void tz_gpu_helper_backoff(void)
{
	tz_helper.backoff_ms = clamp_t(unsigned int, tz_helper.backoff_ms * 2,
				       TZ_BACKOFF_MIN_MS, TZ_BACKOFF_MAX_MS);
	tz_helper.until = jiffies + msecs_to_jiffies(tz_helper.backoff_ms);
}

void tz_gpu_helper_failed(u64 gen)
{
	spin_lock(&tz_gpu_lock);
	if (tz_helper.portid && tz_helper.gen == gen)
		tz_gpu_helper_backoff();
	spin_unlock(&tz_gpu_lock);
}

void tz_gpu_helper_answered(u64 gen, u32 mbps, bool served)
{
	spin_lock(&tz_gpu_lock);
	if (tz_helper.portid && tz_helper.gen == gen) {
		u32 old = tz_helper.e2e_mbps;

		tz_helper.e2e_mbps = tz_helper.measured ? (old * 3 + mbps) / 4 : mbps;
		tz_helper.measured = true;
		/* A helper that serves nothing is no healthier for answering. */
		if (served)
			tz_helper.backoff_ms = 0;
		else
			tz_gpu_helper_backoff();
	}
	spin_unlock(&tz_gpu_lock);
}

int tz_gpu_batch_start(struct tz_gpu_batch *b, const struct tz_gpu_helper *h)
{
	int ret = 0;

	init_completion(&b->done);
	INIT_LIST_HEAD(&b->node);
	b->gen = h->gen;
	b->portid = h->portid;
	b->reply = NULL;
	b->nlh = NULL;
	b->cause = 0;
	spin_lock(&tz_gpu_lock);
	if (tz_helper.portid && tz_helper.gen == h->gen) {
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

int tz_gpu_send_batch(struct sk_buff *skb, const struct tz_gpu_batch *b)
{
	struct inode *inode = NULL;
	bool live;
	int ret;

	spin_lock(&tz_gpu_lock);
	if (tz_helper.portid && tz_helper.gen == b->gen) {
		inode = tz_helper.inode;
		ihold(inode);	/* it may be unregistered once unlocked */
	}
	spin_unlock(&tz_gpu_lock);
	if (!inode) {
		nlmsg_free(skb);
		return -ENOTCONN;
	}
	/* See the top: under this lock the port is the helper's socket's. */
	if (!inode_trylock_shared(inode)) {
		nlmsg_free(skb);
		iput(inode);
		return -EAGAIN;
	}
	spin_lock(&tz_gpu_lock);
	live = tz_helper.portid && tz_helper.gen == b->gen;
	spin_unlock(&tz_gpu_lock);
	if (live) {
		/* Non-blocking: a full helper socket fails at once. */
		ret = genlmsg_unicast(&init_net, skb, b->portid);
	} else {
		nlmsg_free(skb);
		ret = -ENOTCONN;
	}
	inode_unlock_shared(inode);
	iput(inode);
	return ret;
}

/*
 * Commands that act as the helper: CAP_SYS_ADMIN in the initial user
 * namespace, for the socket's opener and the sender both (netlink_capable),
 * from the initial network namespace (the family is not netnsok either).
 */
static int tz_nl_helper_perm(struct sk_buff *skb, struct genl_info *info)
{
	if (!net_eq(genl_info_net(info), &init_net) ||
	    !netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack, "the helper needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	return 0;
}

static int tz_nl_register(struct sk_buff *skb, struct genl_info *info)
{
	const struct sock *sk = NETLINK_CB(skb).sk;
	u32 portid = info->snd_portid;
	struct nlattr **a = info->attrs;
	const char *backend = "?";
	struct inode *inode;
	u32 flags;
	int ret;

	ret = tz_nl_helper_perm(skb, info);
	if (ret)
		return ret;
	/* The sender is in sendmsg() on sk: its socket is alive. */
	if (!portid || !sk || !sk->sk_socket)
		return -EINVAL;
	flags = a[TZ_A_FLAGS] ? nla_get_u32(a[TZ_A_FLAGS]) : 0;
	if (!(flags & (TZ_HF_ALG_LZ4 | TZ_HF_ALG_ZSTD))) {
		NL_SET_ERR_MSG(info->extack, "no algorithm declared (TZ_HF_ALG_*)");
		return -EINVAL;
	}
	if (a[TZ_A_BACKEND])
		backend = nla_data(a[TZ_A_BACKEND]);
	inode = SOCK_INODE(sk->sk_socket);
	spin_lock(&tz_gpu_lock);
	if (tz_helper.portid && tz_helper.sk != sk) {
		ret = -EBUSY;
	} else {
		if (!tz_helper.portid) {	/* a new registration */
			ihold(inode);
			tz_helper.inode = inode;
			tz_helper.sk = sk;
			tz_helper.portid = portid;
			tz_helper.gen++;
		}
		tz_helper.pid = task_tgid_vnr(current);
		tz_helper.flags = flags;
		tz_helper.mbps = a[TZ_A_MBPS] ? nla_get_u32(a[TZ_A_MBPS]) : 0;
		tz_helper.max_pages = a[TZ_A_NPAGES] ? nla_get_u32(a[TZ_A_NPAGES]) :
						       TZ_GENL_MAX_PAGES;
		strscpy(tz_helper.backend, backend, sizeof(tz_helper.backend));
		tz_helper.backoff_ms = 0;
		tz_helper.until = jiffies;
		tz_helper.e2e_mbps = 0;	/* not measured yet */
		tz_helper.measured = false;
	}
	spin_unlock(&tz_gpu_lock);
	if (ret) {
		NL_SET_ERR_MSG(info->extack, "another helper is registered");
		return ret;
	}
	tz_gpu_stats_add(&tz_gpu_global, TZ_S_REGISTERS, 1);
	pr_info("gpu helper pid %d registered (backend %s, %u MB/s, flags %#x, %u pages)\n",
		task_tgid_vnr(current), backend,
		a[TZ_A_MBPS] ? nla_get_u32(a[TZ_A_MBPS]) : 0, flags,
		a[TZ_A_NPAGES] ? nla_get_u32(a[TZ_A_NPAGES]) : TZ_GENL_MAX_PAGES);
	return 0;
}

static int tz_nl_unregister(struct sk_buff *skb, struct genl_info *info)
{
	int ret = tz_nl_helper_perm(skb, info);

	if (ret)
		return ret;
	if (!tz_gpu_helper_drop(NETLINK_CB(skb).sk, info->snd_portid,
				"on request")) {
		NL_SET_ERR_MSG(info->extack, "not the registered helper");
		return -ENOENT;
	}
	return 0;
}

/* The records of a RESULT for a batch of npages (gpu_reply.c). */
static int tz_gpu_check_reply(const struct nlmsghdr *nlh, unsigned int npages,
			      struct netlink_ext_ack *extack)
{
	const struct nlattr *bad;
	int ret = tz_gpu_reply_check(genlmsg_data(nlmsg_data(nlh)),
				     genlmsg_len(nlmsg_data(nlh)), npages, &bad);

	if (ret)
		NL_SET_ERR_MSG_ATTR(extack, bad, "bad page record");
	return ret;
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
	ret = tz_nl_helper_perm(skb, info);
	if (ret)
		return ret;
	id = nla_get_u64(info->attrs[TZ_A_BATCH_ID]);
	spin_lock(&tz_gpu_lock);
	if (!portid || portid != tz_helper.portid ||
	    NETLINK_CB(skb).sk != tz_helper.sk) {
		spin_unlock(&tz_gpu_lock);
		NL_SET_ERR_MSG(info->extack, "not the registered helper");
		return -EACCES;
	}
	list_for_each_entry(b, &tz_gpu_batches, node) {
		if (b->id == id && b->gen == tz_helper.gen) {
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
		tz_gpu_helper_drop(NULL, n->portid, "socket closed");
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
	tz_gpu_helper_drop(NULL, READ_ONCE(tz_helper.portid), "module unloaded");
}
