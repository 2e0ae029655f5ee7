// SPDX-License-Identifier: GPL-2.0
/*
 * lz4_batch_test.c - differential test of the LZ4 batch calls: every job of
 * tz_lz4_compress_batch[_v] / tz_lz4_decompress_batch[_v] must give exactly
 * what the one-block call gives for it (return value and bytes), whatever
 * the number of jobs, their order, sizes, capacities and input (malformed
 * blocks included), and no batch call may write past a job's capacity.
 *
 *   lz4_batch_test synth [--variant V]
 *   lz4_batch_test corpus FILE [PAGES] [--variant V]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tz_lz4.h"
#include "corpus.h"
#include "test_variants.h"

#define FAIL(...) do { fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); exit(1); } while (0)

#define MAXJOBS 19
#define GUARD 64

static enum tz_variant variants[TZ_VARIANT_COUNT];
static int nvariants;
static unsigned long ncases;
static const char *part = "lz4-batch";
static unsigned long long rng = 0x2545f4914f6cdd1dULL;
static unsigned char wrk[TZ_LZ4_BATCH_WORKMEM_SIZE] __attribute__((aligned(64)));

static unsigned long long rnd(void)
{
	return tz_test_xorshift(&rng);
}

/* One test input: its bytes and a capacity for its output. */
struct item {
	const unsigned char *src;
	unsigned int len, cap;
};

static void check_guard(const unsigned char *p, unsigned int cap, const char *what, int k)
{
	int i;

	for (i = 0; i < GUARD; i++)
		if (p[cap + i] != 0xA5)
			FAIL("%s job %d wrote past capacity %u", what, k, cap);
}

/*
 * Compress items[0..n) as one batch and one by one with variant v; then
 * decompress the batch's outputs (and mangled copies) as one batch and one
 * by one. All results must match.
 */
static void check_batch(enum tz_variant v, const struct item *it, int n, int sections)
{
	static unsigned char out1[MAXJOBS][TZ_LZ4_BOUND(70000) + GUARD];
	static unsigned char outb[MAXJOBS][TZ_LZ4_BOUND(70000) + GUARD];
	static unsigned char dec1[MAXJOBS][70000 + GUARD], decb[MAXJOBS][70000 + GUARD];
	static unsigned char mang[MAXJOBS][TZ_LZ4_BOUND(70000)];
	struct tz_lz4_job jobs[MAXJOBS];
	int r1[MAXJOBS], intact[MAXJOBS], k, failed = 0, fb;

	for (k = 0; k < n; k++) {
		memset(out1[k], 0xA5, it[k].cap + GUARD);
		memset(outb[k], 0xA5, it[k].cap + GUARD);
		r1[k] = tz_lz4_compress_v(v, it[k].src, it[k].len, out1[k], it[k].cap, wrk);
		jobs[k] = (struct tz_lz4_job){ .src = it[k].src, .src_len = it[k].len,
					       .dst = outb[k], .dst_cap = it[k].cap, .ret = 12345 };
		failed += r1[k] < 0;
	}
	fb = sections ? tz_lz4_compress_batch(jobs, n, wrk) :
		tz_lz4_compress_batch_v(v, jobs, n, wrk);
	if (fb != failed)
		FAIL("%s compress batch of %d: %d failed, one by one %d", tz_variant_name(v),
		     n, fb, failed);
	for (k = 0; k < n; k++) {
		if (jobs[k].ret != r1[k] || (r1[k] > 0 && memcmp(outb[k], out1[k], r1[k])))
			FAIL("%s compress job %d/%d (len %u cap %u): batch %d, alone %d",
			     tz_variant_name(v), k, n, it[k].len, it[k].cap, jobs[k].ret, r1[k]);
		check_guard(outb[k], it[k].cap, "compress batch", k);
	}
	/* Decompress: the blocks, some truncated or with a byte flipped. */
	failed = 0;
	for (k = 0; k < n; k++) {
		unsigned int len = r1[k] > 0 ? r1[k] : 0, cap = it[k].len;
		const unsigned char *blk = out1[k];

		intact[k] = r1[k] > 0;
		switch (rnd() % 6) {
		case 0:		/* truncated */
			len = len ? rnd() % len : 0;
			intact[k] = 0;
			break;
		case 1:		/* a byte flipped */
			if (len) {
				memcpy(mang[k], out1[k], len);
				mang[k][rnd() % len] ^= 1 + rnd() % 255;
				blk = mang[k];
			}
			intact[k] = 0;
			break;
		case 2:		/* too small an output */
			cap = cap ? rnd() % cap : 0;
			intact[k] = 0;
			break;
		}
		memset(dec1[k], 0xA5, cap + GUARD);
		memset(decb[k], 0xA5, cap + GUARD);
		r1[k] = tz_lz4_decompress_v(v, blk, len, dec1[k], cap);
		jobs[k] = (struct tz_lz4_job){ .src = blk, .src_len = len, .dst = decb[k],
					       .dst_cap = cap, .ret = 12345 };
		failed += r1[k] < 0;
	}
	fb = sections ? tz_lz4_decompress_batch(jobs, n) :
		tz_lz4_decompress_batch_v(v, jobs, n);
	if (fb != failed)
		FAIL("%s decompress batch of %d: %d failed, one by one %d",
		     tz_variant_name(v), n, fb, failed);
	for (k = 0; k < n; k++) {
		if (jobs[k].ret != r1[k] || (r1[k] > 0 && memcmp(decb[k], dec1[k], r1[k])))
			FAIL("%s decompress job %d/%d: batch %d, alone %d", tz_variant_name(v),
			     k, n, jobs[k].ret, r1[k]);
		check_guard(decb[k], jobs[k].dst_cap, "decompress batch", k);
		/* An intact block round-trips. */
		if (intact[k] && (r1[k] != (int)it[k].len || memcmp(decb[k], it[k].src, r1[k])))
			FAIL("%s job %d does not round-trip", tz_variant_name(v), k);
	}
	ncases++;
}

/* A capacity: mostly the bound, sometimes tight or short. */
static unsigned int pick_cap(unsigned int len)
{
	switch (rnd() % 8) {
	case 0:
		return rnd() % (len + 2);
	case 1:
		return len / 2 + 1;
	default:
		return TZ_LZ4_BOUND(len);
	}
}

static void fill(unsigned char *p, unsigned int n)
{
	unsigned int i, kind = rnd() % 5;

	for (i = 0; i < n; i++) {
		switch (kind) {
		case 0: p[i] = 0; break;
		case 1: p[i] = rnd(); break;
		case 2: p[i] = 'a' + rnd() % 4; break;
		case 3: p[i] = i < 64 ? rnd() : p[i - 1 - rnd() % 64]; break;
		default: p[i] = "the page swap zram "[i % 19] ^ (rnd() % 16 == 0); break;
		}
	}
}

static int run_synth(void)
{
	static unsigned char data[MAXJOBS][70000];
	struct item it[MAXJOBS];
	int round, n, k, i;

	for (round = 0; round < 400; round++) {
		n = 1 + rnd() % MAXJOBS;
		for (k = 0; k < n; k++) {
			unsigned int len;

			switch (rnd() % 6) {
			case 0: len = rnd() % 40; break;		/* too short for a match */
			case 1: len = rnd() % 300; break;
			case 2: len = 65536 + rnd() % 4000; break;	/* u32 positions */
			default: len = 4096; break;
			}
			fill(data[k], len);
			it[k] = (struct item){ data[k], len, pick_cap(len) };
		}
		for (i = 0; i < nvariants; i++)
			check_batch(variants[i], it, n, round % 4 == 0);
	}
	for (i = 0; i < nvariants; i++)	/* an empty batch */
		if (tz_lz4_compress_batch_v(variants[i], NULL, 0, wrk) ||
		    tz_lz4_decompress_batch_v(variants[i], NULL, 0))
			FAIL("empty batch");
	printf("%s: %lu batches ok (%d variant%s)\n", part, ncases, nvariants,
	       nvariants > 1 ? "s" : "");
	return 0;
}

static int run_corpus(const char *path, size_t max_pages)
{
	unsigned char *buf;
	size_t np = tz_corpus_load(path, max_pages, &buf), p = 0;
	struct item it[MAXJOBS];
	int i, k, n;

	if (!np) {
		printf("%s: skipped: corpus %s absent\n", part, path);
		return 0;
	}
	while (p < np) {
		/* Mostly 8 pages a call (as zram would), sometimes 1..19. */
		n = rnd() % 4 ? 8 : 1 + rnd() % MAXJOBS;
		for (k = 0; k < n && p < np; k++, p++)
			it[k] = (struct item){ buf + p * TZ_PAGE, TZ_PAGE,
					       rnd() % 16 ? TZ_LZ4_BOUND(TZ_PAGE) :
					       pick_cap(TZ_PAGE) };
		for (i = 0; i < nvariants; i++)
			check_batch(variants[i], it, k, 0);
	}
	printf("%s: %zu pages, %lu batches ok (%d variant%s)\n", part, np, ncases,
	       nvariants, nvariants > 1 ? "s" : "");
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	const char *vname;

	/* "--variant V" may come anywhere after the mode. */
	vname = tz_test_take_variant(&argc, argv);
	if (argc < 2)
		goto usage;
	part = getenv("TZ_PART") ? getenv("TZ_PART") : part;
	nvariants = tz_test_pick_variants(part, vname, variants, 0);
	if (!strcmp(argv[1], "synth"))
		return run_synth();
	if (!strcmp(argv[1], "corpus") && argc >= 3)
		return run_corpus(argv[2], argc > 3 ? strtoul(argv[3], NULL, 0) : 0);
usage:
	fprintf(stderr, "usage: lz4_batch_test synth|corpus FILE [PAGES] [--variant V]\n");
	return 2;
}
