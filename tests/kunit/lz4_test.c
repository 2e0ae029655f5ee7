// SPDX-License-Identifier: GPL-2.0
/*
 * lz4_test.c - KUnit suite for the LZ4 codec and same-fill detector
 * (kmod/simd/): round trips of generated pages with every variant this CPU
 * runs, inside tz_simd_begin_v/tz_simd_end (kernel_fpu_begin), the
 * decoder's error cases, batches against the one-page calls and a
 * dictionary round trip. No corpus: the pages are generated here.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "tz_lz4.h"
#include "tz_samefill.h"

#define PG 4096
#define NPAT 8

/* Deterministic pattern pages: zero, fill, text-like, random, mixtures. */
static void gen_page(u8 *p, int kind, u32 seed)
{
	u32 x = seed * 2654435761u + 1;
	int i;

	for (i = 0; i < PG; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		switch (kind) {
		case 0:
			p[i] = 0;
			break;
		case 1:
			p[i] = 0xA5;
			break;
		case 2:
			p[i] = "the quick brown fox "[i % 20];
			break;
		case 3:		/* incompressible */
			p[i] = x;
			break;
		case 4:		/* small alphabet */
			p[i] = 'a' + x % 4;
			break;
		case 5:		/* one long match */
			p[i] = i < 2048 ? x : p[i - 2048];
			break;
		case 6:		/* sparse struct-like */
			p[i] = (i & 63) < 8 ? x : 0;
			break;
		default:
			p[i] = i % 7 == 0 ? x : i / 64;
			break;
		}
	}
}

struct lz4_ctx {
	u8 *in, *c, *c0, *d;
	void *wrk;
};

static int lz4_init(struct kunit *test)
{
	struct lz4_ctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, x);
	x->in = kunit_kmalloc(test, PG, GFP_KERNEL);
	x->c = kunit_kmalloc(test, TZ_LZ4_BOUND(PG), GFP_KERNEL);
	x->c0 = kunit_kmalloc(test, TZ_LZ4_BOUND(PG), GFP_KERNEL);
	x->d = kunit_kmalloc(test, PG, GFP_KERNEL);
	x->wrk = kunit_kmalloc(test, TZ_LZ4_WORKMEM_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, x->in && x->c && x->c0 && x->d && x->wrk);
	test->priv = x;
	return 0;
}

static void lz4_roundtrip_all_variants(struct kunit *test)
{
	struct lz4_ctx *x = test->priv;
	int kind, v, r0, r, e, ran;

	for (kind = 0; kind < NPAT; kind++) {
		gen_page(x->in, kind, kind + 1);
		r0 = -1;
		for (v = 0; v < TZ_VARIANT_COUNT; v++) {
			enum tz_variant got;

			if (!tz_variant_supported(v))
				continue;
			got = tz_simd_begin_v(v);
			r = tz_lz4_compress_v(got, x->in, PG, x->c, TZ_LZ4_BOUND(PG), x->wrk);
			e = r > 0 ? tz_lz4_decompress_v(got, x->c, r, x->d, PG) : r;
			tz_simd_end(got);
			ran = got == (enum tz_variant)v;
			KUNIT_EXPECT_GT_MSG(test, r, 0, "compress %s kind %d",
					    tz_variant_name(got), kind);
			KUNIT_EXPECT_EQ_MSG(test, e, PG, "decompress %s kind %d",
					    tz_variant_name(got), kind);
			KUNIT_EXPECT_EQ_MSG(test, memcmp(x->d, x->in, PG), 0,
					    "%s kind %d", tz_variant_name(got), kind);
			/* One core: every variant emits the same bytes. */
			if (r0 < 0) {
				r0 = r;
				memcpy(x->c0, x->c, r);
			} else {
				KUNIT_EXPECT_EQ(test, r, r0);
				KUNIT_EXPECT_EQ_MSG(test, memcmp(x->c, x->c0, r0), 0,
						    "%s output differs", tz_variant_name(got));
			}
			if (!ran)
				kunit_info(test, "%s ran as scalar (no SIMD here)",
					   tz_variant_name(v));
		}
	}
}

static void lz4_capacity_limits(struct kunit *test)
{
	struct lz4_ctx *x = test->priv;
	int r;

	gen_page(x->in, 4, 9);
	r = tz_lz4_compress(x->in, PG, x->c, TZ_LZ4_BOUND(PG), x->wrk);
	KUNIT_ASSERT_GT(test, r, 0);
	KUNIT_EXPECT_EQ(test, tz_lz4_compress(x->in, PG, x->c0, r, x->wrk), r);
	KUNIT_EXPECT_EQ(test, tz_lz4_compress(x->in, PG, x->c0, r - 1, x->wrk), -ENOSPC);
	KUNIT_EXPECT_EQ(test, tz_lz4_compress(x->in, PG, x->c0, 0, x->wrk), -ENOSPC);
	KUNIT_EXPECT_EQ(test, tz_lz4_decompress(x->c, r, x->d, PG - 1), -ENOSPC);
	KUNIT_EXPECT_EQ(test, tz_lz4_decompress(x->c, r, x->d, PG), PG);
	/* Empty input compresses to one token. */
	KUNIT_EXPECT_EQ(test, tz_lz4_compress(x->in, 0, x->c, 16, x->wrk), 1);
	KUNIT_EXPECT_EQ(test, tz_lz4_decompress(x->c, 1, x->d, PG), 0);
}

static void lz4_decoder_rejects_malformed(struct kunit *test)
{
	struct lz4_ctx *x = test->priv;
	static const struct { u8 b[8]; int len; } bad[] = {
		{ { 0 }, 0 },				/* no token */
		{ { 0x10 }, 1 },			/* literal missing */
		{ { 0xF0 }, 1 },			/* length extension missing */
		{ { 0xF0, 0xFF }, 2 },			/* extension runs off the end */
		{ { 0x10, 'a', 0x00, 0x00, 0x00 }, 5 },	/* offset 0 */
		{ { 0x10, 'a', 0x02, 0x00, 0x00 }, 5 },	/* offset before output */
		{ { 0x10, 'a', 0x01 }, 3 },		/* half an offset */
		{ { 0x1F, 'a', 0x01, 0x00 }, 4 },	/* match length ext missing */
	};
	unsigned int i;
	int v;

	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		enum tz_variant got;

		if (!tz_variant_supported(v))
			continue;
		for (i = 0; i < ARRAY_SIZE(bad); i++) {
			int e;

			got = tz_simd_begin_v(v);
			e = tz_lz4_decompress_v(got, bad[i].b, bad[i].len, x->d, PG);
			tz_simd_end(got);
			KUNIT_EXPECT_EQ_MSG(test, e, -EINVAL, "%s case %u",
					    tz_variant_name(v), i);
		}
	}
}

/*
 * A batch gives every page what the one-page call gives it, inside one
 * SIMD section per variant (as a kernel caller bounds it), and the
 * self-bracketing call does the same outside any section.
 */
static void lz4_batch_matches_single(struct kunit *test)
{
	struct lz4_ctx *x = test->priv;
	const unsigned int cap = TZ_LZ4_BOUND(PG);
	struct tz_lz4_job *jobs = kunit_kcalloc(test, NPAT, sizeof(*jobs), GFP_KERNEL);
	u8 *in = kunit_kmalloc(test, NPAT * PG, GFP_KERNEL);
	u8 *c = kunit_kmalloc(test, NPAT * cap, GFP_KERNEL);
	u8 *d = kunit_kmalloc(test, NPAT * PG, GFP_KERNEL);
	void *bw = kunit_kmalloc(test, TZ_LZ4_BATCH_WORKMEM_SIZE, GFP_KERNEL);
	int v, k, r, failed;

	KUNIT_ASSERT_TRUE(test, jobs && in && c && d && bw);
	for (k = 0; k < NPAT; k++)
		gen_page(in + k * PG, k, k + 7);
	for (v = 0; v <= TZ_VARIANT_COUNT; v++) {
		enum tz_variant got = TZ_VARIANT_SCALAR;

		if (v < TZ_VARIANT_COUNT && !tz_variant_supported(v))
			continue;
		for (k = 0; k < NPAT; k++)
			jobs[k] = (struct tz_lz4_job){ .src = in + k * PG, .src_len = PG,
						       .dst = c + k * cap, .dst_cap = cap };
		if (v < TZ_VARIANT_COUNT) {
			got = tz_simd_begin_v(v);
			failed = tz_lz4_compress_batch_v(got, jobs, NPAT, bw);
			tz_simd_end(got);
		} else {
			failed = tz_lz4_compress_batch(jobs, NPAT, bw);
		}
		KUNIT_EXPECT_EQ(test, failed, 0);
		for (k = 0; k < NPAT; k++) {
			got = tz_simd_begin_v(v < TZ_VARIANT_COUNT ? v : TZ_VARIANT_SCALAR);
			r = tz_lz4_compress_v(got, in + k * PG, PG, x->c, cap, x->wrk);
			tz_simd_end(got);
			KUNIT_EXPECT_EQ_MSG(test, jobs[k].ret, r, "variant %d page %d", v, k);
			if (r > 0 && jobs[k].ret == r)
				KUNIT_EXPECT_EQ(test, memcmp(c + k * cap, x->c, r), 0);
			jobs[k] = (struct tz_lz4_job){ .src = c + k * cap, .src_len = r,
						       .dst = d + k * PG, .dst_cap = PG };
		}
		if (v < TZ_VARIANT_COUNT) {
			got = tz_simd_begin_v(v);
			failed = tz_lz4_decompress_batch_v(got, jobs, NPAT);
			tz_simd_end(got);
		} else {
			failed = tz_lz4_decompress_batch(jobs, NPAT);
		}
		KUNIT_EXPECT_EQ(test, failed, 0);
		for (k = 0; k < NPAT; k++)
			KUNIT_EXPECT_EQ_MSG(test, jobs[k].ret, PG, "variant %d page %d", v, k);
		KUNIT_EXPECT_EQ(test, memcmp(d, in, NPAT * PG), 0);
	}
}

/* A dictionary shortens a page that repeats it; offsets past it fail. */
static void lz4_dict_roundtrip(struct kunit *test)
{
	struct lz4_ctx *x = test->priv;
	struct tz_lz4_dict *dict = kunit_kmalloc(test, sizeof(*dict), GFP_KERNEL);
	u8 *dbytes = kunit_kmalloc(test, PG, GFP_KERNEL);
	/* a decoder's front as the module's streams hold one */
	void *front = kunit_kmalloc(test, tz_lz4_front_size(PG, PG), GFP_KERNEL);
	static const u8 past[] = { 0x50, 'a', 'b', 'c', 'd', 'e', 0x06, 0x00,
				   0x50, 'a', 'b', 'c', 'd', 'e' };
	int v, r, plain, e, f;

	KUNIT_ASSERT_TRUE(test, dict && dbytes && front);
	gen_page(dbytes, 3, 11);		/* incompressible alone */
	gen_page(x->in, 3, 12);
	memcpy(x->in, dbytes + 1000, 2048);	/* half of it repeats the dictionary */
	KUNIT_ASSERT_EQ(test, tz_lz4_dict_prepare(dict, dbytes, PG, PG), 0);
	tz_lz4_front_init(front, dbytes, PG, PG);
	plain = tz_lz4_compress(x->in, PG, x->c, TZ_LZ4_BOUND(PG), x->wrk);
	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		enum tz_variant got;

		if (!tz_variant_supported(v))
			continue;
		got = tz_simd_begin_v(v);
		r = tz_lz4_compress_dict_v(got, dict, x->in, PG, x->c, TZ_LZ4_BOUND(PG), x->wrk);
		e = r > 0 ? tz_lz4_decompress_dict_v(got, dbytes, PG, x->c, r, x->d, PG) : r;
		tz_simd_end(got);
		KUNIT_EXPECT_GT(test, r, 0);
		KUNIT_EXPECT_LT_MSG(test, r, plain - 1500, "%s", tz_variant_name(v));
		KUNIT_EXPECT_EQ(test, e, PG);
		KUNIT_EXPECT_EQ(test, memcmp(x->d, x->in, PG), 0);
		memset(x->d, 0, PG);
		got = tz_simd_begin_v(v);
		f = r > 0 ? tz_lz4_decompress_front_v(got, front, x->c, r, x->d, PG) : r;
		tz_simd_end(got);
		KUNIT_EXPECT_EQ_MSG(test, f, PG, "front, %s", tz_variant_name(v));
		KUNIT_EXPECT_EQ(test, memcmp(x->d, x->in, PG), 0);
		/* Offset 6 after 5 bytes reaches 1 byte before a 0-byte dictionary. */
		got = tz_simd_begin_v(v);
		e = tz_lz4_decompress_dict_v(got, dbytes, 0, past, sizeof(past), x->d, PG);
		r = tz_lz4_decompress_dict_v(got, dbytes, 1, past, sizeof(past), x->d, PG);
		tz_simd_end(got);
		KUNIT_EXPECT_EQ(test, e, -EINVAL);
		KUNIT_EXPECT_EQ(test, r, 14);
	}
}

static void samefill_detects(struct kunit *test)
{
	struct lz4_ctx *x = test->priv;
	unsigned long fill = 0;
	int v, pos;

	for (v = 0; v < TZ_VARIANT_COUNT; v++) {
		enum tz_variant got;
		bool same, diff;

		if (!tz_variant_supported(v))
			continue;
		for (pos = 0; pos < PG; pos += 509) {
			memset(x->in, 0x3C, PG);
			got = tz_simd_begin_v(v);
			same = tz_same_filled_v(got, x->in, PG, &fill);
			x->in[pos] ^= 1;
			diff = tz_same_filled_v(got, x->in, PG, &fill);
			tz_simd_end(got);
			KUNIT_EXPECT_TRUE(test, same);
			KUNIT_EXPECT_FALSE_MSG(test, diff, "%s pos %d", tz_variant_name(v), pos);
		}
	}
	memset(x->in, 0x3C, PG);
	KUNIT_EXPECT_TRUE(test, tz_same_filled(x->in, PG, &fill));
	KUNIT_EXPECT_EQ(test, fill, 0x3C3C3C3C3C3C3C3CUL);
}

static struct kunit_case lz4_cases[] = {
	KUNIT_CASE(lz4_roundtrip_all_variants),
	KUNIT_CASE(lz4_capacity_limits),
	KUNIT_CASE(lz4_decoder_rejects_malformed),
	KUNIT_CASE(lz4_batch_matches_single),
	KUNIT_CASE(lz4_dict_roundtrip),
	KUNIT_CASE(samefill_detects),
	{}
};

static struct kunit_suite lz4_suite = {
	.name = "tzram_lz4",
	.init = lz4_init,
	.test_cases = lz4_cases,
};
kunit_test_suite(lz4_suite);
