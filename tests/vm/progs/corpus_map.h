/* SPDX-License-Identifier: GPL-2.0 */
/*
 * corpus_map.h: the page corpus (/data/corpus.bin, whole 4 KiB pages)
 * mapped read-only for the guest test programs that write its pages
 * (mixio, thpfill).
 */
#ifndef CORPUS_MAP_H
#define CORPUS_MAP_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "page_pattern.h"

/* Map path's whole pages: their count in *npages, NULL (reported) on error. */
static inline const uint8_t *corpus_map(const char *path, uint64_t *npages)
{
	struct stat sb;
	int fd = open(path, O_RDONLY);
	void *p;

	if (fd < 0 || fstat(fd, &sb) || sb.st_size < PG) {
		perror(path);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	*npages = sb.st_size / PG;
	p = mmap(NULL, *npages * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

#endif /* CORPUS_MAP_H */
