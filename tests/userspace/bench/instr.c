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
 * CODEC: tzram-zstd-l1..3 libzstd-1 tzram-lz4 liblz4 kernel-*. With UNIT
 * (1..16): every 32nd 16-page chunk of the corpus instead (contiguous
 * memory), coded UNIT pages a call as the device's units (kmod/unit.c),
 * ours in the scalar variant as the module codes units; the counts are
 * still per page.
 *                           kernel-lz4 kernel-zstd-l1 kernel-zstd-l3 (Linux 6.12's,
 *                           when built: kpeer/)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lz4.h>
#include <zstd.h>
#include "corpus.h"
#include "tz_lz4.h"
#include "tz_zstd.h"
#include "kpeer/kpeer.h"

#define STEP 64
#define CHUNK_STEP 32	/* unit runs: every 32nd chunk of 16 pages */
#define CAP (2 * TZ_PAGE)

enum codec { TZ_ZSTD, LIBZSTD1, TZ_LZ4, LIBLZ4, KERNEL_LZ4, KERNEL_ZSTD };

static enum codec codec;
static int level;
static unsigned int unit = 1;		/* pages per codec call */
static enum tz_variant var;		/* ours: best, or scalar for units */
static size_t n;			/* calls */
static unsigned char *pages, *comp, *out;
static int *clen;
static void *cwork, *dwork;
static ZSTD_CCtx *cctx;
static ZSTD_DCtx *dctx;
static void *kzstd;	/* kernel-zstd state (kpeer) */

static int compress_page(const unsigned char *s, unsigned char *d)
{
	switch (codec) {
	case TZ_ZSTD:
		return tz_zstd_compress_v(var, s, unit * TZ_PAGE, d, unit * CAP, level, cwork);
	case LIBZSTD1:
		return ZSTD_compressCCtx(cctx, d, unit * CAP, s, unit * TZ_PAGE, 1);
	case TZ_LZ4:
		return tz_lz4_compress_v(var, s, unit * TZ_PAGE, d, unit * CAP, cwork);
#ifdef TZB_KPEER_612
	case KERNEL_LZ4:
		return kpeer_612_lz4_compress(s, unit * TZ_PAGE, d, unit * CAP, cwork, 1);
	case KERNEL_ZSTD:
		return kpeer_612_zstd_compress(kzstd, s, unit * TZ_PAGE, d, unit * CAP);
#endif
	default:
		return LZ4_compress_default((const char *)s, (char *)d, unit * TZ_PAGE, unit * CAP);
	}
}

static int decompress_page(const unsigned char *s, int len, unsigned char *d)
{
	switch (codec) {
	case TZ_ZSTD:
		return tz_zstd_decompress_v(var, s, len, d, unit * TZ_PAGE, dwork);
	case LIBZSTD1:
		return ZSTD_decompressDCtx(dctx, d, unit * TZ_PAGE, s, len);
	case TZ_LZ4:
		return tz_lz4_decompress_v(var, s, len, d, unit * TZ_PAGE);
#ifdef TZB_KPEER_612
	case KERNEL_LZ4:
		return kpeer_612_lz4_decompress(s, len, d, unit * TZ_PAGE);
	case KERNEL_ZSTD:
		return kpeer_612_zstd_decompress(kzstd, s, len, d, unit * TZ_PAGE);
#endif
	default:
		return LZ4_decompress_safe((const char *)s, (char *)d, len, unit * TZ_PAGE);
	}
}

/* Kept out of line: callgrind reports each as one inclusive total. */
__attribute__((__noinline__)) void instr_compress(void)
{
	for (size_t i = 0; i < n; i++)
		clen[i] = compress_page(pages + i * unit * TZ_PAGE, comp + i * unit * CAP);
}

__attribute__((__noinline__)) int instr_decompress(void)
{
	int bad = 0;

	for (size_t i = 0; i < n; i++)
		bad += decompress_page(comp + i * unit * CAP, clen[i],
				       out + i * unit * TZ_PAGE) != (int)(unit * TZ_PAGE);
	return bad;
}

int main(int argc, char **argv)
{
	unsigned char *all;
	size_t np, i, npg, total = 0;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: instr tzram-zstd-l1|l2|l3|libzstd-1|tzram-lz4|liblz4 CORPUS [UNIT]\n");
		return 2;
	}
	var = tz_variant_best();
	if (argc == 4) {
		unit = atoi(argv[3]);
		var = TZ_VARIANT_SCALAR;
		if (unit < 1 || unit > 16 || 16 % unit)
			return fprintf(stderr, "instr: UNIT 1, 2, 4, 8 or 16\n"), 2;
	}
	if (!strncmp(argv[1], "tzram-zstd-l", 12) && argv[1][12] >= '1' && argv[1][12] <= '3' &&
	    !argv[1][13])
		codec = TZ_ZSTD, level = argv[1][12] - '0';
	else if (!strcmp(argv[1], "libzstd-1"))
		codec = LIBZSTD1;
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
	np = tz_corpus_load(argv[2], 0, &all);
	/* Pages sampled: one in STEP, or (units) one 16-page chunk in CHUNK_STEP. */
	npg = argc == 4 ? np / (16 * CHUNK_STEP) * 16 : np / STEP;
	n = npg / unit;
	if (!n)
		return fprintf(stderr, "instr: no corpus: skipped\n"), 77;
	pages = malloc(npg * TZ_PAGE);
	comp = malloc(npg * CAP);
	out = malloc(npg * TZ_PAGE);
	clen = malloc(n * sizeof(*clen));
	cwork = malloc(TZ_ZSTD_CWORKMEM_SIZE);
	dwork = malloc(TZ_ZSTD_DWORKMEM_SIZE);
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
	if (argc == 4)
		for (i = 0; i < npg / 16; i++)
			memcpy(pages + i * 16 * TZ_PAGE, all + i * CHUNK_STEP * 16 * TZ_PAGE,
			       16 * TZ_PAGE);
	else
		for (i = 0; i < npg; i++)
			memcpy(pages + i * TZ_PAGE, all + i * STEP * TZ_PAGE, TZ_PAGE);
	instr_compress();
	for (i = 0; i < n; i++) {
		if (clen[i] <= 0)
			return fprintf(stderr, "instr: %s: page %zu failed\n", argv[1], i), 1;
		total += clen[i];
	}
	if (instr_decompress() || memcmp(pages, out, npg * TZ_PAGE))
		return fprintf(stderr, "instr: %s: round trip failed\n", argv[1]), 1;
	printf("%s pages %zu ratio %.3f variant %s\n", argv[1], npg, (double)npg * TZ_PAGE / total,
	       codec == TZ_ZSTD || codec == TZ_LZ4 ? tz_variant_name(var) :
	       codec == KERNEL_LZ4 || codec == KERNEL_ZSTD ? "kernel" : "ref");
	return 0;
}
