/* SPDX-License-Identifier: GPL-2.0 */
/* crypto_sysfs.h - /sys/kernel/tzram/crypto_stat. */
#ifndef TZ_CRYPTO_SYSFS_H
#define TZ_CRYPTO_SYSFS_H

#include <linux/types.h>

/* Made after our algorithms are registered, removed before they go. */
int tz_crypto_sysfs_init(void);
void tz_crypto_sysfs_exit(void);

#endif /* TZ_CRYPTO_SYSFS_H */
