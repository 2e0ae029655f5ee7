/* SPDX-License-Identifier: GPL-2.0 */
/*
 * comp_kernel.h - registry entries (kmod/simd/tz_codec.h) for zram's
 * algorithms that tzram does not implement itself: the kernel's own
 * compressors (lib/lzo, lib/lz4 HC, lib/842, lib/zlib, lib/zstd), each
 * present only when this kernel was built with it. Formats that are
 * ours to decode (LZ4 blocks, ZSTD frames) are decoded by our codecs.
 */
#ifndef TZ_COMP_KERNEL_H
#define TZ_COMP_KERNEL_H

#include <linux/kconfig.h>
#include "tz_codec.h"

#if IS_ENABLED(CONFIG_LZO_COMPRESS) && IS_ENABLED(CONFIG_LZO_DECOMPRESS)
#define TZ_HAVE_KERNEL_LZO 1
extern const struct tz_codec tz_codec_lzo, tz_codec_lzo_rle;
#endif
#if IS_ENABLED(CONFIG_LZ4HC_COMPRESS)
#define TZ_HAVE_KERNEL_LZ4HC 1
extern const struct tz_codec tz_codec_lz4hc;
#endif
#if IS_ENABLED(CONFIG_842_COMPRESS) && IS_ENABLED(CONFIG_842_DECOMPRESS)
#define TZ_HAVE_KERNEL_842 1
extern const struct tz_codec tz_codec_842;
#endif
#if IS_ENABLED(CONFIG_ZLIB_DEFLATE) && IS_ENABLED(CONFIG_ZLIB_INFLATE)
#define TZ_HAVE_KERNEL_DEFLATE 1
extern const struct tz_codec tz_codec_deflate;
#endif
#if IS_ENABLED(CONFIG_ZSTD_COMPRESS)
/* ZSTD at the levels our encoder does not implement; decoded by ours. */
#define TZ_HAVE_KERNEL_ZSTD 1
extern const struct tz_codec tz_codec_zstd_kernel;
#endif

#endif /* TZ_COMP_KERNEL_H */
