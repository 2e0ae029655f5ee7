// SPDX-License-Identifier: GPL-2.0
/*
 * parse.c - strict parsing of sysfs input.
 *
 * zram parses sizes with memparse(), which silently ignores trailing
 * garbage ("12abc" is 12) and wraps on overflow. tzram accepts the same
 * spellings (decimal or 0x hex, optional K/M/G/T/P/E suffix in either case,
 * one trailing newline) and rejects everything else with -EINVAL, so a
 * malformed write changes nothing.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/overflow.h>
#include "parse.h"

static int suffix_shift(char c)
{
	switch (tolower(c)) {
	case 'k': return 10;
	case 'm': return 20;
	case 'g': return 30;
	case 't': return 40;
	case 'p': return 50;
	case 'e': return 60;
	}
	return -1;
}

/**
 * tz_parse_size - parse a byte count written to a sysfs attribute
 * @buf: input, not necessarily NUL-terminated
 * @len: bytes in @buf
 * @out: result, written only on success
 *
 * Return: 0, or -EINVAL for empty, signed, non-numeric, trailing garbage
 * or a value that does not fit in 64 bits.
 */
int tz_parse_size(const char *buf, size_t len, u64 *out)
{
	unsigned int base = 10;
	size_t i = 0;
	u64 val = 0;
	int shift;

	if (len && buf[len - 1] == '\n')
		len--;
	if (len >= 2 && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == len || !isxdigit(buf[i]))
		return -EINVAL;
	for (; i < len && isxdigit(buf[i]); i++) {
		unsigned int d = isdigit(buf[i]) ? buf[i] - '0' : tolower(buf[i]) - 'a' + 10;

		if (d >= base)
			break;
		if (check_mul_overflow(val, (u64)base, &val) ||
		    check_add_overflow(val, (u64)d, &val))
			return -EINVAL;
	}
	if (i < len) {
		shift = suffix_shift(buf[i]);
		if (shift < 0 || i + 1 != len)
			return -EINVAL;
		if (val > (U64_MAX >> shift))
			return -EINVAL;
		val <<= shift;
	}
	*out = val;
	return 0;
}
