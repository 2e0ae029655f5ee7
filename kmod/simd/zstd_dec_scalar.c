// SPDX-License-Identifier: GPL-2.0
/* zstd_dec_scalar.c - the decoder hot loops for the scalar variant. */
#include "zstd_dec_core.h"

ZS_DEC_INSTANTIATE(zs_dec_scalar, ZS_NO_TARGET, TZ_VARIANT_SCALAR);
