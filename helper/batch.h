/* SPDX-License-Identifier: GPL-2.0 */
/*
 * batch.h - one TZ_CMD_BATCH as the helper sees it: parsed into jobs
 * without trusting a byte of it, and each job decoded by our codecs.
 * Plain C over uapi types (no libnl), so that its fuzz target
 * (tests/userspace/fuzz/fuzz_helper_batch.c) runs exactly this code.
 */
#ifndef TZ_HELPER_BATCH_H
#define TZ_HELPER_BATCH_H

#include <stddef.h>
#include <stdint.h>
#include "helper.h"

/*
 * The attributes of a BATCH (len bytes at attrs, 4-byte aligned) into
 * jobs[0..n): src/clen/alg of each page, in order (index 0, 1, ...),
 * each within its attribute. Returns n (1..max), or -EINVAL when
 * anything is malformed or there are more than max pages; *id: the batch
 * id. jobs' dst is left alone, status set to -EINVAL.
 */
int tz_batch_parse(const void *attrs, int len, struct tz_job *jobs,
		   unsigned int max, uint64_t *id);

/*
 * Decoder work memory for every codec the protocol names (the codec
 * registry, kmod/simd/tz_codec.h), in bytes.
 */
size_t tz_job_dwork_size(void);
/*
 * Decode one job into its TZ_GENL_PAGE_SIZE-byte dst with the registry's
 * decoder for its protocol id (dwork: tz_job_dwork_size() bytes, or NULL:
 * pages whose codec needs work memory fail with -ENOMEM). status: 0 only
 * for exactly one page of output.
 */
void tz_job_decode(struct tz_job *j, void *dwork);
/*
 * Decode n jobs as n calls of tz_job_decode() would (the same status for
 * each, whatever its neighbours hold), but runs of jobs of one algorithm
 * whose codec has a batch call (LZ4) go through it, TZ_JOBS_BATCH jobs
 * per call.
 */
#define TZ_JOBS_BATCH 8
void tz_jobs_decode(struct tz_job *jobs, unsigned int n, void *dwork);

#endif /* TZ_HELPER_BATCH_H */
