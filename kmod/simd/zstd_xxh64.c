// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_xxh64.c - XXH64, the hash of the ZSTD frame content checksum
 * (RFC 8878 3.1.1: low 32 bits of XXH64 with seed 0). Named tz_ so it
 * does not clash with the kernel's lib/xxhash.c.
 */
#include "tz_zstd.h"

#define P1 11400714785074694791ULL
#define P2 14029467366897019727ULL
#define P3 1609587929392839161ULL
#define P4 9650029242287828579ULL
#define P5 2870177450012600261ULL

static __always_inline u64 rotl64(u64 x, unsigned int r)
{
	return (x << r) | (x >> (64 - r));
}

static __always_inline u64 xround(u64 acc, u64 in)
{
	acc += in * P2;
	return rotl64(acc, 31) * P1;
}

static __always_inline u64 xmerge(u64 h, u64 v)
{
	h ^= xround(0, v);
	return h * P1 + P4;
}

u64 tz_xxh64(const void *p, size_t len, u64 seed)
{
	const u8 *b = p, *end = b + len;
	u64 h;

	if (len >= 32) {
		u64 v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;

		do {
			v1 = xround(v1, get_unaligned_le64(b));
			v2 = xround(v2, get_unaligned_le64(b + 8));
			v3 = xround(v3, get_unaligned_le64(b + 16));
			v4 = xround(v4, get_unaligned_le64(b + 24));
			b += 32;
		} while (end - b >= 32);
		h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
		h = xmerge(h, v1);
		h = xmerge(h, v2);
		h = xmerge(h, v3);
		h = xmerge(h, v4);
	} else {
		h = seed + P5;
	}
	h += len;
	while (end - b >= 8) {
		h ^= xround(0, get_unaligned_le64(b));
		h = rotl64(h, 27) * P1 + P4;
		b += 8;
	}
	if (end - b >= 4) {
		h ^= (u64)get_unaligned_le32(b) * P1;
		h = rotl64(h, 23) * P2 + P3;
		b += 4;
	}
	while (b < end) {
		h ^= *b++ * P5;
		h = rotl64(h, 11) * P1;
	}
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}
