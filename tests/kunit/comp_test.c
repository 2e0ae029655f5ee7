// SPDX-License-Identifier: GPL-2.0
/*
 * comp_test.c - KUnit suite for the device's algorithms (kmod/comp.c) and
 * the registry entries behind them (kmod/simd/tz_codec.c,
 * kmod/comp_kernel.c): every algorithm this kernel's list takes
 * round-trips text and random pages through its streams; levels pick
 * the implementation zram's levels mean (ZSTD above ours: the kernel's
 * encoder, our decoder); refused levels fail init as zram's backends do;
 * dictionaries (dict=) are prepared at init and every page goes through
 * them, bad ones fail init.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include "comp.h"
#include "comp_kernel.h"
#include "tz_lz4.h"
#include "tz_zstd.h"

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

/*
 * A page that is a piece of a random dictionary: with the dictionary it
 * shrinks to a few bytes; without, it does not compress at all.
 */
#define DICT_LEN (32 * 1024)
#define DICT_AT 12345

static u8 *random_dict(struct kunit *test, struct tz_comp_params *p)
{
	u8 *dict = kunit_kmalloc(test, DICT_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, dict);
	get_random_bytes(dict, DICT_LEN);
	p->dict = dict;
	p->dict_sz = DICT_LEN;
	return dict;
}

static void comp_lz4_dict(struct kunit *test)
{
	struct tz_comp_params p = { .level = TZ_COMP_NO_LEVEL };
	u8 *back = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	u8 *dict = random_dict(test, &p);
	struct tz_strm *s;
	struct tz_comp c;
	int len;

	KUNIT_ASSERT_NOT_NULL(test, back);
	KUNIT_ASSERT_EQ(test, tz_comp_init(&c, tz_comp_find("lz4"), &p), 0);
	KUNIT_ASSERT_NOT_NULL(test, c.dict);
	/* Init copied the bytes: the settings' copy may change meanwhile. */
	KUNIT_EXPECT_PTR_NE(test, c.dict->data, (const void *)dict);
	len = round_trip(test, &c, dict + DICT_AT, back);
	KUNIT_EXPECT_GT(test, len, 0);
	KUNIT_EXPECT_LT(test, len, 64);
	s = tz_strm_get(&c);
	/* Each stream decodes through its own copy of the dictionary (front). */
	KUNIT_EXPECT_NOT_NULL(test, s->dwork);
	len = tz_comp_page(&c, s, dict + DICT_AT, PAGE_SIZE);
	KUNIT_ASSERT_GT(test, len, 0);
	/* LZ4's block format: the library's usingDict decoder reads it... */
	KUNIT_EXPECT_EQ(test, tz_lz4_decompress_dict_v(TZ_VARIANT_SCALAR, dict,
						       DICT_LEN, s->buf, len,
						       back, PAGE_SIZE),
			(int)PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, memcmp(back, dict + DICT_AT, PAGE_SIZE), 0);
	/* ...and without the dictionary the block does not decode. */
	KUNIT_EXPECT_NE(test, tz_lz4_decompress_v(TZ_VARIANT_SCALAR, s->buf,
						  len, back, PAGE_SIZE),
			(int)PAGE_SIZE);
	tz_strm_put(s);
	tz_comp_destroy(&c);
	KUNIT_EXPECT_NULL(test, c.dict);

	/* Without the dictionary the same page is incompressible. */
	p.dict_sz = 0;
	KUNIT_ASSERT_EQ(test, tz_comp_init(&c, tz_comp_find("lz4"), &p), 0);
	KUNIT_EXPECT_NULL(test, c.dict);
	KUNIT_EXPECT_EQ(test, round_trip(test, &c, dict + DICT_AT, back),
			-ENOSPC);
	tz_comp_destroy(&c);
}

static void comp_zstd_dict(struct kunit *test)
{
	static const u8 truncated[] = { 0x37, 0xa4, 0x30, 0xec, 1, 0, 0, 0, 9 };
	struct tz_comp_params p = { .level = TZ_COMP_NO_LEVEL };
	u8 *back = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	u8 *dict = random_dict(test, &p);
	struct tz_comp c;
	int ret, len;

	KUNIT_ASSERT_NOT_NULL(test, back);
	/* The encoder codes with a dictionary: dict= is taken. */
	ret = tz_comp_init(&c, tz_comp_find("zstd"), &p);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_NOT_NULL(test, c.dict);
	len = round_trip(test, &c, dict + DICT_AT, back);
	KUNIT_EXPECT_GT(test, len, 0);
	KUNIT_EXPECT_LT(test, len, 64);
	tz_comp_destroy(&c);
	KUNIT_EXPECT_NULL(test, c.dict);
	/* zstd's magic with truncated tables: a corrupt dictionary. */
	p.dict = (void *)truncated;
	p.dict_sz = sizeof(truncated);
	KUNIT_EXPECT_EQ(test, tz_comp_init(&c, tz_comp_find("zstd"), &p),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, c.alg);
}

static void comp_dict_refused(struct kunit *test)
{
	struct tz_comp_params p = { .level = TZ_COMP_NO_LEVEL };
	const struct tz_comp_alg *alg;
	u8 *dict = kunit_kzalloc(test, TZ_LZ4_DICT_MAX + 1, GFP_KERNEL);
	struct tz_comp c;

	KUNIT_ASSERT_NOT_NULL(test, dict);
	p.dict = dict;
	/* LZ4: 8 bytes to 64 KiB, what zram's backend's LZ4_loadDict takes. */
	p.dict_sz = 7;
	KUNIT_EXPECT_EQ(test, tz_comp_init(&c, tz_comp_find("lz4"), &p), -EINVAL);
	KUNIT_EXPECT_NULL(test, c.alg);
	p.dict_sz = TZ_LZ4_DICT_MAX + 1;
	KUNIT_EXPECT_EQ(test, tz_comp_init(&c, tz_comp_find("lz4"), &p), -EINVAL);
	p.dict_sz = TZ_LZ4_DICT_MAX;
	KUNIT_ASSERT_EQ(test, tz_comp_init(&c, tz_comp_find("lz4"), &p), 0);
	KUNIT_EXPECT_NOT_NULL(test, c.dict);
	tz_comp_destroy(&c);
	p.dict_sz = 8;
	KUNIT_ASSERT_EQ(test, tz_comp_init(&c, tz_comp_find("lz4"), &p), 0);
	tz_comp_destroy(&c);
	/* auto has no dictionary form: refused. */
	KUNIT_EXPECT_EQ(test, tz_comp_init(&c, tz_comp_find("auto"), &p), -EINVAL);
	/* lz4hc: zram's backend uses one, tzram's has none: refused. */
	alg = tz_comp_find("lz4hc");
	if (alg)
		KUNIT_EXPECT_EQ(test, tz_comp_init(&c, alg, &p), -EINVAL);
	/* zstd above our levels is the kernel's encoder: none there either. */
#ifdef TZ_HAVE_KERNEL_ZSTD
	p.level = 9;
	KUNIT_EXPECT_EQ(test, tz_comp_init(&c, tz_comp_find("zstd"), &p), -EINVAL);
	p.level = TZ_COMP_NO_LEVEL;
#endif
	/* deflate: zram's backend ignores a dictionary, and so do we. */
	alg = tz_comp_find("deflate");
	if (alg) {
		KUNIT_EXPECT_TRUE(test, alg->dict_unused);
		KUNIT_ASSERT_EQ(test, tz_comp_init(&c, alg, &p), 0);
		KUNIT_EXPECT_NULL(test, c.dict);
		tz_comp_destroy(&c);
	}
}

static struct kunit_case comp_cases[] = {
	KUNIT_CASE(comp_every_algorithm),
	KUNIT_CASE(comp_zstd_levels),
	KUNIT_CASE(comp_refused_levels),
	KUNIT_CASE(comp_list_format),
	KUNIT_CASE(comp_lz4_dict),
	KUNIT_CASE(comp_zstd_dict),
	KUNIT_CASE(comp_dict_refused),
	{}
};

static struct kunit_suite comp_suite = {
	.name = "tzram_comp",
	.test_cases = comp_cases,
};
kunit_test_suite(comp_suite);
