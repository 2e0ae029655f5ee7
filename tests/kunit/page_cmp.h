/* SPDX-License-Identifier: GPL-2.0 */
/*
 * page_cmp.h - comparing two pages' bytes, for the KUnit suites that
 * check what the device read back (tzram_unit, tzram_batch).
 */
#ifndef TZ_KUNIT_PAGE_CMP_H
#define TZ_KUNIT_PAGE_CMP_H

#include <linux/highmem.h>
#include <linux/string.h>

static inline bool pages_equal(struct page *a, struct page *b)
{
	void *x = kmap_local_page(a), *y = kmap_local_page(b);
	bool eq = !memcmp(x, y, PAGE_SIZE);

	kunmap_local(y);
	kunmap_local(x);
	return eq;
}

#endif
