// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_gpu_reply.c - libFuzzer target: the kernel's check of a helper's
 * RESULT (kmod/gpu_reply.c, the very file tzram.ko builds) on arbitrary
 * attributes. Input: 1 byte (pages in the batch - 1), then the attribute
 * bytes, copied to an exact-size buffer. When the check passes, the
 * records are walked and each served page copied into an exact-size array
 * of npages pages, as kmod/gpu_batch.c does, so ASan sees any record that
 * is not what the check promised; the promises themselves (index in
 * range, each index once, status 0 or -errno) are asserted here again.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "gpu_reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct tz_genl_rpage *r;
	unsigned char seen[TZ_GENL_MAX_PAGES] = { 0 };
	const struct nlattr *bad;
	unsigned int npages, walked = 0;
	const void *pos;
	uint8_t *attrs, *pages;
	int len, rem, ret;

	if (size < 1 || size - 1 > 1 << 22)
		return 0;
	npages = data[0] + 1u;
	len = (int)(size - 1);
	attrs = malloc(len ? len : 1);	/* malloc: aligned for struct nlattr */
	memcpy(attrs, data + 1, len);
	ret = tz_gpu_reply_check(attrs, len, npages, &bad);
	if (ret && (ret != -EINVAL || !bad || (const uint8_t *)bad < attrs ||
		    (const uint8_t *)bad >= attrs + len))
		abort();
	if (!ret) {
		pages = malloc((size_t)npages * TZ_GENL_PAGE_SIZE);
		pos = attrs;
		rem = len;
		while ((r = tz_gpu_reply_next(&pos, &rem))) {
			if (r->index >= npages || seen[r->index]++ ||
			    r->status > 0 || r->status < -4095)
				abort();
			if (!r->status)
				memcpy(pages + (size_t)r->index * TZ_GENL_PAGE_SIZE,
				       tz_gpu_rpage_data(r), TZ_GENL_PAGE_SIZE);
			walked++;
		}
		if (walked > npages)
			abort();
		free(pages);
	}
	free(attrs);
	return 0;
}
