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
 *   gpu_nltest netadmin    as uid 65534 with CAP_NET_ADMIN only: STATS
 *                          allowed, REGISTER/RESULT/UNREGISTER -EPERM
 *   gpu_nltest forge N     register, take a self-test batch of N LZ4 pages,
 *                          answer each with a forged page of the same
 *                          XXH64 (checked here); the self-test must still
 *                          verify (the kernel's tag catches every page)
 *   gpu_nltest portsteal   register on an explicit port, then close while
 *                          batches flow; an unprivileged socket binds the
 *                          freed port: it must receive no batch (run with
 *                          plants/slow-urelease.sh, which widens the window
 *                          between the port's release and the notifier)
 *   gpu_nltest pid         print the registered helper's pid (0: none)
 * Exit 0 when every check held; prints one line per check.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
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

/* REGISTER as a helper that decodes LZ4: 0 or -errno. */
static int register_helper(int fd)
{
	struct msg *m = msg_new(64, family, TZ_CMD_REGISTER);
	uint32_t flags = TZ_HF_ALG_LZ4 | TZ_HF_TEST;
	int r;

	put(m, TZ_A_FLAGS, &flags, 4);
	r = xfer(fd, m, NULL);
	free(m);
	return r;
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
	expect_ok("register as helper", register_helper(fd));
	expect("register without an algorithm", cmd(fd, TZ_CMD_REGISTER, NULL, 0), -EINVAL);
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

/* ---- netadmin: CAP_NET_ADMIN alone may read counters, not serve ---- */

static int t_netadmin(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct cap[2] = { { 0 } };
	struct msg *m;
	uint64_t id = 1;
	int fd;

	cap[0].effective = cap[0].permitted = 1u << CAP_NET_ADMIN;
	if (prctl(PR_SET_KEEPCAPS, 1) || setgroups(0, NULL) || setgid(65534) ||
	    setuid(65534) || syscall(SYS_capset, &hdr, cap)) {
		perror("dropping to uid 65534 with CAP_NET_ADMIN");
		return 2;
	}
	fd = nl_open(0);
	resolve(fd);
	expect_ok("STATS with CAP_NET_ADMIN only", stats_ok(fd));
	expect("REGISTER with CAP_NET_ADMIN only", register_helper(fd), -EPERM);
	cmd(fd, TZ_CMD_UNREGISTER, "UNREGISTER with CAP_NET_ADMIN only", -EPERM);
	m = msg_new(64, family, TZ_CMD_RESULT);
	put(m, TZ_A_BATCH_ID, &id, 8);
	expect("RESULT with CAP_NET_ADMIN only", xfer(fd, m, NULL), -EPERM);
	free(m);
	return fails ? 1 : 0;
}

/* ---- forge: pages with the XXH64 of the real ones ---- */

#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full
#define P3 0x165667B19E3779F9ull
#define P4 0x85EBCA77C2B2AE63ull

static uint64_t rotl(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);	/* little-endian host */
	return v;
}

static uint64_t xround(uint64_t acc, uint64_t in)
{
	return rotl(acc + in * P2, 31) * P1;
}

/* XXH64 with seed 0 of a 4096-byte page (a multiple of 32: no tail). */
static uint64_t xxh64_page(const uint8_t *p)
{
	uint64_t v[4] = { P1 + P2, P2, 0, -P1 }, h;
	int s, i;

	for (s = 0; s < TZ_GENL_PAGE_SIZE; s += 32)
		for (i = 0; i < 4; i++)
			v[i] = xround(v[i], rd64(p + s + 8 * i));
	h = rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18);
	for (i = 0; i < 4; i++)
		h = (h ^ xround(0, v[i])) * P1 + P4;
	h += TZ_GENL_PAGE_SIZE;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	return h ^ h >> 32;
}

static uint64_t inverse(uint64_t a)	/* a odd: a * x == 1 mod 2^64 */
{
	uint64_t x = a;
	int i;

	for (i = 0; i < 6; i++)
		x *= 2 - a * x;
	return x;
}

/*
 * out: page p with its first 32-byte stripe replaced by text and the
 * second chosen so that every lane's state after it is p's again: the
 * rest of the page, and so XXH64, are unchanged.
 */
static void forge(const uint8_t *p, uint8_t *out)
{
	uint64_t v[4] = { P1 + P2, P2, 0, -P1 }, ip1 = inverse(P1), ip2 = inverse(P2);
	int i;

	memcpy(out, p, TZ_GENL_PAGE_SIZE);
	memcpy(out, "FORGED by gpu_nltest: not yours", 32);
	for (i = 0; i < 4; i++) {
		uint64_t want = xround(xround(v[i], rd64(p + 8 * i)), rd64(p + 32 + 8 * i));
		uint64_t have = xround(v[i], rd64(out + 8 * i));
		uint64_t x = want * ip1, w;

		x = x >> 31 | x << 33;	/* rotr 31 */
		w = (x - have) * ip2;
		memcpy(out + 32 + 8 * i, &w, 8);
	}
}

/* An LZ4 block into at most cap bytes: its length, or -1. */
static int lz4_block(const uint8_t *s, size_t n, uint8_t *d, size_t cap)
{
	const uint8_t *e = s + n;
	size_t o = 0, lit, ml, off, k;
	unsigned int b;

	while (s < e) {
		unsigned int tok = *s++;

		lit = tok >> 4;
		if (lit == 15)
			do {
				if (s >= e)
					return -1;
				lit += b = *s++;
			} while (b == 255);
		if (lit > (size_t)(e - s) || lit > cap - o)
			return -1;
		memcpy(d + o, s, lit);
		s += lit;
		o += lit;
		if (s == e)
			break;
		if (e - s < 2)
			return -1;
		off = s[0] | s[1] << 8;
		s += 2;
		if (!off || off > o)
			return -1;
		ml = tok & 15;
		if (ml == 15)
			do {
				if (s >= e)
					return -1;
				ml += b = *s++;
			} while (b == 255);
		ml += 4;
		if (ml > cap - o)
			return -1;
		for (k = 0; k < ml; k++, o++)
			d[o] = d[o - off];
	}
	return (int)o;
}

static int t_forge(unsigned int n)
{
	int fd = nl_open(TZ_GENL_SOCKBUF), st, f, rem, forged = 0;
	static uint8_t page[TZ_GENL_PAGE_SIZE], fake[TZ_GENL_PAGE_SIZE];
	struct nlmsghdr *h = NULL;
	struct genlmsghdr *g;
	struct nlattr *a;
	struct msg *m;
	char arg[32];
	uint64_t id = 0;
	pid_t child;
	ssize_t r;

	resolve(fd);
	expect_ok("register as helper", register_helper(fd));
	snprintf(arg, sizeof(arg), "%u 5000", n);
	child = fork();
	if (!child) {
		f = open(SELFTEST, O_WRONLY);
		_exit(f < 0 || write(f, arg, strlen(arg)) != (ssize_t)strlen(arg) ? 1 : 0);
	}
	for (;;) {
		r = recv(fd, rbuf, sizeof(rbuf), 0);
		if (r < 0)
			break;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, r); h = NLMSG_NEXT(h, r))
			if (!on_batch_id(h, &id))
				goto got;
	}
	printf("FAIL: no batch\n");
	return 1;
got:
	m = msg_new(n * (TZ_GENL_PAGE_SIZE + 64) + 64, family, TZ_CMD_RESULT);
	put(m, TZ_A_BATCH_ID, &id, 8);
	g = NLMSG_DATA(h);
	a = (struct nlattr *)((char *)g + GENL_HDRLEN);
	rem = h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	for (; rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len), a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len))) {
		const struct tz_genl_page *p = (const void *)((char *)a + NLA_HDRLEN);
		struct tz_genl_rpage *rp;

		if (a->nla_type != TZ_A_PAGE || a->nla_len < NLA_HDRLEN + sizeof(*p) + p->clen)
			continue;
		if (p->alg != TZ_ALG_LZ4 ||
		    lz4_block((const uint8_t *)(p + 1), p->clen, page, sizeof(page)) !=
		    TZ_GENL_PAGE_SIZE) {
			printf("FAIL: page %u does not decode\n", p->index);
			fails++;
			continue;
		}
		forge(page, fake);
		if (!memcmp(page, fake, sizeof(page)) || xxh64_page(page) != xxh64_page(fake)) {
			printf("FAIL: page %u: forgery is not a collision\n", p->index);
			fails++;
			continue;
		}
		forged++;
		rp = put(m, TZ_A_RPAGE, NULL, sizeof(*rp) + TZ_GENL_PAGE_SIZE);
		rp->index = p->index;
		rp->status = 0;
		memcpy(rp + 1, fake, TZ_GENL_PAGE_SIZE);
	}
	printf("%s: %d of %u pages forged: different bytes, the same XXH64\n",
	       forged == (int)n ? "ok" : "FAIL", forged, n);
	fails += forged != (int)n;
	expect_ok("forged result accepted as well formed", xfer(fd, m, NULL));
	free(m);
	waitpid(child, &st, 0);
	printf("%s: the self-test verified every page (no forged page used)\n",
	       WIFEXITED(st) && !WEXITSTATUS(st) ? "ok" : "FAIL");
	fails += !(WIFEXITED(st) && !WEXITSTATUS(st));
	expect_ok("unregister", cmd(fd, TZ_CMD_UNREGISTER, NULL, 0));
	return fails ? 1 : 0;
}

/* ---- portsteal: a freed helper port must not receive batches ---- */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Bind port (spinning until it is free), then count batches for 4 s. */
static int steal(uint32_t port, double deadline)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_pid = port };
	struct timeval tv = { 0, 200000 };
	int fd, tries = 0, batches = 0;
	double end;

	if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
		return 2;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return 2;
	while (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		if (errno != EADDRINUSE || now_ms() > deadline) {
			printf("FAIL: port %u never free (%d tries): inconclusive\n", port, tries);
			return 3;
		}
		tries++;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for (end = now_ms() + 4000; now_ms() < end;) {
		ssize_t r = recv(fd, rbuf, sizeof(rbuf), 0);
		struct nlmsghdr *h;

		for (h = (struct nlmsghdr *)rbuf; r > 0 && NLMSG_OK(h, r); h = NLMSG_NEXT(h, r))
			if (h->nlmsg_type == family &&
			    ((struct genlmsghdr *)NLMSG_DATA(h))->cmd == TZ_CMD_BATCH)
				batches++;
	}
	printf("%s: uid 65534 bound the helper's port %u after %d tries; batches it received: %d\n",
	       batches ? "FAIL" : "ok", port, tries, batches);
	return batches ? 1 : 0;
}

static int t_portsteal(void)
{
	uint32_t port = 0x7a000000u | (getpid() & 0xffff);
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_pid = port };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC), st;
	double t0, dt;
	pid_t thief, load;

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("binding the helper's port");
		return 2;
	}
	resolve(fd);
	expect_ok("register as helper on an explicit port", register_helper(fd));
	/* The children must not hold the helper's socket open. */
	thief = fork();
	if (!thief) {
		close(fd);
		_exit(steal(port, now_ms() + 15000));
	}
	load = fork();
	if (!load) {	/* batches all along; each waits 300 ms at most */
		close(fd);
		for (t0 = now_ms(); now_ms() < t0 + 5000;) {
			int f = open(SELFTEST, O_WRONLY);

			if (f < 0 || write(f, "8 300", 5) != 5)
				_exit(1);
			close(f);
		}
		_exit(0);
	}
	usleep(400000);
	t0 = now_ms();
	close(fd);	/* the release runs here (task work before returning) */
	dt = now_ms() - t0;
	printf("%s: the helper socket's release took %.0f ms%s\n", dt >= 1000 ? "ok" : "FAIL",
	       dt, dt >= 1000 ? "" : " (plants/slow-urelease.sh not applied?)");
	fails += dt < 1000;
	waitpid(thief, &st, 0);
	fails += !WIFEXITED(st) || WEXITSTATUS(st);
	waitpid(load, &st, 0);
	printf("%s: self-tests during the release all verified\n",
	       WIFEXITED(st) && !WEXITSTATUS(st) ? "ok" : "FAIL");
	fails += !WIFEXITED(st) || WEXITSTATUS(st);
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
	if (argc == 2 && !strcmp(argv[1], "netadmin"))
		return t_netadmin();
	if (argc == 3 && !strcmp(argv[1], "forge"))
		return t_forge(atoi(argv[2]) > 0 && atoi(argv[2]) <= 64 ? atoi(argv[2]) : 16);
	if (argc == 2 && !strcmp(argv[1], "portsteal"))
		return t_portsteal();
	if (argc == 2 && !strcmp(argv[1], "pid")) {
		int fd = nl_open(0), p;

		resolve(fd);
		p = stats_ok(fd);
		printf("%d\n", p);
		return p < 0;
	}
	fprintf(stderr, "usage: gpu_nltest eperm|malformed|fakehelper|netadmin|forge N|portsteal|pid\n");
	return 2;
}
