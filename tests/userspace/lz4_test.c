// SPDX-License-Identifier: GPL-2.0
/*
 * lz4_test.c - round-trip and differential tests of the tzram LZ4 codec
 * against liblz4, every variant this CPU runs.
 *
 *   lz4_test synth [--variant V]           synthetic edge cases, 0..192 KiB
 *   lz4_test corpus FILE [N] [--variant V]  every page of the corpus (or N)
 *   lz4_test samefill [--variant V]
 *
 * Built with -DTZ_NO_LIBLZ4 (the arm64 cross build has no liblz4), the
 * differential parts are replaced by byte-identity with the scalar variant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tz_lz4.h"
#include "tz_samefill.h"
#include "corpus.h"
#include "test_variants.h"
#ifndef TZ_NO_LIBLZ4
#include <lz4.h>
#include <lz4hc.h>
#endif

#define FAIL(...) do { fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); exit(1); } while (0)

static enum tz_variant variants[TZ_VARIANT_COUNT];
static int nvariants;
static unsigned long ncases;
static const char *part = "lz4";
static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned long long rnd(void)
{
	return tz_test_xorshift(&rng_state);
}

static void pick_variants(const char *name)
{
	nvariants = tz_test_pick_variants(part, name, variants, 0);
}

static unsigned char wrk[TZ_LZ4_WORKMEM_SIZE] __attribute__((aligned(64)));

/* dst_cap bytes then a guard zone: any write beyond dst_cap is caught. */
#define GUARD 64
static void check_guard(const unsigned char *buf, size_t cap, const char *what)
{
	size_t i;

	for (i = 0; i < GUARD; i++)
		if (buf[cap + i] != 0xA5)
			FAIL("%s wrote past capacity %zu", what, cap);
}

/* All checks on one input. */
/*
 * The partial decoder (a page of a unit) asked for the first need bytes:
 * at least that many (all when n is less), never more than n, the same
 * bytes, nothing written past n.
 */
static void check_part(enum tz_variant w, const unsigned char *c, int clen,
		       const unsigned char *in, size_t n, unsigned char *d)
{
	const size_t needs[] = { 0, 1, n / 4, n / 2, n > 0 ? n - 1 : 0, n, n + 1 };
	size_t k;

	for (k = 0; k < sizeof(needs) / sizeof(needs[0]); k++) {
		size_t need = needs[k];
		int e;

		memset(d, 0xA5, n + GUARD);
		e = tz_lz4_decompress_part_v(w, c, clen, d, n, need);
		if (e < 0 || (size_t)e > n || (size_t)e < (need < n ? need : n) ||
		    memcmp(d, in, e))
			FAIL("%s partial decode n=%zu need=%zu -> %d", tz_variant_name(w), n,
			     need, e);
		check_guard(d, n, "partial decompress");
	}
}

static void check_input(const unsigned char *in, size_t n)
{
	size_t bound = TZ_LZ4_BOUND(n);
	unsigned char *c = malloc(bound + GUARD), *c0 = malloc(bound + GUARD);
	unsigned char *d = malloc(n + GUARD + 1);
	int r0 = -1, i, j;

	if (!c || !c0 || !d)
		FAIL("oom");
	for (i = 0; i < nvariants; i++) {
		enum tz_variant v = variants[i];
		int r, e;

		memset(c, 0xA5, bound + GUARD);
		r = tz_lz4_compress_v(v, in, n, c, bound, wrk);
		if (r <= 0 || (size_t)r > bound)
			FAIL("%s compress n=%zu -> %d", tz_variant_name(v), n, r);
		check_guard(c, bound, "compress");
		/* Every variant's output is the same bytes (one core). */
		if (i == 0) {
			r0 = r;
			memcpy(c0, c, r);
		} else if (r != r0 || memcmp(c, c0, r)) {
			FAIL("%s output differs from %s, n=%zu", tz_variant_name(v),
			     tz_variant_name(variants[0]), n);
		}
		/* Every variant decodes it, exact capacity and too small. */
		for (j = 0; j < nvariants; j++) {
			enum tz_variant w = variants[j];

			memset(d, 0xA5, n + GUARD);
			e = tz_lz4_decompress_v(w, c, r, d, n);
			if (e != (int)n || memcmp(d, in, n))
				FAIL("%s decode of %s output n=%zu -> %d", tz_variant_name(w),
				     tz_variant_name(v), n, e);
			check_guard(d, n, "decompress");
			check_part(w, c, r, in, n, d);
			if (n) {
				memset(d, 0xA5, n + GUARD);
				e = tz_lz4_decompress_v(w, c, r, d, n - 1);
				if (e != -ENOSPC)
					FAIL("%s decode cap n-1=%zu -> %d, want -ENOSPC",
					     tz_variant_name(w), n - 1, e);
				check_guard(d, n - 1, "decompress(short)");
			}
		}
#ifndef TZ_NO_LIBLZ4
		memset(d, 0xA5, n + GUARD);
		e = LZ4_decompress_safe((const char *)c, (char *)d, r, n);
		if (e != (int)n || memcmp(d, in, n))
			FAIL("liblz4 cannot decode %s output n=%zu -> %d",
			     tz_variant_name(v), n, e);
#endif
		/* Capacity exactly r fits; r - 1 reports -ENOSPC, no overrun. */
		memset(c, 0xA5, bound + GUARD);
		e = tz_lz4_compress_v(v, in, n, c, r, wrk);
		if (e != r || memcmp(c, c0, r))
			FAIL("%s compress with cap=%d -> %d", tz_variant_name(v), r, e);
		check_guard(c, r, "compress(exact)");
		memset(c, 0xA5, bound + GUARD);
		e = tz_lz4_compress_v(v, in, n, c, r - 1, wrk);
		if (e != -ENOSPC)
			FAIL("%s compress cap=%d -> %d, want -ENOSPC", tz_variant_name(v),
			     r - 1, e);
		check_guard(c, r - 1, "compress(short)");
		if (r > 8) {	/* a random smaller capacity too */
			unsigned int cap = rnd() % (r - 1);

			memset(c, 0xA5, bound + GUARD);
			e = tz_lz4_compress_v(v, in, n, c, cap, wrk);
			if (e != -ENOSPC)
				FAIL("%s compress cap=%u -> %d", tz_variant_name(v), cap, e);
			check_guard(c, cap, "compress(random cap)");
		}
		ncases++;
	}
#ifndef TZ_NO_LIBLZ4
	/* liblz4's encoders, decoded by every variant of ours. */
	{
		static const int accel[] = { 1, 2, 8, 65537 };
		static const int hc[] = { 3, 9, 12 };
		int k, e, r;

		for (k = 0; k < (int)(ARRAY_SIZE(accel) + ARRAY_SIZE(hc)); k++) {
			if (k >= (int)ARRAY_SIZE(accel) && n > 20000 && (rnd() & 3))
				continue;	/* HC is slow: a sample of the big inputs */
			r = k < (int)ARRAY_SIZE(accel) ?
				LZ4_compress_fast((const char *)in, (char *)c, n, bound, accel[k]) :
				LZ4_compress_HC((const char *)in, (char *)c, n, bound,
						hc[k - ARRAY_SIZE(accel)]);
			if (r <= 0)
				FAIL("liblz4 compress failed n=%zu", n);
			for (j = 0; j < nvariants; j++) {
				memset(d, 0xA5, n + GUARD);
				e = tz_lz4_decompress_v(variants[j], c, r, d, n);
				if (e != (int)n || memcmp(d, in, n))
					FAIL("%s cannot decode liblz4 (%s %d) n=%zu -> %d",
					     tz_variant_name(variants[j]),
					     k < 4 ? "fast" : "hc",
					     k < 4 ? accel[k] : hc[k - 4], n, e);
				check_guard(d, n, "decompress(liblz4)");
				/* Truncated input: an error or a shorter output, no overrun. */
				if (r > 1) {
					int t = 1 + rnd() % (r - 1);

					e = tz_lz4_decompress_v(variants[j], c, r - t, d, n);
					if (e > (int)n)
						FAIL("truncated decode > cap");
					check_guard(d, n, "decompress(truncated)");
				}
				ncases++;
			}
		}
	}
#endif
	free(c);
	free(c0);
	free(d);
}

/*
 * LZ4's acceleration (zram's lz4 level): every accel in every variant gives
 * a block our decoder and liblz4 read back to the input; accel 1 (and below,
 * which means 1) is the plain call's output byte for byte, and values past
 * the maximum are that maximum's. Returns the block's size at accel (for
 * the corpus totals), 0 on an empty input.
 */
static size_t check_accel(const unsigned char *in, size_t n, int accel)
{
	static unsigned char c[TZ_LZ4_BOUND(200 * 1024)], c1[TZ_LZ4_BOUND(200 * 1024)];
	static unsigned char d[200 * 1024];
	size_t bound = TZ_LZ4_BOUND(n);
	int v, len = 0, l1, r;

	if (n > sizeof(d))
		return 0;
	for (v = 0; v < nvariants; v++) {
		len = tz_lz4_compress_fast_v(variants[v], in, n, c, bound, wrk, accel);
		if (len <= 0 && n)
			FAIL("accel %d: compress %zu bytes: %d", accel, n, len);
		r = tz_lz4_decompress_v(variants[v], c, len, d, n);
		if (r != (int)n || memcmp(d, in, n))
			FAIL("accel %d: round trip of %zu bytes: %d", accel, n, r);
#ifndef TZ_NO_LIBLZ4
		r = LZ4_decompress_safe((const char *)c, (char *)d, len, n);
		if (r != (int)n || memcmp(d, in, n))
			FAIL("accel %d: liblz4 reads %zu bytes back as %d", accel, n, r);
#endif
		if (accel <= 1 || accel > TZ_LZ4_ACCEL_MAX) {
			l1 = accel <= 1 ?
			     tz_lz4_compress_v(variants[v], in, n, c1, bound, wrk) :
			     tz_lz4_compress_fast_v(variants[v], in, n, c1, bound, wrk,
						    TZ_LZ4_ACCEL_MAX);
			if (l1 != len || memcmp(c1, c, len))
				FAIL("accel %d: not the output of accel %d", accel,
				     accel <= 1 ? 1 : TZ_LZ4_ACCEL_MAX);
		}
		ncases++;
	}
	return len;
}

static const int accels[] = { -3, 0, 1, 2, 8, 64, TZ_LZ4_ACCEL_MAX, 1 << 30 };

static void fill_random(unsigned char *p, size_t n, unsigned int alphabet)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = alphabet ? 'a' + rnd() % alphabet : (unsigned char)rnd();
}

/* A byte-at-a-time LZ4 block decoder: the reference for shaped blocks. */
static long ref_decode(const unsigned char *s, size_t n, unsigned char *d, size_t cap)
{
	size_t ip = 0, op = 0, lit, ml, off, i;
	unsigned int t, b;

	while (ip < n) {
		t = s[ip++];
		lit = t >> 4;
		if (lit == 15)
			do {
				if (ip >= n)
					return -1;
				b = s[ip++];
				lit += b;
			} while (b == 255);
		if (lit > n - ip || lit > cap - op)
			return -1;
		memcpy(d + op, s + ip, lit);
		ip += lit;
		op += lit;
		if (ip == n)
			return op;
		if (n - ip < 2)
			return -1;
		off = s[ip] | s[ip + 1] << 8;
		ip += 2;
		ml = (t & 15) + 4;
		if ((t & 15) == 15)
			do {
				if (ip >= n)
					return -1;
				b = s[ip++];
				ml += b;
			} while (b == 255);
		if (!off || off > op || ml > cap - op)
			return -1;
		for (i = 0; i < ml; i++, op++)
			d[op] = d[op - off];
	}
	return -1;
}

static size_t put_seq(unsigned char *p, size_t lit, size_t off, size_t ml)
{
	size_t k = 1;

	p[0] = (lit < 15 ? lit : 15) << 4 | (ml - 4 < 15 ? ml - 4 : 15);
	if (lit >= 15)
		p[k++] = lit - 15;		/* < 255 here */
	for (; lit; lit--)
		p[k++] = rnd();
	if (!off)
		return k;			/* the last sequence: literals only */
	p[k++] = off;
	p[k++] = off >> 8;
	if (ml - 4 >= 15)
		p[k++] = ml - 4 - 15;
	return k;
}

/* The same block twice in one batch call: the decoder's lanes. */
static void check_shape_batch(const unsigned char *blk, size_t n,
			      const unsigned char *ref, long want, size_t cap)
{
	static unsigned char out[2][4096 + GUARD];
	struct tz_lz4_job jobs[2];
	int i, k;

	for (i = 0; i < nvariants; i++) {
		for (k = 0; k < 2; k++) {
			memset(out[k], 0xA5, cap + GUARD);
			jobs[k] = (struct tz_lz4_job){ .src = blk, .src_len = n,
						       .dst = out[k], .dst_cap = cap };
		}
		tz_lz4_decompress_batch_v(variants[i], jobs, 2);
		for (k = 0; k < 2; k++) {
			if (jobs[k].ret != want || memcmp(out[k], ref, want))
				FAIL("%s: batch shape cap %zu: %d, want %ld",
				     tz_variant_name(variants[i]), cap, jobs[k].ret, want);
			check_guard(out[k], cap, "batch decompress");
		}
		ncases++;
	}
}

/*
 * Hand-built blocks of one sequence shape repeated (literal run, offset
 * 1..40, match 4..40 bytes): every variant's decoder against the reference,
 * with the exact capacity and with room to spare (the decoders' fast paths
 * take the sequences then), one block a call and two in a batch call. Covers what the encoder rarely emits, as the
 * short matches at near offsets the run copies without a branch.
 */
static void check_seq_shapes(void)
{
	static const size_t lits[] = { 0, 1, 3, 7, 14, 15, 16 };
	unsigned char blk[2048], ref[4096], out[4096 + GUARD];
	size_t off, ml, li, n, k, cap, x;
	long want;
	int i, r;

	for (off = 1; off <= 40; off++)
		for (ml = 4; ml <= 40; ml++)
			for (li = 0; li < ARRAY_SIZE(lits); li++) {
				n = put_seq(blk, 48, off, ml);
				for (k = 0; k < 12; k++)
					n += put_seq(blk + n, lits[li], off, ml);
				n += put_seq(blk + n, 16, 0, 4);
				want = ref_decode(blk, n, ref, sizeof(ref));
				if (want <= 0)
					FAIL("shape off %zu ml %zu: reference %ld", off, ml, want);
				for (x = 0; x < 2; x++) {
					cap = want + 100 * x;
					for (i = 0; i < nvariants; i++) {
						memset(out, 0xA5, cap + GUARD);
						r = tz_lz4_decompress_v(variants[i], blk, n, out, cap);
						if (r != want || memcmp(out, ref, want))
							FAIL("%s: shape off %zu ml %zu lit %zu cap %zu: %d, want %ld",
							     tz_variant_name(variants[i]), off, ml,
							     lits[li], cap, r, want);
						check_guard(out, cap, "decompress");
						ncases++;
					}
					check_shape_batch(blk, n, ref, want, cap);
				}
			}
}

static int run_synth(void)
{
	const size_t max = 192 * 1024;
	unsigned char *b = malloc(max);
	size_t n, i, k;
	static const size_t sizes[] = { 4096, 4095, 4097, 8192, 16384, 32768,
		65535, 65536, 65537, 65547, 65548, 70000, 131072, 196608 };

	check_seq_shapes();
	/* A page of a 64 KiB unit: the decoder stops soon after it. */
	for (i = 0; i < 65536; i++)
		b[i] = "the quick brown fox jumps "[(i * 7 + i / 300) % 26];
	{
		unsigned char *c = malloc(TZ_LZ4_BOUND(65536)), *d = malloc(65536);
		int r = tz_lz4_compress_v(TZ_VARIANT_SCALAR, b, 65536, c, TZ_LZ4_BOUND(65536),
					  wrk);

		for (k = 0; k < (size_t)nvariants; k++) {
			int e = tz_lz4_decompress_part_v(variants[k], c, r, d, 65536, 4096);

			if (e < 4096 || e >= 8192 || memcmp(d, b, e))
				FAIL("%s partial decode of a 64 KiB unit to its first page -> %d",
				     tz_variant_name(variants[k]), e);
			ncases++;
		}
		free(c);
		free(d);
	}
	/* Acceleration on text-like and random inputs of a few sizes. */
	for (k = 0; k < 4; k++) {
		n = (size_t[]){ 20, 4096, 65536, 150000 }[k];
		for (i = 0; i < n; i++)
			b[i] = "the quick brown fox jumps "[(i * 7 + i / 300) % 26];
		for (i = 0; i < sizeof(accels) / sizeof(accels[0]); i++)
			check_accel(b, n, accels[i]);
		if (n >= 4096 && check_accel(b, n, 64) <= check_accel(b, n, 1))
			FAIL("accel 64 on %zu text bytes: no bigger than accel 1", n);
		fill_random(b, n, 3);
		for (i = 0; i < sizeof(accels) / sizeof(accels[0]); i++)
			check_accel(b, n, accels[i]);
	}

	/* Every length 0..300 with several contents. */
	for (n = 0; n <= 300; n++) {
		memset(b, 0, n);
		check_input(b, n);
		fill_random(b, n, 0);
		check_input(b, n);
		fill_random(b, n, 3);
		check_input(b, n);
		for (i = 0; i < n; i++)
			b[i] = "abcdefg"[i % 7];
		check_input(b, n);
	}
	for (k = 0; k < ARRAY_SIZE(sizes); k++) {
		n = sizes[k];
		memset(b, 0, n);			/* long matches, offset 1 */
		check_input(b, n);
		memset(b, 0x5A, n);
		check_input(b, n);
		fill_random(b, n, 0);			/* incompressible */
		check_input(b, n);
		fill_random(b, n, 4);
		check_input(b, n);
		for (i = 0; i < n; i++)			/* periods 1..40 */
			b[i] = (unsigned char)(i % (1 + k * 3));
		check_input(b, n);
		/* A random block repeated so the match is at distance 65535/65536. */
		if (n >= 65600) {
			size_t dist;

			for (dist = 65534; dist <= 65537; dist++) {
				fill_random(b, n, 0);
				memcpy(b + dist, b, 64);
				check_input(b, n);
			}
		}
	}
	/* Mixed text-like inputs with random lengths. */
	for (k = 0; k < 300; k++) {
		n = rnd() % 20000;
		fill_random(b, n, 1 + rnd() % 20);
		for (i = 0; i + 64 < n; i += 1 + rnd() % 500) {	/* repeats */
			size_t src = rnd() % (i + 1), len = 4 + rnd() % 60;

			if (i + len < n && src + len <= i)
				memcpy(b + i, b + src, len);
		}
		check_input(b, n);
	}
	/* Last-literals rules: a match right up to the end of small inputs. */
	for (n = 13; n < 64; n++) {
		for (i = 0; i < n; i++)
			b[i] = i < 4 ? "wxyz"[i] : b[i - 4];
		check_input(b, n);
		fill_random(b, n, 0);
		memcpy(b + n - 8, b, 8);
		check_input(b, n);
	}
	free(b);
	printf("%s: %lu cases ok (%d variant%s)\n", part, ncases, nvariants,
	       nvariants > 1 ? "s" : "");
	return 0;
}

static int run_corpus(const char *path, size_t max_pages)
{
	unsigned char *buf, *c = malloc(TZ_LZ4_BOUND(TZ_PAGE));
	size_t np = tz_corpus_load(path, max_pages, &buf), i;
	unsigned long long ours = 0, ref = 0, fast[sizeof(accels) / sizeof(accels[0])] = { 0 };
	size_t a;

	if (!np) {
		printf("%s: skipped: corpus %s absent\n", part, path);
		return 0;
	}
	for (i = 0; i < np; i++) {
		const unsigned char *p = buf + i * TZ_PAGE;

		check_input(p, TZ_PAGE);
		ours += tz_lz4_compress_v(TZ_VARIANT_SCALAR, p, TZ_PAGE, c,
					  TZ_LZ4_BOUND(TZ_PAGE), wrk);
		for (a = 0; a < sizeof(accels) / sizeof(accels[0]); a++)
			fast[a] += check_accel(p, TZ_PAGE, accels[a]);
#ifndef TZ_NO_LIBLZ4
		ref += LZ4_compress_default((const char *)p, (char *)c, TZ_PAGE,
					    TZ_LZ4_BOUND(TZ_PAGE));
#endif
	}
	/* Acceleration trades ratio for speed: never better, and 64 worse. */
	for (a = 1; a < sizeof(accels) / sizeof(accels[0]); a++)
		if (fast[a] < fast[a - 1])
			FAIL("corpus: accel %d stores %llu bytes, less than accel %d's %llu",
			     accels[a], fast[a], accels[a - 1], fast[a - 1]);
	if (fast[5] <= fast[2])
		FAIL("corpus: accel 64 (%llu bytes) not below accel 1's ratio (%llu)",
		     fast[5], fast[2]);
	printf("%s: %zu pages, %lu cases ok; ratio ours %.3f (accel 8: %.3f, 64: %.3f)", part, np,
	       ncases, (double)np * TZ_PAGE / ours, (double)np * TZ_PAGE / fast[4],
	       (double)np * TZ_PAGE / fast[5]);
	if (ref)
		printf(" liblz4 %.3f", (double)np * TZ_PAGE / ref);
	printf("\n");
	free(buf);
	free(c);
	return 0;
}

static int run_samefill(void)
{
	unsigned char *b = malloc(8192 + 64);
	unsigned int len, pos, k;
	int i;

	for (k = 0; k < 200; k++) {
		unsigned long long w = k < 100 ? 0 : rnd();

		for (len = 8; len <= 8192; len = len < 256 ? len + 8 : len * 2) {
			for (pos = 0; pos < len; pos += len < 512 ? 1 : 61) {
				bool want;

				for (i = 0; i < (int)len; i += 8)
					memcpy(b + i, &w, 8);
				want = true;
				if (k & 1) {	/* one differing byte at pos */
					b[pos] ^= 1 + (rnd() % 255);
					want = len == 8;
				}
				for (i = 0; i < nvariants; i++) {
					unsigned long fill = 7;
					bool got = tz_same_filled_v(variants[i], b, len, &fill);

					if (got != want || (got && memcmp(&fill, b, 8)))
						FAIL("samefill %s len=%u pos=%u got %d",
						     tz_variant_name(variants[i]), len, pos, got);
					ncases++;
				}
				if (!(k & 1))
					break;
			}
		}
	}
	free(b);
	printf("%s: %lu cases ok (%d variants)\n", part, ncases, nvariants);
	return 0;
}

int main(int argc, char **argv)
{
	const char *vname;

	/* "--variant V" may come anywhere after the mode. */
	vname = tz_test_take_variant(&argc, argv);
	if (argc < 2)
		goto usage;
	part = getenv("TZ_PART") ? getenv("TZ_PART") : argv[1];
	pick_variants(vname);
	if (!strcmp(argv[1], "synth"))
		return run_synth();
	if (!strcmp(argv[1], "corpus") && argc >= 3)
		return run_corpus(argv[2], argc > 3 ? strtoul(argv[3], NULL, 0) : 0);
	if (!strcmp(argv[1], "samefill"))
		return run_samefill();
usage:
	fprintf(stderr, "usage: lz4_test synth|samefill|corpus FILE [PAGES] [--variant V]\n");
	return 2;
}
