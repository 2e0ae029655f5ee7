// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_dec_x86.c - the decoder hot loops for AVX2 (+BMI2), which the
 * AVX-512 variant runs too (zstd_dec.c says why). Built without the
 * kernel's -mno-sse/-mno-avx (see simd.kbuild): only the
 * target()-attributed functions below use vector registers, and they run
 * only between tz_simd_begin/end.
 */
#include "tz_vasm.h"
#include "zstd_dec_core.h"

#if defined(__x86_64__)
ZS_DEC_INSTANTIATE(zs_dec_avx2, __attribute__((target("avx2,bmi,bmi2"))), TZ_VARIANT_AVX2);
#else
const struct zs_dec_ops zs_dec_avx2 = { NULL, NULL, NULL };
#endif
