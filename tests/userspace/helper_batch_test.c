// SPDX-License-Identifier: GPL-2.0
/*
 * helper_batch_test.c - tzram-helper's CPU backend (helper/backend_cpu.c)
 * and its batch decode (helper/batch.c tz_jobs_decode: runs of LZ4 pages
 * through the codec's batch call) on one batch that mixes LZ4 and ZSTD
 * pages, corrupt and truncated LZ4 pages, an unknown algorithm, in runs
 * that do not fill whole calls. Each job's status must be exactly what
 * the one-page decoder gives it, each good page byte-exact, each failed
 * page's neighbours right; with 1, 3 and 8 threads.
 * Usage: helper_batch_test [CORPUS] (raw 4 KiB pages; else synthetic).
 * ~0.1 s.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch.h"
#include "helper.h"
#include "tz_codec.h"

#define PG TZ_GENL_PAGE_SIZE
#define NJOBS 61

int tz_verbose;

void tz_log(int prio, const char *fmt, ...)
{
	(void)prio;
	(void)fmt;
}

static int failures;

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);	\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		failures++;						\
	}								\
} while (0)

static uint8_t pages[NJOBS][PG], comp[NJOBS][2 * PG], out[NJOBS][PG];
static struct tz_job jobs[NJOBS];
static int32_t want[NJOBS];

/* Page i: from the corpus if given, else text of its own. */
static void make_page(FILE *corpus, unsigned int i)
{
	unsigned int k;

	if (corpus && fread(pages[i], PG, 1, corpus) == 1)
		return;
	for (k = 0; k < PG; k++)
		pages[i][k] = "helper batch test page "[(k / (1 + i % 5) + i) % 23] ^
			      (k % 97 == i);
}

/* What the batch looks like: algorithm and damage per job. */
enum damage { GOOD, CORRUPT, TRUNCATED, UNKNOWN_ALG };

static uint8_t alg_of(unsigned int i)
{
	/* ZSTD runs of 2 and 3 among LZ4 runs of 9, 13, ... */
	return (i >= 9 && i < 11) || (i >= 24 && i < 27) ? TZ_ALG_ZSTD : TZ_ALG_LZ4;
}

static enum damage damage_of(unsigned int i)
{
	switch (i) {
	case 0: case 4: case 31: case 60:
		return CORRUPT;
	case 15:
		return TRUNCATED;
	case 40:
		return UNKNOWN_ALG;
	default:
		return GOOD;
	}
}

static void build(FILE *corpus)
{
	const struct tz_codec *lz4 = tz_codec_by_genl(TZ_ALG_LZ4);
	const struct tz_codec *zstd = tz_codec_by_genl(TZ_ALG_ZSTD);
	void *cw = malloc(zstd->cwork_size > lz4->cwork_size ?
			  zstd->cwork_size : lz4->cwork_size);
	unsigned int i;

	for (i = 0; i < NJOBS; i++) {
		const struct tz_codec *c = alg_of(i) == TZ_ALG_ZSTD ? zstd : lz4;
		int len;

		make_page(corpus, i);
		len = c->compress(TZ_VARIANT_SCALAR, pages[i], PG, comp[i],
				  sizeof(comp[i]), cw, c->level_default);
		if (len <= 0 || len > (int)TZ_GENL_MAX_CLEN) {
			/* Incompressible corpus page: text instead. */
			make_page(NULL, i);
			len = c->compress(TZ_VARIANT_SCALAR, pages[i], PG, comp[i],
					  sizeof(comp[i]), cw, c->level_default);
		}
		if (len <= 0) {
			fprintf(stderr, "cannot compress page %u: %d\n", i, len);
			exit(1);
		}
		jobs[i] = (struct tz_job){
			.src = comp[i], .clen = (uint32_t)len, .alg = alg_of(i),
		};
		switch (damage_of(i)) {
		case CORRUPT:
			memset(comp[i] + len / 3, 0xff, len - len / 3);
			break;
		case TRUNCATED:
			jobs[i].clen = (uint32_t)len / 2;
			break;
		case UNKNOWN_ALG:
			jobs[i].alg = 0x7e;
			break;
		case GOOD:
			break;
		}
	}
	free(cw);
}

/* The one-page decoder's verdict on every job: what the batch must give. */
static void reference(void *dwork)
{
	unsigned int i;

	for (i = 0; i < NJOBS; i++) {
		const struct tz_codec *c = tz_codec_by_genl(jobs[i].alg);
		struct tz_job j = jobs[i];
		static uint8_t scratch[PG];
		int r = -EOPNOTSUPP;

		if (c)
			r = c->decompress(tz_variant_active(), j.src, j.clen,
					  scratch, PG, dwork);
		want[i] = r == PG ? 0 : (r < 0 ? r : -EINVAL);
		j.dst = scratch;
		tz_job_decode(&j, dwork);
		CHECK(j.status == want[i], "tz_job_decode: job %u status %d, want %d",
		      i, j.status, want[i]);
		if (damage_of(i) == GOOD)
			CHECK(!want[i] && !memcmp(scratch, pages[i], PG),
			      "reference: good page %u: %d", i, want[i]);
		else
			CHECK(want[i] < 0, "reference: bad page %u decoded", i);
	}
}

static void reset_out(void)
{
	unsigned int i;

	memset(out, 0x5a, sizeof(out));
	for (i = 0; i < NJOBS; i++) {
		jobs[i].dst = out[i];
		jobs[i].status = 12345;
	}
}

static void verify(const char *what)
{
	unsigned int i;

	for (i = 0; i < NJOBS; i++) {
		CHECK(jobs[i].status == want[i], "%s: job %u status %d, want %d",
		      what, i, jobs[i].status, want[i]);
		if (!want[i])
			CHECK(!memcmp(out[i], pages[i], PG), "%s: job %u bytes differ",
			      what, i);
	}
}

int main(int argc, char **argv)
{
	FILE *corpus = argc > 1 ? fopen(argv[1], "rb") : NULL;
	size_t dsize = tz_job_dwork_size();
	void *dwork = malloc(dsize ? dsize : 1);
	const int threads[] = { 1, 3, 8 };
	unsigned int t, at;

	if (argc > 1 && !corpus) {
		perror(argv[1]);
		return 1;
	}
	tz_cpu_init();
	CHECK(tz_codec_by_genl(TZ_ALG_LZ4)->decompress_batch,
	      "LZ4 has no batch call in the registry");
	build(corpus);
	reference(dwork);

	/* All at once, and in slices that start mid-run. */
	reset_out();
	tz_jobs_decode(jobs, NJOBS, dwork);
	verify("tz_jobs_decode");
	reset_out();
	for (at = 0; at < NJOBS; at += 5)
		tz_jobs_decode(jobs + at, NJOBS - at < 5 ? NJOBS - at : 5, dwork);
	verify("tz_jobs_decode by 5");
	/* Without work memory: ZSTD pages -ENOMEM, LZ4 pages as before. */
	reset_out();
	tz_jobs_decode(jobs, NJOBS, NULL);
	for (at = 0; at < NJOBS; at++) {
		int32_t w = jobs[at].alg == TZ_ALG_ZSTD ? -ENOMEM : want[at];

		CHECK(jobs[at].status == w, "no dwork: job %u status %d, want %d",
		      at, jobs[at].status, w);
	}

	for (t = 0; t < sizeof(threads) / sizeof(threads[0]); t++) {
		struct tz_backend *b = tz_backend_cpu(threads[t]);
		char what[32];

		if (!b) {
			CHECK(0, "cpu backend with %d threads", threads[t]);
			continue;
		}
		snprintf(what, sizeof(what), "cpu backend, %d threads", threads[t]);
		reset_out();
		CHECK(b->run(b, jobs, NJOBS) == 0, "%s: run failed", what);
		verify(what);
		/* A batch of one page. */
		reset_out();
		CHECK(b->run(b, jobs + 7, 1) == 0, "%s: run of 1", what);
		CHECK(jobs[7].status == want[7] && !memcmp(out[7], pages[7], PG),
		      "%s: batch of one", what);
		b->fini(b);
	}
	free(dwork);
	if (corpus)
		fclose(corpus);
	printf("helper-batch: %d jobs (LZ4 and ZSTD, 5 damaged), %s pages: %s\n",
	       NJOBS, argc > 1 ? "corpus" : "synthetic",
	       failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
