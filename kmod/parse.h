/* SPDX-License-Identifier: GPL-2.0 */
/* parse.h - parsing of sysfs input as zram parses it. */
#ifndef TZ_PARSE_H
#define TZ_PARSE_H

#include <linux/types.h>

/* A size as zram's memparse() reads it: 0, or -EINVAL if nothing parsed. */
int tz_parse_size(const char *buf, u64 *out);

#endif /* TZ_PARSE_H */
