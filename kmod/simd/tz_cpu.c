// SPDX-License-Identifier: GPL-2.0
/*
 * tz_cpu.c - the codec-neutral part of variant dispatch: names, parsing and
 * the forced/auto choice. CPU detection lives in tz_cpu_user.c (userspace)
 * and tz_cpu_kern.c (kernel); both fill tz_cpu_caps via tz_cpu_detect().
 */
#include "tz_cpu.h"
#include "tz_cpu_impl.h"

static const char *const tz_variant_names[TZ_VARIANT_COUNT] = {
	[TZ_VARIANT_SCALAR] = "scalar",
	[TZ_VARIANT_AVX2] = "avx2",
	[TZ_VARIANT_AVX512] = "avx512",
	[TZ_VARIANT_NEON] = "neon",
};

/* Bit v set: variant v runs here. Scalar always does. */
unsigned int tz_cpu_caps = 1u << TZ_VARIANT_SCALAR;
/* -1: auto (best), else the forced variant. Plain int: read racily is fine. */
static int tz_forced = -1;
static bool tz_cpu_ready;

void tz_cpu_init(void)
{
	if (tz_cpu_ready)
		return;
	tz_cpu_caps = (1u << TZ_VARIANT_SCALAR) | tz_cpu_detect();
	tz_cpu_ready = true;
	tz_cpu_init_late();
}

const char *tz_variant_name(enum tz_variant v)
{
	if ((unsigned int)v >= TZ_VARIANT_COUNT)
		return "?";
	return tz_variant_names[v];
}

int tz_variant_parse(const char *name)
{
	unsigned int i, n;

	/* Accept a trailing newline: sysfs writes usually carry one. */
	n = strlen(name);
	if (n && name[n - 1] == '\n')
		n--;
	if (n == 4 && !memcmp(name, "auto", 4))
		return -1;
	for (i = 0; i < TZ_VARIANT_COUNT; i++)
		if (strlen(tz_variant_names[i]) == n &&
		    !memcmp(name, tz_variant_names[i], n))
			return i;
	return -EINVAL;
}

bool tz_variant_supported(enum tz_variant v)
{
	if ((unsigned int)v >= TZ_VARIANT_COUNT)
		return false;
	if (!tz_cpu_ready)
		tz_cpu_init();
	return tz_cpu_caps & (1u << v);
}

enum tz_variant tz_variant_best(void)
{
	if (tz_variant_supported(TZ_VARIANT_AVX512))
		return TZ_VARIANT_AVX512;
	if (tz_variant_supported(TZ_VARIANT_AVX2))
		return TZ_VARIANT_AVX2;
	if (tz_variant_supported(TZ_VARIANT_NEON))
		return TZ_VARIANT_NEON;
	return TZ_VARIANT_SCALAR;
}

enum tz_variant tz_variant_active(void)
{
	int f = READ_ONCE(tz_forced);

	return f >= 0 ? (enum tz_variant)f : tz_variant_best();
}

int tz_variant_force(int v)
{
	if (v < -1 || v >= TZ_VARIANT_COUNT)
		return -EINVAL;
	if (v >= 0 && !tz_variant_supported(v))
		return -EOPNOTSUPP;
	WRITE_ONCE(tz_forced, v);
	return 0;
}
