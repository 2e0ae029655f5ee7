/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tz_port.h - the one place where the codec sources differ between the
 * kernel module and userspace (tests, benchmarks, the helper daemon).
 * Codec code includes only this header for types, memcpy/memset, branch
 * hints, unaligned access, prefetch, a shared counter and error codes; no
 * libc, no kernel API.
 */
#ifndef TZ_PORT_H
#define TZ_PORT_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/prefetch.h>
#include <linux/atomic.h>
#include "compat_unaligned.h"	/* kmod/: the kernel's probe layer */

/* A counter all CPUs share: tz_counter_next() returns 1, 2, 3, ... */
struct tz_counter {
	atomic64_t v;
};

#define TZ_COUNTER_INIT { ATOMIC64_INIT(0) }
static inline u64 tz_counter_next(struct tz_counter *c)
{
	return (u64)atomic64_inc_return(&c->v);
}
#else
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>
#include <errno.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#ifndef noinline
#define noinline __attribute__((noinline))
#endif
#ifndef READ_ONCE
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#endif
#ifndef BUILD_BUG_ON
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
/* A read prefetch without temporal hint: x86-64's kernel prefetch() is prefetchnta. */
#define prefetch(p) __builtin_prefetch((p), 0, 0)

/* Unaligned loads/stores through memcpy: one instruction on x86/arm64. */
static inline u16 get_unaligned_le16(const void *p)
{
	u16 v;

	memcpy(&v, p, sizeof(v));
	return v;	/* the supported targets are little-endian */
}

static inline u32 get_unaligned_le32(const void *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline u64 get_unaligned_le64(const void *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline void put_unaligned_le16(u16 v, void *p)
{
	memcpy(p, &v, sizeof(v));
}

static inline void put_unaligned_le32(u32 v, void *p)
{
	memcpy(p, &v, sizeof(v));
}

static inline void put_unaligned_le64(u64 v, void *p)
{
	memcpy(p, &v, sizeof(v));
}

struct tz_counter {
	u64 v;
};

#define TZ_COUNTER_INIT { 0 }
static inline u64 tz_counter_next(struct tz_counter *c)
{
	return __atomic_add_fetch(&c->v, 1, __ATOMIC_RELAXED);
}
#endif /* __KERNEL__ */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "tzram codecs assume a little-endian CPU (x86-64, arm64)"
#endif

/* Native-width unaligned copies used by match/literal copy loops. */
static __always_inline u64 tz_read64(const void *p)
{
	u64 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static __always_inline u32 tz_read32(const void *p)
{
	u32 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static __always_inline void tz_write64(void *p, u64 v)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

static __always_inline void tz_write32(void *p, u32 v)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

/*
 * TZ_ASAN: built with AddressSanitizer (the fuzzers, gcc or clang). It does
 * not see the memory an asm statement touches, so code that copies through
 * asm for speed takes the equivalent C path there, to be checked.
 */
#if defined(__SANITIZE_ADDRESS__)
#define TZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TZ_ASAN 1
#endif
#endif

/*
 * TZ_NOINIT: a local array every path writes before it reads, left out of
 * the kernel's -ftrivial-auto-var-init=zero (which would clear it on every
 * call: a table build per block).
 */
#if defined(__has_attribute)
#if __has_attribute(uninitialized)
#define TZ_NOINIT __attribute__((uninitialized))
#endif
#endif
#ifndef TZ_NOINIT
#define TZ_NOINIT
#endif

/*
 * Error codes returned (negated) by every codec entry point. The kernel and
 * userspace both have these errno values.
 *   -EINVAL   malformed input (decoder) or bad argument
 *   -ENOSPC   output does not fit in the capacity given
 */
#define TZ_ECORRUPT EINVAL
#define TZ_ENOSPC ENOSPC

#endif /* TZ_PORT_H */
