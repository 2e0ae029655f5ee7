// SPDX-License-Identifier: GPL-2.0
/*
 * tzramctl_list.c - zramctl's interface for tzram's devices: the same
 * options, columns and output (human sizes, --bytes, --raw, --noheadings),
 * setup (--find, --size, --algorithm, --streams) and --reset, so scripts
 * written for zramctl work with `tzramctl` in its place.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "tz_codec.h"
#include "tzramctl.h"

enum col_kind { C_TEXT, C_SIZE, C_NUM };

struct column {
	const char *name;
	enum col_kind kind;
	bool right;
	const char *help;
	unsigned int min;	/* zramctl's width hint: narrower columns pad */
};

enum {
	COL_NAME, COL_DISKSIZE, COL_DATA, COL_COMPR, COL_ALGORITHM, COL_STREAMS,
	COL_ZERO, COL_TOTAL, COL_LIMIT, COL_USED, COL_MIGRATED, COL_MOUNT, COL_N
};

/* zramctl 2.38's columns, in its order (it prints MIGRATED as a size too). */
static const struct column columns[COL_N] = {
	[COL_NAME]	= { "NAME", C_TEXT, false, "zram device name" },
	[COL_DISKSIZE]	= { "DISKSIZE", C_SIZE, true, "limit on the uncompressed amount of data", 5 },
	[COL_DATA]	= { "DATA", C_SIZE, true, "uncompressed size of stored data", 5 },
	[COL_COMPR]	= { "COMPR", C_SIZE, true, "compressed size of stored data", 5 },
	[COL_ALGORITHM]	= { "ALGORITHM", C_TEXT, false, "the selected compression algorithm", 3 },
	[COL_STREAMS]	= { "STREAMS", C_NUM, true, "number of concurrent compress operations", 3 },
	[COL_ZERO]	= { "ZERO-PAGES", C_NUM, true, "empty pages with no allocated memory", 3 },
	[COL_TOTAL]	= { "TOTAL", C_SIZE, true, "all memory including allocator fragmentation and metadata overhead", 5 },
	[COL_LIMIT]	= { "MEM-LIMIT", C_SIZE, true, "memory limit used to store compressed data", 5 },
	[COL_USED]	= { "MEM-USED", C_SIZE, true, "memory zram have been consumed to store compressed data", 5 },
	[COL_MIGRATED]	= { "MIGRATED", C_SIZE, true, "number of objects migrated by compaction", 5 },
	[COL_MOUNT]	= { "MOUNTPOINT", C_TEXT, false, "where the device is mounted" },
};

static const int default_cols[] = {
	COL_NAME, COL_ALGORITHM, COL_DISKSIZE, COL_DATA, COL_COMPR, COL_TOTAL,
	COL_STREAMS, COL_MOUNT
};

struct opts {
	int cols[COL_N * 4];
	int ncols;
	bool bytes, raw, noheadings, find, reset;
	const char *size, *algorithm, *streams;
};

static int col_lookup(const char *name, size_t len)
{
	int i;

	for (i = 0; i < COL_N; i++)
		if (strlen(columns[i].name) == len && !strncasecmp(columns[i].name, name, len))
			return i;
	return -1;
}

/* -o LIST: comma-separated names; "+LIST" appends to the defaults. */
static int parse_columns(struct opts *o, const char *list)
{
	const char *p = list, *e;
	int c;

	if (*p == '+')
		p++;
	else
		o->ncols = 0;
	while (*p) {
		e = p + strcspn(p, ",");
		c = col_lookup(p, (size_t)(e - p));
		if (c < 0) {
			tzc_err("unknown column: %.*s", (int)(e - p), p);
			return -1;
		}
		if (o->ncols == (int)(sizeof(o->cols) / sizeof(o->cols[0]))) {
			tzc_err("too many columns");
			return -1;
		}
		o->cols[o->ncols++] = c;
		p = *e ? e + 1 : e;
	}
	if (!o->ncols) {
		tzc_err("no columns in '%s'", list);
		return -1;
	}
	return 0;
}

static void cell(const struct opts *o, const struct tzc_dev *d, int col, char *buf, size_t size)
{
	uint64_t v = 0;

	switch (col) {
	case COL_NAME:
		snprintf(buf, size, "/dev/%s", d->name);
		return;
	case COL_ALGORITHM:
		snprintf(buf, size, "%s", d->alg);
		return;
	case COL_MOUNT:
		tzc_mountpoint(d->name, buf, size);
		return;
	case COL_DISKSIZE: v = d->disksize; break;
	case COL_DATA: v = d->mm[MM_ORIG]; break;
	case COL_COMPR: v = d->mm[MM_COMPR]; break;
	case COL_STREAMS: v = d->streams; break;
	case COL_ZERO: v = d->mm[MM_SAME]; break;
	case COL_TOTAL: v = d->mm[MM_MEM_USED]; break;
	case COL_LIMIT: v = d->mm[MM_MEM_LIMIT]; break;
	case COL_USED: v = d->mm[MM_MEM_MAX]; break;
	case COL_MIGRATED: v = d->mm[MM_COMPACTED]; break;
	}
	if (columns[col].kind == C_SIZE && !o->bytes)
		tzc_human_size(v, buf, size);
	else
		snprintf(buf, size, "%" PRIu64, v);
}

#define CELL_MAX 128

/* Aligned table (zramctl's look) or --raw (single spaces). */
static int print_table(const struct opts *o, const struct tzc_dev *devs, int n)
{
	char (*cells)[CELL_MAX];
	size_t width[COL_N * 4] = { 0 };
	int r, c, rows = n + !o->noheadings;

	cells = calloc((size_t)rows * (size_t)o->ncols, CELL_MAX);
	if (!cells) {
		tzc_err("out of memory");
		return 1;
	}
	for (c = 0; c < o->ncols; c++)
		width[c] = columns[o->cols[c]].min;
	for (r = 0; r < rows; r++)
		for (c = 0; c < o->ncols; c++) {
			char *s = cells[r * o->ncols + c];
			int dr = o->noheadings ? r : r - 1;

			if (dr < 0)
				snprintf(s, CELL_MAX, "%s", columns[o->cols[c]].name);
			else
				cell(o, &devs[dr], o->cols[c], s, CELL_MAX);
			if (strlen(s) > width[c])
				width[c] = strlen(s);
		}
	for (r = 0; r < rows; r++) {
		for (c = 0; c < o->ncols; c++) {
			const char *s = cells[r * o->ncols + c];
			bool last = c == o->ncols - 1;
			int w = (int)width[c];

			if (c)
				putchar(' ');
			if (o->raw)
				fputs(s, stdout);
			else if (columns[o->cols[c]].right)
				printf("%*s", w, s);
			else
				printf("%-*s", last ? 0 : w, s);
		}
		putchar('\n');
	}
	free(cells);
	return 0;
}

/* No device given: the initialised ones; given: those, as they are. */
static int do_list(const struct tzc_module *m, const struct opts *o, char **names, int nnames)
{
	struct tzc_dev *devs;
	unsigned int *ids = NULL;
	int i, n = 0, count, ret;

	if (nnames) {
		devs = calloc((size_t)nnames, sizeof(*devs));
		if (!devs)
			return 1;
		for (i = 0; i < nnames; i++) {
			char name[TZC_NAME_MAX];

			if (tzc_dev_name(m, names[i], name, sizeof(name)) ||
			    tzc_dev_load(name, &devs[n])) {
				free(devs);
				return 1;
			}
			n++;
		}
	} else {
		count = tzc_dev_list(m, &ids);
		if (count < 0)
			return 1;
		devs = calloc((size_t)count + 1, sizeof(*devs));
		if (!devs) {
			free(ids);
			return 1;
		}
		for (i = 0; i < count; i++) {
			char name[TZC_NAME_MAX];

			snprintf(name, sizeof(name), "%s%u", m->prefix, ids[i]);
			if (tzc_dev_load(name, &devs[n])) {
				free(ids);
				free(devs);
				return 1;
			}
			if (devs[n].disksize)
				n++;
		}
		free(ids);
		if (!n) {	/* as zramctl: nothing set up, nothing printed */
			free(devs);
			return 0;
		}
	}
	ret = print_table(o, devs, n);
	free(devs);
	return ret;
}

/* --find: the first uninitialised device, else a new one (hot_add). */
static int find_free(const struct tzc_module *m, char *name, size_t size)
{
	unsigned int *ids = NULL;
	struct tzc_dev d;
	int i, n, id;

	n = tzc_dev_list(m, &ids);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		snprintf(name, size, "%s%u", m->prefix, ids[i]);
		if (!tzc_dev_load(name, &d) && !d.disksize && !d.initstate) {
			free(ids);
			return 0;
		}
	}
	free(ids);
	id = tzc_dev_hot_add(m);
	if (id < 0)
		return -1;
	snprintf(name, size, "%s%d", m->prefix, id);
	return 0;
}

/* As zramctl: reset, then algorithm, streams, size (order matters). */
static int do_setup(const struct tzc_module *m, const struct opts *o, const char *arg)
{
	char name[TZC_NAME_MAX], val[32];
	struct tzc_dev d;
	uint64_t size;
	int err;

	err = tzc_parse_size(o->size, &size);
	if (err) {
		tzc_err("invalid size '%s'%s", o->size,
			err == -ERANGE ? ": too large" : ": expected a number with an optional K/M/G/T suffix, above 0");
		return 1;
	}
	if (o->streams) {
		char *end;

		errno = 0;
		(void)strtoul(o->streams, &end, 10);
		if (errno || end == o->streams || *end) {
			tzc_err("invalid number of streams '%s'", o->streams);
			return 1;
		}
	}
	if (o->find ? find_free(m, name, sizeof(name)) : tzc_dev_name(m, arg, name, sizeof(name)))
		return 1;
	if (tzc_dev_load(name, &d))
		return 1;
	if (tzc_write_attr(&d, "reset", "1"))
		return 1;
	if (o->algorithm && tzc_write_attr(&d, "comp_algorithm", o->algorithm))
		return 1;
	if (o->streams && tzc_write_attr(&d, "max_comp_streams", o->streams))
		return 1;
	snprintf(val, sizeof(val), "%" PRIu64, size);
	if (tzc_write_attr(&d, "disksize", val))
		return 1;
	if (o->find)
		printf("/dev/%s\n", name);
	return 0;
}

/* --reset: reset each, then hot_remove it (util-linux does; failure ignored). */
static int do_reset(const struct tzc_module *m, char **names, int n)
{
	char name[TZC_NAME_MAX];
	struct tzc_dev d;
	int i, ret = 0;

	for (i = 0; i < n; i++) {
		if (tzc_dev_name(m, names[i], name, sizeof(name)) || tzc_dev_load(name, &d) ||
		    tzc_write_attr(&d, "reset", "1")) {
			ret = 1;
			continue;
		}
		tzc_dev_hot_remove(m, d.id);
	}
	return ret;
}

static void usage(FILE *f)
{
	int i;

	fprintf(f,
		"Usage:\n"
		" %1$s [options] <device>\n"
		" %1$s -r <device> [...]\n"
		" %1$s [options] -f | <device> -s <size>\n"
		" %1$s stat [<device>...]     all counters, codec variant, crypto and GPU stats\n"
		" %1$s top [-n N] [-d SECS]   live view: throughput, ratio, memory, fallbacks\n"
		"\nSet up and control tzram devices (and tzram's zram_compat=1 zramN devices).\n"
		"\nOptions:\n"
		" -a, --algorithm <alg>     compression algorithm to use\n"
		" -b, --bytes               print sizes in bytes rather than in human readable format\n"
		" -f, --find                find a free device\n"
		" -n, --noheadings          don't print headings\n"
		" -o, --output <list>       columns to use for status output\n"
		"     --output-all          output all columns\n"
		"     --raw                 use raw status output format\n"
		" -r, --reset               reset all specified devices\n"
		" -s, --size <size>         device size (K, M, G, T suffixes: powers of 1024)\n"
		" -t, --streams <number>    number of compression streams\n"
		"\n -h, --help                display this help\n"
		" -V, --version             display version\n"
		"\nAvailable output columns:\n", tzc_prog);
	for (i = 0; i < COL_N; i++)
		fprintf(f, " %11s  %s\n", columns[i].name, columns[i].help);
	fprintf(f, "\nAlgorithms: tzram's own codecs");
	for (i = 0; tz_codecs[i]; i++)
		fprintf(f, " %s", tz_codecs[i]->name);
	fprintf(f, ", and the kernel's that zram has there\n"
		"(the device's comp_algorithm lists them all).\n");
}

int tzc_cmd_zramctl(int argc, char **argv)
{
	enum { OPT_RAW = 0x100, OPT_ALL };
	static const struct option longopts[] = {
		{ "algorithm", required_argument, NULL, 'a' },
		{ "bytes", no_argument, NULL, 'b' },
		{ "find", no_argument, NULL, 'f' },
		{ "noheadings", no_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "output-all", no_argument, NULL, OPT_ALL },
		{ "raw", no_argument, NULL, OPT_RAW },
		{ "reset", no_argument, NULL, 'r' },
		{ "size", required_argument, NULL, 's' },
		{ "streams", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct tzc_module m;
	struct opts o = { .ncols = 0 };
	const char *output = NULL;
	int c, i, nargs;

	for (i = 0; i < (int)(sizeof(default_cols) / sizeof(default_cols[0])); i++)
		o.cols[o.ncols++] = default_cols[i];
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":a:bfno:rs:t:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'a': o.algorithm = optarg; break;
		case 'b': o.bytes = true; break;
		case 'f': o.find = true; break;
		case 'n': o.noheadings = true; break;
		case 'o': output = optarg; break;
		case OPT_ALL:
			for (o.ncols = 0; o.ncols < COL_N; o.ncols++)
				o.cols[o.ncols] = o.ncols;
			output = NULL;
			break;
		case OPT_RAW: o.raw = true; break;
		case 'r': o.reset = true; break;
		case 's': o.size = optarg; break;
		case 't': o.streams = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("%s (tzram tools) %s\n", tzc_prog, TZRAMCTL_VERSION); return 0;
		case ':':
			tzc_err("option '%s' requires an argument (see --help)", argv[optind - 1]);
			return 1;
		default:
			tzc_err("unknown option '%s' (see --help)", argv[optind - 1]);
			return 1;
		}
	}
	if (output && parse_columns(&o, output))
		return 1;
	nargs = argc - optind;
	/* Argument errors first: they need no module. */
	if (o.reset && (o.find || o.size || o.algorithm || o.streams || nargs == 0)) {
		tzc_err(nargs ? "--reset takes only devices" : "--reset needs a device");
		return 1;
	}
	if (o.find && nargs) {
		tzc_err("--find takes no device (it picks one)");
		return 1;
	}
	if (!o.reset && nargs > 1) {	/* as zramctl (scripts rely on it) */
		tzc_err("only one <device> at a time is allowed");
		return 1;
	}
	if ((o.algorithm || o.streams) && !o.size && !o.find) {
		tzc_err("--algorithm and --streams go with --size (setup)");
		return 1;
	}
	if ((o.size || o.find) && !o.reset) {
		if (!o.size) {
			tzc_err("--find needs --size");
			return 1;
		}
		if (!o.find && nargs != 1) {
			tzc_err("--size needs one device, or --find");
			return 1;
		}
	}
	if (tzc_module_probe(&m))
		return 1;
	if (o.reset)
		return do_reset(&m, argv + optind, nargs);
	if (o.size)
		return do_setup(&m, &o, o.find ? NULL : argv[optind]);
	return do_list(&m, &o, argv + optind, nargs);
}
