// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_route.c - the routing rule of the GPU helper path.
 *
 * Module parameter gpu_route: 0 never, 2 always (when a helper is
 * registered and healthy), 1 auto (default): route a read to the helper
 * only if its measured end-to-end rate (MB/s of verified pages over the
 * batch's wall time: message build, both netlink copies, helper work,
 * verification; gpu_netlink.c keeps it) beats this kernel's
 * single-thread CPU decode rate, measured at load by the speed probe
 * below. Before the first measurement the helper's own claim
 * (TZ_A_MBPS) stands in; while the helper loses, one eligible batch in 32
 * still goes to it so that its rate keeps being measured.
 */
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "gpu_batch.h"
#include "gpu_csum.h"
#include "gpu_netlink.h"
#include "gpu_route.h"
#include "tz_lz4.h"
#include "tzram_genl.h"

static int gpu_route = 1;
module_param(gpu_route, int, 0644);
MODULE_PARM_DESC(gpu_route, "GPU helper routing: 0 never, 1 auto (when measured faster), 2 always");

static u32 tz_cpu_mbps;			/* this kernel's LZ4 page decode rate */
static u32 tz_csum_ns;			/* tz_gpu_csum() of one page, ns */
static atomic_t tz_probe_tick;

bool tz_gpu_available(unsigned int npages)
{
	int route = READ_ONCE(gpu_route);
	u32 portid, mbps;

	if (!TZ_GPU_PAGES_FIT || route <= 0 || !npages ||
	    npages > TZ_GENL_MAX_PAGES)
		return false;
	/* Reclaim (and so swap-in under pressure) never waits on userspace. */
	if (current->flags & PF_MEMALLOC)
		return false;
	if (!tz_gpu_helper_healthy(&portid, &mbps))
		return false;
	if (route >= 2 || mbps > tz_cpu_mbps)
		return true;
	return (atomic_inc_return(&tz_probe_tick) & 31) == 0;
}

u32 tz_gpu_cpu_mbps(void)
{
	return tz_cpu_mbps;
}

u32 tz_gpu_csum_ns(void)
{
	return tz_csum_ns;
}

void tz_gpu_gen_page(u8 *p, u32 seed)
{
	static const char *const words[] = {
		"tzram ", "page ", "batch ", "helper ", "0000", "lz4 ",
		"kernel ", "\n", "zstd ", "gpu ", "ffff", "netlink ",
	};
	unsigned int n = 0;

	while (n < TZ_GENL_PAGE_SIZE) {
		const char *w;
		unsigned int l;

		seed = seed * 1103515245 + 12345;
		w = words[(seed >> 16) % ARRAY_SIZE(words)];
		l = min_t(unsigned int, strlen(w), TZ_GENL_PAGE_SIZE - n);
		memcpy(p + n, w, l);
		n += l;
		if ((seed >> 8) % 7 == 0 && n < TZ_GENL_PAGE_SIZE)
			p[n++] = seed >> 24;
	}
}

/*
 * The speed probe: single-thread LZ4 decode rate of a generated page,
 * MB/s, and the cost of the per-page checksum the device records at
 * write time.
 */
void tz_gpu_route_init(void)
{
	u8 *page = kmalloc(TZ_GENL_PAGE_SIZE, GFP_KERNEL);
	u8 *comp = kmalloc(TZ_LZ4_BOUND(TZ_GENL_PAGE_SIZE), GFP_KERNEL);
	void *work = kmalloc(TZ_LZ4_WORKMEM_SIZE, GFP_KERNEL);
	int clen, i, runs = 32;
	ktime_t t0;
	u64 ns;

	tz_cpu_mbps = 1000;
	if (!page || !comp || !work)
		goto out;
	tz_gpu_gen_page(page, 42);
	clen = tz_lz4_compress(page, TZ_GENL_PAGE_SIZE, comp,
			       TZ_LZ4_BOUND(TZ_GENL_PAGE_SIZE), work);
	if (clen <= 0)
		goto out;
	t0 = ktime_get();
	for (i = 0; i < runs; i++)
		tz_lz4_decompress(comp, clen, page, TZ_GENL_PAGE_SIZE);
	ns = max_t(u64, ktime_to_ns(ktime_sub(ktime_get(), t0)), 1);
	tz_cpu_mbps = max_t(u64, div64_u64((u64)runs * TZ_GENL_PAGE_SIZE * 1000, ns), 1);
	t0 = ktime_get();
	for (i = 0; i < runs; i++)
		*(u64 *)comp ^= tz_gpu_csum(page);	/* xxh64() is out of line */
	tz_csum_ns = div64_u64(ktime_to_ns(ktime_sub(ktime_get(), t0)), runs);
out:
	kfree(work);
	kfree(comp);
	kfree(page);
}
