// SPDX-License-Identifier: GPL-2.0
/*
 * lz4_seqcost.c - `make bench-lz4-seqcost`: what one LZ4 sequence costs a
 * decoder, by match offset. Each 4 KiB block is made of identical
 * sequences (LIT literals, a match of ML bytes at offset OFF) after a
 * literal run long enough for OFF; blocks of one OFF are decoded 7 times
 * by ours (every variant this CPU runs), liblz4 and, when built in, the
 * kernel's lib/lz4 (kpeer), and the best time per sequence is printed.
 * Branches are perfectly predictable here, so what moves with OFF is the
 * match source read: an offset shorter than the last few sequences' output
 * reads bytes still in flight in the store queue (store-to-load
 * forwarding fails when the read spans several stores); docs/BENCHMARKS.md
 * 5.1.
 *
 *   lz4_seqcost [LIT [ML]]     (default 2 8; LIT <= 14, 4 <= ML <= 18)
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lz4.h>
#include "tz_lz4.h"
#include "kpeer/kpeer.h"

#define PAGE 4096
#define NBLK 512
#define REPS 7

static unsigned char blk[NBLK][PAGE + PAGE / 2];
static int blen[NBLK];
static unsigned char out[PAGE];
static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned int rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned int)rng;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

/* A block: max(off, 128) literals, then (lit, ml, off) sequences, last literals. */
static int make_block(unsigned char *p, unsigned int lit, unsigned int ml, unsigned int off,
		      int *nseq)
{
	unsigned char *const start = p;
	unsigned int first = off < 128 ? 128 : off, r, i, n = 0, outlen;

	*p++ = 0xF0 | (ml - 4);			/* first literals + one match */
	for (r = first - 15; r >= 255; r -= 255)
		*p++ = 255;
	*p++ = r;
	for (i = 0; i < first; i++)
		*p++ = rnd();
	*p++ = off & 255;
	*p++ = off >> 8;
	outlen = first + ml;
	while (outlen + lit + ml + 64 < PAGE) {
		*p++ = lit << 4 | (ml - 4);
		for (i = 0; i < lit; i++)
			*p++ = rnd();
		*p++ = off & 255;
		*p++ = off >> 8;
		outlen += lit + ml;
		n++;
	}
	r = PAGE - outlen;			/* last literals */
	*p++ = 0xF0;
	for (r -= 15; r >= 255; r -= 255)
		*p++ = 255;
	*p++ = r;
	for (i = 0; i < PAGE - outlen; i++)
		*p++ = rnd();
	*nseq = n + 1;
	return p - start;
}

/* Decoders: our variants 0..TZ_VARIANT_COUNT-1, then the peers. */
enum dec { LIBLZ4 = TZ_VARIANT_COUNT, KERNEL, NDEC };
#ifdef TZB_KPEER_612
#define KPEER_LZ4_BUILT 1
#else
#define KPEER_LZ4_BUILT 0
#endif

static int decode(int d, const unsigned char *s, int n)
{
	if (d < TZ_VARIANT_COUNT)
		return tz_lz4_decompress_v(d, s, n, out, PAGE);
	if (d == LIBLZ4)
		return LZ4_decompress_safe((const char *)s, (char *)out, n, PAGE);
#ifdef TZB_KPEER_612
	return kpeer_612_lz4_decompress(s, n, out, PAGE);
#else
	return -1;
#endif
}

int main(int argc, char **argv)
{
	static const unsigned int offs[] = { 1, 4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 64, 96,
					     128, 256, 1024 };
	const unsigned int lit = argc > 1 ? atoi(argv[1]) : 2, ml = argc > 2 ? atoi(argv[2]) : 8;
	int d, k, r, nseq = 0;
	size_t o;
	cpu_set_t set;

	if (lit > 14 || ml < 4 || ml > 18) {
		fprintf(stderr, "usage: lz4_seqcost [LIT (0..14) [ML (4..18)]]\n");
		return 2;
	}
	CPU_ZERO(&set);
	CPU_SET(getenv("BENCH_CPU") ? atoi(getenv("BENCH_CPU")) : sched_getcpu(), &set);
	sched_setaffinity(0, sizeof(set), &set);
	printf("ns per sequence (best of %d), blocks of %u literals + %u-byte match at each offset\n",
	       REPS, lit, ml);
	printf("| offset |");
	for (d = 0; d < NDEC; d++)
		if (d < TZ_VARIANT_COUNT ? tz_variant_supported(d) :
		    d == LIBLZ4 || KPEER_LZ4_BUILT)
			printf(" %s |", d < TZ_VARIANT_COUNT ? tz_variant_name(d) :
			       d == LIBLZ4 ? "liblz4" : "kernel-lz4");
	printf("\n");
	for (o = 0; o < sizeof(offs) / sizeof(offs[0]); o++) {
		for (k = 0; k < NBLK; k++)
			blen[k] = make_block(blk[k], lit, ml, offs[o], &nseq);
		printf("| %u |", offs[o]);
		for (d = 0; d < NDEC; d++) {
			double best = 1e9;

			if (d < TZ_VARIANT_COUNT ? !tz_variant_supported(d) :
			    d == KERNEL && !KPEER_LZ4_BUILT)
				continue;
			if (decode(d, blk[0], blen[0]) != PAGE)
				return fprintf(stderr, "decoder %d rejects the block\n", d), 1;
			for (r = 0; r < REPS; r++) {
				double t0 = now(), t;

				for (k = 0; k < NBLK; k++)
					decode(d, blk[k], blen[k]);
				t = now() - t0;
				best = t < best ? t : best;
			}
			printf(" %.2f |", best * 1e9 / NBLK / nseq);
		}
		printf("\n");
	}
	return 0;
}
