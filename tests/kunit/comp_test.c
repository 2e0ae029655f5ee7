// SPDX-License-Identifier: GPL-2.0
/*
 * comp_test.c - KUnit suite for the device's algorithms (kmod/comp.c) and
 * the registry entries behind them (kmod/simd/tz_codec.c,
 * kmod/comp_kernel.c): every algorithm this kernel's list takes
 * round-trips text and random pages through its streams; levels pick
 * the implementation zram's levels mean (ZSTD above ours: the kernel's
 * encoder, our decoder); refused levels fail init as zram's backends do.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include "comp.h"
#include "comp_kernel.h"

static const char *const names[] = {
	"lzo", "lzo-rle", "lz4", "lz4hc", "842", "zstd", "deflate", "auto",
};

/* Compress and decompress one page with c: the page comes back. */
static int round_trip(struct kunit *test, struct tz_comp *c, const u8 *page,
		      u8 *back)
{
	struct tz_strm *s = tz_strm_get(c);
	int len = tz_comp_page(c, s, page, PAGE_SIZE);

	if (len > 0) {
		memset(back, 0xa5, PAGE_SIZE);
		KUNIT_EXPECT_EQ(test, tz_decomp_page(c, s, s->buf, len, back), 0);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(page, back, PAGE_SIZE), 0,
				    "%s level %d", c->codec->name, c->level);
	}
	tz_strm_put(s);
	return len;
}

static void text_page(u8 *p)
{
	unsigned int i;

	for (i = 0; i < PAGE_SIZE; i++)
		p[i] = "tzram: every algorithm zram offers, round trip. "[i % 49] ^
		       (i >> 10);
}

static void comp_every_algorithm(struct kunit *test)
{
	struct tz_comp_params params = { .level = TZ_COMP_NO_LEVEL };
	u8 *page = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	u8 *back = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	unsigned int i, found = 0;
	struct tz_comp c;

	KUNIT_ASSERT_TRUE(test, page && back);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		const struct tz_comp_alg *alg = tz_comp_find(names[i]);
		int len;

		if (!alg)
			continue;
		KUNIT_ASSERT_FALSE(test, IS_ERR(alg));
		KUNIT_EXPECT_STREQ(test, alg->codec->name, names[i]);
		found++;
		KUNIT_ASSERT_EQ(test, tz_comp_init(&c, alg, &params), 0);
		text_page(page);
		len = round_trip(test, &c, page, back);
		KUNIT_EXPECT_GT_MSG(test, len, 0, "%s", names[i]);
		KUNIT_EXPECT_LT_MSG(test, len, (int)PAGE_SIZE / 4, "%s", names[i]);
		/* Random: either stored whole (-ENOSPC) or it must decode. */
		get_random_bytes(page, PAGE_SIZE);
		len = round_trip(test, &c, page, back);
		KUNIT_EXPECT_TRUE_MSG(test, len > 0 || len == -ENOSPC, "%s: %d",
				      names[i], len);
		tz_comp_destroy(&c);
		KUNIT_EXPECT_NULL(test, c.alg);
	}
	/* lz4, zstd and auto are ours: always there. */
	KUNIT_EXPECT_GE(test, found, 3u);
	KUNIT_EXPECT_NULL(test, tz_comp_find("nosuch"));
	KUNIT_EXPECT_NOT_NULL(test, tz_comp_find("lz4\n"));
	KUNIT_EXPECT_PTR_EQ(test, tz_comp_find("lz4"), tz_comp_default());
}

static void comp_zstd_levels(struct kunit *test)
{
	const struct tz_comp_alg *alg = tz_comp_find("zstd");
	u8 *page = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	u8 *back = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	static const int levels[] = { TZ_COMP_NO_LEVEL, 1, 3, 4, 9, 19, 22, 99,
				      -5, 0 };
	unsigned int i;
	struct tz_comp c;

	KUNIT_ASSERT_TRUE(test, alg && page && back);
	text_page(page);
	for (i = 0; i < ARRAY_SIZE(levels); i++) {
		struct tz_comp_params p = { .level = levels[i] };
		bool ours = levels[i] == TZ_COMP_NO_LEVEL ||
			    (levels[i] >= 1 && levels[i] <= 3);

		KUNIT_ASSERT_EQ(test, tz_comp_init(&c, alg, &p), 0);
#ifdef TZ_HAVE_KERNEL_ZSTD
		KUNIT_EXPECT_PTR_EQ_MSG(test, c.codec, ours ? &tz_codec_zstd :
					&tz_codec_zstd_kernel, "level %d", levels[i]);
#else
		KUNIT_EXPECT_PTR_EQ(test, c.codec, &tz_codec_zstd);
#endif
		if (levels[i] == TZ_COMP_NO_LEVEL)
			KUNIT_EXPECT_EQ(test, c.level, tz_codec_zstd.level_default);
		KUNIT_EXPECT_GT(test, round_trip(test, &c, page, back), 0);
		tz_comp_destroy(&c);
	}
}

static void comp_refused_levels(struct kunit *test)
{
	const struct tz_comp_alg *alg = tz_comp_find("deflate");
	struct tz_comp_params p = { .level = 10 };
	struct tz_comp c;

	if (!alg)
		kunit_skip(test, "no deflate here");
	KUNIT_EXPECT_EQ(test, tz_comp_init(&c, alg, &p), -EINVAL);
	KUNIT_EXPECT_NULL(test, c.alg);
	p.level = -2;
	KUNIT_EXPECT_EQ(test, tz_comp_init(&c, alg, &p), -EINVAL);
	p.level = 9;
	KUNIT_ASSERT_EQ(test, tz_comp_init(&c, alg, &p), 0);
	tz_comp_destroy(&c);
}

static void comp_list_format(struct kunit *test)
{
	char *buf = (char *)__get_free_page(GFP_KERNEL);
	ssize_t n;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	n = tz_comp_show_available(tz_comp_default(), buf, 0);
	KUNIT_EXPECT_EQ(test, (size_t)n, strlen(buf));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "[lz4] "));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, " zstd "));
	/* zram's names first, tzram's own last, then the newline. */
	KUNIT_EXPECT_EQ(test, memcmp(buf + n - 6, "auto ", 5), 0);
	KUNIT_EXPECT_EQ(test, buf[n - 1], '\n');
	free_page((unsigned long)buf);
}

static struct kunit_case comp_cases[] = {
	KUNIT_CASE(comp_every_algorithm),
	KUNIT_CASE(comp_zstd_levels),
	KUNIT_CASE(comp_refused_levels),
	KUNIT_CASE(comp_list_format),
	{}
};

static struct kunit_suite comp_suite = {
	.name = "tzram_comp",
	.test_cases = comp_cases,
};
kunit_test_suite(comp_suite);
