// SPDX-License-Identifier: GPL-2.0
/* table.c - allocation of a device's page table (see table.h). */
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/vmalloc.h>
#include "table.h"

int tz_table_init(struct tz_table *t, unsigned long nr_pages)
{
	size_t bytes;

	BUILD_BUG_ON(__TZ_SLOT_FLAG_END > BITS_PER_LONG);
	if (!nr_pages || check_mul_overflow(nr_pages, sizeof(struct tz_slot), &bytes))
		return -EINVAL;
	/* Large and long-lived: vmalloc, zeroed = every slot empty. */
	t->slots = vzalloc(bytes);
	if (!t->slots)
		return -ENOMEM;
	t->nr = nr_pages;
	return 0;
}

void tz_table_destroy(struct tz_table *t)
{
	vfree(t->slots);
	t->slots = NULL;
	t->nr = 0;
}
