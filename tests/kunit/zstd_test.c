// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_test.c - KUnit suite tzram_zstd: ZSTD round trips with every
 * variant this CPU runs, inside the FPU section (tz_simd_begin_v/end),
 * plus malformed-frame rejection. Work memory is vmalloc'd.
 */
#include <kunit/test.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include "tz_zstd.h"

static void fill(u8 *p, size_t n, int kind)
{
	size_t i;
	u32 x = 12345;

	for (i = 0; i < n; i++) {
		x = x * 1103515245 + 12345;
		p[i] = kind == 0 ? 0 : kind == 1 ? (u8)(x >> 16) :
		       (u8)("zram page struct "[(i + (x >> 28)) % 17]);
	}
}

/*
 * A page, and a 16-page unit as kmod/unit.c codes it: in one section that
 * the codec ends and begins between blocks and pieces of its parse
 * (tz_simd_yield), as DEBUG_ATOMIC_SLEEP and lockdep watch on the debug
 * kernel.
 */
static void zstd_round_trips(struct kunit *test)
{
	static const size_t sizes[] = { 4096, 65536 };
	size_t cap = 65536 + 64;
	u8 *in = kunit_kmalloc(test, 65536, GFP_KERNEL), *c = kunit_kmalloc(test, cap, GFP_KERNEL);
	u8 *d = kunit_kmalloc(test, 65536, GFP_KERNEL);
	void *cw = vmalloc(TZ_ZSTD_CWORKMEM_SIZE), *dw = vmalloc(TZ_ZSTD_DWORKMEM_SIZE);
	int v, kind, level;
	unsigned int si;

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_ASSERT_NOT_NULL(test, cw);
	KUNIT_ASSERT_NOT_NULL(test, dw);
	for (si = 0; si < ARRAY_SIZE(sizes); si++) {
		size_t n = sizes[si];

		for (v = 0; v < TZ_VARIANT_COUNT; v++) {
			if (!tz_variant_supported(v))
				continue;
			for (kind = 0; kind < 3; kind++) {
				fill(in, n, kind);
				for (level = 1; level <= 3; level++) {
					enum tz_variant got = tz_simd_begin_v(v);
					int r, e;

					r = tz_zstd_compress_v(got, in, n, c, cap, level, cw);
					e = r > 0 ? tz_zstd_decompress_v(got, c, r, d, n, dw) : r;
					tz_simd_end(got);
					KUNIT_EXPECT_GT_MSG(test, r, 0, "%s n %zu kind %d level %d",
							    tz_variant_name(got), n, kind, level);
					KUNIT_EXPECT_EQ(test, e, (int)n);
					KUNIT_EXPECT_EQ(test, memcmp(in, d, n), 0);
				}
			}
		}
	}
	vfree(cw);
	vfree(dw);
}

static void zstd_rejects_malformed(struct kunit *test)
{
	static const u8 bad_magic[] = { 0x28, 0xb5, 0x2f, 0xfe, 0x20, 0x01, 0x01, 0, 0, 0 };
	static const u8 reserved_block[] = { 0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x01, 0x07, 0, 0, 0 };
	static const u8 trunc[] = { 0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x10 };
	u8 d[32];
	void *dw = vmalloc(TZ_ZSTD_DWORKMEM_SIZE);

	KUNIT_ASSERT_NOT_NULL(test, dw);
	KUNIT_EXPECT_EQ(test, tz_zstd_decompress(bad_magic, sizeof(bad_magic), d, 32, dw), -EINVAL);
	KUNIT_EXPECT_EQ(test, tz_zstd_decompress(reserved_block, sizeof(reserved_block), d, 32, dw),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tz_zstd_decompress(trunc, sizeof(trunc), d, 32, dw), -EINVAL);
	vfree(dw);
}

/*
 * Issue 18 items 3 and 8, from exactly sized kmalloc buffers (KASAN sees
 * a read or write past them): a frame whose raw literals end near the
 * input's end (libzstd: 11 bytes 'A', an RLE block of 8 and a 3-byte
 * repeat-offset match), and one whose block decodes to more than its
 * 1664-byte window allows (libzstd: an error).
 */
static void zstd_exact_buffers(struct kunit *test)
{
	static const u8 lit_at_end[] = { 0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x00, 0x42, 0x00, 0x00,
					 0x41, 0x35, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
					 0x02 };
	static const u8 over_window[] = { 0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x05, 0x4d, 0x00, 0x00,
					  0x10, 0xf8, 0x00, 0x01, 0x00, 0xff, 0xf3, 0x01, 0x16 };
	void *dw = vmalloc(TZ_ZSTD_DWORKMEM_SIZE);
	u8 *s1 = kunit_kmalloc(test, sizeof(lit_at_end), GFP_KERNEL);
	u8 *s2 = kunit_kmalloc(test, sizeof(over_window), GFP_KERNEL);
	u8 *d = kunit_kmalloc(test, 11, GFP_KERNEL), *big = kunit_kmalloc(test, 4103, GFP_KERNEL);
	int v, i;

	KUNIT_ASSERT_NOT_NULL(test, dw);
	memcpy(s1, lit_at_end, sizeof(lit_at_end));
	memcpy(s2, over_window, sizeof(over_window));
	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		enum tz_variant got;
		int r1, r2;

		if (!tz_variant_supported(v))
			continue;
		got = tz_simd_begin_v(v);
		r1 = tz_zstd_decompress_v(got, s1, sizeof(lit_at_end), d, 11, dw);
		r2 = tz_zstd_decompress_v(got, s2, sizeof(over_window), big, 4103, dw);
		tz_simd_end(got);
		KUNIT_EXPECT_EQ_MSG(test, r1, 11, "%s", tz_variant_name(got));
		for (i = 0; i < 11 && r1 == 11; i++)
			KUNIT_EXPECT_EQ(test, d[i], 0x41);
		KUNIT_EXPECT_EQ_MSG(test, r2, -EINVAL, "%s", tz_variant_name(got));
	}
	vfree(dw);
}

/*
 * A 16-page unit's frame (two 32 KiB blocks) decoded with every variant
 * inside one section, as kmod/unit.c decodes units: the decoder ends and
 * begins the section again between the blocks (tz_simd_yield), whole and
 * up to its first page (which stops after the first block).
 */
static void zstd_unit_sections(struct kunit *test)
{
	size_t n = 65536, cap = n + 1024;
	u8 *in = vmalloc(n), *c = vmalloc(cap), *d = vmalloc(n);
	void *cw = vmalloc(TZ_ZSTD_CWORKMEM_SIZE), *dw = vmalloc(TZ_ZSTD_DWORKMEM_SIZE);
	int v, r = -ENOMEM;

	if (in && c && d && cw && dw) {
		fill(in, n, 2);
		r = tz_zstd_compress_v(TZ_VARIANT_SCALAR, in, n, c, cap, 2, cw);
	}
	KUNIT_ASSERT_GT(test, r, 0);
	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		enum tz_variant got;
		int whole, part;

		if (!tz_variant_supported(v))
			continue;
		got = tz_simd_begin_v(v);
		whole = tz_zstd_decompress_v(got, c, r, d, n, dw);
		tz_simd_end(got);
		KUNIT_EXPECT_EQ_MSG(test, whole, (int)n, "%s", tz_variant_name(got));
		KUNIT_EXPECT_EQ(test, memcmp(in, d, n), 0);
		memset(d, 0, n);
		got = tz_simd_begin_v(v);
		part = tz_zstd_decompress_part_v(got, c, r, d, n, 4096, dw);
		tz_simd_end(got);
		KUNIT_EXPECT_EQ_MSG(test, part, 32768, "%s", tz_variant_name(got));
		KUNIT_EXPECT_EQ(test, memcmp(in, d, 32768), 0);
	}
	vfree(in);
	vfree(c);
	vfree(d);
	vfree(cw);
	vfree(dw);
}

static struct kunit_case tzram_zstd_cases[] = {
	KUNIT_CASE(zstd_round_trips),
	KUNIT_CASE(zstd_rejects_malformed),
	KUNIT_CASE(zstd_exact_buffers),
	KUNIT_CASE(zstd_unit_sections),
	{}
};

static struct kunit_suite tzram_zstd_suite = {
	.name = "tzram_zstd",
	.test_cases = tzram_zstd_cases,
};
kunit_test_suite(tzram_zstd_suite);
