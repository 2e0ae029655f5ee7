/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lz4_warp.h - LZ4 block decoding of one 4 KiB page by one CUDA warp,
 * written once for both sides: nvcc compiles it as device code (each of
 * the 32 lanes runs the function; TZ_LANES loops are its own lane), and a
 * C/C++ host compiler compiles the very same source with TZ_LANES looping
 * over all 32 lanes in turn, so tests here check the GPU's decoding logic
 * on the CPU (tests/userspace: gpu_lz4_host_test).
 *
 * Every lane parses each sequence identically (the bytes are broadcast
 * from cache); literal and match bytes are then copied one byte per lane.
 * A match with offset < 32 is copied in steps of `offset` bytes, so no
 * lane reads a byte written in the same step: the step order, not lane
 * timing, defines the result, which is what makes the host emulation
 * exact. The page is staged in out[] (shared memory on the GPU).
 * Never reads or writes out of bounds; returns 0 only for input that
 * decodes to exactly TZ_LZ4W_PAGE bytes.
 */
#ifndef TZ_LZ4_WARP_H
#define TZ_LZ4_WARP_H

#include <stdint.h>

#define TZ_LZ4W_PAGE 4096u

#ifdef __CUDACC__
#define TZ_HD __host__ __device__ __forceinline__
#else
#define TZ_HD static inline
#endif

#ifdef __CUDA_ARCH__
#define TZ_LANES(l) { const unsigned int l = threadIdx.x & 31u;
#define TZ_LANES_END }
#define TZ_SYNC() __syncwarp()
#else
#define TZ_LANES(l) for (unsigned int l = 0; l < 32u; l++) {
#define TZ_LANES_END }
#define TZ_SYNC() do { } while (0)
#endif

/* Decode src[0..clen) into out[0..TZ_LZ4W_PAGE); 0 or -1. */
TZ_HD int tz_lz4_warp_decode(const uint8_t *src, uint32_t clen, uint8_t *out)
{
	uint32_t ip = 0, op = 0;

	for (;;) {
		uint32_t token, lit, mlen, off, b;

		if (ip >= clen)
			return -1;
		token = src[ip++];
		lit = token >> 4;
		if (lit == 15) {
			do {
				if (ip >= clen)
					return -1;
				b = src[ip++];
				lit += b;
			} while (b == 255 && lit < TZ_LZ4W_PAGE + 255);
		}
		if (lit > clen - ip || lit > TZ_LZ4W_PAGE - op)
			return -1;
		TZ_LANES(l)
			for (uint32_t i = l; i < lit; i += 32u)
				out[op + i] = src[ip + i];
		TZ_LANES_END
		TZ_SYNC();
		ip += lit;
		op += lit;
		if (ip == clen)		/* the last sequence has no match */
			return op == TZ_LZ4W_PAGE ? 0 : -1;
		if (clen - ip < 2)
			return -1;
		off = src[ip] | (uint32_t)src[ip + 1] << 8;
		ip += 2;
		if (!off || off > op)
			return -1;
		mlen = (token & 15u) + 4u;
		if ((token & 15u) == 15u) {
			do {
				if (ip >= clen)
					return -1;
				b = src[ip++];
				mlen += b;
			} while (b == 255 && mlen < TZ_LZ4W_PAGE + 255);
		}
		if (mlen > TZ_LZ4W_PAGE - op)
			return -1;
		{
			const uint32_t step = off < 32u ? off : 32u;

			for (uint32_t base = 0; base < mlen; base += step) {
				TZ_LANES(l)
					if (l < step && base + l < mlen)
						out[op + base + l] = out[op + base + l - off];
				TZ_LANES_END
				TZ_SYNC();
			}
		}
		op += mlen;
	}
}

#endif /* TZ_LZ4_WARP_H */
