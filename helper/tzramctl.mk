# SPDX-License-Identifier: GPL-2.0
# tzramctl (helper/tzramctl*.c): zramctl's interface for tzram devices plus
# `stat` and `top`. Included from helper/helper.mk.
# Check: ucheck-tzramctl (tests/userspace/tzramctl-test.sh: options, sizes,
# columns and error lines against a fake sysfs tree, TZRAMCTL_SYSFS).

TZRAMCTL := $(HELPER_BUILD)/tzramctl
TZRAMCTL_SRCS := $(addprefix $(HELPER_DIR)/,tzramctl.c tzramctl_sysfs.c tzramctl_list.c tzramctl_stat.c \
	tzramctl_bench.c)
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
