// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs_unit.c - a device's unit attributes (kmod/unit.h):
 *
 *   unit_max_pages  (rw) largest run of pages compressed as one unit:
 *                   1 (off: zram's behaviour), 2, 4, 8 or 16. Like
 *                   comp_algorithm, set before disksize (-EBUSY after);
 *                   reset restores the default.
 *   unit_stat       (ro) units_stored pages_in_units unit_reads
 *                   partial_reads partial_hits units_split, zeroes while
 *                   not initialised.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/kernel.h>
#include "dev.h"
#include "unit.h"

static struct tz_dev *dev_to_tz(struct device *dev)
{
	return dev_to_disk(dev)->private_data;
}

static ssize_t unit_max_pages_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	unsigned int val;

	down_read(&tz->init_lock);
	val = tz->unit_max_pages;
	up_read(&tz->init_lock);
	return scnprintf(buf, PAGE_SIZE, "%u\n", val);
}

static ssize_t unit_max_pages_store(struct device *dev,
				    struct device_attribute *attr,
				    const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	unsigned int val;
	int ret = 0;

	if (kstrtouint(buf, 10, &val) || !tz_unit_max_pages_valid(val))
		return -EINVAL;
	down_write(&tz->init_lock);
	if (tz_dev_ready(tz)) {
		pr_info("%s: cannot change unit_max_pages of an initialised device\n",
			tz->disk->disk_name);
		ret = -EBUSY;
	} else {
		tz->unit_max_pages = val;
	}
	up_write(&tz->init_lock);
	return ret ? ret : len;
}

static ssize_t unit_stat_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	struct tz_unit_stats *s;
	u64 v[6] = {};
	ssize_t ret;

	down_read(&tz->init_lock);
	if (tz_dev_ready(tz) && tz->store.units) {
		s = &tz->store.units->stats;
		v[0] = atomic64_read(&s->units);
		v[1] = atomic64_read(&s->pages);
		v[2] = atomic64_read(&s->reads);
		v[3] = atomic64_read(&s->partial);
		v[4] = atomic64_read(&s->hits);
		v[5] = atomic64_read(&s->split);
	}
	ret = scnprintf(buf, PAGE_SIZE, "%8llu %8llu %8llu %8llu %8llu %8llu\n",
			v[0], v[1], v[2], v[3], v[4], v[5]);
	up_read(&tz->init_lock);
	return ret;
}

static DEVICE_ATTR_RW(unit_max_pages);
static DEVICE_ATTR_RO(unit_stat);

static struct attribute *tz_unit_attrs[] = {
	&dev_attr_unit_max_pages.attr,
	&dev_attr_unit_stat.attr,
	NULL,
};

const struct attribute_group tz_unit_group = {
	.attrs = tz_unit_attrs,
};
