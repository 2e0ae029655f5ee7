// SPDX-License-Identifier: GPL-2.0
/* corpus.c - corpus loader: .zst streamed through libzstd, else raw bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "corpus.h"
#ifndef TZ_NO_LIBZSTD
#include <zstd.h>
#endif

static int grow(unsigned char **buf, size_t *cap, size_t need)
{
	unsigned char *n;

	if (need <= *cap)
		return 0;
	*cap = need > 2 * *cap ? need : 2 * *cap;
	n = realloc(*buf, *cap);
	if (!n) {
		perror("corpus: realloc");
		exit(2);
	}
	*buf = n;
	return 0;
}

size_t tz_corpus_load(const char *path, size_t max_pages, unsigned char **out)
{
	FILE *f = fopen(path, "rb");
	size_t len = 0, cap = 1 << 20, limit = max_pages ? max_pages * TZ_PAGE : (size_t)-1;
	unsigned char *buf = NULL;
	size_t n = strlen(path);

	*out = NULL;
	if (!f) {
		fprintf(stderr, "corpus: %s: not found\n", path);
		return 0;
	}
	buf = malloc(cap);
	if (!buf) {
		perror("corpus: malloc");
		exit(2);
	}
	if (n > 4 && !strcmp(path + n - 4, ".zst")) {
#ifdef TZ_NO_LIBZSTD
		fprintf(stderr, "corpus: %s: built without libzstd, give a raw file\n", path);
		fclose(f);
		free(buf);
		return 0;
#else
		static unsigned char in[1 << 17];
		ZSTD_DStream *ds = ZSTD_createDStream();
		size_t got;

		ZSTD_initDStream(ds);
		while (len < limit && (got = fread(in, 1, sizeof(in), f)) > 0) {
			ZSTD_inBuffer ib = { in, got, 0 };

			while (ib.pos < ib.size && len < limit) {
				ZSTD_outBuffer ob;
				size_t r;

				grow(&buf, &cap, len + (1 << 20));
				ob = (ZSTD_outBuffer){ buf + len, cap - len, 0 };
				r = ZSTD_decompressStream(ds, &ob, &ib);
				if (ZSTD_isError(r)) {
					fprintf(stderr, "corpus: %s: %s\n", path, ZSTD_getErrorName(r));
					ZSTD_freeDStream(ds);
					fclose(f);
					free(buf);
					return 0;
				}
				len += ob.pos;
			}
		}
		ZSTD_freeDStream(ds);
#endif
	} else {
		size_t got;

		while (len < limit) {
			grow(&buf, &cap, len + (1 << 20));
			got = fread(buf + len, 1, cap - len, f);
			if (!got)
				break;
			len += got;
		}
	}
	fclose(f);
	if (len > limit)
		len = limit;
	*out = buf;
	return len / TZ_PAGE;
}
