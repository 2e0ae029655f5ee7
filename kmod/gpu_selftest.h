/* SPDX-License-Identifier: GPL-2.0 */
/* gpu_selftest.h - debugfs tzram-gpu/: the path's self-test and counters. */
#ifndef TZ_GPU_SELFTEST_H
#define TZ_GPU_SELFTEST_H

void tz_gpu_debugfs_init(void);
void tz_gpu_debugfs_exit(void);

#endif /* TZ_GPU_SELFTEST_H */
