// SPDX-License-Identifier: GPL-2.0
/*
 * units_test - every one-page row of make bench round-trips multi-page
 * units whatever their compressed length, in particular a unit that
 * codes to exactly one page: the rows keep an incompressible single page
 * whole (4096 bytes), and a unit of that length must not be taken for one.
 *
 * Units: 2 pages, L random bytes then zeros with a run of k random bytes
 * in them (k more literals and a sequence), L around a page: some
 * (L, k) codes to exactly 4096 bytes for each of our codecs; the test
 * fails if none does (the case it exists for was not built).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_core.h"

#define PAGE 4096
#define UNIT (2 * PAGE)
#define CAP (2 * UNIT)

/*
 * Round-trip the units of one row until one has coded to exactly a page.
 * 1: all round-tripped, 0: the row does not run here, -1: a failure.
 */
static int try_row(const struct tzb_codec *r, void *st, const unsigned char *src,
		   unsigned char *u, unsigned char *c, unsigned char *back, int *exact)
{
	unsigned int l, k;
	int len, n;

	for (k = 0; k < 16 && !*exact; k++) {
		for (l = PAGE - 300; l <= PAGE + 100 && !*exact; l++) {
			memcpy(u, src, l);
			memset(u + l, 0, UNIT - l);
			memcpy(u + UNIT - 512, src + UNIT - k, k);
			len = r->compress(st, r, u, UNIT, c, CAP);
			if (len <= 0)
				return 0;
			*exact = len == PAGE;
			n = r->decompress(st, r, c, len, back, UNIT);
			if (n != UNIT || memcmp(back, u, UNIT)) {
				printf("FAIL %s/%s level %d: a unit (%u random bytes, %u more) coded to %d bytes decodes to %d %s\n",
				       r->codec, r->variant, r->level, l, k, len, n,
				       n == UNIT ? "wrong bytes" : "bytes");
				return -1;
			}
		}
	}
	return 1;
}

int main(void)
{
	unsigned char *src = malloc(UNIT), *u = malloc(UNIT), *c = malloc(CAP);
	unsigned char *back = malloc(UNIT);
	size_t i, rows = 0;
	int failed = 0;

	if (!src || !u || !c || !back)
		return 2;
	srand(1);
	for (i = 0; i < UNIT; i++)
		src[i] = rand() >> 7;
	for (i = 0; i < tzb_ncodecs; i++) {
		const struct tzb_codec *r = &tzb_codecs[i];
		void *st;
		int exact = 0, ok;

		if (r->dict || tzb_batch(r) > 1 || !strcmp(r->codec, "memcpy"))
			continue;
		st = r->setup ? r->setup(r) : NULL;
		ok = try_row(r, st, src, u, c, back, &exact);
		if (r->teardown && st)
			r->teardown(st);
		if (ok < 0) {
			failed = 1;
			continue;
		}
		if (!ok)		/* a variant this CPU lacks */
			continue;
		rows++;
		/* Our rows keep a page whole: the case that tells units apart. */
		if (!exact && !strncmp(r->codec, "tzram-", 6)) {
			printf("FAIL %s/%s level %d: no unit coded to exactly %d bytes\n",
			       r->codec, r->variant, r->level, PAGE);
			failed = 1;
		}
	}
	printf("bench-units: %zu rows round-trip 2-page units coded to around a page%s\n",
	       rows, failed ? ": FAILED" : "");
	free(src);
	free(u);
	free(c);
	free(back);
	return failed || !rows;
}
