/* SPDX-License-Identifier: GPL-2.0 */
/* dev_idle.h - zram's idle marking of stored pages. */
#ifndef TZ_DEV_IDLE_H
#define TZ_DEV_IDLE_H

#include <linux/types.h>

struct tz_store;

/*
 * all: every stored page ("all"); else those not accessed for age seconds
 * (on kernels before the u32 age, age 0 is every page too).
 */
void tz_mark_idle(struct tz_store *st, bool all, u64 age);

#endif /* TZ_DEV_IDLE_H */
