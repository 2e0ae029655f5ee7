/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpu_route.h - which reads go to the GPU helper: the routing rule
 * (module parameter gpu_route) and the CPU speed it is measured against.
 */
#ifndef TZ_GPU_ROUTE_H
#define TZ_GPU_ROUTE_H

#include <linux/types.h>

/*
 * Should a read of npages pages go to the helper? True only when a helper
 * is registered and healthy, the caller is not in reclaim (PF_MEMALLOC),
 * and the routing rule says the helper is faster.
 */
bool tz_gpu_available(unsigned int npages);

/* Measure this kernel's CPU decode rate and the page checksum's cost. */
void tz_gpu_route_init(void);
/* What tz_gpu_route_init() measured: MB/s, and ns per page checksum. */
u32 tz_gpu_cpu_mbps(void);
u32 tz_gpu_csum_ns(void);

/* A compressible, varied 4 KiB page from seed (probe and self-test). */
void tz_gpu_gen_page(u8 *p, u32 seed);

#endif /* TZ_GPU_ROUTE_H */
