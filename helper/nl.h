/* SPDX-License-Identifier: GPL-2.0 */
/* nl.h - tzram-helper's generic netlink side (libnl-3 / libnl-genl-3). */
#ifndef TZ_HELPER_NL_H
#define TZ_HELPER_NL_H

#include <stdint.h>
#include "helper.h"

struct tz_nl;
struct tz_nl_opts {
	struct tz_backend *backend;
	uint32_t flags;		/* TZ_HF_*: declared algorithms (+ TZ_HF_TEST) */
	uint32_t mbps;		/* advertised decode rate */
	unsigned int max_pages;	/* the most pages per batch (declared) */
	int test_corrupt;	/* flip a byte in every page returned */
	int test_delay_ms;	/* sleep before each reply */
	int test_fail_all;	/* answer every page failed (-EIO) */
};

struct tz_nl *tz_nl_open(const struct tz_nl_opts *o);
void tz_nl_close(struct tz_nl *nl);
/* Resolve the family and register; 0, or -errno (module absent: -ENOENT). */
int tz_nl_register(struct tz_nl *nl);
int tz_nl_unregister(struct tz_nl *nl);
/* Pid of the helper the kernel has registered (0: none), or -errno. */
int tz_nl_helper_pid(struct tz_nl *nl);
/* The batch socket's fd (poll it), and: handle what is queued on it. */
int tz_nl_fd(struct tz_nl *nl);
int tz_nl_process(struct tz_nl *nl);
/* Batches answered so far. */
unsigned long tz_nl_batches(struct tz_nl *nl);

#endif /* TZ_HELPER_NL_H */
