// SPDX-License-Identifier: GPL-2.0
/*
 * gpu_reply.c - the shape of a helper's RESULT (see gpu_reply.h).
 *
 * The helper is not trusted: nothing of a reply is used before every
 * record passed tz_gpu_reply_check(). In the kernel the family's policy
 * has already bounded each attribute; this code does not rely on it (its
 * fuzz target feeds it arbitrary bytes).
 */
#include <linux/errno.h>
#include "gpu_reply.h"

/* The kernel's MAX_ERRNO, which userspace headers do not have. */
#define TZ_REPLY_MAX_ERRNO 4095

/* The attribute at *pos if one fits in *rem bytes (nla_ok()), else NULL. */
static const struct nlattr *tz_reply_attr(const void *pos, int rem)
{
	const struct nlattr *nla = pos;

	if (rem < (int)sizeof(*nla) || nla->nla_len < sizeof(*nla) ||
	    nla->nla_len > rem)
		return NULL;
	return nla;
}

/* Step past nla (nla_next()); *rem may go negative: then no more. */
static const void *tz_reply_skip(const struct nlattr *nla, int *rem)
{
	int total = NLA_ALIGN(nla->nla_len);

	*rem -= total;
	return (const char *)nla + total;
}

static int tz_reply_is_rpage(const struct nlattr *nla)
{
	return (nla->nla_type & NLA_TYPE_MASK) == TZ_A_RPAGE;
}

int tz_gpu_reply_check(const void *attrs, int len, unsigned int npages,
		       const struct nlattr **bad)
{
	__u8 seen[TZ_GENL_MAX_PAGES / 8] = { 0 };
	const struct nlattr *nla;
	const void *pos = attrs;
	int rem = len;

	*bad = NULL;
	if (npages > TZ_GENL_MAX_PAGES)
		return -EINVAL;
	while ((nla = tz_reply_attr(pos, rem))) {
		unsigned int plen = nla->nla_len - NLA_HDRLEN;
		const struct tz_genl_rpage *r = (const void *)((const char *)nla + NLA_HDRLEN);

		pos = tz_reply_skip(nla, &rem);
		if (!tz_reply_is_rpage(nla))
			continue;
		*bad = nla;
		if (plen < sizeof(*r) || r->index >= npages ||
		    (seen[r->index / 8] & (1u << (r->index % 8))))
			return -EINVAL;
		seen[r->index / 8] |= 1u << (r->index % 8);
		if (r->status > 0 || r->status < -TZ_REPLY_MAX_ERRNO)
			return -EINVAL;
		/* A failed page may keep its (ignored) page slot. */
		if (plen != sizeof(*r) + TZ_GENL_PAGE_SIZE &&
		    (!r->status || plen != sizeof(*r)))
			return -EINVAL;
	}
	*bad = NULL;
	return 0;
}

const struct tz_genl_rpage *tz_gpu_reply_next(const void **pos, int *rem)
{
	const struct nlattr *nla;

	while ((nla = tz_reply_attr(*pos, *rem))) {
		*pos = tz_reply_skip(nla, rem);
		if (tz_reply_is_rpage(nla))
			return (const void *)((const char *)nla + NLA_HDRLEN);
	}
	return NULL;
}
