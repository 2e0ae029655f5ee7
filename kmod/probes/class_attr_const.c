// SPDX-License-Identifier: GPL-2.0
/* Probe: class attribute callbacks take const pointers (6.4+). */
#include <linux/device.h>

static ssize_t tz_show(const struct class *c, const struct class_attribute *a,
		       char *buf)
{
	return 0;
}

struct class_attribute tz_probe_attr = __ATTR(tz_probe, 0400, tz_show, NULL);
