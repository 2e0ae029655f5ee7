/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_lz4_batch.h - batches of independent blocks (part of the template:
 * see tz_lz4_tmpl.h). Every job gets exactly what the one-block call
 * gives it: the same match finder, probe for probe, and the same
 * sequence writer (tz_lz4_enc.h), the same decoder paths (tz_lz4_dec.h).
 *
 * Decompression: two blocks advance one sequence each in turn, so that
 * one's chain (token -> lengths -> next token) runs while the other's
 * waits: 0-10 % over one block a call (docs/BENCHMARKS.md 5.1).
 *
 * Compression takes the jobs one after the other with one table. Two
 * blocks interleaved a sequence each (two tables) measured 0.8-0.9x of
 * that in make bench: the finder's chain ends in a branch mispredicted at
 * nearly every match, whose flush takes the other block's work too, and
 * the two 16 KiB tables with the pages do not fit a 32 KiB L1. Lanes that
 * probe without a branch, selecting both outcomes by masks, four blocks
 * in turn, gave identical output at ~80 instead of ~16 instructions per
 * probe, 0.5x the speed.
 */

/* Compression: the one-block call per job, one table (see the top). */
TZ_TARGET int TZ_FN(tz_lz4_compress_batch)(struct tz_lz4_job *jobs, unsigned int n,
					   void *wrkmem)
{
	unsigned int k;
	int failed = 0;

	for (k = 0; k < n; k++) {
		jobs[k].ret = TZ_FN(tz_lz4_compress)(jobs[k].src, jobs[k].src_len, jobs[k].dst,
						     jobs[k].dst_cap, wrkmem);
		failed += jobs[k].ret < 0;
	}
	return failed;
}

/* ---- decompression ---------------------------------------------------- */

static __always_inline void
TZ_FN(tz_dec_lane_take)(struct tz_lz4_job *jobs, unsigned int n, unsigned int *next,
			struct tz_lz4_dblk *b, int *job)
{
	while (*next < n) {
		struct tz_lz4_job *j = &jobs[(*next)++];

		if (unlikely(!j->src_len)) {
			j->ret = -TZ_ECORRUPT;
			continue;
		}
		*b = (struct tz_lz4_dblk){
			.ip = j->src, .iend = (const u8 *)j->src + j->src_len,
			.op = j->dst, .oend = (u8 *)j->dst + j->dst_cap, .dst = j->dst,
		};
		TZ_FN(tz_dec_start)(b);
		*job = j - jobs;
		return;
	}
	*job = -1;
}

/*
 * One sequence of lane b: false when its block has ended (result in
 * *ret) or failed.
 */
static __always_inline TZ_TARGET bool
TZ_FN(tz_dec_lane_step)(struct tz_lz4_dblk *b, int *ret)
{
	int r;

	if (likely(TZ_FN(tz_dec_run_seq)(b, NULL, 0, 1)))
		return true;
	r = TZ_FN(tz_dec_general_seq)(b, NULL, 0);
	if (likely(r > 0))
		return true;
	*ret = r ? r : (int)(b->op - b->dst);
	return false;
}

/*
 * Two lanes in named variables (not an array), so that both blocks'
 * pointers stay in registers; a lane whose block ends takes the next job,
 * and the last block runs alone.
 */
TZ_TARGET int TZ_FN(tz_lz4_decompress_batch)(struct tz_lz4_job *jobs, unsigned int n)
{
	struct tz_lz4_dblk a = { 0 }, b = { 0 };
	int ja, jb, failed = 0;
	unsigned int next = 0, l;

	TZ_FN(tz_dec_lane_take)(jobs, n, &next, &a, &ja);
	TZ_FN(tz_dec_lane_take)(jobs, n, &next, &b, &jb);
	while (ja >= 0 && jb >= 0) {
		if (unlikely(!TZ_FN(tz_dec_lane_step)(&a, &jobs[ja].ret)))
			TZ_FN(tz_dec_lane_take)(jobs, n, &next, &a, &ja);
		if (unlikely(!TZ_FN(tz_dec_lane_step)(&b, &jobs[jb].ret)))
			TZ_FN(tz_dec_lane_take)(jobs, n, &next, &b, &jb);
	}
	if (ja < 0) {
		a = b;
		ja = jb;
	}
	if (ja >= 0)
		jobs[ja].ret = TZ_FN(tz_dec_block_rest)(&a, NULL, 0);
	for (l = 0; l < n; l++)
		failed += jobs[l].ret < 0;
	return failed;
}
