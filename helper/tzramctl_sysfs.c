// SPDX-License-Identifier: GPL-2.0
/*
 * tzramctl_sysfs.c - everything tzramctl knows about the kernel side: the
 * module's sysfs files, device attributes (kmod/sysfs.c, zram's formats),
 * the control class, mounts and swaps; plus size parsing and printing in
 * zramctl's style. TZRAMCTL_SYSFS and TZRAMCTL_PROC move /sys and /proc so
 * the tests can run against a fake tree.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tzramctl.h"

const char *tzc_prog = "tzramctl";

const char *tzc_sysfs(void)
{
	const char *s = getenv("TZRAMCTL_SYSFS");

	return s && *s ? s : "/sys";
}

const char *tzc_proc(void)
{
	const char *s = getenv("TZRAMCTL_PROC");

	return s && *s ? s : "/proc";
}

void tzc_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", tzc_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Whole small file into buf, NUL-terminated; -errno on failure. */
int tzc_read_file(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			close(fd);
			return (int)n;
		}
		len += (size_t)n;
	}
	buf[len] = 0;
	close(fd);
	return (int)len;
}

int tzc_read_u64(const char *path, uint64_t *v)
{
	char buf[64], *end;
	int n = tzc_read_file(path, buf, sizeof(buf));

	if (n < 0)
		return n;
	errno = 0;
	*v = strtoull(buf, &end, 10);
	if (errno || end == buf)
		return -EINVAL;
	return 0;
}

static void trim(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
}

/* The message for a failed attribute write, as the kernel means it. */
static const char *write_hint(int err, const char *attr)
{
	switch (err) {
	case EACCES:
	case EPERM:
		return " (run as root)";
	case EBUSY:
		return strcmp(attr, "reset") ? " (device initialised: reset it first)" :
		       " (device in use: swapoff or umount it first)";
	case EINVAL:
		return strcmp(attr, "comp_algorithm") ? "" :
		       " (unknown algorithm: see comp_algorithm)";
	case ENOMEM:
		return " (not enough memory)";
	default:
		return "";
	}
}

int tzc_write_attr(const struct tzc_dev *d, const char *attr, const char *val)
{
	char path[512];
	size_t len = strlen(val);
	ssize_t n;
	int fd, err;

	snprintf(path, sizeof(path), "%s/block/%s/%s", tzc_sysfs(), d->name, attr);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		goto fail;
	}
	n = write(fd, val, len);
	err = n < 0 ? errno : 0;
	if (close(fd) && !err)
		err = errno;
	if (!err && (size_t)n != len)
		err = EIO;
	if (!err)
		return 0;
fail:
	tzc_err("/dev/%s: cannot set %s to %s: %s%s", d->name, attr, val,
		strerror(err), write_hint(err, attr));
	return -err;
}

int tzc_module_probe(struct tzc_module *m)
{
	char path[512], buf[64];
	const char *sys = tzc_sysfs();

	memset(m, 0, sizeof(*m));
	snprintf(path, sizeof(path), "%s/module/tzram", sys);
	if (access(path, F_OK)) {
		snprintf(path, sizeof(path), "%s/module/zram", sys);
		if (!access(path, F_OK))
			tzc_err("the tzram module is not loaded (stock zram is: use zramctl, or rmmod zram && modprobe tzram)");
		else
			tzc_err("the tzram module is not loaded (modprobe tzram)");
		return -1;
	}
	snprintf(path, sizeof(path), "%s/module/tzram/parameters/zram_compat", sys);
	m->compat = tzc_read_file(path, buf, sizeof(buf)) > 0 && (buf[0] == 'Y' || buf[0] == '1');
	m->prefix = m->compat ? "zram" : "tzram";
	snprintf(path, sizeof(path), "%s/module/tzram/version", sys);
	if (tzc_read_file(path, m->version, sizeof(m->version)) <= 0)
		strcpy(m->version, "?");
	trim(m->version);
	snprintf(path, sizeof(path), "%s/module/tzram/parameters/simd_variant", sys);
	if (tzc_read_file(path, m->variant, sizeof(m->variant)) <= 0)
		strcpy(m->variant, "?");
	trim(m->variant);
	return 0;
}

/* "/dev/zram0" or "zram0" -> "zram0" if it is one of the module's devices. */
int tzc_dev_name(const struct tzc_module *m, const char *arg, char *name, size_t size)
{
	const char *base = arg, *p;
	size_t plen = strlen(m->prefix);
	char path[512];

	if (!strncmp(base, "/dev/", 5))
		base += 5;
	p = base + plen;
	if (strncmp(base, m->prefix, plen) || !*p || strspn(p, "0123456789") != strlen(p) ||
	    strlen(base) >= size) {
		tzc_err("%s: not a %s device (expected /dev/%sN)", arg,
			m->compat ? "tzram (zram_compat)" : "tzram", m->prefix);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/block/%s", tzc_sysfs(), base);
	if (access(path, F_OK)) {
		tzc_err("%s: no such device", arg);
		return -1;
	}
	strcpy(name, base);
	return 0;
}

static void dev_attr_path(char *path, size_t size, const char *name, const char *attr)
{
	snprintf(path, size, "%s/block/%s/%s", tzc_sysfs(), name, attr);
}

/* Fill d from sysfs; missing optional files read as zero. */
int tzc_dev_load(const char *name, struct tzc_dev *d)
{
	char path[512], buf[512], *p, *q;
	uint64_t v;
	int i;

	memset(d, 0, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->id = (unsigned int)strtoul(name + strcspn(name, "0123456789"), NULL, 10);
	dev_attr_path(path, sizeof(path), name, "disksize");
	if (tzc_read_u64(path, &d->disksize)) {
		tzc_err("/dev/%s: cannot read %s", name, path);
		return -1;
	}
	dev_attr_path(path, sizeof(path), name, "initstate");
	if (!tzc_read_u64(path, &v))
		d->initstate = (int)v;
	dev_attr_path(path, sizeof(path), name, "max_comp_streams");
	d->has_streams = !tzc_read_u64(path, &d->streams);
	dev_attr_path(path, sizeof(path), name, "comp_algorithm");
	if (tzc_read_file(path, buf, sizeof(buf)) > 0 && (p = strchr(buf, '[')) &&
	    (q = strchr(p, ']')) && (size_t)(q - p - 1) < sizeof(d->alg)) {
		memcpy(d->alg, p + 1, (size_t)(q - p - 1));
		d->alg[q - p - 1] = 0;
	}
	dev_attr_path(path, sizeof(path), name, "mm_stat");
	if (tzc_read_file(path, buf, sizeof(buf)) > 0)
		for (i = 0, p = buf; i < MM_N; i++, p = q) {
			d->mm[i] = strtoull(p, &q, 10);
			if (q == p)
				break;
		}
	dev_attr_path(path, sizeof(path), name, "io_stat");
	if (tzc_read_file(path, buf, sizeof(buf)) > 0)
		for (i = 0, p = buf; i < 4; i++, p = q) {
			d->io[i] = strtoull(p, &q, 10);
			if (q == p)
				break;
		}
	/* Block layer stat: fields 3 and 7 are sectors read and written. */
	dev_attr_path(path, sizeof(path), name, "stat");
	if (tzc_read_file(path, buf, sizeof(buf)) > 0) {
		uint64_t f[7] = { 0 };

		for (i = 0, p = buf; i < 7; i++, p = q) {
			f[i] = strtoull(p, &q, 10);
			if (q == p)
				break;
		}
		d->rd_sectors = f[2];
		d->wr_sectors = f[6];
	}
	return 0;
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

/* The module's devices, by id; returns the count (ids malloc'ed) or -1. */
int tzc_dev_list(const struct tzc_module *m, unsigned int **ids)
{
	char path[512];
	size_t plen = strlen(m->prefix), n = 0, cap = 0;
	struct dirent *e;
	unsigned int *v = NULL, *nv;
	DIR *dir;

	snprintf(path, sizeof(path), "%s/block", tzc_sysfs());
	dir = opendir(path);
	if (!dir) {
		tzc_err("cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(dir))) {
		const char *p = e->d_name + plen;

		if (strncmp(e->d_name, m->prefix, plen) || !*p ||
		    strspn(p, "0123456789") != strlen(p))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				free(v);
				closedir(dir);
				tzc_err("out of memory");
				return -1;
			}
			v = nv;
		}
		v[n++] = (unsigned int)strtoul(p, NULL, 10);
	}
	closedir(dir);
	if (n)
		qsort(v, n, sizeof(*v), cmp_uint);
	*ids = v;
	return (int)n;
}

/* Reading hot_add creates a device and returns its id (zram's ABI). */
int tzc_dev_hot_add(const struct tzc_module *m)
{
	char path[512], buf[32], *end;
	long id;
	int n;

	snprintf(path, sizeof(path), "%s/class/%s-control/hot_add", tzc_sysfs(), m->prefix);
	n = tzc_read_file(path, buf, sizeof(buf));
	if (n < 0) {
		tzc_err("no free device and cannot add one (%s: %s)%s", path, strerror(-n),
			n == -EACCES || n == -EPERM ? ": run as root" : "");
		return -1;
	}
	id = strtol(buf, &end, 10);
	if (end == buf || id < 0) {
		tzc_err("%s: unexpected '%s'", path, buf);
		return -1;
	}
	return (int)id;
}

int tzc_dev_hot_remove(const struct tzc_module *m, unsigned int id)
{
	char path[512], val[16];
	int fd, ok;

	snprintf(path, sizeof(path), "%s/class/%s-control/hot_remove", tzc_sysfs(), m->prefix);
	snprintf(val, sizeof(val), "%u", id);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ok = write(fd, val, strlen(val)) == (ssize_t)strlen(val);
	ok = !close(fd) && ok;
	return ok ? 0 : -EIO;
}

/* "[SWAP]" when /dev/NAME is in /proc/swaps, else its mount point, else "". */
int tzc_mountpoint(const char *name, char *buf, size_t size)
{
	char path[512], line[1024], dev[300], mnt[512];
	FILE *f;

	buf[0] = 0;
	snprintf(dev, sizeof(dev), "/dev/%s", name);
	snprintf(path, sizeof(path), "%s/swaps", tzc_proc());
	f = fopen(path, "re");
	if (f) {
		while (fgets(line, sizeof(line), f))
			if (!strncmp(line, dev, strlen(dev)) && isspace((unsigned char)line[strlen(dev)])) {
				snprintf(buf, size, "[SWAP]");
				break;
			}
		fclose(f);
		if (buf[0])
			return 0;
	}
	snprintf(path, sizeof(path), "%s/self/mounts", tzc_proc());
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char src[300];

		if (sscanf(line, "%299s %511s", src, mnt) == 2 && !strcmp(src, dev)) {
			snprintf(buf, size, "%s", mnt);
			break;
		}
	}
	fclose(f);
	return 0;
}

/*
 * zramctl's sizes: digits, an optional fraction, an optional unit
 * K/M/G/T/P/E (either case) then "iB" or nothing (powers of 1024) or "B"
 * (powers of 1000). Zero, negative, junk and overflow are refused.
 */
int tzc_parse_size(const char *s, uint64_t *out)
{
	static const char units[] = "KMGTPE";
	const char *p = s, *u;
	uint64_t ip = 0, base = 1024, mult = 1, frac_num = 0, frac_den = 1;
	int exp = 0, i;

	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		if (ip > (UINT64_MAX - 9) / 10)
			return -ERANGE;
		ip = ip * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		for (; isdigit((unsigned char)*p); p++)
			if (frac_den < 1000000000ULL) {
				frac_num = frac_num * 10 + (uint64_t)(*p - '0');
				frac_den *= 10;
			}
	}
	if (*p) {
		u = strchr(units, toupper((unsigned char)*p));
		if (!u)
			return -EINVAL;
		exp = (int)(u - units) + 1;
		p++;
		if (!strcmp(p, "iB") || !*p)
			base = 1024;
		else if (!strcmp(p, "B"))
			base = 1000;
		else
			return -EINVAL;
	}
	for (i = 0; i < exp; i++)
		mult *= base;
	if (ip > UINT64_MAX / mult)
		return -ERANGE;
	ip *= mult;
	/* fraction: frac_num / frac_den of one unit, exact enough for sizes */
	if (frac_num) {
		uint64_t add = mult / frac_den * frac_num + mult % frac_den * frac_num / frac_den;

		if (ip > UINT64_MAX - add)
			return -ERANGE;
		ip += add;
	}
	if (!ip)
		return -EINVAL;
	*out = ip;
	return 0;
}

/*
 * zramctl's human sizes: the largest binary unit not above the value, one
 * decimal rounded half up, no ".0": 0B, 512B, 4K, 1.5M, 64M, 2G.
 */
void tzc_human_size(uint64_t bytes, char *buf, size_t size)
{
	static const char units[] = "BKMGTPE";
	unsigned int exp = 0;
	uint64_t whole, rest, tenths;

	while (exp < 60 && bytes >= (1ULL << (exp + 10)))
		exp += 10;
	whole = bytes >> exp;
	rest = exp ? bytes & ((1ULL << exp) - 1) : 0;
	/* thousandths, then rounded to tenths (as util-linux does) */
	if (!exp)
		tenths = 0;
	else if (rest < UINT64_MAX / 1000)
		tenths = ((rest * 1000 >> exp) + 50) / 100;
	else
		tenths = ((((rest >> 10) * 1000) >> (exp - 10)) + 50) / 100;
	if (tenths == 10) {
		whole++;
		tenths = 0;
	}
	if (tenths)
		snprintf(buf, size, "%" PRIu64 ".%" PRIu64 "%c", whole, tenths, units[exp / 10]);
	else
		snprintf(buf, size, "%" PRIu64 "%c", whole, units[exp / 10]);
}
