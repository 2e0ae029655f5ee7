# SPDX-License-Identifier: GPL-2.0
# Userspace build of the codec library (kmod/simd/): included from the
# top-level Makefile. Adds to USERSPACE_TARGETS.
#
#   $(SIMD_LIB)        native static library (tests, bench, helper link it)
#   $(SIMD_LIB_ARM64)  the same cross-compiled for arm64 (NEON tests, qemu)
# A codec adds its sources to SIMD_SRCS (kernel-only files stay out).

SIMD_DIR := $(TOP)/kmod/simd
SIMD_SRCS := tz_cpu.c tz_cpu_user.c \
	tz_lz4.c tz_lz4_x86.c tz_lz4_neon.c \
	tz_samefill.c tz_samefill_x86.c tz_samefill_neon.c
# the codec registry (lz4, zstd, auto) and auto's sampled entropy estimate
SIMD_SRCS += tz_codec.c tz_entropy.c
# zstd: decoder, encoder, XXH64 (one core per hot loop, variants per file)
SIMD_SRCS += zstd_dec.c zstd_dec_scalar.c zstd_dec_x86.c zstd_dec_neon.c \
	zstd_fse.c zstd_huf.c zstd_predef.c zstd_xxh64.c \
	zstd_enc.c zstd_enc_ent.c zstd_enc_ent_bmi2.c zstd_enc_scalar.c zstd_enc_x86.c \
	zstd_enc_neon.c
# zstd dictionaries: the shared prepared object, the encoder's part of it
SIMD_SRCS += zstd_dict.c zstd_enc_dict.c
# the decoder context's table cache
SIMD_SRCS += zstd_dec_cache.c
SIMD_HDRS = $(wildcard $(SIMD_DIR)/*.h)

SIMD_LIB := $(BUILD)/simd/libtzsimd.a
SIMD_LIB_ARM64 := $(BUILD)/simd-arm64/libtzsimd.a
CROSS_ARM64 ?= aarch64-linux-gnu-
ARM64_CFLAGS = $(USER_CFLAGS)

$(BUILD)/simd/%.o: $(SIMD_DIR)/%.c $(SIMD_HDRS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/simd-arm64/%.o: $(SIMD_DIR)/%.c $(SIMD_HDRS)
	@mkdir -p $(@D)
	$(CROSS_ARM64)gcc $(ARM64_CFLAGS) -c $< -o $@

# zstd_enc_ent_bmi2.c includes zstd_enc_ent.c
$(BUILD)/simd/zstd_enc_ent_bmi2.o $(BUILD)/simd-arm64/zstd_enc_ent_bmi2.o: \
	$(SIMD_DIR)/zstd_enc_ent.c

$(SIMD_LIB): $(SIMD_SRCS:%.c=$(BUILD)/simd/%.o)
	rm -f $@ && ar rcs $@ $^

$(SIMD_LIB_ARM64): $(SIMD_SRCS:%.c=$(BUILD)/simd-arm64/%.o)
	rm -f $@ && $(CROSS_ARM64)ar rcs $@ $^

USERSPACE_TARGETS += $(SIMD_LIB)
