// SPDX-License-Identifier: GPL-2.0
/* parse_test.c - KUnit suite for tz_parse_size() (kmod/parse.c). */
#include <kunit/test.h>
#include <linux/string.h>
#include "parse.h"

static int parse(const char *s, u64 *v)
{
	return tz_parse_size(s, strlen(s), v);
}

static void parse_accepts_zram_spellings(struct kunit *test)
{
	static const struct { const char *in; u64 want; } ok[] = {
		{ "0", 0 },
		{ "4096", 4096 },
		{ "4096\n", 4096 },
		{ "1K", 1024 },
		{ "512m", 512ULL << 20 },
		{ "1G\n", 1ULL << 30 },
		{ "2t", 2ULL << 40 },
		{ "0x1000", 0x1000 },
		{ "0X10k", 16 << 10 },
		{ "18446744073709551615", U64_MAX },
		{ "15E", 15ULL << 60 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		u64 v = 12345;

		KUNIT_EXPECT_EQ_MSG(test, parse(ok[i].in, &v), 0, "input %s", ok[i].in);
		KUNIT_EXPECT_EQ_MSG(test, v, ok[i].want, "input %s", ok[i].in);
	}
}

static void parse_rejects_garbage(struct kunit *test)
{
	static const char * const bad[] = {
		"", "\n", "-1", "+1", "abc", "12abc", "1KB", "1 K", " 1", "1\n\n",
		"0x", "0xg", "18446744073709551616", "99999999999999999999999",
		"16E", "17179869184G", "1Q",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		u64 v = 777;

		KUNIT_EXPECT_EQ_MSG(test, parse(bad[i], &v), -EINVAL, "input '%s'", bad[i]);
		KUNIT_EXPECT_EQ_MSG(test, v, 777ULL, "output changed for '%s'", bad[i]);
	}
}

static void parse_respects_length(struct kunit *test)
{
	u64 v = 0;

	/* Only the first 2 bytes count: "12" of "1234". */
	KUNIT_EXPECT_EQ(test, tz_parse_size("1234", 2, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 12ULL);
	KUNIT_EXPECT_EQ(test, tz_parse_size("1234", 0, &v), -EINVAL);
}

static struct kunit_case parse_cases[] = {
	KUNIT_CASE(parse_accepts_zram_spellings),
	KUNIT_CASE(parse_rejects_garbage),
	KUNIT_CASE(parse_respects_length),
	{}
};

static struct kunit_suite parse_suite = {
	.name = "tzram_parse",
	.test_cases = parse_cases,
};
kunit_test_suite(parse_suite);
