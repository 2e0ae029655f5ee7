// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_helper_batch.c - libFuzzer target: tzram-helper's batch handler
 * (helper/batch.c: the parser of a TZ_CMD_BATCH and the per-page decode
 * its CPU backend runs) on arbitrary attributes. Input: 1 byte (the most
 * pages the helper takes - 1), then the attribute bytes, copied to an
 * exact-size buffer. Every job the parser hands out must lie inside that
 * buffer and be in order; each is decoded into an exact-size page, so
 * ASan sees any read or write out of bounds in parser or codecs, alone
 * and then all together by the CPU backend's batch decode
 * (tz_jobs_decode), which must give each job the same status and bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "batch.h"
#include "tz_zstd.h"

static struct tz_job jobs[TZ_GENL_MAX_PAGES];
static int32_t single[TZ_GENL_MAX_PAGES];
static uint8_t pages[TZ_GENL_MAX_PAGES * TZ_GENL_PAGE_SIZE];
static uint8_t *dst[TZ_GENL_MAX_PAGES];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void *zwork;
	unsigned int max;
	uint8_t *attrs, *page;
	uint64_t id;
	int len, n, i;

	if (size < 1 || size - 1 > 1 << 22)
		return 0;
	if (!zwork)
		zwork = malloc(tz_job_dwork_size());
	max = data[0] + 1u;
	len = (int)(size - 1);
	attrs = malloc(len ? len : 1);
	memcpy(attrs, data + 1, len);
	n = tz_batch_parse(attrs, len, jobs, max, &id);
	if (n != -EINVAL && (n < 1 || (unsigned int)n > max))
		abort();
	page = malloc(TZ_GENL_PAGE_SIZE);
	for (i = 0; i < n; i++) {
		struct tz_job *j = &jobs[i];

		if (j->src < attrs || j->src + j->clen > attrs + len || !j->clen ||
		    j->clen > TZ_GENL_MAX_CLEN || (i && j->src <= jobs[i - 1].src))
			abort();
		j->dst = page;
		tz_job_decode(j, zwork);
		if (j->status > 0 || j->status < -4095)
			abort();
		single[i] = j->status;
		if (!j->status)
			memcpy(pages + (size_t)i * TZ_GENL_PAGE_SIZE, page,
			       TZ_GENL_PAGE_SIZE);
	}
	/* The CPU backend's batch decode: each job as decoded alone. */
	for (i = 0; i < n; i++) {
		dst[i] = malloc(TZ_GENL_PAGE_SIZE);
		jobs[i].dst = dst[i];
	}
	if (n > 0)
		tz_jobs_decode(jobs, (unsigned int)n, zwork);
	for (i = 0; i < n; i++) {
		if (jobs[i].status != single[i] ||
		    (!single[i] && memcmp(dst[i], pages + (size_t)i * TZ_GENL_PAGE_SIZE,
					  TZ_GENL_PAGE_SIZE)))
			abort();
		free(dst[i]);
	}
	free(page);
	free(attrs);
	return 0;
}
