/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_zstd.h - tzram's own ZSTD codec (RFC 8878): a full-format frame
 * decoder and a page-oriented encoder. Freestanding: the same sources
 * build in the module and in userspace. No allocation: the caller passes
 * work memory of the sizes below (any alignment >= 8).
 */
#ifndef TZ_ZSTD_H
#define TZ_ZSTD_H

#include "tz_port.h"
#include "tz_cpu.h"

/*
 * Encoder work memory: the match finder's hash tables, sequence store,
 * literal buffer and entropy scratch for one 32 KiB block, and a
 * dictionary's window (struct tz_zstd_cws in zstd_enc.h, about 256 KiB on
 * x86-64; a build-time assertion keeps this number honest). A 4 KiB page
 * touches at most ~45 KiB of it per call (~110 KiB with a dictionary).
 */
#define TZ_ZSTD_CWORKMEM_SIZE (264 * 1024)
/*
 * Decoder work memory: FSE tables (LL/ML 512, OF 256 entries of 8 B), the
 * Huffman table (2048 x u16) and a 128 KiB (+64 B slack) literal buffer.
 */
#define TZ_ZSTD_DWORKMEM_SIZE (148 * 1024)

/*
 * Decoder context (tz_zstd_decompress_dctx): the work memory plus a cache
 * of built decoding tables kept across calls (4 per kind, keyed by the
 * exact bytes of their descriptions): frames whose encoder reuses table
 * descriptions skip reading and building them. Initialise once with
 * tz_zstd_dctx_init(); one call at a time; never shared with other uses.
 */
#define TZ_ZSTD_DCTX_SIZE (TZ_ZSTD_DWORKMEM_SIZE + 60 * 1024)

/* Largest input tz_zstd_compress() accepts (one frame, blocks of 128 KiB). */
#define TZ_ZSTD_MAX_INPUT (1u << 30)
/* Default and supported levels of our encoder. */
#define TZ_ZSTD_LEVEL_DEFAULT 2	/* level 1 only ties libzstd level 1's ratio */
#define TZ_ZSTD_LEVEL_MIN 1
#define TZ_ZSTD_LEVEL_MAX 3
/* OR into level to append the XXH64 content checksum to the frame. */
#define TZ_ZSTD_F_CHECKSUM 0x100

/*
 * Compress src into one standard ZSTD frame (magic, single segment,
 * content size, no checksum unless TZ_ZSTD_F_CHECKSUM). Returns the frame
 * length, -ENOSPC if it does not fit in dst_cap, -EINVAL for bad arguments.
 */
int tz_zstd_compress(const void *src, unsigned int src_len, void *dst,
		     unsigned int dst_cap, int level, void *wrkmem);
/*
 * Decompress every frame in src (skippable frames skipped). Returns the
 * decompressed length, -EINVAL for malformed input or checksum mismatch,
 * -ENOSPC when the output does not fit in dst_cap.
 */
int tz_zstd_decompress(const void *src, unsigned int src_len, void *dst,
		       unsigned int dst_cap, void *wrkmem);

/* The same with a given variant; -EOPNOTSUPP if it is not compiled in. */
int tz_zstd_compress_v(enum tz_variant v, const void *src, unsigned int src_len,
		       void *dst, unsigned int dst_cap, int level, void *wrkmem);
int tz_zstd_decompress_v(enum tz_variant v, const void *src, unsigned int src_len,
			 void *dst, unsigned int dst_cap, void *wrkmem);
/*
 * Only the first need bytes (a page of a unit, kmod/unit.c): decoding
 * stops after the block that reaches need. Returns the decoded length
 * (>= need, or the whole output when shorter), errors as above for what
 * it decoded; content size and checksum are checked only when it decodes
 * the whole frame.
 */
int tz_zstd_decompress_part_v(enum tz_variant v, const void *src, unsigned int src_len,
			      void *dst, unsigned int dst_cap, unsigned int need, void *wrkmem);

/* A decoder context, from dctx: TZ_ZSTD_DCTX_SIZE bytes (alignment >= 8). */
void tz_zstd_dctx_init(void *dctx);

/*
 * Dictionaries (RFC 8878 section 5): the zstd format (magic 0xEC30A437,
 * Dictionary_ID, entropy tables, repeat offsets, content, e.g. from
 * `zstd --train` / ZDICT) or raw content (anything without the magic, as
 * libzstd treats it). Prepared once into tz_zstd_dict_size(dict_len) bytes
 * the caller gives (any alignment >= 8; the dictionary bytes must outlive
 * it), then only read: any number of calls may use it at once.
 */
struct tz_zstd_dict;
#define TZ_ZSTD_DICT_MAX (1u << 30)	/* largest dictionary prepared */
size_t tz_zstd_dict_size(size_t dict_len);
/*
 * Returns 0, -EINVAL for an empty, over-large or corrupt dictionary (zstd
 * magic with truncated or invalid tables, repeat offsets outside the
 * content), -ENOSPC if mem_size < tz_zstd_dict_size(dict_len).
 */
int tz_zstd_dict_prepare(struct tz_zstd_dict *d, size_t mem_size, const void *dict,
			 size_t dict_len);
/* The Dictionary_ID frames made with it carry (0 for raw content). */
u32 tz_zstd_dict_id(const struct tz_zstd_dict *d);

/*
 * tz_zstd_decompress() with a dictionary (dict NULL: none). A frame that
 * names a Dictionary_ID other than the dictionary's is -EINVAL; one that
 * names none uses the dictionary given (as libzstd does).
 */
int tz_zstd_decompress_dict(const void *src, unsigned int src_len, void *dst,
			    unsigned int dst_cap, void *wrkmem, const struct tz_zstd_dict *dict);
int tz_zstd_decompress_dict_v(enum tz_variant v, const void *src, unsigned int src_len,
			      void *dst, unsigned int dst_cap, void *wrkmem,
			      const struct tz_zstd_dict *dict);
/*
 * tz_zstd_decompress_dict() with a decoder context instead of work memory
 * (dict may be NULL). -EINVAL if dctx was not initialised.
 */
int tz_zstd_decompress_dctx(const void *src, unsigned int src_len, void *dst,
			    unsigned int dst_cap, void *dctx, const struct tz_zstd_dict *dict);
int tz_zstd_decompress_dctx_v(enum tz_variant v, const void *src, unsigned int src_len,
			      void *dst, unsigned int dst_cap, void *dctx,
			      const struct tz_zstd_dict *dict);
/*
 * tz_zstd_compress() with a dictionary: frames carry its Dictionary_ID
 * (none for raw content), start from its repeat offsets, match into its
 * content (the last 8 MiB of it), and a zstd-format dictionary's tables
 * are reused in the first block where cheaper (zstd_enc_dict.c). dict
 * NULL: tz_zstd_compress(). The prepared dictionary holds a hash table
 * of its content: tz_zstd_dict_size() is 661 KiB for a 110 KiB
 * dictionary, 2.5 MiB at most.
 */
int tz_zstd_compress_dict(const void *src, unsigned int src_len, void *dst,
			  unsigned int dst_cap, int level, void *wrkmem,
			  const struct tz_zstd_dict *dict);
int tz_zstd_compress_dict_v(enum tz_variant v, const void *src, unsigned int src_len,
			    void *dst, unsigned int dst_cap, int level, void *wrkmem,
			    const struct tz_zstd_dict *dict);

/* XXH64 (seed given), as used by the frame content checksum. */
u64 tz_xxh64(const void *p, size_t len, u64 seed);

#endif /* TZ_ZSTD_H */
