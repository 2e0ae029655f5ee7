// SPDX-License-Identifier: GPL-2.0
/*
 * tzram-gpu-bench - batch decompression of 4 KiB LZ4 pages, as the helper
 * does it, and the costs of the data path's copies (docs/GPU.md).
 *
 *   tzram-gpu-bench [--pages N] [--batch N] [--streams N] [CORPUS.bin]
 *
 * CORPUS.bin: raw 4 KiB pages (make's build/corpus-pages.bin); without it,
 * generated pages. Pages that do not compress below 4 KiB are left out
 * (the device stores them whole; they never go to the helper).
 * Prints: the cpu backend host to host; with a GPU, the CUDA kernel alone
 * (device-resident data) and pinned host memory to pinned host memory;
 * then memcpy, XXH64 and CRC32C per page and a 1 MiB netlink send.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>
#include "helper.h"
#include "tz_lz4.h"
#include "tz_zstd.h"

int tz_verbose;
void tz_log(int prio, const char *fmt, ...)
{
	va_list ap;

	(void)prio;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int tz_cuda_bench(const uint8_t *src, const uint32_t *offs, const uint32_t *clens,
		  unsigned int n, const uint8_t *ref, unsigned int batch,
		  unsigned int streams, double *gpu_gbps, double *h2h_gbps,
		  char *devname, size_t devlen);

#define PS TZ_GENL_PAGE_SIZE

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint32_t crc32c_hw(const uint8_t *p, size_t n)
{
	uint64_t c = ~0u;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t v;

		memcpy(&v, p + i, 8);
		__asm__("crc32q %1, %0" : "+r"(c) : "rm"(v));
	}
	return (uint32_t)~c;
}

/* 1 MiB message to the generic netlink controller: the kernel copies it
 * in (as it copies a helper's result) and answers -EOPNOTSUPP. */
static double netlink_send_us(void)
{
	size_t len = 1 << 20;
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC), one = 1, sz = 8 << 20, i, reps = 200;
	struct nlmsghdr *h = calloc(1, len);
	char ack[256];
	double t0;

	if (fd < 0 || !h)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	h->nlmsg_len = len;
	h->nlmsg_type = GENL_ID_CTRL;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	((struct genlmsghdr *)NLMSG_DATA(h))->cmd = 200;	/* no such command */
	t0 = now();
	for (i = 0; i < reps; i++) {
		if (send(fd, h, len, 0) < 0 || recv(fd, ack, sizeof(ack), 0) < 0) {
			close(fd);
			free(h);
			return -1;
		}
	}
	t0 = (now() - t0) / reps * 1e6;
	close(fd);
	free(h);
	return t0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "pages", required_argument, NULL, 'n' },
		{ "batch", required_argument, NULL, 'b' },
		{ "streams", required_argument, NULL, 's' },
		{ 0 }
	};
	unsigned int want = 65536, batch = TZ_GENL_MAX_PAGES, streams = 4, n = 0, i;
	uint8_t *raw, *ref, *comp, *out;
	uint32_t *offs, *clens;
	uint64_t work[TZ_LZ4_WORKMEM_SIZE / 8], sink = 0;
	struct tz_backend *cpu;
	struct tz_job *jobs;
	size_t total = 0, o = 0;
	double t, gpu = 0, h2h = 0;
	char dev[128] = "none";
	FILE *f = NULL;
	int c, reps;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'n': want = atoi(optarg); break;
		case 'b': batch = atoi(optarg); break;
		case 's': streams = atoi(optarg); break;
		default: return 2;
		}
	}
	if (!want || !batch)
		return 2;
	if (optind < argc && !(f = fopen(argv[optind], "rb")))
		fprintf(stderr, "%s: %s; using generated pages\n", argv[optind], strerror(errno));
	raw = malloc((size_t)want * PS);
	ref = malloc((size_t)want * PS);
	out = malloc((size_t)want * PS);
	comp = malloc((size_t)want * PS);
	offs = malloc(want * sizeof(*offs));
	clens = malloc(want * sizeof(*clens));
	jobs = malloc(want * sizeof(*jobs));
	if (!raw || !ref || !out || !comp || !offs || !clens || !jobs)
		return 1;
	for (i = 0; i < want; i++) {
		uint8_t *p = raw + (size_t)i * PS;

		if (!f || fread(p, 1, PS, f) != PS) {
			unsigned int j, s = i * 2654435761u;

			if (f) {
				fclose(f);
				f = NULL;
				if (i)
					break;
			}
			for (j = 0; j < PS; j++) {
				s = s * 1103515245 + 12345;
				p[j] = (s >> 29) ? (uint8_t)"tzram gpu page "[j % 15] : (uint8_t)(s >> 16);
			}
		}
		c = tz_lz4_compress(p, PS, comp + o, PS - 1, work);
		if (c <= 0)
			continue;
		memcpy(ref + (size_t)n * PS, p, PS);
		offs[n] = o;
		clens[n] = c;
		o += c;
		n++;
	}
	if (f)
		fclose(f);
	printf("pages: %u compressible of %u (%.2f:1)\n", n, want, n ? (double)n * PS / o : 0);
	if (!n)
		return 1;

	/* cpu backend: batches of `batch` pages, host memory to host memory. */
	cpu = tz_backend_cpu(0);
	for (i = 0; i < n; i++)
		jobs[i] = (struct tz_job){ comp + offs[i], clens[i], TZ_ALG_LZ4, out + (size_t)i * PS, 0 };
	t = now();
	for (reps = 0; reps < 3; reps++)
		for (i = 0; i < n; i += batch)
			cpu->run(cpu, jobs + i, n - i < batch ? n - i : batch);
	t = now() - t;
	for (i = 0; i < n; i++)
		if (jobs[i].status || memcmp(out + (size_t)i * PS, ref + (size_t)i * PS, PS))
			return fprintf(stderr, "cpu backend: page %u wrong\n", i), 1;
	printf("cpu backend (%ld threads): %.2f GB/s host to host, batches of %u\n",
	       sysconf(_SC_NPROCESSORS_ONLN), 3.0 * n * PS / t / 1e9, batch);
	cpu->fini(cpu);

	if (!tz_cuda_built()) {
		printf("cuda: not built (no nvcc)\n");
	} else if (tz_cuda_bench(comp, offs, clens, n, ref, batch, streams, &gpu, &h2h,
				 dev, sizeof(dev))) {
		printf("cuda: no GPU or it failed (device: %s)\n", dev);
	} else {
		printf("cuda %s: %.1f GB/s GPU alone, %.1f GB/s host to host (batches of %u, %u streams)\n",
		       dev, gpu, h2h, batch, streams);
	}

	/* Costs of the copies and checksums, per 4 KiB page and per batch. */
	t = now();
	for (reps = 0; reps < 20; reps++)
		memcpy(out, ref + (reps & 1) * PS * 256, (size_t)256 * PS);
	t = now() - t;
	printf("memcpy: %.1f GB/s (%.0f us per 256-page batch)\n",
	       20.0 * 256 * PS / t / 1e9, t / 20 * 1e6);
	t = now();
	for (i = 0; i < n; i++)
		sink += tz_xxh64(ref + (size_t)i * PS, PS, 0);
	t = now() - t;
	printf("xxh64: %.1f GB/s, %.0f ns per page\n", (double)n * PS / t / 1e9, t / n * 1e9);
	t = now();
	for (i = 0; i < n; i++)
		sink += crc32c_hw(ref + (size_t)i * PS, PS);
	t = now() - t;
	printf("crc32c (SSE4.2): %.1f GB/s, %.0f ns per page\n", (double)n * PS / t / 1e9, t / n * 1e9);
	t = netlink_send_us();
	if (t > 0)
		printf("netlink: 1 MiB message user->kernel + ack: %.0f us (%.1f GB/s)\n", t,
		       (1 << 20) / t / 1e3);
	total = sink;	/* keep the sums */
	(void)total;
	return 0;
}
