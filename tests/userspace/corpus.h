/* SPDX-License-Identifier: GPL-2.0 */
/* corpus.h - load the page corpus (raw, or .zst with libzstd) for tests/bench. */
#ifndef TZ_CORPUS_H
#define TZ_CORPUS_H

#include <stddef.h>

#define TZ_PAGE 4096

/*
 * Read at most max_pages pages (0: all) of path into a malloc'd buffer.
 * Returns the number of whole pages, 0 with *buf = NULL if the file is
 * absent or unreadable (a message says why), exits on allocation failure.
 */
size_t tz_corpus_load(const char *path, size_t max_pages, unsigned char **buf);

#endif
