// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - tzram module entry: load/unload and the version banner.
 * Lower layers first: codecs, crypto API algorithms, the GPU helper path;
 * the devices last, so nothing they use is missing while they exist.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include "control.h"
#include "crypto_reg.h"
#include "gpu_netlink.h"
#include "gpu_route.h"
#include "gpu_selftest.h"
#include "tz_cpu.h"
#include "tz_probes.h"	/* only for TZ_PROBES_SET: what this build found */
#include "tzram.h"
#include "tzram_genl.h"

static int __init tzram_init(void)
{
	int ret;

	tz_cpu_init();
	pr_info("codec variant: %s\n", tz_variant_name(tz_variant_active()));
	ret = tz_crypto_init();
	if (ret)
		goto err;
	tz_gpu_route_init();
	ret = tz_gpu_nl_init();
	if (ret) {
		pr_err("gpu: generic netlink family: %d\n", ret);
		goto err_crypto;
	}
	tz_gpu_debugfs_init();
	pr_info("gpu: netlink family %s v%d, cpu decode %u MB/s, page checksum %u ns\n",
		TZ_GENL_NAME, TZ_GENL_VERSION, tz_gpu_cpu_mbps(), tz_gpu_csum_ns());
	ret = tz_control_init();
	if (ret)
		goto err_gpu;
	/* Which kernel APIs the build probes found: bug reports need it. */
	pr_info("build probes:%s\n", TZ_PROBES_SET[0] ? TZ_PROBES_SET : " none");
	pr_info("version %s loaded\n", TZRAM_VERSION);
	return 0;

err_gpu:
	tz_gpu_debugfs_exit();
	tz_gpu_nl_exit();
err_crypto:
	tz_crypto_exit();
err:
	return ret;
}

static void __exit tzram_exit(void)
{
	tz_control_exit();
	tz_gpu_debugfs_exit();
	tz_gpu_nl_exit();
	tz_crypto_exit();
	pr_info("version %s unloaded\n", TZRAM_VERSION);
}

module_init(tzram_init);
module_exit(tzram_exit);

MODULE_LICENSE("GPL");
MODULE_VERSION(TZRAM_VERSION);
MODULE_DESCRIPTION("tzram: zram-compatible compressed RAM block device with SIMD codecs");
