// SPDX-License-Identifier: GPL-2.0
/*
 * nl.c - tzram-helper's netlink plumbing. Two sockets: the batch socket
 * registers (the kernel binds the registration to its portid and ends it
 * when the socket closes) and then only receives TZ_CMD_BATCH and sends
 * TZ_CMD_RESULT; a control socket asks for counters (health check).
 *
 * A result is built in place: the reply message is allocated first with
 * one TZ_A_RPAGE record per page, and the backend decodes straight into
 * the records' page slots, so the only copies are the kernel's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include "batch.h"
#include "nl.h"

struct tz_nl {
	struct nl_sock *sk, *ctl;
	int family;
	struct tz_nl_opts o;
	struct tz_job jobs[TZ_GENL_MAX_PAGES];
	unsigned long batches;
	int last_err;
};

#ifndef SO_RCVBUFFORCE
#define SO_RCVBUFFORCE 33
#endif
#ifndef SO_SNDBUFFORCE
#define SO_SNDBUFFORCE 32
#endif

static int handle_batch(struct tz_nl *nl, struct nlmsghdr *nlh);

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct tz_nl *nl = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(nlh);

	if (nlh->nlmsg_type != nl->family || g->cmd != TZ_CMD_BATCH) {
		dbg("ignoring message type %u cmd %u", nlh->nlmsg_type, g->cmd);
		return NL_OK;
	}
	handle_batch(nl, nlh);
	return NL_OK;
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct tz_nl *nl = arg;

	(void)who;
	nl->last_err = e->error;
	/* A late reply (batch timed out) gets -ENOENT: the kernel moved on. */
	warn("kernel refused a message (seq %u): %s", e->msg.nlmsg_seq,
	     strerror(-e->error));
	return NL_SKIP;
}

static void set_bufs(struct nl_sock *sk)
{
	int fd = nl_socket_get_fd(sk), sz = TZ_GENL_SOCKBUF;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz)))
		warn("socket buffers: %s (large batches may be refused)", strerror(errno));
	nl_socket_set_msg_buf_size(sk, 2 * TZ_GENL_SOCKBUF / 4);
	nl_socket_enable_msg_peek(sk);
}

struct tz_nl *tz_nl_open(const struct tz_nl_opts *o)
{
	struct tz_nl *nl = calloc(1, sizeof(*nl));

	if (!nl)
		return NULL;
	nl->o = *o;
	nl->family = -1;
	nl->sk = nl_socket_alloc();
	nl->ctl = nl_socket_alloc();
	if (!nl->sk || !nl->ctl || genl_connect(nl->sk) || genl_connect(nl->ctl)) {
		err("netlink: cannot open generic netlink sockets");
		tz_nl_close(nl);
		return NULL;
	}
	set_bufs(nl->sk);
	nl_socket_disable_seq_check(nl->sk);	/* batches come with seq 0 */
	nl_socket_disable_auto_ack(nl->sk);	/* errors still come back */
	nl_socket_modify_cb(nl->sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, nl);
	nl_socket_modify_err_cb(nl->sk, NL_CB_CUSTOM, on_error, nl);
	return nl;
}

void tz_nl_close(struct tz_nl *nl)
{
	if (!nl)
		return;
	if (nl->sk)
		nl_socket_free(nl->sk);
	if (nl->ctl)
		nl_socket_free(nl->ctl);
	free(nl);
}

int tz_nl_fd(struct tz_nl *nl)
{
	return nl_socket_get_fd(nl->sk);
}

unsigned long tz_nl_batches(struct tz_nl *nl)
{
	return nl->batches;
}

/* Send a command with attributes from fill(), wait for the kernel's ack. */
static int simple_cmd(struct tz_nl *nl, struct nl_sock *sk, int cmd,
		      int (*fill)(struct tz_nl *, struct nl_msg *))
{
	struct nl_msg *msg = nlmsg_alloc();
	int ret;

	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 NLM_F_ACK, cmd, TZ_GENL_VERSION) ||
	    (fill && fill(nl, msg))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	nl->last_err = 0;
	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0)
		return -EIO;
	ret = nl_wait_for_ack(sk);
	if (nl->last_err)
		return nl->last_err;
	return ret < 0 ? -EIO : 0;
}

static int fill_register(struct tz_nl *nl, struct nl_msg *msg)
{
	return nla_put_string(msg, TZ_A_BACKEND, nl->o.backend->name) ||
	       nla_put_u32(msg, TZ_A_FLAGS, nl->o.flags) ||
	       nla_put_u32(msg, TZ_A_MBPS, nl->o.mbps) ||
	       nla_put_u32(msg, TZ_A_NPAGES, nl->o.max_pages);
}

/*
 * A fresh control socket: after any error on it, whatever it still holds
 * (a late answer, an ack) would be taken for the answer to the next
 * request, and libnl's strict sequence check would fail that one too.
 */
static void ctl_reset(struct tz_nl *nl)
{
	struct nl_sock *ctl = nl_socket_alloc();

	if (!ctl || genl_connect(ctl)) {
		if (ctl)
			nl_socket_free(ctl);
		return;		/* keep the old one */
	}
	nl_socket_free(nl->ctl);
	nl->ctl = ctl;
}

/* The family's id now, or -ENOENT (module not loaded). */
static int resolve(struct tz_nl *nl)
{
	int fam = genl_ctrl_resolve(nl->ctl, TZ_GENL_NAME);

	if (fam >= 0)
		return fam;
	ctl_reset(nl);
	fam = genl_ctrl_resolve(nl->ctl, TZ_GENL_NAME);
	return fam >= 0 ? fam : -ENOENT;
}

int tz_nl_register(struct tz_nl *nl)
{
	int fam = resolve(nl);

	/* A failed attempt keeps the family: batches still come under it. */
	if (fam < 0)
		return fam;
	nl->family = fam;
	return simple_cmd(nl, nl->sk, TZ_CMD_REGISTER, fill_register);
}

int tz_nl_unregister(struct tz_nl *nl)
{
	if (nl->family < 0)
		return -ENOENT;
	return simple_cmd(nl, nl->sk, TZ_CMD_UNREGISTER, NULL);
}

static int on_stats(struct nl_msg *msg, void *arg)
{
	struct nlattr *a[TZ_A_MAX + 1];
	int *pid = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, TZ_A_MAX, NULL) == 0 &&
	    a[TZ_A_HELPER_PID])
		*pid = (int)nla_get_u32(a[TZ_A_HELPER_PID]);
	return NL_OK;
}

int tz_nl_helper_pid(struct tz_nl *nl)
{
	struct nl_msg *msg;
	int pid = -EIO, ret, fam;

	fam = resolve(nl);
	if (fam < 0)
		return fam;
	if (fam != nl->family)
		return 0;		/* the module was reloaded */
	msg = nlmsg_alloc();
	if (!msg)
		return -ENOMEM;
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, fam, 0, 0, TZ_CMD_STATS,
		    TZ_GENL_VERSION);
	ret = nl_send_auto(nl->ctl, msg);
	nlmsg_free(msg);
	if (ret < 0)
		return -EIO;
	nl_socket_modify_cb(nl->ctl, NL_CB_VALID, NL_CB_CUSTOM, on_stats, &pid);
	ret = nl_recvmsgs_default(nl->ctl);
	/*
	 * libnl asked for an ack too (auto-ack): read it, or the next request
	 * on this socket takes it for its own answer.
	 */
	if (ret >= 0)
		ret = nl_wait_for_ack(nl->ctl);
	nl_socket_modify_cb(nl->ctl, NL_CB_VALID, NL_CB_DEFAULT, NULL, NULL);
	if (ret < 0) {
		ctl_reset(nl);
		return -EIO;
	}
	return pid;
}

int tz_nl_process(struct tz_nl *nl)
{
	int ret = nl_recvmsgs_default(nl->sk);

	return ret < 0 ? -EIO : 0;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int handle_batch(struct tz_nl *nl, struct nlmsghdr *nlh)
{
	struct genlmsghdr *g = nlmsg_data(nlh);
	struct nl_msg *out;
	uint64_t id;
	unsigned int i;
	int n, ret;
	size_t size;

	/* Trusting nothing: lengths checked, at most what we declared. */
	n = tz_batch_parse(genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0),
			   nl->jobs, nl->o.max_pages, &id);
	if (n < 0) {
		warn("malformed batch from the kernel (or over %u pages): ignored",
		     nl->o.max_pages);
		return -EINVAL;
	}
	size = NLMSG_HDRLEN + GENL_HDRLEN + nla_total_size(8) +
	       n * nla_total_size(sizeof(struct tz_genl_rpage) + TZ_GENL_PAGE_SIZE);
	out = nlmsg_alloc_size(size + 4096);
	if (!out || !genlmsg_put(out, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, 0,
				 TZ_CMD_RESULT, TZ_GENL_VERSION) ||
	    nla_put_u64(out, TZ_A_BATCH_ID, id)) {
		err("out of memory for a result of %d pages", n);
		nlmsg_free(out);
		return -ENOMEM;
	}
	for (i = 0; i < (unsigned int)n; i++) {
		struct nlattr *r = nla_reserve(out, TZ_A_RPAGE,
			sizeof(struct tz_genl_rpage) + TZ_GENL_PAGE_SIZE);

		if (!r) {
			nlmsg_free(out);
			return -EMSGSIZE;
		}
		nl->jobs[i].dst = (uint8_t *)nla_data(r) + sizeof(struct tz_genl_rpage);
	}
	nl->o.backend->run(nl->o.backend, nl->jobs, n);
	for (i = 0; i < (unsigned int)n; i++) {
		struct tz_genl_rpage *r = (struct tz_genl_rpage *)
			(nl->jobs[i].dst - sizeof(struct tz_genl_rpage));
		uint32_t alg = nl->jobs[i].alg == TZ_ALG_LZ4 ? TZ_HF_ALG_LZ4 :
			       nl->jobs[i].alg == TZ_ALG_ZSTD ? TZ_HF_ALG_ZSTD : 0;

		/* Pages we did not declare we decode: refused, as a GPU would. */
		if (!(nl->o.flags & alg))
			nl->jobs[i].status = -EOPNOTSUPP;
		if (nl->o.test_fail_all)
			nl->jobs[i].status = -EIO;
		r->index = i;
		r->status = nl->jobs[i].status;
		if (nl->o.test_corrupt && !r->status)
			nl->jobs[i].dst[i % TZ_GENL_PAGE_SIZE] ^= 0x5a;
	}
	if (nl->o.test_delay_ms)
		sleep_ms(nl->o.test_delay_ms);
	ret = nl_send_auto(nl->sk, out);
	nlmsg_free(out);
	if (ret < 0) {
		err("sending a result of %d pages: %s", n, nl_geterror(ret));
		return -EIO;
	}
	nl->batches++;
	dbg("batch %llu: %d pages answered", (unsigned long long)id, n);
	return 0;
}
