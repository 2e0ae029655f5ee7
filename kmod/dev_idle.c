// SPDX-License-Identifier: GPL-2.0
/*
 * dev_idle.c - idle marking: "echo all > idle" flags every stored page
 * that recompress or writeback may then pick with type=idle; "echo N >
 * idle" (zram with CONFIG_ZRAM_TRACK_ENTRY_ACTIME, as Debian's 6.12)
 * flags those not read or written for N seconds and unflags the others
 * (6.1's zram leaves them; which pages qualify: compat.h). A read or a
 * rewrite of the page clears the flag.
 */
#include <linux/sched.h>
#include "compat.h"
#include "dev_idle.h"
#include "dev_store.h"

/*
 * Is a page last accessed at ac (boot seconds) idle for this age? Later
 * zram keeps u32 seconds and computes the cutoff now - age in u32, so an
 * age beyond the uptime wraps to a cutoff after every access; idle if the
 * cutoff is after the access, or is 0 exactly. Before that, with ns
 * times, an access at least a whole age ago qualified, and age 0 meant
 * every page.
 */
static bool tz_idle_age(u32 ac, u64 age, u64 now)
{
	u32 cutoff = (u32)now - (u32)age;

	if (TZ_ZRAM_WB_BATCH_ERA)
		return !cutoff || cutoff > ac;
	/* now - ac: ac + age could wrap for huge ages (issue 18 item 7). */
	return !age || (now >= ac && now - ac >= age);
}

void tz_mark_idle(struct tz_store *st, bool all, u64 age)
{
	u64 now = ktime_get_boottime_seconds();
	unsigned long i;

	for (i = 0; i < st->table.nr; i++) {
		struct tz_slot *s = tz_slot(&st->table, i);

		/*
		 * Same-filled pages are never post-processed, written-back
		 * ones are gone already (6.1's zram flags both all the same),
		 * and a slot under post-processing must keep its state for
		 * the check that ends it.
		 */
		tz_slot_lock(s);
		if (tz_slot_allocated(s) && !tz_slot_test(s, TZ_SLOT_PP) &&
		    (!TZ_ZRAM_MULTI_COMP_ERA ||
		     (!tz_slot_test(s, TZ_SLOT_SAME) && !tz_slot_test(s, TZ_SLOT_WB)))) {
			if (all || tz_idle_age(READ_ONCE(st->ac_time[i]), age, now))
				tz_slot_set(s, TZ_SLOT_IDLE);
			else if (TZ_ZRAM_MULTI_COMP_ERA)
				tz_slot_clear_flag(s, TZ_SLOT_IDLE);
		}
		tz_slot_unlock(s);
		if (!(i & 1023))
			cond_resched();
	}
}
