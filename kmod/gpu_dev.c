// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_dev.c - a device's large reads through the GPU helper (gpu_batch.c).
 *
 * Which reads: a read bio of at least the device's gpu_min_pages pages
 * (0: never), page aligned with every segment a whole page, that is not
 * swap I/O (REQ_SWAP, or a page in the swap cache), not issued from
 * reclaim or a NOIO scope (PF_MEMALLOC, PF_MEMALLOC_NOIO, kswapd), and
 * only while tz_gpu_route() says a healthy helper that decodes the
 * device's algorithm is registered and the routing rule picks it.
 * Swap-in on 6.1/6.12 is one page per bio (or ->rw_page), so it never
 * qualifies by size either: reads under memory pressure never depend on
 * the helper. Bios larger than a batch (TZ_GENL_MAX_PAGES, or the
 * helper's own limit) go in batches; a tail shorter than gpu_min_pages is
 * read on the CPU.
 *
 * Which pages of it: those stored compressed with a tag recorded at write
 * time (slot CSUM: keyed hash of the page, gpu_csum.c). Same-filled, huge
 * (stored whole) and untagged pages (written while gpu_min_pages was 0)
 * are read on the CPU as usual. Every page read is an access (IDLE
 * cleared, access time updated), wherever it is decoded.
 *
 * How: the scratch (page list and a buffer for the compressed bytes) is
 * allocated first, GFP_NOIO and without retrying (failure: the whole bio
 * on the CPU, counted fallback_nomem). Each slot is locked only to copy
 * its compressed bytes and tag out of zsmalloc, so the batch works
 * on a consistent snapshot that a concurrent overwrite or discard cannot
 * free, and no lock is held while waiting for the helper. The batch call
 * waits at most gpu_timeout_ms and fills in only pages whose tag
 * matched; the rest are decompressed here from the same snapshot.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bio.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/zsmalloc.h>
#include "compat.h"
#include "dev.h"
#include "gpu_batch.h"
#include "gpu_dev.h"
#include "gpu_route.h"
#include "gpu_stats.h"
#include "tzram_genl.h"

#define TZ_GPU_NOIO (GFP_NOIO | __GFP_NORETRY | __GFP_NOWARN)

struct tz_gpu_scratch {
	struct page *dst[TZ_GENL_MAX_PAGES];	/* the bio's page at each position */
	s16 map[TZ_GENL_MAX_PAGES];		/* its entry in pages[], or -1 */
	struct tz_gpu_page pages[TZ_GENL_MAX_PAGES];
	u8 *buf;				/* compressed bytes, PAGE_SIZE each */
};

/* The routing rule's bio checks (see the top); *npages: its size. */
static bool tz_gpu_eligible(struct tz_dev *tz, struct bio *bio,
			    unsigned int *npages)
{
	unsigned int min = READ_ONCE(tz->gpu_min_pages);
	struct bvec_iter iter;
	struct bio_vec bv;

	if (!min || !TZ_GPU_PAGES_FIT)
		return false;
	if ((bio->bi_opf & REQ_SWAP) ||
	    (current->flags & (PF_MEMALLOC | PF_MEMALLOC_NOIO | PF_KSWAPD)))
		return false;
	if (bio->bi_iter.bi_sector & (TZ_SECTORS_PER_PAGE - 1) ||
	    bio->bi_iter.bi_size < (u64)min << PAGE_SHIFT)
		return false;
	bio_for_each_segment(bv, bio, iter)
		if (bv.bv_offset || bv.bv_len != PAGE_SIZE ||
		    folio_test_swapcache(page_folio(bv.bv_page)))
			return false;
	*npages = bio->bi_iter.bi_size >> PAGE_SHIFT;
	return true;
}

/*
 * Copy out the compressed bytes of the pages that may go to the helper,
 * and note them read (a read for I/O is an access, as on the CPU path).
 * Returns how many; sc->map says which. Slot locks are held one at a
 * time, for one copy of at most a page.
 */
static unsigned int tz_gpu_collect(struct tz_store *st, unsigned long index,
				   unsigned int n, u8 alg,
				   struct tz_gpu_scratch *sc)
{
	unsigned int i, k = 0;

	for (i = 0; i < n; i++) {
		struct tz_slot *s = tz_slot(&st->table, index + i);
		struct tz_gpu_page *p = &sc->pages[k];
		u8 *dst = sc->buf + (size_t)k * PAGE_SIZE;
		unsigned int size;
		const void *src;

		sc->map[i] = -1;
		tz_slot_lock(s);
		size = tz_slot_size(s);
		if (tz_slot_test(s, TZ_SLOT_CSUM) && !tz_slot_test(s, TZ_SLOT_SAME) &&
		    !tz_slot_test(s, TZ_SLOT_HUGE) && !tz_slot_test(s, TZ_SLOT_WB) &&
		    tz_slot_prio(s) == TZ_PRIMARY_COMP && size &&
		    size < TZ_GENL_MAX_CLEN) {
			src = tz_zs_read_begin(st->pool, s->handle, size, dst);
			if (src != dst)
				memcpy(dst, src, size);
			tz_zs_read_end(st->pool, s->handle, size, src);
			p->src = dst;
			p->clen = size;
			p->alg = alg;
			p->csum = s->csum;
			p->dst = sc->dst[i];
			sc->map[i] = k++;
			tz_store_accessed(st, s, index + i);
		}
		tz_slot_unlock(s);
	}
	return k;
}

/*
 * Decompress the pages of the snapshot that the helper did not serve
 * (status not 0) on the CPU, TZ_COMP_BATCH at a time through the codec's
 * batch call: each one's status becomes its own result (0 or -EIO).
 */
static void tz_gpu_cpu_pages(struct tz_store *st, struct tz_gpu_page *pages,
			     unsigned int npages)
{
	struct tz_comp *comp = &st->comps[TZ_PRIMARY_COMP];
	struct tz_codec_job jobs[TZ_COMP_BATCH];
	struct tz_gpu_page *of[TZ_COMP_BATCH];
	struct tz_strm *strm = NULL;
	unsigned int i = 0, k;

	while (i < npages) {
		for (k = 0; i < npages && k < TZ_COMP_BATCH; i++) {
			if (!pages[i].status)
				continue;
			of[k] = &pages[i];
			jobs[k].src = pages[i].src;
			jobs[k].src_len = pages[i].clen;
			jobs[k++].dst = kmap_local_page(pages[i].dst);
		}
		if (!k)
			break;
		if (!strm)
			strm = tz_strm_get(comp);
		tz_decomp_pages(comp, strm, jobs, k);
		while (k--) {
			kunmap_local(jobs[k].dst);
			of[k]->status = jobs[k].ret;
		}
	}
	if (strm)
		tz_strm_put(strm);
}

/*
 * Read n pages starting at device page index into sc->dst[]: a batch to
 * the helper if use_helper and there is anything to send, the CPU for
 * the rest. 0 or the first error.
 */
static int tz_gpu_read_chunk(struct tz_dev *tz, unsigned long index,
			     unsigned int n, bool use_helper,
			     struct tz_gpu_scratch *sc)
{
	struct tz_store *st = &tz->store;
	struct tz_gpu_req req = {
		.pages = sc->pages,
		.stats = &tz->gpu_stats,
	};
	/*
	 * The protocol's id of the codec's format; 0: the helper has none,
	 * nor the device's dictionary (dict=): those pages stay on the CPU.
	 */
	struct tz_comp *comp = &st->comps[TZ_PRIMARY_COMP];
	u8 alg = comp->dict ? 0 : comp->codec->genl_alg;
	unsigned int i;
	int ret = 0;

	if (use_helper && alg)
		req.npages = tz_gpu_collect(st, index, n, alg, sc);
	else
		memset(sc->map, 0xff, sizeof(sc->map));	/* all -1 */
	if (req.npages) {
		tz_gpu_decompress_batch(&req, READ_ONCE(tz->gpu_timeout_ms));
		tz_gpu_cpu_pages(st, sc->pages, req.npages);
	}

	for (i = 0; i < n && !ret; i++) {
		int k = sc->map[i];

		atomic64_inc(&tz->stats.num_reads);
		if (k < 0)
			ret = tz_store_read(st, index + i, sc->dst[i]);
		else
			ret = sc->pages[k].status;
		if (!ret)
			flush_dcache_page(sc->dst[i]);
	}
	return ret;
}

bool tz_gpu_read_bio(struct tz_dev *tz, struct bio *bio)
{
	unsigned long index = bio->bi_iter.bi_sector >> TZ_SECTORS_PER_PAGE_SHIFT;
	unsigned int npages, min, chunk, n, i;
	struct bvec_iter iter = bio->bi_iter;
	struct tz_gpu_scratch *sc;
	bool first = true;
	int ret = 0;
	u8 alg;

	if (!tz_gpu_eligible(tz, bio, &npages))
		return false;
	alg = tz->store.comps[TZ_PRIMARY_COMP].codec->genl_alg;
	chunk = tz_gpu_route(min_t(unsigned int, npages, TZ_GENL_MAX_PAGES), alg);
	if (!chunk)
		return false;

	sc = kmalloc(sizeof(*sc), TZ_GPU_NOIO);
	if (sc)
		sc->buf = kvmalloc(array_size(chunk, PAGE_SIZE), TZ_GPU_NOIO);
	if (!sc || !sc->buf) {
		kfree(sc);
		tz_gpu_stats_add(&tz_gpu_global, TZ_S_FB_NOMEM, 1);
		tz_gpu_stats_add(&tz->gpu_stats, TZ_S_FB_NOMEM, 1);
		return false;	/* all of it on the CPU */
	}

	min = READ_ONCE(tz->gpu_min_pages);
	while (iter.bi_size && !ret) {
		n = min_t(unsigned int, iter.bi_size >> PAGE_SHIFT, chunk);
		for (i = 0; i < n; i++) {
			sc->dst[i] = bio_iter_page(bio, iter);
			bio_advance_iter_single(bio, &iter, PAGE_SIZE);
		}
		/*
		 * The first batch was checked above; later ones again: full
		 * ones (the helper's limit may be under gpu_min_pages), and a
		 * tail of at least gpu_min_pages.
		 */
		ret = tz_gpu_read_chunk(tz, index, n, first ||
					((n == chunk || n >= min) &&
					 tz_gpu_route(n, alg) == n), sc);
		first = false;
		index += n;
	}
	if (ret) {
		atomic64_inc(&tz->stats.failed_reads);
		bio->bi_status = BLK_STS_IOERR;
	}
	kvfree(sc->buf);
	kfree(sc);
	return true;
}
