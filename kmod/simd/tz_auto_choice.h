/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_auto_choice.h - the "auto" algorithm (its codec entry is in
 * tz_codec.c): the per-page decision, from the sampled byte entropy of a
 * page (tz_entropy.h), to store it raw, with LZ4 or with ZSTD, and the
 * layout of its work memory. Codec-neutral and userspace-buildable, so
 * tests and benchmarks use the same rule.
 */
#ifndef TZ_AUTO_CHOICE_H
#define TZ_AUTO_CHOICE_H

#include "tz_entropy.h"
#include "tz_lz4.h"
#include "tz_zstd.h"

enum tz_auto_choice { TZ_AUTO_RAW, TZ_AUTO_LZ4, TZ_AUTO_ZSTD, TZ_AUTO_NR };

/*
 * Thresholds in tz_entropy_q8() units (bits per byte * 256). At or above
 * RAW a page is near-random: no codec would get it under zram's huge
 * size, so it is stored whole without trying. Below LZ4 a page is so
 * redundant that LZ4 already gets most of what ZSTD would. Tuned on the
 * corpus with tests/userspace/auto_test.c (corpus mode prints the curve).
 */
#define TZ_AUTO_RAW_Q8 (7 * 256 + 128)	/* 7.5 bits */
#define TZ_AUTO_LZ4_Q8 (1 * 256 + 128)	/* 1.5 bits */

static inline enum tz_auto_choice tz_auto_choose(u32 h_q8)
{
	if (h_q8 >= TZ_AUTO_RAW_Q8)
		return TZ_AUTO_RAW;
	return h_q8 < TZ_AUTO_LZ4_Q8 ? TZ_AUTO_LZ4 : TZ_AUTO_ZSTD;
}

/*
 * Compressor work memory: choice counters (the device's auto_stat; one
 * stream's, under its lock), entropy scratch, then LZ4's or ZSTD's work
 * memory (one at a time). The decompressor needs ZSTD's.
 */
struct tz_auto_work {
	u64 chosen[TZ_AUTO_NR];
	u16 hist[4][256];
	u64 codec[];	/* u64: 8-byte aligned */
};

union tz_auto_codec_work {
	u8 lz4[TZ_LZ4_WORKMEM_SIZE];
	u8 zstd[TZ_ZSTD_CWORKMEM_SIZE];
};

#define TZ_AUTO_CODEC_WORK sizeof(union tz_auto_codec_work)
#define TZ_AUTO_CWORK_SIZE (sizeof(struct tz_auto_work) + TZ_AUTO_CODEC_WORK)
#define TZ_AUTO_DWORK_SIZE TZ_ZSTD_DWORKMEM_SIZE

#endif /* TZ_AUTO_CHOICE_H */
