/* SPDX-License-Identifier: GPL-2.0 */
/* dev_writeback.h - zram's writeback pass (the writeback attribute). */
#ifndef TZ_DEV_WRITEBACK_H
#define TZ_DEV_WRITEBACK_H

#include <linux/types.h>

struct tz_dev;

/* Parse zram's writeback argument and run the pass: len or -errno. */
ssize_t tz_writeback_run(struct tz_dev *tz, const char *buf, size_t len);

#endif /* TZ_DEV_WRITEBACK_H */
