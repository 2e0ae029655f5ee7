/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_cpu.h - runtime choice of the codec variant (scalar, AVX2, AVX-512,
 * NEON) and, in the kernel, the FPU section around one page of SIMD work.
 */
#ifndef TZ_CPU_H
#define TZ_CPU_H

#include "tz_port.h"

enum tz_variant {
	TZ_VARIANT_SCALAR,
	TZ_VARIANT_AVX2,
	TZ_VARIANT_AVX512,	/* AVX-512 F+BW+VL */
	TZ_VARIANT_NEON,
	TZ_VARIANT_COUNT
};

/* "scalar", "avx2", "avx512", "neon". */
const char *tz_variant_name(enum tz_variant v);
/* Parse a name as above; "auto" gives -1. Unknown: -EINVAL. */
int tz_variant_parse(const char *name);
/* Compiled in and supported by this CPU (and, in the kernel, its xsave state). */
bool tz_variant_supported(enum tz_variant v);
/* The best supported variant. */
enum tz_variant tz_variant_best(void);
/* The variant codecs use: the forced one, else the best. */
enum tz_variant tz_variant_active(void);
/* Force a variant (-1 = auto). -EOPNOTSUPP when this CPU cannot run it. */
int tz_variant_force(int v);

/*
 * Bracket one page of codec work. In the kernel, tz_simd_begin() enters a
 * kernel_fpu_begin() section when the active variant needs vector registers
 * and may_use_simd() allows it, and returns the variant to run: the scalar
 * one when it does not. Nothing between begin and end may sleep.
 * In userspace both are trivial.
 */
enum tz_variant tz_simd_begin(void);
void tz_simd_end(enum tz_variant v);
/*
 * Same for one given supported variant (tests, benchmarks): returns v, or
 * the scalar variant when vector registers may not be used here.
 */
enum tz_variant tz_simd_begin_v(enum tz_variant v);
/*
 * Inside a section that began with v: end it and begin it again, so that
 * one long call (a multi-block ZSTD frame: a unit) keeps preemption off
 * for one part of its work at a time. Nothing for the scalar variant; in
 * userspace only counted (tz_simd_yields, for tests).
 */
void tz_simd_yield(enum tz_variant v);
#ifndef __KERNEL__
extern unsigned long tz_simd_yields;
#endif

/*
 * Detect CPU features once (kernel: at module init; userspace: also done
 * lazily by the first query). Userspace honours TZRAM_SIMD=<name|auto>.
 */
void tz_cpu_init(void);

/* Which SIMD variants this build contains (compile-time). */
#if defined(__x86_64__) && !defined(TZ_NO_SIMD)
#define TZ_HAVE_X86_SIMD 1
#endif
#if defined(__aarch64__) && !defined(TZ_NO_SIMD)
#define TZ_HAVE_NEON 1
#endif

#endif /* TZ_CPU_H */
