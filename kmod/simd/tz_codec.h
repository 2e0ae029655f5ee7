/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_codec.h - the registry of compression algorithms: one entry per
 * codec says everything its users need (the device's comp_algorithm and
 * recompression, the crypto API glue, GPU routing and the helper daemon,
 * the benchmarks): its name, its calls, the levels it implements, its
 * work memory, dictionary support and the GPU helper protocol's id for
 * its format. Adding an algorithm is one entry.
 *
 * tzram's own codecs (lz4, zstd, auto) are defined in tz_codec.c and
 * build in the kernel and in userspace alike; the kernel's own
 * implementations of zram's other algorithms (lzo, lz4hc, deflate, ...)
 * are entries of the same type in kmod/comp_kernel.c.
 */
#ifndef TZ_CODEC_H
#define TZ_CODEC_H

#include "tz_cpu.h"
#include "tz_port.h"

/* zram's ZCOMP_PARAM_NO_LEVEL: no level given, the codec's default. */
#define TZ_CODEC_NO_LEVEL (-2147483647 - 1)
/* Widest level range: every level but "none". */
#define TZ_CODEC_LEVEL_ANY_MIN (TZ_CODEC_NO_LEVEL + 1)
#define TZ_CODEC_LEVEL_ANY_MAX 2147483647

/* Which calls run in a SIMD section (tz_simd_begin/end) with a variant. */
#define TZ_CODEC_SIMD_C 1u	/* compress */
#define TZ_CODEC_SIMD_D 2u	/* decompress */
/*
 * Decompress units (up to 16 pages) too: the codec keeps each section
 * as short as an 8-page LZ4 compress batch, the longest the device runs
 * otherwise (lz4: a whole 64 KiB unit; zstd: one block of up to 32 KiB,
 * then tz_simd_yield()).
 */
#define TZ_CODEC_SIMD_UNIT_D 4u
/*
 * Compress units too: zstd, a section per 8 KiB piece of a block's parse
 * and per block's entropy stage (zstd_enc.c). Without it a unit
 * compresses in the scalar variant: LZ4's 64 KiB unit, one block, would
 * keep a section twice as long as the longest above (docs/BENCHMARKS.md
 * 7.1).
 */
#define TZ_CODEC_SIMD_UNIT_C 8u

/*
 * Several independent buffers in one call (issue 14): one job each, with
 * its own buffers; every job gets exactly what the one-buffer call gives
 * it (bytes and errors). The caller bounds the jobs per call: a batch of
 * a SIMD codec runs in one SIMD section (preemption off in the kernel).
 */
struct tz_codec_job {
	const void *src;
	void *dst;
	unsigned int src_len;
	unsigned int dst_cap;
	int ret;		/* out: as compress/decompress return */
};

struct tz_codec_batch {
	struct tz_codec_job *jobs;
	unsigned int n;
};

/*
 * A dictionary (algorithm_params dict=, issue 16) prepared once for a
 * codec and then only read, by any number of calls at once: its bytes
 * (which must outlive it) and the codec's prepared form behind them
 * (hash tables, entropy tables). Made by tz_codec_dict_prepare() in
 * tz_codec_dict_size() bytes.
 */
struct tz_codec_dict {
	const void *data;
	size_t len;
	u64 prep[];	/* the codec's form, dict_prep_size(len) bytes */
};

struct tz_codec {
	const char *name;	/* zram's name: comp_algorithm, algo= */
	/*
	 * TZ_ALG_* (uapi/tzram_genl.h) of the format this codec writes, so
	 * the GPU helper may decode its pages; 0: none.
	 */
	u8 genl_alg;
	unsigned int simd;	/* TZ_CODEC_SIMD_* */
	/*
	 * Levels this entry implements and the one it uses without a
	 * level. Another entry of the same name may implement the rest
	 * (the device picks the first that covers the level); when none
	 * does, level_strict refuses the level (-EINVAL at init, as zram's
	 * backend for that algorithm), else it is clamped into range.
	 */
	int level_min, level_max, level_default;
	bool level_strict;
	/*
	 * Codes a run of pages as one input (multi-page units, kmod/unit.c):
	 * our LZ4 / ZSTD formats (lz4hc and the kernel's ZSTD levels
	 * included) and auto; the kernel's other compressors keep pages
	 * apart.
	 */
	bool units;
	/*
	 * Dictionaries (algorithm_params dict=): the size of the prepared
	 * form for len bytes (0: len is refused), its preparation (0 or
	 * -EINVAL for a dictionary the codec refuses), and the calls that use
	 * one. NULL: the codec takes no dictionary.
	 */
	size_t (*dict_prep_size)(size_t len);
	int (*dict_prepare)(struct tz_codec_dict *d, size_t prep_size);
	/*
	 * With a dictionary, a stream's decompression work memory: its size
	 * (instead of dwork_size) and its set-up, once per stream after
	 * dict_prepare (LZ4 keeps a copy of the dictionary there with a
	 * page's room after it). NULL: dwork_size, nothing to set up.
	 */
	size_t (*dict_dwork_size)(const struct tz_codec_dict *d);
	void (*dict_dwork_init)(const struct tz_codec_dict *d, void *dwork);
	/* Work memory per stream (bytes, 8-byte aligned; 0: none). */
	size_t cwork_size, dwork_size;
	/*
	 * Kernel codecs whose work memory depends on the level or needs
	 * preparing (zlib and zstd contexts): the sizes at level, and the
	 * set-up of one stream's memory (0, or -EINVAL for a level the codec
	 * refuses). NULL: the sizes above, nothing to prepare.
	 */
	void (*work_sizes)(int level, size_t *cwork, size_t *dwork);
	int (*work_init)(void *cwork, void *dwork, int level);
	/*
	 * One buffer. Return the output length, -ENOSPC when it does not
	 * fit in cap (compress) or the output would (decompress), another
	 * negative errno for bad input. v: the variant to run (scalar for
	 * codecs without TZ_CODEC_SIMD_*); level: within the entry's range.
	 */
	int (*compress)(enum tz_variant v, const void *src, unsigned int len,
			void *dst, unsigned int cap, void *work, int level);
	int (*decompress)(enum tz_variant v, const void *src, unsigned int len,
			  void *dst, unsigned int cap, void *work);
	/*
	 * Only the first need bytes of the output (a page of a unit): the
	 * bytes decoded, >= need (or all, when fewer), or a negative errno;
	 * what lies beyond them is not checked. NULL: decompress all.
	 */
	int (*decompress_part)(enum tz_variant v, const void *src, unsigned int len,
			       void *dst, unsigned int cap, unsigned int need, void *work);
	/*
	 * A batch of jobs (each as compress/decompress, without a
	 * dictionary); return the number of jobs that failed. NULL: the
	 * codec has no batch form, its users call the one-buffer calls.
	 */
	int (*compress_batch)(enum tz_variant v, struct tz_codec_batch *b,
			      void *work, int level);
	int (*decompress_batch)(enum tz_variant v, struct tz_codec_batch *b,
				void *work);
	int (*compress_dict)(enum tz_variant v, const struct tz_codec_dict *d,
			     const void *src, unsigned int len, void *dst,
			     unsigned int cap, void *work, int level);
	int (*decompress_dict)(enum tz_variant v, const struct tz_codec_dict *d,
			       const void *src, unsigned int len, void *dst,
			       unsigned int cap, void *work);
};

/* tzram's own codecs. */
extern const struct tz_codec tz_codec_lz4;
extern const struct tz_codec tz_codec_zstd;
extern const struct tz_codec tz_codec_auto;
/* All of them, NULL-terminated, in this order. */
extern const struct tz_codec *const tz_codecs[];

/* Ours by name or by GPU protocol id; NULL if none. */
const struct tz_codec *tz_codec_find(const char *name);
const struct tz_codec *tz_codec_by_genl(unsigned int genl_alg);

/*
 * The bytes tz_codec_dict_prepare() needs for a dictionary of len bytes;
 * 0 if the codec takes none or refuses that length.
 */
size_t tz_codec_dict_size(const struct tz_codec *c, size_t len);
/*
 * Prepare data (len bytes, kept by reference) into d, size bytes from
 * tz_codec_dict_size(): 0, -EOPNOTSUPP if the codec takes no dictionary,
 * -EINVAL for a dictionary it refuses (length, corrupt tables).
 */
int tz_codec_dict_prepare(const struct tz_codec *c, struct tz_codec_dict *d,
			  size_t size, const void *data, size_t len);

/* A level the entry implements: the default for none, else clamped. */
static inline int tz_codec_level(const struct tz_codec *c, int level)
{
	if (level == TZ_CODEC_NO_LEVEL)
		return c->level_default;
	if (level < c->level_min)
		return c->level_min;
	return level > c->level_max ? c->level_max : level;
}

static inline bool tz_codec_covers(const struct tz_codec *c, int level)
{
	return level == TZ_CODEC_NO_LEVEL ||
	       (level >= c->level_min && level <= c->level_max);
}

#endif /* TZ_CODEC_H */
