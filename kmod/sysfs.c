// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs.c - per-device attributes (/sys/block/<dev>/...) with zram's
 * names, semantics, output formats and error codes, in one list as
 * zram's: the base ABI, the post-processing attributes (6.12's on every
 * kernel: algorithm_params, recomp_algorithm, recompress, idle,
 * backing_dev, writeback, writeback_limit(_enable), bd_stat), and
 * tzram's own (auto_stat, gpu_*, unit_*). Malformed writes change nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/kernel_read_file.h>
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
#include "unit.h"

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
	if (TZ_ZRAM_WB_BATCH_ERA)	/* writestall is no longer counted */
		ret = sysfs_emit(buf, "version: %d\n0 %8llu\n", 1,
				 (u64)atomic64_read(&tz->stats.miss_free));
	else
		ret = sysfs_emit(buf, "version: %d\n%8llu %8llu\n", 1,
				 (u64)atomic64_read(&tz->stats.writestall),
				 (u64)atomic64_read(&tz->stats.miss_free));
	up_read(&tz->init_lock);
	return ret;
}

/*
 * GPU helper reads (gpu_dev.c). gpu_min_pages: smallest read bio, in
 * pages, that goes to the helper (0: none, and no tags are kept for
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

/*
 * Units (unit.h). unit_max_pages: the largest run of pages compressed as
 * one, 1 (off: zram's behaviour), 2, 4, 8 or 16; like comp_algorithm, set
 * before disksize (-EBUSY after), back to the default at reset.
 * unit_stat: units_stored pages_in_units unit_reads partial_reads
 * partial_hits units_split, zeroes while not initialised.
 */
static ssize_t unit_max_pages_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct tz_dev *tz = dev_to_tz(dev);
	unsigned int val;

	down_read(&tz->init_lock);
	val = tz->unit_max_pages;
	up_read(&tz->init_lock);
	return sysfs_emit(buf, "%u\n", val);
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
	ret = sysfs_emit(buf, "%8llu %8llu %8llu %8llu %8llu %8llu\n",
			 v[0], v[1], v[2], v[3], v[4], v[5]);
	up_read(&tz->init_lock);
	return ret;
}

/*
 * dict=PATH as zram's comp_params_store(): the kernel reads the whole
 * file (zram's limit INT_MAX); any failure (missing, not a regular file,
 * empty, too large) is -EINVAL, as zram answers. Returns the bytes read.
 */
static ssize_t tz_read_dict(struct tz_dev *tz, const char *path, void **data)
{
	ssize_t sz;

	*data = NULL;
	sz = kernel_read_file_from_path(path, 0, data, INT_MAX, NULL,
					READING_POLICY);
	if (sz < 0) {
		pr_err("%s: dict=%s: cannot read the dictionary: %zd\n",
		       tz->disk->disk_name, path, sz);
		*data = NULL;
		return -EINVAL;
	}
	return sz;
}

/*
 * "priority=N level=L dict=PATH" or "algo=NAME ...", as zram's: the
 * parameters of one priority, replacing all its earlier ones (a write
 * without dict= drops the dictionary). Applies from the next init, as
 * zram's (streams and the prepared dictionary are made there); on any
 * error the settings stay as they were.
 */
static ssize_t algorithm_params_store(struct device *dev,
				      struct device_attribute *attr,
				      const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	int prio = 0, level = TZ_COMP_NO_LEVEL, ret;
	char *args, *param, *val, *algo = NULL, *path = NULL;
	char *copy = kstrndup(buf, len, GFP_KERNEL);
	void *dict = NULL;
	ssize_t dict_sz = 0;

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
			path = val;
	}
	down_write(&tz->init_lock);
	if (!ret && TZ_ZRAM_WB_BATCH_ERA && tz_dev_ready(tz))
		ret = -EBUSY;	/* later zram: parameters only before init */
	if (!ret && algo) {
		for (prio = 0; prio < TZ_MAX_COMPS; prio++)
			if (tz->comp_algs[prio] &&
			    !strcmp(tz->comp_algs[prio]->codec->name, algo))
				break;
	}
	if (!ret && (prio < 0 || prio >= TZ_MAX_COMPS))
		ret = -EINVAL;
	if (!ret && path) {
		dict_sz = tz_read_dict(tz, path, &dict);
		if (dict_sz < 0)
			ret = dict_sz;
	}
	if (!ret) {
		tz_comp_params_clear_dict(&tz->params[prio]);
		tz->params[prio].level = level;
		tz->params[prio].dict = dict;
		tz->params[prio].dict_sz = dict_sz;
	}
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
	bool all = false;
	u64 age = 0;
	u32 age32;

	/*
	 * "all", or an age in seconds (a u32 on later kernels; which pages
	 * an age selects: dev_idle.c).
	 */
	if (sysfs_streq(buf, "all"))
		all = true;
	else if (TZ_ZRAM_WB_BATCH_ERA && !kstrtou32(buf, 0, &age32))
		age = age32;
	else if (TZ_ZRAM_WB_BATCH_ERA || kstrtoull(buf, 0, &age))
		return -EINVAL;
	down_read(&tz->init_lock);
	if (tz_dev_ready(tz))
		tz_mark_idle(&tz->store, all, age);
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

/*
 * writeback_batch_size: most writeback writes in flight (later kernels;
 * kept across reset, as zram's). compressed_writeback: write pages to the
 * backing device as stored (compressed) rather than decompressed; set
 * before init.
 */
static ssize_t writeback_batch_size_show(struct device *dev,
					 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(dev_to_tz(dev)->wb_batch_size));
}

static ssize_t writeback_batch_size_store(struct device *dev,
					  struct device_attribute *attr,
					  const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	u32 val;

	if (kstrtou32(buf, 10, &val) || !val)
		return -EINVAL;
	down_write(&tz->init_lock);
	WRITE_ONCE(tz->wb_batch_size, val);
	up_write(&tz->init_lock);
	return len;
}

static ssize_t compressed_writeback_show(struct device *dev,
					 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(dev_to_tz(dev)->compressed_wb));
}

static ssize_t compressed_writeback_store(struct device *dev,
					  struct device_attribute *attr,
					  const char *buf, size_t len)
{
	struct tz_dev *tz = dev_to_tz(dev);
	int ret = 0;
	bool val;

	if (kstrtobool(buf, &val))
		return -EINVAL;
	down_write(&tz->init_lock);
	if (tz_dev_ready(tz))
		ret = -EBUSY;
	else
		WRITE_ONCE(tz->compressed_wb, val);
	up_write(&tz->init_lock);
	return ret ? ret : len;
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
static DEVICE_ATTR_RW(writeback_batch_size);
static DEVICE_ATTR_RW(compressed_writeback);
static DEVICE_ATTR_RO(bd_stat);
static DEVICE_ATTR_RW(recomp_algorithm);
static DEVICE_ATTR_WO(recompress);
static DEVICE_ATTR_WO(algorithm_params);
static DEVICE_ATTR_RO(auto_stat);
static DEVICE_ATTR_RW(gpu_min_pages);
static DEVICE_ATTR_RW(gpu_timeout_ms);
static DEVICE_ATTR_RO(gpu_stat);
static DEVICE_ATTR_RW(unit_max_pages);
static DEVICE_ATTR_RO(unit_stat);

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
	&dev_attr_writeback_batch_size.attr,
	&dev_attr_compressed_writeback.attr,
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
	&dev_attr_unit_max_pages.attr,
	&dev_attr_unit_stat.attr,
	NULL,
};

/* Attributes this kernel's zram does not have are hidden (compat.h). */
static umode_t tz_dev_attr_visible(struct kobject *kobj, struct attribute *a,
				   int n)
{
	if (a == &dev_attr_max_comp_streams.attr)
		return TZ_ZRAM_MAX_COMP_STREAMS ? a->mode : 0;
	if (a == &dev_attr_writeback_batch_size.attr ||
	    a == &dev_attr_compressed_writeback.attr)
		return TZ_ZRAM_WB_BATCH_ERA ? a->mode : 0;
	return a->mode;
}

/* zram's ATTRIBUTE_GROUPS(zram_disk), not static: disk.c adds the disk. */
static const struct attribute_group tz_dev_group = {
	.attrs = tz_dev_attrs,
	.is_visible = tz_dev_attr_visible,
};

const struct attribute_group *tz_dev_groups[] = {
	&tz_dev_group,
	NULL,
};
