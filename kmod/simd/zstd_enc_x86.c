// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_enc_x86.c - the encoder match finder for AVX2 (+BMI), which the
 * AVX-512 variant runs too (zstd_enc.c says why): 32-byte match counting,
 * 16-byte literal copies. Built without the
 * kernel's -mno-sse/-mno-avx (see simd.kbuild); runs only inside
 * tz_simd_begin/end.
 */
#include "zstd_enc.h"

#ifdef TZ_HAVE_X86_SIMD
#include <immintrin.h>
#include "tz_vzero.h"

#define ZE_V avx2
#define ZE_SIMD ZE_SIMD_AVX2
#define ZE_TARGET __attribute__((target("avx2,bmi,bmi2")))
#include "zstd_enc_match.h"
#else
const ze_match_fn ze_match_fn_avx2;
const ze_match_fn ze_match_dict_fn_avx2;
#endif /* TZ_HAVE_X86_SIMD */
