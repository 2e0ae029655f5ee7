/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * tzram_genl.h - generic netlink protocol between tzram.ko and its
 * decompression helper (helper/tzram-helper). Shared by both sides.
 *
 * Data path: payload in netlink messages. The kernel sends one
 * TZ_CMD_BATCH message per batch (compressed pages inline); the helper
 * answers with one TZ_CMD_RESULT message (decompressed pages inline). The
 * kernel verifies every returned page against a checksum it recorded when
 * the page was written (XXH64, seed 0, over the TZ_GENL_PAGE_SIZE bytes)
 * and decompresses on the CPU whatever is missing, late or wrong.
 *
 * Every command requires CAP_NET_ADMIN (GENL_ADMIN_PERM).
 * Attribute payloads are little/host-endian (same host on both sides).
 */
#ifndef TZRAM_GENL_H
#define TZRAM_GENL_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <linux/types.h>
#include <stdint.h>
#endif

#define TZ_GENL_NAME		"tzram"
#define TZ_GENL_VERSION		1

/* Pages are always 4 KiB in the protocol (the device's logical block). */
#define TZ_GENL_PAGE_SIZE	4096
/* Most pages in one batch (request and result). */
#define TZ_GENL_MAX_PAGES	256
/*
 * Largest compressed page the kernel sends: a page stored compressed is
 * smaller than the page (incompressible pages are stored whole and never
 * go to the helper).
 */
#define TZ_GENL_MAX_CLEN	TZ_GENL_PAGE_SIZE
#define TZ_GENL_BACKEND_LEN	16	/* backend name, NUL included */
/* Socket buffers the helper needs (SO_RCVBUFFORCE / SO_SNDBUFFORCE). */
#define TZ_GENL_SOCKBUF		(8u << 20)

enum tz_genl_cmd {
	TZ_CMD_UNSPEC,
	/* helper -> kernel: become the helper (one at a time; -EBUSY). */
	TZ_CMD_REGISTER,
	/* helper -> kernel: stop getting batches (also done on socket close). */
	TZ_CMD_UNREGISTER,
	/* kernel -> helper: decompress these pages (never accepted from userspace). */
	TZ_CMD_BATCH,
	/* helper -> kernel: the answer to one batch. */
	TZ_CMD_RESULT,
	/* anyone with CAP_NET_ADMIN -> kernel: counters (reply: TZ_CMD_STATS). */
	TZ_CMD_STATS,
	__TZ_CMD_MAX,
};
#define TZ_CMD_MAX (__TZ_CMD_MAX - 1)

/* Algorithms of a page (TZ_A_PAGE's alg). */
enum tz_genl_alg {
	TZ_ALG_LZ4 = 1,
	TZ_ALG_ZSTD = 2,
};

/* Helper flags (TZ_A_FLAGS of TZ_CMD_REGISTER). */
#define TZ_HF_TEST		(1u << 0)	/* a test mode is on (--test-*) */
#define TZ_HF_ALG(alg)		(1u << (alg))	/* decodes enum tz_genl_alg alg */
#define TZ_HF_ALG_LZ4		TZ_HF_ALG(TZ_ALG_LZ4)
#define TZ_HF_ALG_ZSTD		TZ_HF_ALG(TZ_ALG_ZSTD)

/*
 * TZ_A_PAGE (in TZ_CMD_BATCH), repeated once per page, in order:
 * this header followed by clen bytes of compressed data.
 */
struct tz_genl_page {
	__u32 index;		/* position in the batch: 0, 1, 2, ... */
	__u16 clen;		/* compressed bytes that follow, 1..TZ_GENL_MAX_CLEN */
	__u8 alg;		/* enum tz_genl_alg */
	__u8 reserved;		/* 0 */
};

/*
 * TZ_A_RPAGE (in TZ_CMD_RESULT), repeated, any order, each index at most
 * once: this header followed by TZ_GENL_PAGE_SIZE bytes when status is 0;
 * when status is not 0, nothing or TZ_GENL_PAGE_SIZE ignored bytes.
 * Pages left out count as failed.
 */
struct tz_genl_rpage {
	__u32 index;
	__s32 status;		/* 0 or -errno (e.g. -EINVAL: corrupt input) */
};

enum tz_genl_attr {
	TZ_A_UNSPEC,
	TZ_A_BATCH_ID,		/* u64: BATCH, RESULT */
	TZ_A_NPAGES,		/* u32: BATCH (pages in it), REGISTER (most per batch) */
	TZ_A_PAGE,		/* binary: struct tz_genl_page + data (BATCH) */
	TZ_A_RPAGE,		/* binary: struct tz_genl_rpage [+ page] (RESULT) */
	TZ_A_BACKEND,		/* string: REGISTER ("cpu", "cuda") */
	TZ_A_FLAGS,		/* u32: REGISTER, TZ_HF_* */
	TZ_A_MBPS,		/* u32: REGISTER, helper's own decode rate, MB/s (advisory) */
	TZ_A_HELPER_PID,	/* u32: STATS reply (0: none registered) */
	TZ_A_STAT,		/* nested: STATS reply, TZ_S_* u64 counters */
	TZ_A_PAD,
	__TZ_A_MAX,
};
#define TZ_A_MAX (__TZ_A_MAX - 1)

/* Counters in TZ_A_STAT (u64 each); the same as debugfs and gpu_stat. */
enum tz_genl_stat {
	TZ_S_UNSPEC,
	TZ_S_BATCHES,		/* batches answered and used */
	TZ_S_PAGES,		/* pages served by the helper (verified) */
	TZ_S_BYTES,		/* compressed bytes sent to the helper */
	TZ_S_FB_NOHELPER,	/* batches not sent: no healthy helper */
	TZ_S_FB_NOMEM,		/* batches not sent: message allocation failed */
	TZ_S_FB_SEND,		/* batches not sent: unicast failed (helper gone/full) */
	TZ_S_FB_TIMEOUT,	/* batches not answered in time */
	TZ_S_FB_DEATH,		/* batches failed by helper socket release */
	TZ_S_FB_MALFORMED,	/* batches whose reply was malformed */
	TZ_S_FB_CHECKSUM,	/* pages whose returned bytes failed the checksum */
	TZ_S_FB_PAGE,		/* pages the helper reported failed or left out */
	TZ_S_LATE,		/* replies to no outstanding batch (late, unknown) */
	TZ_S_REGISTERS,		/* successful registrations */
	__TZ_S_MAX,
};
#define TZ_S_MAX (__TZ_S_MAX - 1)

#endif /* TZRAM_GENL_H */
