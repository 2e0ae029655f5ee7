/* SPDX-License-Identifier: GPL-2.0 */
/* unit_io.h - bios of whole pages handled run by run for units (unit_io.c). */
#ifndef TZ_UNIT_IO_H
#define TZ_UNIT_IO_H

#include <linux/types.h>

struct bio;
struct tz_dev;

/*
 * Read or write a bio's data in runs inside the device's aligned blocks of
 * unit_max_pages pages (kmod/unit.h); false (nothing done) if the device
 * has no units or the bio is not made of two or more whole pages. Sets
 * bio->bi_status on failure; the caller completes the bio.
 */
bool tz_unit_bio(struct tz_dev *tz, struct bio *bio, bool write);

#endif /* TZ_UNIT_IO_H */
