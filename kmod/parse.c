// SPDX-License-Identifier: GPL-2.0
/*
 * parse.c - sizes written to sysfs, parsed as zram parses them: with the
 * kernel's memparse() (decimal, 0x hex or 0 octal, an optional K/M/G/T/P/E
 * suffix in either case; whatever follows is ignored, so "512KB" is
 * 512 KiB and "1G\n" is 1 GiB; overflow wraps). Nothing parsed (empty,
 * leading blank, no digit) is an error, as zram's mem_limit has it.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>	/* memparse() from 6.12 on; kernel.h before */
#include "parse.h"

int tz_parse_size(const char *buf, u64 *out)
{
	char *end;
	u64 val = memparse(buf, &end);

	if (end == buf)
		return -EINVAL;
	*out = val;
	return 0;
}
