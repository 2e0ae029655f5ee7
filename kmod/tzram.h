/* SPDX-License-Identifier: GPL-2.0 */
/* tzram.h - module-wide definitions shared by the files of kmod/. */
#ifndef TZRAM_H
#define TZRAM_H

#include <linux/types.h>

#define TZRAM_VERSION "0.1.0"

int tz_parse_size(const char *buf, size_t len, u64 *out);

#endif /* TZRAM_H */
