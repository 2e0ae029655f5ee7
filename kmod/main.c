// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - tzram module entry: load/unload and the version banner.
 * Subsystems (codecs, devices, crypto, netlink) hang off tzram_init().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/init.h>
#include "control.h"
#include "crypto.h"
#include "gpu.h"
#include "tzram.h"
#include "tz_cpu.h"
#include "tz_probes.h"	/* only for TZ_PROBES_SET: what this build found */

static int __init tzram_init(void)
{
	int ret;

	tz_cpu_init();
	pr_info("codec variant: %s\n", tz_variant_name(tz_variant_active()));
	ret = tz_control_init();
	if (ret)
		return ret;
	ret = tz_crypto_init();
	if (ret) {
		tz_control_exit();
		return ret;
	}
	ret = tz_gpu_init();
	if (ret) {
		tz_crypto_exit();
		tz_control_exit();
		return ret;
	}
	/* Which kernel APIs the build probes found: bug reports need it. */
	pr_info("build probes:%s\n", TZ_PROBES_SET[0] ? TZ_PROBES_SET : " none");
	pr_info("version %s loaded\n", TZRAM_VERSION);
	return 0;
}

static void __exit tzram_exit(void)
{
	tz_gpu_exit();
	tz_crypto_exit();
	tz_control_exit();
	pr_info("version %s unloaded\n", TZRAM_VERSION);
}

module_init(tzram_init);
module_exit(tzram_exit);

MODULE_LICENSE("GPL");
MODULE_VERSION(TZRAM_VERSION);
MODULE_DESCRIPTION("tzram: zram-compatible compressed RAM block device with SIMD codecs");
