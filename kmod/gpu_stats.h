/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpu_stats.h - counters of the GPU helper path, indexed by enum
 * tz_genl_stat (uapi/tzram_genl.h): one set for the module (netlink
 * TZ_CMD_STATS, debugfs) and one per device (gpu_stat).
 */
#ifndef TZ_GPU_STATS_H
#define TZ_GPU_STATS_H

#include <linux/atomic.h>
#include <linux/types.h>
#include "tzram_genl.h"

struct tz_gpu_stats {
	atomic64_t c[TZ_S_MAX + 1];
};

extern struct tz_gpu_stats tz_gpu_global;

void tz_gpu_stats_add(struct tz_gpu_stats *s, int stat, u64 v);
/* Name of counter i (1..TZ_S_MAX), as gpu_stat prints it. */
const char *tz_gpu_stat_name(int i);
/* "name value" lines into a sysfs buffer (the gpu_stat attribute). */
ssize_t tz_gpu_stats_show(const struct tz_gpu_stats *s, char *buf);

#endif /* TZ_GPU_STATS_H */
