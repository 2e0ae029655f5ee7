/* SPDX-License-Identifier: GPL-2.0 */
/*
 * comp_auto.h - the "auto" algorithm: per page, a sampled byte-entropy
 * estimate (kmod/simd/tz_entropy.c) decides between storing it raw
 * (near-random: no compression attempt), LZ4 (fast, where ZSTD would
 * gain little) and ZSTD (where its entropy coding pays). An object is
 * one tag byte (which codec) and that codec's output.
 */
#ifndef TZ_COMP_AUTO_H
#define TZ_COMP_AUTO_H

#include "comp.h"
#include "tz_auto_choice.h"
#include "tz_lz4.h"
#include "tz_zstd.h"

/* Per stream: choice counters (under the stream's lock), scratch, codecs. */
struct tz_auto_work {
	u64 chosen[TZ_AUTO_NR];
	u16 hist[4][256];
	u64 codec[] __aligned(8);	/* LZ4 or ZSTD work memory, one at a time */
};

#define TZ_AUTO_CODEC_WORK (TZ_LZ4_WORKMEM_SIZE > TZ_ZSTD_CWORKMEM_SIZE ? \
	TZ_LZ4_WORKMEM_SIZE : TZ_ZSTD_CWORKMEM_SIZE)
#define TZ_AUTO_CWORK_SIZE (sizeof(struct tz_auto_work) + TZ_AUTO_CODEC_WORK)
#define TZ_AUTO_DWORK_SIZE TZ_ZSTD_DWORKMEM_SIZE

int tz_auto_c(enum tz_variant v, const void *src, unsigned int len,
	      void *dst, unsigned int cap, void *work, int level);
int tz_auto_d(enum tz_variant v, const void *src, unsigned int len,
	      void *dst, unsigned int cap, void *work);
/* Sum of the choice counters of c's streams (zeroes if c is not auto). */
void tz_auto_stats(struct tz_comp *c, u64 out[TZ_AUTO_NR]);

/* comp.c's ZSTD wrappers (level handling, scalar fallback). */
int tz_comp_zstd_c(enum tz_variant v, const void *src, unsigned int len,
		   void *dst, unsigned int cap, void *work, int level);
int tz_comp_zstd_d(enum tz_variant v, const void *src, unsigned int len,
		   void *dst, unsigned int cap, void *work);

#endif /* TZ_COMP_AUTO_H */
