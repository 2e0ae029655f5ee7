/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpu_csum.h - the checksum of a page recorded when it is written and
 * checked against every page the GPU helper returns (uapi/tzram_genl.h).
 */
#ifndef TZ_GPU_CSUM_H
#define TZ_GPU_CSUM_H

#include <linux/types.h>

/* XXH64, seed 0, over TZ_GENL_PAGE_SIZE bytes. */
u64 tz_gpu_csum(const void *page);

#endif /* TZ_GPU_CSUM_H */
