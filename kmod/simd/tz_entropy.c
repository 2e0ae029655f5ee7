// SPDX-License-Identifier: GPL-2.0
/*
 * tz_entropy.c - sampled byte entropy (see tz_entropy.h).
 *
 * Four histograms filled in turn: consecutive equal bytes (runs, zero
 * padding) would otherwise make each increment wait for the previous
 * store to the same counter. A histogram does not vectorise well on
 * x86 (no conflict-free scatter below AVX-512), so this stays scalar
 * and instead reads a quarter of the page.
 */
#include "tz_entropy.h"

u32 tz_entropy_q8(const void *p, unsigned int len, void *scratch)
{
	const u8 *b = p;
	u16 (*h)[256] = scratch;
	unsigned int r, i, stride = len / TZ_ENTROPY_RUNS;
	u64 sum = 0;

	memset(h, 0, TZ_ENTROPY_SCRATCH);
	for (r = 0; r < TZ_ENTROPY_RUNS; r++) {
		const u8 *q = b + r * stride;

		for (i = 0; i < TZ_ENTROPY_RUN; i += 4) {
			h[0][q[i]]++;
			h[1][q[i + 1]]++;
			h[2][q[i + 2]]++;
			h[3][q[i + 3]]++;
		}
	}
	/* H = log2(N) - sum(c * log2 c) / N, N = TZ_ENTROPY_SAMPLE. */
	for (i = 0; i < 256; i++) {
		u32 c = h[0][i] + h[1][i] + h[2][i] + h[3][i];

		if (c > 1)
			sum += (u64)c * tz_log2_q8(c);
	}
	return tz_log2_q8(TZ_ENTROPY_SAMPLE) - (u32)(sum / TZ_ENTROPY_SAMPLE);
}
