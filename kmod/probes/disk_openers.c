// SPDX-License-Identifier: GPL-2.0
/* Probe: disk_openers() (else read part0->bd_openers directly). */
#include <linux/blkdev.h>

unsigned int tz_probe(struct gendisk *disk);
unsigned int tz_probe(struct gendisk *disk)
{
	return disk_openers(disk);
}
