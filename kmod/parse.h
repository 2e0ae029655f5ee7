/* SPDX-License-Identifier: GPL-2.0 */
/* parse.h - parsing of sysfs input. */
#ifndef TZ_PARSE_H
#define TZ_PARSE_H

#include <linux/types.h>

int tz_parse_size(const char *buf, size_t len, u64 *out);

#endif /* TZ_PARSE_H */
