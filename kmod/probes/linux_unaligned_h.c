// SPDX-License-Identifier: GPL-2.0
/* Probe: <linux/unaligned.h> (6.12 moved it there from <asm/unaligned.h>). */
#include <linux/unaligned.h>

u32 tz_probe(const void *p);
u32 tz_probe(const void *p)
{
	return get_unaligned_le32(p);
}
