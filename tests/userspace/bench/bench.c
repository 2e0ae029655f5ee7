// SPDX-License-Identifier: GPL-2.0
/*
 * bench.c - single-thread page codec benchmark: every 4 KiB page of the
 * corpus compressed on its own (as zram does), ours against the reference
 * libraries, median of several passes, pinned to one CPU.
 *
 *   bench [--passes N] [--pages N] [--json OUT] [--only NAME] CORPUS
 *
 * Codecs are rows of the table codecs[] below: add a row (and, if needed,
 * a state setup) to benchmark another codec or variant.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lz4.h>
#include "tz_lz4.h"
#include "tz_zstd.h"
#include <zstd.h>
#include "tz_samefill.h"
#include "corpus.h"

#define PAGE TZ_PAGE
#define HUGE_SIZE 3625	/* zsmalloc huge_class_size for 4 KiB pages */
#define SLOT (PAGE + PAGE / 255 + 64)	/* room for any page's output */

struct bench_codec {
	const char *codec;	/* JSON "codec" */
	const char *variant;	/* "scalar", "avx2", ... or "ref" for peers */
	int level;
	int tz_variant;		/* our variant (-1: not ours, always runs) */
	/* Per-codec state (work memory...); NULL setup: none. */
	void *(*setup)(const struct bench_codec *c);
	void (*teardown)(void *state);
	/* Return the output length, or < 0 on error (0 is an error too). */
	int (*compress)(void *state, const struct bench_codec *c, const void *src,
			unsigned int n, void *dst, unsigned int cap);
	int (*decompress)(void *state, const struct bench_codec *c, const void *src,
			  unsigned int n, void *dst, unsigned int cap);
};

/* ---- rows: tzram LZ4 ---------------------------------------------------- */
static void *tz_lz4_setup(const struct bench_codec *c)
{
	(void)c;
	return aligned_alloc(64, TZ_LZ4_WORKMEM_SIZE);
}

static int tz_lz4_c(void *st, const struct bench_codec *c, const void *src,
		    unsigned int n, void *dst, unsigned int cap)
{
	return tz_lz4_compress_v(c->tz_variant, src, n, dst, cap, st);
}

static int tz_lz4_d(void *st, const struct bench_codec *c, const void *src,
		    unsigned int n, void *dst, unsigned int cap)
{
	(void)st;
	return tz_lz4_decompress_v(c->tz_variant, src, n, dst, cap);
}

/* ---- rows: liblz4 ---------------------------------------------------- */
static int lz4_c(void *st, const struct bench_codec *c, const void *src,
		 unsigned int n, void *dst, unsigned int cap)
{
	(void)st;
	if (c->level == 1)
		return LZ4_compress_default(src, dst, n, cap);
	return LZ4_compress_fast(src, dst, n, cap, c->level);
}

static int lz4_d(void *st, const struct bench_codec *c, const void *src,
		 unsigned int n, void *dst, unsigned int cap)
{
	(void)st;
	(void)c;
	return LZ4_decompress_safe(src, dst, n, cap);
}

/* ---- rows: memcpy (the ceiling) -------------------------------------- */
static int copy_cd(void *st, const struct bench_codec *c, const void *src,
		   unsigned int n, void *dst, unsigned int cap)
{
	(void)st;
	(void)c;
	if (n > cap)
		return -1;
	memcpy(dst, src, n);
	return n;
}

/* ---- rows: tzram ZSTD and libzstd (reused contexts) -------------------- */
struct tz_zstd_state { void *cw, *dw; };

static void *tz_zstd_setup(const struct bench_codec *c)
{
	struct tz_zstd_state *s = malloc(sizeof(*s));

	(void)c;
	s->cw = aligned_alloc(64, TZ_ZSTD_CWORKMEM_SIZE);
	s->dw = aligned_alloc(64, TZ_ZSTD_DWORKMEM_SIZE);
	return s;
}

static void tz_zstd_teardown(void *st)
{
	struct tz_zstd_state *s = st;

	free(s->cw);
	free(s->dw);
	free(s);
}

static int tz_zstd_c(void *st, const struct bench_codec *c, const void *src,
		     unsigned int n, void *dst, unsigned int cap)
{
	return tz_zstd_compress_v(c->tz_variant, src, n, dst, cap, c->level,
				  ((struct tz_zstd_state *)st)->cw);
}

static int tz_zstd_d(void *st, const struct bench_codec *c, const void *src,
		     unsigned int n, void *dst, unsigned int cap)
{
	return tz_zstd_decompress_v(c->tz_variant, src, n, dst, cap,
				    ((struct tz_zstd_state *)st)->dw);
}

struct zstd_ref_state { ZSTD_CCtx *cc; ZSTD_DCtx *dc; };

static void *zstd_ref_setup(const struct bench_codec *c)
{
	struct zstd_ref_state *s = malloc(sizeof(*s));

	s->cc = ZSTD_createCCtx();
	s->dc = ZSTD_createDCtx();
	ZSTD_CCtx_setParameter(s->cc, ZSTD_c_compressionLevel, c->level);
	return s;
}

static void zstd_ref_teardown(void *st)
{
	struct zstd_ref_state *s = st;

	ZSTD_freeCCtx(s->cc);
	ZSTD_freeDCtx(s->dc);
	free(s);
}

static int zstd_ref_c(void *st, const struct bench_codec *c, const void *src,
		      unsigned int n, void *dst, unsigned int cap)
{
	size_t r = ZSTD_compress2(((struct zstd_ref_state *)st)->cc, dst, cap, src, n);

	(void)c;
	return ZSTD_isError(r) ? -1 : (int)r;
}

static int zstd_ref_d(void *st, const struct bench_codec *c, const void *src,
		      unsigned int n, void *dst, unsigned int cap)
{
	size_t r = ZSTD_decompressDCtx(((struct zstd_ref_state *)st)->dc, dst, cap, src, n);

	(void)c;
	return ZSTD_isError(r) ? -1 : (int)r;
}

static const struct bench_codec codecs[] = {
	{ "memcpy", "ref", 0, -1, NULL, NULL, copy_cd, copy_cd },
	{ "tzram-lz4", "scalar", 1, TZ_VARIANT_SCALAR, tz_lz4_setup, free, tz_lz4_c, tz_lz4_d },
	{ "tzram-lz4", "avx2", 1, TZ_VARIANT_AVX2, tz_lz4_setup, free, tz_lz4_c, tz_lz4_d },
	{ "tzram-lz4", "avx512", 1, TZ_VARIANT_AVX512, tz_lz4_setup, free, tz_lz4_c, tz_lz4_d },
	{ "tzram-lz4", "neon", 1, TZ_VARIANT_NEON, tz_lz4_setup, free, tz_lz4_c, tz_lz4_d },
	{ "liblz4-default", "ref", 1, -1, NULL, NULL, lz4_c, lz4_d },
	{ "liblz4-fast8", "ref", 8, -1, NULL, NULL, lz4_c, lz4_d },
	/* ZSTD rows go here: tzram-zstd (per variant), libzstd-1, libzstd-neg1. */
	{ "tzram-zstd", "scalar", 2, TZ_VARIANT_SCALAR, tz_zstd_setup, tz_zstd_teardown, tz_zstd_c, tz_zstd_d },
	{ "tzram-zstd", "avx2", 2, TZ_VARIANT_AVX2, tz_zstd_setup, tz_zstd_teardown, tz_zstd_c, tz_zstd_d },
	{ "tzram-zstd", "avx512", 2, TZ_VARIANT_AVX512, tz_zstd_setup, tz_zstd_teardown, tz_zstd_c, tz_zstd_d },
	{ "tzram-zstd", "neon", 2, TZ_VARIANT_NEON, tz_zstd_setup, tz_zstd_teardown, tz_zstd_c, tz_zstd_d },
	{ "tzram-zstd", "avx2", 1, TZ_VARIANT_AVX2, tz_zstd_setup, tz_zstd_teardown, tz_zstd_c, tz_zstd_d },
	{ "tzram-zstd", "avx2", 3, TZ_VARIANT_AVX2, tz_zstd_setup, tz_zstd_teardown, tz_zstd_c, tz_zstd_d },
	{ "libzstd-1", "ref", 1, -1, zstd_ref_setup, zstd_ref_teardown, zstd_ref_c, zstd_ref_d },
	{ "libzstd-neg1", "ref", -1, -1, zstd_ref_setup, zstd_ref_teardown, zstd_ref_c, zstd_ref_d },
};

/* ---- driver ------------------------------------------------------------ */
/*
 * Thread CPU time, not wall time: on a shared machine the time this thread
 * spends descheduled would otherwise count against whichever codec ran.
 * BENCH_WALL=1 selects CLOCK_MONOTONIC.
 */
static clockid_t bench_clock = CLOCK_THREAD_CPUTIME_ID;

static double now(void)
{
	struct timespec ts;

	clock_gettime(bench_clock, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n & 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct result {
	const struct bench_codec *c;
	double cgbps, dgbps, ratio, zram_ratio;
};

static int run(const struct bench_codec *c, const unsigned char *pages, size_t np,
	       const unsigned char *same, int passes, struct result *res)
{
	unsigned char *cbuf = malloc(np * SLOT), *out = malloc(PAGE * 2);
	int *clen = malloc(np * sizeof(int));
	double *tc = malloc(passes * sizeof(double)), *td = malloc(passes * sizeof(double));
	void *st = c->setup ? c->setup(c) : NULL;
	unsigned long long total = 0, zram = 0;
	size_t i;
	int p, r;

	if (!cbuf || !out || !clen || !tc || !td || (c->setup && !st)) {
		fprintf(stderr, "bench: out of memory\n");
		exit(2);
	}
	for (p = 0; p < passes; p++) {
		double t0 = now();

		for (i = 0; i < np; i++)
			clen[i] = c->compress(st, c, pages + i * PAGE, PAGE, cbuf + i * SLOT, SLOT);
		tc[p] = now() - t0;
	}
	for (i = 0; i < np; i++) {
		if (clen[i] <= 0) {
			fprintf(stderr, "bench: %s/%s: compress page %zu failed (%d)\n",
				c->codec, c->variant, i, clen[i]);
			return -1;
		}
		total += clen[i];
		zram += same[i] ? 0 : clen[i] >= HUGE_SIZE ? PAGE : clen[i];
		/* Check the round trip once, outside the timed loops. */
		r = c->decompress(st, c, cbuf + i * SLOT, clen[i], out, PAGE);
		if (r != PAGE || memcmp(out, pages + i * PAGE, PAGE)) {
			fprintf(stderr, "bench: %s/%s: page %zu does not round-trip\n",
				c->codec, c->variant, i);
			return -1;
		}
	}
	for (p = 0; p < passes; p++) {
		double t0 = now();

		for (i = 0; i < np; i++)
			c->decompress(st, c, cbuf + i * SLOT, clen[i], out, PAGE);
		td[p] = now() - t0;
	}
	res->c = c;
	res->cgbps = np * (double)PAGE / median(tc, passes) / 1e9;
	res->dgbps = np * (double)PAGE / median(td, passes) / 1e9;
	res->ratio = np * (double)PAGE / total;
	res->zram_ratio = zram ? np * (double)PAGE / zram : 0;
	if (c->teardown)
		c->teardown(st);
	free(cbuf);
	free(out);
	free(clen);
	free(tc);
	free(td);
	return 0;
}

static void pin_cpu(void)
{
	cpu_set_t set;
	int cpu = sched_getcpu();
	const char *e = getenv("BENCH_CPU");

	if (e)
		cpu = atoi(e);
	CPU_ZERO(&set);
	CPU_SET(cpu < 0 ? 0 : cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		perror("bench: sched_setaffinity (continuing unpinned)");
	else
		printf("pinned to CPU %d\n", cpu);
}

int main(int argc, char **argv)
{
	const char *path = NULL, *json = NULL, *only = NULL;
	size_t np, maxp = 0, i, nres = 0;
	int passes = 5, a;
	unsigned char *pages, *same;
	struct result res[ARRAY_SIZE(codecs)];
	const struct result *lz4ref = NULL;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--passes") && a + 1 < argc)
			passes = atoi(argv[++a]);
		else if (!strcmp(argv[a], "--pages") && a + 1 < argc)
			maxp = strtoul(argv[++a], NULL, 0);
		else if (!strcmp(argv[a], "--json") && a + 1 < argc)
			json = argv[++a];
		else if (!strcmp(argv[a], "--only") && a + 1 < argc)
			only = argv[++a];
		else
			path = argv[a];
	}
	if (!path || passes < 1) {
		fprintf(stderr, "usage: bench [--passes N] [--pages N] [--json OUT] [--only CODEC] CORPUS\n");
		return 2;
	}
	np = tz_corpus_load(path, maxp, &pages);
	if (!np)
		return 1;
	same = malloc(np);
	for (i = 0; i < np; i++) {
		unsigned long fill;

		same[i] = tz_same_filled_v(TZ_VARIANT_SCALAR, pages + i * PAGE, PAGE, &fill);
	}
	if (getenv("BENCH_WALL"))
		bench_clock = CLOCK_MONOTONIC;
	pin_cpu();
	printf("corpus %s: %zu pages, %d passes (median), %s time\n", path, np, passes,
	       bench_clock == CLOCK_MONOTONIC ? "wall" : "thread CPU");
	printf("%-16s %-8s %5s %10s %10s %7s %7s\n", "codec", "variant", "level",
	       "comp GB/s", "dec GB/s", "ratio", "zram");
	for (i = 0; i < ARRAY_SIZE(codecs); i++) {
		const struct bench_codec *c = &codecs[i];
		struct result *r = &res[nres];

		if (c->tz_variant >= 0 && !tz_variant_supported(c->tz_variant))
			continue;
		if (only && strcmp(only, c->codec) && strcmp(c->codec, "memcpy"))
			continue;
		if (run(c, pages, np, same, passes, r))
			return 1;
		nres++;
		if (!strcmp(c->codec, "liblz4-default"))
			lz4ref = r;
		printf("%-16s %-8s %5d %10.3f %10.3f %7.3f %7.3f\n", c->codec, c->variant,
		       c->level, r->cgbps, r->dgbps, r->ratio, r->zram_ratio);
		fflush(stdout);
	}
	if (lz4ref)
		for (i = 0; i < nres; i++)
			if (!strcmp(res[i].c->codec, "tzram-lz4"))
				printf("tzram-lz4/%s vs liblz4-default: compress %.2fx, decompress %.2fx, ratio %+.3f\n",
				       res[i].c->variant, res[i].cgbps / lz4ref->cgbps,
				       res[i].dgbps / lz4ref->dgbps, res[i].ratio - lz4ref->ratio);
	if (json) {
		FILE *f = fopen(json, "w");

		if (!f) {
			perror(json);
			return 1;
		}
		fprintf(f, "[\n");
		for (i = 0; i < nres; i++)
			fprintf(f, "  {\"codec\": \"%s\", \"variant\": \"%s\", \"level\": %d, "
				"\"compress_gbps\": %.4f, \"decompress_gbps\": %.4f, "
				"\"ratio\": %.4f, \"zram_ratio\": %.4f, \"pages\": %zu, \"passes\": %d}%s\n",
				res[i].c->codec, res[i].c->variant, res[i].c->level,
				res[i].cgbps, res[i].dgbps, res[i].ratio, res[i].zram_ratio,
				np, passes, i + 1 < nres ? "," : "");
		fprintf(f, "]\n");
		fclose(f);
		printf("wrote %s\n", json);
	}
	free(pages);
	free(same);
	return 0;
}
