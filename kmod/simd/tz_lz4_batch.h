/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_lz4_batch.h - batches of independent blocks (part of the template:
 * see tz_lz4_tmpl.h). Every job gets exactly what the one-block call
 * gives it: the same match finder, probe for probe, and the same
 * sequence writer (tz_lz4_enc.h), the same decoder paths (tz_lz4_dec.h).
 *
 * Two blocks advance one sequence each in turn, so that one's chain
 * (compression: position -> hash -> table -> candidate -> compare ->
 * match length -> next position; decompression: token -> lengths -> next
 * token) runs while the other's waits.
 *
 * (Compression lanes that probe without a branch, selecting both
 * outcomes by masks, four blocks in turn, were measured: identical
 * output, ~80 instead of ~16 instructions per probe, 0.5x the speed of
 * this; docs/BENCHMARKS.md 5.1.)
 */

/*
 * Take the next job that needs a match finder into lane b; the others
 * (too short for a match, over 64 KiB) are done on the spot.
 */
static __always_inline TZ_TARGET void
TZ_FN(tz_enc_lane_take)(struct tz_lz4_job *jobs, unsigned int n, unsigned int *next,
			struct tz_lz4_cblk *b, void *table, int *job)
{
	while (*next < n) {
		struct tz_lz4_job *j = &jobs[(*next)++];

		*b = (struct tz_lz4_cblk){
			.src = j->src, .anchor = j->src,
			.iend = (const u8 *)j->src + j->src_len,
			.op = j->dst, .oend = (u8 *)j->dst + j->dst_cap, .table = table,
		};
		if (j->src_len > TZ_LZ4_U16_LIMIT) {
			j->ret = TZ_FN(tz_lz4_compress)(j->src, j->src_len, j->dst,
							j->dst_cap, table);
		} else if (!TZ_FN(tz_enc_start)(b, NULL, 0, 0, 0)) {
			j->ret = TZ_FN(tz_enc_last)(b, j->dst);
		} else {
			*job = j - jobs;
			return;
		}
	}
	*job = -1;
}

/* One sequence of lane b; false when its block is done (result set). */
static __always_inline TZ_TARGET bool
TZ_FN(tz_enc_lane_step)(struct tz_lz4_cblk *b, struct tz_lz4_job *j)
{
	const int r = TZ_FN(tz_enc_seq)(b, NULL, 0, 0);

	if (likely(r > 0))
		return true;
	j->ret = r < 0 ? r : TZ_FN(tz_enc_last)(b, j->dst);
	return false;
}

/*
 * Two lanes in named variables (their pointers stay in registers), one
 * sequence of each in turn; the last block runs alone.
 */
TZ_TARGET int TZ_FN(tz_lz4_compress_batch)(struct tz_lz4_job *jobs, unsigned int n,
					   void *wrkmem)
{
	u8 *const ta = wrkmem, *const tb = (u8 *)wrkmem + TZ_LZ4_WORKMEM_SIZE;
	struct tz_lz4_cblk a = { 0 }, b = { 0 };
	unsigned int next = 0, l;
	int ja, jb, failed = 0;

	TZ_FN(tz_enc_lane_take)(jobs, n, &next, &a, ta, &ja);
	TZ_FN(tz_enc_lane_take)(jobs, n, &next, &b, tb, &jb);
	while (ja >= 0 && jb >= 0) {
		if (unlikely(!TZ_FN(tz_enc_lane_step)(&a, &jobs[ja])))
			TZ_FN(tz_enc_lane_take)(jobs, n, &next, &a, ta, &ja);
		if (unlikely(!TZ_FN(tz_enc_lane_step)(&b, &jobs[jb])))
			TZ_FN(tz_enc_lane_take)(jobs, n, &next, &b, tb, &jb);
	}
	if (ja < 0) {
		a = b;
		ja = jb;
	}
	if (ja >= 0)
		while (TZ_FN(tz_enc_lane_step)(&a, &jobs[ja]))
			;
	for (l = 0; l < n; l++)
		failed += jobs[l].ret < 0;
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

	if (likely(TZ_FN(tz_dec_fast_room)(b) && TZ_FN(tz_dec_fast_seq)(b, NULL, 0)))
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
