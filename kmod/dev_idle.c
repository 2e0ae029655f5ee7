// SPDX-License-Identifier: GPL-2.0
/*
 * dev_idle.c - idle marking ("echo all > idle"): flag every stored page
 * that recompress or writeback may then pick with type=idle; a read or a
 * rewrite of the page clears the flag. No access times are kept, so
 * zram's age form ("echo SECONDS > idle") is refused as on a zram built
 * without CONFIG_ZRAM_TRACK_ENTRY_ACTIME.
 */
#include <linux/sched.h>
#include "dev.h"

void tz_mark_idle(struct tz_store *st)
{
	unsigned long i;

	for (i = 0; i < st->table.nr; i++) {
		struct tz_slot *s = tz_slot(&st->table, i);

		/*
		 * Same-filled pages are never post-processed, written-back
		 * ones are gone already, and a slot under post-processing
		 * must keep its state for the check that ends it.
		 */
		tz_slot_lock(s);
		if (tz_slot_allocated(s) && !tz_slot_test(s, TZ_SLOT_SAME) &&
		    !tz_slot_test(s, TZ_SLOT_WB) && !tz_slot_test(s, TZ_SLOT_PP))
			tz_slot_set(s, TZ_SLOT_IDLE);
		tz_slot_unlock(s);
		if (!(i & 1023))
			cond_resched();
	}
}
