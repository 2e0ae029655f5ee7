/* SPDX-License-Identifier: GPL-2.0 */
/* dev_idle.h - zram's idle marking of stored pages. */
#ifndef TZ_DEV_IDLE_H
#define TZ_DEV_IDLE_H

#include <linux/types.h>

struct tz_store;

/* age 0: every stored page; else those not accessed for age seconds. */
void tz_mark_idle(struct tz_store *st, u64 age);

#endif /* TZ_DEV_IDLE_H */
