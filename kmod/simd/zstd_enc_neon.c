// SPDX-License-Identifier: GPL-2.0
/* zstd_enc_neon.c - the encoder match finder for arm64 NEON (16-byte counting). */
#include "zstd_enc.h"

#ifdef TZ_HAVE_NEON
#ifdef __KERNEL__
#include <asm/neon-intrinsics.h>
#else
#include <arm_neon.h>
#endif
#include "tz_vzero.h"

#define ZE_V neon
#define ZE_SIMD ZE_SIMD_NEON
#define ZE_TARGET
#include "zstd_enc_match.h"
#else
const ze_match_fn ze_match_fn_neon;
const ze_match_fn ze_match_dict_fn_neon;
#endif /* TZ_HAVE_NEON */
