// SPDX-License-Identifier: GPL-2.0
/*
 * tz_cpu_kern.c - kernel CPU feature detection, the FPU/NEON section around
 * SIMD codec work, and the simd_variant module parameter.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <asm/simd.h>
#include "tz_cpu_impl.h"
#ifdef TZ_HAVE_X86_SIMD
#include <asm/cpufeature.h>
#include <asm/fpu/api.h>
#endif
#ifdef TZ_HAVE_NEON
#include <asm/cpufeature.h>
#include "compat_simd.h"
#endif

unsigned int tz_cpu_detect(void)
{
	unsigned int caps = 0;

#ifdef TZ_HAVE_X86_SIMD
	/* The CPU must have the instructions and the kernel must save the state. */
	if (boot_cpu_has(X86_FEATURE_AVX2) && boot_cpu_has(X86_FEATURE_BMI2) &&
	    cpu_has_xfeatures(XFEATURE_MASK_SSE | XFEATURE_MASK_YMM, NULL))
		caps |= 1u << TZ_VARIANT_AVX2;
	if ((caps & (1u << TZ_VARIANT_AVX2)) &&
	    boot_cpu_has(X86_FEATURE_AVX512F) &&
	    boot_cpu_has(X86_FEATURE_AVX512BW) &&
	    boot_cpu_has(X86_FEATURE_AVX512VL) &&
	    cpu_has_xfeatures(XFEATURE_MASK_SSE | XFEATURE_MASK_YMM |
			      XFEATURE_MASK_AVX512, NULL))
		caps |= 1u << TZ_VARIANT_AVX512;
#endif
#ifdef TZ_HAVE_NEON
	/* ASIMD is NEON; the kernel must let tzram enter NEON sections. */
	if (TZ_KERNEL_NEON && cpu_have_named_feature(ASIMD))
		caps |= 1u << TZ_VARIANT_NEON;
	else if (!TZ_KERNEL_NEON)
		pr_info("NEON codecs off: this kernel's kernel_neon_begin() wants a save area tzram does not provide yet\n");
#endif
	return caps;
}

void tz_cpu_init_late(void)
{
}

enum tz_variant tz_simd_begin(void)
{
	return tz_simd_begin_v(tz_variant_active());
}

enum tz_variant tz_simd_begin_v(enum tz_variant v)
{
	if (v == TZ_VARIANT_SCALAR || !tz_variant_supported(v) || !may_use_simd())
		return TZ_VARIANT_SCALAR;
#ifdef TZ_HAVE_X86_SIMD
	kernel_fpu_begin();
#endif
#ifdef TZ_HAVE_NEON
	tz_kernel_neon_begin();
#endif
	return v;
}

void tz_simd_end(enum tz_variant v)
{
	if (v == TZ_VARIANT_SCALAR)
		return;
#ifdef TZ_HAVE_X86_SIMD
	kernel_fpu_end();
#endif
#ifdef TZ_HAVE_NEON
	tz_kernel_neon_end();
#endif
}

void tz_simd_yield(enum tz_variant v)
{
	if (v == TZ_VARIANT_SCALAR)
		return;
	/*
	 * Begin again without asking may_use_simd(): it allowed this
	 * section, and the same task in the same context gets the same
	 * answer; the caller goes on with v's code either way.
	 */
#ifdef TZ_HAVE_X86_SIMD
	kernel_fpu_end();
	kernel_fpu_begin();
#endif
#ifdef TZ_HAVE_NEON
	tz_kernel_neon_end();
	tz_kernel_neon_begin();
#endif
}

/* simd_variant=auto|scalar|avx2|avx512|neon, also writable in sysfs. */
static int tz_param_set(const char *val, const struct kernel_param *kp)
{
	int v = tz_variant_parse(val);
	int ret;

	if (v == -EINVAL) {
		pr_err("simd_variant: unknown '%s' (auto|scalar|avx2|avx512|neon)\n", val);
		return -EINVAL;
	}
	tz_cpu_init();
	ret = tz_variant_force(v);
	if (ret) {
		pr_err("simd_variant: %s is not supported by this CPU/kernel\n",
		       tz_variant_name(v));
		return -EINVAL;
	}
	return 0;
}

static int tz_param_get(char *buf, const struct kernel_param *kp)
{
	tz_cpu_init();
	return sysfs_emit(buf, "%s\n", tz_variant_name(tz_variant_active()));
}

static const struct kernel_param_ops tz_param_ops = {
	.set = tz_param_set,
	.get = tz_param_get,
};
module_param_cb(simd_variant, &tz_param_ops, NULL, 0644);
MODULE_PARM_DESC(simd_variant, "codec SIMD variant: auto|scalar|avx2|avx512|neon (read: the active one)");
