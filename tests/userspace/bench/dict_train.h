/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dict_train.h - the dictionary trainer shared by `tzramctl dict train`
 * (helper/tzramctl_dict.c) and `make bench`'s dictionary rows
 * (bench_core.c, lz4_dict_bench.c): one function, so that what the bench
 * measures is what the tool writes.
 */
#ifndef TZ_DICT_TRAIN_H
#define TZ_DICT_TRAIN_H

#include <stddef.h>

#define TZ_DICT_LZ4_REACH 65536	/* what an lz4 dictionary is used of: its end */

/*
 * Train a zstd-format dictionary (magic, id, entropy tables, content) of
 * at most cap bytes on n pages of page bytes each, packed in pages.
 * Returns its length, or a ZDICT error code (ZDICT_isError()). *builder
 * names how its content was chosen, for the caller's summary line.
 */
size_t tz_dict_train(void *dict, size_t cap, const void *pages, size_t n, size_t page,
		     const char **builder);

#endif /* TZ_DICT_TRAIN_H */
