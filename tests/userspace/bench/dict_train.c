// SPDX-License-Identifier: GPL-2.0
/*
 * dict_train.c - one dictionary for both of zram's dictionary codecs,
 * built with libzstd's dictionary builder (ZDICT):
 *
 *   [ fastCover content ][ legacy content, <= 64 KiB ]  + ZDICT's header
 *
 * The end (the last 64 KiB, all that lz4 reaches) is chosen by ZDICT's
 * legacy builder, the part before it by fastCover, and ZDICT finalizes the
 * two as one dictionary (entropy tables from the samples, at zram's
 * default zstd level 3). Why two builders: on the public page corpus
 * (dictionary trained on every 8th 16-page chunk, every 8th of the others
 * each compressed alone; a throwaway program, docs/BENCHMARKS.md 5.2),
 * for lz4 (64 KiB reach) the legacy builder's content gave 1.046x the
 * ratio without a dictionary where fastCover's gave 1.017-1.033x; for
 * zstd with 110 KiB fastCover's gave 1.058x (ours, raw content) where the
 * legacy one gave 1.050x, and the legacy builder stops adding content
 * past ~250 KiB. ZDICT_trainFromBuffer() (fastCover with a held-out
 * quarter) stopped at 78 KB with weaker content: 1.007x.
 */
#define ZDICT_STATIC_LINKING_ONLY	/* legacy, fastCover, finalize */
#include <stdlib.h>
#include <string.h>
#include <zdict.h>
#include "dict_train.h"

#define TRAIN_LEVEL 3		/* zram's default zstd level: the entropy tables */
#define MIN_FRONT 4096		/* fastCover content worth adding before */

/* The content of a ZDICT dictionary (after its header). */
static size_t dict_content(const unsigned char *d, size_t len, const unsigned char **c)
{
	size_t h = ZDICT_getDictHeaderSize(d, len);

	if (ZDICT_isError(h) || h > len)
		return 0;
	*c = d + h;
	return len - h;
}

size_t tz_dict_train(void *dict, size_t cap, const void *pages, size_t n, size_t page,
		     const char **builder)
{
	/* Selectivity 10 (default 9): lz4 1.048x instead of 1.046x, same run. */
	ZDICT_legacy_params_t lp = { .selectivityLevel = 10,
				     .zParams.compressionLevel = TRAIN_LEVEL };
	ZDICT_fastCover_params_t fp = {
		.d = 8, .steps = 4, .f = 20, .accel = 1,
		/* train and judge k on all the samples: 1/4 held out cut the
		 * content short (78 KB of 110 KiB on the corpus) */
		.splitPoint = 1.0,
		.zParams.compressionLevel = TRAIN_LEVEL,
	};
	ZDICT_params_t zp = { .compressionLevel = TRAIN_LEVEL };
	size_t *sizes = malloc((n ? n : 1) * sizeof(*sizes));
	size_t tail_cap = cap < TZ_DICT_LZ4_REACH ? cap : TZ_DICT_LZ4_REACH;
	unsigned char *tail = malloc(tail_cap), *front = NULL, *content = NULL;
	const unsigned char *tc, *fc = NULL;
	size_t tl, fl = 0, len, i;

	if (!sizes || !tail) {
		len = (size_t)-1;	/* a ZDICT error code (GENERIC) */
		goto out;
	}
	for (i = 0; i < n; i++)
		sizes[i] = page;
	*builder = "legacy";
	len = ZDICT_trainFromBuffer_legacy(tail, tail_cap, pages, sizes, (unsigned int)n, lp);
	/*
	 * The legacy builder finds nothing in some data (runs of a few
	 * distinct bytes, as the VM test's memfill writes): fastCover alone.
	 */
	if (ZDICT_isError(len)) {
		*builder = "fastCover";
		len = ZDICT_optimizeTrainFromBuffer_fastCover(dict, cap, pages, sizes,
							      (unsigned int)n, &fp);
		goto out;
	}
	tl = dict_content(tail, len, &tc);
	if (cap < tail_cap + MIN_FRONT || !tl) {
		memcpy(dict, tail, len);
		goto out;
	}
	front = malloc(cap - tail_cap);
	content = malloc(cap);
	if (!front || !content) {
		len = (size_t)-1;
		goto out;
	}
	len = ZDICT_optimizeTrainFromBuffer_fastCover(front, cap - tail_cap, pages, sizes,
						      (unsigned int)n, &fp);
	if (!ZDICT_isError(len))
		fl = dict_content(front, len, &fc);
	if (fl)
		memcpy(content, fc, fl);
	memcpy(content + fl, tc, tl);
	*builder = fl ? "fastCover + legacy (last 64 KiB)" : "legacy";
	/* The header goes before; if it does not fit, the front is cut. */
	len = ZDICT_finalizeDictionary(dict, cap, content, fl + tl, pages, sizes,
				       (unsigned int)n, zp);
out:
	free(sizes);
	free(tail);
	free(front);
	free(content);
	return len;
}
