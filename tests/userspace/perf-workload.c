// SPDX-License-Identifier: GPL-2.0
/*
 * perf-workload.c - the fixed small workloads of the performance guard
 * (tests/userspace/perf-guard.sh): counted in instructions under
 * valgrind's callgrind, which is deterministic where timings are not.
 *
 *   perf-workload lz4|zstd|zstd3|samefill scalar|avx2|avx512|neon
 *
 * Each workload runs inside one function, perf_run_<name>(), so callgrind
 * (--toggle-collect) counts that work and nothing else: not the setup, not
 * the page generation, not libc start-up. Exit 0 after checking the round
 * trips; 3 when this CPU (or valgrind's) lacks the variant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tz_cpu.h"
#include "tz_lz4.h"
#include "tz_zstd.h"
#include "tz_samefill.h"
#include "bench_core.h"

#define NPAGES 64
#define PAGE TZB_PAGE
#define SLOT (PAGE + PAGE / 255 + 64)

static unsigned char cbuf[NPAGES][SLOT], out[PAGE];
static int clen[NPAGES];

/* Compress and decompress every page; returns the number of bad round trips. */
static noinline int perf_run_lz4(int v, const unsigned char *pages, void *wm)
{
	int i, bad = 0;

	for (i = 0; i < NPAGES; i++)
		clen[i] = tz_lz4_compress_v(v, pages + i * PAGE, PAGE, cbuf[i], SLOT, wm);
	for (i = 0; i < NPAGES; i++)
		bad += tz_lz4_decompress_v(v, cbuf[i], clen[i], out, PAGE) != PAGE ||
		       memcmp(out, pages + i * PAGE, PAGE);
	return bad;
}

/* Level 2 (the module's default) or 3 (through perf_run_zstd3). */
static noinline int perf_run_zstd(int v, const unsigned char *pages,
					      void *cw, void *dw, int level)
{
	int i, bad = 0;

	for (i = 0; i < NPAGES; i++)
		clen[i] = tz_zstd_compress_v(v, pages + i * PAGE, PAGE, cbuf[i], SLOT, level, cw);
	for (i = 0; i < NPAGES; i++)
		bad += tz_zstd_decompress_v(v, cbuf[i], clen[i], out, PAGE, dw) != PAGE ||
		       memcmp(out, pages + i * PAGE, PAGE);
	return bad;
}

/* Level 3's lazy parse (its own function: perf-guard counts inside perf_run_NAME). */
static noinline int perf_run_zstd3(int v, const unsigned char *pages, void *cw, void *dw)
{
	return perf_run_zstd(v, pages, cw, dw, 3);
}

/* The same-fill detector on every page, 16 times (it is cheap). */
static noinline int perf_run_samefill(int v, const unsigned char *pages)
{
	unsigned long fill;
	int i, r, same = 0;

	for (r = 0; r < 16; r++)
		for (i = 0; i < NPAGES; i++)
			same += tz_same_filled_v(v, pages + i * PAGE, PAGE, &fill);
	/* The synthetic mix has 2 same-filled pages in 8. */
	return same != 16 * NPAGES / 4;
}

int main(int argc, char **argv)
{
	unsigned char *pages;
	int v, bad;

	if (argc != 3) {
		fprintf(stderr, "usage: perf-workload lz4|zstd|zstd3|samefill scalar|avx2|avx512|neon\n");
		return 2;
	}
	v = tz_variant_parse(argv[2]);
	if (v < 0) {
		fprintf(stderr, "perf-workload: unknown variant %s\n", argv[2]);
		return 2;
	}
	if (!tz_variant_supported(v)) {
		printf("perf-workload: %s not supported here\n", argv[2]);
		return 3;
	}
	tzb_synth_pages(NPAGES, &pages);
	if (!strcmp(argv[1], "lz4")) {
		void *wm = aligned_alloc(64, TZ_LZ4_WORKMEM_SIZE);

		bad = perf_run_lz4(v, pages, wm);
		free(wm);
	} else if (!strcmp(argv[1], "zstd") || !strcmp(argv[1], "zstd3")) {
		void *cw = aligned_alloc(64, TZ_ZSTD_CWORKMEM_SIZE);
		void *dw = aligned_alloc(64, TZ_ZSTD_DWORKMEM_SIZE);

		bad = strcmp(argv[1], "zstd3") ? perf_run_zstd(v, pages, cw, dw, 2) :
						  perf_run_zstd3(v, pages, cw, dw);
		free(cw);
		free(dw);
	} else if (!strcmp(argv[1], "samefill")) {
		bad = perf_run_samefill(v, pages);
	} else {
		fprintf(stderr, "perf-workload: unknown workload %s\n", argv[1]);
		return 2;
	}
	free(pages);
	if (bad)
		fprintf(stderr, "perf-workload: %s/%s: %d wrong results\n", argv[1], argv[2], bad);
	return bad ? 1 : 0;
}
