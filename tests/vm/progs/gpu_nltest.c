// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_nltest - raw generic netlink tests of tzram's "tzram" family (no
 * libnl: a static binary for the test guest).
 *   gpu_nltest eperm       as uid/gid 65534: every command gets -EPERM
 *   gpu_nltest malformed   bad attributes, lengths, commands, oversized
 *                          messages: each refused with an error
 *   gpu_nltest fakehelper  register, trigger a self-test batch (debugfs),
 *                          answer it with a malformed result (refused; the
 *                          batch falls back to the CPU and stays correct),
 *                          answer an unknown batch (-ENOENT), unregister
 *   gpu_nltest pid         print the registered helper's pid (0: none)
 * Exit 0 when every check held; prints one line per check.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include "../../../uapi/tzram_genl.h"

#define SELFTEST "/sys/kernel/debug/tzram-gpu/selftest"

static int fails;
static unsigned int seq = 1;
static int family;

struct msg {
	struct nlmsghdr n;
	struct genlmsghdr g;
	char buf[];
};

static struct msg *msg_new(size_t cap, int type, int cmd)
{
	struct msg *m = calloc(1, sizeof(*m) + cap);

	if (!m)
		exit(2);
	m->n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	m->n.nlmsg_type = type;
	m->n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	m->n.nlmsg_seq = seq++;
	m->g.cmd = cmd;
	m->g.version = TZ_GENL_VERSION;
	return m;
}

/* Append an attribute with len payload bytes (data may be NULL: zeros). */
static void *put(struct msg *m, int type, const void *data, size_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)m + NLMSG_ALIGN(m->n.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (data)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	else
		memset((char *)a + NLA_HDRLEN, 0, len);
	m->n.nlmsg_len = NLMSG_ALIGN(m->n.nlmsg_len) + NLA_ALIGN(a->nla_len);
	return (char *)a + NLA_HDRLEN;
}

static int nl_open(int bufsz)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("netlink socket");
		exit(2);
	}
	if (bufsz) {
		setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &bufsz, sizeof(bufsz));
		setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bufsz, sizeof(bufsz));
	}
	return fd;
}

static char rbuf[1 << 22];

/* Send m; wait for its ack; 0 or -errno (send errors too). reply: data. */
static int xfer(int fd, struct msg *m, int (*on_reply)(struct nlmsghdr *))
{
	unsigned int want = m->n.nlmsg_seq;

	if (send(fd, m, m->n.nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		ssize_t r = recv(fd, rbuf, sizeof(rbuf), 0);
		struct nlmsghdr *h;

		if (r < 0)
			return -errno;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, r); h = NLMSG_NEXT(h, r)) {
			if (h->nlmsg_seq != want)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			if (on_reply)
				on_reply(h);
		}
	}
}

static int on_family(struct nlmsghdr *h)
{
	struct genlmsghdr *g = NLMSG_DATA(h);
	struct nlattr *a = (struct nlattr *)((char *)g + GENL_HDRLEN);
	int rem = h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			family = *(unsigned short *)((char *)a + NLA_HDRLEN);
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return 0;
}

static void resolve(int fd)
{
	struct msg *m = msg_new(64, GENL_ID_CTRL, CTRL_CMD_GETFAMILY);

	m->g.version = 1;
	put(m, CTRL_ATTR_FAMILY_NAME, TZ_GENL_NAME, sizeof(TZ_GENL_NAME));
	if (xfer(fd, m, on_family) || !family) {
		fprintf(stderr, "family %s not found (tzram.ko loaded?)\n", TZ_GENL_NAME);
		exit(2);
	}
	free(m);
}

static void expect(const char *what, int got, int want)
{
	int good = want ? got == want : got < 0;

	printf("%s: %s: got %d (%s)%s\n", good ? "ok" : "FAIL", what, got,
	       got ? strerror(-got) : "success", good ? "" : " (want an error)");
	if (!good)
		fails++;
}

static void expect_ok(const char *what, int got)
{
	printf("%s: %s: got %d%s\n", got >= 0 ? "ok" : "FAIL", what, got,
	       got >= 0 ? "" : " (want success)");
	if (got < 0)
		fails++;
}

static int cmd(int fd, int c, const char *what, int want)
{
	struct msg *m = msg_new(64, family, c);
	int r = xfer(fd, m, NULL);

	free(m);
	if (what)
		expect(what, r, want);
	return r;
}

static int helper_pid;
static int on_stats(struct nlmsghdr *h)
{
	struct genlmsghdr *g = NLMSG_DATA(h);
	struct nlattr *a = (struct nlattr *)((char *)g + GENL_HDRLEN);
	int rem = h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
		if (a->nla_type == TZ_A_HELPER_PID)
			helper_pid = *(int *)((char *)a + NLA_HDRLEN);
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return 0;
}

static int stats_ok(int fd)
{
	struct msg *m = msg_new(64, family, TZ_CMD_STATS);
	int r;

	helper_pid = -1;
	r = xfer(fd, m, on_stats);
	free(m);
	return r ? r : helper_pid;
}

static int t_eperm(void)
{
	int fd;

	if (setgid(65534) || setuid(65534)) {
		perror("setuid 65534");
		return 2;
	}
	fd = nl_open(0);
	resolve(fd);	/* the controller answers anyone */
	cmd(fd, TZ_CMD_STATS, "unprivileged STATS", -EPERM);
	cmd(fd, TZ_CMD_REGISTER, "unprivileged REGISTER", -EPERM);
	cmd(fd, TZ_CMD_UNREGISTER, "unprivileged UNREGISTER", -EPERM);
	cmd(fd, TZ_CMD_RESULT, "unprivileged RESULT", -EPERM);
	return fails ? 1 : 0;
}

static int t_malformed(void)
{
	int fd = nl_open(TZ_GENL_SOCKBUF), small = nl_open(0), r;
	uint32_t u = 1;
	struct msg *m;
	char name[64];
	size_t i, big;

	resolve(fd);
	m = msg_new(64, family, TZ_CMD_STATS);
	put(m, 200, &u, 4);
	expect("unknown attribute type 200", xfer(fd, m, NULL), 0);
	free(m);

	m = msg_new(128, family, TZ_CMD_REGISTER);
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	put(m, TZ_A_BACKEND, name, sizeof(name));
	expect("backend name longer than its limit", xfer(fd, m, NULL), 0);
	free(m);

	m = msg_new(64, family, TZ_CMD_REGISTER);
	put(m, TZ_A_BACKEND, "cpu", 3);		/* no NUL */
	expect("backend name without NUL", xfer(fd, m, NULL), 0);
	free(m);

	m = msg_new(64, family, TZ_CMD_REGISTER);
	put(m, TZ_A_FLAGS, &u, 2);
	expect("u32 attribute of 2 bytes", xfer(fd, m, NULL), 0);
	free(m);

	m = msg_new(64, family, TZ_CMD_REGISTER);
	u = TZ_GENL_MAX_PAGES + 1;
	put(m, TZ_A_NPAGES, &u, 4);
	expect("npages above TZ_GENL_MAX_PAGES", xfer(fd, m, NULL), 0);
	free(m);

	m = msg_new(64, family, TZ_CMD_STATS);
	put(m, TZ_A_FLAGS, &u, 4);
	((struct nlattr *)m->buf)->nla_len = 60;	/* runs past the message */
	expect("attribute longer than the message", xfer(fd, m, NULL), 0);
	free(m);

	m = msg_new(64, family, TZ_CMD_RESULT);
	expect("result without batch id", xfer(fd, m, NULL), -EINVAL);
	free(m);

	m = msg_new(64, family, TZ_CMD_RESULT);
	put(m, TZ_A_PAGE, NULL, 16);
	expect("kernel-only attribute TZ_A_PAGE", xfer(fd, m, NULL), 0);
	free(m);

	m = msg_new(8192, family, TZ_CMD_RESULT);
	put(m, TZ_A_BATCH_ID, NULL, 8);
	put(m, TZ_A_RPAGE, NULL, sizeof(struct tz_genl_rpage) + TZ_GENL_PAGE_SIZE + 1);
	expect("page record over its limit", xfer(fd, m, NULL), 0);
	free(m);

	m = msg_new(64, family, TZ_CMD_RESULT);
	put(m, TZ_A_BATCH_ID, NULL, 8);
	expect("result from a socket that is not the helper", xfer(fd, m, NULL), -EACCES);
	free(m);

	cmd(fd, TZ_CMD_BATCH, "BATCH from userspace", -EOPNOTSUPP);
	cmd(fd, 99, "unknown command 99", -EOPNOTSUPP);
	cmd(fd, TZ_CMD_UNREGISTER, "unregister when not the helper", -ENOENT);

	m = msg_new(64, family, TZ_CMD_STATS);
	m->g.reserved = 7;
	expect("reserved genl header bytes set", xfer(fd, m, NULL), 0);
	free(m);

	/* Oversized: 1 MiB on a default socket, 6 MiB with forced buffers. */
	big = 6u << 20;
	m = msg_new(big + 65536, family, TZ_CMD_RESULT);
	put(m, TZ_A_BATCH_ID, NULL, 8);
	for (i = 0; m->n.nlmsg_len < (1u << 20); i++)
		put(m, TZ_A_RPAGE, NULL, sizeof(struct tz_genl_rpage) + TZ_GENL_PAGE_SIZE);
	r = xfer(small, m, NULL);
	expect("1 MiB message on a default socket", r, 0);
	while (m->n.nlmsg_len < big)
		put(m, TZ_A_RPAGE, NULL, sizeof(struct tz_genl_rpage) + TZ_GENL_PAGE_SIZE);
	expect("6 MiB result (not the helper)", xfer(fd, m, NULL), 0);
	free(m);

	/* Still healthy: the family answers. */
	expect_ok("STATS afterwards (family healthy)", stats_ok(fd));
	return fails ? 1 : 0;
}

static int on_batch_id(struct nlmsghdr *h, uint64_t *id)
{
	struct genlmsghdr *g = NLMSG_DATA(h);
	struct nlattr *a = (struct nlattr *)((char *)g + GENL_HDRLEN);
	int rem = h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	if (h->nlmsg_type != family || g->cmd != TZ_CMD_BATCH)
		return -1;
	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
		if (a->nla_type == TZ_A_BATCH_ID) {
			memcpy(id, (char *)a + NLA_HDRLEN, 8);
			return 0;
		}
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return -1;
}

static int t_fakehelper(void)
{
	int fd = nl_open(TZ_GENL_SOCKBUF), st, f;
	struct tz_genl_rpage rp = { 0, 0 };
	uint64_t id = 0, bogus = ~0ull;
	struct msg *m;
	pid_t child;
	ssize_t r;

	resolve(fd);
	expect_ok("register as helper", cmd(fd, TZ_CMD_REGISTER, NULL, 0));
	child = fork();
	if (!child) {
		f = open(SELFTEST, O_WRONLY);
		_exit(f < 0 || write(f, "8 3000", 6) != 6 ? 1 : 0);
	}
	/* Wait for the batch. */
	for (;;) {
		struct nlmsghdr *h;

		r = recv(fd, rbuf, sizeof(rbuf), 0);
		if (r < 0)
			break;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, r); h = NLMSG_NEXT(h, r))
			if (!on_batch_id(h, &id))
				goto got;
	}
got:
	printf("%s: batch %llu received\n", id ? "ok" : "FAIL", (unsigned long long)id);
	fails += !id;
	m = msg_new(4 * TZ_GENL_PAGE_SIZE, family, TZ_CMD_RESULT);
	put(m, TZ_A_BATCH_ID, &id, 8);
	put(m, TZ_A_RPAGE, &rp, sizeof(rp));	/* status 0 but no page */
	expect("result with a short page record", xfer(fd, m, NULL), -EINVAL);
	free(m);
	waitpid(child, &st, 0);
	printf("%s: the batch fell back to the CPU and verified\n",
	       WIFEXITED(st) && !WEXITSTATUS(st) ? "ok" : "FAIL");
	fails += !(WIFEXITED(st) && !WEXITSTATUS(st));
	m = msg_new(64, family, TZ_CMD_RESULT);
	put(m, TZ_A_BATCH_ID, &bogus, 8);
	expect("result for an unknown batch", xfer(fd, m, NULL), -ENOENT);
	free(m);
	expect_ok("unregister", cmd(fd, TZ_CMD_UNREGISTER, NULL, 0));
	return fails ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "eperm"))
		return t_eperm();
	if (argc == 2 && !strcmp(argv[1], "malformed"))
		return t_malformed();
	if (argc == 2 && !strcmp(argv[1], "fakehelper"))
		return t_fakehelper();
	if (argc == 2 && !strcmp(argv[1], "pid")) {
		int fd = nl_open(0), p;

		resolve(fd);
		p = stats_ok(fd);
		printf("%d\n", p);
		return p < 0;
	}
	fprintf(stderr, "usage: gpu_nltest eperm|malformed|fakehelper|pid\n");
	return 2;
}
