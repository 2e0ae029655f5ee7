// SPDX-License-Identifier: GPL-2.0
/*
 * batch.c - parse a batch and decode its pages (see batch.h).
 *
 * The kernel is the only sender the helper accepts batches from, but the
 * parser still checks every length against its attribute and the
 * message: a bug on either side must end in -EINVAL, not in a read out
 * of bounds.
 */
#include <errno.h>
#include <string.h>
#include <linux/netlink.h>
#include "batch.h"
#include "tz_codec.h"

int tz_batch_parse(const void *attrs, int len, struct tz_job *jobs,
		   unsigned int max, uint64_t *id)
{
	const char *pos = attrs;
	unsigned int n = 0;
	int have_id = 0;

	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)pos;
		const char *data = pos + NLA_HDRLEN;
		int alen = a->nla_len, plen = alen - NLA_HDRLEN;
		const struct tz_genl_page *p = (const void *)data;

		if (alen < NLA_HDRLEN || alen > len)
			return -EINVAL;
		switch (a->nla_type & NLA_TYPE_MASK) {
		case TZ_A_BATCH_ID:
			if (plen != (int)sizeof(*id))
				return -EINVAL;
			memcpy(id, data, sizeof(*id));
			have_id = 1;
			break;
		case TZ_A_PAGE:
			if (n >= max || plen < (int)sizeof(*p) || p->index != n ||
			    !p->clen || p->clen > TZ_GENL_MAX_CLEN ||
			    plen < (int)(sizeof(*p) + p->clen))
				return -EINVAL;
			jobs[n].src = (const uint8_t *)(p + 1);
			jobs[n].clen = p->clen;
			jobs[n].alg = p->alg;
			jobs[n].status = -EINVAL;
			n++;
			break;
		}
		pos += NLA_ALIGN(alen);
		len -= NLA_ALIGN(alen);
	}
	if (!have_id || !n)
		return -EINVAL;
	return (int)n;
}

size_t tz_job_dwork_size(void)
{
	size_t n = 0;
	unsigned int i;

	for (i = 0; tz_codecs[i]; i++)
		if (tz_codecs[i]->genl_alg && tz_codecs[i]->dwork_size > n)
			n = tz_codecs[i]->dwork_size;
	return n;
}

/* A decoder's return for one page as a job's status. */
static int32_t tz_job_status(int r)
{
	return r == TZ_GENL_PAGE_SIZE ? 0 : (r < 0 ? r : -EINVAL);
}

void tz_job_decode(struct tz_job *j, void *dwork)
{
	tz_jobs_decode(j, 1, dwork);
}

/*
 * The jobs from j on that one batch call may take: the same algorithm,
 * TZ_JOBS_BATCH at most.
 */
static unsigned int tz_jobs_run(const struct tz_job *j, unsigned int n)
{
	unsigned int k = 1;

	while (k < n && k < TZ_JOBS_BATCH && j[k].alg == j[0].alg)
		k++;
	return k;
}

void tz_jobs_decode(struct tz_job *jobs, unsigned int n, void *dwork)
{
	enum tz_variant v = tz_variant_active();
	struct tz_codec_job cj[TZ_JOBS_BATCH];
	struct tz_codec_batch b = { .jobs = cj };
	unsigned int at, k;

	for (at = 0; at < n; at += b.n) {
		struct tz_job *j = jobs + at;
		const struct tz_codec *c = tz_codec_by_genl(j->alg);

		b.n = tz_jobs_run(j, n - at);
		for (k = 0; k < b.n; k++) {
			cj[k] = (struct tz_codec_job){
				.src = j[k].src, .src_len = j[k].clen,
				.dst = j[k].dst, .dst_cap = TZ_GENL_PAGE_SIZE,
				.ret = -EOPNOTSUPP,
			};
		}
		if (c && !dwork && c->dwork_size) {
			for (k = 0; k < b.n; k++)
				cj[k].ret = -ENOMEM;
		} else if (c && c->decompress_batch && b.n > 1) {
			c->decompress_batch(v, &b, dwork);
		} else if (c) {
			for (k = 0; k < b.n; k++)
				cj[k].ret = c->decompress(v, cj[k].src, cj[k].src_len,
							  cj[k].dst, cj[k].dst_cap,
							  dwork);
		}
		for (k = 0; k < b.n; k++)
			j[k].status = tz_job_status(cj[k].ret);
	}
}
