// SPDX-License-Identifier: GPL-2.0
/* Probe: whether zs_malloc() takes the NUMA node to allocate on. */
#include <linux/mm.h>
#include <linux/zsmalloc.h>
#include <linux/numa.h>

unsigned long tz_probe(struct zs_pool *pool);
unsigned long tz_probe(struct zs_pool *pool)
{
#if defined(HAVE_ZS_MALLOC_NID)
	return zs_malloc(pool, 1, GFP_NOIO, NUMA_NO_NODE);
#elif defined(HAVE_ZS_MALLOC_ANY_NODE)
	return zs_malloc(pool, 1, GFP_NOIO);
#endif
}
