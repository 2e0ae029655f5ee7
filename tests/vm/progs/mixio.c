// SPDX-License-Identifier: GPL-2.0
/*
 * mixio: random 4 KiB and 64 KiB writes, discards and reads over one range
 * of a block device, every read checked against what the range must hold.
 *
 *   mixio [--corpus FILE] DEV OFFSET_MB MB SECONDS SEED
 *
 * O_DIRECT, one process, its own range (run several on disjoint ranges for
 * concurrency). The range is discarded first (zeroes), then for SECONDS:
 * 40 % writes, 20 % discards (BLKDISCARD), 40 % reads, each 4 KiB or
 * 64 KiB (half of the 64 KiB ones aligned on 64 KiB, half on 4 KiB). Each
 * 4 KiB block has a generation: 0 reads as zeroes, g > 0 as content(b, g):
 * a corpus page (or a page_pattern.h page) stamped with (b, g), one in 11 a
 * same-filled page instead. A final pass reads the whole range back.
 * Prints the op counts; exits 1 on the first wrong block, naming it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/fs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "corpus_map.h"
#include "page_pattern.h"

#define BIG (64 << 10)
#define BIGPG (BIG / PG)

static const uint8_t *corpus;
static uint64_t ncorpus;

static void content(uint8_t *pg, uint64_t b, uint32_t g)
{
	uint64_t *w = (uint64_t *)pg;
	unsigned int k;

	if (!g) {
		memset(pg, 0, PG);
		return;
	}
	if ((b * 31 + g) % 11 == 0) {
		for (k = 0; k < PG / 8; k++)
			w[k] = (b << 20) | g;
		return;
	}
	if (corpus)
		memcpy(pg, corpus + ((b * 7 + (uint64_t)g * 13) % ncorpus) * PG, PG);
	else
		page_pattern_fill(pg, b * 1000 + g, g);
	w[0] = b;
	w[1] = g;
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static int check(const uint8_t *buf, uint64_t b0, unsigned int n, const uint32_t *gen,
		 const char *what)
{
	uint8_t want[PG];
	unsigned int i;

	for (i = 0; i < n; i++) {
		content(want, b0 + i, gen[b0 + i]);
		if (memcmp(buf + (size_t)i * PG, want, PG)) {
			printf("mixio: %s: block %llu (generation %u) differs\n", what,
			       (unsigned long long)(b0 + i), gen[b0 + i]);
			return -1;
		}
	}
	return 0;
}

static int load_corpus(const char *path)
{
	corpus = corpus_map(path, &ncorpus);
	return corpus ? 0 : -1;
}

int main(int argc, char **argv)
{
	unsigned long long nw = 0, nd = 0, nr = 0;
	uint64_t off, nblk, seed, b, r[2];
	uint8_t *buf;
	uint32_t *gen;
	unsigned int i, n;
	time_t end;
	int a = 1, fd;

	if (argc > 2 && !strcmp(argv[1], "--corpus")) {
		if (load_corpus(argv[2]))
			return 2;
		a = 3;
	}
	if (argc - a != 5) {
		fprintf(stderr, "usage: mixio [--corpus FILE] DEV OFFSET_MB MB SECONDS SEED\n");
		return 2;
	}
	off = strtoull(argv[a + 1], NULL, 0) << 20;
	nblk = (strtoull(argv[a + 2], NULL, 0) << 20) / PG;
	end = time(NULL) + atoi(argv[a + 3]);
	seed = strtoull(argv[a + 4], NULL, 0) * 0x9e3779b97f4a7c15ULL | 1;
	fd = open(argv[a], O_RDWR | O_DIRECT);
	gen = calloc(nblk, sizeof(*gen));
	if (fd < 0 || !gen || posix_memalign((void **)&buf, PG, BIG) || nblk < BIGPG) {
		perror("mixio: setup");
		return 2;
	}
	r[0] = off;
	r[1] = nblk * PG;
	if (ioctl(fd, BLKDISCARD, r)) {
		perror("mixio: BLKDISCARD");
		return 2;
	}
	while (time(NULL) < end) {
		unsigned int op = rnd(&seed) % 10;

		n = rnd(&seed) & 1 ? BIGPG : 1;
		b = rnd(&seed) % (nblk - n + 1);
		if (n == BIGPG && rnd(&seed) & 1)
			b &= ~(uint64_t)(BIGPG - 1);
		if (op < 4) {
			for (i = 0; i < n; i++)
				content(buf + (size_t)i * PG, b + i, gen[b + i] + 1);
			if (pwrite(fd, buf, (size_t)n * PG, off + b * PG) != (ssize_t)n * PG) {
				perror("mixio: write");
				return 2;
			}
			for (i = 0; i < n; i++)
				gen[b + i]++;
			nw++;
		} else if (op < 6) {
			r[0] = off + b * PG;
			r[1] = (uint64_t)n * PG;
			if (ioctl(fd, BLKDISCARD, r)) {
				perror("mixio: BLKDISCARD");
				return 2;
			}
			for (i = 0; i < n; i++)
				gen[b + i] = 0;
			nd++;
		} else {
			if (pread(fd, buf, (size_t)n * PG, off + b * PG) != (ssize_t)n * PG) {
				perror("mixio: read");
				return 2;
			}
			if (check(buf, b, n, gen, "read"))
				return 1;
			nr++;
		}
	}
	for (b = 0; b + BIGPG <= nblk; b += BIGPG) {
		if (pread(fd, buf, BIG, off + b * PG) != BIG) {
			perror("mixio: final read");
			return 2;
		}
		if (check(buf, b, BIGPG, gen, "final read"))
			return 1;
	}
	printf("mixio: %s at %llu MiB: %llu writes, %llu discards, %llu reads, every block verified\n",
	       argv[a], (unsigned long long)(off >> 20), nw, nd, nr);
	return 0;
}
