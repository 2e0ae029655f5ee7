// SPDX-License-Identifier: GPL-2.0
/*
 * bench.c - `make bench`: the page codec benchmark (engine in bench_core.c)
 * on a corpus file, ours against liblz4, libzstd and memcpy.
 *
 *   bench [--passes N] [--pages N] [--threads N] [--no-latency] [--only CODEC[,CODEC...]]
 *         [--dict-size N] [--json OUT] [--md OUT] [--html OUT]
 *         [--gnuplot OUT.gp --png OUT.png] CORPUS
 *
 * --dict-size N (N > 0): train an N-byte dictionary (ZDICT) on every 8th
 * 16-page chunk, measure all rows on the other pages, and add the rows with
 * that dictionary (JSON field "dict": its bytes; 0 on the others).
 *
 * --threads: the all-cores run (0, the default: every CPU we may use; 1: none).
 * BENCH_WALL=1: wall clock instead of thread CPU time. BENCH_CPU=N: the CPU
 * the single-thread run is pinned to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_core.h"
#include "corpus.h"
#include "kpeer/kpeer.h"

static int write_report(const char *path, void (*pr)(FILE *, const struct tzb_result *, int,
							const struct tzb_info *),
			const struct tzb_result *r, int n, const struct tzb_info *in)
{
	FILE *f;

	if (!path)
		return 0;
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		return 1;
	}
	pr(f, r, n, in);
	if (fclose(f)) {
		perror(path);
		return 1;
	}
	printf("wrote %s\n", path);
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = NULL, *json = NULL, *md = NULL, *html = NULL, *gp = NULL, *png = NULL;
	struct tzb_opts o = { .passes = 5, .threads = 0, .latency = 1 };
	struct tzb_result *res;
	struct tzb_info in;
	unsigned char *pages;
	size_t np, maxp = 0;
	int a, n, err = 0;

#ifdef TZB_OURS_KFLAGS
	tzb_ours_build = TZB_OURS_KFLAGS_TEXT;
#endif
	for (a = 1; a < argc; a++) {
		const char *v = a + 1 < argc ? argv[a + 1] : NULL;

		if (!strcmp(argv[a], "--passes") && v)
			o.passes = atoi(argv[++a]);
		else if (!strcmp(argv[a], "--pages") && v)
			maxp = strtoul(argv[++a], NULL, 0);
		else if (!strcmp(argv[a], "--threads") && v)
			o.threads = atoi(argv[++a]);
		else if (!strcmp(argv[a], "--no-latency"))
			o.latency = 0;
		else if (!strcmp(argv[a], "--only") && v)
			o.only = argv[++a];
		else if (!strcmp(argv[a], "--dict-size") && v)
			o.dict_size = strtoul(argv[++a], NULL, 0);
		else if (!strcmp(argv[a], "--json") && v)
			json = argv[++a];
		else if (!strcmp(argv[a], "--md") && v)
			md = argv[++a];
		else if (!strcmp(argv[a], "--html") && v)
			html = argv[++a];
		else if (!strcmp(argv[a], "--gnuplot") && v)
			gp = argv[++a];
		else if (!strcmp(argv[a], "--png") && v)
			png = argv[++a];
		else if (argv[a][0] != '-' && !path)
			path = argv[a];
		else
			path = NULL, a = argc;
	}
	if (!path || o.passes < 1 || o.threads < 0 || (gp && !png)) {
		fprintf(stderr, "usage: bench [--passes N] [--pages N] [--threads N] [--no-latency] "
			"[--only CODEC[,CODEC...]] [--dict-size N] [--json OUT] [--md OUT] [--html OUT] "
			"[--gnuplot OUT.gp --png OUT.png] CORPUS\n");
		return 2;
	}
	o.wall = getenv("BENCH_WALL") && strcmp(getenv("BENCH_WALL"), "0");
	o.progress = stdout;
	np = tz_corpus_load(path, maxp, &pages);
	if (!np)
		return 1;
	res = calloc(tzb_nresults_max, sizeof(*res));
	if (!res)
		return 2;
	printf("corpus %s: ", path);
	n = tzb_run_all(pages, np, &o, res, &in);
	if (n < 0)
		return 1;
	in.corpus = path;
	printf("\n");
	tzb_print_text(stdout, res, n, &in);
	tzb_page_tag_report(stdout, pages, np, o.passes, o.wall);
	err |= write_report(json, tzb_print_json, res, n, &in);
	err |= write_report(md, tzb_print_md, res, n, &in);
	err |= write_report(html, tzb_print_html, res, n, &in);
	if (gp) {
		FILE *f = fopen(gp, "w");

		if (!f) {
			perror(gp);
			return 1;
		}
		tzb_print_gnuplot(f, res, n, &in, png);
		err |= fclose(f) != 0;
		printf("wrote %s\n", gp);
	}
	free(pages);
	free(res);
	return err;
}
