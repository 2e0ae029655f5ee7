// SPDX-License-Identifier: GPL-2.0
/*
 * bench_tag.c - the page tag report of `make bench`: what the GPU helper
 * path's per-page tag costs (kmod/gpu_csum.c, docs/GPU.md "Trust model"),
 * SipHash-2-4 under a 128-bit key beside the XXH64 it replaced, both the
 * kernel's own (lib/siphash.c, lib/xxhash.c built with the kernel's flags
 * in the kpeer object), over the corpus pages, in alternating passes so
 * that both see the same machine state. Thread CPU time (BENCH_WALL=1:
 * wall clock), the best pass of each.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include "bench_core.h"
#include "kpeer/kpeer.h"

#if defined(TZB_KPEER_612) || defined(TZB_KPEER_72)
#ifdef TZB_KPEER_612
#define TAG_XXH64 kpeer_612_xxh64_page
#define TAG_SIPHASH kpeer_612_siphash_page
#define TAG_VERSION kpeer_612_version
#else
#define TAG_XXH64 kpeer_72_xxh64_page
#define TAG_SIPHASH kpeer_72_siphash_page
#define TAG_VERSION kpeer_72_version
#endif

/* Where the hashes go, so that the compiler keeps every call. */
static volatile unsigned long long tag_sink;

static double tag_clock(int wall)
{
	struct timespec ts;

	clock_gettime(wall ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

void tzb_page_tag_report(FILE *f, const unsigned char *pages, size_t np,
			 int passes, int wall)
{
	static const uint64_t key[2] = { 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull };
	double best[2] = { 1e30, 1e30 }, t;
	size_t i, n = np < 8192 ? np : 8192;
	int p, k;

	if (!n)
		return;
	for (p = 0; p < passes + 1; p++) {	/* pass 0 warms up */
		for (k = 0; k < 2; k++) {
			t = tag_clock(wall);
			for (i = 0; i < n; i++)
				tag_sink += k ? TAG_SIPHASH(pages + i * 4096, key) :
						TAG_XXH64(pages + i * 4096);
			t = tag_clock(wall) - t;
			if (p && t < best[k])
				best[k] = t;
		}
	}
	fprintf(f, "\npage tag of the GPU helper path (kernel %s lib/xxhash.c, lib/siphash.c, "
		"kernel flags; %zu pages, best of %d passes, %s):\n", TAG_VERSION(), n, passes,
		wall ? "wall clock" : "thread CPU time");
	fprintf(f, "  xxh64 (unkeyed, before)    %7.0f ns/page  %5.2f GB/s\n",
		best[0] * 1e9 / n, n * 4096.0 / best[0] / 1e9);
	fprintf(f, "  siphash-2-4 (keyed, now)   %7.0f ns/page  %5.2f GB/s  (%.2fx xxh64)\n",
		best[1] * 1e9 / n, n * 4096.0 / best[1] / 1e9, best[1] / best[0]);
}
#else
void tzb_page_tag_report(FILE *f, const unsigned char *pages, size_t np,
			 int passes, int wall)
{
	(void)pages;
	(void)np;
	(void)passes;
	(void)wall;
	fprintf(f, "\npage tag report: not measured (%s)\n", tzb_kpeer_missing);
}
#endif
