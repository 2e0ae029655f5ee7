/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_vasm.h - 16-byte copies through xmm0 in asm statements,
 * for the hot loops of the x86 vector objects that must hold no vector
 * variable: under the kernel's 8-byte stack boundary
 * (-mpreferred-stack-boundary=3) GCC realigns the stack of any function
 * with one, and that takes the frame pointer's register from loops that
 * are short of registers. VEX-encoded 128-bit instructions: no dirty upper
 * state. Not under AddressSanitizer (TZ_ASAN, tz_port.h), which cannot see
 * into asm: callers take their C path there (TZ_HAVE_VASM undefined).
 */
#ifndef TZ_VASM_H
#define TZ_VASM_H

#include "tz_port.h"

#if defined(__x86_64__) && defined(__SSE2__) && !defined(TZ_ASAN)
#define TZ_HAVE_VASM 1

/* Copy 16 bytes. */
static __always_inline void tz_mov16_asm(void *d, const void *s)
{
	asm("vmovdqu %1, %%xmm0\n\tvmovdqu %%xmm0, %0"
	    : "=m" (*(u8 (*)[16])d) : "m" (*(const u8 (*)[16])s) : "xmm0");
}

#endif

#endif /* TZ_VASM_H */
