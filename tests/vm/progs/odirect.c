// SPDX-License-Identifier: GPL-2.0
/*
 * odirect: O_DIRECT I/O whose memory is 512-byte aligned but not page
 * aligned, so each 4 KiB device block straddles two memory pages (bio
 * segments that start mid-page and split the block), for the reliability
 * test (tests/vm/guest/rel-data.sh).
 *
 *   odirect DEV MB
 *       In the first MB MiB of DEV: for every memory offset 512..3584
 *       (step 512) and lengths of 1..3 blocks, write a pattern (text,
 *       random or one repeated word) with O_DIRECT, read it back with
 *       O_DIRECT at another memory offset and through the page cache,
 *       compare every byte; device offsets not 4 KiB aligned must be
 *       refused (EINVAL) and change nothing. Prints a summary; exit 1 on
 *       the first mismatch or unexpected result.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLK 4096

static uint32_t rnd = 2463534242u;

static uint32_t next(void)
{
	rnd ^= rnd << 13;
	rnd ^= rnd >> 17;
	rnd ^= rnd << 5;
	return rnd;
}

/* kind 0: text-like, 1: random, 2: one repeated word (same-filled). */
static void pattern(uint8_t *p, size_t len, int kind, uint32_t seed)
{
	static const char text[] = "odirect: a block that straddles two pages ";
	size_t i;

	for (i = 0; i < len; i++) {
		if (kind == 0)
			p[i] = text[(i + seed) % (sizeof(text) - 1)] ^ (uint8_t)(i / BLK);
		else if (kind == 1)
			p[i] = (uint8_t)next();
		else
			p[i] = (uint8_t)(seed * 7 + (i & 7));
	}
}

static int die(const char *what, long long off, int mo, size_t len)
{
	fprintf(stderr, "odirect: %s (device offset %lld, memory offset %d, %zu bytes): %s\n",
		what, off, mo, len, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	int fd, bfd, mo, nb, kind, n = 0, refused = 0;
	uint8_t *wmem, *rmem, *w, *r;
	long long blocks, off;

	if (argc != 3) {
		fprintf(stderr, "usage: odirect DEV MB\n");
		return 2;
	}
	blocks = atoll(argv[2]) * (1 << 20) / BLK;
	fd = open(argv[1], O_RDWR | O_DIRECT);
	bfd = open(argv[1], O_RDONLY);
	if (fd < 0 || bfd < 0 || blocks < 8)
		return die("open", 0, 0, 0);
	if (posix_memalign((void **)&wmem, BLK, 5 * BLK) ||
	    posix_memalign((void **)&rmem, BLK, 5 * BLK))
		return 2;
	for (mo = 512; mo < BLK; mo += 512) {
		for (nb = 1; nb <= 3; nb++) {
			size_t len = (size_t)nb * BLK;

			kind = (mo / 512 + nb) % 3;
			off = (long long)(next() % (blocks - 3)) * BLK;
			w = wmem + mo;
			r = rmem + (BLK - mo);	/* another straddle */
			pattern(w, len, kind, next());
			if (pwrite(fd, w, len, off) != (ssize_t)len)
				return die("O_DIRECT write", off, mo, len);
			memset(r, 0xee, len);
			if (pread(fd, r, len, off) != (ssize_t)len)
				return die("O_DIRECT read", off, BLK - mo, len);
			if (memcmp(w, r, len))
				return die("O_DIRECT read-back differs", off, mo, len);
			memset(r, 0xee, len);
			if (pread(bfd, r, len, off) != (ssize_t)len || memcmp(w, r, len))
				return die("buffered read-back differs", off, mo, len);
			/* Not block aligned on the device: refused, nothing written. */
			errno = 0;
			if (pwrite(fd, r, BLK, off + 512) != -1 || errno != EINVAL)
				return die("O_DIRECT write at a 512-byte device offset not refused",
					   off + 512, mo, BLK);
			errno = 0;
			if (pread(fd, r, BLK, off + 512) != -1 || errno != EINVAL)
				return die("O_DIRECT read at a 512-byte device offset not refused",
					   off + 512, mo, BLK);
			refused += 2;
			if (pread(fd, r, len, off) != (ssize_t)len || memcmp(w, r, len))
				return die("data changed by a refused write", off, mo, len);
			n++;
		}
	}
	printf("odirect: %d straddling O_DIRECT writes verified (O_DIRECT and buffered), %d unaligned requests refused\n",
	       n, refused);
	return 0;
}
