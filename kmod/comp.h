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
	/*
	 * zram's backend for it takes no dictionary: a dict= is read and
	 * ignored, as zram does (lzo, lzo-rle, deflate, 842). Others without
	 * a dictionary form in tzram refuse one (see tz_comp_init()).
	 */
	bool dict_unused;
};

/* What algorithm_params sets for one priority (zram's zcomp_params). */
struct tz_comp_params {
	int level;		/* TZ_COMP_NO_LEVEL: the codec's default */
	/*
	 * dict=: the file's bytes as the kernel read them (vmalloc'd,
	 * dict_sz > 0), or NULL. The settings own them; init copies them.
	 */
	void *dict;
	size_t dict_sz;
};

/* Free params' dictionary (vfree: kernel_read_file's buffer). */
void tz_comp_params_clear_dict(struct tz_comp_params *params);

/*
 * Pages per batch call of a codec, and so per SIMD section when the
 * codec runs in one: preemption is off inside, ~1.5 us a page to
 * decompress and ~5 us to compress on the Zen 4 of docs/BENCHMARKS.md.
 */
#define TZ_COMP_BATCH 8

/* What went through the codec's batch calls (tz_comp_batch_stats()). */
enum tz_comp_batch_stat {
	TZ_BATCH_DECOMP_PAGES,	/* pages decompressed in batches of 2 or more */
	TZ_BATCH_DECOMP_CALLS,	/* those batch calls */
	TZ_BATCH_COMP_PAGES,	/* pages compressed in batches of 2 or more */
	TZ_BATCH_COMP_CALLS,
	TZ_BATCH_NR
};

/* One per possible CPU; a mutex so that its holder may sleep (allocate). */
struct tz_strm {
	struct mutex lock;
	void *cwork;
	void *dwork;
	void *buf;		/* TZ_STRM_BUF_SIZE bytes: compressed output */
	/*
	 * Where the codec has batch calls (tz_comp_batches()):
	 * TZ_COMP_BATCH pages of room for a batch's compressed bytes (copied
	 * out of zsmalloc to decompress, or compressed output); else NULL.
	 */
	void *bbuf;
	u64 batch_stat[TZ_BATCH_NR];	/* under lock */
};

/* Room for LZ4's worst case of a page, so compression never overruns. */
#define TZ_STRM_BUF_SIZE (2 * PAGE_SIZE)

/* One algorithm in use: zram's zcomp. .alg NULL: none (not initialised). */
struct tz_comp {
	const struct tz_comp_alg *alg;
	const struct tz_codec *codec;	/* alg's codec at this level */
	int level;			/* the level codec runs at */
	/*
	 * The dictionary every page is compressed and decompressed with:
	 * a copy of the settings' bytes and the codec's prepared form,
	 * made once at init, shared read-only by all CPUs' streams, freed
	 * by tz_comp_destroy(). NULL: none.
	 */
	struct tz_codec_dict *dict;
	void *dict_data;
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

/*
 * Streams for alg at params' level and with params' dictionary: -EINVAL
 * for a level alg refuses or a dictionary it refuses (length, corrupt
 * tables, none at that level), -EOPNOTSUPP when its encoder cannot yet
 * compress with one (each with a dmesg line).
 */
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

/* c's codec codes pages in batches: it has batch calls and no dictionary. */
static inline bool tz_comp_batches(const struct tz_comp *c)
{
	return c->codec && c->codec->decompress_batch &&
	       c->codec->compress_batch && !c->dict;
}

/*
 * Compress or decompress n pages, each job's buffers its own (jobs[].dst,
 * dst_cap set by the caller; decompression's dst is a page): through the
 * codec's batch calls, TZ_COMP_BATCH jobs per call and SIMD section,
 * where tz_comp_batches(c); else one page a call as tz_comp_page() and
 * tz_decomp_page(). Each job's ret is what those return for it (compress:
 * the length or -ENOSPC; decompress: 0 or -EIO), whatever its neighbours
 * hold. Returns the number of jobs that failed.
 */
int tz_comp_pages(struct tz_comp *c, struct tz_strm *s,
		  struct tz_codec_job *jobs, unsigned int n);
int tz_decomp_pages(struct tz_comp *c, struct tz_strm *s,
		    struct tz_codec_job *jobs, unsigned int n);

/* The batch counters summed over c's streams (zeroes if none). */
void tz_comp_batch_stats(struct tz_comp *c, u64 out[TZ_BATCH_NR]);

/* The "auto" codec's choices summed over c's streams (zeroes if not auto). */
void tz_comp_auto_stats(struct tz_comp *c, u64 out[TZ_AUTO_NR]);

#endif /* TZ_COMP_H */
