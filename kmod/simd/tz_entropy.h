/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_entropy.h - a cheap estimate of how compressible a page is: the
 * order-0 byte entropy of a sample, in 1/256 bits per byte. Used by the
 * "auto" algorithm (kmod/comp_auto.c) to store near-random pages raw
 * without a compression attempt and to pick LZ4 or ZSTD for the rest.
 * Integer only (no FPU section needed); builds in userspace too.
 */
#ifndef TZ_ENTROPY_H
#define TZ_ENTROPY_H

#include "tz_port.h"

/* Bytes the estimate reads: 8 runs of 128 spread over a 4 KiB page. */
#define TZ_ENTROPY_RUNS 8
#define TZ_ENTROPY_RUN 128
#define TZ_ENTROPY_SAMPLE (TZ_ENTROPY_RUNS * TZ_ENTROPY_RUN)

/* 8.0 bits per byte in the result's units. */
#define TZ_ENTROPY_ONE 256

/* log2(n) in 1/256 units, mantissa linearly interpolated (error < 0.09). */
static inline u32 tz_log2_q8(u32 n)
{
	u32 e = 31 - __builtin_clz(n);	/* n >= 1 */

	return (e << 8) + (((u64)n << 8 >> e) - 256);
}

/* Scratch for the histograms (kept off the stack: swap-out is deep). */
#define TZ_ENTROPY_SCRATCH (4 * 256 * sizeof(u16))

/*
 * Entropy estimate of len bytes at p (len >= TZ_ENTROPY_SAMPLE, a
 * multiple of TZ_ENTROPY_RUNS): 0 (one byte value) .. ~2048 (random;
 * a 1 KiB sample of random bytes reads ~7.8 bits). scratch:
 * TZ_ENTROPY_SCRATCH bytes, 2-byte aligned.
 */
u32 tz_entropy_q8(const void *p, unsigned int len, void *scratch);

#endif /* TZ_ENTROPY_H */
