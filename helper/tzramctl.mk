# SPDX-License-Identifier: GPL-2.0
# tzramctl (helper/tzramctl*.c): zramctl's interface for tzram devices plus
# `stat`, `top`, `bench` and `dict train`. Included from helper/helper.mk.
# Check: ucheck-tzramctl (helper/tzramctl-test.sh: options, sizes,
# columns and error lines against a fake sysfs tree, TZRAMCTL_SYSFS; dict
# train: ucheck-tzramctl-dict, below).

TZRAMCTL := $(HELPER_BUILD)/tzramctl
TZRAMCTL_SRCS := $(addprefix $(HELPER_DIR)/,tzramctl.c tzramctl_sysfs.c tzramctl_list.c tzramctl_stat.c \
	tzramctl_bench.c tzramctl_dict.c)
TZRAMCTL_VERSION := $(shell sed -n 's/^\#define TZRAM_VERSION "\(.*\)"/\1/p' $(TOP)/kmod/tzram.h)

# `bench` links the benchmark engine (tests/userspace/userspace.mk: BENCH_LIB).
$(TZRAMCTL): $(TZRAMCTL_SRCS) $(HELPER_DIR)/tzramctl.h $(TOP)/kmod/tzram.h $(BENCH_LIB) $(SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -DTZRAMCTL_VERSION='"$(TZRAMCTL_VERSION)"' -o $@ $(TZRAMCTL_SRCS) $(BENCH_LDLIBS)

USERSPACE_TARGETS += $(TZRAMCTL)
USERSPACE_CHECKS += tzramctl
.PHONY: ucheck-tzramctl
ucheck-tzramctl: $(TZRAMCTL)
	@$(HELPER_DIR)/tzramctl-test.sh $(TZRAMCTL)

# `tzramctl dict train` on synthetic pages and the corpus (skipped, and
# said, when absent): the zstd and lz4 tools take the dictionary and it
# makes held-out pages smaller (~20 s).
USERSPACE_CHECKS += tzramctl-dict
.PHONY: ucheck-tzramctl-dict
ucheck-tzramctl-dict: $(TZRAMCTL)
	@CORPUS="$(CORPUS)" $(TOP)/tests/userspace/tzramctl-dict-test.sh $(TZRAMCTL)
