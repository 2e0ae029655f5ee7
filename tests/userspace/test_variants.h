/* SPDX-License-Identifier: GPL-2.0 */
/*
 * test_variants.h - what the codec tests share: a deterministic xorshift
 * generator and the choice of codec variants to test.
 */
#ifndef TZ_TEST_VARIANTS_H
#define TZ_TEST_VARIANTS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tz_cpu.h"

static inline unsigned long long tz_test_xorshift(unsigned long long *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/*
 * "--variant V" anywhere in argv[1..]: taken out of argv (*argc shrinks),
 * V returned; NULL without one.
 */
static inline const char *tz_test_take_variant(int *argc, char **argv)
{
	const char *name = NULL;
	int i, n = 1;

	for (i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--variant") && i + 1 < *argc)
			name = argv[++i];
		else
			argv[n++] = argv[i];
	}
	*argc = n;
	return name;
}

/*
 * Fill out[] with the variants to test and return how many: the one named
 * (plus scalar as the reference), or every variant this CPU runs. A named
 * variant the CPU lacks prints "PART NAME: skipped: no ..." and exits 0.
 * With note_skips, the unnamed case says which x86 variants it skips.
 */
static inline int tz_test_pick_variants(const char *part, const char *name,
					enum tz_variant *out, int note_skips)
{
	int v, n = 0;

	if (name) {
		v = tz_variant_parse(name);
		if (v < 0) {
			fprintf(stderr, "FAIL: unknown variant %s\n", name);
			exit(1);
		}
		if (!tz_variant_supported(v)) {
			printf("%s %s: skipped: no %s\n", part, name,
			       v == TZ_VARIANT_AVX512 ? "AVX-512" :
			       v == TZ_VARIANT_AVX2 ? "AVX2" :
			       v == TZ_VARIANT_NEON ? "NEON (not arm64)" : name);
			exit(0);
		}
		out[n++] = v;
		if (v != TZ_VARIANT_SCALAR)
			out[n++] = TZ_VARIANT_SCALAR;	/* the reference */
		return n;
	}
	for (v = 0; v < TZ_VARIANT_COUNT; v++)
		if (tz_variant_supported(v))
			out[n++] = v;
	for (v = 0; note_skips && v < TZ_VARIANT_COUNT; v++)
		if (!tz_variant_supported(v) && v != TZ_VARIANT_NEON && v != TZ_VARIANT_AVX2)
			printf("%s: %s skipped: no %s\n", part, tz_variant_name(v),
			       v == TZ_VARIANT_AVX512 ? "AVX-512" : tz_variant_name(v));
	return n;
}

#endif /* TZ_TEST_VARIANTS_H */
