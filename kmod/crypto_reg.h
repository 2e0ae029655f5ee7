/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crypto_reg.h - registration of tzram's codecs with the kernel crypto
 * API, so zswap and stock zram (<= 6.11) use them.
 */
#ifndef TZ_CRYPTO_REG_H
#define TZ_CRYPTO_REG_H

#include <linux/types.h>

/* Registers unless the `crypto` parameter is off. */
int tz_crypto_init(void);
void tz_crypto_exit(void);
bool tz_crypto_registered(void);

#endif /* TZ_CRYPTO_REG_H */
