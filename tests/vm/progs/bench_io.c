// SPDX-License-Identifier: GPL-2.0
/*
 * bench_io.c - guest side of the device benchmark (tests/vm/guest/bench-dev.sh):
 * write FILE to DEV with O_DIRECT in 64 KiB requests, read it back the same
 * way, check the bytes, and print the two times (CLOCK_MONOTONIC; the dd in
 * the guest prints no timing).
 *
 *   bench_io FILE DEV  ->  "write_s 0.123456 read_s 0.045678 bytes N"
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64 << 10)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	unsigned char *data, *back;
	size_t len = 0, cap = 16 << 20, off;
	double t0, tw, tr;
	ssize_t n;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_io FILE DEV\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || posix_memalign((void **)&data, 4096, cap) ||
	    posix_memalign((void **)&back, 4096, cap)) {
		perror(argv[1]);
		return 1;
	}
	while (len < cap && (n = read(fd, data + len, cap - len)) > 0)
		len += n;
	close(fd);
	len &= ~(size_t)(CHUNK - 1);
	if (!len) {
		fprintf(stderr, "bench_io: %s: less than %d bytes\n", argv[1], CHUNK);
		return 1;
	}
	fd = open(argv[2], O_RDWR | O_DIRECT);
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	t0 = now();
	for (off = 0; off < len; off += CHUNK)
		if (pwrite(fd, data + off, CHUNK, off) != CHUNK) {
			perror("bench_io: write");
			return 1;
		}
	tw = now() - t0;
	t0 = now();
	for (off = 0; off < len; off += CHUNK)
		if (pread(fd, back + off, CHUNK, off) != CHUNK) {
			perror("bench_io: read");
			return 1;
		}
	tr = now() - t0;
	close(fd);
	if (memcmp(data, back, len)) {
		fprintf(stderr, "bench_io: %s: data read back differs\n", argv[2]);
		return 1;
	}
	printf("write_s %.6f read_s %.6f bytes %zu\n", tw, tr, len);
	return 0;
}
