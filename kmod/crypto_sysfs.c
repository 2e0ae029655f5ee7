// SPDX-License-Identifier: GPL-2.0
/*
 * crypto_sysfs.c - /sys/kernel/tzram/crypto_stat: who used our crypto
 * algorithms and how. A header line, then one line per algorithm:
 *   algo comp_calls comp_in comp_out decomp_calls decomp_in decomp_out
 *        simd_calls scalar_calls errors
 * (bytes in/out; errors include "does not fit" results, which zswap gets
 * for incompressible pages).
 */
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include "crypto_glue.h"
#include "crypto_sysfs.h"

static ssize_t crypto_stat_show(struct kobject *kobj, struct kobj_attribute *attr,
				char *buf)
{
	ssize_t n;
	unsigned int i;

	/* The file exists only while our algorithms are registered. */
	n = sysfs_emit(buf, "algo comp_calls comp_in comp_out decomp_calls decomp_in decomp_out simd_calls scalar_calls errors\n");
	for (i = 0; i < tz_crypto_ncodecs; i++) {
		struct tz_crypto_stat s;

		tz_crypto_stat_sum(&tz_crypto_codecs[i], &s);
		n += sysfs_emit_at(buf, n, "%s %llu %llu %llu %llu %llu %llu %llu %llu %llu\n",
				   tz_crypto_codecs[i].codec->name, s.comp_calls, s.comp_in,
				   s.comp_out, s.decomp_calls, s.decomp_in, s.decomp_out,
				   s.simd_calls, s.scalar_calls, s.errors);
	}
	return n;
}

static struct kobj_attribute crypto_stat_attr = __ATTR_RO(crypto_stat);
static struct kobject *tz_kernel_kobj;

/* /sys/kernel/tzram/ holds module-wide (not per-device) counters. */
int tz_crypto_sysfs_init(void)
{
	int ret;

	tz_kernel_kobj = kobject_create_and_add("tzram", kernel_kobj);
	if (!tz_kernel_kobj)
		return -ENOMEM;
	ret = sysfs_create_file(tz_kernel_kobj, &crypto_stat_attr.attr);
	if (ret) {
		kobject_put(tz_kernel_kobj);
		tz_kernel_kobj = NULL;
	}
	return ret;
}

void tz_crypto_sysfs_exit(void)
{
	if (!tz_kernel_kobj)
		return;
	sysfs_remove_file(tz_kernel_kobj, &crypto_stat_attr.attr);
	kobject_put(tz_kernel_kobj);
	tz_kernel_kobj = NULL;
}
