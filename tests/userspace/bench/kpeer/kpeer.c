// SPDX-License-Identifier: GPL-2.0
/*
 * kpeer.c - entry points into one kernel version's lib/lz4 and lib/zstd,
 * compiled with them (same flags, kernel headers through the shim) so the
 * calls are made as zram makes them. KPEER_TAG names the version's
 * symbols; everything else in the object is made local by build.sh.
 */
#include <linux/lz4.h>
#include <linux/siphash.h>
#include <linux/xxhash.h>
#include <linux/zstd.h>

#define KPEER_CAT3(a, b, c) a##b##c
#define KPEER_FN3(tag, name) KPEER_CAT3(kpeer_, tag, name)
#define KPEER_FN(name) KPEER_FN3(KPEER_TAG, _##name)
#define KPEER_API __attribute__((visibility("default")))

KPEER_API const char *KPEER_FN(version)(void)
{
	return KPEER_VERSION;
}

KPEER_API size_t KPEER_FN(lz4_workmem)(void)
{
	return LZ4_MEM_COMPRESS;
}

/* backend_lz4.c: LZ4_compress_fast(src, dst, len, cap, level, mem). */
KPEER_API int KPEER_FN(lz4_compress)(const void *src, unsigned int n, void *dst,
				     unsigned int cap, void *wrkmem, int accel)
{
	return LZ4_compress_fast(src, dst, n, cap, accel, wrkmem);
}

KPEER_API int KPEER_FN(lz4_decompress)(const void *src, unsigned int n, void *dst,
				       unsigned int cap)
{
	return LZ4_decompress_safe(src, dst, n, cap);
}

/*
 * backend_lz4.c with a dictionary (6.12+: algorithm_params dict=): a
 * stream each way per CPU; every compression first loads the dictionary
 * into the stream again (LZ4_loadDict, "Cstrm needs to be reset"), every
 * decompression sets the decode stream to it (LZ4_setStreamDecode).
 */
struct kpeer_lz4_dict {
	LZ4_stream_t cstrm;
	LZ4_streamDecode_t dstrm;
};

KPEER_API size_t KPEER_FN(lz4_dict_state)(void)
{
	return sizeof(struct kpeer_lz4_dict);
}

KPEER_API int KPEER_FN(lz4_dict_compress)(void *state, const void *dict,
					  unsigned int dict_len, const void *src,
					  unsigned int n, void *dst, unsigned int cap,
					  int accel)
{
	struct kpeer_lz4_dict *z = state;

	if (LZ4_loadDict(&z->cstrm, dict, dict_len) != (int)dict_len)
		return -1;
	return LZ4_compress_fast_continue(&z->cstrm, src, dst, n, cap, accel);
}

KPEER_API int KPEER_FN(lz4_dict_decompress)(void *state, const void *dict,
					    unsigned int dict_len, const void *src,
					    unsigned int n, void *dst, unsigned int cap)
{
	struct kpeer_lz4_dict *z = state;

	if (!LZ4_setStreamDecode(&z->dstrm, dict, dict_len))
		return -1;
	return LZ4_decompress_safe_continue(&z->dstrm, src, dst, n, cap);
}

/*
 * backend_zstd.c without a dictionary: parameters from
 * zstd_get_params(level, PAGE_SIZE), a cctx and a dctx in caller-given
 * workspaces, zstd_compress_cctx / zstd_decompress_dctx per page.
 */
struct kpeer_zstd {
	zstd_parameters prm;
	zstd_cctx *cctx;
	zstd_dctx *dctx;
	size_t csize, dsize;
};

static size_t kpeer_align(size_t n)
{
	return (n + 63) & ~(size_t)63;
}

KPEER_API size_t KPEER_FN(zstd_size)(int level)
{
	zstd_parameters prm = zstd_get_params(level, 4096);

	return kpeer_align(sizeof(struct kpeer_zstd)) +
	       kpeer_align(zstd_cctx_workspace_bound(&prm.cParams)) +
	       kpeer_align(zstd_dctx_workspace_bound());
}

/* mem: KPEER_FN(zstd_size)(level) bytes, zeroed, 64-byte aligned. */
KPEER_API void *KPEER_FN(zstd_init)(void *mem, int level)
{
	struct kpeer_zstd *z = mem;
	char *p = (char *)mem + kpeer_align(sizeof(*z));

	z->prm = zstd_get_params(level, 4096);
	z->csize = zstd_cctx_workspace_bound(&z->prm.cParams);
	z->dsize = zstd_dctx_workspace_bound();
	z->cctx = zstd_init_cctx(p, z->csize);
	z->dctx = zstd_init_dctx(p + kpeer_align(z->csize), z->dsize);
	return z->cctx && z->dctx ? z : NULL;
}

KPEER_API int KPEER_FN(zstd_compress)(void *zp, const void *src, unsigned int n,
				      void *dst, unsigned int cap)
{
	struct kpeer_zstd *z = zp;
	size_t r = zstd_compress_cctx(z->cctx, dst, cap, src, n, &z->prm);

	return zstd_is_error(r) ? -1 : (int)r;
}

KPEER_API int KPEER_FN(zstd_decompress)(void *zp, const void *src, unsigned int n,
					void *dst, unsigned int cap)
{
	struct kpeer_zstd *z = zp;
	size_t r = zstd_decompress_dctx(z->dctx, dst, cap, src, n);

	return zstd_is_error(r) ? -1 : (int)r;
}

/*
 * backend_zstd.c with a dictionary (6.12+): a CDict made by reference with
 * zstd_get_cparams(level, PAGE_SIZE, dict_size) and a DDict, made once
 * (zram: once per device); cctx and dctx from zstd_create_*_advanced() with
 * the custom allocator; zstd_compress_using_cdict /
 * zstd_decompress_using_ddict per page. The allocator here is libc's
 * (zram's is kvzalloc).
 */
void *calloc(size_t n, size_t size);
void free(void *p);

static void *kpeer_alloc(void *opaque, size_t size)
{
	return calloc(1, size);
}

static void kpeer_free(void *opaque, void *p)
{
	free(p);
}

struct kpeer_zstd_dict {
	zstd_cdict *cdict;
	zstd_ddict *ddict;
	zstd_cctx *cctx;
	zstd_dctx *dctx;
};

KPEER_API void KPEER_FN(zstd_dict_free)(void *zp)
{
	struct kpeer_zstd_dict *z = zp;

	if (!z)
		return;
	zstd_free_cdict(z->cdict);
	zstd_free_ddict(z->ddict);
	zstd_free_cctx(z->cctx);
	zstd_free_dctx(z->dctx);
	free(z);
}

KPEER_API void *KPEER_FN(zstd_dict_new)(const void *dict, size_t len, int level)
{
	zstd_custom_mem mem = { kpeer_alloc, kpeer_free, NULL };
	struct kpeer_zstd_dict *z = calloc(1, sizeof(*z));

	if (!z)
		return NULL;
	z->cdict = zstd_create_cdict_byreference(dict, len,
						 zstd_get_cparams(level, 4096, len), mem);
	z->ddict = zstd_create_ddict_byreference(dict, len, mem);
	z->cctx = zstd_create_cctx_advanced(mem);
	z->dctx = zstd_create_dctx_advanced(mem);
	if (!z->cdict || !z->ddict || !z->cctx || !z->dctx) {
		KPEER_FN(zstd_dict_free)(z);
		return NULL;
	}
	return z;
}

KPEER_API int KPEER_FN(zstd_dict_compress)(void *zp, const void *src, unsigned int n,
					   void *dst, unsigned int cap)
{
	struct kpeer_zstd_dict *z = zp;
	size_t r = zstd_compress_using_cdict(z->cctx, dst, cap, src, n, z->cdict);

	return zstd_is_error(r) ? -1 : (int)r;
}

KPEER_API int KPEER_FN(zstd_dict_decompress)(void *zp, const void *src, unsigned int n,
					     void *dst, unsigned int cap)
{
	struct kpeer_zstd_dict *z = zp;
	size_t r = zstd_decompress_using_ddict(z->dctx, dst, cap, src, n, z->ddict);

	return zstd_is_error(r) ? -1 : (int)r;
}

/*
 * The page tag of tzram's GPU helper path (kmod/gpu_csum.c): SipHash-2-4
 * of a 4 KiB page under a 128-bit key, and the XXH64 it replaced.
 */
KPEER_API u64 KPEER_FN(xxh64_page)(const void *page)
{
	return xxh64(page, 4096, 0);
}

KPEER_API u64 KPEER_FN(siphash_page)(const void *page, const void *key)
{
	return siphash(page, 4096, key);
}
