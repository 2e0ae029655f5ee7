// SPDX-License-Identifier: GPL-2.0
/*
 * memfill MB [PASSES]: fill MB MiB of anonymous memory with known page
 * patterns (zero, same-filled, text-like compressible, incompressible),
 * then verify every byte, PASSES times (default 2), so that with less
 * RAM than MB the pages go to swap and come back. Prints the first bad
 * page and exits 1 on a mismatch.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define PG 4096

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

/* Page i of pass p: kind by i % 8, content from (i, p). */
static void fill(uint8_t *pg, uint64_t i, unsigned int p)
{
	uint64_t s = mix(i * 131 + p), *w = (uint64_t *)pg;
	unsigned int k;

	switch (i % 8) {
	case 0:
		memset(pg, 0, PG);
		break;
	case 1:
		for (k = 0; k < PG / 8; k++)
			w[k] = s;
		break;
	case 2:
		for (k = 0; k < PG / 8; k++)
			w[k] = mix(s + k);	/* incompressible */
		break;
	default:	/* compressible: words from a small alphabet */
		for (k = 0; k < PG; k++)
			pg[k] = "the quick brown fox jumps over a lazy dog 0123456789\n"[mix(s + k / 16) % 53];
		*w = s;	/* and unique per page */
		break;
	}
}

int main(int argc, char **argv)
{
	uint64_t mb = argc > 1 ? strtoull(argv[1], NULL, 0) : 64, n, i;
	unsigned int passes = argc > 2 ? atoi(argv[2]) : 2, p;
	uint8_t want[PG], *mem;

	n = mb * 1024 * 1024 / PG;
	mem = mmap(NULL, n * PG, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mem == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	for (p = 0; p < passes; p++) {
		for (i = 0; i < n; i++)
			fill(mem + i * PG, i, p);
		for (i = 0; i < n; i++) {
			fill(want, i, p);
			if (memcmp(mem + i * PG, want, PG)) {
				printf("memfill: pass %u: page %llu differs\n",
				       p, (unsigned long long)i);
				return 1;
			}
		}
		printf("memfill: pass %u: %llu pages verified\n", p,
		       (unsigned long long)n);
		fflush(stdout);
	}
	return 0;
}
