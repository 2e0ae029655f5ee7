// SPDX-License-Identifier: GPL-2.0
/*
 * bench_core.c - the page codec benchmark engine (see bench_core.h): every
 * 4 KiB page compressed on its own, as zram does, and runs of 2-16
 * contiguous pages compressed as one unit, as tzram's units; ours against
 * the reference libraries.
 *
 * Codecs are rows of tzb_codecs[]: add a row (and, if needed, a state
 * setup) to benchmark another codec or variant.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <errno.h>
#include <lz4.h>
#include <zstd.h>
#include <zdict.h>
#include "dict_train.h"
#include "tz_cpu.h"
#include "tz_lz4.h"
#include "tz_zstd.h"
#include "tz_samefill.h"
#include "tz_auto_choice.h"
#include "tz_codec.h"
#include "bench_core.h"
#include "kpeer/kpeer.h"

#define PAGE TZB_PAGE
#define SLOT (PAGE + PAGE / 255 + 64)	/* room for any page's output */

/*
 * ---- rows: tzram's codecs, through their registry entries
 * (kmod/simd/tz_codec.h), as the device calls them. A page the codec
 * will not code (-ENOSPC: "auto" judged it random) is kept whole, as the
 * device stores it, and so is one coded to exactly a page (same size):
 * an object of a page's length is the page itself.
 */
struct tz_reg_state { const struct tz_codec *reg; void *cw, *dw; };

static void *tz_reg_alloc(size_t n)
{
	void *p = n ? aligned_alloc(64, (n + 63) & ~(size_t)63) : NULL;

	if (p)
		memset(p, 0, n);
	return p;
}

/* The row "tzram-NAME" runs the registry's NAME. */
static void *tz_reg_setup(const struct tzb_codec *c)
{
	const struct tz_codec *reg = tz_codec_find(c->codec + strlen("tzram-"));
	struct tz_reg_state *s;

	if (!reg)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->reg = reg;
	s->cw = tz_reg_alloc(reg->cwork_size);
	s->dw = tz_reg_alloc(reg->dwork_size);
	return s;
}

static void tz_reg_teardown(void *st)
{
	struct tz_reg_state *s = st;

	free(s->cw);
	free(s->dw);
	free(s);
}

/* Compress with variant v (the row's, or the active one: unit_row()). */
static int tz_reg_cv(struct tz_reg_state *s, enum tz_variant v, int level, const void *src,
		     unsigned int n, void *dst, unsigned int cap)
{
	int r = s->reg->compress(v, src, n, dst, cap, s->cw, level);

	if ((r == -ENOSPC || r == PAGE) && n == PAGE && n <= cap) {
		memcpy(dst, src, n);
		return n;
	}
	return r;
}

static int tz_reg_c(void *st, const struct tzb_codec *c, const void *src,
		    unsigned int n, void *dst, unsigned int cap)
{
	return tz_reg_cv(st, c->tz_variant, c->level, src, n, dst, cap);
}

/* Decode with variant v (the row's, or the active one: unit_row()). */
static int tz_reg_dv(struct tz_reg_state *s, enum tz_variant v, const void *src,
		     unsigned int n, void *dst, unsigned int cap)
{
	/*
	 * A page kept whole (tz_reg_c); a unit (cap > PAGE) that codes to
	 * exactly PAGE bytes is a frame like any other.
	 */
	if (n == PAGE && cap == PAGE) {
		memcpy(dst, src, PAGE);
		return PAGE;
	}
	return s->reg->decompress(v, src, n, dst, cap, s->dw);
}

static int tz_reg_dpv(struct tz_reg_state *s, enum tz_variant v, const void *src,
		      unsigned int n, void *dst, unsigned int cap, unsigned int need)
{
	if (!s->reg->decompress_part)
		return tz_reg_dv(s, v, src, n, dst, cap);
	return s->reg->decompress_part(v, src, n, dst, cap, need, s->dw);
}

static int tz_reg_d(void *st, const struct tzb_codec *c, const void *src,
		    unsigned int n, void *dst, unsigned int cap)
{
	return tz_reg_dv(st, c->tz_variant, src, n, dst, cap);
}

static int tz_reg_dp(void *st, const struct tzb_codec *c, const void *src,
		     unsigned int n, void *dst, unsigned int cap, unsigned int need)
{
	return tz_reg_dpv(st, c->tz_variant, src, n, dst, cap, need);
}

/*
 * Batch rows: tz_lz4_*_batch_v(), the pages of a group as one call's jobs
 * (as a kernel caller with preemption off would pass them: <= 8 a call).
 */
static void *tz_lz4b_setup(const struct tzb_codec *c)
{
	(void)c;
	return aligned_alloc(64, TZ_LZ4_BATCH_WORKMEM_SIZE);
}

#define TZB_MAX_BATCH 16

static int tz_lz4b_one_c(void *st, const struct tzb_codec *c, const void *src,
			 unsigned int n, void *dst, unsigned int cap)
{
	return tz_lz4_compress_v(c->tz_variant, src, n, dst, cap, st);
}

static int tz_lz4b_one_d(void *st, const struct tzb_codec *c, const void *src,
			 unsigned int n, void *dst, unsigned int cap)
{
	(void)st;
	return tz_lz4_decompress_v(c->tz_variant, src, n, dst, cap);
}

static int tz_lz4b_c(void *st, const struct tzb_codec *c, const unsigned char *src, int k,
		     unsigned char *dst, unsigned int slot, int *len)
{
	struct tz_lz4_job jobs[TZB_MAX_BATCH];
	int j, failed;

	for (j = 0; j < k; j++)
		jobs[j] = (struct tz_lz4_job){ .src = src + j * PAGE, .src_len = PAGE,
					       .dst = dst + j * slot, .dst_cap = slot };
	failed = tz_lz4_compress_batch_v(c->tz_variant, jobs, k, st);
	for (j = 0; j < k; j++)
		len[j] = jobs[j].ret;
	return failed ? -1 : 0;
}

static int tz_lz4b_d(void *st, const struct tzb_codec *c, const unsigned char *src,
		     unsigned int slot, const int *len, int k, unsigned char *dst)
{
	struct tz_lz4_job jobs[TZB_MAX_BATCH];
	int j;

	(void)st;
	for (j = 0; j < k; j++)
		jobs[j] = (struct tz_lz4_job){ .src = src + j * slot, .src_len = len[j],
					       .dst = dst + j * PAGE, .dst_cap = PAGE };
	if (tz_lz4_decompress_batch_v(c->tz_variant, jobs, k))
		return -1;
	for (j = 0; j < k; j++)
		if (jobs[j].ret != PAGE)
			return -1;
	return 0;
}

/* ---- rows: liblz4 ---------------------------------------------------- */
static int lz4_c(void *st, const struct tzb_codec *c, const void *src,
		 unsigned int n, void *dst, unsigned int cap)
{
	(void)st;
	if (c->level == 1)
		return LZ4_compress_default(src, dst, n, cap);
	return LZ4_compress_fast(src, dst, n, cap, c->level);
}

static int lz4_d(void *st, const struct tzb_codec *c, const void *src,
		 unsigned int n, void *dst, unsigned int cap)
{
	(void)st;
	(void)c;
	return LZ4_decompress_safe(src, dst, n, cap);
}

static int lz4_dp(void *st, const struct tzb_codec *c, const void *src,
		  unsigned int n, void *dst, unsigned int cap, unsigned int need)
{
	(void)st;
	(void)c;
	return LZ4_decompress_safe_partial(src, dst, n, need, cap);
}

/* ---- rows: memcpy (the ceiling) -------------------------------------- */
static int copy_cd(void *st, const struct tzb_codec *c, const void *src,
		   unsigned int n, void *dst, unsigned int cap)
{
	(void)st;
	(void)c;
	if (n > cap)
		return -1;
	memcpy(dst, src, n);
	return n;
}

/* ---- rows: libzstd (reused contexts) -------------------------------- */
struct zstd_ref_state { ZSTD_CCtx *cc; ZSTD_DCtx *dc; };

static void *zstd_ref_setup(const struct tzb_codec *c)
{
	struct zstd_ref_state *s = malloc(sizeof(*s));

	if (!s)
		return NULL;
	s->cc = ZSTD_createCCtx();
	s->dc = ZSTD_createDCtx();
	ZSTD_CCtx_setParameter(s->cc, ZSTD_c_compressionLevel, c->level);
	return s;
}

static void zstd_ref_teardown(void *st)
{
	struct zstd_ref_state *s = st;

	ZSTD_freeCCtx(s->cc);
	ZSTD_freeDCtx(s->dc);
	free(s);
}

static int zstd_ref_c(void *st, const struct tzb_codec *c, const void *src,
		      unsigned int n, void *dst, unsigned int cap)
{
	size_t r = ZSTD_compress2(((struct zstd_ref_state *)st)->cc, dst, cap, src, n);

	(void)c;
	return ZSTD_isError(r) ? -1 : (int)r;
}

static int zstd_ref_d(void *st, const struct tzb_codec *c, const void *src,
		      unsigned int n, void *dst, unsigned int cap)
{
	size_t r = ZSTD_decompressDCtx(((struct zstd_ref_state *)st)->dc, dst, cap, src, n);

	(void)c;
	return ZSTD_isError(r) ? -1 : (int)r;
}

/*
 * ---- rows: the kernel's own lib/lz4 and lib/zstd ------------------------
 * What stock zram runs: Linux's sources built with the kernel's flags
 * (kpeer/build.sh) and called as zram's backend_lz4.c / backend_zstd.c
 * call them (LZ4_compress_fast with acceleration = level; zstd params from
 * zstd_get_params(level, PAGE_SIZE), zstd_compress_cctx /
 * zstd_decompress_dctx). One set of entry points per kernel version.
 */
struct tzb_kpeer {
	const char *(*version)(void);
	size_t (*lz4_workmem)(void);
	int (*lz4_c)(const void *src, unsigned int n, void *dst, unsigned int cap,
		     void *wrkmem, int accel);
	int (*lz4_d)(const void *src, unsigned int n, void *dst, unsigned int cap);
	size_t (*lz4_dict_state)(void);
	int (*lz4_dict_c)(void *state, const void *dict, unsigned int dict_len,
			  const void *src, unsigned int n, void *dst, unsigned int cap,
			  int accel);
	int (*lz4_dict_d)(void *state, const void *dict, unsigned int dict_len,
			  const void *src, unsigned int n, void *dst, unsigned int cap);
	size_t (*zstd_size)(int level);
	void *(*zstd_init)(void *mem, int level);
	int (*zstd_c)(void *z, const void *src, unsigned int n, void *dst, unsigned int cap);
	int (*zstd_d)(void *z, const void *src, unsigned int n, void *dst, unsigned int cap);
	void *(*zstd_dict_new)(const void *dict, size_t len, int level);
	void (*zstd_dict_free)(void *z);
	int (*zstd_dict_c)(void *z, const void *src, unsigned int n, void *dst,
			   unsigned int cap);
	int (*zstd_dict_d)(void *z, const void *src, unsigned int n, void *dst,
			   unsigned int cap);
};

#define KPEER_OPS(tag) {							\
	kpeer_##tag##_version, kpeer_##tag##_lz4_workmem,			\
	kpeer_##tag##_lz4_compress, kpeer_##tag##_lz4_decompress,		\
	kpeer_##tag##_lz4_dict_state, kpeer_##tag##_lz4_dict_compress,	\
	kpeer_##tag##_lz4_dict_decompress,					\
	kpeer_##tag##_zstd_size, kpeer_##tag##_zstd_init,			\
	kpeer_##tag##_zstd_compress, kpeer_##tag##_zstd_decompress,		\
	kpeer_##tag##_zstd_dict_new, kpeer_##tag##_zstd_dict_free,		\
	kpeer_##tag##_zstd_dict_compress, kpeer_##tag##_zstd_dict_decompress }
#ifdef TZB_KPEER_612
static const struct tzb_kpeer kpeer_612 = KPEER_OPS(612);
#endif
#ifdef TZB_KPEER_72
static const struct tzb_kpeer kpeer_72 = KPEER_OPS(72);
#endif

#ifdef TZB_KPEER_MISSING
const char *tzb_kpeer_missing = TZB_KPEER_MISSING;
#else
const char *tzb_kpeer_missing;
#endif
const char *tzb_ours_build;

const char *tzb_kpeer_version(const struct tzb_codec *c)
{
	return c->kpeer ? c->kpeer->version() : NULL;
}

static void *kpeer_lz4_setup(const struct tzb_codec *c)
{
	return aligned_alloc(64, c->kpeer->lz4_workmem());
}

static int kpeer_lz4_c(void *st, const struct tzb_codec *c, const void *src,
		       unsigned int n, void *dst, unsigned int cap)
{
	return c->kpeer->lz4_c(src, n, dst, cap, st, c->level);
}

static int kpeer_lz4_d(void *st, const struct tzb_codec *c, const void *src,
		       unsigned int n, void *dst, unsigned int cap)
{
	(void)st;
	return c->kpeer->lz4_d(src, n, dst, cap);
}

static void *kpeer_zstd_setup(const struct tzb_codec *c)
{
	size_t size = (c->kpeer->zstd_size(c->level) + 63) & ~(size_t)63;
	void *mem = aligned_alloc(64, size);
	void *z;

	if (!mem)
		return NULL;
	memset(mem, 0, size);	/* zram vzalloc()s the workspaces */
	z = c->kpeer->zstd_init(mem, c->level);
	if (!z)
		free(mem);
	return z;		/* == mem: teardown is free() */
}

static int kpeer_zstd_c(void *st, const struct tzb_codec *c, const void *src,
			unsigned int n, void *dst, unsigned int cap)
{
	return c->kpeer->zstd_c(st, src, n, dst, cap);
}

static int kpeer_zstd_d(void *st, const struct tzb_codec *c, const void *src,
			unsigned int n, void *dst, unsigned int cap)
{
	return c->kpeer->zstd_d(st, src, n, dst, cap);
}

/*
 * ---- rows with a dictionary (issue 16) ----------------------------------
 * One dictionary per run, trained by tzb_run_all with libzstd's ZDICT on
 * pages it does not measure, then shared read-only by every thread: ours
 * prepared once (tz_zstd_dict_prepare), libzstd's CDict/DDict made once per
 * thread and reused for every page, liblz4's stream loaded once
 * (LZ4_loadDict, the dictionary's last 64 KiB) and copied into the working
 * stream per page, as lz4.h describes.
 */
static const unsigned char *run_dict;
static size_t run_dict_len;
static struct tz_zstd_dict *run_tzdict;
static struct tz_lz4_dict *run_tzlz4dict;
static LZ4_stream_t *run_lz4dict;

static size_t lz4_dict_len(void)
{
	return run_dict_len < 65536 ? run_dict_len : 65536;
}

static int tz_zstd_dict_c(void *st, const struct tzb_codec *c, const void *src,
			  unsigned int n, void *dst, unsigned int cap)
{
	return tz_zstd_compress_dict_v(c->tz_variant, src, n, dst, cap, c->level,
				       ((struct tz_reg_state *)st)->cw, run_tzdict);
}

static int tz_zstd_dict_d(void *st, const struct tzb_codec *c, const void *src,
			  unsigned int n, void *dst, unsigned int cap)
{
	return tz_zstd_decompress_dict_v(c->tz_variant, src, n, dst, cap,
					 ((struct tz_reg_state *)st)->dw, run_tzdict);
}

struct zstd_dict_state { ZSTD_CCtx *cc; ZSTD_DCtx *dc; ZSTD_CDict *cd; ZSTD_DDict *dd; };

static void zstd_dict_teardown(void *st)
{
	struct zstd_dict_state *s = st;

	ZSTD_freeCCtx(s->cc);
	ZSTD_freeDCtx(s->dc);
	ZSTD_freeCDict(s->cd);
	ZSTD_freeDDict(s->dd);
	free(s);
}

static void *zstd_dict_setup(const struct tzb_codec *c)
{
	struct zstd_dict_state *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->cc = ZSTD_createCCtx();
	s->dc = ZSTD_createDCtx();
	s->cd = ZSTD_createCDict(run_dict, run_dict_len, c->level);
	s->dd = ZSTD_createDDict(run_dict, run_dict_len);
	if (!s->cc || !s->dc || !s->cd || !s->dd) {
		zstd_dict_teardown(s);
		return NULL;
	}
	return s;
}

static int zstd_dict_c(void *st, const struct tzb_codec *c, const void *src,
		       unsigned int n, void *dst, unsigned int cap)
{
	struct zstd_dict_state *s = st;
	size_t r = ZSTD_compress_usingCDict(s->cc, dst, cap, src, n, s->cd);

	(void)c;
	return ZSTD_isError(r) ? -1 : (int)r;
}

static int zstd_dict_d(void *st, const struct tzb_codec *c, const void *src,
		       unsigned int n, void *dst, unsigned int cap)
{
	struct zstd_dict_state *s = st;
	size_t r = ZSTD_decompress_usingDDict(s->dc, dst, cap, src, n, s->dd);

	(void)c;
	return ZSTD_isError(r) ? -1 : (int)r;
}

/* tzram-lz4 with the dictionary's last 64 KiB (prepared once, shared). */
static int tz_lz4_dict_c(void *st, const struct tzb_codec *c, const void *src,
			 unsigned int n, void *dst, unsigned int cap)
{
	return tz_lz4_compress_dict_v(c->tz_variant, run_tzlz4dict, src, n, dst, cap,
				      ((struct tz_reg_state *)st)->cw);
}

/* Each thread decodes through its own front, as a module's CPU stream. */
static void *tz_lz4_dict_setup(const struct tzb_codec *c)
{
	struct tz_reg_state *s = tz_reg_setup(c);
	size_t dl = lz4_dict_len();

	if (!s)
		return NULL;
	free(s->dw);
	s->dw = tz_reg_alloc(tz_lz4_front_size(dl, PAGE));
	if (!s->dw) {
		tz_reg_teardown(s);
		return NULL;
	}
	tz_lz4_front_init(s->dw, run_dict + run_dict_len - dl, dl, PAGE);
	return s;
}

static int tz_lz4_dict_d(void *st, const struct tzb_codec *c, const void *src,
			 unsigned int n, void *dst, unsigned int cap)
{
	return tz_lz4_decompress_front_v(c->tz_variant, ((struct tz_reg_state *)st)->dw,
					 src, n, dst, cap);
}

/*
 * kernel-lz4 with the same 64 KiB, as stock zram 6.12+ runs lz4 with
 * dict= (backend_lz4.c: the dictionary loaded into the stream again for
 * every page compressed, the decode stream set to it for every page).
 */
static void *kpeer_lz4_dict_setup(const struct tzb_codec *c)
{
	return tz_reg_alloc(c->kpeer->lz4_dict_state());
}

static int kpeer_lz4_dict_c(void *st, const struct tzb_codec *c, const void *src,
			    unsigned int n, void *dst, unsigned int cap)
{
	size_t dl = lz4_dict_len();

	return c->kpeer->lz4_dict_c(st, run_dict + run_dict_len - dl, dl, src, n, dst,
				    cap, c->level);
}

static int kpeer_lz4_dict_d(void *st, const struct tzb_codec *c, const void *src,
			    unsigned int n, void *dst, unsigned int cap)
{
	size_t dl = lz4_dict_len();

	return c->kpeer->lz4_dict_d(st, run_dict + run_dict_len - dl, dl, src, n, dst,
				    cap);
}

/*
 * kernel-zstd with the whole dictionary, as stock zram 6.12+ runs zstd with
 * dict= (backend_zstd.c: a CDict and a DDict by reference, one cctx and
 * dctx per stream; here one set per thread).
 */
struct kpeer_zstd_dict_state {
	const struct tzb_kpeer *k;	/* whose: the teardown has no codec */
	void *z;
};

static void kpeer_zstd_dict_teardown(void *st)
{
	struct kpeer_zstd_dict_state *s = st;

	s->k->zstd_dict_free(s->z);
	free(s);
}

static void *kpeer_zstd_dict_setup(const struct tzb_codec *c)
{
	struct kpeer_zstd_dict_state *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->k = c->kpeer;
	s->z = c->kpeer->zstd_dict_new(run_dict, run_dict_len, c->level);
	if (!s->z) {
		free(s);
		return NULL;
	}
	return s;
}

static int kpeer_zstd_dict_c(void *st, const struct tzb_codec *c, const void *src,
			     unsigned int n, void *dst, unsigned int cap)
{
	return c->kpeer->zstd_dict_c(((struct kpeer_zstd_dict_state *)st)->z, src, n,
				     dst, cap);
}

static int kpeer_zstd_dict_d(void *st, const struct tzb_codec *c, const void *src,
			     unsigned int n, void *dst, unsigned int cap)
{
	return c->kpeer->zstd_dict_d(((struct kpeer_zstd_dict_state *)st)->z, src, n,
				     dst, cap);
}

static void *lz4_dict_setup(const struct tzb_codec *c)
{
	(void)c;
	return aligned_alloc(64, (sizeof(LZ4_stream_t) + 63) & ~(size_t)63);
}

static int lz4_dict_c(void *st, const struct tzb_codec *c, const void *src,
		      unsigned int n, void *dst, unsigned int cap)
{
	memcpy(st, run_lz4dict, sizeof(LZ4_stream_t));
	return LZ4_compress_fast_continue(st, src, dst, n, cap, c->level);
}

static int lz4_dict_d(void *st, const struct tzb_codec *c, const void *src,
		      unsigned int n, void *dst, unsigned int cap)
{
	size_t dl = lz4_dict_len();

	(void)st;
	(void)c;
	return LZ4_decompress_safe_usingDict(src, dst, n, cap,
					     (const char *)run_dict + run_dict_len - dl, dl);
}

/* Share (or drop, dict == NULL) the run's dictionary with the rows. */
static int set_run_dict(const unsigned char *dict, size_t len)
{
	free(run_tzdict);
	free(run_tzlz4dict);
	free(run_lz4dict);
	run_tzdict = NULL;
	run_tzlz4dict = NULL;
	run_lz4dict = NULL;
	run_dict = dict;
	run_dict_len = dict ? len : 0;
	if (!dict)
		return 0;
	run_tzdict = malloc(tz_zstd_dict_size(len));
	run_tzlz4dict = malloc(sizeof(*run_tzlz4dict));
	run_lz4dict = LZ4_createStream();
	if (!run_tzdict || !run_tzlz4dict || !run_lz4dict ||
	    tz_zstd_dict_prepare(run_tzdict, tz_zstd_dict_size(len), dict, len) ||
	    tz_lz4_dict_prepare(run_tzlz4dict, dict + len - lz4_dict_len(), lz4_dict_len(), PAGE))
		return -1;
	LZ4_loadDict(run_lz4dict, (const char *)dict + len - lz4_dict_len(), lz4_dict_len());
	return 0;
}

/* The batch and dictionary fields of a one-page row without a dictionary. */
#define TZB_ONE_PAGE 0, NULL, NULL, 0, NULL
/* ... and of a row with the run's dictionary. */
#define TZB_DICT_ROW 0, NULL, NULL, 1, NULL
/* ... and of a one-page row that also decodes part of a unit (dp). */
#define TZB_PART(dp) 0, NULL, NULL, 0, (dp)
#define KPEER_LZ4(k) -1, kpeer_lz4_setup, free, kpeer_lz4_c, kpeer_lz4_d, &(k), TZB_ONE_PAGE
#define KPEER_ZSTD(k) -1, kpeer_zstd_setup, free, kpeer_zstd_c, kpeer_zstd_d, &(k), TZB_ONE_PAGE

#define TZ_REG(v) TZ_VARIANT_##v, tz_reg_setup, tz_reg_teardown, tz_reg_c, tz_reg_d, NULL, \
	TZB_PART(tz_reg_dp)
#define TZ_AUTO(v) TZ_REG(v)
#define TZ_LZ4(v) TZ_REG(v)
#define TZ_ZSTD(v) TZ_REG(v)
/* The one-page calls serve nothing in a batch row but must exist. */
#define TZ_LZ4B(v, n) TZ_VARIANT_##v, tz_lz4b_setup, free, tz_lz4b_one_c, tz_lz4b_one_d, NULL, \
	(n), tz_lz4b_c, tz_lz4b_d, 0, NULL
#define ZSTD_REF -1, zstd_ref_setup, zstd_ref_teardown, zstd_ref_c, zstd_ref_d, NULL, TZB_ONE_PAGE

#define TZ_ZSTD_DICT(v) TZ_VARIANT_##v, tz_reg_setup, tz_reg_teardown, tz_zstd_dict_c, \
	tz_zstd_dict_d, NULL, TZB_DICT_ROW
#define ZSTD_REF_DICT -1, zstd_dict_setup, zstd_dict_teardown, zstd_dict_c, zstd_dict_d, NULL, \
	TZB_DICT_ROW
#define TZ_LZ4_DICT(v) TZ_VARIANT_##v, tz_lz4_dict_setup, tz_reg_teardown, tz_lz4_dict_c, \
	tz_lz4_dict_d, NULL, TZB_DICT_ROW
#define LZ4_DICT -1, lz4_dict_setup, free, lz4_dict_c, lz4_dict_d, NULL, TZB_DICT_ROW
#define KPEER_LZ4_DICT(k) -1, kpeer_lz4_dict_setup, free, kpeer_lz4_dict_c, kpeer_lz4_dict_d, \
	&(k), TZB_DICT_ROW
#define KPEER_ZSTD_DICT(k) -1, kpeer_zstd_dict_setup, kpeer_zstd_dict_teardown, \
	kpeer_zstd_dict_c, kpeer_zstd_dict_d, &(k), TZB_DICT_ROW

const struct tzb_codec tzb_codecs[] = {
	{ "memcpy", "ref", 0, -1, NULL, NULL, copy_cd, copy_cd, NULL, TZB_ONE_PAGE },
	{ "tzram-lz4", "scalar", 1, TZ_LZ4(SCALAR) },
	{ "tzram-lz4", "avx2", 1, TZ_LZ4(AVX2) },
	{ "tzram-lz4", "avx512", 1, TZ_LZ4(AVX512) },
	{ "tzram-lz4", "neon", 1, TZ_LZ4(NEON) },
	/* Batches: 8 pages a call (tz_lz4.h's TZ_LZ4_BATCH_SECTION), the variant
	 * the module runs here; and 2 (one per lane). */
	{ "tzram-lz4", "avx512", 1, TZ_LZ4B(AVX512, 8) },
	{ "tzram-lz4", "avx2", 1, TZ_LZ4B(AVX2, 8) },
	{ "tzram-lz4", "neon", 1, TZ_LZ4B(NEON, 8) },
	{ "tzram-lz4", "avx2", 1, TZ_LZ4B(AVX2, 2) },
	/* The kernel's own (what stock zram runs): level = LZ4 acceleration. */
#ifdef TZB_KPEER_612
	{ "kernel-lz4", "ref", 1, KPEER_LZ4(kpeer_612) },
#endif
#ifdef TZB_KPEER_72
	{ "kernel-lz4", "ref", 1, KPEER_LZ4(kpeer_72) },
#endif
	{ "liblz4-default", "ref", 1, -1, NULL, NULL, lz4_c, lz4_d, NULL, TZB_PART(lz4_dp) },
	{ "liblz4-fast8", "ref", 8, -1, NULL, NULL, lz4_c, lz4_d, NULL, TZB_ONE_PAGE },
	/* tzram-zstd: every variant at the default level 2, levels 1 and 3 on AVX2. */
	{ "tzram-zstd", "scalar", 2, TZ_ZSTD(SCALAR) },
	{ "tzram-zstd", "avx2", 2, TZ_ZSTD(AVX2) },
	{ "tzram-zstd", "avx512", 2, TZ_ZSTD(AVX512) },
	{ "tzram-zstd", "neon", 2, TZ_ZSTD(NEON) },
	{ "tzram-zstd", "avx2", 1, TZ_ZSTD(AVX2) },
	{ "tzram-zstd", "avx2", 3, TZ_ZSTD(AVX2) },
	/* Level 3 is zram's default for zstd. */
#ifdef TZB_KPEER_612
	{ "kernel-zstd", "ref", 1, KPEER_ZSTD(kpeer_612) },
	{ "kernel-zstd", "ref", 3, KPEER_ZSTD(kpeer_612) },
#endif
#ifdef TZB_KPEER_72
	{ "kernel-zstd", "ref", 1, KPEER_ZSTD(kpeer_72) },
	{ "kernel-zstd", "ref", 3, KPEER_ZSTD(kpeer_72) },
#endif
	{ "libzstd-1", "ref", 1, ZSTD_REF },
	{ "libzstd-neg1", "ref", -1, ZSTD_REF },
	{ "libzstd-3", "ref", 3, ZSTD_REF },
	/* tzram-auto: raw / LZ4 / ZSTD level 2 per page (kmod/simd/tz_codec.c). */
	{ "tzram-auto", "avx2", 2, TZ_AUTO(AVX2) },
	{ "tzram-auto", "avx512", 2, TZ_AUTO(AVX512) },
	/*
	 * With the run's dictionary (only when tzb_opts.dict_size > 0): ours
	 * both ways (tz_zstd_compress_dict, zstd_enc_dict.c; tzram-lz4 with its
	 * last 64 KiB, tz_lz4_compress_dict).
	 */
	{ "tzram-lz4", "avx2", 1, TZ_LZ4_DICT(AVX2) },
	{ "tzram-lz4", "avx512", 1, TZ_LZ4_DICT(AVX512) },
	{ "tzram-zstd", "avx2", 2, TZ_ZSTD_DICT(AVX2) },
	{ "tzram-zstd", "avx512", 2, TZ_ZSTD_DICT(AVX512) },
	{ "libzstd-1", "ref", 1, ZSTD_REF_DICT },
	{ "libzstd-3", "ref", 3, ZSTD_REF_DICT },
	{ "liblz4-default", "ref", 1, LZ4_DICT },
#ifdef TZB_KPEER_612
	{ "kernel-lz4", "ref", 1, KPEER_LZ4_DICT(kpeer_612) },
	{ "kernel-zstd", "ref", 1, KPEER_ZSTD_DICT(kpeer_612) },
	{ "kernel-zstd", "ref", 3, KPEER_ZSTD_DICT(kpeer_612) },
#endif
#ifdef TZB_KPEER_72
	{ "kernel-lz4", "ref", 1, KPEER_LZ4_DICT(kpeer_72) },
	{ "kernel-zstd", "ref", 1, KPEER_ZSTD_DICT(kpeer_72) },
	{ "kernel-zstd", "ref", 3, KPEER_ZSTD_DICT(kpeer_72) },
#endif
};
const size_t tzb_ncodecs = sizeof(tzb_codecs) / sizeof(tzb_codecs[0]);

/*
 * Rows also measured in units: runs of contiguous pages coded as one (the
 * corpus is made of 16-page chunks, so every unit is contiguous memory).
 * Ours as the module codes units (kmod/unit.c): decompressed in the
 * active variant (TZ_CODEC_SIMD_UNIT_D: a section per ZSTD block, or one
 * 64 KiB LZ4 block), compressed in it by ZSTD (TZ_CODEC_SIMD_UNIT_C: a
 * section per 8 KiB piece of a block's parse and per block's entropy
 * stage) and in the scalar one by LZ4 (its 64 KiB
 * block would be too long for one kernel FPU section); the peers for
 * reference.
 */
static const struct { const char *codec; int level; } tzb_unit_codecs[] = {
	{ "tzram-lz4", 1 }, { "liblz4-default", 1 },
	{ "tzram-zstd", 2 }, { "libzstd-1", 1 },
};
static const unsigned int tzb_unit_sizes[] = { 2, 4, 8, 16 };
#define TZB_NUNIT_CODECS (sizeof(tzb_unit_codecs) / sizeof(tzb_unit_codecs[0]))
#define TZB_NUNIT_SIZES (sizeof(tzb_unit_sizes) / sizeof(tzb_unit_sizes[0]))
const size_t tzb_nresults_max = sizeof(tzb_codecs) / sizeof(tzb_codecs[0]) +
				TZB_NUNIT_CODECS * TZB_NUNIT_SIZES;

/* ---- timing ----------------------------------------------------------- */
/*
 * Throughput uses thread CPU time by default: on a shared machine the time
 * a thread spends descheduled would otherwise count against whichever
 * codec ran. opts->wall selects CLOCK_MONOTONIC. Per-page latency always
 * uses CLOCK_MONOTONIC (vDSO, tens of ns; the thread CPU clock is a
 * system call that would cost more than a small page).
 */
static double clock_s(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double mean(const double *v, size_t n)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += v[i];
	return n ? sum / n : 0;
}

/* Sort v and return the p-quantile (nearest rank). */
static double quantile(double *v, size_t n, double p)
{
	size_t k;

	qsort(v, n, sizeof(*v), cmp_double);
	k = (size_t)(p * n + 0.999999);
	return v[k ? k - 1 : 0];
}

/* GB/s of each pass -> median and extremes. */
static struct tzb_speed speed_of(double *gbps, int passes)
{
	struct tzb_speed s;

	qsort(gbps, passes, sizeof(*gbps), cmp_double);
	s.min = gbps[0];
	s.max = gbps[passes - 1];
	s.med = passes & 1 ? gbps[passes / 2] : (gbps[passes / 2 - 1] + gbps[passes / 2]) / 2;
	return s;
}

int tzb_pin_self(int cpu)
{
	cpu_set_t set;
	const char *e = getenv("BENCH_CPU");

	if (cpu < 0)
		cpu = e ? atoi(e) : sched_getcpu();
	if (cpu < 0)
		cpu = 0;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set))
		return -1;
	return cpu;
}

/* ---- one codec ---------------------------------------------------------- */
/*
 * A codec's input is cut into units of upages contiguous pages (1: every
 * page alone, the rows of tzb_codecs[]; batch rows then take their pages
 * a group at a time); the last unit may be shorter. Each unit has its own
 * output slot of upages * SLOT bytes.
 */
struct bufs {
	unsigned char *cbuf;	/* nu slots of compressed output */
	int *clen;
	const unsigned char *pages, *same;
	size_t np;
	size_t upages, nu, slot;	/* pages per unit, units, slot bytes */
};

static unsigned int unit_len(const struct bufs *b, size_t u)
{
	size_t first = u * b->upages;

	return (b->np - first < b->upages ? b->np - first : b->upages) * PAGE;
}

struct worker {
	const struct tzb_codec *c;
	const struct tzb_opts *o;
	struct bufs *b;
	size_t first, n;	/* this thread's units (pages if upages is 1) */
	int cpu;
	pthread_barrier_t *bar;
	double *tc, *td;	/* per pass seconds */
	int warm;		/* 1: an untimed pass first */
	int err;
};

/*
 * Compress units [i, i + k) of b, k <= tzb_batch(c): one call (a batch
 * row's pages) or one per unit.
 */
static void compress_group(const struct tzb_codec *c, void *st, struct bufs *b, size_t i,
			   size_t k)
{
	size_t j;

	if (c->batch > 1) {
		c->compress_n(st, c, b->pages + i * PAGE, k, b->cbuf + i * SLOT, SLOT,
			      b->clen + i);
		return;
	}
	for (j = i; j < i + k; j++)
		b->clen[j] = c->compress(st, c, b->pages + j * b->upages * PAGE, unit_len(b, j),
					 b->cbuf + j * b->slot, b->slot);
}

/* Decompress the same into out (k pages); < 0 if a page failed. */
static int decompress_group(const struct tzb_codec *c, void *st, const struct bufs *b,
			    size_t i, size_t k, unsigned char *out)
{
	size_t j;
	int err = 0;

	if (c->batch > 1)
		return c->decompress_n(st, c, b->cbuf + i * SLOT, SLOT, b->clen + i, k, out);
	for (j = 0; j < k; j++)
		err |= c->decompress(st, c, b->cbuf + (i + j) * b->slot, b->clen[i + j],
				     out + j * b->upages * PAGE, unit_len(b, i + j)) !=
		       (int)unit_len(b, i + j);
	return err ? -1 : 0;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	const struct tzb_codec *c = w->c;
	clockid_t clk = w->o->wall ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID;
	void *st = c->setup ? c->setup(c) : NULL;
	struct bufs *b = w->b;
	const size_t g = tzb_batch(c), end = w->first + w->n;
	unsigned char *out = malloc(PAGE * 2 * g * b->upages);
	size_t i;
	int p;

	if (w->cpu >= 0)
		tzb_pin_self(w->cpu);
	if ((c->setup && !st) || !out)
		w->err = 1;
	/*
	 * p = -1: an untimed warm-up pass (the first pass over fresh buffers
	 * measured several times slower than the next ones, even for memcpy).
	 */
	for (p = w->warm ? -1 : 0; p < w->o->passes; p++) {
		double t0;

		pthread_barrier_wait(w->bar);
		t0 = clock_s(clk);
		for (i = w->first; i < end && !w->err; i += g)
			compress_group(c, st, b, i, end - i < g ? end - i : g);
		if (p >= 0)
			w->tc[p] = clock_s(clk) - t0;
	}
	for (p = w->warm ? -1 : 0; p < w->o->passes; p++) {
		double t0;

		pthread_barrier_wait(w->bar);
		t0 = clock_s(clk);
		for (i = w->first; i < end && !w->err; i += g) {
			const size_t k = end - i < g ? end - i : g;
			size_t j;

			for (j = i; j < i + k; j++)
				w->err |= b->clen[j] <= 0;	/* reported by check_sizes() */
			if (!w->err)
				decompress_group(c, st, b, i, k, out);
		}
		if (p >= 0)
			w->td[p] = clock_s(clk) - t0;
	}
	if (c->teardown && st)
		c->teardown(st);
	free(out);
	return NULL;
}

/*
 * nt threads, each on its own CPU with its own slice of the pages, started
 * together for every pass. Aggregate GB/s of a pass: with the wall clock,
 * all bytes over the slowest thread's time; with CPU time, the sum of the
 * threads' own rates (what the cores deliver when they are not shared).
 */
static int run_threads(const struct tzb_codec *c, const struct tzb_opts *o, struct bufs *b,
		       const int *cpus, int nt, int warm, struct tzb_speed *cs, struct tzb_speed *ds)
{
	struct worker *w = calloc(nt, sizeof(*w));
	pthread_t *tid = calloc(nt, sizeof(*tid));
	double *gc = calloc(o->passes, sizeof(double)), *gd = calloc(o->passes, sizeof(double));
	pthread_barrier_t bar;
	int t, p, err = 0;

	if (!w || !tid || !gc || !gd)
		return -1;
	pthread_barrier_init(&bar, NULL, nt);
	for (t = 0; t < nt; t++) {
		w[t] = (struct worker){ .c = c, .o = o, .b = b, .cpu = cpus ? cpus[t] : -1,
					.bar = &bar, .warm = warm };
		w[t].first = b->nu * t / nt;
		w[t].n = b->nu * (t + 1) / nt - w[t].first;
		w[t].tc = calloc(o->passes, sizeof(double));
		w[t].td = calloc(o->passes, sizeof(double));
		if (!w[t].tc || !w[t].td)
			return -1;
	}
	if (nt == 1) {
		worker_main(&w[0]);
	} else {
		for (t = 0; t < nt; t++)
			if (pthread_create(&tid[t], NULL, worker_main, &w[t]))
				return -1;
		for (t = 0; t < nt; t++)
			pthread_join(tid[t], NULL);
	}
	for (p = 0; p < o->passes; p++) {
		double maxc = 0, maxd = 0;

		for (t = 0; t < nt; t++) {
			double bytes = 0;
			size_t u;

			for (u = w[t].first; u < w[t].first + w[t].n; u++)
				bytes += unit_len(b, u);

			if (o->wall) {
				maxc = w[t].tc[p] > maxc ? w[t].tc[p] : maxc;
				maxd = w[t].td[p] > maxd ? w[t].td[p] : maxd;
			} else {
				gc[p] += bytes / w[t].tc[p] / 1e9;
				gd[p] += bytes / w[t].td[p] / 1e9;
			}
		}
		if (o->wall) {
			gc[p] = b->np * (double)PAGE / maxc / 1e9;
			gd[p] = b->np * (double)PAGE / maxd / 1e9;
		}
	}
	*cs = speed_of(gc, o->passes);
	*ds = speed_of(gd, o->passes);
	for (t = 0; t < nt; t++) {
		err |= w[t].err;
		free(w[t].tc);
		free(w[t].td);
	}
	pthread_barrier_destroy(&bar);
	free(w);
	free(tid);
	free(gc);
	free(gd);
	return err ? -1 : 0;
}

/* What the device stores for one page on its own: same 0, huge 4096. */
static unsigned int page_cost(int len)
{
	return len >= TZB_HUGE_SIZE ? PAGE : len;
}

/*
 * What the device stores for unit u (kmod/unit.c): its same-filled pages
 * as fill words (0 bytes), the others packed together and coded as one
 * unit if there are at least two and that comes below the huge size per
 * page, else each alone. The packed unit is round-tripped too. Returns
 * the bytes stored, or -1 on a failure (a message says which).
 */
static long long unit_cost(const struct tzb_codec *c, void *st, const struct bufs *b,
			   size_t u, unsigned char *pack, unsigned char *tmp,
			   unsigned char *out, unsigned long long *huge,
			   unsigned long long *in_units)
{
	size_t first = u * b->upages, npg = unit_len(b, u) / PAGE, i, m = 0;
	long long cost = 0;
	int len;

	for (i = 0; i < npg; i++)
		if (!b->same[first + i])
			memcpy(pack + m++ * PAGE, b->pages + (first + i) * PAGE, PAGE);
	if (m >= 2) {
		len = c->compress(st, c, pack, m * PAGE, tmp, b->slot);
		if (len <= 0 || c->decompress(st, c, tmp, len, out, m * PAGE) != (int)(m * PAGE) ||
		    memcmp(out, pack, m * PAGE)) {
			fprintf(stderr, "bench: %s/%s: packed unit %zu does not round-trip\n",
				c->codec, c->variant, u);
			return -1;
		}
		if (len < (long long)m * TZB_HUGE_SIZE) {
			*in_units += m;
			return len;
		}
	}
	for (i = 0; i < m; i++) {
		len = c->compress(st, c, pack + i * PAGE, PAGE, tmp, b->slot);
		if (len <= 0)
			return -1;
		*huge += len >= TZB_HUGE_SIZE;
		cost += page_cost(len);
	}
	return cost;
}

/* Sizes, ratios and the round trip of every unit of a unit row. */
static int check_units(const struct tzb_codec *c, struct bufs *b, struct tzb_result *r)
{
	unsigned long long total = 0, zram = 0, huge = 0, in_units = 0;
	void *st = c->setup ? c->setup(c) : NULL;
	size_t ubytes = b->upages * PAGE;
	unsigned char *out = malloc(ubytes * 2), *pack = malloc(ubytes), *tmp = malloc(b->slot);
	size_t i;
	int n, err = !out || !pack || !tmp;

	for (i = 0; i < b->nu && !err; i++) {
		int len = b->clen[i];
		unsigned int ul = unit_len(b, i);
		long long cost;

		if (len <= 0) {
			fprintf(stderr, "bench: %s/%s: compress unit %zu failed (%d)\n",
				c->codec, c->variant, i, len);
			err = 1;
			break;
		}
		total += len;
		n = c->decompress(st, c, b->cbuf + i * b->slot, len, out, ul);
		if (n != (int)ul || memcmp(out, b->pages + i * ubytes, ul)) {
			fprintf(stderr, "bench: %s/%s: unit %zu does not round-trip\n",
				c->codec, c->variant, i);
			err = 1;
		}
		if (b->upages == 1) {
			huge += len >= TZB_HUGE_SIZE;
			zram += b->same[i] ? 0 : page_cost(len);
			continue;
		}
		cost = unit_cost(c, st, b, i, pack, tmp, out, &huge, &in_units);
		if (cost < 0)
			err = 1;
		zram += cost;
	}
	r->ratio = b->np * (double)PAGE / total;
	r->zram_ratio = zram ? b->np * (double)PAGE / zram : 0;
	r->huge_pct = 100.0 * huge / b->np;
	r->unit_pct = 100.0 * in_units / b->np;
	if (c->teardown && st)
		c->teardown(st);
	free(out);
	free(pack);
	free(tmp);
	return err ? -1 : 0;
}

/* Sizes, ratios and the round trip of every page (after a compress run). */
static int check_sizes(const struct tzb_codec *c, struct bufs *b, struct tzb_result *r)
{
	unsigned long long total = 0, zram = 0, huge = 0;
	void *st = c->setup ? c->setup(c) : NULL;
	const size_t g = tzb_batch(c);
	unsigned char *out = malloc(PAGE * 2 * g);
	size_t i, j, k;
	int err = 0;

	for (i = 0; i < b->np && !err; i++) {
		int len = b->clen[i];

		if (len <= 0) {
			fprintf(stderr, "bench: %s/%s: compress page %zu failed (%d)\n",
				c->codec, c->variant, i, len);
			err = 1;
			break;
		}
		total += len;
		huge += len >= TZB_HUGE_SIZE;
		zram += b->same[i] ? 0 : len >= TZB_HUGE_SIZE ? PAGE : len;
	}
	/* The round trip, in the row's groups. */
	for (i = 0; i < b->np && !err; i += g) {
		k = b->np - i < g ? b->np - i : g;
		if (decompress_group(c, st, b, i, k, out) ||
		    memcmp(out, b->pages + i * PAGE, k * PAGE)) {
			for (j = 0; j < k && !memcmp(out + j * PAGE, b->pages + (i + j) * PAGE,
						     PAGE); j++)
				;
			fprintf(stderr, "bench: %s/%s batch %zu: page %zu does not round-trip\n",
				c->codec, c->variant, g, i + j);
			err = 1;
		}
	}
	r->ratio = b->np * (double)PAGE / total;
	r->zram_ratio = zram ? b->np * (double)PAGE / zram : 0;
	r->huge_pct = 100.0 * huge / b->np;
	if (c->teardown && st)
		c->teardown(st);
	free(out);
	return err ? -1 : 0;
}

/*
 * Per-page latency: each page timed alone, LAT_REPS times per direction,
 * keeping each page's fastest time. The minimum drops the preemptions and
 * host steals of a shared machine (one of them is a 1 ms "p99"), so the
 * p50/p99 over pages describe what the pages cost, slow ones included.
 */
#define LAT_REPS 3
static void latency(const struct tzb_codec *c, struct bufs *b, struct tzb_result *r)
{
	void *st = c->setup ? c->setup(c) : NULL;
	const size_t g = tzb_batch(c);
	unsigned char *out = malloc(PAGE * 2 * g), *tmp = malloc(SLOT * g);
	double *lc = malloc(b->np * sizeof(double)), *ld = malloc(b->np * sizeof(double));
	int *tlen = malloc(g * sizeof(int));
	size_t i, j, n;
	int k;

	if (!out || !tmp || !lc || !ld || !tlen)
		goto out;
	for (i = 0; i < b->np; i++)
		lc[i] = ld[i] = 1e9;
	for (k = 0; k < LAT_REPS; k++) {
		for (i = 0; i < b->np; i += g) {
			double t0 = clock_s(CLOCK_MONOTONIC), t;

			n = b->np - i < g ? b->np - i : g;
			if (c->batch > 1)
				c->compress_n(st, c, b->pages + i * PAGE, n, tmp, SLOT, tlen);
			else
				c->compress(st, c, b->pages + i * PAGE, PAGE, tmp, SLOT);
			t = (clock_s(CLOCK_MONOTONIC) - t0) / n;
			for (j = i; j < i + n; j++)
				lc[j] = t < lc[j] ? t : lc[j];
			t0 = clock_s(CLOCK_MONOTONIC);
			decompress_group(c, st, b, i, n, out);
			t = (clock_s(CLOCK_MONOTONIC) - t0) / n;
			for (j = i; j < i + n; j++)
				ld[j] = t < ld[j] ? t : ld[j];
		}
	}
	r->c_p50_us = quantile(lc, b->np, 0.50) * 1e6;
	r->c_p99_us = quantile(lc, b->np, 0.99) * 1e6;
	r->rp_mean_us = mean(ld, b->np) * 1e6;
	r->d_p50_us = quantile(ld, b->np, 0.50) * 1e6;
	r->d_p99_us = quantile(ld, b->np, 0.99) * 1e6;
	r->rp_p50_us = r->d_p50_us;	/* a page's read: its decode */
	r->rp_p99_us = r->d_p99_us;
out:
	if (c->teardown && st)
		c->teardown(st);
	free(out);
	free(tmp);
	free(lc);
	free(ld);
	free(tlen);
}

/*
 * Latency: each unit timed alone, LAT_REPS times per measurement, keeping
 * each unit's fastest time. The minimum drops the preemptions and host
 * steals of a shared machine (one of them is a 1 ms "p99"), so the
 * p50/p99 over units describe what the units cost, slow ones included.
 * Measured: compress, decompress of the whole unit, and the read of one
 * page (one per unit, chosen uniformly: where the codec stops after the
 * page, the cost grows with its place in the unit): from a one-page unit,
 * decode into it; from a larger unit, decode into a buffer as far as that
 * page (decompress_part, as the device does; all of it for codecs without
 * one) and copy the page out (a miss of the device's per-CPU cache), then
 * the copy alone (a hit).
 */
static void latency_units(const struct tzb_codec *c, struct bufs *b, struct tzb_result *r)
{
	void *st = c->setup ? c->setup(c) : NULL;
	size_t ubytes = b->upages * PAGE;
	unsigned char *out = malloc(ubytes * 2), *tmp = malloc(b->slot), *pg = malloc(PAGE);
	double *lc = malloc(b->nu * sizeof(double)), *ld = malloc(b->nu * sizeof(double));
	double *lr = malloc(b->nu * sizeof(double)), *lh = malloc(b->nu * sizeof(double));
	size_t i;
	int k;

	if (!out || !tmp || !pg || !lc || !ld || !lr || !lh)
		goto out;
	for (i = 0; i < b->nu; i++)
		lc[i] = ld[i] = lr[i] = lh[i] = 1e9;
	for (k = 0; k < LAT_REPS; k++) {
		for (i = 0; i < b->nu; i++) {
			unsigned int ul = unit_len(b, i);
			/* A page of the unit, uniformly over the units (a hash of i). */
			unsigned int at = (unsigned int)((i * 0x9E3779B1u) >> 8) % (ul / PAGE) * PAGE;
			const unsigned char *src = b->cbuf + i * b->slot;
			double t0 = clock_s(CLOCK_MONOTONIC), t;

			c->compress(st, c, b->pages + i * ubytes, ul, tmp, b->slot);
			t = clock_s(CLOCK_MONOTONIC) - t0;
			lc[i] = t < lc[i] ? t : lc[i];
			t0 = clock_s(CLOCK_MONOTONIC);
			c->decompress(st, c, src, b->clen[i], out, ul);
			t = clock_s(CLOCK_MONOTONIC) - t0;
			ld[i] = t < ld[i] ? t : ld[i];
			if (b->upages == 1)
				continue;
			t0 = clock_s(CLOCK_MONOTONIC);
			if (c->decompress_part)
				c->decompress_part(st, c, src, b->clen[i], out, ul, at + PAGE);
			else
				c->decompress(st, c, src, b->clen[i], out, ul);
			memcpy(pg, out + at, PAGE);
			t = clock_s(CLOCK_MONOTONIC) - t0;
			lr[i] = t < lr[i] ? t : lr[i];
			if (k == LAT_REPS - 1 && memcmp(pg, b->pages + i * ubytes + at, PAGE))
				fprintf(stderr, "bench: %s/%s: unit %zu page read back wrong\n",
					c->codec, c->variant, i);
			t0 = clock_s(CLOCK_MONOTONIC);
			memcpy(pg, out + at, PAGE);
			t = clock_s(CLOCK_MONOTONIC) - t0;
			lh[i] = t < lh[i] ? t : lh[i];
		}
	}
	r->c_p50_us = quantile(lc, b->nu, 0.50) * 1e6;
	r->c_p99_us = quantile(lc, b->nu, 0.99) * 1e6;
	r->rp_mean_us = mean(b->upages == 1 ? ld : lr, b->nu) * 1e6;
	r->d_p50_us = quantile(ld, b->nu, 0.50) * 1e6;
	r->d_p99_us = quantile(ld, b->nu, 0.99) * 1e6;
	if (b->upages == 1) {
		r->rp_p50_us = r->d_p50_us;	/* the page is the unit */
		r->rp_p99_us = r->d_p99_us;
	} else {
		r->rp_p50_us = quantile(lr, b->nu, 0.50) * 1e6;
		r->rp_p99_us = quantile(lr, b->nu, 0.99) * 1e6;
		r->hit_p50_us = quantile(lh, b->nu, 0.50) * 1e6;
		r->hit_p99_us = quantile(lh, b->nu, 0.99) * 1e6;
	}
out:
	if (c->teardown && st)
		c->teardown(st);
	free(out);
	free(tmp);
	free(pg);
	free(lc);
	free(ld);
	free(lr);
	free(lh);
}

static double timer_cost_ns(void)
{
	double v[101];
	int i;

	for (i = 0; i < 101; i++) {
		double t0 = clock_s(CLOCK_MONOTONIC);

		v[i] = clock_s(CLOCK_MONOTONIC) - t0;
	}
	return quantile(v, 101, 0.5) * 1e9;
}

static void cpu_model(char *buf, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];

	snprintf(buf, len, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *v = strchr(line, ':');

		if (v && (!strncmp(line, "model name", 10) || !strncmp(line, "Model", 5))) {
			v += 1 + strspn(v + 1, " \t");
			v[strcspn(v, "\n")] = 0;
			snprintf(buf, len, "%s", v);
			break;
		}
	}
	fclose(f);
}

/* Whether name is one of the comma-separated list. */
static int only_has(const char *list, const char *name)
{
	const size_t n = strlen(name);

	while (*list) {
		const size_t k = strcspn(list, ",");

		if (k == n && !strncmp(list, name, n))
			return 1;
		list += k + (list[k] == ',');
	}
	return 0;
}

/*
 * Codecs are measured round-robin: warm-up, sizes, round trips and latency
 * codec by codec, then every timed pass runs each codec once in turn, so a
 * change in the machine's load during the run hits every row alike instead
 * of the rows that happened to run then. Each codec keeps its own output
 * slots (a unit's worth of SLOT bytes per unit) for its decompression
 * passes.
 */
/*
 * Set apart every 8th 16-page chunk (from the first) to train the run's
 * dictionary on, copy the other pages to *meas; tz_dict_train (the
 * trainer of `tzramctl dict train`) into at most o->dict_size bytes. Returns the pages to measure (np with
 * no dictionary: *meas = pages), or 0 on failure. A note in info says
 * what happened.
 */
static size_t split_and_train(const unsigned char *pages, size_t np, const struct tzb_opts *o,
			      unsigned char **meas, unsigned char **dict, struct tzb_info *in)
{
	unsigned char *train = malloc(np * PAGE + 1), *m = malloc(np * PAGE + 1);
	size_t nt = 0, nm = 0, i, len;

	*dict = malloc(o->dict_size);
	if (!train || !m || !*dict) {
		fprintf(stderr, "bench: out of memory\n");
		exit(2);
	}
	for (i = 0; i < np; i++) {
		if ((i / 16) % 8 == 0) {
			memcpy(train + nt++ * PAGE, pages + i * PAGE, PAGE);
		} else {
			memcpy(m + nm++ * PAGE, pages + i * PAGE, PAGE);
		}
	}
	len = nm ? tz_dict_train(*dict, o->dict_size, train, nt, PAGE, &in->dict_builder) : 0;
	free(train);
	if (!nm || ZDICT_isError(len)) {
		snprintf(in->dict_note, sizeof(in->dict_note), "no dictionary rows: tz_dict_train on %zu pages: %s",
			 nt, nm ? ZDICT_getErrorName(len) : "too few pages");
		free(m);
		free(*dict);
		*dict = NULL;
		*meas = (unsigned char *)pages;
		return np;
	}
	in->dict_len = len;
	in->train_pages = nt;
	*meas = m;
	return nm;
}

/*
 * Whether a dictionary row compresses at all: ours answers -EOPNOTSUPP
 * until the encoder's part exists; the note says so instead of failing.
 */
static int dict_row_works(const struct tzb_codec *c, const unsigned char *page,
			  struct tzb_info *in)
{
	void *st = c->setup ? c->setup(c) : NULL;
	unsigned char *out = malloc(SLOT);
	int r = (c->setup && !st) || !out ? -1 : c->compress(st, c, page, PAGE, out, SLOT);

	if (c->teardown && st)
		c->teardown(st);
	free(out);
	if (r == -EOPNOTSUPP && !in->dict_note[0])
		snprintf(in->dict_note, sizeof(in->dict_note), "%s with a dictionary: skipped: "
			 "compression with a dictionary not implemented yet", c->codec);
	return r != -EOPNOTSUPP;
}

/*
 * Our row c as the module runs it in units (see tzb_unit_codecs): the
 * decoders in the active variant, the compressor too where the codec
 * bounds its sections (TZ_CODEC_SIMD_UNIT_C), else c's (scalar); variant
 * reads "avx2" or "scalar+avx2".
 */
static int tz_reg_c_active(void *st, const struct tzb_codec *c, const void *src,
			   unsigned int n, void *dst, unsigned int cap)
{
	return tz_reg_cv(st, tz_variant_active(), c->level, src, n, dst, cap);
}

static int tz_reg_d_active(void *st, const struct tzb_codec *c, const void *src,
			   unsigned int n, void *dst, unsigned int cap)
{
	(void)c;
	return tz_reg_dv(st, tz_variant_active(), src, n, dst, cap);
}

static int tz_reg_dp_active(void *st, const struct tzb_codec *c, const void *src,
			    unsigned int n, void *dst, unsigned int cap, unsigned int need)
{
	(void)c;
	return tz_reg_dpv(st, tz_variant_active(), src, n, dst, cap, need);
}

static const struct tzb_codec *unit_row(size_t i, const struct tzb_codec *c)
{
	static struct tzb_codec rows[TZB_NUNIT_CODECS];
	static char names[TZB_NUNIT_CODECS][24];
	const struct tz_codec *reg;

	if (c->decompress != tz_reg_d || c->decompress_part != tz_reg_dp)
		return c;
	reg = tz_codec_find(c->codec + strlen("tzram-"));
	rows[i] = *c;
	rows[i].decompress = tz_reg_d_active;
	rows[i].decompress_part = tz_reg_dp_active;
	if (reg && (reg->simd & TZ_CODEC_SIMD_UNIT_C)) {
		rows[i].compress = tz_reg_c_active;
		snprintf(names[i], sizeof(names[i]), "%s",
			 tz_variant_name(tz_variant_active()));
	} else {
		snprintf(names[i], sizeof(names[i]), "%s+%s", c->variant,
			 tz_variant_name(tz_variant_active()));
	}
	rows[i].variant = names[i];
	return &rows[i];
}

/*
 * Row i of a run: the codec of tzb_codecs[i], each page on its own; past
 * the table, unit rows (tzb_unit_codecs x tzb_unit_sizes), or NULL where
 * the codec has no such row.
 */
static const struct tzb_codec *row_of(size_t i, unsigned int *upages)
{
	size_t k;

	*upages = 1;
	if (i < tzb_ncodecs)
		return &tzb_codecs[i];
	i -= tzb_ncodecs;
	*upages = tzb_unit_sizes[i % TZB_NUNIT_SIZES];
	i /= TZB_NUNIT_SIZES;
	for (k = 0; k < tzb_ncodecs; k++) {
		const struct tzb_codec *c = &tzb_codecs[k];

		if (!strcmp(c->codec, tzb_unit_codecs[i].codec) &&
		    c->level == tzb_unit_codecs[i].level && tzb_batch(c) == 1 && !c->dict &&
		    (c->tz_variant < 0 || c->tz_variant == TZ_VARIANT_SCALAR))
			return c->tz_variant < 0 ? c : unit_row(i, c);
	}
	return NULL;
}

int tzb_run_all(const unsigned char *pages, size_t np, const struct tzb_opts *o,
		struct tzb_result *res, struct tzb_info *in)
{
	const unsigned char *pages_all = pages;
	unsigned char *meas = NULL, *dict = NULL;
	size_t np_all = np;
	struct tzb_opts one = *o;
	struct bufs *b = calloc(tzb_nresults_max, sizeof(*b));
	double *g = calloc(tzb_nresults_max * 4 * o->passes, sizeof(double));
	unsigned char *same = malloc(np);
	cpu_set_t allowed;
	int cpus[CPU_SETSIZE], ncpu = 0, nt, main_cpu, n = 0, k, p, err = 0;
	size_t i;

	if (!same || !b || !g) {
		fprintf(stderr, "bench: out of memory\n");
		return -1;
	}
	one.passes = 1;
	for (i = 0; i < np; i++) {
		unsigned long fill;

		same[i] = tz_same_filled_v(TZ_VARIANT_SCALAR, pages + i * PAGE, PAGE, &fill);
	}
	/* The CPUs we may use, before pinning ourselves to one of them. */
	CPU_ZERO(&allowed);
	if (sched_getaffinity(0, sizeof(allowed), &allowed))
		CPU_SET(0, &allowed);
	for (k = 0; k < CPU_SETSIZE; k++)
		if (CPU_ISSET(k, &allowed))
			cpus[ncpu++] = k;
	nt = o->threads == 0 ? ncpu : o->threads;
	main_cpu = tzb_pin_self(-1);
	memset(in, 0, sizeof(*in));
	if (o->dict_size) {
		np = split_and_train(pages, np_all, o, &meas, &dict, in);
		if (meas != pages) {
			pages = meas;
			for (i = 0; i < np; i++) {
				unsigned long fill;

				same[i] = tz_same_filled_v(TZ_VARIANT_SCALAR, pages + i * PAGE, PAGE,
							   &fill);
			}
		}
	}
	if (set_run_dict(dict, in->dict_len)) {
		fprintf(stderr, "bench: preparing the dictionary failed\n");
		return -1;
	}
	in->pages = np;
	in->passes = o->passes;
	in->wall = o->wall;
	in->threads = nt;
	in->ncpu = ncpu;
	in->timer_ns = timer_cost_ns();
	cpu_model(in->cpu, sizeof(in->cpu));
	if (o->progress && in->dict_len)
		fprintf(o->progress, "dictionary: %zu bytes (ZDICT %s) trained on %zu pages (every 8th "
			"16-page chunk), all rows measured on the other %zu\n", in->dict_len,
			in->dict_builder, in->train_pages, np);
	else if (o->progress && in->dict_note[0])
		fprintf(o->progress, "%s\n", in->dict_note);
	if (o->progress)
		fprintf(o->progress, "%zu pages, %d passes (median, codecs round-robin), %s time, "
			"1 thread pinned to CPU %d%s", np, o->passes, o->wall ? "wall" : "thread CPU",
			main_cpu, nt > 1 ? "" : "\n");
	if (o->progress && nt > 1)
		fprintf(o->progress, ", then %d threads on CPUs %d..%d\n", nt, cpus[0], cpus[nt - 1]);

	/* Warm-up, sizes, round trips, latency: codec by codec. */
	for (i = 0; i < tzb_nresults_max && !err; i++) {
		unsigned int upages;
		const struct tzb_codec *c = row_of(i, &upages);
		struct tzb_result *r = &res[n];
		struct tzb_speed sc, sd;

		if (!c || (c->tz_variant >= 0 && !tz_variant_supported(c->tz_variant)))
			continue;
		if (o->only && !only_has(o->only, c->codec) && strcmp(c->codec, "memcpy"))
			continue;
		if (c->dict && !run_dict)
			continue;
		if (c->dict && !dict_row_works(c, pages, in))
			continue;
		memset(r, 0, sizeof(*r));
		r->c = c;
		r->unit_pages = upages;
		r->dict = !c->dict ? 0 : c->compress == lz4_dict_c || c->compress == tz_lz4_dict_c ?
			  lz4_dict_len() : run_dict_len;
		b[n] = (struct bufs){ .pages = pages, .same = same, .np = np, .upages = upages };
		b[n].nu = (np + upages - 1) / upages;
		b[n].slot = upages * SLOT;
		b[n].cbuf = malloc(b[n].nu * b[n].slot);
		b[n].clen = calloc(b[n].nu, sizeof(int));
		if (!b[n].cbuf || !b[n].clen) {
			fprintf(stderr, "bench: out of memory (%zu rows x %zu pages)\n", tzb_nresults_max, np);
			err = 1;
			break;
		}
		/* Fault the slots in now, not in a timed pass (not 0: gcc would make it calloc). */
		memset(b[n].cbuf, 0x5a, b[n].nu * b[n].slot);
		k = run_threads(c, &one, &b[n], main_cpu >= 0 ? &main_cpu : NULL, 1, 1, &sc, &sd);
		n++;
		if ((upages > 1 ? check_units : check_sizes)(c, &b[n - 1], r) || k) {
			err = 1;
			break;
		}
		if (o->latency)
			(upages > 1 ? latency_units : latency)(c, &b[n - 1], r);
		if (o->progress) {
			fprintf(o->progress, "  %-14s %-6s %2d b%-2d u%-2u ratio %.3f  zram %.3f  latency comp %.2f/%.2f  dec %.2f/%.2f us\n",
				c->codec, c->variant, c->level, tzb_batch(c), upages, r->ratio, r->zram_ratio,
				r->c_p50_us, r->c_p99_us, r->d_p50_us, r->d_p99_us);
			fflush(o->progress);
		}
	}
	/* Timed passes, round-robin. g: per codec, 4 series of passes. */
	for (p = 0; p < o->passes && !err; p++) {
		for (k = 0; k < n && !err; k++) {
			const struct tzb_codec *c = res[k].c;
			double *gk = g + (size_t)k * 4 * o->passes;
			struct tzb_speed sc, sd;

			if (run_threads(c, &one, &b[k], main_cpu >= 0 ? &main_cpu : NULL, 1, 0, &sc, &sd))
				err = 1;
			gk[p] = sc.med;
			gk[o->passes + p] = sd.med;
			if (nt > 1 && !err) {
				if (run_threads(c, &one, &b[k], cpus, nt, 0, &sc, &sd))
					err = 1;
				gk[2 * o->passes + p] = sc.med;
				gk[3 * o->passes + p] = sd.med;
			}
		}
		if (o->progress) {
			fprintf(o->progress, "  pass %d/%d done\n", p + 1, o->passes);
			fflush(o->progress);
		}
	}
	for (k = 0; k < n && !err; k++) {
		double *gk = g + (size_t)k * 4 * o->passes;

		res[k].comp = speed_of(gk, o->passes);
		res[k].dec = speed_of(gk + o->passes, o->passes);
		if (nt > 1) {
			res[k].mt_threads = nt;
			res[k].mt_comp = speed_of(gk + 2 * o->passes, o->passes);
			res[k].mt_dec = speed_of(gk + 3 * o->passes, o->passes);
		}
	}
	if (err && n)
		fprintf(stderr, "bench: %s/%s level %d failed\n", res[n - 1].c->codec,
			res[n - 1].c->variant, res[n - 1].c->level);
	for (k = 0; k < n; k++) {
		free(b[k].cbuf);
		free(b[k].clen);
	}
	set_run_dict(NULL, 0);
	free(dict);
	if (meas && meas != pages_all)
		free(meas);
	free(b);
	free(g);
	free(same);
	return err ? -1 : n;
}

/* ---- synthetic pages ---------------------------------------------------- */
static unsigned long long xs(unsigned long long *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/*
 * A deterministic mix standing in for anonymous memory: text, records,
 * pointer arrays, zero and same-filled pages, half-empty pages, noise.
 */
size_t tzb_synth_pages(size_t np, unsigned char **buf)
{
	static const char *const words[] = {
		"the", "page", "swap", "memory", "struct", "return", "int", "node",
		"value", "key", "error", "list", "zram", "data", "file", "0x7f",
	};
	unsigned long long s = 0x9e3779b97f4a7c15ull;
	unsigned char *p = malloc(np * PAGE);
	size_t i, j;

	if (!p) {
		fprintf(stderr, "bench: out of memory\n");
		exit(2);
	}
	for (i = 0; i < np; i++) {
		unsigned char *pg = p + i * PAGE;
		unsigned long long *q = (unsigned long long *)pg;

		switch (i % 8) {
		case 0:
			memset(pg, 0, PAGE);
			break;
		case 1: case 4: {	/* text */
			size_t o = 0;

			while (o < PAGE) {
				const char *w = words[xs(&s) % 16];
				size_t l = strlen(w);

				for (j = 0; j < l && o < PAGE; j++)
					pg[o++] = w[j];
				if (o < PAGE)
					pg[o++] = xs(&s) % 9 ? ' ' : '\n';
			}
			break;
		}
		case 2:			/* records: id, small fields, flags */
			for (j = 0; j < PAGE / 8; j += 2) {
				q[j] = i * 512 + j;
				q[j + 1] = (xs(&s) & 0xff) | 0x100000000ull;
			}
			break;
		case 3:			/* pointers into a few heaps */
			for (j = 0; j < PAGE / 8; j++)
				q[j] = 0x7f3a00000000ull + ((xs(&s) & 0xfff) << 4);
			break;
		case 5:			/* noise: incompressible */
			for (j = 0; j < PAGE / 8; j++)
				q[j] = xs(&s);
			break;
		case 6:			/* half used */
			memset(pg, 0, PAGE);
			for (j = 0; j < PAGE / 16; j++)
				q[j] = xs(&s) & 0xffff;
			break;
		default:		/* same-filled, not zero */
			for (j = 0; j < PAGE / 8; j++)
				q[j] = 0xdeadbeefdeadbeefull;
		}
	}
	*buf = p;
	return np;
}
