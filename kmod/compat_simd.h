/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat_simd.h - kernel-mode NEON across kernels, from the build-time
 * probe kmod/probes/kernel_neon.c. Only kmod/simd/tz_cpu_kern.c includes it.
 */
#ifndef TZ_COMPAT_SIMD_H
#define TZ_COMPAT_SIMD_H

#include "tz_probes.h"

/*
 * TZ_KERNEL_NEON: NEON sections with kernel_neon_begin()/end() as tzram
 * uses them (arm64 up to 6.x). On arm64 7.x they take a save area that
 * must outlive a preemptible section; tzram does not provide one yet, so
 * there the NEON variants are never offered and the codecs run scalar.
 */
#ifdef HAVE_KERNEL_NEON_BEGIN_VOID
#include <asm/neon.h>
#define TZ_KERNEL_NEON 1
static inline void tz_kernel_neon_begin(void)
{
	kernel_neon_begin();
}

static inline void tz_kernel_neon_end(void)
{
	kernel_neon_end();
}
#else
#define TZ_KERNEL_NEON 0
static inline void tz_kernel_neon_begin(void)
{
}

static inline void tz_kernel_neon_end(void)
{
}
#endif

#endif /* TZ_COMPAT_SIMD_H */
