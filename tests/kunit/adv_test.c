// SPDX-License-Identifier: GPL-2.0
/*
 * adv_test.c - KUnit suite for the post-processing slot bits
 * (kmod/table.h: IDLE, WB, INCOMPRESSIBLE, PP, priority) and the "auto"
 * algorithm: entropy estimate, choice, and its object format.
 */
#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include "table.h"
#include "tz_auto_choice.h"
#include "tz_codec.h"

static void adv_slot_bits(struct kunit *test)
{
	struct tz_slot s = {};
	unsigned int p;

	tz_slot_set_size(&s, 1234);
	tz_slot_set(&s, TZ_SLOT_HUGE);
	for (p = 0; p < 4; p++) {
		tz_slot_set_prio(&s, p);
		KUNIT_EXPECT_EQ(test, tz_slot_prio(&s), p);
		KUNIT_EXPECT_EQ(test, tz_slot_size(&s), 1234u);
		KUNIT_EXPECT_TRUE(test, tz_slot_test(&s, TZ_SLOT_HUGE));
		KUNIT_EXPECT_FALSE(test, tz_slot_test(&s, TZ_SLOT_PP));
	}
	tz_slot_set(&s, TZ_SLOT_IDLE);
	tz_slot_set(&s, TZ_SLOT_PP);
	tz_slot_clear_flag(&s, TZ_SLOT_IDLE);
	KUNIT_EXPECT_FALSE(test, tz_slot_test(&s, TZ_SLOT_IDLE));
	KUNIT_EXPECT_TRUE(test, tz_slot_test(&s, TZ_SLOT_PP));
	KUNIT_EXPECT_EQ(test, tz_slot_prio(&s), 3u);
	/* Clearing forgets everything but the lock: PP tells a change. */
	tz_slot_lock(&s);
	tz_slot_clear(&s);
	KUNIT_EXPECT_FALSE(test, tz_slot_test(&s, TZ_SLOT_PP));
	KUNIT_EXPECT_EQ(test, tz_slot_prio(&s), 0u);
	KUNIT_EXPECT_FALSE(test, tz_slot_allocated(&s));
	tz_slot_set(&s, TZ_SLOT_WB);	/* a block on the backing device */
	KUNIT_EXPECT_TRUE(test, tz_slot_allocated(&s));
	tz_slot_unlock(&s);
	KUNIT_EXPECT_LE(test, (int)__TZ_SLOT_FLAG_END, BITS_PER_LONG);
}

static void adv_entropy(struct kunit *test)
{
	u8 *page = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	u16 *scratch = kunit_kzalloc(test, TZ_ENTROPY_SCRATCH, GFP_KERNEL);
	unsigned int i;
	u32 h;

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_NOT_NULL(test, scratch);
	KUNIT_EXPECT_EQ(test, tz_entropy_q8(page, PAGE_SIZE, scratch), 0u);
	KUNIT_EXPECT_EQ(test, tz_auto_choose(0), TZ_AUTO_LZ4);
	for (i = 0; i < PAGE_SIZE; i++)
		page[i] = "the quick brown fox jumps over the lazy dog "[i % 44];
	h = tz_entropy_q8(page, PAGE_SIZE, scratch);
	KUNIT_EXPECT_GT(test, h, 3u * 256);
	KUNIT_EXPECT_LT(test, h, 5u * 256);
	KUNIT_EXPECT_EQ(test, tz_auto_choose(h), TZ_AUTO_ZSTD);
	get_random_bytes(page, PAGE_SIZE);
	h = tz_entropy_q8(page, PAGE_SIZE, scratch);
	KUNIT_EXPECT_GE(test, h, (u32)TZ_AUTO_RAW_Q8);
	KUNIT_EXPECT_LE(test, h, 8u * 256);
	KUNIT_EXPECT_EQ(test, tz_auto_choose(h), TZ_AUTO_RAW);
}

/*
 * Compress page with the auto codec: the object must carry tag and
 * decompress to the page again. Returns the object's length.
 */
static int adv_auto_round_trip(struct kunit *test, const u8 *page, u8 *out, u8 *back,
			       struct tz_auto_work *cw, void *dw, u8 tag)
{
	int n = tz_codec_auto.compress(TZ_VARIANT_SCALAR, page, PAGE_SIZE, out,
				       PAGE_SIZE, cw, tz_codec_auto.level_default);

	KUNIT_ASSERT_GT(test, n, 1);
	KUNIT_EXPECT_EQ(test, out[0], tag);
	KUNIT_EXPECT_EQ(test, tz_codec_auto.decompress(TZ_VARIANT_SCALAR, out, n, back,
					PAGE_SIZE, dw), (int)PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, memcmp(page, back, PAGE_SIZE), 0);
	return n;
}

/* Objects: a tag byte and the codec's output; random pages not tried. */
static void adv_auto_codec(struct kunit *test)
{
	u8 *page = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	u8 *out = kunit_kzalloc(test, 2 * PAGE_SIZE, GFP_KERNEL);
	u8 *back = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	struct tz_auto_work *cw = kvzalloc(TZ_AUTO_CWORK_SIZE, GFP_KERNEL);
	void *dw = kvzalloc(TZ_AUTO_DWORK_SIZE, GFP_KERNEL);
	unsigned int i;
	int n;

	KUNIT_ASSERT_TRUE(test, page && out && back && cw && dw);
	for (i = 0; i < PAGE_SIZE; i++)
		page[i] = "tzram auto: a page of text-like bytes. "[i % 39] ^ (i >> 9);
	adv_auto_round_trip(test, page, out, back, cw, dw, 0x5a);	/* ZSTD */
	KUNIT_EXPECT_EQ(test, cw->chosen[TZ_AUTO_ZSTD], 1ull);

	memset(page, 7, PAGE_SIZE);
	page[100] = 1;
	n = adv_auto_round_trip(test, page, out, back, cw, dw, 0x4c);	/* LZ4 */

	out[0] = 0x00;	/* unknown tag */
	KUNIT_EXPECT_EQ(test, tz_codec_auto.decompress(TZ_VARIANT_SCALAR, out, n, back,
					PAGE_SIZE, dw), -EINVAL);
	KUNIT_EXPECT_EQ(test, tz_codec_auto.decompress(TZ_VARIANT_SCALAR, out, 1, back,
					PAGE_SIZE, dw), -EINVAL);

	get_random_bytes(page, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, tz_codec_auto.compress(TZ_VARIANT_SCALAR, page,
						     PAGE_SIZE, out, PAGE_SIZE, cw,
						     tz_codec_auto.level_default),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, cw->chosen[TZ_AUTO_RAW], 1ull);
	kvfree(cw);
	kvfree(dw);
}

static struct kunit_case tzram_adv_cases[] = {
	KUNIT_CASE(adv_slot_bits),
	KUNIT_CASE(adv_entropy),
	KUNIT_CASE(adv_auto_codec),
	{}
};

static struct kunit_suite tzram_adv_suite = {
	.name = "tzram_adv",
	.test_cases = tzram_adv_cases,
};

kunit_test_suites(&tzram_adv_suite);
