// SPDX-License-Identifier: GPL-2.0
/* Probe (required): disk_openers(), how many have the disk open. */
#include <linux/blkdev.h>

#if defined(HAVE_DISK_OPENERS)
unsigned int tz_probe(struct gendisk *disk);
unsigned int tz_probe(struct gendisk *disk)
{
	return disk_openers(disk);
}
#endif
