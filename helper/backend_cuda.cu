// SPDX-License-Identifier: GPL-2.0
/*
 * backend_cuda.cu - batch LZ4 page decompression on an NVIDIA GPU.
 * One warp decodes one page (lz4_warp.h) into shared memory and writes
 * it out with 16-byte coalesced stores. Per batch: compressed pages are
 * packed into pinned host memory, copied to the device, decoded, copied
 * back into pinned memory and then into the caller's buffers (the netlink
 * reply). ZSTD pages are not decoded here (status -EOPNOTSUPP: the kernel
 * decodes them on its CPU).
 *
 * tz_cuda_bench() is the benchmark used by tzram-gpu-bench.
 */
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <chrono>
#include <cuda_runtime.h>

extern "C" {
#include "helper.h"
}
#include "lz4_warp.h"

#define WARPS_PER_BLOCK 4

struct tz_cmeta {
	uint32_t off;		/* of the compressed page in the source buffer */
	uint32_t clen;		/* 0: not for the GPU */
};

__global__ void tz_lz4_batch_kernel(const uint8_t *__restrict__ src,
				    const tz_cmeta *__restrict__ meta,
				    uint8_t *__restrict__ dst, int32_t *status,
				    unsigned int n)
{
	__shared__ __align__(16) uint8_t stage[WARPS_PER_BLOCK][TZ_LZ4W_PAGE];
	const unsigned int w = threadIdx.x >> 5, lane = threadIdx.x & 31u;
	const unsigned int page = blockIdx.x * WARPS_PER_BLOCK + w;
	int r;

	if (page >= n)
		return;
	if (!meta[page].clen) {
		if (!lane)
			status[page] = -EOPNOTSUPP;
		return;
	}
	r = tz_lz4_warp_decode(src + meta[page].off, meta[page].clen, stage[w]);
	if (!r) {
		const uint4 *s = reinterpret_cast<const uint4 *>(stage[w]);
		uint4 *d = reinterpret_cast<uint4 *>(dst + (size_t)page * TZ_LZ4W_PAGE);

		for (unsigned int i = lane; i < TZ_LZ4W_PAGE / 16; i += 32)
			d[i] = s[i];
	}
	if (!lane)
		status[page] = r ? -EINVAL : 0;
}

struct cuda_ctx {
	int dev;
	cudaStream_t st;
	uint8_t *hsrc, *hdst, *dsrc, *ddst;
	tz_cmeta *hmeta, *dmeta;
	int32_t *hstat, *dstat;
	unsigned int cap;	/* pages */
};

static bool ok(cudaError_t e, const char *what)
{
	if (e == cudaSuccess)
		return true;
	err("cuda: %s: %s", what, cudaGetErrorString(e));
	return false;
}

static bool ctx_alloc(cuda_ctx *c, unsigned int pages)
{
	size_t sb = (size_t)pages * TZ_GENL_MAX_CLEN, db = (size_t)pages * TZ_LZ4W_PAGE;

	c->cap = pages;
	return ok(cudaStreamCreateWithFlags(&c->st, cudaStreamNonBlocking), "stream") &&
	       ok(cudaMallocHost(&c->hsrc, sb), "pinned src") &&
	       ok(cudaMallocHost(&c->hdst, db), "pinned dst") &&
	       ok(cudaMallocHost(&c->hmeta, pages * sizeof(tz_cmeta)), "pinned meta") &&
	       ok(cudaMallocHost(&c->hstat, pages * sizeof(int32_t)), "pinned status") &&
	       ok(cudaMalloc(&c->dsrc, sb), "src") && ok(cudaMalloc(&c->ddst, db), "dst") &&
	       ok(cudaMalloc(&c->dmeta, pages * sizeof(tz_cmeta)), "meta") &&
	       ok(cudaMalloc(&c->dstat, pages * sizeof(int32_t)), "status");
}

static void ctx_free(cuda_ctx *c)
{
	cudaFreeHost(c->hsrc); cudaFreeHost(c->hdst); cudaFreeHost(c->hmeta);
	cudaFreeHost(c->hstat); cudaFree(c->dsrc); cudaFree(c->ddst);
	cudaFree(c->dmeta); cudaFree(c->dstat);
	if (c->st)
		cudaStreamDestroy(c->st);
}

/* Pack, copy in, decode, copy out: the batch's pages into hdst/hstat. */
static bool cuda_batch(cuda_ctx *c, const tz_job *jobs, unsigned int n)
{
	uint32_t off = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		bool gpu = jobs[i].alg == TZ_ALG_LZ4 && jobs[i].clen &&
			   jobs[i].clen <= TZ_GENL_MAX_CLEN;

		c->hmeta[i].off = off;
		c->hmeta[i].clen = gpu ? jobs[i].clen : 0;
		if (gpu) {
			memcpy(c->hsrc + off, jobs[i].src, jobs[i].clen);
			off += jobs[i].clen;
		}
	}
	return ok(cudaMemcpyAsync(c->dsrc, c->hsrc, off, cudaMemcpyHostToDevice, c->st), "copy in") &&
	       ok(cudaMemcpyAsync(c->dmeta, c->hmeta, n * sizeof(tz_cmeta),
				  cudaMemcpyHostToDevice, c->st), "copy meta") &&
	       (tz_lz4_batch_kernel<<<(n + WARPS_PER_BLOCK - 1) / WARPS_PER_BLOCK,
				      32 * WARPS_PER_BLOCK, 0, c->st>>>(c->dsrc, c->dmeta,
				      c->ddst, c->dstat, n), ok(cudaGetLastError(), "launch")) &&
	       ok(cudaMemcpyAsync(c->hdst, c->ddst, (size_t)n * TZ_LZ4W_PAGE,
				  cudaMemcpyDeviceToHost, c->st), "copy out") &&
	       ok(cudaMemcpyAsync(c->hstat, c->dstat, n * sizeof(int32_t),
				  cudaMemcpyDeviceToHost, c->st), "copy status") &&
	       ok(cudaStreamSynchronize(c->st), "sync");
}

static int cuda_run(tz_backend *b, tz_job *jobs, unsigned int n)
{
	cuda_ctx *c = static_cast<cuda_ctx *>(b->priv);
	unsigned int i;

	if (n > c->cap || !cuda_batch(c, jobs, n)) {
		for (i = 0; i < n; i++)
			jobs[i].status = -EIO;
		return -EIO;
	}
	for (i = 0; i < n; i++) {
		jobs[i].status = c->hstat[i];
		if (!jobs[i].status)
			memcpy(jobs[i].dst, c->hdst + (size_t)i * TZ_LZ4W_PAGE, TZ_LZ4W_PAGE);
	}
	return 0;
}

static void cuda_fini(tz_backend *b)
{
	cuda_ctx *c = static_cast<cuda_ctx *>(b->priv);

	ctx_free(c);
	free(c);
	free(b);
}

extern "C" int tz_cuda_built(void)
{
	return 1;
}

extern "C" tz_backend *tz_backend_cuda(int device)
{
	cuda_ctx *c;
	tz_backend *b;
	int count = 0;
	cudaDeviceProp p;

	if (cudaGetDeviceCount(&count) != cudaSuccess || count <= device || device < 0)
		return NULL;
	if (!ok(cudaSetDevice(device), "set device") ||
	    !ok(cudaGetDeviceProperties(&p, device), "properties"))
		return NULL;
	c = static_cast<cuda_ctx *>(calloc(1, sizeof(*c)));
	b = static_cast<tz_backend *>(calloc(1, sizeof(*b)));
	if (!c || !b || !ctx_alloc(c, TZ_GENL_MAX_PAGES)) {
		if (c)
			ctx_free(c);
		free(c);
		free(b);
		return NULL;
	}
	c->dev = device;
	b->name = "cuda";
	b->algs = TZ_HF_ALG_LZ4;
	b->run = cuda_run;
	b->fini = cuda_fini;
	b->priv = c;
	info("cuda backend: device %d %s (sm_%d%d, %d SMs)", device, p.name, p.major,
	     p.minor, p.multiProcessorCount);
	return b;
}

/*
 * Benchmark: n compressed pages (packed in src, meta[i] = offset, clen),
 * expected output in ref (n pages) to verify. Reports
 *   gpu_gbps:  kernel alone, data resident on the device, big launches;
 *   h2h_gbps:  pinned host memory in -> device -> pinned host memory out,
 *              batches of `batch` pages, `streams` streams overlapping.
 * Returns 0, or -1 if no GPU / a mismatch.
 */
extern "C" int tz_cuda_bench(const uint8_t *src, const uint32_t *offs,
			     const uint32_t *clens, unsigned int n,
			     const uint8_t *ref, unsigned int batch,
			     unsigned int streams, double *gpu_gbps,
			     double *h2h_gbps, char *devname, size_t devlen)
{
	cudaDeviceProp p;
	int count = 0;
	size_t sb = 0;
	unsigned int i, s, bad = 0;

	if (cudaGetDeviceCount(&count) != cudaSuccess || !count)
		return -1;
	cudaGetDeviceProperties(&p, 0);
	snprintf(devname, devlen, "%s (sm_%d%d, %d SMs)", p.name, p.major, p.minor,
		 p.multiProcessorCount);
	for (i = 0; i < n; i++)
		sb += clens[i];

	/* 1. GPU alone. */
	uint8_t *dsrc, *ddst, *hsrc, *hdst;
	tz_cmeta *dmeta, *hmeta;
	int32_t *dstat, *hstat;
	if (!ok(cudaMalloc(&dsrc, sb), "bench src") ||
	    !ok(cudaMalloc(&ddst, (size_t)n * TZ_LZ4W_PAGE), "bench dst") ||
	    !ok(cudaMalloc(&dmeta, n * sizeof(tz_cmeta)), "bench meta") ||
	    !ok(cudaMalloc(&dstat, n * sizeof(int32_t)), "bench status") ||
	    !ok(cudaMallocHost(&hsrc, sb), "bench pinned src") ||
	    !ok(cudaMallocHost(&hdst, (size_t)n * TZ_LZ4W_PAGE), "bench pinned dst") ||
	    !ok(cudaMallocHost(&hmeta, n * sizeof(tz_cmeta)), "bench pinned meta") ||
	    !ok(cudaMallocHost(&hstat, n * sizeof(int32_t)), "bench pinned status"))
		return -1;
	size_t o = 0;
	for (i = 0; i < n; i++) {
		memcpy(hsrc + o, src + offs[i], clens[i]);
		hmeta[i].off = (uint32_t)o;
		hmeta[i].clen = clens[i];
		o += clens[i];
	}
	cudaMemcpy(dsrc, hsrc, sb, cudaMemcpyHostToDevice);
	cudaMemcpy(dmeta, hmeta, n * sizeof(tz_cmeta), cudaMemcpyHostToDevice);
	unsigned int blocks = (n + WARPS_PER_BLOCK - 1) / WARPS_PER_BLOCK;
	tz_lz4_batch_kernel<<<blocks, 32 * WARPS_PER_BLOCK>>>(dsrc, dmeta, ddst, dstat, n);
	cudaEvent_t e0, e1;
	cudaEventCreate(&e0);
	cudaEventCreate(&e1);
	const int reps = 20;
	cudaEventRecord(e0);
	for (int r = 0; r < reps; r++)
		tz_lz4_batch_kernel<<<blocks, 32 * WARPS_PER_BLOCK>>>(dsrc, dmeta, ddst, dstat, n);
	cudaEventRecord(e1);
	if (!ok(cudaEventSynchronize(e1), "bench kernel"))
		return -1;
	float ms = 0;
	cudaEventElapsedTime(&ms, e0, e1);
	*gpu_gbps = (double)reps * n * TZ_LZ4W_PAGE / (ms / 1e3) / 1e9;
	cudaMemcpy(hdst, ddst, (size_t)n * TZ_LZ4W_PAGE, cudaMemcpyDeviceToHost);
	cudaMemcpy(hstat, dstat, n * sizeof(int32_t), cudaMemcpyDeviceToHost);
	for (i = 0; i < n; i++)
		bad += hstat[i] || memcmp(hdst + (size_t)i * TZ_LZ4W_PAGE,
					  ref + (size_t)i * TZ_LZ4W_PAGE, TZ_LZ4W_PAGE);
	if (bad) {
		fprintf(stderr, "cuda bench: %u of %u pages decoded wrong\n", bad, n);
		return -1;
	}

	/* 2. Host to host: batches over streams, copies overlapping decode. */
	if (streams < 1)
		streams = 1;
	cudaStream_t st[16];
	if (streams > 16)
		streams = 16;
	for (s = 0; s < streams; s++)
		cudaStreamCreateWithFlags(&st[s], cudaStreamNonBlocking);
	auto t0 = std::chrono::steady_clock::now();
	const int hreps = 5;
	for (int r = 0; r < hreps; r++) {
		for (i = 0, s = 0; i < n; i += batch, s = (s + 1) % streams) {
			unsigned int k = n - i < batch ? n - i : batch;
			size_t a = hmeta[i].off;
			size_t z = (i + k < n ? hmeta[i + k].off : sb) - a;

			cudaMemcpyAsync(dsrc + a, hsrc + a, z, cudaMemcpyHostToDevice, st[s]);
			cudaMemcpyAsync(dmeta + i, hmeta + i, k * sizeof(tz_cmeta),
					cudaMemcpyHostToDevice, st[s]);
			tz_lz4_batch_kernel<<<(k + WARPS_PER_BLOCK - 1) / WARPS_PER_BLOCK,
					      32 * WARPS_PER_BLOCK, 0, st[s]>>>(dsrc, dmeta + i,
					      ddst + (size_t)i * TZ_LZ4W_PAGE, dstat + i, k);
			cudaMemcpyAsync(hdst + (size_t)i * TZ_LZ4W_PAGE, ddst + (size_t)i * TZ_LZ4W_PAGE,
					(size_t)k * TZ_LZ4W_PAGE, cudaMemcpyDeviceToHost, st[s]);
		}
	}
	if (!ok(cudaDeviceSynchronize(), "bench h2h"))
		return -1;
	double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
	*h2h_gbps = (double)hreps * n * TZ_LZ4W_PAGE / sec / 1e9;
	for (i = 0; i < n; i++)
		bad += memcmp(hdst + (size_t)i * TZ_LZ4W_PAGE, ref + (size_t)i * TZ_LZ4W_PAGE,
			      TZ_LZ4W_PAGE) != 0;
	for (s = 0; s < streams; s++)
		cudaStreamDestroy(st[s]);
	cudaFree(dsrc); cudaFree(ddst); cudaFree(dmeta); cudaFree(dstat);
	cudaFreeHost(hsrc); cudaFreeHost(hdst); cudaFreeHost(hmeta); cudaFreeHost(hstat);
	return bad ? -1 : 0;
}
