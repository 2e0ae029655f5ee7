// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs.c - per-device attributes (/sys/block/<dev>/...) with zram's
 * names, semantics, output formats and error codes, in one list as
 * zram's: the base ABI, the post-processing attributes (6.12's on every
 * kernel: algorithm_params, recomp_algorithm, recompress, idle,
 * backing_dev, writeback, writeback_limit(_enable), bd_stat), and
 * tzram's own (auto_stat, gpu_*). Malformed writes change nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/zsmalloc.h>
#include "compat.h"
#include "dev.h"
#include "dev_idle.h"
#include "dev_recomp.h"
#include "dev_writeback.h"
#include "gpu_dev.h"
#include "parse.h"
#include "sysfs.h"

/*
 * Table indexes are u32 (as zram's): 16 TiB with 4 KiB pages. zram fails
 * a larger size when it cannot allocate its table: -ENOMEM, so do we.
 */
#define TZ_DISKSIZE_MAX ((u64)U32_MAX << PAGE_SHIFT)

static ssize_t disksize_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%llu\n", dev_to_tz(dev)->disksize);
}

/* zram's: memparse(), 0 (also: nothing parsed) is -EINVAL. */
static ssize_t disksize_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	u64 size = 0;
	int ret;

	tz_parse_size(buf, &size);
	if (!size)
		return -EINVAL;

	down_write(&tz->init_lock);
	if (tz_dev_ready(tz)) {
		pr_info("%s: cannot change disksize of an initialised device\n",
			tz->disk->disk_name);
		ret = -EBUSY;
	} else if (size > TZ_DISKSIZE_MAX) {
		ret = -ENOMEM;
	} else {
		ret = tz_dev_init(tz, PAGE_ALIGN(size));
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
	return sysfs_emit(buf, "%u\n", val);
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
	sz = tz_comp_show_available(tz->comp_algs[TZ_PRIMARY_COMP], buf, 0);
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

	if (IS_ERR_OR_NULL(alg))
		return alg ? PTR_ERR(alg) : -EINVAL;
	down_write(&tz->init_lock);
	if (tz_dev_ready(tz)) {
		pr_info("%s: cannot change algorithm of an initialised device\n",
			tz->disk->disk_name);
		ret = -EBUSY;
	} else {
		tz->comp_algs[TZ_PRIMARY_COMP] = alg;
	}
	up_write(&tz->init_lock);
	return ret ? ret : len;
}

/* Streams are per CPU; like zram, the knob is kept and ignored. */
static ssize_t max_comp_streams_show(struct device *dev,
				     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", num_online_cpus());
}

static ssize_t max_comp_streams_store(struct device *dev,
				      struct device_attribute *attr,
				      const char *buf, size_t len)
{
	return len;
}

/* zram's: memparse(), any value (0: no limit), nothing parsed is -EINVAL. */
static ssize_t mem_limit_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	u64 limit;
	int ret;

	ret = tz_parse_size(buf, &limit);
	if (ret)
		return ret;
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
		ret = sysfs_emit(buf, "%8llu %8llu %8llu %8llu\n",
				(u64)atomic64_read(&s->failed_reads),
				(u64)atomic64_read(&s->failed_writes),
				(u64)atomic64_read(&s->invalid_io),
				(u64)atomic64_read(&s->notify_free));
	else
		ret = sysfs_emit(buf, "%8llu %8llu 0 %8llu\n",
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
	ret = sysfs_emit(buf,
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
	ret = sysfs_emit(buf, "version: %d\n%8llu %8llu\n", 1,
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
	return sysfs_emit(buf, "%u\n",
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
	return sysfs_emit(buf, "%u\n",
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
	return tz_gpu_stats_show(&dev_to_tz(dev)->gpu_stats, buf);
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
			if (tz->comp_algs[prio] &&
			    !strcmp(tz->comp_algs[prio]->codec->name, algo))
				break;
	}
	if (!ret && (prio < 0 || prio >= TZ_MAX_COMPS))
		ret = -EINVAL;
	/* Applies from the next init, as zram's (streams are made there). */
	if (!ret)
		tz->params[prio].level = level;
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
	for (p = TZ_SECONDARY_COMP; p < TZ_MAX_COMPS; p++) {
		if (!tz->comp_algs[p])
			continue;
		sz += sysfs_emit_at(buf, sz, "#%u: ", p);
		sz += tz_comp_show_available(tz->comp_algs[p], buf, sz);
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
	if (!ret && (!name || prio < TZ_SECONDARY_COMP || prio >= TZ_MAX_COMPS))
		ret = -EINVAL;
	if (!ret) {
		alg = tz_comp_find(name);
		if (IS_ERR_OR_NULL(alg))
			ret = alg ? PTR_ERR(alg) : -EINVAL;
	}
	if (!ret) {
		down_write(&tz->init_lock);
		if (tz_dev_ready(tz))
			ret = -EBUSY;
		else
			tz->comp_algs[prio] = alg;
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
	if (!tz_backing_present(&tz->backing)) {
		up_read(&tz->init_lock);
		return sysfs_emit(buf, "none\n");
	}
	p = file_path(tz->backing.file, buf, PAGE_SIZE - 1);
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
		ret = tz_backing_open(&tz->backing, path);
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
	return tz_writeback_run(dev_to_tz(dev), buf, len);
}

static ssize_t writeback_limit_enable_show(struct device *dev,
					   struct device_attribute *attr,
					   char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	bool val;

	spin_lock(&tz->wb_limit_lock);
	val = tz->wb_limit_enable;
	spin_unlock(&tz->wb_limit_lock);
	return sysfs_emit(buf, "%d\n", val);
}

static ssize_t writeback_limit_enable_store(struct device *dev,
					    struct device_attribute *attr,
					    const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	u64 val;

	if (kstrtoull(buf, 10, &val))
		return -EINVAL;
	spin_lock(&tz->wb_limit_lock);
	tz->wb_limit_enable = val;
	spin_unlock(&tz->wb_limit_lock);
	return len;
}

static ssize_t writeback_limit_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	u64 val;

	spin_lock(&tz->wb_limit_lock);
	val = tz->wb_limit;
	spin_unlock(&tz->wb_limit_lock);
	return sysfs_emit(buf, "%llu\n", val);
}

static ssize_t writeback_limit_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	u64 val;

	if (kstrtoull(buf, 10, &val))
		return -EINVAL;
	spin_lock(&tz->wb_limit_lock);
	tz->wb_limit = val;
	spin_unlock(&tz->wb_limit_lock);
	return len;
}

/* bd_count bd_reads bd_writes, in 4 KiB units as zram's. */
static ssize_t bd_stat_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	unsigned int k = PAGE_SHIFT - 12;

	return sysfs_emit(buf, "%8llu %8llu %8llu\n",
			  (u64)atomic64_read(&tz->backing.count) << k,
			  (u64)atomic64_read(&tz->backing.reads) << k,
			  (u64)atomic64_read(&tz->backing.writes) << k);
}

/* tzram: pages the "auto" algorithm stored raw, with LZ4, with ZSTD. */
static ssize_t auto_stat_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	u64 n[TZ_AUTO_NR] = {};

	down_read(&tz->init_lock);
	if (tz_dev_ready(tz))
		tz_comp_auto_stats(&tz->store.comps[TZ_PRIMARY_COMP], n);
	up_read(&tz->init_lock);
	return sysfs_emit(buf, "%8llu %8llu %8llu\n", n[TZ_AUTO_RAW],
			  n[TZ_AUTO_LZ4], n[TZ_AUTO_ZSTD]);
}

static DEVICE_ATTR_RW(disksize);
static DEVICE_ATTR_RO(initstate);
static DEVICE_ATTR_WO(reset);
static DEVICE_ATTR_WO(compact);
static DEVICE_ATTR_WO(mem_limit);
static DEVICE_ATTR_WO(mem_used_max);
static DEVICE_ATTR_RW(max_comp_streams);
static DEVICE_ATTR_RW(comp_algorithm);
static DEVICE_ATTR_RO(io_stat);
static DEVICE_ATTR_RO(mm_stat);
static DEVICE_ATTR_RO(debug_stat);
static DEVICE_ATTR_WO(idle);
static DEVICE_ATTR_RW(backing_dev);
static DEVICE_ATTR_WO(writeback);
static DEVICE_ATTR_RW(writeback_limit);
static DEVICE_ATTR_RW(writeback_limit_enable);
static DEVICE_ATTR_RO(bd_stat);
static DEVICE_ATTR_RW(recomp_algorithm);
static DEVICE_ATTR_WO(recompress);
static DEVICE_ATTR_WO(algorithm_params);
static DEVICE_ATTR_RO(auto_stat);
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
	&dev_attr_idle.attr,
	&dev_attr_max_comp_streams.attr,
	&dev_attr_comp_algorithm.attr,
	&dev_attr_backing_dev.attr,
	&dev_attr_writeback.attr,
	&dev_attr_writeback_limit.attr,
	&dev_attr_writeback_limit_enable.attr,
	&dev_attr_io_stat.attr,
	&dev_attr_mm_stat.attr,
	&dev_attr_bd_stat.attr,
	&dev_attr_debug_stat.attr,
	&dev_attr_recomp_algorithm.attr,
	&dev_attr_recompress.attr,
	&dev_attr_algorithm_params.attr,
	&dev_attr_auto_stat.attr,
	&dev_attr_gpu_min_pages.attr,
	&dev_attr_gpu_timeout_ms.attr,
	&dev_attr_gpu_stat.attr,
	NULL,
};

/* zram's ATTRIBUTE_GROUPS(zram_disk), not static: disk.c adds the disk. */
static const struct attribute_group tz_dev_group = {
	.attrs = tz_dev_attrs,
};

const struct attribute_group *tz_dev_groups[] = {
	&tz_dev_group,
	NULL,
};
