/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpu_reply.h - the shape of a helper's RESULT (uapi/tzram_genl.h), checked
 * in full before any page of it is used. Plain C over uapi types only: the
 * same file builds in userspace (with <stddef.h> for NULL) for its fuzz
 * target (tests/userspace/fuzz/fuzz_gpu_reply.c).
 */
#ifndef TZ_GPU_REPLY_H
#define TZ_GPU_REPLY_H

#include <linux/netlink.h>
#include <linux/types.h>
#include "tzram_genl.h"

/*
 * Check the len bytes of attributes at attrs (4-byte aligned) as the
 * answer to a batch of npages pages: every TZ_A_RPAGE record has an
 * index below npages, no index twice, status 0 or -errno, and exactly
 * the header plus TZ_GENL_PAGE_SIZE bytes (a failed page: the header
 * alone allowed). Other attributes are skipped. 0, or -EINVAL with *bad
 * at the first bad record.
 */
int tz_gpu_reply_check(const void *attrs, int len, unsigned int npages,
		       const struct nlattr **bad);

/*
 * Walk the TZ_A_RPAGE records of a checked reply: start with *pos = attrs,
 * *rem = len; NULL after the last.
 */
const struct tz_genl_rpage *tz_gpu_reply_next(const void **pos, int *rem);

/* The page a served record carries (status 0: TZ_GENL_PAGE_SIZE bytes). */
static inline const void *tz_gpu_rpage_data(const struct tz_genl_rpage *r)
{
	return r + 1;
}

#endif /* TZ_GPU_REPLY_H */
