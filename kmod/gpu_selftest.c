// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_selftest.c - debugfs for the GPU helper path, exercising it without
 * a block device:
 *
 *   /sys/kernel/debug/tzram-gpu/stat      counters (as gpu_stat), the CPU
 *       decode rate the routing rule compares against, the helper's
 *       measured rate, the cost of a page checksum
 *   /sys/kernel/debug/tzram-gpu/selftest  write "N [timeout_ms]": compress
 *       N generated pages with our LZ4, send them as one batch, CPU-decode
 *       what the helper did not serve, compare every byte; read: result.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include "gpu_batch.h"
#include "gpu_csum.h"
#include "gpu_netlink.h"
#include "gpu_route.h"
#include "gpu_selftest.h"
#include "gpu_stats.h"
#include "tz_lz4.h"
#include "tzram_genl.h"

static DEFINE_MUTEX(tz_selftest_lock);
static char tz_selftest_result[256] = "not run\n";
static struct dentry *tz_gpu_dir;

static int tz_gpu_selftest(unsigned int n, unsigned int timeout_ms)
{
	static u32 seed = 1;
	struct tz_gpu_page *pages;
	struct tz_gpu_req req = {};
	u8 *orig = NULL, *comp = NULL, *out = NULL;
	void *work = NULL;
	unsigned int i, mism = 0, cpu = 0;
	int served, ret = -ENOMEM;
	const unsigned int cap = TZ_LZ4_BOUND(TZ_GENL_PAGE_SIZE);

	pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	orig = vmalloc(n * TZ_GENL_PAGE_SIZE);
	comp = vmalloc(n * cap);
	out = kmalloc(TZ_GENL_PAGE_SIZE, GFP_KERNEL);
	work = kmalloc(TZ_LZ4_WORKMEM_SIZE, GFP_KERNEL);
	if (!pages || !orig || !comp || !out || !work)
		goto free;
	for (i = 0; i < n; i++) {
		u8 *o = orig + i * TZ_GENL_PAGE_SIZE;
		int clen;

		tz_gpu_gen_page(o, seed++);
		clen = tz_lz4_compress(o, TZ_GENL_PAGE_SIZE, comp + i * cap,
				       TZ_GENL_MAX_CLEN - 1, work);
		if (clen <= 0) {
			ret = -EINVAL;
			goto free;
		}
		pages[i].src = comp + i * cap;
		pages[i].clen = clen;
		pages[i].alg = TZ_ALG_LZ4;
		pages[i].csum = tz_gpu_csum(o);
		pages[i].dst = alloc_page(GFP_KERNEL);
		if (!pages[i].dst)
			goto free;
	}
	req.npages = n;
	req.pages = pages;
	served = tz_gpu_decompress_batch(&req, timeout_ms);
	for (i = 0; i < n; i++) {
		struct tz_gpu_page *p = &pages[i];

		if (p->status) {	/* the CPU fallback, as the device does */
			cpu++;
			if (tz_lz4_decompress(p->src, p->clen, out,
					      TZ_GENL_PAGE_SIZE) != TZ_GENL_PAGE_SIZE)
				memset(out, 0, TZ_GENL_PAGE_SIZE);
		} else {
			memcpy_from_page(out, p->dst, 0, TZ_GENL_PAGE_SIZE);
		}
		if (memcmp(out, orig + i * TZ_GENL_PAGE_SIZE, TZ_GENL_PAGE_SIZE))
			mism++;
	}
	scnprintf(tz_selftest_result, sizeof(tz_selftest_result),
		  "pages %u served %d cpu %u mismatches %u wait_ms %u timeout_ms %u result %s\n",
		  n, served, cpu, mism, req.wait_ms, timeout_ms,
		  mism ? "FAIL" : "ok");
	ret = mism ? -EIO : 0;
free:
	if (pages)
		for (i = 0; i < n; i++)
			if (pages[i].dst)
				__free_page(pages[i].dst);
	kfree(work);
	kfree(out);
	vfree(comp);
	vfree(orig);
	kfree(pages);
	return ret;
}

static ssize_t tz_selftest_write(struct file *f, const char __user *ubuf,
				 size_t len, loff_t *pos)
{
	unsigned int n = 0, timeout = TZ_GPU_TIMEOUT_MS_DEFAULT;
	char buf[32];
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	if (sscanf(buf, "%u %u", &n, &timeout) < 1 || !n ||
	    n > TZ_GENL_MAX_PAGES || timeout > TZ_GPU_TIMEOUT_MS_MAX)
		return -EINVAL;
	mutex_lock(&tz_selftest_lock);
	ret = tz_gpu_selftest(n, timeout);
	mutex_unlock(&tz_selftest_lock);
	return ret ? ret : len;
}

static ssize_t tz_selftest_read(struct file *f, char __user *ubuf, size_t len,
				loff_t *pos)
{
	char buf[sizeof(tz_selftest_result)];

	mutex_lock(&tz_selftest_lock);
	strscpy(buf, tz_selftest_result, sizeof(buf));
	mutex_unlock(&tz_selftest_lock);
	return simple_read_from_buffer(ubuf, len, pos, buf, strlen(buf));
}

static const struct file_operations tz_selftest_fops = {
	.owner = THIS_MODULE,
	.read = tz_selftest_read,
	.write = tz_selftest_write,
	.llseek = default_llseek,
};

static int tz_stat_show(struct seq_file *m, void *v)
{
	int i;

	for (i = 1; i <= TZ_S_MAX; i++)
		seq_printf(m, "%s %lld\n", tz_gpu_stat_name(i),
			   (long long)atomic64_read(&tz_gpu_global.c[i]));
	seq_printf(m, "cpu_mbps %u\nhelper_mbps %u\ncsum_ns %u\n",
		   tz_gpu_cpu_mbps(), tz_gpu_helper_rate(), tz_gpu_csum_ns());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tz_stat);

void tz_gpu_debugfs_init(void)
{
	tz_gpu_dir = debugfs_create_dir("tzram-gpu", NULL);
	debugfs_create_file("selftest", 0600, tz_gpu_dir, NULL, &tz_selftest_fops);
	debugfs_create_file("stat", 0400, tz_gpu_dir, NULL, &tz_stat_fops);
}

void tz_gpu_debugfs_exit(void)
{
	/* Waits for running self-tests; then none can start. */
	debugfs_remove(tz_gpu_dir);
}
