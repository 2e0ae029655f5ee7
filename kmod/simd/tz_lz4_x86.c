// SPDX-License-Identifier: GPL-2.0
/*
 * tz_lz4_x86.c - the AVX2 and AVX-512 (F+BW+VL) LZ4 variants: the shared
 * core with 16/32/64-byte primitives. Everything here runs only inside
 * tz_simd_begin/end (kernel_fpu_begin) on a CPU tz_cpu says has the ISA.
 */
#include "tz_lz4_impl.h"

#ifdef TZ_HAVE_X86_SIMD
#include <immintrin.h>
#include "tz_vzero.h"
#include "tz_vasm.h"

#define TZ_LZ4_V avx2
#define TZ_LZ4_SIMD TZ_SIMD_AVX2
#define TZ_TARGET __attribute__((target("avx2,bmi,bmi2")))
#include "tz_lz4_tmpl.h"
#undef TZ_LZ4_V
#undef TZ_LZ4_SIMD
#undef TZ_TARGET

#define TZ_LZ4_V avx512
#define TZ_LZ4_SIMD TZ_SIMD_AVX512
#define TZ_TARGET __attribute__((target("avx2,bmi,bmi2,avx512f,avx512bw,avx512vl")))
#include "tz_lz4_tmpl.h"
#undef TZ_LZ4_V
#undef TZ_LZ4_SIMD
#undef TZ_TARGET
#endif /* TZ_HAVE_X86_SIMD */
