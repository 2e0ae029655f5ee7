// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_zstd_dict.c - libFuzzer target: preparing a dictionary, and the
 * ZSTD decoder with it. Input: 2 bytes LE output capacity (<= 64 KiB),
 * 2 bytes LE dictionary length n, n bytes of dictionary, the frame(s).
 * tz_zstd_dict_prepare must take exactly what ZSTD_createDDict takes (same
 * id), but for the named exceptions of fuzz_zstd_diff.h (a Huffman table
 * deeper than RFC 8878's 11 bits); with a dictionary both take, variants agree and libzstd
 * (ZSTD_decompress_usingDDict) gives the same answer, with the named
 * exceptions of fuzz_zstd_diff.h. ASan (exact-size heap buffers, the
 * dictionary and its prepared memory too) catches any access out of bounds.
 */
#include "fuzz_zstd_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ZSTD_DCtx *dc;
	size_t cap, dlen, flen, rr, msz;
	uint8_t *dict, *src, *dst, *ref;
	struct tz_zstd_dict *od;
	ZSTD_DDict *dd;
	int r0, err;

	if (size < 4)
		return 0;
	if (!dc)
		dc = ZSTD_createDCtx();
	cap = data[0] | (size_t)data[1] << 8;
	dlen = data[2] | (size_t)data[3] << 8;
	if (dlen > size - 4)
		dlen = size - 4;
	flen = size - 4 - dlen;
	dict = malloc(dlen ? dlen : 1);
	memcpy(dict, data + 4, dlen);
	src = malloc(flen ? flen : 1);
	memcpy(src, data + 4 + dlen, flen);
	msz = tz_zstd_dict_size(dlen);
	od = malloc(msz ? msz : 1);
	zs_strict_fired = ZS_STRICT_NONE;
	err = tz_zstd_dict_prepare(od, msz, dict, dlen);
	dd = dlen ? ZSTD_createDDict(dict, dlen) : NULL;
	if (err && dd && zs_strict_fired != ZS_STRICT_NONE) {
		/* A rule RFC 8878 sets and libzstd does not (its tables go to 12 bits). */
		if (!strict_seen[zs_strict_fired]++)
			fprintf(stderr, "note: ours refuses a dictionary libzstd takes: RFC 8878 rule: %s\n",
				strict_name[zs_strict_fired]);
	} else if (!err != !!dd) {
		fprintf(stderr, "dictionary of %zu bytes: ours %d, libzstd %s\n", dlen, err,
			dd ? "takes it" : "refuses it");
		abort();
	}
	if (dd && tz_zstd_dict_id(od) != ZSTD_getDictID_fromDDict(dd)) {
		fprintf(stderr, "dictionary id %u, libzstd %u\n", tz_zstd_dict_id(od),
			ZSTD_getDictID_fromDDict(dd));
		abort();
	}
	if (dd && !err) {
		dst = malloc(cap ? cap : 1);
		ref = malloc(cap ? cap : 1);
		r0 = fuzz_decode_all(src, flen, dst, cap, od);
		rr = ZSTD_decompress_usingDDict(dc, ref, cap, src, flen, dd);
		fuzz_vs_libzstd(r0, dst, rr, ref, src, flen);
		free(dst);
		free(ref);
	}
	ZSTD_freeDDict(dd);
	free(od);
	free(src);
	free(dict);
	return 0;
}
