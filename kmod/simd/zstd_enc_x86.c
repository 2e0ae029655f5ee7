// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_enc_x86.c - the encoder match finder for AVX2 (+BMI) and AVX-512:
 * 32/64-byte match counting, 16-byte literal copies. Built without the
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
#undef ZE_V
#undef ZE_SIMD
#undef ZE_TARGET

#define ZE_V avx512
#define ZE_SIMD ZE_SIMD_AVX512
#define ZE_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx2,bmi,bmi2")))
#include "zstd_enc_match.h"
#else
const ze_match_fn ze_match_fn_avx2;
const ze_match_fn ze_match_fn_avx512;
const ze_match_fn ze_match_dict_fn_avx2;
const ze_match_fn ze_match_dict_fn_avx512;
#endif /* TZ_HAVE_X86_SIMD */
