/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zstd_dict.h - a prepared ZSTD dictionary (RFC 8878 section 5): parsed
 * once by tz_zstd_dict_prepare() into memory the caller gives, then only
 * read, by any number of streams at once.
 *
 * It holds the entropy in a codec-neutral form (Huffman weights per
 * symbol, FSE normalized counts and accuracy logs, repeat offsets), the
 * content (a pointer: the caller keeps the dictionary bytes alive), the
 * decoder's tables built from that entropy, and the encoder's prepared
 * part (ze_cdict_*, zstd_enc_dict.c) right after the struct.
 */
#ifndef TZ_ZSTD_DICT_H
#define TZ_ZSTD_DICT_H

#include "zstd_internal.h"

#define ZS_DICT_MAGIC	0xEC30A437u

struct tz_zstd_dict {
	u32 id;			/* Dictionary_ID; 0 for raw content */
	bool entropy;		/* zstd format: the tables and rep[] below */
	u32 rep[3];		/* repeat offsets a frame starts with */
	const u8 *content;	/* matches of the first bytes reach into it */
	size_t content_len;

	/* Entropy as the dictionary describes it (valid if entropy). */
	u8 huf_w[256];		/* Huffman weight per symbol, 0: absent */
	u16 huf_nsym;		/* symbols described, the implied last one included */
	u8 huf_bits;		/* longest code */
	s16 ll_norm[ZS_LL_MAX + 1], ml_norm[ZS_ML_MAX + 1], of_norm[ZS_OF_MAX + 1];
	u8 ll_max, ml_max, of_max;	/* last symbol described */
	u8 ll_al, ml_al, of_al;

	/* Decoder: the same built into decoding tables (zstd_dec.c uses them
	 * in place for a frame's first "repeat" and "treeless" modes).
	 */
	struct zs_fse_e dll[1 << ZS_LL_AL], dml[1 << ZS_ML_AL], dof[1 << ZS_OF_AL];
	u16 dhuf[1 << ZS_HUF_BITS];

	/* Used while preparing only (kept off the kernel stack). */
	struct zs_fse_e prep_hwt[1 << ZS_HW_AL];
	u8 prep_sorted[256];

	/* Encoder: ze_cdict_size(content_len) bytes of its own prepared
	 * tables (hash table of the content, encoding tables), built by
	 * ze_cdict_build(); NULL when it needs none.
	 */
	void *enc;
};

/* The encoder's part (zstd_enc_dict.c): bytes it needs, and its build. */
size_t ze_cdict_size(size_t content_len);
int ze_cdict_build(struct tz_zstd_dict *d);

#endif /* TZ_ZSTD_DICT_H */
