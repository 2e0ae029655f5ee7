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

void tz_job_decode(struct tz_job *j, void *dwork)
{
	const struct tz_codec *c = tz_codec_by_genl(j->alg);
	int r = -EOPNOTSUPP;

	if (c && (dwork || !c->dwork_size))
		r = c->decompress(tz_variant_active(), j->src, j->clen, j->dst,
				  TZ_GENL_PAGE_SIZE, dwork);
	else if (c)
		r = -ENOMEM;
	j->status = r == TZ_GENL_PAGE_SIZE ? 0 : (r < 0 ? r : -EINVAL);
}
