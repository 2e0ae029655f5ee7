/* SPDX-License-Identifier: GPL-2.0 */
/*
 * comp.h - the algorithms a device offers (comp_algorithm's list, in
 * zram's order on this kernel, then tzram's own), and one algorithm in
 * use: its codec at the level asked for, with per-CPU streams (work
 * memory + output buffer). zram's zcomp. The codecs themselves are
 * entries of the registry (kmod/simd/tz_codec.h, kmod/comp_kernel.h).
 */
#ifndef TZ_COMP_H
#define TZ_COMP_H

#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/types.h>
#include "tz_auto_choice.h"
#include "tz_codec.h"

/* zram's ZCOMP_PARAM_NO_LEVEL: no level given, the codec's default. */
#define TZ_COMP_NO_LEVEL TZ_CODEC_NO_LEVEL

/* One name comp_algorithm, recomp_algorithm and algo= accept. */
struct tz_comp_alg {
	const struct tz_codec *codec;	/* its name, the levels it implements */
	const struct tz_codec *more;	/* every other level, or NULL */
	/*
	 * Accepted but listed only while chosen, as 6.1's zram shows a
	 * crypto API name outside its own list.
	 */
	bool hidden;
};

/* What algorithm_params sets for one priority (zram's zcomp_params). */
struct tz_comp_params {
	int level;		/* TZ_COMP_NO_LEVEL: the codec's default */
};

/* One per possible CPU; a mutex so that its holder may sleep (allocate). */
struct tz_strm {
	struct mutex lock;
	void *cwork;
	void *dwork;
	void *buf;		/* TZ_STRM_BUF_SIZE bytes: compressed output */
};

/* Room for LZ4's worst case of a page, so compression never overruns. */
#define TZ_STRM_BUF_SIZE (2 * PAGE_SIZE)

/* One algorithm in use: zram's zcomp. .alg NULL: none (not initialised). */
struct tz_comp {
	const struct tz_comp_alg *alg;
	const struct tz_codec *codec;	/* alg's codec at this level */
	int level;			/* the level codec runs at */
	struct tz_strm __percpu *strm;
};

/* The default algorithm (lz4), and lookup by name (one trailing \n ok). */
const struct tz_comp_alg *tz_comp_default(void);
/* NULL: unknown; ERR_PTR(-E2BIG): a name longer than this zram takes. */
const struct tz_comp_alg *tz_comp_find(const char *buf);
/*
 * zram's list format at buf + at: each name and a blank, cur's in
 * brackets, then a newline. Returns the bytes written.
 */
ssize_t tz_comp_show_available(const struct tz_comp_alg *cur, char *buf,
			       ssize_t at);

/* Streams for alg at params' level; -EINVAL: a level alg refuses. */
int tz_comp_init(struct tz_comp *c, const struct tz_comp_alg *alg,
		 const struct tz_comp_params *params);
/* Safe on a zeroed or destroyed tz_comp. */
void tz_comp_destroy(struct tz_comp *c);

/* Lock this CPU's stream (may sleep); the holder may migrate, harmlessly. */
struct tz_strm *tz_strm_get(struct tz_comp *c);
void tz_strm_put(struct tz_strm *s);

/*
 * Compress one page into s->buf: the compressed length, or -ENOSPC when
 * it would not fit in cap bytes (caller stores the page whole).
 */
int tz_comp_page(struct tz_comp *c, struct tz_strm *s, const void *page,
		 unsigned int cap);
/* Decompress len bytes into a page: 0, or -EIO if it is not one page. */
int tz_decomp_page(struct tz_comp *c, struct tz_strm *s, const void *src,
		   unsigned int len, void *page);

/* The "auto" codec's choices summed over c's streams (zeroes if not auto). */
void tz_comp_auto_stats(struct tz_comp *c, u64 out[TZ_AUTO_NR]);

#endif /* TZ_COMP_H */
