/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpu_route.h - which reads go to the GPU helper: the routing rule
 * (module parameter gpu_route) and the CPU speed it is measured against.
 */
#ifndef TZ_GPU_ROUTE_H
#define TZ_GPU_ROUTE_H

#include <linux/types.h>

/*
 * How many pages of a read of npages pages, compressed with alg
 * (TZ_ALG_*), go to the helper per batch: 0 unless a helper is registered
 * and healthy, declared alg, the caller is not in reclaim (PF_MEMALLOC)
 * and the routing rule says the helper is faster; else npages capped at
 * the helper's page limit.
 */
unsigned int tz_gpu_route(unsigned int npages, u8 alg);

/* Measure this kernel's CPU decode rate and the page tag's cost. */
void tz_gpu_route_init(void);
/* What tz_gpu_route_init() measured: MB/s, and ns per page tag. */
u32 tz_gpu_cpu_mbps(void);
u32 tz_gpu_csum_ns(void);

/* A compressible, varied 4 KiB page from seed (probe and self-test). */
void tz_gpu_gen_page(u8 *p, u32 seed);

#endif /* TZ_GPU_ROUTE_H */
