// SPDX-License-Identifier: GPL-2.0
/* Probe: queue features in queue_limits (BLK_FEAT_*, 6.11+). */
#include <linux/blkdev.h>

void tz_probe(struct queue_limits *lim);
void tz_probe(struct queue_limits *lim)
{
	lim->features |= BLK_FEAT_SYNCHRONOUS | BLK_FEAT_STABLE_WRITES;
}
