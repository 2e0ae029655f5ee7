/* SPDX-License-Identifier: GPL-2.0 */
/*
 * page_pattern.h: the deterministic test pages shared by the guest test
 * programs (memfill, gpu_dread), so a writer and a checker agree on every
 * byte. Page i's kind is i % 8: 0 zero, 1 same-filled, 2 incompressible,
 * 3..7 compressible text, unique per page; its content comes from (i, seed).
 */
#ifndef PAGE_PATTERN_H
#define PAGE_PATTERN_H

#include <stdint.h>
#include <string.h>

#define PG 4096

static inline uint64_t pp_mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

static inline void page_pattern_fill(uint8_t *pg, uint64_t i, uint64_t seed)
{
	uint64_t s = pp_mix(i * 131 + seed), *w = (uint64_t *)pg;
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
			w[k] = pp_mix(s + k);	/* incompressible */
		break;
	default:	/* compressible: words from a small alphabet */
		for (k = 0; k < PG; k++)
			pg[k] = "the quick brown fox jumps over a lazy dog 0123456789\n"[pp_mix(s + k / 16) % 53];
		*w = s;	/* and unique per page */
		break;
	}
}

#endif
