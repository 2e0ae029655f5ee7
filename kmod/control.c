// SPDX-License-Identifier: GPL-2.0
/*
 * control.c - the set of devices: module parameters, the block major, the
 * control class with hot_add/hot_remove, and zram-compat naming.
 *
 * zram_compat=1 names everything as stock zram does (/dev/zramN,
 * /sys/class/zram-control), so zramctl and zram-generator work unmodified.
 * The two cannot coexist: loading refuses while stock zram is present.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/idr.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/namei.h>
#include <linux/path.h>
#include "compat.h"
#include "control.h"
#include "disk.h"

static unsigned int num_devices = 1;
module_param(num_devices, uint, 0444);
MODULE_PARM_DESC(num_devices, "Number of devices created at load (default 1)");

static bool zram_compat;
module_param(zram_compat, bool, 0444);
MODULE_PARM_DESC(zram_compat,
		 "Name devices zramN with /sys/class/zram-control, for zram tools (default 0)");

/* Guards the idr and add/remove against each other. */
static DEFINE_MUTEX(tz_index_mutex);
static DEFINE_IDR(tz_index);
static int tz_major;
static struct class *tz_class;

static const char *tz_prefix(void)
{
	return zram_compat ? "zram" : "tzram";
}

static int tz_add(void)
{
	struct tz_dev *tz;
	int id;

	lockdep_assert_held(&tz_index_mutex);
	/* Minor numbers are the ids: one minor per disk, no partitions. */
	id = idr_alloc(&tz_index, NULL, 0, MINORMASK + 1, GFP_KERNEL);
	if (id < 0)
		return id;
	tz = tz_disk_create(id, tz_major, tz_prefix(), zram_compat);
	if (IS_ERR(tz)) {
		idr_remove(&tz_index, id);
		return PTR_ERR(tz);
	}
	idr_replace(&tz_index, tz, id);
	return id;
}

/* Reading hot_add creates a device and returns its id (zram's ABI). */
static ssize_t hot_add_show(TZ_CLASS_CONST struct class *class,
			    TZ_CLASS_CONST struct class_attribute *attr,
			    char *buf)
{
	int id;

	mutex_lock(&tz_index_mutex);
	id = tz_add();
	mutex_unlock(&tz_index_mutex);
	if (id < 0)
		return id;
	return sysfs_emit(buf, "%d\n", id);
}

static ssize_t hot_remove_store(TZ_CLASS_CONST struct class *class,
				TZ_CLASS_CONST struct class_attribute *attr,
				const char *buf, size_t count)
{
	struct tz_dev *tz;
	int ret, id;

	ret = kstrtoint(buf, 10, &id);
	if (ret)
		return ret;
	if (id < 0)
		return -EINVAL;
	mutex_lock(&tz_index_mutex);
	tz = idr_find(&tz_index, id);
	if (tz) {
		ret = tz_disk_destroy(tz);
		if (!ret)
			idr_remove(&tz_index, id);
	} else {
		ret = -ENODEV;
	}
	mutex_unlock(&tz_index_mutex);
	return ret ? ret : count;
}

/* 0400, as zram: reading it has an effect, so only root may. */
static struct class_attribute class_attr_hot_add =
	__ATTR(hot_add, 0400, hot_add_show, NULL);
static struct class_attribute class_attr_hot_remove =
	__ATTR(hot_remove, 0200, NULL, hot_remove_store);

/*
 * Stock zram (module or built in) owns the zram names. Registering them
 * again would fail with -EEXIST after a loud sysfs duplicate warning, so
 * look first.
 */
static bool tz_stock_zram_present(void)
{
	struct path path;

	if (kern_path("/sys/class/zram-control", LOOKUP_FOLLOW, &path))
		return false;
	path_put(&path);
	return true;
}

static int tz_remove_cb(int id, void *p, void *data)
{
	/* Module exit: nothing is open (open devices pin the module). */
	WARN_ON_ONCE(p && tz_disk_destroy(p));
	return 0;
}

static void tz_remove_all(void)
{
	mutex_lock(&tz_index_mutex);
	idr_for_each(&tz_index, tz_remove_cb, NULL);
	idr_destroy(&tz_index);
	mutex_unlock(&tz_index_mutex);
}

int tz_control_init(void)
{
	char cname[32];
	unsigned int i;
	int ret;

	if (zram_compat && tz_stock_zram_present()) {
		pr_err("zram_compat=1: stock zram is loaded (/sys/class/zram-control exists); unload it first (rmmod zram)\n");
		/* Not -EEXIST: modprobe would take that for "already loaded". */
		return -EBUSY;
	}
	snprintf(cname, sizeof(cname), "%s-control", tz_prefix());
	tz_class = tz_class_create(cname);
	if (IS_ERR(tz_class)) {
		ret = PTR_ERR(tz_class);
		pr_err("cannot register class %s: %d%s\n", cname, ret,
		       ret == -EEXIST ? " (stock zram loaded?)" : "");
		return ret == -EEXIST ? -EBUSY : ret;
	}
	ret = class_create_file(tz_class, &class_attr_hot_add);
	if (!ret)
		ret = class_create_file(tz_class, &class_attr_hot_remove);
	if (ret)
		goto err_class;

	tz_major = register_blkdev(0, tz_prefix());
	if (tz_major <= 0) {
		pr_err("cannot get a block major\n");
		ret = -EBUSY;
		goto err_class;
	}
	for (i = 0; i < num_devices; i++) {
		mutex_lock(&tz_index_mutex);
		ret = tz_add();
		mutex_unlock(&tz_index_mutex);
		if (ret < 0)
			goto err_devs;
	}
	return 0;

err_devs:
	tz_remove_all();
	unregister_blkdev(tz_major, tz_prefix());
err_class:
	class_destroy(tz_class);
	return ret;
}

void tz_control_exit(void)
{
	/* Class first: no hot_add can race with the removal below. */
	class_destroy(tz_class);
	tz_remove_all();
	unregister_blkdev(tz_major, tz_prefix());
}
