# SPDX-License-Identifier: GPL-2.0
# tzram top-level Makefile: the module (Kbuild), userspace (codecs, tests,
# tools), the test suite and the VM harness. `make help` lists targets.

.DEFAULT_GOAL := module
TOP := $(CURDIR)
BUILD ?= $(TOP)/build
V ?= 0

# Userspace: codec library, tests, helper, tools. Fragments below add to
# USERSPACE_TARGETS (what `make userspace` builds) and USERSPACE_CHECKS
# (names N of `ucheck-N` targets that `make check` runs as parts).
CC ?= cc
USER_CFLAGS := -O2 -g -std=gnu11 -Wall -Wextra -Werror -I$(TOP)/kmod/simd -I$(TOP)/uapi
USERSPACE_TARGETS :=
USERSPACE_CHECKS :=
-include $(TOP)/kmod/simd/simd.mk
-include $(TOP)/tests/userspace/userspace.mk
-include $(TOP)/helper/helper.mk

.PHONY: module modules userspace deps check clean distclean help demo bench print-uchecks

# Userspace rules name their outputs by absolute path ($(BUILD)/...): let
# `make build/tests/bench` (relative, as typed) rebuild the same file
# instead of answering "up to date" from whatever is there.
ifeq ($(BUILD),$(TOP)/build)
build/%: $(BUILD)/% ;
endif

# The module, against KDIR (default: running kernel's headers, else the
# newest installed ones; scripts/find-kdir.sh says which).
module modules:
	@kdir="$(KDIR)"; \
	if [ -z "$$kdir" ]; then kdir=$$($(TOP)/scripts/find-kdir.sh) || exit 1; \
	elif [ ! -d "$$kdir" ]; then echo "tzram: KDIR=$$kdir does not exist: install its headers (make deps)" >&2; exit 1; \
	elif [ ! -f "$$kdir/Makefile" ]; then echo "tzram: KDIR=$$kdir has no Makefile: not a kernel build tree (install linux-headers-VERSION, or pass the kernel's build dir)" >&2; exit 1; \
	else echo "tzram: KDIR=$$kdir (given)" >&2; fi; \
	$(MAKE) -C "$$kdir" M=$(TOP) V=$(V) modules

userspace: $(USERSPACE_TARGETS)

deps:
	@$(TOP)/scripts/deps.sh

# The whole test suite: userspace parts, then the VM parts on every kernel.
check:
	@$(TOP)/scripts/check.sh

demo:
	@$(TOP)/scripts/demo.sh

print-uchecks:
	@echo $(USERSPACE_CHECKS)

# Packaging (scripts/dkms.sh, scripts/zram-dropin.sh; README "Install").
# dkms-install: /usr/src/tzram-VER + dkms add/build/install for every
# kernel with headers, or KVERS="6.1.0-56-amd64 ...". Root.
.PHONY: dkms-install dkms-remove install-zram-dropin uninstall-zram-dropin ucheck-pkg-version
dkms-install:
	@$(TOP)/scripts/dkms.sh install $(KVERS)
dkms-remove:
	@$(TOP)/scripts/dkms.sh remove
# modprobe zram -> tzram zram_compat=1 (DESTDIR: another root, e.g. a VM's).
install-zram-dropin:
	@$(TOP)/scripts/zram-dropin.sh install "$(DESTDIR)"
uninstall-zram-dropin:
	@$(TOP)/scripts/zram-dropin.sh uninstall "$(DESTDIR)"
USERSPACE_CHECKS += pkg-version
ucheck-pkg-version:
	@$(TOP)/scripts/dkms.sh check

# Kernel hygiene of the module's sources (scripts/hygiene.sh): sparse over
# every object against each installed kernel (~1 min each on 2 cores),
# checkpatch.pl of linux-source-6.12 over kmod/ and tests/kunit/ (~30 s).
USERSPACE_CHECKS += sparse checkpatch
.PHONY: ucheck-sparse ucheck-checkpatch
ucheck-sparse:
	@$(TOP)/scripts/hygiene.sh sparse
ucheck-checkpatch:
	@$(TOP)/scripts/hygiene.sh checkpatch

# clean: build outputs; the VM harness's work dirs and layer cache
# (build/vm, build/check) survive so a clean does not break a running
# `make check`. distclean removes everything.
clean:
	rm -rf $(filter-out $(BUILD)/vm $(BUILD)/check,$(wildcard $(BUILD)/*))
	find $(TOP)/kmod $(TOP)/tests/kunit \( -name '*.o' -o -name '*.ko' -o -name '*.mod' \
		-o -name '*.mod.c' -o -name '.*.cmd' -o -name '*.d' \) -delete
	rm -f $(TOP)/modules.order $(TOP)/Module.symvers $(TOP)/.*.cmd $(TOP)/tzram.mod* $(TOP)/tzram.ko
	rm -f $(TOP)/kmod/tz_probes.h

distclean: clean
	rm -rf $(BUILD)

help:
	@echo "make [module] [KDIR=...]  build tzram.ko against kernel headers"
	@echo "make userspace            codec library, tests, tools (-Werror)"
	@echo "make deps                 install the Debian packages needed (root)"
	@echo "make check                whole test suite (userspace + VMs on 6.1, 6.12, debug)"
	@echo "make demo                 the main job: build the module and show it working"
	@echo "make bench CORPUS=F JSON=OUT  codec benchmark, ours vs liblz4/libzstd (+ md, png)"
	@echo "make bench-dev            stock zram vs tzram in a QEMU guest (docs/BENCHMARKS.md)"
	@echo "make bench-instr          instructions per page (callgrind), ours vs liblz4/libzstd"
	@echo "make perf-baseline        rewrite the instruction-count baseline of ucheck-perf-guard"
	@echo "make dkms-install [KVERS=..] | dkms-remove   DKMS packaging (root)"
	@echo "make install-zram-dropin | uninstall-zram-dropin [DESTDIR=..]  modprobe zram -> tzram"
	@echo "make clean | distclean"
