/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpeer_shim.h - the few kernel definitions that Linux's lib/lz4 and
 * lib/zstd need, so that the kernel's own codec sources build unchanged in
 * userspace for the benchmark's `kernel-lz4` / `kernel-zstd` rows. Every
 * header under shim/linux/ includes this one. Definitions follow the
 * kernel's (get_unaligned is a plain unaligned load there too).
 */
#ifndef KPEER_SHIM_H
#define KPEER_SHIM_H

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#define __LITTLE_ENDIAN 1234
#define CONFIG_64BIT 1

#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __maybe_unused __attribute__((__unused__))
#define __init
#define __exit
#define fallthrough __attribute__((__fallthrough__))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define MODULE_LICENSE(s)
#define MODULE_DESCRIPTION(s)
#define MODULE_AUTHOR(s)
#define module_init(f)
#define module_exit(f)

#define BUILD_BUG_ON(c) ((void)sizeof(char[1 - 2 * !!(c)]))
#define WARN_ON(c) ((void)(c))
#define pr_debug(...) ((void)0)
#define pr_err(...) ((void)0)
#define printk(...) ((void)0)

#define get_unaligned(p) ({ __typeof__(*(p)) v_; memcpy(&v_, (p), sizeof(v_)); v_; })
#define put_unaligned(v, p) ({ __typeof__(*(p)) v_ = (v); memcpy((p), &v_, sizeof(v_)); (void)0; })
#define get_unaligned_le16(p) get_unaligned((const u16 *)(p))
#define get_unaligned_le32(p) get_unaligned((const u32 *)(p))
#define get_unaligned_le64(p) get_unaligned((const u64 *)(p))
#define put_unaligned_le16(v, p) put_unaligned((u16)(v), (u16 *)(p))
#define put_unaligned_le32(v, p) put_unaligned((u32)(v), (u32 *)(p))
#define put_unaligned_le64(v, p) put_unaligned((u64)(v), (u64 *)(p))
#define swab16(x) __builtin_bswap16(x)
#define swab32(x) __builtin_bswap32(x)
#define swab64(x) __builtin_bswap64(x)

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))

static inline u64 div_u64(u64 a, u32 b) { return a / b; }
/* x86's __ffs/__fls (bsf/bsr): index of the lowest/highest set bit. */
static inline unsigned long __ffs(unsigned long w) { return __builtin_ctzl(w); }
static inline unsigned long __fls(unsigned long w) { return 63 - __builtin_clzl(w); }

/* lib/siphash.c (x86-64: efficient unaligned access, no word-at-a-time tail). */
#define CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS 1
#define BITS_PER_LONG 64
#define __KPEER_PLACEHOLDER_1 0,
#define __kpeer_second(ignored, val, ...) val
#define __kpeer_defined3(junk) __kpeer_second(junk 1, 0)
#define __kpeer_defined2(val) __kpeer_defined3(__KPEER_PLACEHOLDER_##val)
#define IS_ENABLED(option) __kpeer_defined2(option)
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define __aligned(n) __attribute__((__aligned__(n)))
#define __force
#define le64_to_cpu(x) ((u64)(x))
#define le32_to_cpu(x) ((u32)(x))
#define le64_to_cpup(p) get_unaligned((const u64 *)(p))
#define le32_to_cpup(p) get_unaligned((const u32 *)(p))
static inline u64 rol64(u64 w, unsigned int s) { return w << (s & 63) | w >> (-s & 63); }
static inline u32 rol32(u32 w, unsigned int s) { return w << (s & 31) | w >> (-s & 31); }

#endif /* KPEER_SHIM_H */
