/* SPDX-License-Identifier: GPL-2.0 */
/*
 * comp.h - codec glue: the table of compression algorithms a device can
 * use and the per-CPU streams (work memory + output buffer) they run in.
 * Adding an algorithm is one entry in comp.c's table.
 */
#ifndef TZ_COMP_H
#define TZ_COMP_H

#include <linux/limits.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/types.h>
#include "tz_cpu.h"

struct tz_comp_alg {
	const char *name;
	size_t cwork_size;	/* compressor work memory per stream */
	size_t dwork_size;	/* decompressor work memory per stream */
	/*
	 * Both return the output length or a negative errno; v: variant to
	 * run; level: algorithm_params' level, TZ_COMP_NO_LEVEL for default.
	 */
	int (*compress)(enum tz_variant v, const void *src, unsigned int len,
			void *dst, unsigned int cap, void *work, int level);
	int (*decompress)(enum tz_variant v, const void *src, unsigned int len,
			  void *dst, unsigned int cap, void *work);
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

/* zram's ZCOMP_PARAM_NO_LEVEL: no level given, the codec's default. */
#define TZ_COMP_NO_LEVEL INT_MIN

/* What algorithm_params sets for one priority (zram's zcomp_params). */
struct tz_comp_params {
	int level;		/* TZ_COMP_NO_LEVEL: the codec's default */
};

/* One algorithm in use: zram's zcomp. .alg NULL: none (not initialised). */
struct tz_comp {
	const struct tz_comp_alg *alg;
	struct tz_strm __percpu *strm;
	struct tz_comp_params params;
};

/* The default algorithm (lz4), and lookup by name (one trailing \n ok). */
const struct tz_comp_alg *tz_comp_default(void);
const struct tz_comp_alg *tz_comp_find(const char *name);
/* zram's list format: "[lz4] zstd \n" with cur in brackets. */
ssize_t tz_comp_show_available(const struct tz_comp_alg *cur, char *buf);

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

#endif /* TZ_COMP_H */
