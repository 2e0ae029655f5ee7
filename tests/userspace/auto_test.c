// SPDX-License-Identifier: GPL-2.0
/*
 * auto_test.c - the "auto" algorithm's estimate and choice
 * (kmod/simd/tz_entropy.c, tz_auto_choice.h).
 *
 *   auto_test unit            log2 accuracy, entropy of known pages, choices
 *   auto_test corpus FILE [N [R]]  per-page estimate against real LZ4/ZSTD sizes
 *                             (R: every R-th page replaced by random bytes,
 *                             as encrypted or already compressed data):
 *                             stored bytes and compress CPU time of lz4, zstd
 *                             and auto (as the device stores them: objects of
 *                             TZ_HUGE bytes or more kept whole), and the
 *                             entropy histogram the thresholds come from.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "corpus.h"
#include "tz_auto_choice.h"
#include "tz_cpu.h"
#include "tz_lz4.h"
#include "tz_zstd.h"

/* zsmalloc's huge class on 4 KiB pages: objects this big are stored whole. */
#define TZ_HUGE 3264

static int failures;

#define CHECK(cond, ...) do { if (!(cond)) { failures++; \
	printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); \
	printf("\n"); } } while (0)

static u16 scratch[4 * 256];

static double est(const void *p)
{
	return tz_entropy_q8(p, TZ_PAGE, scratch) / 256.0;
}

static void unit(void)
{
	static unsigned char page[TZ_PAGE];
	unsigned int n, i;
	double h;

	for (n = 1; n <= 1u << 20; n += n / 7 + 1) {
		double got = tz_log2_q8(n) / 256.0;

		CHECK(fabs(got - log2(n)) < 0.09, "log2(%u): %f vs %f", n, got, log2(n));
	}
	memset(page, 0, sizeof(page));
	CHECK(est(page) == 0, "zero page: %f", est(page));
	CHECK(tz_auto_choose(tz_entropy_q8(page, TZ_PAGE, scratch)) == TZ_AUTO_LZ4,
	      "zero page not LZ4");
	srand(1);
	for (i = 0; i < TZ_PAGE; i++)
		page[i] = rand();
	h = est(page);
	CHECK(h > 7.5 && h <= 8.0, "random page: %f", h);
	CHECK(tz_auto_choose(tz_entropy_q8(page, TZ_PAGE, scratch)) == TZ_AUTO_RAW,
	      "random page not raw");
	for (i = 0; i < TZ_PAGE; i++)
		page[i] = "the quick brown fox jumps over the lazy dog "[i % 44];
	h = est(page);
	CHECK(h > 3.0 && h < 5.0, "text page: %f", h);
	CHECK(tz_auto_choose(tz_entropy_q8(page, TZ_PAGE, scratch)) == TZ_AUTO_ZSTD,
	      "text page not ZSTD");
	for (i = 0; i < TZ_PAGE; i++)
		page[i] = i & 1 ? 0 : 0xff;
	h = est(page);
	CHECK(fabs(h - 1.0) < 0.1, "two-value page: %f", h);
	/* Samples reach the whole page: one byte value per 512-byte part. */
	for (i = 0; i < TZ_PAGE; i++)
		page[i] = i / 512;
	CHECK(fabs(est(page) - 3.0) < 0.1, "8 regions: %f", est(page));
	printf("auto-unit: %s\n", failures ? "FAILED" : "ok");
}

static double cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static unsigned int stored(int len)
{
	return len > 0 && len < TZ_HUGE ? (unsigned int)len : TZ_PAGE;
}

static void corpus(const char *path, size_t max, unsigned int every)
{
	static unsigned char out[2 * TZ_PAGE], back[TZ_PAGE];
	enum tz_variant v = tz_variant_best();
	void *lw = aligned_alloc(64, TZ_LZ4_WORKMEM_SIZE);
	void *zw = aligned_alloc(64, TZ_ZSTD_CWORKMEM_SIZE);
	void *dw = aligned_alloc(64, TZ_ZSTD_DWORKMEM_SIZE);
	double t_l = 0, t_z = 0, t_a = 0, t_e = 0, t0;
	unsigned long long s_l = 0, s_z = 0, s_a = 0, in;
	unsigned long long bl[17] = {}, bz[17] = {}, bn[17] = {};
	unsigned long nc[TZ_AUTO_NR] = {};
	unsigned long long lost = 0;
	unsigned char *buf;
	size_t n, i;

	n = tz_corpus_load(path, max, &buf);
	if (!n) {
		printf("auto-corpus: skipped: corpus absent\n");
		return;
	}
	srand(2);
	for (i = 0; every && i < n; i += every)
		for (size_t j = 0; j < TZ_PAGE; j++)
			buf[i * TZ_PAGE + j] = rand();
	for (i = 0; i < n; i++) {
		const unsigned char *p = buf + i * TZ_PAGE;
		int l, z, a = 0;
		u32 h;
		enum tz_auto_choice c;

		t0 = cpu_ns();
		l = tz_lz4_compress_v(v, p, TZ_PAGE, out, TZ_HUGE, lw);
		t_l += cpu_ns() - t0;
		t0 = cpu_ns();
		z = tz_zstd_compress_v(v, p, TZ_PAGE, out, TZ_HUGE, TZ_ZSTD_LEVEL_DEFAULT, zw);
		t_z += cpu_ns() - t0;
		CHECK(z < 0 || tz_zstd_decompress_v(v, out, z, back, TZ_PAGE, dw) == TZ_PAGE,
		      "page %zu: zstd round trip", i);
		t0 = cpu_ns();
		h = tz_entropy_q8(p, TZ_PAGE, scratch);
		t_e += cpu_ns() - t0;
		c = tz_auto_choose(h);
		t0 = cpu_ns();
		if (c == TZ_AUTO_LZ4)
			a = tz_lz4_compress_v(v, p, TZ_PAGE, out, TZ_HUGE - 1, lw);
		else if (c == TZ_AUTO_ZSTD)
			a = tz_zstd_compress_v(v, p, TZ_PAGE, out, TZ_HUGE - 1,
					       TZ_ZSTD_LEVEL_DEFAULT, zw);
		t_a += cpu_ns() - t0;
		nc[c]++;
		if (c == TZ_AUTO_RAW && stored(z) < TZ_PAGE)
			lost += TZ_PAGE - stored(z);
		s_l += stored(l);
		s_z += stored(z);
		s_a += a > 0 ? stored(a + 1) : TZ_PAGE;	/* + the tag byte */
		bn[h / 128]++;
		bl[h / 128] += stored(l);
		bz[h / 128] += stored(z);
	}
	t_a += t_e;
	in = (unsigned long long)n * TZ_PAGE;
	printf("auto-corpus: %zu pages (%s), variant %s, level %d\n", n,
	       every ? "every R-th random" : "as is", tz_variant_name(v),
	       TZ_ZSTD_LEVEL_DEFAULT);
	printf("  %-6s %8s %10s\n", "codec", "ratio", "comp MB/s");
	printf("  %-6s %8.3f %10.0f\n", "lz4", (double)in / s_l, in / t_l * 1e3);
	printf("  %-6s %8.3f %10.0f\n", "zstd", (double)in / s_z, in / t_z * 1e3);
	printf("  %-6s %8.3f %10.0f\n", "auto", (double)in / s_a, in / t_a * 1e3);
	printf("  auto: %lu raw, %lu lz4, %lu zstd; estimate %.0f ns/page; "
	       "%llu bytes lost on raw pages zstd could shrink\n",
	       nc[TZ_AUTO_RAW], nc[TZ_AUTO_LZ4], nc[TZ_AUTO_ZSTD], t_e / n, lost);
	printf("  entropy (bits)  pages  lz4 B/page  zstd B/page\n");
	for (i = 0; i < 17; i++)
		if (bn[i])
			printf("  %4.1f-%-4.1f     %6llu  %10llu  %11llu\n", i / 2.0,
			       i / 2.0 + 0.5, bn[i], bl[i] / bn[i], bz[i] / bn[i]);
	CHECK(s_a <= s_l, "auto stores more than lz4");
	free(buf);
	free(lw);
	free(zw);
	free(dw);
}

int main(int argc, char **argv)
{
	tz_cpu_init();
	if (argc >= 2 && !strcmp(argv[1], "unit"))
		unit();
	else if (argc >= 3 && !strcmp(argv[1], "corpus"))
		corpus(argv[2], argc > 3 ? strtoul(argv[3], NULL, 0) : 0,
		       argc > 4 ? strtoul(argv[4], NULL, 0) : 0);
	else {
		fprintf(stderr, "usage: auto_test unit | corpus FILE [PAGES]\n");
		return 2;
	}
	return failures ? 1 : 0;
}
