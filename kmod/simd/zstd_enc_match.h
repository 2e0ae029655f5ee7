/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zstd_enc_match.h - the encoder's match finder, written once and
 * specialised per variant (zstd_enc_<variant>.c): hash head table plus
 * chain (depth per level), one-step lazy evaluation of matches shorter
 * than a per-level length (the next position may start a longer one), repeat
 * offset tried first. Fills ws->seq/ws->lit for one block.
 */
#ifndef TZ_ZSTD_ENC_MATCH_H
#define TZ_ZSTD_ENC_MATCH_H

#include "zstd_enc.h"

static __always_inline u32 ze_hash(u32 x, unsigned int hlog)
{
	return (x * 2654435761u) >> (32 - hlog);
}

/* Common prefix of a and b (a < b), not reading at or past end. */
static __always_inline size_t ze_count(const u8 *a, const u8 *b, const u8 *end)
{
	const u8 *s = b;

	while (b + 8 <= end) {
		u64 x = tz_read64(a) ^ tz_read64(b);

		if (x)
			return (size_t)(b - s) + (__builtin_ctzll(x) >> 3);
		a += 8;
		b += 8;
	}
	while (b < end && *a == *b) {
		a++;
		b++;
	}
	return (size_t)(b - s);
}

/* Offset value as coded + the decoder's repeat-offset update (RFC 8878 3.1.2.5). */
static __always_inline u32 ze_offval(u32 off, size_t ll, u32 *rep)
{
	u32 ov;

	if (ll) {
		if (off == rep[0])
			return 1;
		if (off == rep[1]) {
			rep[1] = rep[0];
			rep[0] = off;
			return 2;
		}
		ov = off == rep[2] ? 3 : off + 3;
	} else {
		if (off == rep[1]) {
			rep[1] = rep[0];
			rep[0] = off;
			return 1;
		}
		ov = off == rep[2] ? 2 : off == rep[0] - 1 ? 3 : off + 3;
	}
	rep[2] = rep[1];
	rep[1] = rep[0];
	rep[0] = off;
	return ov;
}

/*
 * Best match at ip among the chain longer than min (0: any of >= 4 bytes):
 * its length and offset, or 0. A candidate that cannot beat the best so
 * far differs at that length: one byte compare rejects it uncounted.
 */
static __always_inline size_t ze_find(struct tz_zstd_cws *ws, const u8 *src, const u8 *ip,
				      const u8 *iend, const struct ze_params *p, u32 *offp,
				      size_t min)
{
	u32 pos = (u32)(ip - src), cur = tz_read32(ip), h = ze_hash(cur, p->hlog);
	u32 cand = ws->head[h];
	unsigned int depth = p->depth;
	size_t best = min, lim = (size_t)(iend - ip);

	ws->head[h] = (u16)(pos + 1);
	ws->chain[pos] = (u16)cand;
	while (cand && depth--) {
		const u8 *m = src + cand - 1;

		cand = ws->chain[cand - 1];
		if (best >= lim)
			break;
		if (tz_read32(m) == cur && m[best] == ip[best]) {
			size_t l = 4 + ze_count(m + 4, ip + 4, iend);

			if (l > best) {
				best = l;
				*offp = (u32)(ip - m);
			}
		}
	}
	return best > min ? best : 0;
}

/* Literals: 8-byte copies may read up to 7 bytes past src + n, never past lim. */
static __always_inline void ze_copy_lits(u8 *d, const u8 *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i += 8)
		tz_write64(d + i, tz_read64(s + i));
}

static __always_inline void ze_match_core(struct tz_zstd_cws *ws, const u8 *src, size_t len,
					  const struct ze_params *p, struct ze_block *b,
					  enum tz_variant v)
{
	const u8 *ip = src, *anchor = src, *iend = src + len;
	const u8 *ilimit = len > 8 ? iend - 8 : src;
	u8 *lp = ws->lit;
	unsigned int nseq = 0, miss = 0;
	u32 rep[3] = { b->rep[0], b->rep[1], b->rep[2] };

	(void)v;
	memset(ws->head, 0, sizeof(u16) << p->hlog);
	while (ip < ilimit) {
		size_t ml, ll;
		u32 off = 0;

		/* Repeat offset first: cheapest to code. */
		if (ip > anchor && (size_t)(ip - src) >= rep[0] &&
		    tz_read32(ip) == tz_read32(ip - rep[0])) {
			off = rep[0];
			ml = 4 + ze_count(ip + 4 - off, ip + 4, iend);
		} else {
			ml = ze_find(ws, src, ip, iend, p, &off, 0);
			if (!ml) {
				/* Incompressible stretches: step faster. */
				ip += 1 + (miss++ >> 5);
				continue;
			}
			if (ml < p->lazy_below && ip + 1 < ilimit) {
				u32 off2 = 0;
				size_t ml2 = ze_find(ws, src, ip + 1, iend, p, &off2, ml + 1);

				if (ml2) {
					ml = ml2;
					off = off2;
					ip++;
				}
			}
		}
		/* Extend backwards over equal bytes before the match. */
		while (ip > anchor && ip - off > src && ip[-1] == *(ip - 1 - off)) {
			ip--;
			ml++;
		}
		ll = ip - anchor;
		/* ip < ilimit = iend - 8: the copy reads below iend. */
		ze_copy_lits(lp, anchor, ll);
		lp += ll;
		ws->seq[nseq].ll = (u16)ll;
		ws->seq[nseq].ml = (u16)ml;
		ws->seq[nseq].ov = ze_offval(off, ll, rep);
		nseq++;
		ip += ml;
		anchor = ip;
		miss = 0;
		/* Seed the table inside the match: later data often repeats it. */
		if (ip - 2 < ilimit && ip - 2 > src) {
			u32 pos = (u32)(ip - 2 - src), h = ze_hash(tz_read32(ip - 2), p->hlog);

			ws->chain[pos] = ws->head[h];
			ws->head[h] = (u16)(pos + 1);
		}
	}
	memcpy(lp, anchor, iend - anchor);
	lp += iend - anchor;
	b->nseq = nseq;
	b->nlit = (unsigned int)(lp - ws->lit);
	b->rep[0] = rep[0];
	b->rep[1] = rep[1];
	b->rep[2] = rep[2];
}

#define ZE_MATCH_INSTANTIATE(name, attr, var)					\
static attr void name##_fn(struct tz_zstd_cws *ws, const u8 *src, size_t len,	\
			   const struct ze_params *p, struct ze_block *b)	\
{										\
	ze_match_core(ws, src, len, p, b, var);					\
}										\
const ze_match_fn name = name##_fn

#endif /* TZ_ZSTD_ENC_MATCH_H */
