// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_lz4_host_test - the CUDA backend's LZ4 page decoder (lz4_warp.h,
 * the same source nvcc compiles) run on the CPU with its 32 lanes
 * emulated, checked against liblz4:
 *   synth        generated pages (text, zeros, random, short-offset runs),
 *                compressed by liblz4 and by our codec: exact round trip
 *   corpus FILE  every page of a raw page corpus (4 KiB pages)
 *   mutate       compressed pages with random byte flips / truncation:
 *                never out of bounds (ASan build); whenever both decode
 *                a full page the bytes are the same (ours also rejects
 *                what the format forbids but liblz4 lets through: offset 0)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lz4.h>
#include "lz4_warp.h"
#include "tz_lz4.h"

#define PS 4096

static unsigned int rng = 12345;
static unsigned int rnd(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

static void gen(unsigned char *p, int kind)
{
	int i;

	switch (kind % 5) {
	case 0: for (i = 0; i < PS; i++) p[i] = "tzram gpu page batch "[(i + rnd() % 3) % 21]; break;
	case 1: memset(p, 0, PS); p[rnd() % PS] = 1; break;
	case 2: for (i = 0; i < PS; i++) p[i] = rnd(); break;
	case 3: for (i = 0; i < PS; i++) p[i] = i % (1 + kind % 31); break;	/* short offsets */
	default: for (i = 0; i < PS; i++) p[i] = (rnd() % 4) ? p[i > 0 ? i - 1 : 0] : rnd(); break;
	}
}

/* One page both ways; returns 0 if our decode matches. */
static int check_page(const unsigned char *page, int ours)
{
	static unsigned char comp[LZ4_COMPRESSBOUND(PS)], out[PS];
	static unsigned long long work[TZ_LZ4_WORKMEM_SIZE / 8];
	int c = ours ? tz_lz4_compress(page, PS, comp, sizeof(comp), work) :
		       LZ4_compress_default((const char *)page, (char *)comp, PS, sizeof(comp));

	if (c <= 0)
		return 1;
	memset(out, 0xAA, PS);
	if (tz_lz4_warp_decode(comp, c, out) || memcmp(out, page, PS))
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	static unsigned char page[PS], comp[LZ4_COMPRESSBOUND(PS)], ours[PS], ref[PS];
	const char *part = getenv("TZ_PART") ? getenv("TZ_PART") : "gpu-lz4-host";
	unsigned long n = 0, bad = 0, agree = 0, stricter = 0;
	int i;

	if (argc >= 2 && !strcmp(argv[1], "synth")) {
		for (i = 0; i < 4000; i++, n++) {
			gen(page, i);
			bad += check_page(page, i & 1);
		}
	} else if (argc >= 3 && !strcmp(argv[1], "corpus")) {
		FILE *f = fopen(argv[2], "rb");

		if (!f || fseek(f, 0, SEEK_END) || ftell(f) < PS) {
			printf("%s: corpus %s absent or empty: skipped\n", part, argv[2]);
			return 0;
		}
		rewind(f);
		while (fread(page, 1, PS, f) == PS) {
			bad += check_page(page, 0) + check_page(page, 1);
			n += 2;
		}
		fclose(f);
	} else if (argc >= 2 && !strcmp(argv[1], "mutate")) {
		for (i = 0; i < 20000; i++, n++) {
			int c, k, r1, r2;

			gen(page, i);
			c = LZ4_compress_default((const char *)page, (char *)comp, PS, sizeof(comp));
			for (k = 0; k < 1 + i % 4; k++)
				comp[rnd() % c] ^= 1u << (rnd() % 8);
			if (i % 7 == 0)
				c -= rnd() % c;
			r1 = LZ4_decompress_safe((const char *)comp, (char *)ref, c, PS);
			r2 = tz_lz4_warp_decode(comp, c, ours);
			if (r1 == PS && !r2) {
				agree++;
				bad += memcmp(ours, ref, PS) != 0;
			} else if (r1 == PS) {
				stricter++;	/* e.g. offset 0, which the format forbids */
			}
		}
		printf("%s: both decoders accepted %lu mutated pages, identical output; "
		       "%lu accepted by liblz4 only (invalid: offset 0 etc.)\n", part, agree, stricter);
	} else {
		fprintf(stderr, "usage: gpu_lz4_host_test synth|corpus FILE|mutate\n");
		return 2;
	}
	printf("%s: %lu pages, %lu mismatches\n", part, n, bad);
	return bad ? 1 : 0;
}
