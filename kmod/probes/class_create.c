// SPDX-License-Identifier: GPL-2.0
/* Probe: the arguments of class_create(). */
#include <linux/device.h>
#include <linux/module.h>

struct class *tz_probe(void);
struct class *tz_probe(void)
{
#if defined(HAVE_CLASS_CREATE_ONE_ARG)
	/* 6.4+: the name only. */
	return class_create("tz_probe");
#elif defined(HAVE_CLASS_CREATE_OWNER)
	/* Up to 6.3: the owning module and the name. */
	return class_create(THIS_MODULE, "tz_probe");
#endif
}
