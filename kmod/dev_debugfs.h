/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dev_debugfs.h - zram's debugfs files: <debugfs>/<zram|tzram>/<disk>/
 * block_state (zram's CONFIG_ZRAM_MEMORY_TRACKING, which Debian enables).
 */
#ifndef TZ_DEV_DEBUGFS_H
#define TZ_DEV_DEBUGFS_H

struct tz_dev;

/* The module's directory, named as the devices are ("zram" in compat mode). */
void tz_debugfs_init(const char *name);
void tz_debugfs_exit(void);
/* A device's directory and files; gone before the device is freed. */
void tz_debugfs_add(struct tz_dev *tz);
void tz_debugfs_remove(struct tz_dev *tz);

#endif /* TZ_DEV_DEBUGFS_H */
