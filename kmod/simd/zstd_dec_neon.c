// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_dec_neon.c - the decoder hot loops for arm64 NEON: 16-byte chunk
 * copies in q registers (kernel: between kernel_neon_begin/end).
 */
#include "zstd_dec_core.h"

#if defined(__aarch64__)
ZS_DEC_INSTANTIATE(zs_dec_neon, ZS_NO_TARGET, TZ_VARIANT_NEON);
#else
const struct zs_dec_ops zs_dec_neon = { NULL, NULL, NULL };
#endif
