/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tzramctl.h - shared by the parts of tzramctl: sysfs access (tzramctl_sysfs.c),
 * the zramctl-compatible listing and setup (tzramctl_list.c), stat and top
 * (tzramctl_stat.c), bench (tzramctl_bench.c), dict (tzramctl_dict.c) and
 * the subcommand table (tzramctl.c).
 */
#ifndef TZRAMCTL_H
#define TZRAMCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TZC_NAME_MAX 64

/* The loaded module: its devices' name prefix and control class. */
struct tzc_module {
	bool compat;			/* zram_compat=1: zramN, zram-control */
	const char *prefix;		/* "tzram" or "zram" */
	char version[32];
	char variant[32];		/* simd_variant parameter */
};

/* mm_stat, zram's 9 columns, in order. */
enum tzc_mm {
	MM_ORIG, MM_COMPR, MM_MEM_USED, MM_MEM_LIMIT, MM_MEM_MAX,
	MM_SAME, MM_COMPACTED, MM_HUGE, MM_HUGE_SINCE, MM_N
};

struct tzc_dev {
	char name[TZC_NAME_MAX];	/* tzram0 / zram0 */
	unsigned int id;
	uint64_t disksize;
	int initstate;
	char alg[32];			/* the selected ([bracketed]) algorithm */
	uint64_t streams;
	int has_streams;		/* max_comp_streams exists (zram < 6.15) */
	uint64_t mm[MM_N];
	uint64_t io[4];			/* io_stat: failed r/w, invalid, notify_free */
	uint64_t rd_sectors, wr_sectors; /* /sys/block/NAME/stat */
};

/* Paths: TZRAMCTL_SYSFS / TZRAMCTL_PROC replace /sys and /proc (tests). */
const char *tzc_sysfs(void);
const char *tzc_proc(void);

/* Errors: one line "tzramctl: ..." on stderr. */
void tzc_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern const char *tzc_prog;

int tzc_read_file(const char *path, char *buf, size_t size);
int tzc_read_u64(const char *path, uint64_t *v);
int tzc_write_attr(const struct tzc_dev *d, const char *attr, const char *val);

int tzc_module_probe(struct tzc_module *m);	/* 0, or -1 after an error line */
int tzc_dev_name(const struct tzc_module *m, const char *arg, char *name, size_t size);
int tzc_dev_load(const char *name, struct tzc_dev *d);
int tzc_dev_list(const struct tzc_module *m, unsigned int **ids);
int tzc_dev_hot_add(const struct tzc_module *m);
int tzc_dev_hot_remove(const struct tzc_module *m, unsigned int id);
int tzc_mountpoint(const char *name, char *buf, size_t size);

int tzc_parse_size(const char *s, uint64_t *out);
void tzc_human_size(uint64_t bytes, char *buf, size_t size);

/* Subcommands. */
int tzc_cmd_zramctl(int argc, char **argv);
int tzc_cmd_stat(int argc, char **argv);
int tzc_cmd_top(int argc, char **argv);
int tzc_cmd_bench(int argc, char **argv);
int tzc_cmd_dict(int argc, char **argv);

#endif /* TZRAMCTL_H */
