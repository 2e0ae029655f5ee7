/* SPDX-License-Identifier: GPL-2.0 */
/* helper.h - tzram-helper: shared declarations (logging, backends, netlink). */
#ifndef TZ_HELPER_H
#define TZ_HELPER_H

#include <stdint.h>
#include <stddef.h>
#include "tzram_genl.h"

/* Logging to stderr; "<N>" priority prefixes when stderr is the journal. */
enum { LOG_ERR_ = 3, LOG_WARN_ = 4, LOG_INFO_ = 6, LOG_DEBUG_ = 7 };
void tz_log(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
extern int tz_verbose;
#define err(...)   tz_log(LOG_ERR_, __VA_ARGS__)
#define warn(...)  tz_log(LOG_WARN_, __VA_ARGS__)
#define info(...)  tz_log(LOG_INFO_, __VA_ARGS__)
#define dbg(...)   do { if (tz_verbose) tz_log(LOG_DEBUG_, __VA_ARGS__); } while (0)

/* One page of a batch: decode src into dst (TZ_GENL_PAGE_SIZE bytes). */
struct tz_job {
	const uint8_t *src;
	uint32_t clen;
	uint8_t alg;		/* TZ_ALG_* */
	uint8_t *dst;
	int32_t status;		/* out: 0 or -errno */
};

struct tz_backend {
	const char *name;
	uint32_t algs;		/* TZ_HF_ALG_* it decodes */
	/* Decode every job; returns 0 (per-job status) or -errno (all failed). */
	int (*run)(struct tz_backend *b, struct tz_job *jobs, unsigned int n);
	void (*fini)(struct tz_backend *b);
	void *priv;
};

/* backend_cpu.c: threads (0: one per online CPU). */
struct tz_backend *tz_backend_cpu(int threads);
/* backend_cuda.cu (or its stub): NULL when no usable GPU / not built. */
struct tz_backend *tz_backend_cuda(int device);
int tz_cuda_built(void);

#endif /* TZ_HELPER_H */
