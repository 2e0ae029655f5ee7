/* SPDX-License-Identifier: GPL-2.0 */
/* dev_recomp.h - zram's recompress pass (the recompress attribute). */
#ifndef TZ_DEV_RECOMP_H
#define TZ_DEV_RECOMP_H

#include <linux/types.h>

struct tz_dev;

/* Parse zram's recompress arguments and run the pass: len or -errno. */
ssize_t tz_recompress_run(struct tz_dev *tz, const char *buf, size_t len);

#endif /* TZ_DEV_RECOMP_H */
