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
 * (dictionary trained on every 8th 16-page chunk, one chunk in 8 of the others
 * each compressed alone; a throwaway program, docs/BENCHMARKS.md 5.2),
 * for lz4 (64 KiB reach) the legacy builder's content gave 1.046x the
 * ratio without a dictionary where fastCover's gave 1.017-1.033x; for
 * zstd with 110 KiB fastCover's gave 1.058x (ours, raw content) where the
 * legacy one gave 1.050x, and the legacy builder stops adding content
 * past ~250 KiB. ZDICT_trainFromBuffer() (fastCover with a held-out
 * quarter) stopped at 78 KB with weaker content: 1.007x.
 *
 * Both builders' content holds strings more than once (the legacy one's
 * 64 KiB compresses 2.5x with lz4hc): drop_repeats() keeps one copy and
 * gives the room to more content (the legacy builder trains into twice
 * the room for that). make bench-lz4-dict: lz4 1.051x -> 1.054x.
 */
#define ZDICT_STATIC_LINKING_ONLY	/* legacy, fastCover, finalize */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zdict.h>
#include "dict_train.h"

#define TRAIN_LEVEL 3		/* zram's default zstd level: the entropy tables */
#define MIN_FRONT 4096		/* fastCover content worth adding before */

/*
 * Keep at most cap bytes of c[0..len) in out, taken from the end (where
 * both builders put their best content) back, leaving out every run of
 * DUP_MIN or more bytes already kept: a string the dictionary holds twice
 * is found once, and the room goes to content further back. Returns the
 * bytes kept, packed at out's start in their order; 0 if out of memory.
 */
#define DUP_MIN 24
#define DUP_WIN 16
#define DUP_HLOG 16

static size_t drop_repeats(unsigned char *out, size_t cap, const unsigned char *c, size_t len)
{
	uint32_t *ht = malloc(sizeof(*ht) << DUP_HLOG);
	unsigned char *k = out + cap;	/* kept so far: [k, out + cap) */
	size_t i = len;

	if (!ht)
		return 0;
	memset(ht, 0xff, sizeof(*ht) << DUP_HLOG);
	while (i > 0 && k > out) {
		if (i >= DUP_WIN && (size_t)(out + cap - k) >= DUP_WIN) {
			uint64_t x;
			uint32_t q;

			memcpy(&x, c + i - DUP_WIN, sizeof(x));
			q = ht[(x * 0x9E3779B97F4A7C15ull) >> (64 - DUP_HLOG)];
			/* q: a kept position with DUP_WIN kept bytes after it */
			if (q != UINT32_MAX && !memcmp(out + q, c + i - DUP_WIN, DUP_WIN)) {
				size_t run = DUP_WIN;

				while (run < i && out + q - (run - DUP_WIN) > k &&
				       c[i - run - 1] == out[q - (run - DUP_WIN) - 1])
					run++;
				if (run >= DUP_MIN) {
					i -= run;
					continue;
				}
			}
		}
		*--k = c[--i];
		if ((size_t)(out + cap - k) >= DUP_WIN) {
			uint64_t x;

			memcpy(&x, k, sizeof(x));
			ht[(x * 0x9E3779B97F4A7C15ull) >> (64 - DUP_HLOG)] = (uint32_t)(k - out);
		}
	}
	free(ht);
	memmove(out, k, (size_t)(out + cap - k));
	return (size_t)(out + cap - k);
}

/* The content of a ZDICT dictionary (after its header). */
static size_t dict_content(const unsigned char *d, size_t len, const unsigned char **c)
{
	size_t h = ZDICT_getDictHeaderSize(d, len);

	if (ZDICT_isError(h) || h > len)
		return 0;
	*c = d + h;
	return len - h;
}

/*
 * The legacy builder's content for the end: trained into twice the room,
 * its repeats left out, the last tail_cap bytes kept (in *tail, *tl).
 */
static size_t legacy_tail(unsigned char *tail, size_t tail_cap, const void *pages,
			  const size_t *sizes, size_t n, ZDICT_legacy_params_t lp)
{
	unsigned char *ld = malloc(2 * tail_cap);
	const unsigned char *lc;
	size_t len, kept = 0;

	if (!ld)
		return (size_t)-1;	/* a ZDICT error code (GENERIC) */
	len = ZDICT_trainFromBuffer_legacy(ld, 2 * tail_cap, pages, sizes, (unsigned int)n, lp);
	if (!ZDICT_isError(len)) {
		len = dict_content(ld, len, &lc);
		kept = len ? drop_repeats(tail, tail_cap, lc, len) : 0;
		len = kept ? kept : (size_t)-1;
	}
	free(ld);
	return len;
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
	const unsigned char *fc = NULL;
	size_t tl, fl = 0, len, i;

	if (!sizes || !tail) {
		len = (size_t)-1;	/* a ZDICT error code (GENERIC) */
		goto out;
	}
	for (i = 0; i < n; i++)
		sizes[i] = page;
	*builder = "legacy";
	tl = legacy_tail(tail, tail_cap, pages, sizes, n, lp);
	/*
	 * The legacy builder finds nothing in some data (runs of a few
	 * distinct bytes, as the VM test's memfill writes): fastCover alone.
	 */
	if (ZDICT_isError(tl)) {
		*builder = "fastCover";
		len = ZDICT_optimizeTrainFromBuffer_fastCover(dict, cap, pages, sizes,
							      (unsigned int)n, &fp);
		goto out;
	}
	if (cap < tail_cap + MIN_FRONT) {
		/* The header goes before; if it does not fit, the content's
		 * start is cut. Too small for that: the legacy one as it is. */
		len = ZDICT_finalizeDictionary(dict, cap, tail, tl, pages, sizes,
					       (unsigned int)n, zp);
		if (ZDICT_isError(len))
			len = ZDICT_trainFromBuffer_legacy(dict, cap, pages, sizes,
							   (unsigned int)n, lp);
		goto out;
	}
	front = malloc(cap - tail_cap);
	content = malloc(2 * cap);
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
	memcpy(content + fl, tail, tl);
	*builder = fl ? "fastCover + legacy (last 64 KiB)" : "legacy";
	/* What the front repeats of the tail (or itself) left out. */
	len = drop_repeats(content + cap, cap, content, fl + tl);
	if (!len) {
		len = (size_t)-1;
		goto out;
	}
	len = ZDICT_finalizeDictionary(dict, cap, content + cap, len, pages, sizes,
				       (unsigned int)n, zp);
out:
	free(sizes);
	free(tail);
	free(front);
	free(content);
	return len;
}
