// SPDX-License-Identifier: GPL-2.0
/* gpu_csum.c - the page checksum of the GPU helper path (see gpu_csum.h). */
#include <linux/xxhash.h>
#include "gpu_csum.h"
#include "tzram_genl.h"

u64 tz_gpu_csum(const void *page)
{
	return xxh64(page, TZ_GENL_PAGE_SIZE, 0);
}
