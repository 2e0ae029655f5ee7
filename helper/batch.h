/* SPDX-License-Identifier: GPL-2.0 */
/*
 * batch.h - one TZ_CMD_BATCH as the helper sees it: parsed into jobs
 * without trusting a byte of it, and each job decoded by our codecs.
 * Plain C over uapi types (no libnl), so that its fuzz target
 * (tests/userspace/fuzz/fuzz_helper_batch.c) runs exactly this code.
 */
#ifndef TZ_HELPER_BATCH_H
#define TZ_HELPER_BATCH_H

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
 * Decode one job into its TZ_GENL_PAGE_SIZE-byte dst with our codecs
 * (zwork: TZ_ZSTD_DWORKMEM_SIZE bytes, or NULL: zstd pages fail).
 * status: 0 only for exactly one page of output.
 */
void tz_job_decode(struct tz_job *j, void *zwork);

#endif /* TZ_HELPER_BATCH_H */
