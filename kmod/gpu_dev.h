/* SPDX-License-Identifier: GPL-2.0 */
/* gpu_dev.h - a device's large reads through the GPU helper. */
#ifndef TZ_GPU_DEV_H
#define TZ_GPU_DEV_H

#include <linux/types.h>
#include "gpu_batch.h"

/* Default of a device's gpu_min_pages (read bios of at least this many). */
#define TZ_GPU_MIN_PAGES_DEFAULT	64

struct bio;
struct tz_dev;

/* True if it completed the read bio's data (not the bio). */
bool tz_gpu_read_bio(struct tz_dev *tz, struct bio *bio);

#endif /* TZ_GPU_DEV_H */
