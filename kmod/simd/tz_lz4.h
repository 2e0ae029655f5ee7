/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_lz4.h - LZ4 block-format codec (compatible with liblz4's
 * LZ4_compress_* / LZ4_decompress_safe*), scalar and SIMD variants:
 * one block per call, batches of independent blocks, and raw-content
 * dictionaries.
 */
#ifndef TZ_LZ4_H
#define TZ_LZ4_H

#include "tz_port.h"
#include "tz_cpu.h"

/* Hash table: 8192 u16 positions (<= 64 KiB inputs) or 4096 u32 ones. */
#define TZ_LZ4_WORKMEM_SIZE 16384
/* liblz4's LZ4_MAX_INPUT_SIZE; larger inputs get -EINVAL. */
#define TZ_LZ4_MAX_INPUT 0x7E000000u
/* Worst-case compressed size (same as LZ4_compressBound). */
#define TZ_LZ4_BOUND(n) ((n) + (n) / 255 + 16)

/*
 * Compress src into dst with the active variant (brackets itself with
 * tz_simd_begin/end). wrkmem: TZ_LZ4_WORKMEM_SIZE bytes, 8-byte aligned.
 * Returns the compressed length (>= 1), -ENOSPC if it does not fit dst_cap.
 */
int tz_lz4_compress(const void *src, unsigned int src_len, void *dst,
		    unsigned int dst_cap, void *wrkmem);
/*
 * Returns the decompressed length, -EINVAL for malformed input, -ENOSPC if
 * the output would exceed dst_cap. Never reads or writes out of bounds;
 * may write anywhere in dst[0, dst_cap), also past the returned length.
 */
int tz_lz4_decompress(const void *src, unsigned int src_len, void *dst,
		      unsigned int dst_cap);

/*
 * Explicit variant (from tz_simd_begin(), or tests/benchmarks in
 * userspace); v must be supported. SIMD variants in the kernel must run
 * between tz_simd_begin() and tz_simd_end().
 */
int tz_lz4_compress_v(enum tz_variant v, const void *src, unsigned int src_len,
		      void *dst, unsigned int dst_cap, void *wrkmem);
int tz_lz4_decompress_v(enum tz_variant v, const void *src, unsigned int src_len,
			void *dst, unsigned int dst_cap);
/*
 * Only the block's first need bytes (a page of a unit, kmod/unit.c): the
 * decoded length, >= need (it stops after the sequence that reaches need)
 * or the whole block's when shorter; what lies beyond is not checked.
 * Never reads or writes out of bounds, whatever the input.
 */
int tz_lz4_decompress_part_v(enum tz_variant v, const void *src, unsigned int src_len,
			     void *dst, unsigned int dst_cap, unsigned int need);
/*
 * With LZ4's acceleration (zram's lz4 level, as LZ4_compress_fast()): the
 * probe step starts at accel instead of 1, trading ratio for speed; below
 * 1 means 1 (tz_lz4_compress_v()'s output), above TZ_LZ4_ACCEL_MAX is
 * clamped to it.
 */
#define TZ_LZ4_ACCEL_MAX 65537
int tz_lz4_compress_fast_v(enum tz_variant v, const void *src, unsigned int src_len,
			   void *dst, unsigned int dst_cap, void *wrkmem, int accel);

/*
 * ---- Batches: several independent blocks per call ----------------------
 *
 * One job per block, each with its own buffers; every job's result is
 * exactly what the one-block call gives for it (same bytes, same errors),
 * in any order and any mix of sizes; any number of jobs. Decompression
 * advances two blocks a sequence each in turn (TZ_LZ4_LANES);
 * compression takes them one after the other (see tz_lz4_batch.h why).
 *
 * Bounding the work per SIMD section: tz_lz4_*_batch_v() run inside the
 * caller's section and do exactly the jobs given, so a kernel caller
 * bounds the time with preemption off by the number of jobs it passes
 * per tz_simd_begin()/tz_simd_end() (a 4 KiB page takes ~5 us to
 * compress, ~1.5 us to decompress on the Zen 4 of docs/BENCHMARKS.md).
 * tz_lz4_*_batch() do that themselves: one section per
 * TZ_LZ4_BATCH_SECTION jobs.
 */
#define TZ_LZ4_LANES 2
#define TZ_LZ4_BATCH_SECTION 8
/* Batch compression work memory (one table), 8-byte aligned. */
#define TZ_LZ4_BATCH_WORKMEM_SIZE TZ_LZ4_WORKMEM_SIZE

struct tz_lz4_job {
	const void *src;
	void *dst;
	unsigned int src_len;
	unsigned int dst_cap;
	int ret;		/* out: as the one-block call returns */
};

/* Each returns the number of jobs that failed (ret < 0). */
int tz_lz4_compress_batch_v(enum tz_variant v, struct tz_lz4_job *jobs,
			    unsigned int n, void *wrkmem);
int tz_lz4_decompress_batch_v(enum tz_variant v, struct tz_lz4_job *jobs,
			      unsigned int n);
int tz_lz4_compress_batch(struct tz_lz4_job *jobs, unsigned int n, void *wrkmem);
int tz_lz4_decompress_batch(struct tz_lz4_job *jobs, unsigned int n);

/*
 * ---- Dictionaries (raw content) -----------------------------------------
 *
 * A dictionary is history placed before every block: matches may reach
 * into its last bytes (offsets up to 64 KiB in all), as liblz4's
 * LZ4_loadDict() + LZ4_compress_fast_continue() and
 * LZ4_decompress_safe_usingDict() do; either side decodes the other's.
 *
 * tz_lz4_dict_prepare() hashes the dictionary once into a read-only
 * object that any number of CPUs then use at the same time (each call
 * probes its table where the block's own has no match). It keeps a pointer to data,
 * which must stay unchanged while the object is in use, and uses its last
 * TZ_LZ4_DICT_MAX - max_input bytes at most: max_input is the largest
 * block it will compress (e.g. PAGE_SIZE), at most TZ_LZ4_DICT_MAX / 2.
 * The decoder needs only the bytes (any length; offsets beyond them are
 * -EINVAL). Dictionary bytes must not overlap dst.
 */
#define TZ_LZ4_DICT_MAX 65536u
/*
 * The dictionary's own hash table: one entry per 4-byte hash of 16 bits,
 * 128 KiB, so that most of its up to 60 KiB of positions stay findable (a
 * block's 8192-entry table keeps about one in seven); a block probes it
 * where its own table has no match.
 */
#define TZ_LZ4_DICT_HLOG 16

struct tz_lz4_dict {
	const u8 *data;		/* its used bytes: [data, data + len) */
	u32 len;
	u32 max_input;
	u16 table[1u << TZ_LZ4_DICT_HLOG];	/* dictionary positions */
};

/* 0, or -EINVAL if max_input is 0 or too large. */
int tz_lz4_dict_prepare(struct tz_lz4_dict *dict, const void *data, size_t len,
			unsigned int max_input);
/*
 * As tz_lz4_compress_v() with the dictionary as history; -EINVAL if
 * src_len > dict->max_input.
 */
int tz_lz4_compress_dict_v(enum tz_variant v, const struct tz_lz4_dict *dict,
			   const void *src, unsigned int src_len, void *dst,
			   unsigned int dst_cap, void *wrkmem);
int tz_lz4_decompress_dict_v(enum tz_variant v, const void *dict, size_t dict_len,
			     const void *src, unsigned int src_len, void *dst,
			     unsigned int dst_cap);
/*
 * A decoder's front: the dictionary's last bytes (up to TZ_LZ4_DICT_MAX)
 * copied once into the caller's memory, with room for one block's output
 * right after them. A block decoded there has its whole history in one
 * place, as without a dictionary: no sequence asks whether its match
 * starts in the dictionary, and the copy out to dst is one memcpy.
 * tz_lz4_front_size() bytes (8-byte aligned memory; the room is its last
 * room bytes), set up once by tz_lz4_front_init(); then only one call at a
 * time may use it (its room is scratch): one per CPU stream. The
 * dictionary's bytes are not needed after the set-up.
 */
size_t tz_lz4_front_size(size_t dict_len, unsigned int room);
void tz_lz4_front_init(void *front, const void *dict, size_t dict_len,
		       unsigned int room);
/*
 * As tz_lz4_decompress_dict_v() with the front's dictionary (same results,
 * same bytes in dst); a dst_cap over the front's room is decoded straight
 * into dst (tz_lz4_decompress_dict_v()). Writes only dst and the room.
 */
int tz_lz4_decompress_front_v(enum tz_variant v, void *front, const void *src,
			      unsigned int src_len, void *dst, unsigned int dst_cap);
int tz_lz4_compress_dict(const struct tz_lz4_dict *dict, const void *src,
			 unsigned int src_len, void *dst, unsigned int dst_cap,
			 void *wrkmem);
int tz_lz4_decompress_dict(const void *dict, size_t dict_len, const void *src,
			   unsigned int src_len, void *dst, unsigned int dst_cap);

#endif /* TZ_LZ4_H */
