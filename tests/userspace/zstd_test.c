// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_test.c - tests of the tzram ZSTD codec, differential against
 * libzstd both ways, every variant this CPU runs.
 *
 *   zstd_test dec [--variant V]            libzstd frames (levels -7..19,
 *                                          checksum on/off, 1 and many blocks,
 *                                          skippable, concatenated) -> ours
 *   zstd_test enc [--variant V]            ours (levels 1..3) -> ZSTD_decompress
 *                                          and -> ours, synthetic inputs
 *   zstd_test corpus FILE [STEP] [--variant V]  corpus pages both ways
 *   zstd_test corrupt [--variant V]        truncated / bit-flipped frames
 *   zstd_test rt [FILE] [--variant V]      our round trips only (arm64 build)
 *   zstd_test dict [CORPUS] [--variant V]  dictionaries: libzstd's frames with a
 *                                          ZDICT-trained and a raw-content one
 *                                          (CDict, levels -5..19) -> ours, ours ->
 *                                          libzstd (DDict), wrong ids, bad and
 *                                          truncated dictionaries against
 *                                          ZSTD_createDDict's verdict
 *   zstd_test seeds DIR                    write the generated seeds of
 *                                          fuzz/seeds-zstd-dec (see part_seeds)
 *   zstd_test dict-seeds DIR               the same for fuzz/seeds-zstd-dict
 *   zstd_test regress [--variant V]        inputs that broke the decoder once,
 *                                          read from and written to buffers of
 *                                          exactly their size that end at an
 *                                          unmapped page
 *
 * Built with -DTZ_NO_LIBZSTD (the static arm64 build), only `rt` and
 * `corrupt` (on frames of our encoder) exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "tz_zstd.h"
#include "zstd_dict.h"	/* the prepared dictionary's content, for one check */
#include "zstd_enc.h"	/* its encoder part: whether it has a window */
#include "corpus.h"
#include "test_variants.h"
#ifndef TZ_NO_LIBZSTD
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
#include <zdict.h>
#endif

#define FAIL(...) do { fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); exit(1); } while (0)
#define GUARD 64
#define ZSTD_BOUND_T (140 * 1024)

static enum tz_variant variants[TZ_VARIANT_COUNT];
static int nvariants;
static unsigned long ncases;
static const char *part = "zstd";
static unsigned long long rng_state = 0x243F6A8885A308D3ULL;
static unsigned char *cwrk, *dwrk;
/* One decoder context for the whole run: its table cache sees every frame. */
static unsigned char *dctx;

static unsigned long long rnd(void)
{
	return tz_test_xorshift(&rng_state);
}

static void pick_variants(const char *name)
{
	nvariants = tz_test_pick_variants(part, name, variants, 1);
}

/* Synthetic inputs: kinds of data that exercise every block/literal type. */
static void gen(unsigned char *p, size_t n, int kind)
{
	static const char *words[] = { "the ", "zram ", "page ", "struct ", "0x00", "\n\t",
		"return ", "int ", "{", "}", "static ", "u64 ", "compress", "ion ", "=", ";\n" };
	size_t i;

	switch (kind) {
	case 0:	/* zeros */
		memset(p, 0, n);
		break;
	case 1:	/* random */
		for (i = 0; i < n; i++)
			p[i] = (unsigned char)rnd();
		break;
	case 2:	/* text-like */
		for (i = 0; i < n;) {
			const char *w = words[rnd() % 16];
			while (*w && i < n)
				p[i++] = (unsigned char)*w++;
		}
		break;
	case 3:	/* small alphabet, skewed: Huffman literals, few matches */
		for (i = 0; i < n; i++) {
			unsigned r = rnd() % 100;
			p[i] = r < 50 ? 'a' : r < 75 ? 'b' : r < 90 ? 'c' : (unsigned char)(r & 15);
		}
		break;
	case 4:	/* short periods and long runs: offsets 1..15 */
		for (i = 0; i < n;) {
			size_t per = 1 + rnd() % 15, len = rnd() % 300, k;
			unsigned char pat[16];
			for (k = 0; k < per; k++)
				pat[k] = (unsigned char)rnd();
			for (k = 0; k < len && i < n; k++)
				p[i++] = pat[k % per];
		}
		break;
	case 5:	/* struct-like records with pointers: repeat offsets */
		for (i = 0; i < n; i++) {
			size_t f = i % 24;
			p[i] = f < 8 ? (unsigned char)(i >> (8 * (f & 3))) :
			       f < 16 ? 0 : (unsigned char)(0x40 + (rnd() % 4));
		}
		break;
	default: /* far repeats: long offsets */
		for (i = 0; i < n; i++)
			p[i] = i < 1024 || rnd() % 64 == 0 ? (unsigned char)rnd() : p[i - 1000 - (i % 7) * 3000 % (i - 999 > 0 ? i - 999 : 1)];
		break;
	}
}
#define NKINDS 7

/* Decode frame f with every variant: expect exactly want/n, guard intact. */
static void expect_decode(const unsigned char *f, size_t flen, const unsigned char *want,
			  size_t n, const char *what)
{
	unsigned char *d = malloc(n + GUARD + 1);
	int i, r;

	if (!d)
		FAIL("oom");
	for (i = 0; i < nvariants; i++) {
		memset(d, 0xA5, n + GUARD);
		r = tz_zstd_decompress_v(variants[i], f, flen, d, n, dwrk);
		if (r != (int)n || memcmp(d, want, n))
			FAIL("%s: %s decode n=%zu -> %d", what, tz_variant_name(variants[i]), n, r);
		for (r = 0; r < GUARD; r++)
			if (d[n + r] != 0xA5)
				FAIL("%s: %s wrote past capacity", what, tz_variant_name(variants[i]));
		/* With the long-lived context (cached tables), twice: the
		 * second time every table of the frame is a cache hit. */
		for (int k = 0; k < 2; k++) {
			memset(d, 0xA5, n + GUARD);
			r = tz_zstd_decompress_dctx_v(variants[i], f, flen, d, n, dctx, NULL);
			if (r != (int)n || memcmp(d, want, n))
				FAIL("%s: %s decode with a context n=%zu -> %d", what,
				     tz_variant_name(variants[i]), n, r);
			for (r = 0; r < GUARD; r++)
				if (d[n + r] != 0xA5)
					FAIL("%s: %s wrote past capacity", what,
					     tz_variant_name(variants[i]));
		}
		/* One byte short: must say so, not overflow. */
		if (n) {
			memset(d, 0xA5, n + GUARD);
			r = tz_zstd_decompress_v(variants[i], f, flen, d, n - 1, dwrk);
			if (r != -ENOSPC)
				FAIL("%s: %s short capacity n=%zu -> %d", what,
				     tz_variant_name(variants[i]), n, r);
			for (r = 0; r < GUARD; r++)
				if (d[n - 1 + r] != 0xA5)
					FAIL("%s: wrote past short capacity", what);
		}
		ncases++;
	}
	free(d);
}


/* Our frame of in, every variant the same bytes; returns length. */
static int our_frame(const unsigned char *in, size_t n, int level, unsigned char *out,
		     size_t cap)
{
	static unsigned char *first;
	int i, r, r0 = 0;

	if (!first)
		first = malloc(ZSTD_BOUND_T);
	for (i = 0; i < nvariants; i++) {
		memset(out, 0xA5, cap + GUARD);
		r = tz_zstd_compress_v(variants[i], in, n, out, cap, level, cwrk);
		if (r <= 0)
			FAIL("%s compress n=%zu level=%d -> %d", tz_variant_name(variants[i]),
			     n, level, r);
		for (int g = 0; g < GUARD; g++)
			if (out[cap + g] != 0xA5)
				FAIL("compress wrote past capacity");
		if (i == 0) {
			r0 = r;
			memcpy(first, out, r);
		} else if (r != r0 || memcmp(first, out, r)) {
			FAIL("%s output differs from %s n=%zu", tz_variant_name(variants[i]),
			     tz_variant_name(variants[0]), n);
		}
	}
	return r0;
}

/* Ours -> libzstd and -> ours; also: too small a capacity says -ENOSPC. */
static void check_ours(const unsigned char *in, size_t n, int level, const char *what)
{
	static unsigned char *f, *d __attribute__((unused));
	int r;

	if (!f) {
		f = malloc(ZSTD_BOUND_T + GUARD);
		d = malloc(ZSTD_BOUND_T + GUARD);
	}
	r = our_frame(in, n, level, f, ZSTD_BOUND_T);
#ifndef TZ_NO_LIBZSTD
	{
		size_t z = ZSTD_decompress(d, n + 1, f, r);

		if (ZSTD_isError(z) || z != n || memcmp(d, in, n))
			FAIL("%s: ZSTD_decompress of ours (level %d, n=%zu): %s", what, level, n,
			     ZSTD_isError(z) ? ZSTD_getErrorName(z) : "wrong bytes");
		if (ZSTD_getFrameContentSize(f, r) != n)
			FAIL("%s: content size not in frame", what);
	}
#endif
	expect_decode(f, r, in, n, what);
	if (r > 20) {
		int e = tz_zstd_compress_v(variants[0], in, n, f, r - 1, level, cwrk);

		if (e != -ENOSPC)
			FAIL("%s: capacity %d - 1 gave %d", what, r, e);
	}
	ncases++;
}

/*
 * With a raw-content dictionary (zstd_enc_dict.c): every variant the same
 * frame, decoded by every variant with the dictionary (and by libzstd
 * where linked); the frame needs the dictionary (a random one fails or
 * decodes other bytes). Runs under qemu-aarch64 too (NEON, no libzstd).
 */
static void check_ours_dict(const unsigned char *in, size_t n, int level,
			    const struct tz_zstd_dict *od, const unsigned char *dict, size_t dlen,
			    const char *what)
{
	static unsigned char *f, *g, *d;
	int i, r, r0 = 0;

	if (!f) {
		f = malloc(ZSTD_BOUND_T + GUARD);
		g = malloc(ZSTD_BOUND_T + GUARD);
		d = malloc(ZSTD_BOUND_T + GUARD);
	}
	for (i = 0; i < nvariants; i++) {
		memset(g, 0xA5, ZSTD_BOUND_T + GUARD);
		r = tz_zstd_compress_dict_v(variants[i], in, n, g, ZSTD_BOUND_T, level, cwrk, od);
		if (r <= 0 || g[ZSTD_BOUND_T] != 0xA5)
			FAIL("%s: %s compress with dictionary -> %d", what,
			     tz_variant_name(variants[i]), r);
		if (i == 0) {
			r0 = r;
			memcpy(f, g, r);
		} else if (r != r0 || memcmp(f, g, r)) {
			FAIL("%s: %s frame with dictionary differs", what, tz_variant_name(variants[i]));
		}
	}
	for (i = 0; i < nvariants; i++) {
		memset(d, 0xA5, n + GUARD);
		r = tz_zstd_decompress_dict_v(variants[i], f, r0, d, n, dwrk, od);
		if (r != (int)n || memcmp(d, in, n) || d[n] != 0xA5)
			FAIL("%s: %s decode with dictionary -> %d", what, tz_variant_name(variants[i]),
			     r);
	}
#ifndef TZ_NO_LIBZSTD
	{
		ZSTD_DDict *dd = ZSTD_createDDict(dict, dlen);
		ZSTD_DCtx *dc = ZSTD_createDCtx();
		size_t z = ZSTD_decompress_usingDDict(dc, d, n + 1, f, r0, dd);

		if (ZSTD_isError(z) || z != n || memcmp(d, in, n))
			FAIL("%s: libzstd decode of ours with dictionary: %s", what,
			     ZSTD_isError(z) ? ZSTD_getErrorName(z) : "wrong bytes");
		ZSTD_freeDDict(dd);
		ZSTD_freeDCtx(dc);
	}
#else
	(void)dict;
	(void)dlen;
#endif
	ncases++;
}

/* Inputs of every kind against a dictionary holding part of them. */
static void enc_dict(const size_t *esz, size_t nsz, unsigned char *in)
{
	size_t dlen = 24576, si, dused = 0, dnone = 0;
	unsigned char *dict = malloc(dlen), *out = malloc(8192);
	struct tz_zstd_dict *od = malloc(tz_zstd_dict_size(dlen));
	int kind, r;

	for (kind = 0; kind < NKINDS; kind++) {
		char what[80];

		/* Content: this kind's bytes, then text; the input repeats some. */
		gen(dict, dlen / 2, kind);
		gen(dict + dlen / 2, dlen / 2, 2);
		if (tz_zstd_dict_prepare(od, tz_zstd_dict_size(dlen), dict, dlen))
			FAIL("prepare a raw dictionary");
		for (si = 0; si < nsz; si++) {
			size_t n = esz[si], k;

			for (k = 0; k < n; k += 4096) {
				size_t c = n - k < 4096 ? n - k : 4096;

				if (k % 8192)
					gen(in + k, c, kind);
				else
					memcpy(in + k, dict + (k / 8192 * 977) % (dlen - 4096), c);
			}
			snprintf(what, sizeof(what), "enc dict n=%zu kind=%d", n, kind);
			check_ours_dict(in, n, 1 + si % 3, od, dict, dlen, what);
			if (n == 4096) {
				r = tz_zstd_compress_dict_v(variants[0], in, n, out, 8192, 2, cwrk, od);
				dused += r;
				dnone += tz_zstd_compress_v(variants[0], in, n, out, 8192, 2, cwrk);
			}
		}
	}
	/* Pages copied from the content: far smaller with it. */
	if (dused * 2 > dnone)
		FAIL("enc dict: %zu bytes with the dictionary, %zu without", dused, dnone);
	free(out);
	free(dict);
	free(od);
}

/*
 * Units (inputs above one 32 KiB block, up to 64 KiB, zstd_enc.c) are one
 * window: a second block that repeats the first codes as matches into it;
 * a first block the parse never saw (RLE) leaves no stale table entries
 * from an earlier call for the second to follow.
 */
static void enc_units(unsigned char *in)
{
	static const size_t usz[] = { 32769, 36864, 65536 };
	unsigned char *f = malloc(ZSTD_BOUND_T + GUARD);
	size_t i, half;
	int r, level;

	/*
	 * Both parses: level 2's greedy one (tables of the whole window),
	 * level 3's lazy one (its chains reach 16 KiB back: 12 KiB here).
	 */
	for (level = 2; level <= 3; level++) {
		size_t dist = level == 2 ? 32768 : 12288, k;

		for (i = 0; i < sizeof(usz) / sizeof(usz[0]); i++) {
			half = usz[i] - 32768;
			gen(in, 32768, 1);	/* random: no matches inside the block */
			for (k = 32768; k < usz[i]; k++)
				in[k] = in[k - dist];
			check_ours(in, usz[i], level, "unit: second block repeats the first");
			r = our_frame(in, usz[i], level, f, ZSTD_BOUND_T);
			if ((size_t)r > 32768 + 64)
				FAIL("unit n=%zu level %d: %d bytes: no matches into the first block",
				     usz[i], level, r);
		}
	}
	/*
	 * A page of a unit: the partial decoder stops after the 32 KiB block
	 * that holds the page's last byte, with the same bytes as the whole.
	 */
	gen(in, 65536, 2);
	r = our_frame(in, 65536, 2, f, ZSTD_BOUND_T);
	for (half = 0; half <= 16; half++) {
		size_t need = half * 4096, want = need <= 32768 ? 32768 : 65536;
		unsigned char *d = malloc(65536 + GUARD);
		int v;

		for (v = 0; v < nvariants; v++) {
			int p;

			memset(d, 0xA5, 65536 + GUARD);
			p = tz_zstd_decompress_part_v(variants[v], f, r, d, 65536, need, dwrk);
			if (need == 0 ? p != 0 : (size_t)p != want || memcmp(d, in, p))
				FAIL("%s partial decode of a unit to %zu bytes: %d",
				     tz_variant_name(variants[v]), need, p);
			for (int g = 0; g < GUARD; g++)
				if (d[65536 + g] != 0xA5)
					FAIL("partial decode wrote past capacity");
		}
		free(d);
		ncases++;
	}
	/*
	 * The kernel codes units in SIMD sections (kmod/unit.c). Decoding:
	 * one section per 32 KiB block, so a vector variant yields once
	 * between the unit's two blocks. Encoding: a section per piece of a
	 * block's parse (ZE_PARSE_PIECE), one for its entropy stage and one
	 * between blocks: 2 x 4 + 1. The scalar variant never yields, nor
	 * does a page's frame; the bytes are the same in every variant.
	 */
	{
		unsigned char *d = malloc(65536), *g = malloc(ZSTD_BOUND_T);
		int v;

		for (v = 0; v < nvariants; v++) {
			unsigned long y0 = tz_simd_yields, want;
			int p = tz_zstd_decompress_v(variants[v], f, r, d, 65536, dwrk);

			want = variants[v] == TZ_VARIANT_SCALAR ? 0 : 1;
			if (p != 65536 || tz_simd_yields - y0 != want)
				FAIL("%s unit decode: %d bytes, %lu SIMD section yields (want %lu)",
				     tz_variant_name(variants[v]), p, tz_simd_yields - y0, want);
			y0 = tz_simd_yields;
			p = tz_zstd_decompress_part_v(variants[v], f, r, d, 65536, 4096, dwrk);
			if (p != 32768 || tz_simd_yields != y0)
				FAIL("%s a unit's first page: %d bytes, %lu yields (want none)",
				     tz_variant_name(variants[v]), p, tz_simd_yields - y0);
			y0 = tz_simd_yields;
			want = variants[v] == TZ_VARIANT_SCALAR ? 0 :
			       2 * (ZE_BLOCK / ZE_PARSE_PIECE) + 1;
			p = tz_zstd_compress_v(variants[v], in, 65536, g, ZSTD_BOUND_T, 2, cwrk);
			if (p != r || memcmp(g, f, r) || tz_simd_yields - y0 != want)
				FAIL("%s unit compress: %d bytes (want %d), %lu yields (want %lu)",
				     tz_variant_name(variants[v]), p, r, tz_simd_yields - y0, want);
		}
		r = our_frame(in, 4096, 2, f, ZSTD_BOUND_T);
		for (v = 0; v < nvariants; v++) {
			unsigned long y0 = tz_simd_yields;

			if (tz_zstd_decompress_v(variants[v], f, r, d, 4096, dwrk) != 4096 ||
			    tz_simd_yields != y0)
				FAIL("%s page decode yielded", tz_variant_name(variants[v]));
			if (tz_zstd_compress_v(variants[v], in, 4096, g, ZSTD_BOUND_T, 2, cwrk) != r ||
			    tz_simd_yields != y0)
				FAIL("%s page compress yielded", tz_variant_name(variants[v]));
		}
		free(g);
		free(d);
		ncases++;
	}
	/* Fill the tables with positions up to 64 KiB, then a first block of zeros. */
	/*
	 * Text records (the VM tests' data where the corpus is absent): level
	 * 3's unit is smaller than level 2's (with every 4-byte match taken
	 * it was 3 % larger).
	 */
	{
		u32 x = 7;
		size_t k;
		int r2, r3;

		for (k = 0; k < 65536; k += 64) {
			x = x * 1103515245u + 12345u;
			snprintf((char *)in + k, 65, "%-15s %-15s %-15s %-15u\n", "record", "of text",
				 "compressible", (x >> 1) % 1000000000u);
		}
		check_ours(in, 65536, 3, "unit: text records");
		r2 = our_frame(in, 65536, 2, f, ZSTD_BOUND_T);
		r3 = our_frame(in, 65536, 3, f, ZSTD_BOUND_T);
		if (r3 >= r2)
			FAIL("unit of text records: level 3 %d bytes, level 2 %d", r3, r2);
	}
	for (level = 2; level <= 3; level++) {
		gen(in, 65536, 1);
		check_ours(in, 65536, level, "unit: random");
		memset(in, 0, 32768);
		gen(in + 32768, 32768, 2);
		check_ours(in, 65536, level, "unit: RLE block, then text");
	}
	free(f);
}

/* What one block's parse left for the entropy stage. */
struct parse_out {
	struct ze_block b;
	u8 lit[ZE_BLOCK], llc[ZE_MAXSEQ], mlc[ZE_MAXSEQ], ofc[ZE_MAXSEQ], xn[ZE_MAXSEQ];
	u64 xv[ZE_MAXSEQ];
	u32 cll[ZS_LL_MAX + 1], cml[ZS_ML_MAX + 1], cof[ZS_OF_MAX + 1];
};

/*
 * Parse src[0, len) (hist bytes of history before it) with match, in
 * pieces of step bytes (ZE_PARSE_PIECE: a unit's SIMD sections), into o.
 */
static void parse_pieces(ze_match_fn match, const u8 *src, size_t len, u32 hist, int level,
			 bool unit, u32 step, struct parse_out *o)
{
	struct tz_zstd_cws *ws = (struct tz_zstd_cws *)cwrk;
	struct ze_params prm = { .level = (unsigned int)level, .base = hist, .hist = hist,
				 .clear = !hist, .hlogl = unit ? ZE_UNIT_HLOGL : ZE_HLOG_LONG,
				 .hlogs = unit ? ZE_UNIT_HLOGS : ZE_HLOG_SHORT, .stop = step };
	int calls = 0;

	memset(&o->b, 0, sizeof(o->b));
	o->b.rep[0] = 1;
	o->b.rep[1] = 4;
	o->b.rep[2] = 8;
	for (;;) {
		match(ws, src, len, &prm, &o->b);
		if (o->b.parsed || ++calls > (int)len + 1)
			break;
		prm.resume = true;
		prm.stop += step;
	}
	if (!o->b.parsed)
		FAIL("parse in pieces of %u never ended", step);
	memcpy(o->lit, ws->lit, o->b.nlit);
	memcpy(o->llc, ws->llc, o->b.nseq);
	memcpy(o->mlc, ws->mlc, o->b.nseq);
	memcpy(o->ofc, ws->ofc, o->b.nseq);
	memcpy(o->xn, ws->xn, o->b.nseq);
	memcpy(o->xv, ws->xv, o->b.nseq * sizeof(o->xv[0]));
	memcpy(o->cll, ws->cll, sizeof(o->cll));
	memcpy(o->cml, ws->cml, sizeof(o->cml));
	memcpy(o->cof, ws->cof, sizeof(o->cof));
}

static bool parse_same(const struct parse_out *a, const struct parse_out *b)
{
	size_t n = a->b.nseq;

	return a->b.nseq == b->b.nseq && a->b.nlit == b->b.nlit &&
	       !memcmp(a->b.rep, b->b.rep, sizeof(a->b.rep)) &&
	       !memcmp(a->lit, b->lit, a->b.nlit) && !memcmp(a->llc, b->llc, n) &&
	       !memcmp(a->mlc, b->mlc, n) && !memcmp(a->ofc, b->ofc, n) &&
	       !memcmp(a->xn, b->xn, n) && !memcmp(a->xv, b->xv, n * sizeof(a->xv[0])) &&
	       !memcmp(a->cll, b->cll, sizeof(a->cll)) && !memcmp(a->cml, b->cml, sizeof(a->cml)) &&
	       !memcmp(a->cof, b->cof, sizeof(a->cof));
}

/*
 * A block's parse stopped and resumed (ze_params.stop/resume, the pieces
 * a unit's SIMD sections take) leaves exactly what one uninterrupted
 * parse leaves, wherever the pieces end (every 1, 7, 997 bytes or
 * ZE_PARSE_PIECE): levels 2 (greedy) and 3 (lazy), a unit's first and
 * second block (its history in the tables), a page; every variant's
 * finder this CPU runs.
 */
static void enc_pieces(unsigned char *in)
{
	static const u32 steps[] = { 1, 7, 997, ZE_PARSE_PIECE };
	struct parse_out *one = malloc(sizeof(*one)), *pc = malloc(sizeof(*pc));
	ze_match_fn fns[3] = { ze_match_fn_scalar };
	int nfn = 1, f, level;
	size_t k, si;

#if defined(__x86_64__)
	if (tz_variant_supported(TZ_VARIANT_AVX2))
		fns[nfn++] = ze_match_fn_avx2;
#elif defined(__aarch64__)
	if (tz_variant_supported(TZ_VARIANT_NEON))
		fns[nfn++] = ze_match_fn_neon;
#endif
	/* Text, then stretches without matches and with few (step growth). */
	gen(in, 65536, 2);
	gen(in + 9000, 3000, 1);
	gen(in + 40000, 5000, 3);
	for (f = 0; f < nfn; f++)
		for (level = 2; level <= 3; level++)
			for (si = 0; si < sizeof(steps) / sizeof(steps[0]); si++)
				for (k = 0; k < 3; k++) {
					/* k: a unit's first block, its second, a page */
					const u8 *src = in + (k == 1 ? ZE_BLOCK : 0);
					size_t len = k == 2 ? 4096 : ZE_BLOCK;
					u32 hist = k == 1 ? ZE_BLOCK : 0;

					if (k == 1)	/* the first block's tables */
						parse_pieces(fns[f], in, ZE_BLOCK, 0, level, true,
							     ~0u, one);
					parse_pieces(fns[f], src, len, hist, level, k < 2, ~0u, one);
					if (k == 1)
						parse_pieces(fns[f], in, ZE_BLOCK, 0, level, true,
							     ~0u, pc);
					parse_pieces(fns[f], src, len, hist, level, k < 2, steps[si],
						     pc);
					if (!parse_same(one, pc))
						FAIL("finder %d level %d block %zu: a parse in pieces of %u "
						     "differs from one in one go (%u/%u sequences)", f,
						     level, k, steps[si], pc->b.nseq, one->b.nseq);
					ncases++;
				}
	free(one);
	free(pc);
}

static int part_enc(void)
{
	static const size_t esz[] = { 0, 1, 2, 3, 15, 16, 17, 64, 100, 255, 256, 257, 1000,
				      4095, 4096, 4097, 32768, 32769, 65535, 65536, 65792,
				      100000, 131072 };
	unsigned char *in = malloc(131072);
	size_t si;
	int kind, level;

	for (si = 0; si < sizeof(esz) / sizeof(esz[0]); si++)
		for (kind = 0; kind < NKINDS; kind++) {
			gen(in, esz[si], kind);
			for (level = 1; level <= 3; level++) {
				char what[80];

				snprintf(what, sizeof(what), "enc n=%zu kind=%d level=%d", esz[si],
					 kind, level);
				check_ours(in, esz[si], level, what);
				if (level == 1)
					check_ours(in, esz[si], level | TZ_ZSTD_F_CHECKSUM, what);
			}
		}
	enc_units(in);
	enc_pieces(in);
	enc_dict(esz, sizeof(esz) / sizeof(esz[0]), in);
	free(in);
	printf("%s: %lu cases ok (ours levels 1..3 -> %s)\n", part, ncases,
#ifndef TZ_NO_LIBZSTD
	       "ZSTD_decompress and ours"
#else
	       "ours (no libzstd on this target)"
#endif
	       );
	return 0;
}

/* Corpus pages: ours at levels 1..3 both ways; libzstd frames -> ours. */
static int part_corpus(const char *path, size_t step)
{
	unsigned char *buf, *f = malloc(ZSTD_BOUND_T + GUARD);
	size_t np = tz_corpus_load(path, 0, &buf), i, tot = 0, ours[4] = { 0 };
	int level;

	if (!np) {
		printf("%s: skipped: corpus %s absent\n", part, path);
		free(f);
		return 0;
	}
	for (i = 0; i < np; i += step) {
		const unsigned char *pg = buf + i * TZ_PAGE;

		tot += TZ_PAGE;
		for (level = 1; level <= 3; level++) {
			ours[level] += our_frame(pg, TZ_PAGE, level, f, ZSTD_BOUND_T);
			check_ours(pg, TZ_PAGE, level, "corpus");
		}
#ifndef TZ_NO_LIBZSTD
		{
			static const int lv[] = { -7, -1, 1, 3, 19 };
			unsigned int k;

			for (k = 0; k < 5; k++) {
				size_t z;

				/* level 19 is slow: every 8th sampled page */
				if (lv[k] == 19 && (i / step) % 8)
					continue;
				z = ZSTD_compress(f, ZSTD_BOUND_T, pg, TZ_PAGE, lv[k]);
				expect_decode(f, z, pg, TZ_PAGE, "corpus libzstd frame");
			}
		}
#endif
	}
	/* Level 3's lazy parse: 3.1 % smaller than level 2's greedy one when it was added. */
	if ((double)ours[2] < 1.02 * ours[3])
		FAIL("corpus: level 3 (%zu bytes) not 2 %% smaller than level 2 (%zu bytes)",
		     ours[3], ours[2]);
	printf("%s: %lu cases ok, %zu pages (every %zu), ratio ours L1 %.3f L2 %.3f L3 %.3f\n",
	       part, ncases, tot / TZ_PAGE, step, (double)tot / ours[1], (double)tot / ours[2],
	       (double)tot / ours[3]);
	free(buf);
	free(f);
	return 0;
}

#ifndef TZ_NO_LIBZSTD
/*
 * libzstd frame of in: level, checksum, and block pieces (0: one-shot;
 * else flush every `piece` bytes so the frame has several blocks, which
 * also brings repeat/treeless modes across blocks).
 */
static size_t ref_frame(ZSTD_CCtx *cc, const unsigned char *in, size_t n, int level,
			int checksum, size_t piece, unsigned char *out, size_t cap)
{
	ZSTD_inBuffer ib = { in, 0, 0 };
	ZSTD_outBuffer ob = { out, cap, 0 };
	size_t r;

	ZSTD_CCtx_reset(cc, ZSTD_reset_session_and_parameters);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, level);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, checksum);
	if (!piece) {
		r = ZSTD_compress2(cc, out, cap, in, n);
		if (ZSTD_isError(r))
			FAIL("ZSTD_compress2: %s", ZSTD_getErrorName(r));
		return r;
	}
	ZSTD_CCtx_setPledgedSrcSize(cc, n);
	while (ib.pos < n) {
		ib.size = ib.pos + piece < n ? ib.pos + piece : n;
		r = ZSTD_compressStream2(cc, &ob, &ib, ZSTD_e_flush);
		if (ZSTD_isError(r))
			FAIL("stream: %s", ZSTD_getErrorName(r));
	}
	do {
		r = ZSTD_compressStream2(cc, &ob, &ib, ZSTD_e_end);
		if (ZSTD_isError(r))
			FAIL("end: %s", ZSTD_getErrorName(r));
	} while (r);
	return ob.pos;
}

static const size_t sizes[] = { 0, 1, 2, 7, 33, 100, 1000, 4095, 4096, 4097, 20000,
				65536, 100000, 131072 };

static int part_dec(void)
{
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	size_t cap = ZSTD_compressBound(131072) + 1024, si;
	unsigned char *in = malloc(131072), *f = malloc(2 * cap);
	int kind, level;

	for (si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
		size_t n = sizes[si];

		for (kind = 0; kind < NKINDS; kind++) {
			gen(in, n, kind);
			for (level = -7; level <= 19; level++) {
				int ck = (level + kind) & 1;
				size_t flen;
				char what[96];

				/* The slowest levels on the big inputs: a few kinds only. */
				if (n > 20000 && level > 9 && kind % 3)
					continue;
				snprintf(what, sizeof(what), "dec n=%zu kind=%d level=%d ck=%d",
					 n, kind, level, ck);
				flen = ref_frame(cc, in, n, level, ck, 0, f, cap);
				expect_decode(f, flen, in, n, what);
				if (n >= 4096 && (level < 4 || level % 5 == 0)) {
					size_t piece = n <= 4097 ? 1000 : 4096 + (size_t)level * 100 + 777;

					flen = ref_frame(cc, in, n, level, !ck, piece, f, cap);
					strcat(what, " multi");
					expect_decode(f, flen, in, n, what);
				}
			}
		}
	}
	/* Skippable frame before, two frames concatenated, empty frame. */
	{
		size_t n = 5000, l1, l2;

		gen(in, n, 2);
		put_unaligned_le32(0x184D2A5B, f);
		put_unaligned_le32(5, f + 4);
		memcpy(f + 8, "xxxxx", 5);
		l1 = ZSTD_compress(f + 13, cap, in, 3000, 3);
		l2 = ZSTD_compress(f + 13 + l1, cap, in + 3000, 2000, 1);
		expect_decode(f, 13 + l1 + l2, in, n, "skippable+concatenated");
		l1 = ZSTD_compress(f, cap, in, 0, 1);
		expect_decode(f, l1, in, 0, "empty frame");
	}
	ZSTD_freeCCtx(cc);
	free(in);
	free(f);
	printf("zstd-dec: %lu cases ok (libzstd levels -7..19 -> ours)\n", ncases);
	return 0;
}
#endif


/*
 * Truncated and bit-flipped frames: every variant must return an error or
 * some output within capacity, never write past it; truncation of a frame
 * must always be an error. Frames: ours (levels 1..3, checksum on/off) and,
 * where libzstd exists, its levels -5, 1, 3, 19 with multi-block ones.
 */
static void mangle(const unsigned char *fr, size_t flen, size_t n, const char *what)
{
	unsigned char *m = malloc(flen + 1), *d = malloc(2 * (n + 64 + GUARD));
	size_t cut, bit;
	int i, r, g;

	for (cut = 0; cut < flen; cut += 1 + cut / 8) {
		memcpy(m, fr, cut);
		for (i = 0; i < nvariants; i++) {
			memset(d, 0xA5, n + 64 + GUARD);
			r = tz_zstd_decompress_v(variants[i], m, cut, d, n + 64, dwrk);
			if (r >= 0)
				FAIL("%s: truncated to %zu/%zu decoded (%d)", what, cut, flen, r);
			for (g = 0; g < GUARD; g++)
				if (d[n + 64 + g] != 0xA5)
					FAIL("%s: wrote past capacity", what);
			ncases++;
		}
	}
	for (bit = 0; bit < flen * 8; bit += 1 + (rnd() % 41)) {
		memcpy(m, fr, flen);
		m[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		for (i = 0; i < nvariants; i++) {
			memset(d, 0xA5, n + 64 + GUARD);
			r = tz_zstd_decompress_v(variants[i], m, flen, d, n + 64, dwrk);
			if (r > (int)(n + 64))
				FAIL("%s: result beyond capacity", what);
			for (g = 0; g < GUARD; g++)
				if (d[n + 64 + g] != 0xA5)
					FAIL("%s: flipped bit %zu: wrote past capacity", what, bit);
			ncases++;
		}
		/* The context decodes the corrupt frame as plain work memory
		 * does, then the intact one correctly: a failed table build
		 * leaves nothing in its cache. */
		if ((bit & 7) == 0) {
			int r0 = tz_zstd_decompress_v(variants[0], m, flen, d, n + 64, dwrk);

			r = tz_zstd_decompress_dctx_v(variants[0], m, flen, d + n + 64 + GUARD, n + 64,
						      dctx, NULL);
			if (r != r0 || (r > 0 && memcmp(d, d + n + 64 + GUARD, r)))
				FAIL("%s: flipped bit %zu: context %d, work memory %d", what, bit, r, r0);
			r = tz_zstd_decompress_dctx_v(variants[0], fr, flen, d, n + 64, dctx, NULL);
			if (r < 0 || (size_t)r > n + 64)
				FAIL("%s: intact frame after a corrupt one: %d", what, r);
			ncases++;
		}
	}
	free(m);
	free(d);
}

static int part_corrupt(void)
{
	/* mangle() compares context and work memory outputs side by side. */
	static const size_t csz[] = { 1, 100, 1000, 4096, 20000 };
	unsigned char *in = malloc(131072), *fr = malloc(ZSTD_BOUND_T);
	size_t si;
	int kind, level;

	for (si = 0; si < sizeof(csz) / sizeof(csz[0]); si++)
		for (kind = 0; kind < NKINDS; kind++) {
			size_t n = csz[si];

			gen(in, n, kind);
			for (level = 1; level <= 3; level++) {
				int fl = level | (kind & 1 ? TZ_ZSTD_F_CHECKSUM : 0);
				int r = tz_zstd_compress_v(variants[0], in, n, fr, ZSTD_BOUND_T,
							   fl, cwrk);

				if (r <= 0)
					FAIL("compress");
				mangle(fr, r, n, "ours");
			}
#ifndef TZ_NO_LIBZSTD
			{
				static const int lv[] = { -5, 1, 3, 19 };
				ZSTD_CCtx *cc = ZSTD_createCCtx();
				unsigned int k;

				for (k = 0; k < 4; k++) {
					size_t z = ref_frame(cc, in, n, lv[k], k & 1,
							     n > 4000 ? 3000 : 0, fr, ZSTD_BOUND_T);

					mangle(fr, z, n, "libzstd");
				}
				ZSTD_freeCCtx(cc);
			}
#endif
		}
	free(in);
	free(fr);
	printf("%s: %lu corrupt-frame cases ok (errors, no write past capacity)\n", part,
	       ncases);
	return 0;
}

#ifndef TZ_NO_LIBZSTD
/* One seed file: 2-byte LE output capacity, then the frame bytes. */
static void write_seed(const char *dir, const char *name, size_t cap, const void *f, size_t n)
{
	char path[512];
	unsigned char hdr[2] = { (unsigned char)cap, (unsigned char)(cap >> 8) };
	FILE *o;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	o = fopen(path, "wb");
	if (!o || fwrite(hdr, 1, 2, o) != 2 || fwrite(f, 1, n, o) != n || fclose(o))
		FAIL("write %s", path);
}

/*
 * The generated part of fuzz/seeds-zstd-dec (gen-*): libzstd frames at
 * every level of a text-like and a record-like 4 KiB page; multi-block
 * frames (flushes every 1000 bytes, repeat/treeless modes across blocks);
 * tiny final blocks (1..3 bytes after a flush); raw literals (literal
 * compression off) and RLE literals ending a few bytes before the input's
 * end, the case of issue 18 item 3. Regenerate: zstd_test seeds DIR. Capacities are the exact content
 * sizes (<= 64 KiB: the harness's 2-byte field).
 */
static int part_seeds(const char *dir)
{
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	size_t cap = ZSTD_compressBound(8192) + 64, n, z, k;
	unsigned char *in = malloc(8192), *f = malloc(cap);
	int level, kind, count = 0;
	char name[64];

	for (kind = 2; kind <= 5; kind += 3) {
		gen(in, 4096, kind);
		for (level = -7; level <= ZSTD_maxCLevel(); level++) {
			z = ref_frame(cc, in, 4096, level, level & 1, 0, f, cap);
			snprintf(name, sizeof(name), "gen-level%d-kind%d", level, kind);
			write_seed(dir, name, 4096, f, z);
			count++;
		}
		z = ref_frame(cc, in, 4096, 3, 0, 1000, f, cap);
		snprintf(name, sizeof(name), "gen-multiblock-kind%d", kind);
		write_seed(dir, name, 4096, f, z);
		count++;
		for (k = 1; k <= 3; k++) {
			/* a flush 1..3 bytes before the end: a tiny final block */
			z = ref_frame(cc, in, 4096 + k, 1 + (int)k, 0, 4096, f, cap);
			snprintf(name, sizeof(name), "gen-tiny-last-block%zu-kind%d", k, kind);
			write_seed(dir, name, 4096 + k, f, z);
			count++;
		}
	}
	/* Raw literals (literal compression off) that end near the input's
	 * end: n random bytes, a 16-byte repeat (one sequence), 0..2 more
	 * literals. */
	for (n = 0; n <= 40; n += 4) {
		size_t tail = n % 3, i;

		for (i = 0; i < n; i++)
			in[i] = (unsigned char)rnd();
		for (i = 0; i < 16; i++)
			in[n + i] = (unsigned char)(0x30 + i);
		memcpy(in + n + 16, in + n, 16);
		memset(in + n + 32, 0x7e, tail);
		ZSTD_CCtx_reset(cc, ZSTD_reset_session_and_parameters);
		ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 1);
		ZSTD_CCtx_setParameter(cc, ZSTD_c_literalCompressionMode, ZSTD_ps_disable);
		z = ZSTD_compress2(cc, f, cap, in, n + 32 + tail);
		if (ZSTD_isError(z))
			FAIL("seeds: %s", ZSTD_getErrorName(z));
		snprintf(name, sizeof(name), "gen-raw-lit-at-end-%zu", n);
		write_seed(dir, name, n + 32 + tail, f, z);
		count++;
	}
	/* RLE literals (>= 64 alike, or libzstd stores them raw) then one
	 * sequence (offset 1), 0..8 last literals: the frame ends a few bytes
	 * after the literals section. Sequences given to libzstd. */
	for (n = 64; n <= 72; n += 4) {
		ZSTD_Sequence sq = { .offset = 1, .litLength = (unsigned int)n, .matchLength = 20 };
		size_t tail = n - 64;

		memset(in, 'q', n + 20 + tail);
		ZSTD_CCtx_reset(cc, ZSTD_reset_session_and_parameters);
		ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 1);
		z = ZSTD_compressSequences(cc, f, cap, &sq, 1, in, n + 20 + tail);
		if (ZSTD_isError(z))
			FAIL("seeds: %s", ZSTD_getErrorName(z));
		snprintf(name, sizeof(name), "gen-rle-lit-at-end-%zu", n);
		write_seed(dir, name, n + 20 + tail, f, z);
		count++;
	}
	ZSTD_freeCCtx(cc);
	free(in);
	free(f);
	printf("zstd-seeds: %d seeds written to %s\n", count, dir);
	return 0;
}
#endif

#ifndef TZ_NO_LIBZSTD
/* Our prepared dictionary of d (heap, exactly the size asked for). */
static struct tz_zstd_dict *our_dict(const void *d, size_t n, int *err)
{
	size_t sz = tz_zstd_dict_size(n);
	struct tz_zstd_dict *od = malloc(sz ? sz : 1);

	*err = tz_zstd_dict_prepare(od, sz, d, n);
	if (*err) {
		free(od);
		return NULL;
	}
	return od;
}

/* Frame f decodes with the dictionary to exactly want/n on every variant. */
static void expect_decode_dict(const unsigned char *f, size_t flen, const unsigned char *want,
			       size_t n, const struct tz_zstd_dict *od, const char *what)
{
	unsigned char *d = malloc(n + GUARD + 1);
	int i, r, g;

	for (i = 0; i < nvariants; i++) {
		memset(d, 0xA5, n + GUARD);
		r = tz_zstd_decompress_dict_v(variants[i], f, flen, d, n, dwrk, od);
		if (r != (int)n || memcmp(d, want, n))
			FAIL("%s: %s decode with dictionary n=%zu -> %d", what,
			     tz_variant_name(variants[i]), n, r);
		for (g = 0; g < GUARD; g++)
			if (d[n + g] != 0xA5)
				FAIL("%s: %s wrote past capacity", what, tz_variant_name(variants[i]));
		ncases++;
	}
	free(d);
}

/* Every variant answers r (an error code) for f with the dictionary od. */
static void expect_error_dict(const unsigned char *f, size_t flen, size_t n,
			      const struct tz_zstd_dict *od, int want, const char *what)
{
	unsigned char *d = malloc(n + 1);
	int i, r;

	for (i = 0; i < nvariants; i++) {
		r = tz_zstd_decompress_dict_v(variants[i], f, flen, d, n, dwrk, od);
		if (r != want)
			FAIL("%s: %s gave %d, want %d", what, tz_variant_name(variants[i]), r, want);
		ncases++;
	}
	free(d);
}

/*
 * Inputs for the dictionary checks: 4 KiB pages (corpus pages from the
 * second half of the file when given, or synthetic kinds), and samples
 * to train on (the first half, or other synthetic pages).
 */
struct dict_inputs {
	unsigned char *train, *pages;
	size_t *train_len, ntrain, npages;
	bool real;	/* corpus pages (else synthetic) */
};

static void dict_inputs(struct dict_inputs *in, const char *corpus)
{
	unsigned char *buf;
	size_t np = corpus ? tz_corpus_load(corpus, 4096, &buf) : 0, i;

	in->ntrain = 256;
	in->npages = 48;
	in->train = malloc(in->ntrain * TZ_PAGE);
	in->train_len = malloc(in->ntrain * sizeof(size_t));
	in->pages = malloc(in->npages * TZ_PAGE);
	for (i = 0; i < in->ntrain; i++) {
		if (np)
			memcpy(in->train + i * TZ_PAGE, buf + (i * 7 % (np / 2)) * TZ_PAGE,
			       TZ_PAGE);
		else
			gen(in->train + i * TZ_PAGE, TZ_PAGE, 2 + i % 4);
		in->train_len[i] = TZ_PAGE;
	}
	for (i = 0; i < in->npages; i++) {
		if (np)
			memcpy(in->pages + i * TZ_PAGE,
			       buf + (np / 2 + i * 37 % (np / 2)) * TZ_PAGE, TZ_PAGE);
		else
			gen(in->pages + i * TZ_PAGE, TZ_PAGE, 2 + i % 5);
	}
	if (np)
		free(buf);
	in->real = np != 0;
	printf("%s: dictionary inputs: %s\n", part, np ? corpus : "synthetic pages");
}

/* Literals_Block_Type of a one-page frame's compressed first block, or -1. */
static int lit_type(const unsigned char *f, size_t n)
{
	static const unsigned char idb[4] = { 0, 1, 2, 4 }, fcsb[4] = { 1, 2, 4, 8 };
	size_t h = 5 + idb[f[4] & 3] + fcsb[f[4] >> 6];

	if (n < h + 4 || ((f[h] >> 1) & 3) != 2)
		return -1;
	return f[h + 3] & 3;
}

/*
 * Our encoder with a dictionary (zstd_enc_dict.c), beyond the per-level
 * round trips: every variant writes the same frame; the frame names the
 * dictionary (decoding it without, or with another, fails on both sides);
 * matches reach into the content (a dictionary with other content bytes
 * decodes most pages wrongly) and make frames smaller; raw-content
 * dictionaries; inputs of several 32 KiB blocks; an output one byte short.
 */
static void ours_dict_enc(const struct dict_inputs *in, const unsigned char *dict, size_t dlen,
			  const struct tz_zstd_dict *od, const struct tz_zstd_dict *raw,
			  ZSTD_DDict *dd, unsigned char *f, unsigned char *g, size_t cap,
			  unsigned char *d)
{
	ZSTD_DCtx *dc = ZSTD_createDCtx();
	ZSTD_DDict *draw = ZSTD_createDDict(dict + dlen - 8192, 8192);
	unsigned char *alt_bytes = malloc(dlen), *big = malloc(10 * TZ_PAGE);
	unsigned char *bigf = malloc(ZSTD_compressBound(10 * TZ_PAGE)), *bigd = malloc(10 * TZ_PAGE);
	size_t i, z, used = 0, with = 0, without = 0, treeless = 0;
	size_t cstart = dlen - od->content_len;
	struct tz_zstd_dict *alt;
	int r, r2, err, v;

	memcpy(alt_bytes, dict, dlen);
	for (i = cstart; i < dlen; i++)
		alt_bytes[i] ^= 0x5a;
	alt = our_dict(alt_bytes, dlen, &err);
	if (!alt || !dc || !draw || !big || !bigf || !bigd)
		FAIL("ours with dictionary: set-up (%d)", err);
	for (i = 0; i < in->npages; i++) {
		const unsigned char *pg = in->pages + i * TZ_PAGE;

		r = tz_zstd_compress_dict_v(variants[0], pg, TZ_PAGE, f, cap, 2, cwrk, od);
		if (r <= 0)
			FAIL("ours with dictionary page %zu: %d", i, r);
		for (v = 1; v < nvariants; v++) {
			r2 = tz_zstd_compress_dict_v(variants[v], pg, TZ_PAGE, g, cap, 2, cwrk, od);
			if (r2 != r || memcmp(f, g, r))
				FAIL("ours with dictionary page %zu: %s frame differs from %s", i,
				     tz_variant_name(variants[v]), tz_variant_name(variants[0]));
		}
		treeless += lit_type(f, r) == 3;
		if (ZSTD_getDictID_fromFrame(f, r) != tz_zstd_dict_id(od))
			FAIL("ours with dictionary: frame names id %u, not %u",
			     ZSTD_getDictID_fromFrame(f, r), tz_zstd_dict_id(od));
		expect_error_dict(f, r, TZ_PAGE, NULL, -EINVAL, "ours names a dictionary, none given");
		expect_error_dict(f, r, TZ_PAGE, raw, -EINVAL, "ours names a dictionary, raw one given");
		z = ZSTD_decompress_usingDDict(dc, d, TZ_PAGE, f, r, draw);
		if (!ZSTD_isError(z))
			FAIL("libzstd decoded ours with another dictionary");
		r2 = tz_zstd_decompress_dict_v(variants[0], f, r, d, TZ_PAGE, dwrk, alt);
		used += r2 != TZ_PAGE || memcmp(d, pg, TZ_PAGE);
		with += r;
		r2 = tz_zstd_compress_v(variants[0], pg, TZ_PAGE, g, cap, 2, cwrk);
		without += r2;
		if (tz_zstd_compress_dict_v(variants[0], pg, TZ_PAGE, g, r - 1, 2, cwrk, od) != -ENOSPC)
			FAIL("ours with dictionary, output one byte short: not -ENOSPC");
		/* Raw content: no id; libzstd with the same raw content decodes it. */
		r = tz_zstd_compress_dict_v(variants[0], pg, TZ_PAGE, f, cap, 2, cwrk, raw);
		if (r <= 0 || ZSTD_getDictID_fromFrame(f, r) != 0)
			FAIL("ours with a raw dictionary page %zu: %d", i, r);
		z = ZSTD_decompress_usingDDict(dc, d, TZ_PAGE, f, r, draw);
		if (ZSTD_isError(z) || z != TZ_PAGE || memcmp(d, pg, TZ_PAGE))
			FAIL("libzstd decode of ours with a raw dictionary, page %zu", i);
		expect_decode_dict(f, r, pg, TZ_PAGE, raw, "ours with a raw dictionary");
	}
	printf("%s: ours with dictionary: %zu of %zu pages use its content, %zu its literal codes, "
	       "%zu bytes (%zu without)\n", part, used, in->npages, treeless, with, without);
	/* On real pages some take them (5 of 48 with this 16 KiB dictionary). */
	if (!treeless && in->real)
		FAIL("ours with dictionary: no page took the dictionary's Huffman codes");
	if (used < in->npages / 4 || with >= without)
		FAIL("ours with dictionary: content used by %zu of %zu pages, %zu bytes vs %zu",
		     used, in->npages, with, without);
	/* 40 KiB: two blocks, the second's offsets into the dictionary longer. */
	for (i = 0; i < 10; i++)
		memcpy(big + i * TZ_PAGE, in->pages + (i * 5 % in->npages) * TZ_PAGE, TZ_PAGE);
	for (v = 0; v < nvariants; v++) {
		r = tz_zstd_compress_dict_v(variants[v], big, 10 * TZ_PAGE, bigf,
					    ZSTD_compressBound(10 * TZ_PAGE), 3 | TZ_ZSTD_F_CHECKSUM,
					    cwrk, od);
		if (r <= 0)
			FAIL("ours with dictionary, 40 KiB: %d", r);
		z = ZSTD_decompress_usingDDict(dc, bigd, 10 * TZ_PAGE, bigf, r, dd);
		if (ZSTD_isError(z) || z != 10 * TZ_PAGE || memcmp(bigd, big, 10 * TZ_PAGE))
			FAIL("libzstd decode of ours with dictionary, 40 KiB (%s)",
			     tz_variant_name(variants[v]));
		expect_decode_dict(bigf, r, big, 10 * TZ_PAGE, od, "ours with dictionary, 40 KiB");
	}
	free(alt);
	free(alt_bytes);
	free(big);
	free(bigf);
	free(bigd);
	ZSTD_freeDDict(draw);
	ZSTD_freeDCtx(dc);
}

/*
 * The dictionary window (zstd_enc.h, ZE_DICT_WIN): a page is compressed
 * after a copy of the content's last bytes kept in the work memory, named
 * by the prepared dictionary's stamp. A dictionary prepared again into the
 * same memory with other content must not find the old copy: a page of the
 * old content, compressed with the new dictionary, decodes (libzstd, the
 * new dictionary) to itself. And a dictionary whose first repeat offset
 * reaches before the window takes the bucket probe (win_len 0): its frames
 * decode too.
 */
static void dict_window(const unsigned char *dict, size_t dlen, const struct dict_inputs *in,
			unsigned char *f, size_t cap, unsigned char *d)
{
	size_t sz = tz_zstd_dict_size(dlen), hsz = ZDICT_getDictHeaderSize(dict, dlen), i, z;
	size_t blen = hsz + 100 * 1024;
	unsigned char *other = malloc(dlen), *big = malloc(blen), *pg = malloc(TZ_PAGE);
	struct tz_zstd_dict *od = malloc(sz), *bd;
	ZSTD_DCtx *dc = ZSTD_createDCtx();
	const struct ze_cdict *cd;
	int r, err, v;

	if (!other || !big || !pg || !od || !dc || ZDICT_isError(hsz) || dlen - hsz < TZ_PAGE)
		FAIL("dictionary window: set-up");
	/*
	 * Other content: one byte in 256 changed, so the new table still
	 * leads to long matches, which run through the changed bytes only in
	 * a stale copy of the old content.
	 */
	memcpy(other, dict, dlen);
	for (i = hsz; i < dlen; i += 256)
		other[i] ^= 0x5a;
	/* A page of the first content's last bytes: all of it a window match. */
	memcpy(pg, dict + dlen - TZ_PAGE, TZ_PAGE);
	for (v = 0; v < nvariants; v++) {
		if (tz_zstd_dict_prepare(od, sz, dict, dlen))
			FAIL("dictionary window: prepare");
		cd = od->enc;
		if (!cd->win_len)
			FAIL("dictionary window: a %zu-byte dictionary has none", dlen);
		r = tz_zstd_compress_dict_v(variants[v], pg, TZ_PAGE, f, cap, 2, cwrk, od);
		if (r <= 0 || r > 64)
			FAIL("dictionary window: its own content took %d bytes (%s)", r,
			     tz_variant_name(variants[v]));
		if (tz_zstd_dict_prepare(od, sz, other, dlen))
			FAIL("dictionary window: prepare other content in the same memory");
		r = tz_zstd_compress_dict_v(variants[v], pg, TZ_PAGE, f, cap, 2, cwrk, od);
		z = r > 0 ? ZSTD_decompress_usingDict(dc, d, TZ_PAGE, f, r, other, dlen) : 0;
		if (r <= 0 || ZSTD_isError(z) || z != TZ_PAGE || memcmp(d, pg, TZ_PAGE))
			FAIL("dictionary window: the old content's copy was used (%s, %d)",
			     tz_variant_name(variants[v]), r);
	}
	/* 100 KiB of content, the first repeat offset 70000 bytes back. */
	memcpy(big, dict, hsz);
	put_unaligned_le32(70000, big + hsz - 12);
	for (i = 0; i < 100 * 1024; i += TZ_PAGE)
		memcpy(big + hsz + i, in->pages + (i / TZ_PAGE % in->npages) * TZ_PAGE, TZ_PAGE);
	bd = our_dict(big, blen, &err);
	if (!bd)
		FAIL("dictionary window: prepare 100 KiB with a far repeat offset: %d", err);
	cd = bd->enc;
	if (cd->win_len)
		FAIL("dictionary window: repeat offset 70000 before a %u-byte window", cd->win_len);
	for (i = 0; i < in->npages; i++) {
		const unsigned char *p = in->pages + i * TZ_PAGE;

		r = tz_zstd_compress_dict_v(variants[0], p, TZ_PAGE, f, cap, 2, cwrk, bd);
		z = r > 0 ? ZSTD_decompress_usingDict(dc, d, TZ_PAGE, f, r, big, blen) : 0;
		if (r <= 0 || ZSTD_isError(z) || z != TZ_PAGE || memcmp(d, p, TZ_PAGE))
			FAIL("dictionary window: far repeat offset, page %zu (%d)", i, r);
	}
	printf("%s: dictionary window: a re-prepared dictionary's own window, far repeat "
	       "offsets take the buckets\n", part);
	ZSTD_freeDCtx(dc);
	free(bd);
	free(od);
	free(pg);
	free(big);
	free(other);
}

/*
 * libzstd's verdict on a dictionary (ZSTD_createDDict) against ours
 * (tz_zstd_dict_prepare); when both take it, a frame made with it decodes.
 */
static void dict_verdict(const unsigned char *dict, size_t n, const unsigned char *page,
			 const char *what)
{
	ZSTD_DDict *dd = n ? ZSTD_createDDict(dict, n) : NULL;
	struct tz_zstd_dict *od;
	int err;

	od = our_dict(dict, n, &err);
	if (!dd != !od)
		FAIL("%s (%zu bytes): libzstd %s it, ours %s (%d)", what, n,
		     dd ? "takes" : "refuses", od ? "takes" : "refuses", err);
	if (!od && err != -EINVAL)
		FAIL("%s: prepare gave %d, want -EINVAL", what, err);
	if (od) {
		ZSTD_CDict *cd = ZSTD_createCDict(dict, n, 1);
		ZSTD_CCtx *cc = ZSTD_createCCtx();
		unsigned char f[ZSTD_COMPRESSBOUND(TZ_PAGE)];
		size_t z;

		if (tz_zstd_dict_id(od) != ZSTD_getDictID_fromDDict(dd))
			FAIL("%s: id %u, libzstd %u", what, tz_zstd_dict_id(od),
			     ZSTD_getDictID_fromDDict(dd));
		/* libzstd may refuse to compress with what it decodes with. */
		z = cd ? ZSTD_compress_usingCDict(cc, f, sizeof(f), page, TZ_PAGE, cd) : 0;
		if (cd && !ZSTD_isError(z))
			expect_decode_dict(f, z, page, TZ_PAGE, od, what);
		ZSTD_freeCDict(cd);
		ZSTD_freeCCtx(cc);
		free(od);
	}
	ZSTD_freeDDict(dd);
	ncases++;
}

static int part_dict(const char *corpus)
{
	static const int lv[] = { -5, -1, 1, 2, 3, 5, 9, 13, 19 };
	struct dict_inputs in;
	size_t cap = ZSTD_compressBound(3 * TZ_PAGE), dlen, z, i, k;
	unsigned char *dict = malloc(64 * 1024), *f = malloc(cap), *g = malloc(cap);
	unsigned char *d = malloc(3 * TZ_PAGE + GUARD), *bad = malloc(64 * 1024);
	struct tz_zstd_dict *od, *raw;
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	ZSTD_DCtx *dc = ZSTD_createDCtx();
	ZSTD_DDict *dd;
	int err, r;

	dict_inputs(&in, corpus);
	dlen = ZDICT_trainFromBuffer(dict, 16 * 1024, in.train, in.train_len, in.ntrain);
	if (ZDICT_isError(dlen))
		FAIL("ZDICT_trainFromBuffer: %s", ZDICT_getErrorName(dlen));
	od = our_dict(dict, dlen, &err);
	if (!od)
		FAIL("prepare a ZDICT dictionary (%zu bytes): %d", dlen, err);
	if (tz_zstd_dict_id(od) != ZDICT_getDictID(dict, dlen) || !tz_zstd_dict_id(od))
		FAIL("dictionary id %u, ZDICT says %u", tz_zstd_dict_id(od),
		     ZDICT_getDictID(dict, dlen));
	if (tz_zstd_dict_prepare(od, tz_zstd_dict_size(dlen) - 1, dict, dlen) != -ENOSPC)
		FAIL("prepare into too little memory: not -ENOSPC");
	if (tz_zstd_dict_prepare(od, tz_zstd_dict_size(dlen), dict, dlen))
		FAIL("prepare again");
	/* Raw content: the trained dictionary's last 8 KiB (no magic). */
	raw = our_dict(dict + dlen - 8192, 8192, &err);
	if (!raw || tz_zstd_dict_id(raw) != 0)
		FAIL("raw-content dictionary: %d", err);

	/* libzstd with the dictionary (CDict reused per level) -> ours. */
	for (k = 0; k < sizeof(lv) / sizeof(lv[0]); k++) {
		ZSTD_CDict *cd = ZSTD_createCDict(dict, dlen, lv[k]);
		ZSTD_CDict *cr = ZSTD_createCDict_advanced(dict + dlen - 8192, 8192, ZSTD_dlm_byRef,
							   ZSTD_dct_rawContent,
							   ZSTD_getCParams(lv[k], TZ_PAGE, 8192),
							   ZSTD_defaultCMem);
		char what[96];

		for (i = 0; i < in.npages; i++) {
			const unsigned char *pg = in.pages + i * TZ_PAGE;

			snprintf(what, sizeof(what), "libzstd level %d dict page %zu", lv[k], i);
			z = ZSTD_compress_usingCDict(cc, f, cap, pg, TZ_PAGE, cd);
			if (ZSTD_isError(z))
				FAIL("%s: %s", what, ZSTD_getErrorName(z));
			expect_decode_dict(f, z, pg, TZ_PAGE, od, what);
			/* Naming the dictionary: without it, or with another. */
			if (i == 0) {
				expect_error_dict(f, z, TZ_PAGE, NULL, -EINVAL, "frame names a dictionary, none given");
				expect_error_dict(f, z, TZ_PAGE, raw, -EINVAL, "frame names a dictionary, raw one given");
			}
			snprintf(what, sizeof(what), "libzstd level %d raw dict page %zu", lv[k], i);
			z = ZSTD_compress_usingCDict(cc, f, cap, pg, TZ_PAGE, cr);
			if (ZSTD_isError(z))
				FAIL("%s: %s", what, ZSTD_getErrorName(z));
			expect_decode_dict(f, z, pg, TZ_PAGE, raw, what);
		}
		/* Three pages in one frame, flushed per page: several blocks,
		 * the dictionary's tables first, then repeat modes across blocks. */
		{
			ZSTD_inBuffer ib = { in.pages, 3 * TZ_PAGE, 0 };
			ZSTD_outBuffer ob = { f, cap, 0 };

			ZSTD_CCtx_reset(cc, ZSTD_reset_session_and_parameters);
			ZSTD_CCtx_refCDict(cc, cd);
			ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
			ZSTD_CCtx_setPledgedSrcSize(cc, 3 * TZ_PAGE);
			for (ib.size = TZ_PAGE; ib.size <= 3 * TZ_PAGE; ib.size += TZ_PAGE)
				if (ZSTD_isError(ZSTD_compressStream2(cc, &ob, &ib, ZSTD_e_flush)))
					FAIL("stream");
			ib.size = 3 * TZ_PAGE;
			while ((z = ZSTD_compressStream2(cc, &ob, &ib, ZSTD_e_end)))
				if (ZSTD_isError(z))
					FAIL("stream end");
			snprintf(what, sizeof(what), "libzstd level %d dict multi-block", lv[k]);
			expect_decode_dict(f, ob.pos, in.pages, 3 * TZ_PAGE, od, what);
			ZSTD_CCtx_reset(cc, ZSTD_reset_session_and_parameters);
		}
		ZSTD_freeCDict(cd);
		ZSTD_freeCDict(cr);
	}
	/*
	 * Matches reach into the content: with the content's bytes changed
	 * (tables and id kept), pages that used it must come out different.
	 */
	{
		ZSTD_CDict *cd = ZSTD_createCDict(dict, dlen, 1);
		struct tz_zstd_dict *alt;
		size_t used = 0, cstart = dlen - od->content_len;

		memcpy(bad, dict, dlen);
		for (i = cstart; i < dlen; i++)
			bad[i] ^= 0x5a;
		alt = our_dict(bad, dlen, &err);
		if (!alt)
			FAIL("prepare with changed content: %d", err);
		for (i = 0; i < in.npages; i++) {
			z = ZSTD_compress_usingCDict(cc, f, cap, in.pages + i * TZ_PAGE, TZ_PAGE, cd);
			r = tz_zstd_decompress_dict_v(variants[0], f, z, d, TZ_PAGE, dwrk, alt);
			used += r != TZ_PAGE || memcmp(d, in.pages + i * TZ_PAGE, TZ_PAGE);
		}
		if (used < in.npages / 2)
			FAIL("only %zu of %zu pages changed with the dictionary's content", used,
			     in.npages);
		printf("%s: %zu of %zu pages use the dictionary's content\n", part, used, in.npages);
		free(alt);
		ZSTD_freeCDict(cd);
	}
	/* A frame that names no dictionary (dictIDFlag 0) uses the one given. */
	ZSTD_CCtx_reset(cc, ZSTD_reset_session_and_parameters);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_dictIDFlag, 0);
	ZSTD_CCtx_loadDictionary(cc, dict, dlen);
	z = ZSTD_compress2(cc, f, cap, in.pages, TZ_PAGE);
	if (ZSTD_isError(z) || ZSTD_getDictID_fromFrame(f, z))
		FAIL("frame without dictionary id");
	expect_decode_dict(f, z, in.pages, TZ_PAGE, od, "frame without a dictionary id");
	ZSTD_CCtx_reset(cc, ZSTD_reset_session_and_parameters);

	/* Ours -> libzstd's DDict and ours, every level we offer. */
	dd = ZSTD_createDDict(dict, dlen);
	for (k = TZ_ZSTD_LEVEL_MIN; k <= TZ_ZSTD_LEVEL_MAX; k++)
		for (i = 0; i < in.npages; i++) {
			const unsigned char *pg = in.pages + i * TZ_PAGE;

			r = tz_zstd_compress_dict_v(variants[0], pg, TZ_PAGE, f, cap, (int)k, cwrk, od);
			if (r <= 0)
				FAIL("our compress with dictionary, level %zu: %d", k, r);
			z = ZSTD_decompress_usingDDict(dc, d, TZ_PAGE, f, r, dd);
			if (ZSTD_isError(z) || z != TZ_PAGE || memcmp(d, pg, TZ_PAGE))
				FAIL("libzstd decode of ours with dictionary, level %zu: %s", k,
				     ZSTD_isError(z) ? ZSTD_getErrorName(z) : "wrong bytes");
			expect_decode_dict(f, r, pg, TZ_PAGE, od, "ours with dictionary");
		}
	ours_dict_enc(&in, dict, dlen, od, raw, dd, f, g, cap, d);
	dict_window(dict, dlen, &in, f, cap, d);
	ZSTD_freeDDict(dd);

	/* Bad dictionaries: ours refuses exactly what libzstd refuses. */
	if (tz_zstd_dict_prepare(od, tz_zstd_dict_size(dlen), dict, 0) != -EINVAL)
		FAIL("empty dictionary taken");
	for (z = 1; z < dlen; z += z < 1200 ? 1 : 97)
		dict_verdict(dict, z, in.pages, "truncated dictionary");
	memcpy(bad, dict, dlen);
	bad[0] ^= 1;	/* no magic: raw content */
	dict_verdict(bad, dlen, in.pages, "dictionary with a wrong magic");
	{
		struct tz_zstd_dict *w = our_dict(bad, dlen, &err);

		if (!w || tz_zstd_dict_id(w) != 0)
			FAIL("wrong magic: not taken as raw content");
		free(w);
	}
	for (i = 8 * 8; i < 8 * 1200 && i < 8 * dlen; i += 1 + rnd() % 13) {
		memcpy(bad, dict, dlen);
		bad[i / 8] ^= (unsigned char)(1u << (i % 8));
		dict_verdict(bad, dlen, in.pages, "bit-flipped dictionary");
	}
	free(od);
	free(raw);
	free(dict);
	free(f);
	free(g);
	free(d);
	free(bad);
	free(in.train);
	free(in.train_len);
	free(in.pages);
	ZSTD_freeCCtx(cc);
	ZSTD_freeDCtx(dc);
	printf("%s: %lu dictionary cases ok (ZDICT %zu-byte and raw dictionaries, libzstd levels "
	       "-5..19 -> ours, bad dictionaries as ZSTD_createDDict judges them)\n", part, ncases,
	       dlen);
	return 0;
}
#endif

#ifndef TZ_NO_LIBZSTD
/*
 * fuzz/seeds-zstd-dict (gen-*): 2-byte LE capacity, 2-byte LE dictionary
 * length, the dictionary, a frame. A 2 KiB ZDICT dictionary of synthetic
 * pages with libzstd frames of such pages at levels -1..19 (single and
 * multi-block), one frame naming no dictionary; a 512-byte raw-content
 * dictionary with its frames. Regenerate: zstd_test dict-seeds DIR.
 */
static int part_dict_seeds(const char *dir)
{
	static const int lv[] = { -1, 1, 3, 9, 19 };
	size_t cap = ZSTD_compressBound(2 * TZ_PAGE), samp[64], dlen, z, i, k;
	unsigned char *train = malloc(64 * TZ_PAGE), *dict = malloc(4096), *pg = malloc(2 * TZ_PAGE);
	unsigned char *f = malloc(cap), *seed = malloc(4 + 4096 + cap);
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	int count = 0, raw;
	char name[64];

	for (i = 0; i < 64; i++) {
		gen(train + i * TZ_PAGE, TZ_PAGE, 2 + i % 4);
		samp[i] = TZ_PAGE;
	}
	dlen = ZDICT_trainFromBuffer(dict, 2048, train, samp, 64);
	if (ZDICT_isError(dlen))
		FAIL("ZDICT: %s", ZDICT_getErrorName(dlen));
	for (raw = 0; raw < 2; raw++) {
		const unsigned char *dd = raw ? train + 5 * TZ_PAGE : dict;
		size_t dn = raw ? 512 : dlen;

		for (k = 0; k < sizeof(lv) / sizeof(lv[0]); k++) {
			for (i = 0; i < 3; i++) {
				size_t n = i == 2 ? 2 * TZ_PAGE : TZ_PAGE;

				gen(pg, n, 2 + (i + k) % 4);
				ZSTD_CCtx_reset(cc, ZSTD_reset_session_and_parameters);
				ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, lv[k]);
				if (i == 1 && !raw)
					ZSTD_CCtx_setParameter(cc, ZSTD_c_dictIDFlag, 0);
				if (i == 2)	/* two blocks: repeat modes after the first */
					ZSTD_CCtx_setParameter(cc, ZSTD_c_maxBlockSize, TZ_PAGE);
				ZSTD_CCtx_loadDictionary_advanced(cc, dd, dn, ZSTD_dlm_byRef,
								  raw ? ZSTD_dct_rawContent : ZSTD_dct_auto);
				z = ZSTD_compress2(cc, f, cap, pg, n);
				if (ZSTD_isError(z))
					FAIL("dict seeds: %s", ZSTD_getErrorName(z));
				seed[0] = (unsigned char)n;
				seed[1] = (unsigned char)(n >> 8);
				seed[2] = (unsigned char)dn;
				seed[3] = (unsigned char)(dn >> 8);
				memcpy(seed + 4, dd, dn);
				memcpy(seed + 4 + dn, f, z);
				snprintf(name, sizeof(name), "gen-%s-level%d-%s", raw ? "raw" : "zdict",
					 lv[k], i == 0 ? "page" : i == 1 ? (raw ? "page2" : "no-id") :
					 "2blocks");
				write_seed(dir, name, seed[0] | seed[1] << 8, seed + 2, 2 + dn + z);
				count++;
			}
		}
	}
	ZSTD_freeCCtx(cc);
	free(train);
	free(dict);
	free(pg);
	free(f);
	free(seed);
	printf("zstd-dict-seeds: %d seeds written to %s\n", count, dir);
	return 0;
}
#endif

/*
 * n bytes that end where an unmapped page begins: a read or write one byte
 * past them faults, with or without ASan. *map, *maplen: what to munmap.
 */
static unsigned char *at_page_end(size_t n, void **map, size_t *maplen)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), len = (n + pg - 1) / pg * pg + pg;
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				-1, 0);

	if (m == MAP_FAILED || mprotect(m + len - pg, pg, PROT_NONE))
		FAIL("mmap guard");
	*map = m;
	*maplen = len;
	return m + len - pg - n;
}

/*
 * Inputs that broke the decoder once, each with the harness's layout of
 * fuzz/seeds-zstd-dec (2-byte LE output capacity, then the frame bytes);
 * the same bytes are seeds there. Expected: libzstd's answer (both error,
 * or the same bytes); without libzstd (arm64), every variant as scalar.
 */
static const struct regress_case {
	const char *what;
	unsigned int len;
	unsigned char in[64];
} regress[] = {
	/* issue 18.3: raw literals at the input's end (0 of them) and one
	 * sequence: the fast path read 16 literal bytes past the input. */
	{ "18.3 raw literals at input end", 21,
	  { 0x00, 0x01, 0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x00, 0x42, 0x00, 0x00, 0x41,
	    0x35, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02 } },
	/* issue 18.8: a block decoding to more than the window (1664 B),
	 * Block_Maximum_Size = min(Window_Size, 128 KiB); then the same
	 * twice in a row, window 1 KiB + 5/8 and 10/8 */
	{ "18.8 block over the window", 20,
	  { 0x07, 0x10, 0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x05, 0x4d, 0x00, 0x00, 0x10,
	    0xf8, 0x00, 0x01, 0x00, 0xff, 0xf3, 0x01, 0x16 } },
	{ "18.8 two frames, blocks over the window", 38,
	  { 0x00, 0x26, 0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x0d, 0x4d, 0x00, 0x00, 0x10,
	    0xf8, 0x00, 0x01, 0x00, 0xfb, 0xf7, 0x01, 0x16, 0x28, 0xb5, 0x2f, 0xfd,
	    0x00, 0x58, 0x4d, 0x00, 0x00, 0x10, 0xf8, 0x00, 0x01, 0x00, 0xfb, 0xf7,
	    0x01, 0x16 } },
};

static int part_regress(void)
{
	size_t k;
	int i;

	for (k = 0; k < sizeof(regress) / sizeof(regress[0]); k++) {
		const struct regress_case *c = &regress[k];
		size_t cap = c->in[0] | (size_t)c->in[1] << 8, flen = c->len - 2, smap, dmap;
		void *sm, *dm;
		unsigned char *src = at_page_end(flen, &sm, &smap);
		unsigned char *dst = at_page_end(cap, &dm, &dmap);
		unsigned char *want = malloc(cap + 1);
		long wr;
		int r0 = 0;

		memcpy(src, c->in + 2, flen);
#ifndef TZ_NO_LIBZSTD
		{
			size_t z = ZSTD_decompress(want, cap, src, flen);

			wr = ZSTD_isError(z) ? -1 : (long)z;
		}
#else
		wr = -2;	/* scalar's answer, below */
#endif
		for (i = 0; i < nvariants; i++) {
			int r = tz_zstd_decompress_v(variants[i], src, flen, dst, cap, dwrk);

			if (wr == -2 && i == 0) {
				r0 = r;
				memcpy(want, dst, r > 0 ? r : 0);
			}
			if (wr == -2 ? (r != r0 || (r > 0 && memcmp(dst, want, r))) :
			    wr < 0 ? r >= 0 : (r != wr || memcmp(dst, want, r)))
				FAIL("%s: %s returned %d, libzstd %ld", c->what,
				     tz_variant_name(variants[i]), r, wr);
			ncases++;
		}
		munmap(sm, smap);
		munmap(dm, dmap);
		free(want);
	}
	printf("%s: %lu regression cases ok (exact-size buffers at an unmapped page)\n", part,
	       ncases);
	return 0;
}

int main(int argc, char **argv)
{
	const char *vname = NULL, *mode = argc > 1 ? argv[1] : "";
	int i;

	for (i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--variant") && i + 1 < argc)
			vname = argv[i + 1];
	if (getenv("TZ_PART"))
		part = getenv("TZ_PART");
	cwrk = aligned_alloc(64, TZ_ZSTD_CWORKMEM_SIZE);
	dwrk = aligned_alloc(64, TZ_ZSTD_DWORKMEM_SIZE);
	dctx = aligned_alloc(64, TZ_ZSTD_DCTX_SIZE);
	if (tz_zstd_decompress_dctx_v(TZ_VARIANT_SCALAR, "x", 1, cwrk, 1, dctx, NULL) != -EINVAL)
		FAIL("an uninitialised decoder context was used");
	tz_zstd_dctx_init(dctx);
	pick_variants(vname);
#ifndef TZ_NO_LIBZSTD
	if (!strcmp(mode, "dec"))
		return part_dec();
	if (!strcmp(mode, "seeds") && argc > 2)
		return part_seeds(argv[2]);
	if (!strcmp(mode, "dict-seeds") && argc > 2)
		return part_dict_seeds(argv[2]);
	if (!strcmp(mode, "dict"))
		return part_dict(argc > 2 && argv[2][0] != '-' ? argv[2] : NULL);
#endif
	if (!strcmp(mode, "corrupt"))
		return part_corrupt();
	if (!strcmp(mode, "regress"))
		return part_regress();
	if (!strcmp(mode, "enc"))
		return part_enc();
	if (!strcmp(mode, "corpus") && argc > 2)
		return part_corpus(argv[2], argc > 3 && argv[3][0] != '-' ? strtoul(argv[3], NULL, 0) : 1);
	fprintf(stderr, "usage: zstd_test dec|enc|corpus FILE [STEP]|corrupt|regress|rt [--variant V]\n");
	return 2;
}
