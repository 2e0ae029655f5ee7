// SPDX-License-Identifier: GPL-2.0
/*
 * comp_kernel.c - the kernel's own compressors as registry entries (see
 * comp_kernel.h), called as zram 6.12's backends call them, with the same
 * parameters (so the same output) and the same level rules. Plain C:
 * their calls run without a SIMD section, except our decoders' (LZ4 for
 * lz4hc, ZSTD for zstd).
 */
#include <linux/errno.h>
#include <linux/lz4.h>
#include <linux/lzo.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/sw842.h>
#include <linux/zlib.h>
#include <linux/zstd.h>
#include "comp_kernel.h"
#include "tz_lz4.h"
#include "tz_zstd.h"
#include "tzram_genl.h"

#ifdef TZ_HAVE_KERNEL_LZO
/*
 * LZO writes without a bound: compress into the scratch after the work
 * memory unless dst has room for the worst case, as zram gives it two
 * pages.
 */
#define TZ_LZO_SCRATCH lzo1x_worst_compress(PAGE_SIZE)

static int tz_lzo_c(bool rle, const void *src, unsigned int len, void *dst,
		    unsigned int cap, void *work)
{
	u8 *out = cap >= lzo1x_worst_compress(len) ? dst :
		  (u8 *)work + LZO1X_1_MEM_COMPRESS;
	size_t n = lzo1x_worst_compress(len);
	int ret;

	if (len > PAGE_SIZE && out != dst)
		return -ENOSPC;
	ret = rle ? lzorle1x_1_compress(src, len, out, &n, work) :
		    lzo1x_1_compress(src, len, out, &n, work);
	if (ret != LZO_E_OK)
		return -EINVAL;
	if (n > cap)
		return -ENOSPC;
	if (out != dst)
		memcpy(dst, out, n);
	return n;
}

static int tz_codec_lzo_c(enum tz_variant v, const void *src, unsigned int len,
			  void *dst, unsigned int cap, void *work, int level)
{
	return tz_lzo_c(false, src, len, dst, cap, work);
}

static int tz_codec_lzo_rle_c(enum tz_variant v, const void *src,
			      unsigned int len, void *dst, unsigned int cap,
			      void *work, int level)
{
	return tz_lzo_c(true, src, len, dst, cap, work);
}

/* One decoder for both: lzo-rle is lzo with a marker it understands. */
static int tz_codec_lzo_d(enum tz_variant v, const void *src, unsigned int len,
			  void *dst, unsigned int cap, void *work)
{
	size_t n = cap;
	int ret = lzo1x_decompress_safe(src, len, dst, &n);

	if (ret == LZO_E_OUTPUT_OVERRUN)
		return -ENOSPC;
	return ret == LZO_E_OK ? n : -EINVAL;
}

const struct tz_codec tz_codec_lzo = {
	.name = "lzo",
	.level_min = TZ_CODEC_LEVEL_ANY_MIN,	/* no levels: ignored */
	.level_max = TZ_CODEC_LEVEL_ANY_MAX,
	.cwork_size = LZO1X_1_MEM_COMPRESS + TZ_LZO_SCRATCH,
	.compress = tz_codec_lzo_c,
	.decompress = tz_codec_lzo_d,
};

const struct tz_codec tz_codec_lzo_rle = {
	.name = "lzo-rle",
	.level_min = TZ_CODEC_LEVEL_ANY_MIN,
	.level_max = TZ_CODEC_LEVEL_ANY_MAX,
	.cwork_size = LZO1X_1_MEM_COMPRESS + TZ_LZO_SCRATCH,
	.compress = tz_codec_lzo_rle_c,
	.decompress = tz_codec_lzo_d,
};
#endif

#ifdef TZ_HAVE_KERNEL_LZ4HC
/* The library takes any level: below 1 its default, above 12 as 12. */
static int tz_codec_lz4hc_c(enum tz_variant v, const void *src,
			    unsigned int len, void *dst, unsigned int cap,
			    void *work, int level)
{
	int n = LZ4_compress_HC(src, dst, len, cap, level, work);

	return n > 0 ? n : -ENOSPC;
}

/* LZ4 block format: our decoder. */
static int tz_codec_lz4hc_d(enum tz_variant v, const void *src,
			    unsigned int len, void *dst, unsigned int cap,
			    void *work)
{
	return tz_lz4_decompress_v(v, src, len, dst, cap);
}

const struct tz_codec tz_codec_lz4hc = {
	.name = "lz4hc",
	.genl_alg = TZ_ALG_LZ4,
	.units = true,
	.simd = TZ_CODEC_SIMD_D,
	.level_min = TZ_CODEC_LEVEL_ANY_MIN,
	.level_max = TZ_CODEC_LEVEL_ANY_MAX,
	.level_default = LZ4HC_DEFAULT_CLEVEL,
	.cwork_size = LZ4HC_MEM_COMPRESS,
	.compress = tz_codec_lz4hc_c,
	.decompress = tz_codec_lz4hc_d,
};
#endif

#ifdef TZ_HAVE_KERNEL_842
static int tz_codec_842_c(enum tz_variant v, const void *src, unsigned int len,
			  void *dst, unsigned int cap, void *work, int level)
{
	unsigned int n = cap;
	int ret = sw842_compress(src, len, dst, &n, work);

	return ret ? ret : n;
}

static int tz_codec_842_d(enum tz_variant v, const void *src, unsigned int len,
			  void *dst, unsigned int cap, void *work)
{
	unsigned int n = cap;
	int ret = sw842_decompress(src, len, dst, &n);

	return ret ? ret : n;
}

const struct tz_codec tz_codec_842 = {
	.name = "842",
	.level_min = TZ_CODEC_LEVEL_ANY_MIN,
	.level_max = TZ_CODEC_LEVEL_ANY_MAX,
	.cwork_size = SW842_MEM_COMPRESS,
	.compress = tz_codec_842_c,
	.decompress = tz_codec_842_d,
};
#endif

#ifdef TZ_HAVE_KERNEL_DEFLATE
/* zram's and the crypto API's raw deflate: 2 KiB window, most memory. */
#define TZ_DEFLATE_WINBITS 11
#define TZ_DEFLATE_MEMLEVEL MAX_MEM_LEVEL

struct tz_deflate_work {
	struct z_stream_s strm;
	u64 ws[];	/* zlib's workspace */
};

static void tz_deflate_sizes(int level, size_t *cwork, size_t *dwork)
{
	*cwork = sizeof(struct tz_deflate_work) +
		 zlib_deflate_workspacesize(-TZ_DEFLATE_WINBITS, TZ_DEFLATE_MEMLEVEL);
	*dwork = sizeof(struct tz_deflate_work) + zlib_inflate_workspacesize();
}

/* zlib refuses levels outside -1..9: zram's init then fails, -EINVAL. */
static int tz_deflate_init(void *cwork, void *dwork, int level)
{
	struct tz_deflate_work *c = cwork, *d = dwork;

	c->strm.workspace = c->ws;
	if (zlib_deflateInit2(&c->strm, level, Z_DEFLATED, -TZ_DEFLATE_WINBITS,
			      TZ_DEFLATE_MEMLEVEL, Z_DEFAULT_STRATEGY) != Z_OK)
		return -EINVAL;
	d->strm.workspace = d->ws;
	if (zlib_inflateInit2(&d->strm, -TZ_DEFLATE_WINBITS) != Z_OK)
		return -EINVAL;
	return 0;
}

static int tz_codec_deflate_c(enum tz_variant v, const void *src,
			      unsigned int len, void *dst, unsigned int cap,
			      void *work, int level)
{
	struct z_stream_s *s = &((struct tz_deflate_work *)work)->strm;
	int ret;

	if (zlib_deflateReset(s) != Z_OK)
		return -EINVAL;
	s->next_in = src;
	s->avail_in = len;
	s->next_out = dst;
	s->avail_out = cap;
	ret = zlib_deflate(s, Z_FINISH);
	if (ret == Z_STREAM_END)
		return s->total_out;
	return ret == Z_OK || ret == Z_BUF_ERROR ? -ENOSPC : -EINVAL;
}

static int tz_codec_deflate_d(enum tz_variant v, const void *src,
			      unsigned int len, void *dst, unsigned int cap,
			      void *work)
{
	struct z_stream_s *s = &((struct tz_deflate_work *)work)->strm;

	if (zlib_inflateReset(s) != Z_OK)
		return -EINVAL;
	s->next_in = src;
	s->avail_in = len;
	s->next_out = dst;
	s->avail_out = cap;
	if (zlib_inflate(s, Z_SYNC_FLUSH) != Z_STREAM_END)
		return -EINVAL;
	return s->total_out;
}

const struct tz_codec tz_codec_deflate = {
	.name = "deflate",
	.level_min = -1,	/* Z_DEFAULT_COMPRESSION */
	.level_max = 9,
	.level_default = Z_DEFAULT_COMPRESSION,
	.level_strict = true,
	.work_sizes = tz_deflate_sizes,
	.work_init = tz_deflate_init,
	.compress = tz_codec_deflate_c,
	.decompress = tz_codec_deflate_d,
};
#endif

#ifdef TZ_HAVE_KERNEL_ZSTD
/* A compression context for one level, sized for one page, as zram's. */
struct tz_zstd_kwork {
	zstd_cctx *cctx;
	zstd_parameters params;
	u64 ws[];
};

static size_t tz_zstd_kwork_space(int level)
{
	zstd_parameters p = zstd_get_params(level, PAGE_SIZE);

	return zstd_cctx_workspace_bound(&p.cParams);
}

static void tz_zstd_kwork_sizes(int level, size_t *cwork, size_t *dwork)
{
	*cwork = sizeof(struct tz_zstd_kwork) + tz_zstd_kwork_space(level);
	*dwork = TZ_ZSTD_DWORKMEM_SIZE;		/* our decoder's */
}

static int tz_zstd_kwork_init(void *cwork, void *dwork, int level)
{
	struct tz_zstd_kwork *w = cwork;

	w->params = zstd_get_params(level, PAGE_SIZE);
	w->cctx = zstd_init_cctx(w->ws, tz_zstd_kwork_space(level));
	return w->cctx ? 0 : -EINVAL;
}

/* The library clamps levels to its own range (negative: fast levels). */
static int tz_codec_zstd_kernel_c(enum tz_variant v, const void *src,
				  unsigned int len, void *dst, unsigned int cap,
				  void *work, int level)
{
	struct tz_zstd_kwork *w = work;
	size_t n = zstd_compress_cctx(w->cctx, dst, cap, src, len, &w->params);

	if (!zstd_is_error(n))
		return n;
	return zstd_get_error_code(n) == ZSTD_error_dstSize_tooSmall ?
	       -ENOSPC : -EINVAL;
}

/* Standard frames: our decoder. */
static int tz_codec_zstd_kernel_d(enum tz_variant v, const void *src,
				  unsigned int len, void *dst, unsigned int cap,
				  void *work)
{
	return tz_codec_zstd.decompress(v, src, len, dst, cap, work);
}

const struct tz_codec tz_codec_zstd_kernel = {
	.name = "zstd",
	.genl_alg = TZ_ALG_ZSTD,
	.units = true,
	.simd = TZ_CODEC_SIMD_D,
	.level_min = TZ_CODEC_LEVEL_ANY_MIN,
	.level_max = TZ_CODEC_LEVEL_ANY_MAX,
	.level_default = TZ_ZSTD_LEVEL_DEFAULT,
	.work_sizes = tz_zstd_kwork_sizes,
	.work_init = tz_zstd_kwork_init,
	.compress = tz_codec_zstd_kernel_c,
	.decompress = tz_codec_zstd_kernel_d,
};
#endif
