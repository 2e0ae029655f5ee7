// SPDX-License-Identifier: GPL-2.0
/*
 * tzramctl_dict.c - `tzramctl dict train`: build a compression dictionary
 * from a machine's own memory pages, for algorithm_params dict= (zram's and
 * tzram's, lz4 and zstd alike):
 *
 *   tzramctl dict train [--from DEVICE | --pages FILE] [--size N]
 *                       [--max-pages N] OUT
 *
 * --from reads a live device (e.g. today's swap on /dev/tzram0 or
 * /dev/zram0; needs root), --pages a file of 4 KiB pages (raw or .zst).
 * At most --max-pages pages are taken, one at a fixed pseudo-random place
 * in each of as many equal strides of the source;
 * zero- and same-filled pages are left out (zram and tzram store those
 * without compressing them). libzstd's dictionary builder (ZDICT) makes
 * a zstd-format dictionary of at most --size bytes (default 64 KiB, the
 * most an lz4 dictionary may have): its content is at its end, which is
 * what LZ4 uses as raw content.
 *
 * The trainer is tz_dict_train() (tests/userspace/bench/dict_train.c),
 * the one `make bench` measures: ZDICT's legacy builder chooses the last
 * 64 KiB (what lz4 uses), fastCover what comes before (zstd), ZDICT
 * finalizes both as one dictionary.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zdict.h>
#include "corpus.h"
#include "dict_train.h"
#include "tzramctl.h"

#define DICT_DEFAULT_SIZE (64 * 1024)
#define DICT_MIN_SIZE 256			/* ZDICT's smallest */
#define DICT_MAX_SIZE (16 * 1024 * 1024)
#define DICT_DEFAULT_PAGES 4096		/* 16 MiB of samples */
#define DICT_MIN_PAGES 8			/* fewer: nothing to learn from */

static void usage(FILE *f)
{
	fprintf(f, "usage: tzramctl dict train [--from DEVICE | --pages FILE] [--size N]\n"
		"                           [--max-pages N] OUT\n"
		"  --from DEVICE   sample a live device's pages (e.g. /dev/tzram0; root)\n"
		"  --pages FILE    sample a file of 4 KiB pages (raw or .zst)\n"
		"  --size N        dictionary size, at most (default 64K; K, M suffixes)\n"
		"  --max-pages N   pages sampled at most, evenly spread (default %d)\n"
		"  OUT             the dictionary file to write (zstd format)\n",
		DICT_DEFAULT_PAGES);
}

/* Zero- and same-filled pages: stored without compression, no use here. */
static int page_same_filled(const unsigned char *p)
{
	uint64_t first, w;
	size_t i;

	memcpy(&first, p, sizeof(first));
	for (i = sizeof(w); i < TZ_PAGE; i += sizeof(w)) {
		memcpy(&w, p + i, sizeof(w));
		if (w != first)
			return 0;
	}
	return 1;
}

/*
 * The page sampled in stride k of step pages: a fixed pseudo-random one
 * within it, so that data with a period (every 8th page alike) is not
 * sampled at one phase only.
 */
static size_t sample_index(size_t k, size_t step)
{
	uint64_t x = (k + 1) * 0x9e3779b97f4a7c15ull;

	x ^= x >> 31;
	return k * step + (size_t)(x % step);
}

/*
 * Keep the pages of buf[0..n) that are worth learning from, at most max of
 * them spread evenly, packed at the start of buf. Returns how many.
 */
static size_t keep_pages(unsigned char *buf, size_t n, size_t max,
			 size_t *same)
{
	size_t i, j, k = 0, step = n > max ? n / max : 1;

	*same = 0;
	for (j = 0; (i = sample_index(j, step)) < n && k < max; j++) {
		const unsigned char *p = buf + i * TZ_PAGE;

		if (page_same_filled(p)) {
			(*same)++;
			continue;
		}
		if (p != buf + k * TZ_PAGE)
			memcpy(buf + k * TZ_PAGE, p, TZ_PAGE);
		k++;
	}
	return k;
}

/* Up to max pages read from a device (or any file), evenly spread. */
static size_t read_device(const char *path, size_t max, unsigned char **out,
			  size_t *same)
{
	unsigned char *buf;
	size_t npages, step, i, j, got = 0;
	off_t size;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*out = NULL;
	*same = 0;
	if (fd < 0) {
		tzc_err("dict train: %s: %s", path, strerror(errno));
		return 0;
	}
	size = lseek(fd, 0, SEEK_END);
	if (size < 0) {
		tzc_err("dict train: %s: %s", path, strerror(errno));
		close(fd);
		return 0;
	}
	npages = (size_t)size / TZ_PAGE;
	step = npages > max ? npages / max : 1;
	buf = malloc((npages < max ? npages : max) * TZ_PAGE + TZ_PAGE);
	if (!buf) {
		tzc_err("dict train: out of memory");
		close(fd);
		return 0;
	}
	for (j = 0; (i = sample_index(j, step)) < npages && got < max; j++) {
		unsigned char *p = buf + got * TZ_PAGE;
		ssize_t r = pread(fd, p, TZ_PAGE, (off_t)i * TZ_PAGE);

		if (r < 0) {
			tzc_err("dict train: %s: read at page %zu: %s", path, i,
				strerror(errno));
			free(buf);
			close(fd);
			return 0;
		}
		if (r != TZ_PAGE)
			break;
		if (page_same_filled(p))
			(*same)++;
		else
			got++;
	}
	close(fd);
	*out = buf;
	return got;
}

static int write_dict(const char *path, const void *dict, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	const unsigned char *p = dict;
	size_t done = 0;

	if (fd < 0) {
		tzc_err("dict train: %s: %s", path, strerror(errno));
		return -1;
	}
	while (done < len) {
		ssize_t w = write(fd, p + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			tzc_err("dict train: %s: %s", path, strerror(w ? errno : EIO));
			close(fd);
			return -1;
		}
		done += (size_t)w;
	}
	if (fsync(fd) || close(fd)) {
		tzc_err("dict train: %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int dict_train(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "pages", required_argument, NULL, 'p' },
		{ "size", required_argument, NULL, 's' },
		{ "max-pages", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *from = NULL, *file = NULL, *outp;
	uint64_t size = DICT_DEFAULT_SIZE, max = DICT_DEFAULT_PAGES;
	unsigned char *pages = NULL, *dict = NULL;
	size_t n, same = 0, len;
	const char *builder = "";
	int c, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:p:s:n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': from = optarg; break;
		case 'p': file = optarg; break;
		case 's':
			if (tzc_parse_size(optarg, &size) || size < DICT_MIN_SIZE ||
			    size > DICT_MAX_SIZE) {
				tzc_err("dict train: --size %s: not a size from %d bytes to %d MiB",
					optarg, DICT_MIN_SIZE, DICT_MAX_SIZE >> 20);
				return 2;
			}
			break;
		case 'n':
			if (tzc_parse_size(optarg, &max) || max < DICT_MIN_PAGES ||
			    max > (1u << 24)) {
				tzc_err("dict train: --max-pages %s: not a number from %d to %u",
					optarg, DICT_MIN_PAGES, 1u << 24);
				return 2;
			}
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc - 1 || !!from == !!file) {
		tzc_err("dict train: %s", optind != argc - 1 ?
			"one output file expected" :
			"give exactly one of --from DEVICE and --pages FILE");
		usage(stderr);
		return 2;
	}
	outp = argv[optind];
	if (from) {
		n = read_device(from, max, &pages, &same);
	} else {
		size_t all = tz_corpus_load(file, 0, &pages);

		if (!all) {
			tzc_err("dict train: %s: no 4 KiB page read", file);
			goto out;
		}
		n = keep_pages(pages, all, max, &same);
	}
	if (!pages)
		goto out;
	if (n < DICT_MIN_PAGES) {
		tzc_err("dict train: %s: %zu pages with content (%zu zero/same-filled left out), %d needed",
			from ? from : file, n, same, DICT_MIN_PAGES);
		goto out;
	}
	dict = malloc(size);
	if (!dict) {
		tzc_err("dict train: out of memory");
		goto out;
	}
	len = tz_dict_train(dict, size, pages, n, TZ_PAGE, &builder);
	if (ZDICT_isError(len)) {
		tzc_err("dict train: libzstd's dictionary builder failed on %zu pages: %s",
			n, ZDICT_getErrorName(len));
		goto out;
	}
	if (write_dict(outp, dict, len))
		goto out;
	fprintf(stderr, "%s: dict train: %zu pages sampled (%zu zero/same-filled left out): %zu-byte dictionary (ZDICT %s), id %u, in %s\n",
		tzc_prog, n, same, len, builder, ZDICT_getDictID(dict, len), outp);
	ret = 0;
out:
	free(pages);
	free(dict);
	return ret;
}

int tzc_cmd_dict(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "train"))
		return dict_train(argc - 1, argv + 1);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	tzc_err("dict: %s", argc > 1 ? "unknown subcommand (train)" :
		"subcommand expected (train)");
	usage(stderr);
	return 2;
}
