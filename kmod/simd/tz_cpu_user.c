// SPDX-License-Identifier: GPL-2.0
/*
 * tz_cpu_user.c - userspace CPU feature detection and the trivial SIMD
 * section (userspace may always use vector registers).
 */
#ifndef __KERNEL__
#include <stdio.h>
#include <stdlib.h>
#include "tz_cpu_impl.h"
#ifdef TZ_HAVE_NEON
#include <sys/auxv.h>
#include <asm/hwcap.h>
#endif

unsigned int tz_cpu_detect(void)
{
	unsigned int caps = 0;

#ifdef TZ_HAVE_X86_SIMD
	/* libgcc's checks include the OS (XCR0) enabling the YMM/ZMM state. */
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2"))
		caps |= 1u << TZ_VARIANT_AVX2;
	if ((caps & (1u << TZ_VARIANT_AVX2)) &&
	    __builtin_cpu_supports("avx512f") &&
	    __builtin_cpu_supports("avx512bw") &&
	    __builtin_cpu_supports("avx512vl"))
		caps |= 1u << TZ_VARIANT_AVX512;
#endif
#ifdef TZ_HAVE_NEON
	if (getauxval(AT_HWCAP) & HWCAP_ASIMD)
		caps |= 1u << TZ_VARIANT_NEON;
#endif
	return caps;
}

void tz_cpu_init_late(void)
{
	const char *e = getenv("TZRAM_SIMD");
	int v;

	if (!e || !*e)
		return;
	v = tz_variant_parse(e);
	if (v == -EINVAL || tz_variant_force(v)) {
		fprintf(stderr, "tzram: TZRAM_SIMD=%s: unknown or unsupported here, using auto\n", e);
		return;
	}
}

enum tz_variant tz_simd_begin(void)
{
	return tz_variant_active();
}

enum tz_variant tz_simd_begin_v(enum tz_variant v)
{
	return tz_variant_supported(v) ? v : TZ_VARIANT_SCALAR;
}

void tz_simd_end(enum tz_variant v)
{
	(void)v;
}

unsigned long tz_simd_yields;

void tz_simd_yield(enum tz_variant v)
{
	if (v != TZ_VARIANT_SCALAR)
		__atomic_fetch_add(&tz_simd_yields, 1, __ATOMIC_RELAXED);
}
#endif /* !__KERNEL__ */
