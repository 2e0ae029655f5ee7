/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat_unaligned.h - get/put_unaligned_*() from the header this kernel
 * has them in (kmod/probes/linux_unaligned_h.c). Read in kernel builds by
 * the codecs' port header (kmod/simd/tz_port.h).
 */
#ifndef TZ_COMPAT_UNALIGNED_H
#define TZ_COMPAT_UNALIGNED_H

#include "tz_probes.h"

#ifdef HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#endif /* TZ_COMPAT_UNALIGNED_H */
