/* SPDX-License-Identifier: GPL-2.0 */
/* sysfs.h - a device's sysfs attributes, for device_add_disk(). */
#ifndef TZ_SYSFS_H
#define TZ_SYSFS_H

#include <linux/sysfs.h>

extern const struct attribute_group *tz_dev_groups[];

#endif /* TZ_SYSFS_H */
