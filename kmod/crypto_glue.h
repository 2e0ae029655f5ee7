/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crypto_glue.h - the codecs behind tzram's crypto API compressors
 * ("lz4", "zstd") and the one call every crypto callback makes.
 */
#ifndef TZ_CRYPTO_GLUE_H
#define TZ_CRYPTO_GLUE_H

#include <linux/types.h>

/* What one call did, summed per CPU; read with tz_crypto_stat_sum(). */
struct tz_crypto_stat {
	u64 comp_calls, comp_in, comp_out;
	u64 decomp_calls, decomp_in, decomp_out;
	u64 simd_calls, scalar_calls;
	u64 errors;
};

/* One algorithm we offer: our codec behind a name. */
struct tz_crypto_codec {
	const char *name;		/* cra_name: "lz4", "zstd" */
	unsigned int work_size;		/* bytes of work memory per context */
	int (*compress)(int variant, const u8 *src, unsigned int slen,
			u8 *dst, unsigned int cap, void *work);
	int (*decompress)(int variant, const u8 *src, unsigned int slen,
			  u8 *dst, unsigned int cap, void *work);
	struct tz_crypto_stat __percpu *stat;
};

extern struct tz_crypto_codec tz_crypto_codecs[];
extern const unsigned int tz_crypto_ncodecs;

/* One call, in an FPU section when allowed, counted. */
int tz_crypto_run(struct tz_crypto_codec *c, bool comp, const u8 *src,
		  unsigned int slen, u8 *dst, unsigned int *dlen, void *work);
void tz_crypto_stat_sum(const struct tz_crypto_codec *c, struct tz_crypto_stat *sum);
int tz_crypto_stats_init(void);
void tz_crypto_stats_exit(void);

#endif /* TZ_CRYPTO_GLUE_H */
