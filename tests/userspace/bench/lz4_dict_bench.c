// SPDX-License-Identifier: GPL-2.0
/*
 * lz4_dict_bench.c - `make bench-lz4-dict`: tzram-lz4 with a raw-content
 * dictionary against itself without one and against liblz4 with the same
 * dictionary, on the page corpus the way issue 16 measures it: the
 * dictionary is trained on every 8th 16-page chunk by the trainer of
 * `tzramctl dict train` and `make bench` (dict_train.c; its content's
 * last 64 KiB: a raw LZ4 dictionary), the other 7/8 are measured.
 *
 *   lz4_dict_bench [--passes N] [--size BYTES] CORPUS
 *
 * Every page compressed on its own into its own slot, decompressed into
 * one page buffer; single thread pinned (BENCH_CPU or the current CPU),
 * thread CPU time, rows round-robin in every pass, median [min-max].
 * liblz4 starts each page from a copy of one LZ4_loadDict()ed stream (its
 * hash table prepared once, as ours) and decodes with
 * LZ4_decompress_safe_usingDict(). kernel-lz4 (Linux 6.12's lib/lz4
 * built as the kernel builds it, kpeer/) is called as stock zram's
 * backend_lz4.c calls it with dict=: the dictionary loaded into the stream
 * again for every page compressed, the decode stream set to it for every
 * page decompressed; left out where the kernel peer is not built.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lz4.h>
#include <zdict.h>
#include "tz_lz4.h"
#include "corpus.h"
#include "dict_train.h"
#include "kpeer/kpeer.h"

#define PAGE TZ_PAGE
#define SLOT TZ_LZ4_BOUND(PAGE)
#define MAXPASS 31

enum row { NODICT, OURS, INPLACE, LIB, KERNEL, NROWS };
static const char *const row_name[NROWS] = {
	"tzram-lz4 (no dictionary)", "tzram-lz4 + dictionary",
	"tzram-lz4 + dictionary, decoded without a front", "liblz4-default + dictionary",
	"kernel-lz4 6.12 + dictionary (as zram)"
};
#ifdef TZB_KPEER_612
#define KERNEL_BUILT 1
#else
#define KERNEL_BUILT 0
#endif
static void *kstate;

static unsigned char *pages, *cbuf, out[PAGE];
static void *front;
static int *clen;
static size_t np;
static enum tz_variant var;
static struct tz_lz4_dict dict;
static const unsigned char *dbytes;
static size_t dlen;
static void *wrk;
static LZ4_stream_t *ldict, *lstream;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

static int comp(enum row r, const unsigned char *s, unsigned char *d)
{
	switch (r) {
	case NODICT:
		return tz_lz4_compress_v(var, s, PAGE, d, SLOT, wrk);
	case OURS:
	case INPLACE:
		return tz_lz4_compress_dict_v(var, &dict, s, PAGE, d, SLOT, wrk);
	case KERNEL:
#ifdef TZB_KPEER_612
		return kpeer_612_lz4_dict_compress(kstate, dbytes, dlen, s, PAGE, d, SLOT, 1);
#endif
		return -1;
	default:
		/* The loaded state copied, not rehashed (liblz4's
		 * LZ4_attach_dictionary is not in Debian's shared library). */
		memcpy(lstream, ldict, sizeof(*lstream));
		return LZ4_compress_fast_continue(lstream, (const char *)s, (char *)d, PAGE, SLOT, 1);
	}
}

static int decomp(enum row r, const unsigned char *s, int n)
{
	switch (r) {
	case NODICT:
		return tz_lz4_decompress_v(var, s, n, out, PAGE);
	case OURS:	/* as the module decodes: a front per CPU stream */
		return tz_lz4_decompress_front_v(var, front, s, n, out, PAGE);
	case INPLACE:
		return tz_lz4_decompress_dict_v(var, dbytes, dlen, s, n, out, PAGE);
	case KERNEL:
#ifdef TZB_KPEER_612
		return kpeer_612_lz4_dict_decompress(kstate, dbytes, dlen, s, n, out, PAGE);
#endif
		return -1;
	default:
		return LZ4_decompress_safe_usingDict((const char *)s, (char *)out, n, PAGE,
						     (const char *)dbytes, dlen);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	double tc[NROWS][MAXPASS], td[NROWS][MAXPASS];
	unsigned long long total[NROWS] = { 0 };
	unsigned char *all, *train, *dbuf;
	size_t nall, ntrain = 0, i, dsize = TZ_DICT_LZ4_REACH, hdr;
	int passes = 7, a, p, r;
	cpu_set_t set;
	const char *path = NULL, *builder;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--passes") && a + 1 < argc)
			passes = atoi(argv[++a]);
		else if (!strcmp(argv[a], "--size") && a + 1 < argc)
			dsize = strtoul(argv[++a], NULL, 0);
		else
			path = argv[a];
	}
	if (!path || passes < 1 || passes > MAXPASS || dsize < 1024 || dsize > (16u << 20)) {
		fprintf(stderr, "usage: lz4_dict_bench [--passes 1..31] [--size 1024..16M] CORPUS\n");
		return 2;
	}
	nall = tz_corpus_load(path, 0, &all);
	if (!nall) {
		printf("bench-lz4-dict: no corpus at %s: skipped\n", path);
		return 0;
	}
	/* Every 8th 16-page chunk trains, the others are measured. */
	train = malloc(nall * PAGE);
	pages = malloc(nall * PAGE);
	cbuf = malloc(nall * SLOT);
	clen = malloc(nall * sizeof(*clen));
	dbuf = malloc(dsize);
	wrk = aligned_alloc(64, TZ_LZ4_WORKMEM_SIZE);
	if (!train || !pages || !cbuf || !clen || !dbuf || !wrk)
		return 1;
	for (i = 0; i < nall; i++) {
		if ((i / 16) % 8 == 0) {
			memcpy(train + ntrain++ * PAGE, all + i * PAGE, PAGE);
		} else {
			memcpy(pages + np++ * PAGE, all + i * PAGE, PAGE);
		}
	}
	dsize = tz_dict_train(dbuf, dsize, train, ntrain, PAGE, &builder);
	if (ZDICT_isError(dsize)) {
		fprintf(stderr, "tz_dict_train: %s\n", ZDICT_getErrorName(dsize));
		return 1;
	}
	/* The raw content: what follows the zstd header and entropy tables,
	 * its last 64 KiB (all that LZ4 reaches). */
	hdr = ZDICT_getDictHeaderSize(dbuf, dsize);
	if (ZDICT_isError(hdr))
		hdr = 0;
	dlen = dsize - hdr;
	if (dlen > TZ_DICT_LZ4_REACH)
		dlen = TZ_DICT_LZ4_REACH;
	dbytes = dbuf + dsize - dlen;
	var = tz_variant_best();
	if (tz_lz4_dict_prepare(&dict, dbytes, dlen, PAGE))
		return 1;
	front = aligned_alloc(64, (tz_lz4_front_size(dlen, PAGE) + 63) & ~(size_t)63);
	if (!front)
		return 1;
	tz_lz4_front_init(front, dbytes, dlen, PAGE);
#ifdef TZB_KPEER_612
	kstate = calloc(1, kpeer_612_lz4_dict_state());
	if (!kstate)
		return 1;
#endif
	ldict = LZ4_createStream();
	lstream = LZ4_createStream();
	LZ4_loadDict(ldict, (const char *)dbytes, dlen);
	CPU_ZERO(&set);
	CPU_SET(getenv("BENCH_CPU") ? atoi(getenv("BENCH_CPU")) : sched_getcpu(), &set);
	sched_setaffinity(0, sizeof(set), &set);
	/* Sizes and round trips first (and warm-up). */
	for (r = 0; r < NROWS; r++) {
		if (r == KERNEL && !KERNEL_BUILT)
			continue;
		for (i = 0; i < np; i++) {
			clen[i] = comp(r, pages + i * PAGE, cbuf + i * SLOT);
			if (clen[i] <= 0 || decomp(r, cbuf + i * SLOT, clen[i]) != PAGE ||
			    memcmp(out, pages + i * PAGE, PAGE)) {
				fprintf(stderr, "%s: page %zu does not round-trip\n", row_name[r], i);
				return 1;
			}
			total[r] += clen[i];
		}
	}
	for (p = 0; p < passes; p++) {
		for (r = 0; r < NROWS; r++) {
			double t0 = now();

			if (r == KERNEL && !KERNEL_BUILT)
				continue;
			for (i = 0; i < np; i++)
				clen[i] = comp(r, pages + i * PAGE, cbuf + i * SLOT);
			tc[r][p] = now() - t0;
			t0 = now();
			for (i = 0; i < np; i++)
				decomp(r, cbuf + i * SLOT, clen[i]);
			td[r][p] = now() - t0;
		}
	}
	printf("corpus %s: dictionary %zu bytes (ZDICT %s, on %zu pages: every 8th 16-page chunk), "
	       "its last %zu bytes of content used, measured on the other %zu pages; "
	       "tzram variant %s; %d passes, median [min-max], thread CPU time\n\n",
	       path, dsize, builder, ntrain, dlen, np, tz_variant_name(var), passes);
	printf("| codec | compress GB/s [min-max] | decompress GB/s [min-max] | ratio |\n");
	printf("|---|---:|---:|---:|\n");
	for (r = 0; r < NROWS; r++) {
		if (r == KERNEL && !KERNEL_BUILT) {
			printf("| %s | not built: no linux-source-6.12 (make deps) | | |\n",
			       row_name[r]);
			continue;
		}
		qsort(tc[r], passes, sizeof(double), cmp_double);
		qsort(td[r], passes, sizeof(double), cmp_double);
		printf("| %s | %.3f [%.3f-%.3f] | %.3f [%.3f-%.3f] | %.3f |\n", row_name[r],
		       np * PAGE / tc[r][passes / 2] / 1e9, np * PAGE / tc[r][passes - 1] / 1e9,
		       np * PAGE / tc[r][0] / 1e9, np * PAGE / td[r][passes / 2] / 1e9,
		       np * PAGE / td[r][passes - 1] / 1e9, np * PAGE / td[r][0] / 1e9,
		       (double)np * PAGE / total[r]);
	}
	printf("\nwith / without the dictionary (tzram-lz4): ratio %.3fx, compress %.2fx, "
	       "decompress %.2fx\n", (double)total[NODICT] / total[OURS],
	       tc[NODICT][passes / 2] / tc[OURS][passes / 2],
	       td[NODICT][passes / 2] / td[OURS][passes / 2]);
	if (KERNEL_BUILT)
		printf("tzram-lz4 / kernel-lz4 6.12, both with the dictionary: compress %.2fx, "
		       "decompress %.2fx, ratio %.3fx\n",
		       tc[KERNEL][passes / 2] / tc[OURS][passes / 2],
		       td[KERNEL][passes / 2] / td[OURS][passes / 2],
		       (double)total[KERNEL] / total[OURS]);
#ifdef TZB_OURS_KFLAGS
	printf("tzram-lz4: kmod/simd %s\n", TZB_OURS_KFLAGS_TEXT);
#endif
	return 0;
}
