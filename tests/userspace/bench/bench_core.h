/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench_core.h - the page codec benchmark engine shared by `make bench`
 * (tests/userspace/bench/bench.c) and `tzramctl bench`
 * (helper/tzramctl_bench.c): the table of codecs (ours per variant and the
 * peers), the measurement (median of passes with spread, pinned single
 * thread and all cores, per-page latency) and the report writers.
 */
#ifndef TZ_BENCH_CORE_H
#define TZ_BENCH_CORE_H

#include <stddef.h>
#include <stdio.h>

#define TZB_PAGE 4096
#define TZB_HUGE_SIZE 3625	/* zsmalloc huge_class_size for 4 KiB pages */

struct tzb_codec {
	const char *codec;	/* JSON "codec": tzram-lz4, liblz4-default, ... */
	const char *variant;	/* "scalar", "avx2", "avx512", "neon"; "ref" for peers */
	int level;
	int tz_variant;		/* our variant (-1: a peer, always runs) */
	/* Per-thread codec state (work memory, contexts); NULL setup: none. */
	void *(*setup)(const struct tzb_codec *c);
	void (*teardown)(void *state);
	/* Return the output length, or <= 0 on error. */
	int (*compress)(void *state, const struct tzb_codec *c, const void *src,
			unsigned int n, void *dst, unsigned int cap);
	int (*decompress)(void *state, const struct tzb_codec *c, const void *src,
			  unsigned int n, void *dst, unsigned int cap);
	/* kernel-* rows: the kernel build they come from (kpeer/kpeer.h). */
	const struct tzb_kpeer *kpeer;
	/*
	 * Pages per call (JSON "batch"; 0 is 1: the two calls above, one page
	 * each). A row with batch > 1 codes the pages in groups of batch
	 * with the two calls below: src/dst are k <= batch consecutive pages
	 * or output slots (slot bytes apart, lengths in len[]); they return 0
	 * or < 0 if a page failed. Its latency is the group's time / k.
	 */
	int batch;
	int (*compress_n)(void *state, const struct tzb_codec *c, const unsigned char *src,
			  int k, unsigned char *dst, unsigned int slot, int *len);
	int (*decompress_n)(void *state, const struct tzb_codec *c, const unsigned char *src,
			    unsigned int slot, const int *len, int k, unsigned char *dst);
	/* 1: a row with the run's dictionary (tzb_opts.dict_size). */
	int dict;
	/*
	 * Decode only the first need bytes of a unit (a page read, as the
	 * device does: kmod/unit.c); NULL: decompress all of it.
	 */
	int (*decompress_part)(void *state, const struct tzb_codec *c, const void *src,
			       unsigned int n, void *dst, unsigned int cap, unsigned int need);
};

/* Pages per call of a row (1 for the one-page rows). */
static inline int tzb_batch(const struct tzb_codec *c)
{
	return c->batch > 1 ? c->batch : 1;
}

/* Where the kernel peers come from: the Linux version string, or NULL. */
const char *tzb_kpeer_version(const struct tzb_codec *c);
/* Why there are no kernel-* rows (NULL when there are). */
extern const char *tzb_kpeer_missing;
/*
 * How the program's tzram-* rows were compiled, for the reports: set by a
 * program linked with the module-built library (build-tzsimd.sh); NULL:
 * the normal userspace build.
 */
extern const char *tzb_ours_build;

extern const struct tzb_codec tzb_codecs[];
extern const size_t tzb_ncodecs;
/*
 * Results a run may give: every row of tzb_codecs[] with each page on its
 * own, plus unit rows (see tzb_run_all()).
 */
extern const size_t tzb_nresults_max;

struct tzb_opts {
	int passes;		/* timed passes per measurement (median) */
	int threads;		/* all-cores run: 0 = every online CPU, 1 = none */
	int wall;		/* 1: wall clock; 0: thread CPU time (shared machines) */
	int latency;		/* 1: per-page latency pass (p50/p99) */
	const char *only;	/* run only these codec names, comma-separated (and memcpy) */
	/*
	 * > 0: train a dictionary of at most this many bytes (ZDICT) on every
	 * 8th 16-page chunk, measure every row on the other pages and add the
	 * rows with a dictionary; 0: no dictionary, every page measured.
	 */
	size_t dict_size;
	FILE *progress;		/* one line per finished row, or NULL */
};

/* GB/s over the passes: median and the extremes (the spread). */
struct tzb_speed {
	double med, min, max;
};

struct tzb_result {
	const struct tzb_codec *c;
	/*
	 * Pages coded as one unit (JSON "unit_pages"): 1, each page on its
	 * own as zram does; 2..16, runs of that many contiguous pages as one
	 * LZ4 block / ZSTD frame, as the device's units (kmod/unit.c).
	 */
	unsigned int unit_pages;
	struct tzb_speed comp, dec;	/* one thread, pinned */
	double ratio;			/* bytes in / sum of compressed sizes */
	/*
	 * Bytes in / what the device stores: same-filled pages 0 (taken out
	 * of units), >= 3625 B per page stored whole (4096); a unit that
	 * does not come below 3625 B per page is stored as single pages.
	 */
	double zram_ratio;
	double huge_pct;		/* pages stored whole (4096 B) */
	double unit_pct;		/* pages stored inside units (unit rows) */
	/*
	 * Latency in microseconds (wall clock, one pinned thread) per page,
	 * or per unit for unit rows: compress, decompress of the whole unit.
	 */
	double c_p50_us, c_p99_us, d_p50_us, d_p99_us;
	/*
	 * A read of one 4 KiB page: decode straight into it (one-page rows);
	 * from a unit, a page chosen uniformly per unit: decode of the unit
	 * up to that page (as far as the codec can stop: decompress_part,
	 * else all of it) into a buffer and a copy out (rp; p50, p99 and
	 * mean), or a copy out of the buffer already decoded (hit, the
	 * device's per-CPU cache; 0 for one-page rows: no cache).
	 */
	double rp_p50_us, rp_p99_us, rp_mean_us, hit_p50_us, hit_p99_us;
	int mt_threads;			/* 0: no all-cores run */
	struct tzb_speed mt_comp, mt_dec;	/* aggregate GB/s over all threads */
	size_t dict;			/* dictionary bytes the row used, 0: none */
};

/* What the report says about the run. */
struct tzb_info {
	const char *corpus;
	size_t pages;
	int passes;
	int wall;
	int threads;		/* all-cores thread count (1: none) */
	char cpu[128];		/* model name */
	int ncpu;
	double timer_ns;	/* cost of one latency timer read pair */
	size_t dict_len;	/* the trained dictionary's size, 0: none */
	size_t train_pages;	/* pages it was trained on (not measured) */
	const char *dict_builder;	/* how tz_dict_train chose its content */
	char dict_note[160];	/* why there are no or fewer dictionary rows */
};

/*
 * Run every codec of the table this CPU supports (or only opts->only) on
 * np pages, each page on its own; then tzram-lz4, tzram-zstd (scalar, as
 * the module codes units, at the default level), liblz4-default and
 * libzstd-1 in units of 2, 4, 8 and 16 pages. results must have room
 * for tzb_nresults_max entries. Returns the number of results, or -1 if a
 * codec failed (a message says which).
 */
int tzb_run_all(const unsigned char *pages, size_t np, const struct tzb_opts *opts,
		struct tzb_result *results, struct tzb_info *info);

/* Pin the calling thread to one CPU (BENCH_CPU or the current one). */
int tzb_pin_self(int cpu);

/* np deterministic synthetic pages (text, tables, zeros, noise) for hosts
 * without a corpus. Returns np; exits on allocation failure. */
size_t tzb_synth_pages(size_t np, unsigned char **buf);

/* Reports. */
void tzb_print_text(FILE *f, const struct tzb_result *r, int n, const struct tzb_info *in);
/* bench_tag.c: ns per page of the GPU path's page tag, beside XXH64. */
void tzb_page_tag_report(FILE *f, const unsigned char *pages, size_t np,
			 int passes, int wall);
void tzb_print_json(FILE *f, const struct tzb_result *r, int n, const struct tzb_info *in);
void tzb_print_md(FILE *f, const struct tzb_result *r, int n, const struct tzb_info *in);
void tzb_print_html(FILE *f, const struct tzb_result *r, int n, const struct tzb_info *in);
/* A gnuplot script (data inline) that draws ratio vs speed into png. */
void tzb_print_gnuplot(FILE *f, const struct tzb_result *r, int n, const struct tzb_info *in,
		       const char *png);

#endif /* TZ_BENCH_CORE_H */
