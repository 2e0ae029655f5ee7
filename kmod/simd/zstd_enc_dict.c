// SPDX-License-Identifier: GPL-2.0
/*
 * zstd_enc_dict.c - the encoder's side of a prepared dictionary
 * (struct tz_zstd_dict, zstd_dict.h): its prepared tables and
 * tz_zstd_compress_dict(). Owned by the encoder; until it is written the
 * encoder prepares nothing and compression with a dictionary answers
 * -EOPNOTSUPP (decompression with one works: zstd_dec.c).
 */
#include "tz_zstd.h"
#include "zstd_dict.h"

size_t ze_cdict_size(size_t content_len)
{
	(void)content_len;
	return 0;
}

int ze_cdict_build(struct tz_zstd_dict *d)
{
	(void)d;
	return 0;
}

int tz_zstd_compress_dict_v(enum tz_variant v, const void *src, unsigned int src_len,
			    void *dst, unsigned int dst_cap, int level, void *wrkmem,
			    const struct tz_zstd_dict *dict)
{
	(void)v; (void)src; (void)src_len; (void)dst; (void)dst_cap; (void)level;
	(void)wrkmem; (void)dict;
	return -EOPNOTSUPP;
}

int tz_zstd_compress_dict(const void *src, unsigned int src_len, void *dst,
			  unsigned int dst_cap, int level, void *wrkmem,
			  const struct tz_zstd_dict *dict)
{
	enum tz_variant v = tz_simd_begin();
	int r = tz_zstd_compress_dict_v(v, src, src_len, dst, dst_cap, level, wrkmem, dict);

	tz_simd_end(v);
	return r;
}
