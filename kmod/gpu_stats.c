// SPDX-License-Identifier: GPL-2.0
/* gpu_stats.c - counters of the GPU helper path (see gpu_stats.h). */
#include <linux/sysfs.h>
#include "gpu_stats.h"

struct tz_gpu_stats tz_gpu_global;

static const char *const tz_stat_names[TZ_S_MAX + 1] = {
	[TZ_S_BATCHES]		= "batches",
	[TZ_S_PAGES]		= "pages",
	[TZ_S_BYTES]		= "bytes",
	[TZ_S_FB_NOHELPER]	= "fallback_nohelper",
	[TZ_S_FB_NOMEM]		= "fallback_nomem",
	[TZ_S_FB_SEND]		= "fallback_send",
	[TZ_S_FB_TIMEOUT]	= "fallback_timeout",
	[TZ_S_FB_DEATH]		= "fallback_death",
	[TZ_S_FB_MALFORMED]	= "fallback_malformed",
	[TZ_S_FB_CHECKSUM]	= "fallback_checksum",
	[TZ_S_FB_PAGE]		= "fallback_page",
	[TZ_S_LATE]		= "late_replies",
	[TZ_S_REGISTERS]	= "registers",
};

void tz_gpu_stats_add(struct tz_gpu_stats *s, int stat, u64 v)
{
	atomic64_add(v, &s->c[stat]);
}

const char *tz_gpu_stat_name(int i)
{
	return tz_stat_names[i];
}

ssize_t tz_gpu_stats_show(const struct tz_gpu_stats *s, char *buf)
{
	ssize_t n = 0;
	int i;

	for (i = 1; i <= TZ_S_MAX; i++)
		n += sysfs_emit_at(buf, n, "%s %lld\n", tz_stat_names[i],
				   (long long)atomic64_read(&s->c[i]));
	return n;
}
