// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_lz4_batch.c - libFuzzer target: the LZ4 batch calls against the
 * one-block calls. Input: a job count byte, then per job a 2-byte LE
 * length, a 2-byte LE capacity and that many bytes (cut where the input
 * ends). The jobs are compressed as one batch and one by one, and the same
 * bytes decoded as blocks as one batch and one by one: every job's result
 * and bytes must agree, for every variant. ASan (exact-size buffers)
 * catches any access outside a job's buffers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tz_lz4.h"

#define MAXJOBS 12

static unsigned char wrk[TZ_LZ4_BATCH_WORKMEM_SIZE] __attribute__((aligned(64)));

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tz_lz4_job jobs[MAXJOBS];
	unsigned char *src[MAXJOBS], *d1[MAXJOBS], *db[MAXJOBS];
	unsigned int len[MAXJOBS], cap[MAXJOBS];
	int r1[MAXJOBS], n, k, v, dir;
	size_t p = 1;

	if (size < 1)
		return 0;
	n = 1 + data[0] % MAXJOBS;
	for (k = 0; k < n; k++) {
		unsigned int l = 0, c = 0;

		if (p + 4 <= size) {
			l = data[p] | data[p + 1] << 8;
			c = data[p + 2] | data[p + 3] << 8;
			p += 4;
		}
		if (l > size - p)
			l = size - p;
		len[k] = l;
		cap[k] = c;
		src[k] = malloc(l ? l : 1);
		memcpy(src[k], data + p, l);
		p += l;
		d1[k] = malloc(c ? c : 1);
		db[k] = malloc(c ? c : 1);
	}
	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		if (!tz_variant_supported(v))
			continue;
		for (dir = 0; dir < 2; dir++) {
			for (k = 0; k < n; k++) {
				r1[k] = dir ? tz_lz4_decompress_v(v, src[k], len[k], d1[k], cap[k]) :
					tz_lz4_compress_v(v, src[k], len[k], d1[k], cap[k], wrk);
				jobs[k] = (struct tz_lz4_job){ .src = src[k], .src_len = len[k],
							       .dst = db[k], .dst_cap = cap[k] };
			}
			if (dir)
				tz_lz4_decompress_batch_v(v, jobs, n);
			else
				tz_lz4_compress_batch_v(v, jobs, n, wrk);
			for (k = 0; k < n; k++)
				if (jobs[k].ret != r1[k] ||
				    (r1[k] > 0 && memcmp(d1[k], db[k], r1[k])))
					abort();
		}
	}
	for (k = 0; k < n; k++) {
		free(src[k]);
		free(d1[k]);
		free(db[k]);
	}
	return 0;
}
