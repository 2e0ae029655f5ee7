// SPDX-License-Identifier: GPL-2.0
/* zstd_enc_scalar.c - the encoder match finder for the scalar variant. */
#include "zstd_enc_match.h"

ZE_MATCH_INSTANTIATE(ze_match_scalar, ZS_NO_TARGET, TZ_VARIANT_SCALAR);
