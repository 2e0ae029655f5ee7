// SPDX-License-Identifier: GPL-2.0
/*
 * tz_lz4_neon.c - the arm64 NEON LZ4 variant: the shared core with 16-byte
 * NEON primitives. Runs only inside tz_simd_begin/end (kernel_neon_begin).
 */
#include "tz_lz4_impl.h"

#ifdef TZ_HAVE_NEON
#ifdef __KERNEL__
#include <asm/neon-intrinsics.h>
#else
#include <arm_neon.h>
#endif
#include "tz_vzero.h"

#define TZ_LZ4_V neon
#define TZ_LZ4_SIMD TZ_SIMD_NEON
#define TZ_TARGET
#include "tz_lz4_tmpl.h"
#undef TZ_LZ4_V
#undef TZ_LZ4_SIMD
#undef TZ_TARGET
#endif /* TZ_HAVE_NEON */
