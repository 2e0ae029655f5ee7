// SPDX-License-Identifier: GPL-2.0
/* Probe: QUEUE_FLAG_SYNCHRONOUS marks synchronous bio-based disks (6.3..6.10). */
#include <linux/blkdev.h>

void tz_probe(struct request_queue *q);
void tz_probe(struct request_queue *q)
{
	blk_queue_flag_set(QUEUE_FLAG_SYNCHRONOUS, q);
}
