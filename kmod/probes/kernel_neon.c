// SPDX-License-Identifier: GPL-2.0
/* Probe: how kernel code enters a NEON section (arm64; none elsewhere). */
#include <linux/kconfig.h>

#if defined(HAVE_KERNEL_NEON_BEGIN_VOID)
/* arm64 up to 6.x: no arguments; preemption stays off inside. */
#include <asm/neon.h>

void tz_probe(void);
void tz_probe(void)
{
	kernel_neon_begin();
	kernel_neon_end();
}
#elif defined(HAVE_KERNEL_NEON_BEGIN_STATE)
/* arm64 7.x: the caller's save area, for a preemptible section. */
#include <asm/neon.h>

void tz_probe(struct user_fpsimd_state *s);
void tz_probe(struct user_fpsimd_state *s)
{
	kernel_neon_begin(s);
	kernel_neon_end(s);
}
#elif defined(HAVE_NO_KERNEL_NEON)
/* Other architectures. */
#if IS_ENABLED(CONFIG_KERNEL_MODE_NEON)
#error "this kernel has kernel-mode NEON"
#endif
int tz_probe_none;
#endif
