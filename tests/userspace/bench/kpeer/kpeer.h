/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpeer.h - the kernel's own LZ4 and ZSTD (Linux's lib/lz4, lib/zstd,
 * extracted from linux-source-V and built with that kernel's x86-64 flags:
 * no SSE/AVX, -O3 for lz4 as its Makefile says, the same hardening and
 * mitigation flags; tests/userspace/bench/kpeer/build.sh) called the way
 * stock zram calls them (drivers/block/zram/backend_lz4.c, backend_zstd.c).
 * The benchmark's `kernel-lz4` / `kernel-zstd` rows. One object per kernel
 * version; its symbols are kpeer_<tag>_* (tag 612 for 6.12, 72 for 7.2).
 */
#ifndef TZ_KPEER_H
#define TZ_KPEER_H

#include <stddef.h>

#define KPEER_DECLARE(tag)							\
	const char *kpeer_##tag##_version(void);				\
	size_t kpeer_##tag##_lz4_workmem(void);				\
	int kpeer_##tag##_lz4_compress(const void *src, unsigned int n,	\
				       void *dst, unsigned int cap,		\
				       void *wrkmem, int accel);		\
	int kpeer_##tag##_lz4_decompress(const void *src, unsigned int n,	\
					 void *dst, unsigned int cap);		\
	size_t kpeer_##tag##_lz4_dict_state(void);				\
	int kpeer_##tag##_lz4_dict_compress(void *state, const void *dict,	\
					    unsigned int dict_len,		\
					    const void *src, unsigned int n,	\
					    void *dst, unsigned int cap,	\
					    int accel);			\
	int kpeer_##tag##_lz4_dict_decompress(void *state, const void *dict,	\
					      unsigned int dict_len,		\
					      const void *src, unsigned int n,	\
					      void *dst, unsigned int cap);	\
	size_t kpeer_##tag##_zstd_size(int level);				\
	void *kpeer_##tag##_zstd_init(void *mem, int level);		\
	int kpeer_##tag##_zstd_compress(void *z, const void *src,		\
					unsigned int n, void *dst,		\
					unsigned int cap);			\
	int kpeer_##tag##_zstd_decompress(void *z, const void *src,	\
					  unsigned int n, void *dst,		\
					  unsigned int cap);			\
	void *kpeer_##tag##_zstd_dict_new(const void *dict, size_t len,	\
					  int level);			\
	void kpeer_##tag##_zstd_dict_free(void *z);				\
	int kpeer_##tag##_zstd_dict_compress(void *z, const void *src,	\
					     unsigned int n, void *dst,	\
					     unsigned int cap);		\
	int kpeer_##tag##_zstd_dict_decompress(void *z, const void *src,	\
					       unsigned int n, void *dst,	\
					       unsigned int cap);		\
	unsigned long long kpeer_##tag##_xxh64_page(const void *page);	\
	unsigned long long kpeer_##tag##_siphash_page(const void *page,	\
						      const void *key);

KPEER_DECLARE(612)
KPEER_DECLARE(72)

/*
 * Programs linked with tzram's codecs built by build-tzsimd.sh (the timing
 * benchmarks, -DTZB_OURS_KFLAGS) say so with this line.
 */
#define TZB_OURS_KFLAGS_TEXT "built as the module builds it: the kernel's x86-64 flags " \
	"(the vector objects without -mno-sse/-mno-avx), the kernel's memcpy/memset"

#endif /* TZ_KPEER_H */
