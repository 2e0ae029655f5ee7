// SPDX-License-Identifier: GPL-2.0
/* Probe: where get/put_unaligned_*() are declared (6.12 moved them). */
#if defined(HAVE_LINUX_UNALIGNED_H)
#include <linux/unaligned.h>
#elif defined(HAVE_ASM_UNALIGNED_H)
#include <asm/unaligned.h>
#endif

u32 tz_probe(const void *p);
u32 tz_probe(const void *p)
{
	return get_unaligned_le32(p);
}
