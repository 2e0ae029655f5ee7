/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crypto_glue.h - the codecs behind tzram's crypto API compressors
 * ("lz4", "zstd") and the one call every crypto callback makes.
 */
#ifndef TZ_CRYPTO_GLUE_H
#define TZ_CRYPTO_GLUE_H

#include <linux/types.h>
#include "tz_codec.h"

/* What one call did, summed per CPU; read with tz_crypto_stat_sum(). */
struct tz_crypto_stat {
	u64 comp_calls, comp_in, comp_out;
	u64 decomp_calls, decomp_in, decomp_out;
	u64 simd_calls, scalar_calls;
	u64 errors;
};

/* One algorithm we offer: a codec of the registry, under its name. */
struct tz_crypto_codec {
	const struct tz_codec *codec;	/* its name is the cra_name */
	struct tz_crypto_stat __percpu *stat;
};

extern struct tz_crypto_codec tz_crypto_codecs[];
extern const unsigned int tz_crypto_ncodecs;

/* Work memory of one context (one buffer serves both directions). */
size_t tz_crypto_work_size(const struct tz_crypto_codec *c);
/* One call, in an FPU section when allowed, counted. */
int tz_crypto_run(struct tz_crypto_codec *c, bool comp, const u8 *src,
		  unsigned int slen, u8 *dst, unsigned int *dlen, void *work);
void tz_crypto_stat_sum(const struct tz_crypto_codec *c, struct tz_crypto_stat *sum);
int tz_crypto_stats_init(void);
void tz_crypto_stats_exit(void);

#endif /* TZ_CRYPTO_GLUE_H */
