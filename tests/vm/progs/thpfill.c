// SPDX-License-Identifier: GPL-2.0
/*
 * thpfill: anonymous memory in large folios (mTHP) that goes to swap and
 * comes back, every byte verified.
 *
 *   thpfill [--corpus FILE] [--pageout] [--stat FILE]... MB [PASSES]
 *
 * Maps MB MiB aligned to 2 MiB with MADV_HUGEPAGE (the kernel then faults
 * it in as the large folios its mTHP sysfs knobs allow) and fills it: page
 * i is page i % N of the corpus FILE (raw 4 KiB pages), stamped with i in
 * its first 8 bytes unless it is same-filled, or without a corpus the
 * patterns of page_pattern.h. Then, per pass: with --pageout,
 * MADV_PAGEOUT the whole range (reclaim it now: the same pages go out the
 * same way on every run, for side-by-side comparisons); verify every
 * page (swapping it back in). Each --stat FILE (e.g. a device's mm_stat)
 * is printed after the fill, after the page-out and at the end, as
 * "thpfill: STAGE FILE: CONTENTS". Exit 1 on the first bad page.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus_map.h"
#include "page_pattern.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#define ALIGN (2UL << 20)
#define MAX_STATS 8

static const uint8_t *corpus;
static uint64_t ncorpus;
static const char *stats[MAX_STATS];
static int nstats;

static int same_filled(const uint8_t *pg)
{
	const uint64_t *w = (const uint64_t *)pg;
	unsigned int k;

	for (k = 1; k < PG / 8; k++)
		if (w[k] != w[0])
			return 0;
	return 1;
}

static void page_fill(uint8_t *pg, uint64_t i, unsigned int pass)
{
	uint64_t stamp = i ^ ((uint64_t)pass << 48);

	if (!corpus) {
		page_pattern_fill(pg, i, pass);
		return;
	}
	memcpy(pg, corpus + (i % ncorpus) * PG, PG);
	if (!same_filled(pg))
		memcpy(pg, &stamp, sizeof(stamp));
}

static void print_stats(const char *stage)
{
	char buf[512];
	int i;

	for (i = 0; i < nstats; i++) {
		int fd = open(stats[i], O_RDONLY);
		ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

		if (fd >= 0)
			close(fd);
		if (n < 0)
			n = 0;
		buf[n] = 0;
		buf[strcspn(buf, "\n")] = 0;
		printf("thpfill: %s %s: %s\n", stage, stats[i], buf);
	}
	fflush(stdout);
}

static int load_corpus(const char *path)
{
	corpus = corpus_map(path, &ncorpus);
	return corpus ? 0 : -1;
}

int main(int argc, char **argv)
{
	unsigned int passes = 1, p;
	int a, pageout = 0;
	uint64_t mb, n, i;
	uint8_t want[PG], *raw, *mem;

	for (a = 1; a < argc && argv[a][0] == '-'; a++) {
		if (!strcmp(argv[a], "--pageout")) {
			pageout = 1;
		} else if (!strcmp(argv[a], "--corpus") && a + 1 < argc) {
			if (load_corpus(argv[++a]))
				return 2;
		} else if (!strcmp(argv[a], "--stat") && a + 1 < argc && nstats < MAX_STATS) {
			stats[nstats++] = argv[++a];
		} else {
			fprintf(stderr, "thpfill: bad option %s\n", argv[a]);
			return 2;
		}
	}
	if (a >= argc) {
		fprintf(stderr, "usage: thpfill [--corpus FILE] [--pageout] [--stat FILE]... MB [PASSES]\n");
		return 2;
	}
	mb = strtoull(argv[a], NULL, 0);
	if (a + 1 < argc)
		passes = atoi(argv[a + 1]);
	n = mb * 1024 * 1024 / PG;
	raw = mmap(NULL, n * PG + ALIGN, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (raw == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	mem = (uint8_t *)(((uintptr_t)raw + ALIGN - 1) & ~(ALIGN - 1));
	madvise(mem, n * PG, MADV_HUGEPAGE);	/* not fatal: the knobs decide */
	for (p = 0; p < passes; p++) {
		for (i = 0; i < n; i++)
			page_fill(mem + i * PG, i, p);
		printf("thpfill: pass %u: %llu pages filled\n", p, (unsigned long long)n);
		print_stats("filled");
		if (pageout) {
			if (madvise(mem, n * PG, MADV_PAGEOUT)) {
				perror("madvise(MADV_PAGEOUT)");
				return 2;
			}
			print_stats("paged-out");
		}
		for (i = 0; i < n; i++) {
			page_fill(want, i, p);
			if (memcmp(mem + i * PG, want, PG)) {
				printf("thpfill: pass %u: page %llu differs\n", p,
				       (unsigned long long)i);
				return 1;
			}
		}
		printf("thpfill: pass %u: %llu pages verified\n", p, (unsigned long long)n);
		print_stats("verified");
	}
	return 0;
}
