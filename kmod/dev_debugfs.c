// SPDX-License-Identifier: GPL-2.0
/*
 * dev_debugfs.c - block_state, zram's per-page view: one line per stored
 * page, "INDEX ACCESS_TIME FLAGS", the flags s (same-filled), w (written
 * back), h (huge), i (idle), then from 6.2 r (recompressed) and n
 * (incompressible), '.' when clear (the format of this kernel's zram,
 * compat.h). tzram keeps access times in whole seconds: the fraction
 * reads 0. Beside it, tzram's own batch_stat (see below).
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include "compat.h"
#include "dev.h"
#include "dev_debugfs.h"

static struct dentry *tz_debugfs_root;

static ssize_t tz_block_state_read(struct file *file, char __user *buf,
				   size_t count, loff_t *ppos)
{
	struct tz_dev *tz = file->private_data;
	struct tz_store *st = &tz->store;
	ssize_t written = 0;
	unsigned long index;
	char *kbuf;

	kbuf = kvmalloc(count, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	down_read(&tz->init_lock);
	if (!tz_dev_ready(tz)) {
		up_read(&tz->init_lock);
		kvfree(kbuf);
		return -EINVAL;
	}
	for (index = *ppos; index < st->table.nr; index++) {
		struct tz_slot *s = tz_slot(&st->table, index);
		char flags[7];
		int n, copied;

		tz_slot_lock(s);
		if (!tz_slot_allocated(s)) {
			tz_slot_unlock(s);
			*ppos += 1;
			continue;
		}
		n = 0;
		flags[n++] = tz_slot_test(s, TZ_SLOT_SAME) ? 's' : '.';
		flags[n++] = tz_slot_test(s, TZ_SLOT_WB) ? 'w' : '.';
		flags[n++] = tz_slot_test(s, TZ_SLOT_HUGE) ? 'h' : '.';
		flags[n++] = tz_slot_test(s, TZ_SLOT_IDLE) ? 'i' : '.';
		if (TZ_ZRAM_MULTI_COMP_ERA) {
			flags[n++] = tz_slot_prio(s) ? 'r' : '.';
			flags[n++] = tz_slot_test(s, TZ_SLOT_INCOMPRESSIBLE) ? 'n' : '.';
		}
		flags[n] = 0;
		copied = snprintf(kbuf + written, count, "%12lu %12u.%06u %s\n",
				  index, READ_ONCE(st->ac_time[index]), 0, flags);
		tz_slot_unlock(s);
		if (count <= copied)
			break;
		written += copied;
		count -= copied;
		*ppos += 1;
	}
	up_read(&tz->init_lock);
	if (copy_to_user(buf, kbuf, written))
		written = -EFAULT;
	kvfree(kbuf);
	return written;
}

/*
 * batch_stat (tzram's own): what went through the codecs' batch calls
 * (comp.h), summed over the device's algorithms since init: pages
 * decompressed in batches of two or more, those calls, then the same for
 * compression. A batch is at most TZ_COMP_BATCH pages.
 */
static ssize_t tz_batch_stat_read(struct file *file, char __user *buf,
				  size_t count, loff_t *ppos)
{
	struct tz_dev *tz = file->private_data;
	u64 sum[TZ_BATCH_NR] = { 0 }, one[TZ_BATCH_NR];
	unsigned int p, i;
	char kbuf[128];
	int len;

	down_read(&tz->init_lock);
	if (tz_dev_ready(tz)) {
		for (p = 0; p < TZ_MAX_COMPS; p++) {
			tz_comp_batch_stats(&tz->store.comps[p], one);
			for (i = 0; i < TZ_BATCH_NR; i++)
				sum[i] += one[i];
		}
	}
	up_read(&tz->init_lock);
	len = scnprintf(kbuf, sizeof(kbuf), "%8llu %8llu %8llu %8llu\n",
			sum[TZ_BATCH_DECOMP_PAGES], sum[TZ_BATCH_DECOMP_CALLS],
			sum[TZ_BATCH_COMP_PAGES], sum[TZ_BATCH_COMP_CALLS]);
	return simple_read_from_buffer(buf, count, ppos, kbuf, len);
}

static const struct file_operations tz_batch_stat_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = tz_batch_stat_read,
	.llseek = default_llseek,
};

static const struct file_operations tz_block_state_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = tz_block_state_read,
	.llseek = default_llseek,
};

void tz_debugfs_init(const char *name)
{
	tz_debugfs_root = debugfs_create_dir(name, NULL);
}

void tz_debugfs_exit(void)
{
	debugfs_remove_recursive(tz_debugfs_root);
	tz_debugfs_root = NULL;
}

void tz_debugfs_add(struct tz_dev *tz)
{
	tz->debugfs_dir = debugfs_create_dir(tz->disk->disk_name, tz_debugfs_root);
	debugfs_create_file("block_state", 0400, tz->debugfs_dir, tz,
			    &tz_block_state_fops);
	debugfs_create_file("batch_stat", 0400, tz->debugfs_dir, tz,
			    &tz_batch_stat_fops);
}

void tz_debugfs_remove(struct tz_dev *tz)
{
	debugfs_remove_recursive(tz->debugfs_dir);
	tz->debugfs_dir = NULL;
}
