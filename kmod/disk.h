/* SPDX-License-Identifier: GPL-2.0 */
/* disk.h - the gendisk of a tzram device: create and remove. */
#ifndef TZ_DISK_H
#define TZ_DISK_H

struct tz_dev;

/*
 * A new device /dev/<prefix><id>, with block major number major;
 * zram_compat: it stands in for a zram device (zram's defaults too).
 */
struct tz_dev *tz_disk_create(int id, int major, const char *prefix,
			      bool zram_compat);
/* Remove and free it: -EBUSY while open or being reset. */
int tz_disk_destroy(struct tz_dev *tz);

#endif /* TZ_DISK_H */
