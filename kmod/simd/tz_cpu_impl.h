/* SPDX-License-Identifier: GPL-2.0 */
/* tz_cpu_impl.h - internal glue between tz_cpu.c and its per-environment parts. */
#ifndef TZ_CPU_IMPL_H
#define TZ_CPU_IMPL_H

#include "tz_cpu.h"

/* Bitmask (1 << enum tz_variant) of the SIMD variants this CPU can run. */
unsigned int tz_cpu_detect(void);
/* Called once after detection (userspace: applies TZRAM_SIMD). */
void tz_cpu_init_late(void);
extern unsigned int tz_cpu_caps;

#endif /* TZ_CPU_IMPL_H */
