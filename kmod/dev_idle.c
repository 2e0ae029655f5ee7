// SPDX-License-Identifier: GPL-2.0
/*
 * dev_idle.c - idle marking: "echo all > idle" flags every stored page
 * that recompress or writeback may then pick with type=idle; "echo N >
 * idle" (zram with CONFIG_ZRAM_TRACK_ENTRY_ACTIME, as Debian's 6.12)
 * flags those not read or written for N seconds and unflags the others.
 * A read or a rewrite of the page clears the flag.
 */
#include <linux/sched.h>
#include "dev_idle.h"
#include "dev_store.h"

void tz_mark_idle(struct tz_store *st, u64 age)
{
	u64 now = ktime_get_boottime_seconds();
	unsigned long i;
	bool idle = true;

	for (i = 0; i < st->table.nr; i++) {
		struct tz_slot *s = tz_slot(&st->table, i);

		/*
		 * Same-filled pages are never post-processed, written-back
		 * ones are gone already, and a slot under post-processing
		 * must keep its state for the check that ends it.
		 */
		tz_slot_lock(s);
		if (tz_slot_allocated(s) && !tz_slot_test(s, TZ_SLOT_SAME) &&
		    !tz_slot_test(s, TZ_SLOT_WB) && !tz_slot_test(s, TZ_SLOT_PP)) {
			if (age)
				idle = READ_ONCE(st->ac_time[i]) + age <= now;
			if (idle)
				tz_slot_set(s, TZ_SLOT_IDLE);
			else
				tz_slot_clear_flag(s, TZ_SLOT_IDLE);
		}
		tz_slot_unlock(s);
		if (!(i & 1023))
			cond_resched();
	}
}
