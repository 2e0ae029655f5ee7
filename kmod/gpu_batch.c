// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_batch.c - one batch to the helper and back: build the request,
 * wait at most the timeout, verify every returned page against the
 * checksum recorded at write time (XXH64 of the 4 KiB page), copy the
 * good ones into place. Counters, the routing rule, and a debugfs
 * self-test that exercises the whole path without a block device:
 *
 *   /sys/kernel/debug/tzram-gpu/stat      counters (as gpu_stat)
 *   /sys/kernel/debug/tzram-gpu/selftest  write "N [timeout_ms]": compress
 *       N generated pages with our LZ4, send them as one batch, CPU-decode
 *       what the helper did not serve, compare every byte; read: result.
 *
 * Routing rule (module parameter gpu_route): 0 never, 2 always (when a
 * helper is registered and healthy), 1 auto (default): route a read to
 * the helper only if its measured end-to-end rate (MB/s of verified pages
 * over the batch's wall time: message build, both netlink copies, helper
 * work, verification) beats this kernel's single-thread CPU decode rate
 * measured at load. Before the first measurement the helper's own claim
 * (TZ_A_MBPS) stands in; while the helper loses, one eligible batch in 32
 * still goes to it so that its rate keeps being measured.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/xxhash.h>
#include <net/genetlink.h>
#include "gpu.h"
#include "tz_lz4.h"

struct tz_gpu_stats tz_gpu_global;

static int gpu_route = 1;
module_param(gpu_route, int, 0644);
MODULE_PARM_DESC(gpu_route, "GPU helper routing: 0 never, 1 auto (when measured faster), 2 always");

static u32 tz_cpu_mbps;			/* this kernel's LZ4 page decode rate */
static u32 tz_csum_ns;			/* tz_gpu_csum() of one page, ns */
static atomic_t tz_e2e_mbps;		/* helper's measured rate, 0: none yet */
static atomic_t tz_probe_tick;
static atomic64_t tz_batch_id;

static const char *const tz_stat_names[TZ_S_MAX + 1] = {
	[TZ_S_BATCHES]		= "batches",
	[TZ_S_PAGES]		= "pages",
	[TZ_S_BYTES]		= "bytes",
	[TZ_S_FB_NOHELPER]	= "fallback_nohelper",
	[TZ_S_FB_NOMEM]		= "fallback_nomem",
	[TZ_S_FB_SEND]		= "fallback_send",
	[TZ_S_FB_TIMEOUT]	= "fallback_timeout",
	[TZ_S_FB_DEATH]		= "fallback_death",
	[TZ_S_FB_MALFORMED]	= "fallback_malformed",
	[TZ_S_FB_CHECKSUM]	= "fallback_checksum",
	[TZ_S_FB_PAGE]		= "fallback_page",
	[TZ_S_LATE]		= "late_replies",
	[TZ_S_REGISTERS]	= "registers",
};

void tz_gpu_stats_add(struct tz_gpu_stats *s, int stat, u64 v)
{
	atomic64_add(v, &s->c[stat]);
}

static void tz_stat(struct tz_gpu_req *req, int stat, u64 v)
{
	tz_gpu_stats_add(&tz_gpu_global, stat, v);
	if (req->stats)
		tz_gpu_stats_add(req->stats, stat, v);
}

ssize_t tz_gpu_stats_show(const struct tz_gpu_stats *s, char *buf, size_t size)
{
	ssize_t n = 0;
	int i;

	for (i = 1; i <= TZ_S_MAX; i++)
		n += scnprintf(buf + n, size - n, "%s %lld\n", tz_stat_names[i],
			       (long long)atomic64_read(&s->c[i]));
	return n;
}

u64 tz_gpu_csum(const void *page)
{
	return xxh64(page, TZ_GENL_PAGE_SIZE, 0);
}

void tz_gpu_route_reset(void)
{
	atomic_set(&tz_e2e_mbps, 0);
}

bool tz_gpu_available(unsigned int npages)
{
	u32 portid, mbps, e2e;
	int route = READ_ONCE(gpu_route);

	if (PAGE_SIZE != TZ_GENL_PAGE_SIZE || route <= 0 || !npages ||
	    npages > TZ_GENL_MAX_PAGES)
		return false;
	/* Reclaim (and so swap-in under pressure) never waits on userspace. */
	if (current->flags & PF_MEMALLOC)
		return false;
	if (!tz_gpu_helper_healthy(&portid, &mbps))
		return false;
	if (route >= 2)
		return true;
	e2e = atomic_read(&tz_e2e_mbps);
	if ((e2e ? e2e : mbps) > tz_cpu_mbps)
		return true;
	return (atomic_inc_return(&tz_probe_tick) & 31) == 0;
}

/* Pages of a verified reply into place; returns pages served. */
static int tz_gpu_take_reply(struct tz_gpu_req *req, const struct nlmsghdr *nlh)
{
	const struct nlattr *nla;
	int rem, served = 0;

	nla_for_each_attr(nla, genlmsg_data(nlmsg_data(nlh)),
			  genlmsg_len(nlmsg_data(nlh)), rem) {
		const struct tz_genl_rpage *r;
		struct tz_gpu_page *p;
		const void *data;

		/* Shape already checked by tz_gpu_check_reply(). */
		if (nla_type(nla) != TZ_A_RPAGE)
			continue;
		r = nla_data(nla);
		if (r->status)
			continue;
		p = &req->pages[r->index];
		data = r + 1;
		if (tz_gpu_csum(data) != p->csum) {
			tz_stat(req, TZ_S_FB_CHECKSUM, 1);
			p->status = -EBADMSG;
			continue;
		}
		memcpy_to_page(p->dst, 0, data, PAGE_SIZE);
		p->status = 0;
		served++;
	}
	return served;
}

int tz_gpu_decompress_batch(struct tz_gpu_req *req, unsigned int timeout_ms)
{
	const struct nlmsghdr *nlh;
	struct tz_gpu_batch b;
	struct sk_buff *skb, *reply;
	size_t payload, bytes = 0;
	unsigned long left;
	u32 portid, mbps;
	ktime_t t0;
	unsigned int i;
	int ret, cause, served = 0, bad;
	void *hdr;

	req->wait_ms = 0;
	for (i = 0; i < req->npages; i++)
		req->pages[i].status = -EAGAIN;
	if (PAGE_SIZE != TZ_GENL_PAGE_SIZE || !req->npages ||
	    req->npages > TZ_GENL_MAX_PAGES || (current->flags & PF_MEMALLOC) ||
	    !tz_gpu_helper_healthy(&portid, &mbps)) {
		tz_stat(req, TZ_S_FB_NOHELPER, 1);
		return 0;
	}
	timeout_ms = min_t(unsigned int, timeout_ms, TZ_GPU_TIMEOUT_MS_MAX);

	payload = nla_total_size_64bit(sizeof(u64)) + nla_total_size(sizeof(u32));
	for (i = 0; i < req->npages; i++) {
		struct tz_gpu_page *p = &req->pages[i];

		if (!p->clen || p->clen > TZ_GENL_MAX_CLEN) {
			tz_stat(req, TZ_S_FB_MALFORMED, 1);
			return 0;
		}
		payload += nla_total_size(sizeof(struct tz_genl_page) + p->clen);
		bytes += p->clen;
	}
	t0 = ktime_get();
	skb = tz_gpu_batch_msg(payload, &hdr);
	if (!skb) {
		tz_stat(req, TZ_S_FB_NOMEM, 1);
		return 0;
	}
	b.id = atomic64_inc_return(&tz_batch_id);
	b.npages = req->npages;
	if (nla_put_u64_64bit(skb, TZ_A_BATCH_ID, b.id, TZ_A_PAD) ||
	    nla_put_u32(skb, TZ_A_NPAGES, req->npages))
		goto nospace;
	for (i = 0; i < req->npages; i++) {
		struct tz_gpu_page *p = &req->pages[i];
		struct tz_genl_page *h;
		struct nlattr *nla;

		nla = nla_reserve(skb, TZ_A_PAGE, sizeof(*h) + p->clen);
		if (!nla)
			goto nospace;
		h = nla_data(nla);
		h->index = i;
		h->clen = p->clen;
		h->alg = p->alg;
		h->reserved = 0;
		memcpy(h + 1, p->src, p->clen);
	}
	genlmsg_end(skb, hdr);

	if (tz_gpu_batch_start(&b, portid)) {
		nlmsg_free(skb);
		tz_stat(req, TZ_S_FB_NOHELPER, 1);
		return 0;
	}
	ret = tz_gpu_send_batch(skb, portid);
	if (ret) {
		tz_gpu_batch_finish(&b, &cause, &nlh);
		tz_stat(req, TZ_S_FB_SEND, 1);
		tz_gpu_helper_failed();
		return 0;
	}
	tz_stat(req, TZ_S_BYTES, bytes);
	left = wait_for_completion_io_timeout(&b.done, msecs_to_jiffies(timeout_ms));
	reply = tz_gpu_batch_finish(&b, &cause, &nlh);
	if (!reply) {
		if (!cause)
			cause = TZ_S_FB_TIMEOUT;
		tz_stat(req, cause, 1);
		tz_gpu_helper_failed();
		goto out;
	}
	served = tz_gpu_take_reply(req, nlh);
	consume_skb(reply);
	tz_stat(req, TZ_S_BATCHES, 1);
	tz_stat(req, TZ_S_PAGES, served);
	for (i = 0, bad = 0; i < req->npages; i++)
		bad += req->pages[i].status == -EBADMSG;
	if (served + bad < req->npages)
		tz_stat(req, TZ_S_FB_PAGE, req->npages - served - bad);
	if (bad) {
		tz_gpu_helper_failed();		/* wrong bytes: stop trusting it */
	} else {
		u64 ns = max_t(u64, ktime_to_ns(ktime_sub(ktime_get(), t0)), 1);
		u32 rate = div64_u64((u64)served * PAGE_SIZE * 1000, ns);
		u32 old = atomic_read(&tz_e2e_mbps);

		atomic_set(&tz_e2e_mbps, old ? (old * 3 + rate) / 4 : rate);
		tz_gpu_helper_ok();
	}
out:
	req->wait_ms = ktime_to_ms(ktime_sub(ktime_get(), t0));
	return served;
nospace:
	nlmsg_free(skb);
	tz_stat(req, TZ_S_FB_NOMEM, 1);
	return 0;
}

/* ---- self-test and debugfs --------------------------------------- */

static DEFINE_MUTEX(tz_selftest_lock);
static char tz_selftest_result[256] = "not run\n";
static struct dentry *tz_gpu_dir;

/* A compressible, varied page: words from a small dictionary. */
static void tz_gen_page(u8 *p, u32 seed)
{
	static const char *const words[] = {
		"tzram ", "page ", "batch ", "helper ", "0000", "lz4 ",
		"kernel ", "\n", "zstd ", "gpu ", "ffff", "netlink ",
	};
	unsigned int n = 0;

	while (n < TZ_GENL_PAGE_SIZE) {
		const char *w;
		unsigned int l;

		seed = seed * 1103515245 + 12345;
		w = words[(seed >> 16) % ARRAY_SIZE(words)];
		l = min_t(unsigned int, strlen(w), TZ_GENL_PAGE_SIZE - n);
		memcpy(p + n, w, l);
		n += l;
		if ((seed >> 8) % 7 == 0 && n < TZ_GENL_PAGE_SIZE)
			p[n++] = seed >> 24;
	}
}

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

		tz_gen_page(o, seed++);
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
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	tz_gpu_stats_show(&tz_gpu_global, buf, PAGE_SIZE);
	seq_puts(m, buf);
	seq_printf(m, "cpu_mbps %u\nhelper_mbps %u\ncsum_ns %u\n", tz_cpu_mbps,
		   atomic_read(&tz_e2e_mbps), tz_csum_ns);
	kfree(buf);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tz_stat);

/*
 * Single-thread LZ4 decode rate of a generated page, MB/s, and the cost
 * of the per-page checksum the device records at write time.
 */
static void tz_measure_cpu(void)
{
	u8 *page = kmalloc(TZ_GENL_PAGE_SIZE, GFP_KERNEL);
	u8 *comp = kmalloc(TZ_LZ4_BOUND(TZ_GENL_PAGE_SIZE), GFP_KERNEL);
	void *work = kmalloc(TZ_LZ4_WORKMEM_SIZE, GFP_KERNEL);
	int clen, i, runs = 32;
	ktime_t t0;
	u64 ns;

	tz_cpu_mbps = 1000;
	if (!page || !comp || !work)
		goto out;
	tz_gen_page(page, 42);
	clen = tz_lz4_compress(page, TZ_GENL_PAGE_SIZE, comp,
			       TZ_LZ4_BOUND(TZ_GENL_PAGE_SIZE), work);
	if (clen <= 0)
		goto out;
	t0 = ktime_get();
	for (i = 0; i < runs; i++)
		tz_lz4_decompress(comp, clen, page, TZ_GENL_PAGE_SIZE);
	ns = max_t(u64, ktime_to_ns(ktime_sub(ktime_get(), t0)), 1);
	tz_cpu_mbps = max_t(u64, div64_u64((u64)runs * TZ_GENL_PAGE_SIZE * 1000, ns), 1);
	t0 = ktime_get();
	for (i = 0; i < runs; i++)
		*(u64 *)comp ^= tz_gpu_csum(page);	/* xxh64() is out of line */
	tz_csum_ns = div64_u64(ktime_to_ns(ktime_sub(ktime_get(), t0)), runs);
out:
	kfree(work);
	kfree(comp);
	kfree(page);
}

int tz_gpu_init(void)
{
	int ret;

	tz_measure_cpu();
	ret = tz_gpu_nl_init();
	if (ret) {
		pr_err("gpu: generic netlink family: %d\n", ret);
		return ret;
	}
	tz_gpu_dir = debugfs_create_dir("tzram-gpu", NULL);
	debugfs_create_file("selftest", 0600, tz_gpu_dir, NULL, &tz_selftest_fops);
	debugfs_create_file("stat", 0400, tz_gpu_dir, NULL, &tz_stat_fops);
	pr_info("gpu: netlink family %s v%d, cpu decode %u MB/s, page checksum %u ns\n",
		TZ_GENL_NAME, TZ_GENL_VERSION, tz_cpu_mbps, tz_csum_ns);
	return 0;
}

void tz_gpu_exit(void)
{
	/* Waits for running self-tests; then no batch can start. */
	debugfs_remove(tz_gpu_dir);
	tz_gpu_nl_exit();
}
