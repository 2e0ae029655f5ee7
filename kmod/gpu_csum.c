// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_csum.c - the page tag of the GPU helper path (see gpu_csum.h).
 *
 * A keyed hash, not a checksum: the helper sees the compressed page (so
 * the data) and chooses what it returns; with an unkeyed hash such as
 * XXH64 it could return other bytes with the same hash (a chosen 32-byte
 * stripe cancels any change). SipHash-2-4 (lib/siphash.c, built into
 * every kernel) is a PRF under a 128-bit key drawn at load that never
 * leaves the kernel, and the tags are never sent either: a page other
 * than the one written passes with probability 2^-64.
 */
#include <linux/cache.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include "gpu_csum.h"
#include "tzram_genl.h"

static siphash_key_t tz_csum_key __read_mostly;

void tz_gpu_csum_init(void)
{
	get_random_bytes(&tz_csum_key, sizeof(tz_csum_key));
}

u64 tz_gpu_csum(const void *page)
{
	return siphash(page, TZ_GENL_PAGE_SIZE, &tz_csum_key);
}
