// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_dread: data and timed O_DIRECT reads for the GPU helper's device
 * test (tests/vm/guest/gpu-dev.sh).
 *
 *   gpu_dread gen FILE MB [SEED]
 *       MB MiB of pages by kind (page i % 8): 0 zero, 1 same-filled,
 *       2 incompressible, 3..7 compressible text, unique per page.
 *       So 5/8 of the pages are stored compressed (the helper's share).
 *   gpu_dread read DEV FILE NPAGES PASSES|SECSs MAXMS
 *       Read DEV from offset 0 in O_DIRECT reads of NPAGES pages covering
 *       FILE's size, PASSES times (or for SECS seconds: "5s"), compare
 *       every byte with FILE and time every read. Exits 1 on a mismatch
 *       (prints the page), a failed read, or a read slower than MAXMS ms.
 *       Prints "reads N max_ms M avg_ms A".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "page_pattern.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int gen(const char *path, uint64_t mb, uint64_t seed)
{
	FILE *f = fopen(path, "w");
	uint8_t pg[PG];
	uint64_t i;

	if (!f) {
		perror(path);
		return 1;
	}
	for (i = 0; i < mb * 256; i++) {
		page_pattern_fill(pg, i, seed);
		if (fwrite(pg, PG, 1, f) != 1) {
			perror("write");
			return 1;
		}
	}
	return fclose(f) ? 1 : 0;
}

static int rd(const char *dev, const char *ref, unsigned int np,
	      const char *passes_s, double maxms)
{
	int fd = open(dev, O_RDONLY | O_DIRECT), rf = open(ref, O_RDONLY);
	long passes = atol(passes_s);
	int secs = passes_s[strlen(passes_s) - 1] == 's';
	uint8_t *want, *buf;
	off_t size, off;
	long p, reads = 0;
	double t_end, total = 0, worst = 0;

	if (fd < 0 || rf < 0 || !np) {
		perror("open");
		return 1;
	}
	size = lseek(rf, 0, SEEK_END);
	want = malloc(size);
	if (!want || pread(rf, want, size, 0) != size ||
	    posix_memalign((void **)&buf, PG, (size_t)np * PG)) {
		perror("reference");
		return 1;
	}
	t_end = now_ms() + passes * 1e3;
	for (p = 0; secs ? now_ms() < t_end : p < passes; p++) {
		for (off = 0; off < size; off += (off_t)np * PG) {
			size_t len = (size_t)np * PG;
			double t0, dt;
			ssize_t got;

			if ((off_t)len > size - off)
				len = size - off;
			t0 = now_ms();
			got = pread(fd, buf, len, off);
			dt = now_ms() - t0;
			if (got != (ssize_t)len) {
				fprintf(stderr, "read at %lld: %zd\n", (long long)off, got);
				return 1;
			}
			if (memcmp(buf, want + off, len)) {
				size_t i = 0;

				while (!memcmp(buf + i, want + off + i, PG))
					i += PG;
				fprintf(stderr, "MISMATCH at page %lld (pass %ld)\n",
					(long long)(off + i) / PG, p);
				return 1;
			}
			reads++;
			total += dt;
			if (dt > worst)
				worst = dt;
			if (dt > maxms) {
				fprintf(stderr, "read at page %lld took %.1f ms (limit %.0f)\n",
					(long long)off / PG, dt, maxms);
				return 1;
			}
		}
	}
	printf("reads %ld max_ms %.1f avg_ms %.1f\n", reads, worst,
	       reads ? total / reads : 0);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "gen"))
		return gen(argv[2], strtoull(argv[3], NULL, 0),
			   argc > 4 ? strtoull(argv[4], NULL, 0) : 1);
	if (argc == 7 && !strcmp(argv[1], "read"))
		return rd(argv[2], argv[3], atoi(argv[4]), argv[5], atof(argv[6]));
	fprintf(stderr, "usage: gpu_dread gen FILE MB [SEED] | read DEV FILE NPAGES PASSES|SECSs MAXMS\n");
	return 2;
}
