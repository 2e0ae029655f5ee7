// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs_adv.c - zram's post-processing attributes, 6.12's ABI on every
 * kernel: algorithm_params, recomp_algorithm, recompress, idle,
 * backing_dev, writeback, writeback_limit, writeback_limit_enable,
 * bd_stat; and auto_stat (tzram: the "auto" algorithm's choices).
 * Inputs are accepted and refused as zram does, with its error codes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "comp_auto.h"
#include "dev.h"

static struct tz_dev *dev_to_tz(struct device *dev)
{
	return dev_to_disk(dev)->private_data;
}

/* Name of the algorithm at prio, NULL if none (0: comp_algorithm). */
static const struct tz_comp_alg *tz_prio_alg(struct tz_dev *tz, unsigned int p)
{
	return p ? tz->adv.recomp_alg[p] : tz->alg;
}

/* "priority=N level=L" or "algo=NAME level=L" (dict= is not supported). */
static ssize_t algorithm_params_store(struct device *dev,
				      struct device_attribute *attr,
				      const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	int prio = 0, level = TZ_COMP_NO_LEVEL, ret;
	char *args, *param, *val, *algo = NULL;
	char *copy = kstrndup(buf, len, GFP_KERNEL);

	if (!copy)
		return -ENOMEM;
	args = skip_spaces(copy);
	ret = 0;
	while (*args && !ret) {
		args = next_arg(args, &param, &val);
		if (!val || !*val)
			ret = -EINVAL;
		else if (!strcmp(param, "priority"))
			ret = kstrtoint(val, 10, &prio);
		else if (!strcmp(param, "level"))
			ret = kstrtoint(val, 10, &level);
		else if (!strcmp(param, "algo"))
			algo = val;
		else if (!strcmp(param, "dict"))
			ret = -EOPNOTSUPP;	/* our codecs take no dictionary */
	}
	down_write(&tz->init_lock);
	if (!ret && algo) {
		for (prio = 0; prio < TZ_MAX_COMPS; prio++)
			if (tz_prio_alg(tz, prio) &&
			    !strcmp(tz_prio_alg(tz, prio)->name, algo))
				break;
	}
	if (!ret && (prio < 0 || prio >= TZ_MAX_COMPS))
		ret = -EINVAL;
	/* Applies from the next init, as zram's (streams are made there). */
	if (!ret)
		tz->adv.level[prio] = level;
	up_write(&tz->init_lock);
	kfree(copy);
	return ret ? ret : len;
}

static ssize_t recomp_algorithm_show(struct device *dev,
				     struct device_attribute *attr, char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	ssize_t sz = 0;
	unsigned int p;

	down_read(&tz->init_lock);
	for (p = 1; p < TZ_MAX_COMPS; p++) {
		if (!tz->adv.recomp_alg[p])
			continue;
		sz += scnprintf(buf + sz, PAGE_SIZE - sz - 2, "#%u: ", p);
		sz += tz_comp_show_available(tz->adv.recomp_alg[p], buf + sz);
	}
	up_read(&tz->init_lock);
	return sz;
}

static ssize_t recomp_algorithm_store(struct device *dev,
				      struct device_attribute *attr,
				      const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	const struct tz_comp_alg *alg = NULL;
	char *args, *param, *val, *name = NULL;
	char *copy = kstrndup(buf, len, GFP_KERNEL);
	int prio = 1, ret = 0;

	if (!copy)
		return -ENOMEM;
	args = skip_spaces(copy);
	while (*args && !ret) {
		args = next_arg(args, &param, &val);
		if (!val || !*val)
			ret = -EINVAL;
		else if (!strcmp(param, "algo"))
			name = val;
		else if (!strcmp(param, "priority"))
			ret = kstrtoint(val, 10, &prio);
	}
	if (!ret && (!name || prio < 1 || prio >= TZ_MAX_COMPS))
		ret = -EINVAL;
	if (!ret) {
		alg = tz_comp_find(name);
		if (!alg)
			ret = -EINVAL;
	}
	if (!ret) {
		down_write(&tz->init_lock);
		if (tz_dev_ready(tz))
			ret = -EBUSY;
		else
			tz->adv.recomp_alg[prio] = alg;
		up_write(&tz->init_lock);
	}
	kfree(copy);
	return ret ? ret : len;
}

static ssize_t recompress_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t len)
{
	return tz_recompress_run(dev_to_tz(dev), buf, len);
}

static ssize_t idle_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	ssize_t ret = len;
	u64 age = 0;

	/* "all", or an age in seconds (0 too: then every page, as zram). */
	if (!sysfs_streq(buf, "all") && kstrtoull(buf, 0, &age))
		return -EINVAL;
	down_read(&tz->init_lock);
	if (tz_dev_ready(tz))
		tz_mark_idle(&tz->store, age);
	else
		ret = -EINVAL;
	up_read(&tz->init_lock);
	return ret;
}

static ssize_t backing_dev_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	ssize_t ret;
	char *p;

	down_read(&tz->init_lock);
	if (!tz->adv.bd_file) {
		up_read(&tz->init_lock);
		return sysfs_emit(buf, "none\n");
	}
	p = file_path(tz->adv.bd_file, buf, PAGE_SIZE - 1);
	if (IS_ERR(p)) {
		ret = PTR_ERR(p);
	} else {
		ret = strlen(p);
		memmove(buf, p, ret);
		buf[ret++] = '\n';
	}
	up_read(&tz->init_lock);
	return ret;
}

static ssize_t backing_dev_store(struct device *dev,
				 struct device_attribute *attr,
				 const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	size_t n;
	int ret;

	if (!path)
		return -ENOMEM;
	strscpy(path, buf, PATH_MAX);
	n = strlen(path);
	if (n && path[n - 1] == '\n')
		path[n - 1] = 0;
	down_write(&tz->init_lock);
	if (tz_dev_ready(tz))
		ret = -EBUSY;
	else
		ret = tz_wb_open(&tz->adv, path);
	up_write(&tz->init_lock);
	if (!ret)
		pr_info("%s: backing device %s\n", tz->disk->disk_name, path);
	kfree(path);
	return ret ? ret : len;
}

static ssize_t writeback_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t len)
{
	return tz_wb_run(dev_to_tz(dev), buf, len);
}

static ssize_t writeback_limit_enable_show(struct device *dev,
					   struct device_attribute *attr,
					   char *buf)
{
	struct tz_adv *adv = &dev_to_tz(dev)->adv;
	bool val;

	spin_lock(&adv->wb_limit_lock);
	val = adv->wb_limit_enable;
	spin_unlock(&adv->wb_limit_lock);
	return sysfs_emit(buf, "%d\n", val);
}

static ssize_t writeback_limit_enable_store(struct device *dev,
					    struct device_attribute *attr,
					    const char *buf, size_t len)
{
	struct tz_adv *adv = &dev_to_tz(dev)->adv;
	u64 val;

	if (kstrtoull(buf, 10, &val))
		return -EINVAL;
	spin_lock(&adv->wb_limit_lock);
	adv->wb_limit_enable = val;
	spin_unlock(&adv->wb_limit_lock);
	return len;
}

static ssize_t writeback_limit_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	struct tz_adv *adv = &dev_to_tz(dev)->adv;
	u64 val;

	spin_lock(&adv->wb_limit_lock);
	val = adv->wb_limit;
	spin_unlock(&adv->wb_limit_lock);
	return sysfs_emit(buf, "%llu\n", val);
}

static ssize_t writeback_limit_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t len)
{
	struct tz_adv *adv = &dev_to_tz(dev)->adv;
	u64 val;

	if (kstrtoull(buf, 10, &val))
		return -EINVAL;
	spin_lock(&adv->wb_limit_lock);
	adv->wb_limit = val;
	spin_unlock(&adv->wb_limit_lock);
	return len;
}

/* bd_count bd_reads bd_writes, in 4 KiB units as zram's. */
static ssize_t bd_stat_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct tz_adv *adv = &dev_to_tz(dev)->adv;
	unsigned int k = PAGE_SHIFT - 12;

	return sysfs_emit(buf, "%8llu %8llu %8llu\n",
			  (u64)atomic64_read(&adv->bd_count) << k,
			  (u64)atomic64_read(&adv->bd_reads) << k,
			  (u64)atomic64_read(&adv->bd_writes) << k);
}

/* tzram: pages the "auto" algorithm stored raw, with LZ4, with ZSTD. */
static ssize_t auto_stat_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	u64 n[TZ_AUTO_NR] = {};

	down_read(&tz->init_lock);
	if (tz_dev_ready(tz))
		tz_auto_stats(&tz->store.comp, n);
	up_read(&tz->init_lock);
	return sysfs_emit(buf, "%8llu %8llu %8llu\n", n[TZ_AUTO_RAW],
			  n[TZ_AUTO_LZ4], n[TZ_AUTO_ZSTD]);
}

static DEVICE_ATTR_WO(algorithm_params);
static DEVICE_ATTR_RW(recomp_algorithm);
static DEVICE_ATTR_WO(recompress);
static DEVICE_ATTR_WO(idle);
static DEVICE_ATTR_RW(backing_dev);
static DEVICE_ATTR_WO(writeback);
static DEVICE_ATTR_RW(writeback_limit_enable);
static DEVICE_ATTR_RW(writeback_limit);
static DEVICE_ATTR_RO(bd_stat);
static DEVICE_ATTR_RO(auto_stat);

static struct attribute *tz_adv_attrs[] = {
	&dev_attr_algorithm_params.attr,
	&dev_attr_recomp_algorithm.attr,
	&dev_attr_recompress.attr,
	&dev_attr_idle.attr,
	&dev_attr_backing_dev.attr,
	&dev_attr_writeback.attr,
	&dev_attr_writeback_limit_enable.attr,
	&dev_attr_writeback_limit.attr,
	&dev_attr_bd_stat.attr,
	&dev_attr_auto_stat.attr,
	NULL,
};

const struct attribute_group tz_adv_group = {
	.attrs = tz_adv_attrs,
};
