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

#include "page_pattern.h"

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
			page_pattern_fill(mem + i * PG, i, p);
		for (i = 0; i < n; i++) {
			page_pattern_fill(want, i, p);
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
