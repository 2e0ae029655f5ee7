// SPDX-License-Identifier: GPL-2.0
/*
 * bench_report.c - the benchmark's reports: text (terminal), JSON (the
 * contract other tests read: codec, variant, level, compress_gbps,
 * decompress_gbps, ratio, zram_ratio keep their names), markdown, HTML,
 * and a whitespace table for gnuplot.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "tz_cpu.h"
#include "bench_core.h"

static const char *clock_name(const struct tzb_info *in)
{
	return in->wall ? "wall" : "thread-cpu";
}

#define ANY_LEVEL INT_MIN

/* The first one-page row of codec (at level, unless ANY_LEVEL) without a dictionary. */
static const struct tzb_result *find_level(const struct tzb_result *r, int n, const char *codec,
					   int level)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(r[i].c->codec, codec) && (level == ANY_LEVEL || r[i].c->level == level) &&
		    !r[i].dict && r[i].unit_pages == 1)
			return &r[i];
	return NULL;
}

/* The same with the run's dictionary. */
static const struct tzb_result *find_dict(const struct tzb_result *r, int n, const char *codec,
					  int level)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(r[i].c->codec, codec) && (level == ANY_LEVEL || r[i].c->level == level) &&
		    r[i].dict)
			return &r[i];
	return NULL;
}

/* " +dict" after a row's codec name in the tables (JSON: the dict field). */
static const char *dict_tag(const struct tzb_result *x)
{
	return x->dict ? " +dict" : "";
}

static const struct tzb_result *find(const struct tzb_result *r, int n, const char *codec)
{
	return find_level(r, n, codec, ANY_LEVEL);
}

/*
 * What a unit row is compared with: the same codec and level coding each
 * page alone, one page a call, for ours in the variant the module runs for
 * single pages here (units: compressed scalar, decompressed in that
 * variant, as bench_core.c says).
 */
static const struct tzb_result *one_page_of(const struct tzb_result *r, int n,
					    const struct tzb_result *x)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(r[i].c->codec, x->c->codec) && r[i].c->level == x->c->level &&
		    r[i].unit_pages == 1 && !r[i].dict && tzb_batch(r[i].c) == 1 &&
		    (r[i].c->tz_variant < 0 || r[i].c->tz_variant == (int)tz_variant_active()))
			return &r[i];
	return NULL;
}

/*
 * Units against one-page coding of the same codec: ratio, speed per byte
 * and the one-page read p99 (cache miss), as the targets put them.
 */
static void print_units(FILE *f, const struct tzb_result *r, int n, int md)
{
	int i, head = 0;

	for (i = 0; i < n; i++) {
		const struct tzb_result *x = &r[i], *p = one_page_of(r, n, x);

		if (x->unit_pages == 1 || !p)
			continue;
		if (!head++ && md)
			fprintf(f, "\n| codec | variant (1 page) | unit pages | ratio vs 1 page | zram ratio vs 1 page "
				"| in units | compress vs 1 page | decompress vs 1 page "
				"| 1-page read p50 / p99 / mean µs (miss) | p99, mean vs 1-page unit "
				"| hit p50 / p99 µs |\n"
				"|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		else if (head == 1)
			fprintf(f, "units vs one page (same codec): ratio, zram ratio, pages in units, "
				"compress/decompress speed per byte, one-page read p50/p99/mean us "
				"(miss: unit decode up to the page + copy; hit: copy)\n");
		fprintf(f, md ? "| %s | %s (%s) | %u | %.3f (%.3fx) | %.3f (%.3fx) | %.1f %% | %.2fx | %.2fx "
			"| %.2f / %.2f / %.2f | %.2fx, %.2fx | %.2f / %.2f |\n" :
			"%s/%s (1 page: %s) x%-2u ratio %.3f (%.3fx)  zram %.3f (%.3fx)  in units %.1f%%  "
			"compress %.2fx  decompress %.2fx  read %.2f/%.2f/%.2f us (p99 %.2fx, mean %.2fx)  "
			"hit %.2f/%.2f us\n",
			x->c->codec, x->c->variant, p->c->variant, x->unit_pages, x->ratio, x->ratio / p->ratio,
			x->zram_ratio, x->zram_ratio / p->zram_ratio, x->unit_pct,
			x->comp.med / p->comp.med, x->dec.med / p->dec.med,
			x->rp_p50_us, x->rp_p99_us, x->rp_mean_us,
			p->rp_p99_us > 0 ? x->rp_p99_us / p->rp_p99_us : 0,
			p->rp_mean_us > 0 ? x->rp_mean_us / p->rp_mean_us : 0,
			x->hit_p50_us, x->hit_p99_us);
	}
}

/* Ours against one peer row, per variant and level of ours (one-page rows). */
static void print_versus(FILE *f, const struct tzb_result *r, int n, const char *ours,
			 const char *peer, int peer_level)
{
	const struct tzb_result *p = find_level(r, n, peer, peer_level);
	int i;

	if (!p)
		return;
	for (i = 0; i < n; i++)
		if (!strcmp(r[i].c->codec, ours) && !r[i].dict && r[i].unit_pages == 1)
			fprintf(f, "%s/%s L%d batch %d vs %s L%d: compress %.2fx, decompress %.2fx, "
				"ratio %+.3f\n", ours, r[i].c->variant, r[i].c->level,
				tzb_batch(r[i].c), peer, p->c->level,
				r[i].comp.med / p->comp.med, r[i].dec.med / p->dec.med,
				r[i].ratio - p->ratio);
}

/*
 * Dictionary rows: each against the peer with the same dictionary and
 * against its own row without (same variant and level), speeds and ratio
 * as factors (issue 16's targets are factors).
 */
static void print_dict_versus(FILE *f, const struct tzb_result *r, int n, const char *peer,
			      int peer_level, const struct tzb_info *in)
{
	const struct tzb_result *p = find_dict(r, n, peer, peer_level);
	int i, j;

	if (in->dict_len)
		fprintf(f, "dictionary: %zu bytes (ZDICT %s), trained on %zu pages not measured\n",
			in->dict_len, in->dict_builder, in->train_pages);
	if (in->dict_note[0])
		fprintf(f, "%s\n", in->dict_note);
	for (i = 0; i < n; i++) {
		const struct tzb_result *x = &r[i], *own = NULL;

		if (!x->dict)
			continue;
		/* Its one-page row: not a batch or unit row of the same codec. */
		for (j = 0; j < n; j++)
			if (!r[j].dict && r[j].c->tz_variant == x->c->tz_variant &&
			    r[j].c->level == x->c->level && !strcmp(r[j].c->codec, x->c->codec) &&
			    r[j].unit_pages == 1 && tzb_batch(r[j].c) == 1)
				own = &r[j];
		if (p && p != x && !strncmp(x->c->codec, "tzram-", 6))
			fprintf(f, "%s/%s L%d +dict vs %s L%d +dict: compress %.2fx, decompress %.2fx, "
				"ratio %.3fx\n", x->c->codec, x->c->variant, x->c->level, peer,
				p->c->level, x->comp.med / p->comp.med, x->dec.med / p->dec.med,
				x->ratio / p->ratio);
		if (own)
			fprintf(f, "%s/%s L%d +dict vs without: compress %.2fx, decompress %.2fx, "
				"ratio %.3fx (%.3f vs %.3f)\n", x->c->codec, x->c->variant,
				x->c->level, x->comp.med / own->comp.med, x->dec.med / own->dec.med,
				x->ratio / own->ratio, x->ratio, own->ratio);
	}
}

/* Where the kernel-* rows come from (or why there are none), and how ours was built. */
static void print_kpeer_source(FILE *f, const struct tzb_result *r, int n, const char *pre)
{
	const struct tzb_result *k = find(r, n, "kernel-lz4");

	if (k)
		fprintf(f, "%skernel-lz4, kernel-zstd: Linux %s lib/lz4 and lib/zstd built with the "
			"kernel's x86-64 flags (no SSE/AVX), called as stock zram calls them\n",
			pre, tzb_kpeer_version(k->c));
	else if (tzb_kpeer_missing)
		fprintf(f, "%skernel-lz4, kernel-zstd: skipped: %s\n", pre, tzb_kpeer_missing);
	fprintf(f, "tzram-*: kmod/simd %s\n",
		tzb_ours_build ? tzb_ours_build : "built with the userspace flags (gcc -O2)");
}

void tzb_print_text(FILE *f, const struct tzb_result *r, int n, const struct tzb_info *in)
{
	int i;

	fprintf(f, "corpus %s: %zu pages; %d passes, median [min-max]; %s time; %s, %d CPUs\n",
		in->corpus, in->pages, in->passes, in->wall ? "wall" : "thread CPU",
		in->cpu, in->ncpu);
	fprintf(f, "%-20s %-6s %3s %5s %4s %21s %21s %6s %6s %5s %13s %13s",
		"codec", "var", "lvl", "batch", "unit", "comp GB/s", "dec GB/s", "ratio", "zram", "huge%",
		"comp p50/p99", "dec p50/p99");
	if (in->threads > 1)
		fprintf(f, "  %d threads comp/dec", in->threads);
	fprintf(f, "\n");
	for (i = 0; i < n; i++) {
		const struct tzb_result *x = &r[i];

		char name[40];

		snprintf(name, sizeof(name), "%s%s", x->c->codec, dict_tag(x));
		fprintf(f, "%-20s %-6s %3d %5d %4u %7.3f [%5.3f-%5.3f] %7.3f [%5.3f-%5.3f] %6.3f %6.3f %5.2f %6.2f/%-6.2f %6.2f/%-6.2f",
			name, x->c->variant, x->c->level, tzb_batch(x->c), x->unit_pages,
			x->comp.med, x->comp.min, x->comp.max, x->dec.med, x->dec.min, x->dec.max,
			x->ratio, x->zram_ratio, x->huge_pct,
			x->c_p50_us, x->c_p99_us, x->d_p50_us, x->d_p99_us);
		if (x->mt_threads)
			fprintf(f, "  %7.3f / %7.3f", x->mt_comp.med, x->mt_dec.med);
		fprintf(f, "\n");
	}
	fprintf(f, "latency: microseconds per 4 KiB page (per unit in unit rows), each one's fastest of 3 timings (wall clock, timer pair %.0f ns; batch > 1: the call's time / its pages)\n",
		in->timer_ns);
	print_kpeer_source(f, r, n, "");
	/* The kernel's own codecs first: they are what stock zram runs. */
	print_versus(f, r, n, "tzram-lz4", "kernel-lz4", 1);
	print_versus(f, r, n, "tzram-zstd", "kernel-zstd", 3);
	print_versus(f, r, n, "tzram-lz4", "liblz4-default", ANY_LEVEL);
	print_versus(f, r, n, "tzram-zstd", "libzstd-1", ANY_LEVEL);
	print_units(f, r, n, 0);
	print_dict_versus(f, r, n, "libzstd-1", 1, in);
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		if ((unsigned char)*s >= 0x20)
			fputc(*s, f);
	}
	fputc('"', f);
}

void tzb_print_json(FILE *f, const struct tzb_result *r, int n, const struct tzb_info *in)
{
	int i;

	fprintf(f, "[\n");
	for (i = 0; i < n; i++) {
		const struct tzb_result *x = &r[i];

		fprintf(f, "  {\"codec\": \"%s\", \"variant\": \"%s\", \"level\": %d, "
			"\"batch\": %d, \"unit_pages\": %u, "
			"\"compress_gbps\": %.4f, \"decompress_gbps\": %.4f, "
			"\"ratio\": %.4f, \"zram_ratio\": %.4f, ",
			x->c->codec, x->c->variant, x->c->level, tzb_batch(x->c), x->unit_pages,
			x->comp.med, x->dec.med, x->ratio, x->zram_ratio);
		fprintf(f, "\"unit_pct\": %.3f, \"read_page_p50_us\": %.3f, "
			"\"read_page_p99_us\": %.3f, \"read_page_mean_us\": %.3f, "
			"\"read_hit_p50_us\": %.3f, \"read_hit_p99_us\": %.3f, ",
			x->unit_pct, x->rp_p50_us, x->rp_p99_us, x->rp_mean_us,
			x->hit_p50_us, x->hit_p99_us);
		fprintf(f, "\"compress_gbps_min\": %.4f, \"compress_gbps_max\": %.4f, "
			"\"decompress_gbps_min\": %.4f, \"decompress_gbps_max\": %.4f, "
			"\"huge_pct\": %.3f, "
			"\"compress_p50_us\": %.3f, \"compress_p99_us\": %.3f, "
			"\"decompress_p50_us\": %.3f, \"decompress_p99_us\": %.3f, ",
			x->comp.min, x->comp.max, x->dec.min, x->dec.max, x->huge_pct,
			x->c_p50_us, x->c_p99_us, x->d_p50_us, x->d_p99_us);
		fprintf(f, "\"threads_all\": %d, \"compress_gbps_all\": %.4f, "
			"\"decompress_gbps_all\": %.4f, ",
			x->mt_threads, x->mt_comp.med, x->mt_dec.med);
		fprintf(f, "\"dict\": %zu, ", x->dict);
		fprintf(f, "\"kernel\": ");
		json_str(f, tzb_kpeer_version(x->c) ? tzb_kpeer_version(x->c) : "");
		fprintf(f, ", \"pages\": %zu, \"passes\": %d, \"clock\": \"%s\", \"cpu\": ",
			in->pages, in->passes, clock_name(in));
		json_str(f, in->cpu);
		fprintf(f, ", \"corpus\": ");
		json_str(f, in->corpus);
		fprintf(f, "}%s\n", i + 1 < n ? "," : "");
	}
	fprintf(f, "]\n");
}

void tzb_print_md(FILE *f, const struct tzb_result *r, int n, const struct tzb_info *in)
{
	int i;

	fprintf(f, "| codec | variant | level | batch | unit pages | compress GB/s [min-max] | decompress GB/s [min-max] "
		"| ratio | zram ratio | compress p50 / p99 µs | decompress p50 / p99 µs |");
	if (in->threads > 1)
		fprintf(f, " %d threads: compress / decompress GB/s |", in->threads);
	fprintf(f, "\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%s\n",
		in->threads > 1 ? "---:|" : "");
	for (i = 0; i < n; i++) {
		const struct tzb_result *x = &r[i];
		int ours = !strncmp(x->c->codec, "tzram-", 6);

		fprintf(f, "| %s%s%s%s | %s | %d | %d | %u | %.3f [%.3f-%.3f] | %.3f [%.3f-%.3f] | %.3f | %.3f "
			"| %.2f / %.2f | %.2f / %.2f |",
			ours ? "**" : "", x->c->codec, ours ? "**" : "", dict_tag(x), x->c->variant,
			x->c->level, tzb_batch(x->c), x->unit_pages,
			x->comp.med, x->comp.min, x->comp.max, x->dec.med, x->dec.min, x->dec.max,
			x->ratio, x->zram_ratio, x->c_p50_us, x->c_p99_us, x->d_p50_us, x->d_p99_us);
		if (in->threads > 1)
			fprintf(f, " %.3f / %.3f |", x->mt_comp.med, x->mt_dec.med);
		fprintf(f, "\n");
	}
	print_units(f, r, n, 1);
	print_kpeer_source(f, r, n, "\n");
	if (in->dict_len)
		fprintf(f, "\n+dict: with a %zu-byte dictionary (ZDICT %s) trained on %zu pages set "
			"apart (every 8th 16-page chunk); every row measured on the other %zu pages\n",
			in->dict_len, in->dict_builder, in->train_pages, in->pages);
}

static void html_str(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else
			fputc(*s, f);
	}
}

void tzb_print_html(FILE *f, const struct tzb_result *r, int n, const struct tzb_info *in)
{
	int i;

	fprintf(f, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>tzram bench</title>\n"
		"<style>body{font-family:sans-serif}td,th{padding:2px 8px;text-align:right}"
		"td:first-child,td:nth-child(2){text-align:left}tr.ours{font-weight:bold}</style>"
		"</head><body>\n<h1>tzram codec benchmark</h1>\n<p>");
	html_str(f, in->cpu);
	fprintf(f, ", %d CPUs; corpus ", in->ncpu);
	html_str(f, in->corpus);
	fprintf(f, " (%zu pages of 4 KiB, each compressed on its own, or in units of 2-16 "
		"contiguous pages); median of %d passes "
		"[min-max], %s time; latency per page (unit) in µs (each one's fastest of 3, wall clock).</p>\n<table>\n"
		"<tr><th>codec</th><th>variant</th><th>level</th><th>batch</th><th>unit pages</th><th>compress GB/s</th>"
		"<th>decompress GB/s</th><th>ratio</th><th>zram ratio</th><th>compress p50/p99</th>"
		"<th>decompress p50/p99</th>", in->pages, in->passes,
		in->wall ? "wall" : "thread CPU");
	if (in->threads > 1)
		fprintf(f, "<th>%d threads compress/decompress GB/s</th>", in->threads);
	fprintf(f, "</tr>\n");
	for (i = 0; i < n; i++) {
		const struct tzb_result *x = &r[i];

		fprintf(f, "<tr%s><td>%s%s</td><td>%s</td><td>%d</td><td>%d</td><td>%u</td><td>%.3f [%.3f-%.3f]</td>"
			"<td>%.3f [%.3f-%.3f]</td><td>%.3f</td><td>%.3f</td><td>%.2f / %.2f</td>"
			"<td>%.2f / %.2f</td>",
			strncmp(x->c->codec, "tzram-", 6) ? "" : " class=\"ours\"",
			x->c->codec, dict_tag(x), x->c->variant, x->c->level, tzb_batch(x->c), x->unit_pages,
			x->comp.med, x->comp.min, x->comp.max, x->dec.med, x->dec.min, x->dec.max,
			x->ratio, x->zram_ratio, x->c_p50_us, x->c_p99_us, x->d_p50_us, x->d_p99_us);
		if (in->threads > 1)
			fprintf(f, "<td>%.3f / %.3f</td>", x->mt_comp.med, x->mt_dec.med);
		fprintf(f, "</tr>\n");
	}
	fprintf(f, "</table>\n</body></html>\n");
}

/*
 * A self-contained gnuplot script (data inline) drawing ratio against
 * single-thread compress and decompress speed, ours filled, peers open;
 * memcpy, off any sensible scale, goes in the title as the ceiling.
 */
void tzb_print_gnuplot(FILE *f, const struct tzb_result *r, int n, const struct tzb_info *in,
		       const char *png)
{
	const struct tzb_result *m = find(r, n, "memcpy");
	int i, pass, nlab = 0;

	fprintf(f, "# gnuplot script written by the tzram benchmark: gnuplot THIS\n$data << EOD\n");
	for (i = 0; i < n; i++) {
		const struct tzb_result *x = &r[i];

		if (x == m || x->unit_pages > 1)
			continue;	/* the chart is about one-page coding */
		/* kind 1: ours, the variant the module picks here (labelled);
		 * 2: our other variants (same ratio, unlabelled); 0: peers.
		 * Last column: the label's line below its point (ours sit close). */
		if (x->c->tz_variant < 0)
			fprintf(f, "\"%s L%d\" 0", x->c->codec, x->c->level);
		else if (x->c->tz_variant == (int)tz_variant_best() && tzb_batch(x->c) > 1)
			fprintf(f, "\"%s L%d (%s, batch %d)\" 1", x->c->codec, x->c->level,
				x->c->variant, tzb_batch(x->c));
		else if (x->c->tz_variant == (int)tz_variant_best())
			fprintf(f, "\"%s L%d (%s)\" 1", x->c->codec, x->c->level, x->c->variant);
		else
			fprintf(f, "\"\" 2");
		fprintf(f, " %.4f %.4f %.4f %.4f %d\n", x->ratio, x->zram_ratio, x->comp.med,
			x->dec.med, x->c->tz_variant == (int)tz_variant_best() ? nlab++ : 0);
	}
	fprintf(f, "EOD\n");
	fprintf(f, "set terminal pngcairo size 1400,640 font 'sans,10'\nset output '");
	for (; *png; png++)
		if (*png != '\'')
			fputc(*png, f);
	fprintf(f, "'\nset multiplot layout 1,2 title \"tzram (filled: the variant this CPU runs; x: other variants) "
		"vs liblz4/libzstd (open)\\n"
		"%zu pages of 4 KiB, 1 pinned thread, median of %d passes, %s time; memcpy %.1f GB/s\\n",
		in->pages, in->passes, in->wall ? "wall" : "CPU", m ? m->comp.med : 0);
	for (i = 0; in->cpu[i]; i++)
		if (in->cpu[i] != '"' && in->cpu[i] != '\\')
			fputc(in->cpu[i], f);
	/* Offsets: room for the labels left of our points and right of the peers'. */
	fprintf(f, "\"\nset logscale x 2\nset grid\n"
		"set offsets graph 0.3, graph 0.12, graph 0.05, graph 0.05\n"
		"set ylabel 'compression ratio (4 KiB pages)'\nset key off\n");
	for (pass = 0; pass < 2; pass++) {
		int col = pass ? 6 : 5;

		fprintf(f, "set xlabel '%s GB/s (log scale)'\n", pass ? "decompress" : "compress");
		fprintf(f, "plot $data using %d:($2==1?$3:1/0) with points pt 7 ps 1.6 lc rgb '#c0392b', \\\n"
			"     $data using %d:($2==2?$3:1/0) with points pt 2 ps 1.0 lc rgb '#c0392b', \\\n"
			"     $data using %d:($2==0?$3:1/0) with points pt 6 ps 1.6 lw 2 lc rgb '#2c3e50', \\\n"
			"     $data using %d:($2==1?$3-$7*0.035:1/0):1 with labels offset char -1,-0.8 right font 'sans,8' tc rgb '#c0392b', \\\n"
			"     $data using %d:($2==0?$3:1/0):1 with labels offset char 1,0.6 left font 'sans,8'\n",
			col, col, col, col, col);
	}
	fprintf(f, "unset multiplot\n");
}
