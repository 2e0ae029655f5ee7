// SPDX-License-Identifier: GPL-2.0
/*
 * tzramctl_stat.c - `tzramctl stat`: every counter tzram exports (module
 * version, codec variant, crypto_stat, and per device mm_stat, io_stat,
 * unit_max_pages and unit_stat, debug_stat, gpu_stat) as "name value"
 * lines; `tzramctl top`: a view
 * refreshed every interval with per-device throughput, compression ratio,
 * memory and GPU fallbacks (batch mode with -n N, like top -b -n N).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "tzramctl.h"

static const char *const mm_names[MM_N] = {
	"orig_data_size", "compr_data_size", "mem_used_total", "mem_limit",
	"mem_used_max", "same_pages", "pages_compacted", "huge_pages",
	"huge_pages_since",
};

static const char *const io_names[4] = {
	"failed_reads", "failed_writes", "invalid_io", "notify_free",
};

/* unit_stat's fields, in its order (kmod/sysfs.c). */
static const char *const unit_names[6] = {
	"units_stored", "pages_in_units", "unit_reads", "partial_reads",
	"partial_hits", "units_split",
};

/* unit_max_pages and unit_stat's fields; "absent" on stock zram. */
static void stat_units(const char *name)
{
	unsigned long long v[6];
	char path[512], buf[256];
	int i, n;

	snprintf(path, sizeof(path), "%s/block/%s/unit_max_pages", tzc_sysfs(), name);
	n = tzc_read_file(path, buf, sizeof(buf));
	if (n < 0) {
		printf("  unit_max_pages: absent (%s)\n", strerror(-n));
		return;
	}
	printf("  %-18s %s", "unit_max_pages", buf);
	snprintf(path, sizeof(path), "%s/block/%s/unit_stat", tzc_sysfs(), name);
	n = tzc_read_file(path, buf, sizeof(buf));
	if (n < 0 || sscanf(buf, "%llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2],
			    &v[3], &v[4], &v[5]) != 6) {
		printf("  %-18s unreadable\n", "unit_stat");
		return;
	}
	for (i = 0; i < 6; i++)
		printf("  %-18s %llu\n", unit_names[i], v[i]);
}

/* Compression ratio of stored data, "-" when nothing is compressed. */
static void ratio(const struct tzc_dev *d, char *buf, size_t size)
{
	if (d->mm[MM_MEM_USED])
		snprintf(buf, size, "%.2f", (double)d->mm[MM_ORIG] / (double)d->mm[MM_MEM_USED]);
	else
		snprintf(buf, size, "-");
}

/* Sum of gpu_stat's fallback_* counters; -1 when the file is absent. */
static int64_t gpu_fallbacks(const char *name)
{
	char path[512], buf[4096], *line, *save = NULL;
	int64_t sum = 0;

	snprintf(path, sizeof(path), "%s/block/%s/gpu_stat", tzc_sysfs(), name);
	if (tzc_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char key[64];
		unsigned long long v;

		if (sscanf(line, "%63[^: ]%*[: ]%llu", key, &v) == 2 && !strncmp(key, "fallback", 8))
			sum += (int64_t)v;
	}
	return sum;
}

/* "title:" then the file's lines, two spaces deeper than the title. */
static void print_file_indented(const char *title, const char *path)
{
	int depth = (int)strspn(title, " ") + 2;

	char buf[8192], *line, *save = NULL;
	int n = tzc_read_file(path, buf, sizeof(buf));

	if (n < 0) {
		printf("%s: absent (%s)\n", title, strerror(-n));
		return;
	}
	printf("%s:\n", title);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		printf("%*s%s\n", depth, "", line);
}

static void stat_dev(const struct tzc_dev *d)
{
	char path[512], buf[64];
	int i;

	printf("device /dev/%s\n", d->name);
	printf("  %-18s %" PRIu64 "\n", "disksize", d->disksize);
	printf("  %-18s %d\n", "initstate", d->initstate);
	printf("  %-18s %s\n", "algorithm", d->alg);
	if (d->has_streams)
		printf("  %-18s %" PRIu64 "\n", "max_comp_streams", d->streams);
	for (i = 0; i < MM_N; i++)
		printf("  %-18s %" PRIu64 "\n", mm_names[i], d->mm[i]);
	ratio(d, buf, sizeof(buf));
	printf("  %-18s %s\n", "ratio", buf);
	for (i = 0; i < 4; i++)
		printf("  %-18s %" PRIu64 "\n", io_names[i], d->io[i]);
	printf("  %-18s %" PRIu64 "\n", "read_bytes", d->rd_sectors * 512);
	printf("  %-18s %" PRIu64 "\n", "written_bytes", d->wr_sectors * 512);
	stat_units(d->name);
	snprintf(path, sizeof(path), "%s/block/%s/debug_stat", tzc_sysfs(), d->name);
	print_file_indented("  debug_stat", path);
	snprintf(path, sizeof(path), "%s/block/%s/gpu_stat", tzc_sysfs(), d->name);
	print_file_indented("  gpu_stat", path);
}

static int load_all(const struct tzc_module *m, char **names, int nnames,
		    struct tzc_dev **out)
{
	unsigned int *ids = NULL;
	struct tzc_dev *devs;
	int i, n;

	if (nnames) {
		n = nnames;
	} else {
		n = tzc_dev_list(m, &ids);
		if (n < 0)
			return -1;
	}
	devs = calloc((size_t)n + 1, sizeof(*devs));
	if (!devs) {
		free(ids);
		tzc_err("out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		char name[TZC_NAME_MAX];

		if (nnames) {
			if (tzc_dev_name(m, names[i], name, sizeof(name)))
				goto fail;
		} else {
			snprintf(name, sizeof(name), "%s%u", m->prefix, ids[i]);
		}
		if (tzc_dev_load(name, &devs[i]))
			goto fail;
	}
	free(ids);
	*out = devs;
	return n;
fail:
	free(ids);
	free(devs);
	return -1;
}

int tzc_cmd_stat(int argc, char **argv)
{
	struct tzc_module m;
	struct tzc_dev *devs;
	char path[512];
	int i, n;

	for (i = 1; i < argc; i++)
		if (argv[i][0] == '-') {
			if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
				printf("Usage: %s stat [<device>...]\n", tzc_prog);
				return 0;
			}
			tzc_err("stat: unknown option '%s'", argv[i]);
			return 1;
		}
	if (tzc_module_probe(&m))
		return 1;
	n = load_all(&m, argv + 1, argc - 1, &devs);
	if (n < 0)
		return 1;
	printf("module tzram\n");
	printf("  %-18s %s\n", "version", m.version);
	printf("  %-18s %s\n", "simd_variant", m.variant);
	printf("  %-18s %d\n", "zram_compat", m.compat);
	printf("  %-18s %d\n", "devices", n);
	snprintf(path, sizeof(path), "%s/kernel/tzram/crypto_stat", tzc_sysfs());
	print_file_indented("crypto_stat", path);
	for (i = 0; i < n; i++)
		stat_dev(&devs[i]);
	free(devs);
	return 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void mib_s(uint64_t sectors_now, uint64_t sectors_then, double dt, char *buf, size_t size)
{
	double v = sectors_now >= sectors_then ? (double)(sectors_now - sectors_then) * 512 : 0;

	snprintf(buf, size, "%.1f", dt > 0 ? v / dt / (1 << 20) : 0.0);
}

/* One frame: header, then a row per initialised device. */
static void top_frame(const struct tzc_module *m, const struct tzc_dev *now, int n,
		      const struct tzc_dev *prev, int nprev, double dt, bool clear)
{
	char ds[16], data[16], compr[16], mem[16], rd[16], wr[16], r[16], fb[24];
	time_t t = time(NULL);
	struct tm tm;
	int i, j, shown = 0;

	localtime_r(&t, &tm);
	if (clear)
		fputs("\033[H\033[2J", stdout);
	printf("tzramctl top - %02d:%02d:%02d  tzram %s  variant %s%s  interval %.1fs\n",
	       tm.tm_hour, tm.tm_min, tm.tm_sec, m->version, m->variant,
	       m->compat ? "  zram_compat" : "", dt);
	printf("%-12s %-6s %8s %8s %8s %6s %8s %10s %10s %8s\n", "DEVICE", "ALG", "DISKSIZE",
	       "DATA", "COMPR", "RATIO", "MEM", "READ-MB/s", "WRITE-MB/s", "GPU-FB");
	for (i = 0; i < n; i++) {
		const struct tzc_dev *d = &now[i], *p = d;
		int64_t f;

		if (!d->disksize)
			continue;
		for (j = 0; j < nprev; j++)
			if (!strcmp(prev[j].name, d->name))
				p = &prev[j];
		tzc_human_size(d->disksize, ds, sizeof(ds));
		tzc_human_size(d->mm[MM_ORIG], data, sizeof(data));
		tzc_human_size(d->mm[MM_COMPR], compr, sizeof(compr));
		tzc_human_size(d->mm[MM_MEM_USED], mem, sizeof(mem));
		ratio(d, r, sizeof(r));
		mib_s(d->rd_sectors, p->rd_sectors, dt, rd, sizeof(rd));
		mib_s(d->wr_sectors, p->wr_sectors, dt, wr, sizeof(wr));
		f = gpu_fallbacks(d->name);
		if (f < 0)
			snprintf(fb, sizeof(fb), "-");
		else
			snprintf(fb, sizeof(fb), "%" PRId64, f);
		printf("/dev/%-7s %-6s %8s %8s %8s %6s %8s %10s %10s %8s\n", d->name, d->alg, ds,
		       data, compr, r, mem, rd, wr, fb);
		shown++;
	}
	if (!shown)
		printf("(no initialised device)\n");
	fflush(stdout);
}

int tzc_cmd_top(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "iterations", required_argument, NULL, 'n' },
		{ "delay", required_argument, NULL, 'd' },
		{ "batch", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct tzc_dev *prev = NULL, *now = NULL;
	struct tzc_module m;
	long iterations = 0, it;
	double delay = 1.0, t_prev, t_now;
	bool batch = !isatty(STDOUT_FILENO);
	int c, n, nprev;
	char *end;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":n:d:bh", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			errno = 0;
			iterations = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || iterations < 1) {
				tzc_err("top: invalid iteration count '%s'", optarg);
				return 1;
			}
			break;
		case 'd':
			errno = 0;
			delay = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(delay >= 0.1 && delay <= 3600)) {
				tzc_err("top: invalid delay '%s' (0.1 to 3600 seconds)", optarg);
				return 1;
			}
			break;
		case 'b':
			batch = true;
			break;
		case 'h':
			printf("Usage: %s top [-n|--iterations N] [-d|--delay SECS] [-b|--batch]\n", tzc_prog);
			return 0;
		case ':':
			tzc_err("top: option '%s' requires an argument", argv[optind - 1]);
			return 1;
		default:
			tzc_err("top: unknown option '%s'", argv[optind - 1]);
			return 1;
		}
	}
	if (optind < argc) {
		tzc_err("top: unexpected argument '%s'", argv[optind]);
		return 1;
	}
	if (tzc_module_probe(&m))
		return 1;
	nprev = load_all(&m, NULL, 0, &prev);
	if (nprev < 0)
		return 1;
	t_prev = now_s();
	for (it = 0; !iterations || it < iterations; it++) {
		struct timespec ts = { (time_t)delay, (long)((delay - (double)(time_t)delay) * 1e9) };

		while (nanosleep(&ts, &ts) && errno == EINTR)
			;
		if (tzc_module_probe(&m)) {
			free(prev);
			return 1;
		}
		n = load_all(&m, NULL, 0, &now);
		if (n < 0) {
			free(prev);
			return 1;
		}
		t_now = now_s();
		top_frame(&m, now, n, prev, nprev, t_now - t_prev, !batch);
		if (batch)
			putchar('\n');
		free(prev);
		prev = now;
		nprev = n;
		t_prev = t_now;
	}
	free(prev);
	return 0;
}
