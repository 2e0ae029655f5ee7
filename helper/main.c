// SPDX-License-Identifier: GPL-2.0
/*
 * tzram-helper - decompresses large read batches for tzram.ko, received
 * over generic netlink ("tzram" family, uapi/tzram_genl.h). The kernel
 * verifies every page it gets back and falls back to its own CPU path on
 * any problem, so this daemon can fail, stall or die at any time without
 * losing data.
 *
 *   tzram-helper [--backend auto|cpu|cuda] [--threads N] [--device N]
 *                [--algs lz4,zstd] [--max-pages N] [--no-mlock] [--verbose]
 *                [--test-corrupt] [--test-delay-ms N] [--test-fail-all]
 *                [--test-no-read] [--test-claim-mbps N]
 *
 * It must hold CAP_SYS_ADMIN (and CAP_NET_ADMIN) in the initial user
 * namespace: it sees the compressed contents of large reads of every
 * device (docs/GPU.md, "Trust model").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "helper.h"
#include "nl.h"
#include "tz_lz4.h"

int tz_verbose;
static int tz_journal;
static volatile sig_atomic_t tz_stop;

void tz_log(int prio, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (tz_journal)
		fprintf(stderr, "<%d>%s\n", prio, buf);
	else
		fprintf(stderr, "tzram-helper[%d]: %s\n", (int)getpid(), buf);
}

static void on_signal(int sig)
{
	(void)sig;
	tz_stop = 1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The backend's decode rate on 256 generated LZ4 pages, MB/s (advisory). */
static uint32_t measure(struct tz_backend *b)
{
	enum { N = 256 };
	static uint8_t pages[N][TZ_GENL_PAGE_SIZE], comp[N][TZ_LZ4_BOUND(TZ_GENL_PAGE_SIZE)];
	static uint8_t out[N][TZ_GENL_PAGE_SIZE];
	static struct tz_job jobs[N];
	static uint64_t work[TZ_LZ4_WORKMEM_SIZE / 8];
	uint32_t seed = 7;
	double t0, dt;
	int i, j, c, ok = 0;

	for (i = 0; i < N; i++) {
		for (j = 0; j < TZ_GENL_PAGE_SIZE; j++) {
			seed = seed * 1103515245 + 12345;
			pages[i][j] = (seed >> 28) ? "tzram page "[j % 11] : (uint8_t)(seed >> 16);
		}
		c = tz_lz4_compress(pages[i], TZ_GENL_PAGE_SIZE, comp[i], sizeof(comp[i]), work);
		jobs[i] = (struct tz_job){ comp[i], c > 0 ? (uint32_t)c : 0, TZ_ALG_LZ4, out[i], 0 };
	}
	b->run(b, jobs, N);	/* warm up (CUDA: context, first copies) */
	t0 = now_s();
	b->run(b, jobs, N);
	dt = now_s() - t0;
	for (i = 0; i < N; i++)
		ok += !jobs[i].status && !memcmp(out[i], pages[i], TZ_GENL_PAGE_SIZE);
	if (ok != N) {
		err("backend %s failed its self-check (%d/%d pages)", b->name, ok, N);
		return 0;
	}
	return dt > 0 ? (uint32_t)(N * TZ_GENL_PAGE_SIZE / dt / 1e6) : 1;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: tzram-helper [--backend auto|cpu|cuda] [--threads N] [--device N]\n"
		   "                    [--algs lz4,zstd] [--max-pages N] [--no-mlock] [--verbose]\n"
		   "                    [--test-corrupt] [--test-delay-ms N] [--test-fail-all]\n"
		   "                    [--test-no-read] [--test-claim-mbps N]\n");
}

/* "lz4,zstd" -> TZ_HF_ALG_* bits; 0 on anything else. */
static uint32_t parse_algs(const char *s)
{
	char buf[64], *tok, *save = NULL;
	uint32_t f = 0;

	if (strlen(s) >= sizeof(buf))
		return 0;
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "lz4"))
			f |= TZ_HF_ALG_LZ4;
		else if (!strcmp(tok, "zstd"))
			f |= TZ_HF_ALG_ZSTD;
		else
			return 0;
	}
	return f;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "backend", required_argument, NULL, 'b' },
		{ "threads", required_argument, NULL, 't' },
		{ "device", required_argument, NULL, 'd' },
		{ "no-mlock", no_argument, NULL, 'M' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "test-corrupt", no_argument, NULL, 'C' },
		{ "test-delay-ms", required_argument, NULL, 'D' },
		{ "test-fail-all", no_argument, NULL, 'F' },
		{ "test-no-read", no_argument, NULL, 'N' },
		{ "test-claim-mbps", required_argument, NULL, 'R' },
		{ "algs", required_argument, NULL, 'a' },
		{ "max-pages", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *backend = "auto";
	int threads = 0, device = 0, lock = 1, c, ret, registered = 0, last_err = 0;
	int no_read = 0, max_pages = TZ_GENL_MAX_PAGES;
	long claim = -1;
	uint32_t algs = 0;
	struct tz_nl_opts o = { 0 };
	struct sigaction sa = { 0 };
	struct tz_backend *b = NULL;
	struct tz_nl *nl;
	double next_check = 0;

	tz_journal = getenv("JOURNAL_STREAM") != NULL;
	while ((c = getopt_long(argc, argv, "b:t:d:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'b': backend = optarg; break;
		case 't': threads = atoi(optarg); break;
		case 'd': device = atoi(optarg); break;
		case 'M': lock = 0; break;
		case 'v': tz_verbose = 1; break;
		case 'C': o.test_corrupt = 1; break;
		case 'D': o.test_delay_ms = atoi(optarg); break;
		case 'F': o.test_fail_all = 1; break;
		case 'N': no_read = 1; break;
		case 'R': claim = atol(optarg); break;
		case 'P': max_pages = atoi(optarg); break;
		case 'a':
			algs = parse_algs(optarg);
			if (!algs) {
				err("--algs: a comma list of lz4, zstd");
				return 2;
			}
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc || o.test_delay_ms < 0 || max_pages < 1 ||
	    max_pages > TZ_GENL_MAX_PAGES || claim > UINT32_MAX) {
		usage(stderr);
		return 2;
	}
	/* Never wait on swap: the kernel may be reading swap through us. */
	if (lock && mlockall(MCL_CURRENT | MCL_FUTURE))
		warn("mlockall: %s (continuing unlocked)", strerror(errno));

	if (!strcmp(backend, "cuda") || !strcmp(backend, "auto")) {
		b = tz_backend_cuda(device);
		if (!b && !strcmp(backend, "cuda")) {
			err("cuda backend unavailable (%s)", tz_cuda_built() ?
			    "no usable GPU" : "built without CUDA");
			return 1;
		}
	}
	if (!b && strcmp(backend, "cuda")) {
		if (strcmp(backend, "cpu") && strcmp(backend, "auto")) {
			err("unknown backend '%s'", backend);
			return 2;
		}
		b = tz_backend_cpu(threads);
	}
	if (!b) {
		err("no backend");
		return 1;
	}
	o.backend = b;
	if (algs & ~b->algs) {
		err("--algs: backend %s does not decode all of them", b->name);
		return 2;
	}
	o.flags = (algs ? algs : b->algs) |
		  (o.test_corrupt || o.test_delay_ms || o.test_fail_all || no_read ||
		   claim >= 0 ? TZ_HF_TEST : 0);
	o.max_pages = max_pages;
	o.mbps = measure(b);
	if (!o.mbps)
		return 1;
	info("backend %s: %u MB/s on generated LZ4 pages%s%s%s%s", b->name, o.mbps,
	     o.test_corrupt ? " [TEST: corrupting every page]" : "",
	     o.test_delay_ms ? " [TEST: delaying replies]" : "",
	     o.test_fail_all ? " [TEST: failing every page]" : "",
	     no_read ? " [TEST: never reading batches]" : "");
	if (claim >= 0)
		o.mbps = (uint32_t)claim;	/* test: what it tells the kernel */

	sa.sa_handler = on_signal;	/* no SA_RESTART: poll() returns EINTR */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	nl = tz_nl_open(&o);
	if (!nl)
		return 1;
	while (!tz_stop) {
		struct pollfd pfd = { tz_nl_fd(nl), POLLIN, 0 };
		double t = now_s();

		/* (Re-)register when not the kernel's helper (start, module reload). */
		if (t >= next_check) {
			next_check = t + (registered ? 2.0 : 0.5);
			ret = registered ? tz_nl_helper_pid(nl) : 0;
			if (ret != getpid()) {
				if (registered)
					warn("no longer the registered helper: registering again");
				ret = tz_nl_register(nl);
				if (!ret) {
					info("registered with tzram.ko (pid %d)", (int)getpid());
					last_err = 0;
				} else if (ret != last_err) {
					warn("cannot register: %s%s", strerror(-ret),
					     ret == -ENOENT ? " (tzram.ko not loaded? retrying)" : "");
					last_err = ret;
				}
				registered = !ret;
			}
		}
		if (no_read) {		/* test: registered, deaf */
			poll(NULL, 0, 500);
			continue;
		}
		ret = poll(&pfd, 1, 500);
		if (ret > 0 && tz_nl_process(nl))
			warn("receiving: error (continuing)");
	}
	info("signal: unregistering after %lu batches", tz_nl_batches(nl));
	if (registered)
		tz_nl_unregister(nl);
	tz_nl_close(nl);
	b->fini(b);
	return 0;
}
