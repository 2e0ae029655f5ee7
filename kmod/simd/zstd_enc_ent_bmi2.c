// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_enc_ent_bmi2.c - the entropy stage (zstd_enc_ent.c) built a second
 * time for BMI1/BMI2: variable shifts and masks without %cl (shlx, shrx,
 * bzhi) in the bit writers. Only general-purpose registers, so it keeps the
 * kernel's flags; used by the AVX2 and AVX-512 variants (whose CPUs have
 * BMI2) inside tz_simd_begin/end.
 */
#if defined(__x86_64__)
#pragma GCC push_options
#pragma GCC target("bmi,bmi2")
#define ZE_ENT_NAME ze_encode_block_body_bmi2
#include "zstd_enc_ent.c"
#pragma GCC pop_options
#endif
