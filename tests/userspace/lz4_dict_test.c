// SPDX-License-Identifier: GPL-2.0
/*
 * lz4_dict_test.c - the LZ4 codec with a raw-content dictionary, against
 * liblz4 both ways: LZ4_decompress_safe_usingDict() decodes ours, ours
 * decodes LZ4_loadDict() + LZ4_compress_fast_continue(); every variant
 * emits the same bytes and decodes every block; capacities, offsets past
 * the dictionary and bad arguments give the documented errors.
 *
 *   lz4_dict_test synth [--variant V]
 *   lz4_dict_test corpus FILE [PAGES] [--variant V]   dictionary = pages
 *       set apart from the ones compressed; prints the ratio with and
 *       without it (no timing: `make bench-lz4-dict` measures speed)
 *
 * Built with -DTZ_NO_LIBLZ4 (arm64) the liblz4 parts are left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tz_lz4.h"
#include "corpus.h"
#include "test_variants.h"
#ifndef TZ_NO_LIBLZ4
#include <lz4.h>
#endif

#define FAIL(...) do { fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); exit(1); } while (0)

#define GUARD 64
#define MAXIN 8192

static enum tz_variant variants[TZ_VARIANT_COUNT];
static int nvariants;
static unsigned long ncases;
static const char *part = "lz4-dict";
static unsigned long long rng = 0x9e3779b97f4a7c15ULL;
static unsigned char wrk[TZ_LZ4_WORKMEM_SIZE] __attribute__((aligned(64)));
static struct tz_lz4_dict dict;

static unsigned long long rnd(void)
{
	return tz_test_xorshift(&rng);
}

static void check_guard(const unsigned char *p, size_t cap, const char *what)
{
	int i;

	for (i = 0; i < GUARD; i++)
		if (p[cap + i] != 0xA5)
			FAIL("%s wrote past capacity %zu", what, cap);
}

/*
 * tz_lz4_decompress_dict_v(), checked against the same block decoded
 * through a front (tz_lz4_decompress_front_v()) made from the same
 * dictionary: the same result and bytes, the front's dictionary untouched
 * whatever the input. Every other call's front has less room than cap, so
 * that its fallback (decoding straight into dst) is checked too.
 */
static int dec_dict(enum tz_variant v, const unsigned char *d, size_t dlen,
		    const unsigned char *src, unsigned int n, unsigned char *out,
		    unsigned int cap)
{
	static unsigned char fout[MAXIN + GUARD];
	static unsigned long calls;
	const unsigned int room = (calls++ & 1) && cap ? cap - 1 : MAXIN;
	const size_t size = tz_lz4_front_size(dlen, room);
	unsigned char *front = aligned_alloc(64, (size + GUARD + 63) & ~(size_t)63);
	unsigned char *keep = malloc(size);
	int e, f;

	if (!front || !keep)
		FAIL("out of memory");
	tz_lz4_front_init(front, d, dlen, room);
	memset(front + size, 0xA5, GUARD);
	memcpy(keep, front, size - room);
	e = tz_lz4_decompress_dict_v(v, d, dlen, src, n, out, cap);
	memset(fout, 0xA5, cap + GUARD);
	f = tz_lz4_decompress_front_v(v, front, src, n, fout, cap);
	if (f != e || (e > 0 && memcmp(fout, out, e)))
		FAIL("%s front decode -> %d, in place %d (dict %zu, n %u, cap %u, room %u)",
		     tz_variant_name(v), f, e, dlen, n, cap, room);
	check_guard(fout, cap, "decompress(front)");
	check_guard(front, size, "decompress(front's room)");
	if (memcmp(keep, front, size - room))
		FAIL("%s front decode wrote into its dictionary", tz_variant_name(v));
	free(front);
	free(keep);
	return e;
}

/*
 * All checks on one input with the prepared dictionary (made from
 * d[0..dlen) for inputs up to max_input). Returns our compressed size.
 */
static int check_input(const unsigned char *d, size_t dlen, const unsigned char *in,
		       unsigned int n)
{
	static unsigned char c[TZ_LZ4_BOUND(MAXIN) + GUARD], c0[TZ_LZ4_BOUND(MAXIN)];
	static unsigned char out[MAXIN + GUARD];
	const unsigned int bound = TZ_LZ4_BOUND(n);
	int r0 = 0, r, e, i, j;

	for (i = 0; i < nvariants; i++) {
		enum tz_variant v = variants[i];

		memset(c, 0xA5, bound + GUARD);
		r = tz_lz4_compress_dict_v(v, &dict, in, n, c, bound, wrk);
		if (r <= 0)
			FAIL("%s compress dict %zu n %u -> %d", tz_variant_name(v), dlen, n, r);
		check_guard(c, bound, "compress");
		if (i == 0) {
			r0 = r;
			memcpy(c0, c, r);
		} else if (r != r0 || memcmp(c, c0, r)) {
			FAIL("%s output differs, dict %zu n %u", tz_variant_name(v), dlen, n);
		}
		for (j = 0; j < nvariants; j++) {
			memset(out, 0xA5, n + GUARD);
			e = dec_dict(variants[j], d, dlen, c0, r0, out, n);
			if (e != (int)n || memcmp(out, in, n))
				FAIL("%s decode dict %zu n %u -> %d", tz_variant_name(variants[j]),
				     dlen, n, e);
			check_guard(out, n, "decompress");
			if (n) {
				e = dec_dict(variants[j], d, dlen, c0, r0, out, n - 1);
				if (e != -ENOSPC)
					FAIL("decode cap n-1 -> %d", e);
			}
		}
		/* Exactly r fits, r - 1 does not. */
		memset(c, 0xA5, bound + GUARD);
		e = tz_lz4_compress_dict_v(v, &dict, in, n, c, r0, wrk);
		if (e != r0 || memcmp(c, c0, r0))
			FAIL("%s compress cap r -> %d", tz_variant_name(v), e);
		check_guard(c, r0, "compress(exact)");
		memset(c, 0xA5, bound + GUARD);
		e = tz_lz4_compress_dict_v(v, &dict, in, n, c, r0 - 1, wrk);
		if (e != -ENOSPC)
			FAIL("%s compress cap r-1 -> %d", tz_variant_name(v), e);
		check_guard(c, r0 - 1, "compress(short)");
		ncases++;
	}
	/* Without the dictionary the block is not decodable as-is (unless it
	 * does not use it): the decoder must fail or give other bytes, never
	 * read before dst. */
	e = tz_lz4_decompress_v(variants[0], c0, r0, out, n);
	if (e > (int)n)
		FAIL("decode without dict > cap");
#ifndef TZ_NO_LIBLZ4
	/* liblz4 decodes ours with the same dictionary. */
	memset(out, 0xA5, n + GUARD);
	e = LZ4_decompress_safe_usingDict((const char *)c0, (char *)out, r0, n,
					  (const char *)d, dlen);
	if (e != (int)n || memcmp(out, in, n))
		FAIL("liblz4 usingDict cannot decode ours: dict %zu n %u -> %d", dlen, n, e);
	/* Ours decodes liblz4's dictionary blocks (acceleration 1 and 8). */
	for (i = 0; i < 2; i++) {
		LZ4_stream_t *s = LZ4_createStream();

		LZ4_loadDict(s, (const char *)d, dlen);
		r = LZ4_compress_fast_continue(s, (const char *)in, (char *)c, n, bound,
					       i ? 8 : 1);
		LZ4_freeStream(s);
		if (r <= 0)
			FAIL("liblz4 compress_fast_continue -> %d", r);
		for (j = 0; j < nvariants; j++) {
			memset(out, 0xA5, n + GUARD);
			e = dec_dict(variants[j], d, dlen, c, r, out, n);
			if (e != (int)n || memcmp(out, in, n))
				FAIL("%s cannot decode liblz4's dict block: dict %zu n %u -> %d",
				     tz_variant_name(variants[j]), dlen, n, e);
			check_guard(out, n, "decompress(liblz4)");
			ncases++;
		}
	}
#endif
	return r0;
}

/* Offsets reaching past the dictionary are -EINVAL, never a read. */
static void check_reach(void)
{
	/* 5 literals, then a match at offset 5 + dlen + 1 (one past it). */
	static const unsigned char lits[5] = "abcde";
	unsigned char blk[32], out[64], d[16];
	unsigned int dlen, off;
	int i, e;

	memset(d, 'x', sizeof(d));
	for (dlen = 0; dlen <= sizeof(d); dlen += 4) {
		for (off = 5 + dlen; off <= 6 + dlen; off++) {
			unsigned char *p = blk;

			*p++ = 0x50;		/* 5 literals, match length 4 */
			memcpy(p, lits, 5);
			p += 5;
			*p++ = off & 255;
			*p++ = off >> 8;
			*p++ = 0x50;		/* last literals */
			memcpy(p, lits, 5);
			p += 5;
			for (i = 0; i < nvariants; i++) {
				e = dec_dict(variants[i], d, dlen, blk, p - blk, out, sizeof(out));
				if (off <= 5 + dlen ? e != 14 : e != -EINVAL)
					FAIL("%s dict %u offset %u -> %d", tz_variant_name(variants[i]),
					     dlen, off, e);
				ncases++;
			}
		}
	}
	/* Bad arguments. */
	if (tz_lz4_dict_prepare(&dict, d, sizeof(d), 0) != -EINVAL ||
	    tz_lz4_dict_prepare(&dict, d, sizeof(d), TZ_LZ4_DICT_MAX / 2 + 1) != -EINVAL)
		FAIL("dict_prepare accepts a bad max_input");
	{
		static unsigned char in[101], c[TZ_LZ4_BOUND(101)];

		if (tz_lz4_dict_prepare(&dict, d, sizeof(d), 100) ||
		    tz_lz4_compress_dict_v(variants[0], &dict, in, 101, c, sizeof(c), wrk) != -EINVAL ||
		    tz_lz4_compress_dict_v(variants[0], &dict, in, 100, c, sizeof(c), wrk) <= 0)
			FAIL("compress_dict: max_input not enforced as documented");
	}
}

static void fill(unsigned char *p, size_t n, int kind)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (kind) {
		case 0: p[i] = rnd(); break;
		case 1: p[i] = 'a' + rnd() % 6; break;
		default: p[i] = "struct page *swap_entry; zram_slot_lock(); "[i % 44] ^
				(rnd() % 32 == 0 ? 1 : 0); break;
		}
	}
}

static int run_synth(void)
{
	static const size_t dsizes[] = { 0, 3, 4, 5, 100, 4096, 32768, 61440, 61441,
					 65536, 100000 };
	static unsigned char d[100000], in[MAXIN];
	static const unsigned int nsizes[] = { 0, 1, 12, 13, 50, 300, 4095, 4096 };
	size_t a, b, k;

	check_reach();
	for (a = 0; a < ARRAY_SIZE(dsizes); a++) {
		const size_t dlen = dsizes[a];

		fill(d, dlen, a % 3);
		if (tz_lz4_dict_prepare(&dict, d, dlen, 4096))
			FAIL("dict_prepare %zu", dlen);
		for (b = 0; b < ARRAY_SIZE(nsizes); b++) {
			const unsigned int n = nsizes[b];

			for (k = 0; k < 4; k++) {
				size_t i;

				/* Pieces of the dictionary (near its end and far), noise. */
				fill(in, n, (a + k) % 3);
				for (i = 0; dlen > 64 && i + 64 < n; i += 40 + rnd() % 200) {
					size_t from = k & 1 ? dlen - 64 - rnd() % (dlen < 4000 ? dlen - 64 : 4000) :
						rnd() % (dlen - 64);

					memcpy(in + i, d + from, 64);
				}
				check_input(d, dlen, in, n);
			}
		}
	}
	/* max_input 32768: dictionary of 32 KiB, inputs up to 8 KiB. */
	fill(d, 40000, 2);
	if (tz_lz4_dict_prepare(&dict, d, 40000, 32768) || dict.len != 32768 ||
	    dict.data != d + 40000 - 32768)
		FAIL("dict_prepare keeps the last 32 KiB for max_input 32768");
	fill(in, MAXIN, 1);
	memcpy(in + 100, d + 40000 - 32768, 1000);
	check_input(d, 40000, in, MAXIN);
	printf("%s: %lu cases ok (%d variant%s)\n", part, ncases, nvariants,
	       nvariants > 1 ? "s" : "");
	return 0;
}

/*
 * Dictionary = every 8th page of the first pages (up to 60 KiB: 15 pages),
 * measured on the pages that are not in it.
 */
static int run_corpus(const char *path, size_t max_pages)
{
	unsigned char *buf, *d, c[TZ_LZ4_BOUND(TZ_PAGE)];
	size_t np = tz_corpus_load(path, max_pages, &buf), i, nd = 0, n = 0;
	unsigned long long with = 0, without = 0;

	if (!np) {
		printf("%s: skipped: corpus %s absent\n", part, path);
		return 0;
	}
	d = malloc(15 * TZ_PAGE);
	for (i = 0; i < np && nd < 15; i += 8)
		memcpy(d + nd++ * TZ_PAGE, buf + i * TZ_PAGE, TZ_PAGE);
	if (tz_lz4_dict_prepare(&dict, d, nd * TZ_PAGE, TZ_PAGE))
		FAIL("dict_prepare");
	for (i = 0; i < np; i++) {
		if (i % 8 == 0 && i / 8 < nd)
			continue;
		with += check_input(d, nd * TZ_PAGE, buf + i * TZ_PAGE, TZ_PAGE);
		without += tz_lz4_compress_v(TZ_VARIANT_SCALAR, buf + i * TZ_PAGE, TZ_PAGE, c,
					     sizeof(c), wrk);
		n++;
	}
	printf("%s: %zu pages, %lu cases ok; ratio with a %zu KiB dictionary of raw pages %.3f, "
	       "without %.3f\n", part, n, ncases, nd * TZ_PAGE / 1024,
	       (double)n * TZ_PAGE / with, (double)n * TZ_PAGE / without);
	free(d);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	const char *vname;

	/* "--variant V" may come anywhere after the mode. */
	vname = tz_test_take_variant(&argc, argv);
	if (argc < 2)
		goto usage;
	part = getenv("TZ_PART") ? getenv("TZ_PART") : part;
	nvariants = tz_test_pick_variants(part, vname, variants, 0);
	if (!strcmp(argv[1], "synth"))
		return run_synth();
	if (!strcmp(argv[1], "corpus") && argc >= 3)
		return run_corpus(argv[2], argc > 3 ? strtoul(argv[3], NULL, 0) : 0);
usage:
	fprintf(stderr, "usage: lz4_dict_test synth|corpus FILE [PAGES] [--variant V]\n");
	return 2;
}
