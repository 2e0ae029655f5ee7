// SPDX-License-Identifier: GPL-2.0
/* zstd_enc_neon.c - the encoder match finder for arm64 NEON. */
#include "zstd_enc_match.h"

#if defined(__aarch64__)
ZE_MATCH_INSTANTIATE(ze_match_neon, ZS_NO_TARGET, TZ_VARIANT_NEON);
#else
const ze_match_fn ze_match_neon;
#endif
