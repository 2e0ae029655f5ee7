// SPDX-License-Identifier: GPL-2.0
/*
 * instr: one codec's compress and decompress of every 64th corpus page,
 * each in its own function (instr_compress, instr_decompress), so that
 * callgrind counts the instructions per page of each half (instr.sh runs
 * it for every codec and prints the table in docs/BENCHMARKS.md).
 * Instruction counts are deterministic where timings on shared machines are
 * not; they say where the work is, not how fast a CPU retires it.
 *
 *   instr CODEC CORPUS [UNIT]
 *
 * With UNIT (1, 2, 4, 8, 16; tzram-zstd-l1..3, libzstd-1, tzram-lz4, liblz4):
 * every 32nd 16-page chunk of the corpus instead (contiguous memory), coded
 * UNIT pages a call as the device's units (kmod/unit.c), ours in the scalar
 * variant (so that the unit figures of docs/BENCHMARKS.md 7.1 compare
 * across commits; the module now codes ZSTD units in its active variant
 * both ways, LZ4 units decoded in it); the counts are still per page.
 *
 *   instr CODEC CORPUS      CODEC: tzram-zstd-l1..3 libzstd-1 tzram-lz4 liblz4
 *                           tzram-zstd-l2-ctx: level 2, decoded with one decoder
 *                           context (its table cache) instead of work memory;
 *                           tzram-zstd-l2-ctx2: the same, each page twice in a
 *                           row (the second time every table is a cache hit:
 *                           ctx2 - ctx is what a page costs when all hit)
 *                           libzstd-1-dict: with a dictionary (ZDICT, 112640 B at
 *                           most, trained on every 8th 16-page chunk; the pages
 *                           measured are every 64th from the 32nd, none of them);
 *                           tzram-zstd-dict-dec: the same libzstd-1 frames, decoded
 *                           by ours with the dictionary prepared (compress column:
 *                           libzstd's)
 *                           tzram-zstd-dict: ours both ways with that dictionary
 *                           (level 2); tzram-zstd-dict-none: ours level 2 without
 *                           one on the same pages
 *                           kernel-lz4 kernel-zstd-l1 kernel-zstd-l3 (Linux 6.12's,
 *                           when built: kpeer/)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lz4.h>
#include <zstd.h>
#include <zdict.h>
#include "corpus.h"
#include "tz_lz4.h"
#include "tz_zstd.h"
#include "kpeer/kpeer.h"

#define STEP 64
#define CHUNK_STEP 32	/* unit runs: every 32nd chunk of 16 pages */
#define CAP (2 * TZ_PAGE)

enum codec { TZ_ZSTD, LIBZSTD1, TZ_LZ4, TZ_LZ4_B8, LIBLZ4, KERNEL_LZ4, KERNEL_ZSTD, LIBZSTD1_DICT,
	     TZ_ZSTD_DICT_DEC, TZ_ZSTD_DICT, TZ_ZSTD_DICT_NONE };

/* tzram-lz4-b8: tz_lz4_*_batch_v(), 8 pages a call. */
#define BATCH 8

static enum codec codec;
static int level;
static unsigned int unit = 1;		/* pages per codec call (units) */
static enum tz_variant var;		/* ours: the best, or scalar for units */
static size_t n;			/* calls (batch rows: pages) */
static unsigned char *pages, *comp, *out;
static int *clen;
static void *cwork, *dwork;
static ZSTD_CCtx *cctx;
static ZSTD_DCtx *dctx;
static ZSTD_CDict *cdict;
static ZSTD_DDict *ddict;
static struct tz_zstd_dict *tzdict;
static void *kzstd;	/* kernel-zstd state (kpeer) */

static int compress_page(const unsigned char *s, unsigned char *d)
{
	switch (codec) {
	case TZ_ZSTD:
		return tz_zstd_compress_v(var, s, unit * TZ_PAGE, d, unit * CAP, level, cwork);
	case TZ_ZSTD_DICT_NONE:
		return tz_zstd_compress_v(tz_variant_best(), s, TZ_PAGE, d, CAP, level, cwork);
	case TZ_ZSTD_DICT:
		return tz_zstd_compress_dict_v(tz_variant_best(), s, TZ_PAGE, d, CAP, level, cwork,
					       tzdict);
	case LIBZSTD1:
		return ZSTD_compressCCtx(cctx, d, unit * CAP, s, unit * TZ_PAGE, 1);
	case LIBZSTD1_DICT:
	case TZ_ZSTD_DICT_DEC:
		return ZSTD_compress_usingCDict(cctx, d, CAP, s, TZ_PAGE, cdict);
	case TZ_LZ4:
		return tz_lz4_compress_v(var, s, unit * TZ_PAGE, d, unit * CAP, cwork);
#ifdef TZB_KPEER_612
	case KERNEL_LZ4:
		return kpeer_612_lz4_compress(s, TZ_PAGE, d, CAP, cwork, 1);
	case KERNEL_ZSTD:
		return kpeer_612_zstd_compress(kzstd, s, TZ_PAGE, d, CAP);
#endif
	default:
		return LZ4_compress_default((const char *)s, (char *)d, unit * TZ_PAGE, unit * CAP);
	}
}

static int use_ctx;	/* 1: decoder context; 2: and every page twice */

static int decompress_page(const unsigned char *s, int len, unsigned char *d)
{
	switch (codec) {
	case TZ_ZSTD:
		if (use_ctx == 2)
			tz_zstd_decompress_dctx_v(tz_variant_best(), s, len, d, TZ_PAGE, dwork, NULL);
		if (use_ctx)
			return tz_zstd_decompress_dctx_v(tz_variant_best(), s, len, d, TZ_PAGE, dwork,
							 NULL);
		return tz_zstd_decompress_v(var, s, len, d, unit * TZ_PAGE, dwork);
	case LIBZSTD1:
		return ZSTD_decompressDCtx(dctx, d, unit * TZ_PAGE, s, len);
	case LIBZSTD1_DICT:
		return ZSTD_decompress_usingDDict(dctx, d, TZ_PAGE, s, len, ddict);
	case TZ_ZSTD_DICT_NONE:
		return tz_zstd_decompress_v(tz_variant_best(), s, len, d, TZ_PAGE, dwork);
	case TZ_ZSTD_DICT_DEC:
	case TZ_ZSTD_DICT:
		return tz_zstd_decompress_dict_v(tz_variant_best(), s, len, d, TZ_PAGE, dwork, tzdict);
	case TZ_LZ4:
		return tz_lz4_decompress_v(var, s, len, d, unit * TZ_PAGE);
#ifdef TZB_KPEER_612
	case KERNEL_LZ4:
		return kpeer_612_lz4_decompress(s, len, d, TZ_PAGE);
	case KERNEL_ZSTD:
		return kpeer_612_zstd_decompress(kzstd, s, len, d, TZ_PAGE);
#endif
	default:
		return LZ4_decompress_safe((const char *)s, (char *)d, len, unit * TZ_PAGE);
	}
}

/* Pages [i, i + k) as one batch call each way. */
static void compress_batch(size_t i, size_t k)
{
	struct tz_lz4_job jobs[BATCH];
	size_t j;

	for (j = 0; j < k; j++)
		jobs[j] = (struct tz_lz4_job){ .src = pages + (i + j) * TZ_PAGE, .src_len = TZ_PAGE,
					       .dst = comp + (i + j) * CAP, .dst_cap = CAP };
	tz_lz4_compress_batch_v(tz_variant_best(), jobs, k, cwork);
	for (j = 0; j < k; j++)
		clen[i + j] = jobs[j].ret;
}

static int decompress_batch(size_t i, size_t k)
{
	struct tz_lz4_job jobs[BATCH];
	size_t j;
	int bad = 0;

	for (j = 0; j < k; j++)
		jobs[j] = (struct tz_lz4_job){ .src = comp + (i + j) * CAP, .src_len = clen[i + j],
					       .dst = out + (i + j) * TZ_PAGE, .dst_cap = TZ_PAGE };
	tz_lz4_decompress_batch_v(tz_variant_best(), jobs, k);
	for (j = 0; j < k; j++)
		bad += jobs[j].ret != TZ_PAGE;
	return bad;
}

/* Kept out of line: callgrind reports each as one inclusive total. */
__attribute__((__noinline__)) void instr_compress(void)
{
	for (size_t i = 0; i < n; i += codec == TZ_LZ4_B8 ? BATCH : 1) {
		if (codec == TZ_LZ4_B8)
			compress_batch(i, n - i < BATCH ? n - i : BATCH);
		else
			clen[i] = compress_page(pages + i * unit * TZ_PAGE, comp + i * unit * CAP);
	}
}

__attribute__((__noinline__)) int instr_decompress(void)
{
	int bad = 0;

	for (size_t i = 0; i < n; i += codec == TZ_LZ4_B8 ? BATCH : 1) {
		if (codec == TZ_LZ4_B8)
			bad += decompress_batch(i, n - i < BATCH ? n - i : BATCH);
		else
			bad += decompress_page(comp + i * unit * CAP, clen[i],
					       out + i * unit * TZ_PAGE) != (int)(unit * TZ_PAGE);
	}
	return bad;
}

int main(int argc, char **argv)
{
	unsigned char *all;
	size_t np, i, npg, total = 0;

	var = tz_variant_best();
	if (argc == 4) {
		unit = atoi(argv[3]);
		var = TZ_VARIANT_SCALAR;
		if (unit < 1 || unit > 16 || 16 % unit)
			return fprintf(stderr, "instr: UNIT 1, 2, 4, 8 or 16\n"), 2;
		argc = 3;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: instr tzram-zstd-l1|l2|l3|libzstd-1|tzram-lz4|tzram-lz4-b8|liblz4|kernel-lz4|kernel-zstd-l1|l3 CORPUS\n");
		return 2;
	}
	if (!strncmp(argv[1], "tzram-zstd-l", 12) && argv[1][12] >= '1' && argv[1][12] <= '3' &&
	    !argv[1][13])
		codec = TZ_ZSTD, level = argv[1][12] - '0';
	else if (!strcmp(argv[1], "tzram-zstd-l2-ctx") || !strcmp(argv[1], "tzram-zstd-l2-ctx2"))
		codec = TZ_ZSTD, level = 2, use_ctx = argv[1][17] ? 2 : 1;
	else if (!strcmp(argv[1], "libzstd-1"))
		codec = LIBZSTD1;
	else if (!strcmp(argv[1], "tzram-lz4-b8"))
		codec = TZ_LZ4_B8;
	else if (!strcmp(argv[1], "libzstd-1-dict"))
		codec = LIBZSTD1_DICT;
	else if (!strcmp(argv[1], "tzram-zstd-dict-dec"))
		codec = TZ_ZSTD_DICT_DEC;
	else if (!strcmp(argv[1], "tzram-zstd-dict"))
		codec = TZ_ZSTD_DICT, level = 2;
	else if (!strcmp(argv[1], "tzram-zstd-dict-none"))
		codec = TZ_ZSTD_DICT_NONE, level = 2;
	else if (!strcmp(argv[1], "tzram-lz4"))
		codec = TZ_LZ4;
	else if (!strcmp(argv[1], "liblz4"))
		codec = LIBLZ4;
#ifdef TZB_KPEER_612
	else if (!strcmp(argv[1], "kernel-lz4"))
		codec = KERNEL_LZ4;
	else if (!strcmp(argv[1], "kernel-zstd-l1") || !strcmp(argv[1], "kernel-zstd-l3"))
		codec = KERNEL_ZSTD, level = argv[1][13] - '0';
#endif
	else
		return fprintf(stderr, "instr: unknown codec %s\n", argv[1]), 2;
	if (unit > 1 && codec != TZ_ZSTD && codec != LIBZSTD1 && codec != TZ_LZ4 &&
	    codec != LIBLZ4)
		return fprintf(stderr, "instr: no units for %s\n", argv[1]), 2;
	np = tz_corpus_load(argv[2], 0, &all);
	/* Pages sampled: one in STEP, or (units) one 16-page chunk in CHUNK_STEP. */
	npg = argv[3] ? np / (16 * CHUNK_STEP) * 16 : np / STEP;	/* argv[3]: UNIT */
	n = npg / unit;
	if (!n)
		return fprintf(stderr, "instr: no corpus: skipped\n"), 77;
	pages = malloc(npg * TZ_PAGE);
	comp = malloc(npg * CAP);
	out = malloc(npg * TZ_PAGE);
	clen = malloc(npg * sizeof(*clen));
	cwork = malloc(TZ_ZSTD_CWORKMEM_SIZE);
	dwork = malloc(TZ_ZSTD_DCTX_SIZE);	/* work memory, or a context */
	tz_zstd_dctx_init(dwork);
	cctx = ZSTD_createCCtx();
	dctx = ZSTD_createDCtx();
	if (!pages || !comp || !out || !clen || !cwork || !dwork || !cctx || !dctx)
		return fprintf(stderr, "instr: out of memory\n"), 1;
#ifdef TZB_KPEER_612
	if (codec == KERNEL_ZSTD) {
		kzstd = calloc(1, kpeer_612_zstd_size(level) + 64);
		kzstd = kzstd ? kpeer_612_zstd_init((void *)(((size_t)kzstd + 63) & ~(size_t)63),
						    level) : NULL;
		if (!kzstd)
			return fprintf(stderr, "instr: kernel-zstd: no state\n"), 1;
	}
#endif
	if (codec == LIBZSTD1_DICT || codec == TZ_ZSTD_DICT_DEC || codec == TZ_ZSTD_DICT ||
	    codec == TZ_ZSTD_DICT_NONE) {
		size_t nt = 0, *sz = malloc(np * sizeof(size_t)), dlen, dsz;
		unsigned char *train = malloc(np * TZ_PAGE), *dict = malloc(112640);

		for (i = 0; i < np; i++)
			if ((i / 16) % 8 == 0) {
				memcpy(train + nt * TZ_PAGE, all + i * TZ_PAGE, TZ_PAGE);
				sz[nt++] = TZ_PAGE;
			}
		dlen = ZDICT_trainFromBuffer(dict, 112640, train, sz, nt);
		if (ZDICT_isError(dlen))
			return fprintf(stderr, "instr: ZDICT: %s\n", ZDICT_getErrorName(dlen)), 1;
		cdict = ZSTD_createCDict(dict, dlen, 1);
		ddict = ZSTD_createDDict(dict, dlen);
		dsz = tz_zstd_dict_size(dlen);
		tzdict = malloc(dsz);
		if (!cdict || !ddict || !tzdict || tz_zstd_dict_prepare(tzdict, dsz, dict, dlen))
			return fprintf(stderr, "instr: dictionary\n"), 1;
		n = (np - STEP / 2) / STEP;	/* every 64th page from the 32nd */
		for (i = 0; i < n; i++)
			memcpy(pages + i * TZ_PAGE, all + (i * STEP + STEP / 2) * TZ_PAGE, TZ_PAGE);
	} else if (argv[3]) {
		for (i = 0; i < npg / 16; i++)
			memcpy(pages + i * 16 * TZ_PAGE, all + i * CHUNK_STEP * 16 * TZ_PAGE,
			       16 * TZ_PAGE);
	} else {
		for (i = 0; i < n; i++)
			memcpy(pages + i * TZ_PAGE, all + i * STEP * TZ_PAGE, TZ_PAGE);
	}
	instr_compress();
	for (i = 0; i < n; i++) {
		if (clen[i] <= 0)
			return fprintf(stderr, "instr: %s: page %zu failed\n", argv[1], i), 1;
		total += clen[i];
	}
	if (instr_decompress() || memcmp(pages, out, n * unit * TZ_PAGE))
		return fprintf(stderr, "instr: %s: round trip failed\n", argv[1]), 1;
	printf("%s pages %zu ratio %.3f variant %s\n", argv[1], n * unit,
	       (double)n * unit * TZ_PAGE / total,
	       codec == TZ_ZSTD || codec == TZ_LZ4 || codec == TZ_LZ4_B8 ||
	       codec == TZ_ZSTD_DICT_DEC || codec == TZ_ZSTD_DICT || codec == TZ_ZSTD_DICT_NONE ?
	       tz_variant_name(var) :
	       codec == KERNEL_LZ4 || codec == KERNEL_ZSTD ? "kernel" : "ref");
	return 0;
}
