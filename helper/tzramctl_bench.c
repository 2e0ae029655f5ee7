// SPDX-License-Identifier: GPL-2.0
/*
 * tzramctl_bench.c - `tzramctl bench`: the codec part of the benchmark
 * (the engine of `make bench`, tests/userspace/bench/bench_core.c) on this
 * machine, so users can check tzram's codecs against liblz4/libzstd on
 * their own hardware. Needs no module and no root.
 *
 *   tzramctl bench [--corpus FILE] [--format text|json|html] [--pages N]
 *                  [--passes N] [--threads N] [--wall]
 *
 * Without --corpus it runs on deterministic synthetic pages (a mix of
 * text, records, pointers, zero/same-filled and random pages): ratios are
 * then those of that mix, not of real memory; a page dump (raw 4 KiB pages
 * or .zst) gives the real ones.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_core.h"
#include "corpus.h"

#include "tzramctl.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: tzramctl bench [--corpus FILE] [--format text|json|html] [--pages N]\n"
		"                      [--passes N] [--threads N] [--wall]\n"
		"  --corpus FILE   4 KiB pages, raw or .zst (default: %d synthetic pages)\n"
		"  --format        text (default), json (the `make bench` fields), html\n"
		"  --pages N       use at most N pages of the corpus (0: all)\n"
		"  --passes N      timed passes, the median is reported (default 3)\n"
		"  --threads N     all-cores run with N threads (0: every CPU, the default;\n"
		"                  1: single thread only)\n"
		"  --wall          wall-clock time (default: thread CPU time)\n", 4096);
}

int tzc_cmd_bench(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "corpus", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "pages", required_argument, NULL, 'n' },
		{ "passes", required_argument, NULL, 'p' },
		{ "threads", required_argument, NULL, 't' },
		{ "wall", no_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct tzb_opts o = { .passes = 3, .threads = 0, .latency = 1, .progress = stderr };
	const char *corpus = NULL, *format = "text";
	size_t np, maxp = 0;
	struct tzb_result *res;
	struct tzb_info in;
	unsigned char *pages;
	int c, n;

	optind = 1;
	while ((c = getopt_long(argc, argv, "c:f:n:p:t:wh", opts, NULL)) != -1) {
		switch (c) {
		case 'c': corpus = optarg; break;
		case 'f': format = optarg; break;
		case 'n': maxp = strtoul(optarg, NULL, 0); break;
		case 'p': o.passes = atoi(optarg); break;
		case 't': o.threads = atoi(optarg); break;
		case 'w': o.wall = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc || o.passes < 1 || o.threads < 0 ||
	    (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "html"))) {
		usage(stderr);
		return 2;
	}
	if (corpus) {
		np = tz_corpus_load(corpus, maxp, &pages);
		if (!np)
			return 1;
	} else {
		np = tzb_synth_pages(maxp ? maxp : 4096, &pages);
		corpus = "synthetic (tzramctl bench built-in mix)";
	}
	res = calloc(tzb_nresults_max, sizeof(*res));
	if (!res)
		return 1;
	fprintf(stderr, "tzramctl bench: %s: ", corpus);
	n = tzb_run_all(pages, np, &o, res, &in);
	if (n < 0)
		return 1;
	in.corpus = corpus;
	if (!strcmp(format, "json"))
		tzb_print_json(stdout, res, n, &in);
	else if (!strcmp(format, "html"))
		tzb_print_html(stdout, res, n, &in);
	else
		tzb_print_text(stdout, res, n, &in);
	free(pages);
	free(res);
	return fflush(stdout) ? 1 : 0;
}

#ifdef TZRAMCTL_BENCH_MAIN
/* Standalone build (tests): the subcommand alone. */
int main(int argc, char **argv)
{
	return tzc_cmd_bench(argc, argv);
}
#endif
