// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_enc_x86.c - the encoder match finder for AVX2 (+BMI) and AVX-512:
 * tzcnt match counting, vector literal copies. Built without the kernel's
 * -mno-sse/-mno-avx (see simd.kbuild); runs only inside tz_simd_begin/end.
 */
#include "zstd_enc_match.h"

#if defined(__x86_64__)
ZE_MATCH_INSTANTIATE(ze_match_avx2, __attribute__((target("avx2,bmi,bmi2"))), TZ_VARIANT_AVX2);
ZE_MATCH_INSTANTIATE(ze_match_avx512,
		     __attribute__((target("avx512f,avx512bw,avx512vl,avx2,bmi,bmi2"))),
		     TZ_VARIANT_AVX512);
#else
const ze_match_fn ze_match_avx2;
const ze_match_fn ze_match_avx512;
#endif
