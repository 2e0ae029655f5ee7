/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpu_csum.h - the tag of a page recorded when it is written and checked
 * against every page the GPU helper returns (docs/GPU.md "Trust model").
 */
#ifndef TZ_GPU_CSUM_H
#define TZ_GPU_CSUM_H

#include <linux/types.h>

/* Draw the key (module load, before any device exists). */
void tz_gpu_csum_init(void);
/* SipHash-2-4 of TZ_GENL_PAGE_SIZE bytes under the key. */
u64 tz_gpu_csum(const void *page);

#endif /* TZ_GPU_CSUM_H */
