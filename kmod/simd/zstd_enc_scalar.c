// SPDX-License-Identifier: GPL-2.0
/* zstd_enc_scalar.c - the encoder match finder for the scalar variant. */
#define ZE_V scalar
#define ZE_SIMD ZE_SIMD_NONE
#define ZE_TARGET
#include "zstd_enc_match.h"
