// SPDX-License-Identifier: GPL-2.0
/* Probe: the pointer types of class attribute callbacks. */
#include <linux/device.h>

#if defined(HAVE_CLASS_ATTR_CONST)
/* 6.4+: const class and attribute. */
static ssize_t tz_show(const struct class *c, const struct class_attribute *a,
		       char *buf)
{
	return 0;
}
#elif defined(HAVE_CLASS_ATTR_MUTABLE)
/* Up to 6.3: non-const pointers. */
static ssize_t tz_show(struct class *c, struct class_attribute *a, char *buf)
{
	return 0;
}
#endif

struct class_attribute tz_probe_attr = __ATTR(tz_probe, 0400, tz_show, NULL);
