// SPDX-License-Identifier: GPL-2.0
/*
 * parse_test.c - KUnit suite for tz_parse_size() (kmod/parse.c): sizes
 * read as zram reads them (memparse), trailing text ignored, nothing
 * parsed refused.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include "parse.h"

static void parse_as_zram(struct kunit *test)
{
	static const struct { const char *in; u64 want; } ok[] = {
		{ "0", 0 },
		{ "4096", 4096 },
		{ "4096\n", 4096 },
		{ "512KB", 512 << 10 },		/* zram ignores what follows */
		{ "1K", 1024 },
		{ "512m", 512ULL << 20 },
		{ "1G\n", 1ULL << 30 },
		{ "2t", 2ULL << 40 },
		{ "0x1000", 0x1000 },
		{ "0X10k", 16 << 10 },
		{ "010", 8 },			/* a leading 0 is octal */
		{ "12abc", 12 },
		{ "1.5G", 1 },
		{ "18446744073709551615", U64_MAX },
		{ "16E", 0 },			/* wraps, as memparse does */
		{ "0x", 0 },
		{ "K", 0 },			/* a suffix alone counts as parsed */
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		u64 v = 12345;

		KUNIT_EXPECT_EQ_MSG(test, tz_parse_size(ok[i].in, &v), 0,
				    "input %s", ok[i].in);
		KUNIT_EXPECT_EQ_MSG(test, v, ok[i].want, "input %s", ok[i].in);
	}
}

static void parse_refuses_nothing_parsed(struct kunit *test)
{
	static const char * const bad[] = { "", "\n", " 4096\n", "abc", "-1" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		u64 v = 777;

		KUNIT_EXPECT_EQ_MSG(test, tz_parse_size(bad[i], &v), -EINVAL,
				    "input '%s'", bad[i]);
		KUNIT_EXPECT_EQ_MSG(test, v, 777ULL, "output changed for '%s'", bad[i]);
	}
}

static void parse_stops_at_garbage(struct kunit *test)
{
	u64 v = 0;

	KUNIT_EXPECT_EQ(test, tz_parse_size("12 34", &v), 0);
	KUNIT_EXPECT_EQ(test, v, 12ULL);
}

static struct kunit_case parse_cases[] = {
	KUNIT_CASE(parse_as_zram),
	KUNIT_CASE(parse_refuses_nothing_parsed),
	KUNIT_CASE(parse_stops_at_garbage),
	{}
};

static struct kunit_suite parse_suite = {
	.name = "tzram_parse",
	.test_cases = parse_cases,
};
kunit_test_suite(parse_suite);
