// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs.c - per-device attributes (/sys/block/<dev>/...) with zram's
 * names, semantics and output formats. Malformed writes change nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/zsmalloc.h>
#include "compat.h"
#include "dev.h"
#include "tzram.h"

/* Table indexes are u32 (as zram's): 16 TiB with 4 KiB pages. */
#define TZ_DISKSIZE_MAX ((u64)U32_MAX << PAGE_SHIFT)

static struct tz_dev *dev_to_tz(struct device *dev)
{
	return dev_to_disk(dev)->private_data;
}

static ssize_t disksize_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return scnprintf(buf, PAGE_SIZE, "%llu\n", dev_to_tz(dev)->disksize);
}

static ssize_t disksize_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	u64 size;
	int ret;

	ret = tz_parse_size(buf, len, &size);
	if (ret)
		return ret;
	if (!size || size > TZ_DISKSIZE_MAX)
		return -EINVAL;
	size = PAGE_ALIGN(size);

	down_write(&tz->init_lock);
	if (tz_dev_ready(tz)) {
		pr_info("%s: cannot change disksize of an initialised device\n",
			tz->disk->disk_name);
		ret = -EBUSY;
	} else {
		ret = tz_dev_init(tz, size);
	}
	up_write(&tz->init_lock);
	return ret ? ret : len;
}

static ssize_t initstate_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	u32 val;

	down_read(&tz->init_lock);
	val = tz_dev_ready(tz);
	up_read(&tz->init_lock);
	return scnprintf(buf, PAGE_SIZE, "%u\n", val);
}

static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t len)
{
	unsigned short do_reset;
	int ret;

	ret = kstrtou16(buf, 10, &do_reset);
	if (ret)
		return ret;
	if (!do_reset)
		return -EINVAL;
	ret = tz_dev_reset(dev_to_tz(dev));
	return ret ? ret : len;
}

static ssize_t comp_algorithm_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	ssize_t sz;

	down_read(&tz->init_lock);
	sz = tz_comp_show_available(tz->alg, buf);
	up_read(&tz->init_lock);
	return sz;
}

static ssize_t comp_algorithm_store(struct device *dev,
				    struct device_attribute *attr,
				    const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	const struct tz_comp_alg *alg = tz_comp_find(buf);
	int ret = 0;

	if (!alg)
		return -EINVAL;
	down_write(&tz->init_lock);
	if (tz_dev_ready(tz)) {
		pr_info("%s: cannot change algorithm of an initialised device\n",
			tz->disk->disk_name);
		ret = -EBUSY;
	} else {
		tz->alg = alg;
	}
	up_write(&tz->init_lock);
	return ret ? ret : len;
}

/* Streams are per CPU; like zram, the knob is kept and ignored. */
static ssize_t max_comp_streams_show(struct device *dev,
				     struct device_attribute *attr, char *buf)
{
	return scnprintf(buf, PAGE_SIZE, "%d\n", num_online_cpus());
}

static ssize_t max_comp_streams_store(struct device *dev,
				      struct device_attribute *attr,
				      const char *buf, size_t len)
{
	return len;
}

static ssize_t mem_limit_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	u64 limit;
	int ret;

	ret = tz_parse_size(buf, len, &limit);
	if (ret)
		return ret;
	if (limit > TZ_DISKSIZE_MAX * 2)	/* beyond any pool we could have */
		return -EINVAL;
	down_write(&tz->init_lock);
	WRITE_ONCE(tz->stats.limit_pages, PAGE_ALIGN(limit) >> PAGE_SHIFT);
	up_write(&tz->init_lock);
	return len;
}

static ssize_t mem_used_max_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	unsigned long val;
	int ret;

	ret = kstrtoul(buf, 10, &val);
	if (ret || val != 0)
		return -EINVAL;
	down_read(&tz->init_lock);
	if (tz_dev_ready(tz))
		atomic_long_set(&tz->stats.max_used_pages,
				tz_store_pool_pages(&tz->store));
	up_read(&tz->init_lock);
	return len;
}

static ssize_t compact_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	int ret = 0;

	down_read(&tz->init_lock);
	if (tz_dev_ready(tz))
		zs_compact(tz->store.pool);
	else
		ret = -EINVAL;
	up_read(&tz->init_lock);
	return ret ? ret : len;
}

static ssize_t io_stat_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	struct tz_stats *s = &tz->stats;
	ssize_t ret;

	down_read(&tz->init_lock);
	if (TZ_IO_STAT_SHOWS_INVALID_IO)
		ret = scnprintf(buf, PAGE_SIZE, "%8llu %8llu %8llu %8llu\n",
				(u64)atomic64_read(&s->failed_reads),
				(u64)atomic64_read(&s->failed_writes),
				(u64)atomic64_read(&s->invalid_io),
				(u64)atomic64_read(&s->notify_free));
	else
		ret = scnprintf(buf, PAGE_SIZE, "%8llu %8llu 0 %8llu\n",
				(u64)atomic64_read(&s->failed_reads),
				(u64)atomic64_read(&s->failed_writes),
				(u64)atomic64_read(&s->notify_free));
	up_read(&tz->init_lock);
	return ret;
}

static ssize_t mm_stat_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	struct tz_stats *s = &tz->stats;
	struct zs_pool_stats pool_stats = {};
	u64 mem_used = 0;
	ssize_t ret;

	down_read(&tz->init_lock);
	if (tz_dev_ready(tz)) {
		mem_used = tz_store_pool_pages(&tz->store);
		zs_pool_stats(tz->store.pool, &pool_stats);
	}
	ret = scnprintf(buf, PAGE_SIZE,
			"%8llu %8llu %8llu %8lu %8ld %8llu %8lu %8llu %8llu\n",
			(u64)atomic64_read(&s->pages_stored) << PAGE_SHIFT,
			(u64)atomic64_read(&s->compr_data_size),
			mem_used << PAGE_SHIFT,
			READ_ONCE(s->limit_pages) << PAGE_SHIFT,
			atomic_long_read(&s->max_used_pages) << PAGE_SHIFT,
			(u64)atomic64_read(&s->same_pages),
			atomic_long_read(&pool_stats.pages_compacted),
			(u64)atomic64_read(&s->huge_pages),
			(u64)atomic64_read(&s->huge_pages_since));
	up_read(&tz->init_lock);
	return ret;
}

static ssize_t debug_stat_show(struct device *dev, struct device_attribute *attr,
			       char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	ssize_t ret;

	down_read(&tz->init_lock);
	ret = scnprintf(buf, PAGE_SIZE, "version: %d\n%8llu %8llu\n", 1,
			(u64)atomic64_read(&tz->stats.writestall),
			(u64)atomic64_read(&tz->stats.miss_free));
	up_read(&tz->init_lock);
	return ret;
}

/*
 * GPU helper reads (gpu_dev.c). gpu_min_pages: smallest read bio, in
 * pages, that goes to the helper (0: none, and no checksums are kept for
 * pages written meanwhile); gpu_timeout_ms: the longest a read waits for
 * it; gpu_stat: this device's counters (format of tz_gpu_stats_show()).
 */
static ssize_t gpu_min_pages_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return scnprintf(buf, PAGE_SIZE, "%u\n",
			 READ_ONCE(dev_to_tz(dev)->gpu_min_pages));
}

static ssize_t gpu_min_pages_store(struct device *dev,
				   struct device_attribute *attr,
				   const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	unsigned int val;

	if (kstrtouint(buf, 10, &val) || val > TZ_GENL_MAX_PAGES)
		return -EINVAL;
	down_write(&tz->init_lock);
	WRITE_ONCE(tz->gpu_min_pages, val);
	if (tz_dev_ready(tz))
		WRITE_ONCE(tz->store.gpu_csum, val != 0);
	up_write(&tz->init_lock);
	return len;
}

static ssize_t gpu_timeout_ms_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	return scnprintf(buf, PAGE_SIZE, "%u\n",
			 READ_ONCE(dev_to_tz(dev)->gpu_timeout_ms));
}

static ssize_t gpu_timeout_ms_store(struct device *dev,
				    struct device_attribute *attr,
				    const char *buf, size_t len)
{
	unsigned int val;

	if (kstrtouint(buf, 10, &val) || !val || val > TZ_GPU_TIMEOUT_MS_MAX)
		return -EINVAL;
	WRITE_ONCE(dev_to_tz(dev)->gpu_timeout_ms, val);
	return len;
}

static ssize_t gpu_stat_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return tz_gpu_stats_show(&dev_to_tz(dev)->gpu_stats, buf, PAGE_SIZE);
}

static DEVICE_ATTR_RW(disksize);
static DEVICE_ATTR_RO(initstate);
static DEVICE_ATTR_WO(reset);
static DEVICE_ATTR_RW(comp_algorithm);
static DEVICE_ATTR_RW(max_comp_streams);
static DEVICE_ATTR_WO(mem_limit);
static DEVICE_ATTR_WO(mem_used_max);
static DEVICE_ATTR_WO(compact);
static DEVICE_ATTR_RO(io_stat);
static DEVICE_ATTR_RO(mm_stat);
static DEVICE_ATTR_RO(debug_stat);
static DEVICE_ATTR_RW(gpu_min_pages);
static DEVICE_ATTR_RW(gpu_timeout_ms);
static DEVICE_ATTR_RO(gpu_stat);

static struct attribute *tz_dev_attrs[] = {
	&dev_attr_disksize.attr,
	&dev_attr_initstate.attr,
	&dev_attr_reset.attr,
	&dev_attr_compact.attr,
	&dev_attr_mem_limit.attr,
	&dev_attr_mem_used_max.attr,
	&dev_attr_max_comp_streams.attr,
	&dev_attr_comp_algorithm.attr,
	&dev_attr_io_stat.attr,
	&dev_attr_mm_stat.attr,
	&dev_attr_debug_stat.attr,
	&dev_attr_gpu_min_pages.attr,
	&dev_attr_gpu_timeout_ms.attr,
	&dev_attr_gpu_stat.attr,
	NULL,
};

static const struct attribute_group tz_dev_group = {
	.attrs = tz_dev_attrs,
};

const struct attribute_group *tz_dev_groups[] = {
	&tz_dev_group,
	&tz_adv_group,	/* sysfs_adv.c */
	&tz_unit_group,	/* sysfs_unit.c */
	NULL,
};
