# SPDX-License-Identifier: GPL-2.0
# Userspace tests: included from the top-level Makefile. Each test part N
# is a target ucheck-N listed in USERSPACE_CHECKS; `make check` runs them.
# Needs: liblz4-dev, libzstd-dev, zstd, clang (libFuzzer), gcc-aarch64-linux-gnu,
# qemu-user-static.

UT_DIR := $(TOP)/tests/userspace
UT_BUILD := $(BUILD)/tests
CORPUS ?= $(TOP)/../shared/corpus/public-pages.bin.zst
# Raw copy of the corpus for programs without libzstd (arm64 under qemu).
CORPUS_RAW := $(BUILD)/corpus-pages.bin
FUZZ_SECONDS ?= 25
QEMU_ARM64 ?= $(shell command -v qemu-aarch64-static || echo qemu-aarch64) -L /usr/aarch64-linux-gnu

UT_COMMON := $(UT_DIR)/corpus.c

# ---- LZ4 ---------------------------------------------------------------
$(UT_BUILD)/lz4_test: $(UT_DIR)/lz4_test.c $(UT_COMMON) $(UT_DIR)/corpus.h $(UT_DIR)/test_variants.h $(SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -I$(UT_DIR) -o $@ $< $(UT_COMMON) $(SIMD_LIB) -llz4 -lzstd

# arm64: no liblz4/libzstd there, so differential checks become identity
# with the scalar variant (itself checked against liblz4 on the host).
$(UT_BUILD)/lz4_test.arm64: $(UT_DIR)/lz4_test.c $(UT_COMMON) $(UT_DIR)/corpus.h $(UT_DIR)/test_variants.h $(SIMD_LIB_ARM64)
	@mkdir -p $(@D)
	$(CROSS_ARM64)gcc $(ARM64_CFLAGS) -DTZ_NO_LIBLZ4 -DTZ_NO_LIBZSTD -I$(UT_DIR) \
		-static -o $@ $< $(UT_COMMON) $(SIMD_LIB_ARM64)

# Batch (differential against the one-block calls) and dictionary
# (differential against liblz4's usingDict / loadDict) tests.
$(UT_BUILD)/lz4_batch_test: $(UT_DIR)/lz4_batch_test.c $(UT_COMMON) $(UT_DIR)/corpus.h $(UT_DIR)/test_variants.h $(SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -I$(UT_DIR) -o $@ $< $(UT_COMMON) $(SIMD_LIB) -lzstd
$(UT_BUILD)/lz4_dict_test: $(UT_DIR)/lz4_dict_test.c $(UT_COMMON) $(UT_DIR)/corpus.h $(UT_DIR)/test_variants.h $(SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -I$(UT_DIR) -o $@ $< $(UT_COMMON) $(SIMD_LIB) -llz4 -lzstd
$(UT_BUILD)/lz4_%_test.arm64: $(UT_DIR)/lz4_%_test.c $(UT_COMMON) $(UT_DIR)/corpus.h $(UT_DIR)/test_variants.h $(SIMD_LIB_ARM64)
	@mkdir -p $(@D)
	$(CROSS_ARM64)gcc $(ARM64_CFLAGS) -DTZ_NO_LIBLZ4 -DTZ_NO_LIBZSTD -I$(UT_DIR) \
		-static -o $@ $< $(UT_COMMON) $(SIMD_LIB_ARM64)

# libFuzzer targets: codec sources compiled in with ASan+UBSan.
FUZZ_CC ?= clang
FUZZ_FLAGS := -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -I$(SIMD_DIR) -I$(TOP)/uapi
FUZZ_SRCS = $(addprefix $(SIMD_DIR)/,$(SIMD_SRCS))

$(UT_BUILD)/fuzz_lz4_%: $(UT_DIR)/fuzz/fuzz_lz4_%.c $(UT_DIR)/fuzz/lz4_zero_offset.h $(FUZZ_SRCS) $(SIMD_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_SRCS) -llz4

# The suites once more with the codecs compiled in under ASan+UBSan (clang,
# as the fuzzers): a test's own buffers overflowed (cd84241, b9ce788 were
# found only this way) or a codec read that the suites' inputs reach and
# the fuzzers' do not fails here, leaks included. ~45 s, ~3 min with the builds.
SAN_FLAGS := -g -O1 -std=gnu11 -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -I$(SIMD_DIR) -I$(TOP)/uapi -I$(UT_DIR)
SAN_RUNS := zstd_test:enc zstd_test:dec zstd_test:regress zstd_test:corrupt zstd_test:dict \
	zstd_test:corpus lz4_test:synth lz4_test:samefill lz4_batch_test:synth \
	lz4_dict_test:synth auto_test:unit
SAN_BINS := $(addprefix $(UT_BUILD)/san/,$(sort $(foreach r,$(SAN_RUNS),$(firstword $(subst :, ,$(r))))))
$(UT_BUILD)/san/%: $(UT_DIR)/%.c $(UT_COMMON) $(UT_DIR)/corpus.h $(UT_DIR)/test_variants.h \
		$(FUZZ_SRCS) $(SIMD_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(SAN_FLAGS) -o $@ $< $(UT_COMMON) $(FUZZ_SRCS) -llz4 -lzstd
USERSPACE_CHECKS += sanitizers
.PHONY: ucheck-sanitizers
ucheck-sanitizers: $(SAN_BINS)
	@n=0; for r in $(SAN_RUNS); do b=$${r%%:*}; a=$${r#*:}; x=; \
		case $$a in dict) x="$(wildcard $(CORPUS))";; corpus) x="$(CORPUS) 16";; esac; \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
		TZ_PART=san-$$b-$$a $(UT_BUILD)/san/$$b $$a $$x >$(UT_BUILD)/san/$$b-$$a.log 2>&1 || \
		{ echo "sanitizers: $$b $$a FAILED:"; grep -a -m5 -E 'ERROR|SUMMARY|FAIL|runtime error' \
		  $(UT_BUILD)/san/$$b-$$a.log; exit 1; }; n=$$((n + 1)); done; \
	echo "sanitizers: $$n suite runs clean under ASan+UBSan ($(SAN_RUNS))"

$(CORPUS_RAW):
	@mkdir -p $(@D)
	@if [ -f "$(CORPUS)" ]; then zstd -q -dc "$(CORPUS)" > $@.tmp && mv $@.tmp $@; \
	else echo "corpus $(CORPUS) absent" >&2; : > $@; fi

# Run one fuzzer for FUZZ_SECONDS from its committed seeds (copied: the
# fuzzer adds files to its corpus directory).
define fuzz_run
	@rm -rf $(UT_BUILD)/$(1)-corpus $(UT_BUILD)/$(1)-crash-* && mkdir -p $(UT_BUILD)/$(1)-corpus && \
	cp $(UT_DIR)/fuzz/seeds-$(2)/* $(UT_BUILD)/$(1)-corpus/ && \
	$(UT_BUILD)/$(1) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=$(UT_BUILD)/$(1)- \
		$(UT_BUILD)/$(1)-corpus > $(UT_BUILD)/$(1).log 2>&1 || \
		{ tail -40 $(UT_BUILD)/$(1).log; \
		  echo "$(1): FAILED: $$(grep -a -m3 -E 'ERROR|SUMMARY|differs|variant |disagree|abort' $(UT_BUILD)/$(1).log | tr '\n' ' ' | cut -c1-240)"; \
		  echo "$(1): crash input (base64, first 600 bytes): $$(cat $(UT_BUILD)/$(1)-crash-* 2>/dev/null | head -c 600 | base64 -w0)"; \
		  echo "$(1): log $(UT_BUILD)/$(1).log"; exit 1; }; \
	echo "$(1): $$(grep -o 'stat::number_of_executed_units: *[0-9]*' $(UT_BUILD)/$(1).log | grep -o '[0-9]*$$') runs in $(FUZZ_SECONDS) s, no crash"
endef

USERSPACE_TARGETS += $(UT_BUILD)/lz4_test $(UT_BUILD)/lz4_batch_test $(UT_BUILD)/lz4_dict_test
LZ4_UCHECKS := lz4-synth lz4-corpus lz4-avx512 samefill lz4-batch lz4-dict lz4-neon \
	lz4-fuzz-dec lz4-fuzz-rt lz4-fuzz-batch lz4-fuzz-dict
USERSPACE_CHECKS += $(LZ4_UCHECKS)
# Corpus pages of the batch and dictionary parts (the whole corpus: ~1 min).
LZ4_CORPUS_PAGES ?= 4096

.PHONY: $(addprefix ucheck-,$(LZ4_UCHECKS))
ucheck-lz4-synth: $(UT_BUILD)/lz4_test
	@TZ_PART=lz4-synth $< synth
ucheck-lz4-corpus: $(UT_BUILD)/lz4_test
	@TZ_PART=lz4-corpus $< corpus $(CORPUS)
# AVX-512 on its own (also part of the two above when the CPU has it).
ucheck-lz4-avx512: $(UT_BUILD)/lz4_test
	@TZ_PART=lz4-avx512 $< synth --variant avx512
ucheck-samefill: $(UT_BUILD)/lz4_test
	@TZ_PART=samefill $< samefill
ucheck-lz4-batch: $(UT_BUILD)/lz4_batch_test
	@TZ_PART=lz4-batch-synth $< synth && \
	TZ_PART=lz4-batch-corpus $< corpus $(CORPUS) $(LZ4_CORPUS_PAGES)
ucheck-lz4-dict: $(UT_BUILD)/lz4_dict_test
	@TZ_PART=lz4-dict-synth $< synth && \
	TZ_PART=lz4-dict-corpus $< corpus $(CORPUS) $(LZ4_CORPUS_PAGES)
ucheck-lz4-neon: $(UT_BUILD)/lz4_test.arm64 $(UT_BUILD)/lz4_batch_test.arm64 \
		$(UT_BUILD)/lz4_dict_test.arm64 $(CORPUS_RAW)
	@TZ_PART=lz4-neon-synth $(QEMU_ARM64) $< synth --variant neon && \
	TZ_PART=lz4-neon-samefill $(QEMU_ARM64) $< samefill --variant neon && \
	TZ_PART=lz4-neon-batch $(QEMU_ARM64) $(UT_BUILD)/lz4_batch_test.arm64 synth --variant neon && \
	TZ_PART=lz4-neon-dict $(QEMU_ARM64) $(UT_BUILD)/lz4_dict_test.arm64 synth --variant neon && \
	if [ -s $(CORPUS_RAW) ]; then TZ_PART=lz4-neon-corpus $(QEMU_ARM64) $< corpus $(CORPUS_RAW) 2048 --variant neon; \
	else echo "lz4-neon-corpus: skipped: corpus absent"; fi
ucheck-lz4-fuzz-dec: $(UT_BUILD)/fuzz_lz4_dec
	$(call fuzz_run,fuzz_lz4_dec,lz4-dec)
ucheck-lz4-fuzz-rt: $(UT_BUILD)/fuzz_lz4_rt
	$(call fuzz_run,fuzz_lz4_rt,lz4-rt)
ucheck-lz4-fuzz-batch: $(UT_BUILD)/fuzz_lz4_batch
	$(call fuzz_run,fuzz_lz4_batch,lz4-batch)
ucheck-lz4-fuzz-dict: $(UT_BUILD)/fuzz_lz4_dict
	$(call fuzz_run,fuzz_lz4_dict,lz4-dict)

# ---- benchmark (not a test; docs/BENCHMARKS.md) -----------------------
# make bench [CORPUS=FILE] [JSON=OUT] [PASSES=5] [PAGES=0 (all)]
#            [THREADS=0 (all-cores run on every CPU; 1: none)] [BENCH_OUT=DIR]
#            [ONLY=codec,codec... (those rows and memcpy)]
# Prints the table and writes $(BENCH_OUT)/bench.{json,md,html,gp,png}
# (JSON=OUT puts the JSON there instead). BENCH_WALL=1: wall clock.
# The engine (bench_core.c, bench_report.c) is a library that
# `tzramctl bench` (helper/tzramctl_bench.c) links too.
BENCH_DIR := $(UT_DIR)/bench
BENCH_BIN := $(UT_BUILD)/bench
BENCH_LIB := $(UT_BUILD)/libtzbench.a
BENCH_LDLIBS = $(BENCH_LIB) $(SIMD_LIB) -llz4 -lzstd -pthread
BENCH_CFLAGS = $(USER_CFLAGS) -I$(BENCH_DIR) -I$(UT_DIR) -pthread $(KPEER_DEFS)

# The kernel's own lib/lz4 and lib/zstd (rows kernel-lz4, kernel-zstd):
# built from Debian's linux-source-V tarball with the kernel's flags
# (bench/kpeer/build.sh, ~30 s once) on x86-64 hosts that have it; 7.2's
# too when its tarball is there (KPEER_72_TAR). Without any, the rows are
# left out and the reports say why.
KPEER_DIR := $(BENCH_DIR)/kpeer
KPEER_612_TAR ?= /usr/src/linux-source-6.12.tar.xz
KPEER_72_TAR ?= $(firstword $(wildcard /usr/src/linux-source-7.2.tar.xz \
	$(or $(TZRAM_CACHE),/var/cache/tzram)/linux-source-7.2.tar.xz))
ifeq ($(shell uname -m),x86_64)
KPEER_TAGS := $(if $(wildcard $(KPEER_612_TAR)),612) $(if $(wildcard $(KPEER_72_TAR)),72)
KPEER_WHY := $(KPEER_612_TAR) not found: install linux-source-6.12 (make deps)
else
KPEER_WHY := the kernel peers are built for x86-64 hosts only
endif
KPEER_OBJS := $(foreach t,$(KPEER_TAGS),$(UT_BUILD)/kpeer/$(t)/kpeer-$(t).o)
KPEER_DEFS := $(foreach t,$(KPEER_TAGS),-DTZB_KPEER_$(t)) \
	$(if $(KPEER_TAGS),,-DTZB_KPEER_MISSING='"$(KPEER_WHY)"')
KPEER_DEPS := $(wildcard $(KPEER_DIR)/*.[chS] $(KPEER_DIR)/*.sh $(KPEER_DIR)/shim/linux/*.h)
$(UT_BUILD)/kpeer/612/kpeer-612.o: $(KPEER_612_TAR) $(KPEER_DEPS)
	@mkdir -p $(@D)
	$(KPEER_DIR)/build.sh $< 612 $@
$(UT_BUILD)/kpeer/72/kpeer-72.o: $(KPEER_72_TAR) $(KPEER_DEPS)
	@mkdir -p $(@D)
	$(KPEER_DIR)/build.sh $< 72 $@
# The timing benchmarks (make bench, bench-lz4-dict) link our codecs built
# as the module builds them, on x86-64 with the kernel's flags like the
# kernel peers (bench/kpeer/build-tzsimd.sh); tests, the instruction counts
# (bench-instr, perf-guard) and tzramctl keep the normal build.
ifeq ($(shell uname -m),x86_64)
BENCH_SIMD_LIB := $(UT_BUILD)/simd-kflags/libtzsimd.a
else
BENCH_SIMD_LIB := $(SIMD_LIB)
endif
BENCH_TIMING_LDLIBS = $(BENCH_LIB) $(BENCH_SIMD_LIB) -llz4 -lzstd -pthread
BENCH_TIMING_CFLAGS = $(BENCH_CFLAGS) $(if $(filter-out $(SIMD_LIB),$(BENCH_SIMD_LIB)),-DTZB_OURS_KFLAGS)
$(UT_BUILD)/simd-kflags/libtzsimd.a: $(addprefix $(SIMD_DIR)/,$(SIMD_SRCS)) $(SIMD_HDRS) \
	$(KPEER_DIR)/build-tzsimd.sh $(KPEER_DIR)/kflags.sh $(KPEER_DIR)/kpeer_x86.S
	@mkdir -p $(@D)
	$(KPEER_DIR)/build-tzsimd.sh $@ $(addprefix $(SIMD_DIR)/,$(SIMD_SRCS))
BENCH_OUT ?= $(BUILD)/bench
PASSES ?= 5
PAGES ?= 0
THREADS ?= 0
# Dictionary rows (issue 16): a ZDICT dictionary of at most DICT_SIZE bytes
# (zstd --train's default) trained on 1/8 of the pages, every row measured
# on the other 7/8; DICT_SIZE=0: no dictionary, every page measured.
DICT_SIZE ?= 112640
$(UT_BUILD)/bench-obj/%.o: $(BENCH_DIR)/%.c $(BENCH_DIR)/bench_core.h $(SIMD_HDRS)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -c $< -o $@
# Its rows depend on which kernel peers exist (KPEER_DEFS).
$(UT_BUILD)/bench-obj/bench_core.o $(UT_BUILD)/bench-obj/bench_tag.o: $(KPEER_OBJS) $(KPEER_DIR)/kpeer.h
$(UT_BUILD)/bench-obj/corpus.o: $(UT_COMMON) $(UT_DIR)/corpus.h
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -c $< -o $@
$(BENCH_LIB): $(addprefix $(UT_BUILD)/bench-obj/,bench_core.o bench_report.o bench_tag.o corpus.o \
	dict_train.o) $(KPEER_OBJS)
	rm -f $@ && ar rcs $@ $^
$(BENCH_BIN): $(BENCH_DIR)/bench.c $(BENCH_LIB) $(BENCH_SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(BENCH_TIMING_CFLAGS) -o $@ $< $(BENCH_TIMING_LDLIBS)

USERSPACE_TARGETS += $(BENCH_BIN)

# Instructions per page under callgrind, ours beside liblz4/libzstd (the
# "where the time goes" table of docs/BENCHMARKS.md): make bench-instr.
INSTR_BIN := $(UT_BUILD)/bench_instr
$(INSTR_BIN): $(BENCH_DIR)/instr.c $(UT_COMMON) $(UT_DIR)/corpus.h $(SIMD_LIB) $(KPEER_OBJS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(KPEER_DEFS) -I$(UT_DIR) -I$(BENCH_DIR) -o $@ $< $(UT_COMMON) \
		$(KPEER_OBJS) $(SIMD_LIB) -llz4 -lzstd
USERSPACE_TARGETS += $(INSTR_BIN)
# The same counts with our codecs built as the module builds them (the
# kernel's flags, as make bench times them), and under cachegrind's branch
# model: docs/BENCHMARKS.md 5.2, round 4. One codec a run, e.g.
#   make build/tests/bench_instr_kflags && valgrind --tool=cachegrind \
#     --cache-sim=no --branch-sim=yes build/tests/bench_instr_kflags tzram-zstd-l2 CORPUS
INSTR_KFLAGS_BIN := $(UT_BUILD)/bench_instr_kflags
$(INSTR_KFLAGS_BIN): $(BENCH_DIR)/instr.c $(UT_COMMON) $(UT_DIR)/corpus.h $(BENCH_SIMD_LIB) \
		     $(KPEER_OBJS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(KPEER_DEFS) -I$(UT_DIR) -I$(BENCH_DIR) -o $@ $< $(UT_COMMON) \
		$(KPEER_OBJS) $(BENCH_SIMD_LIB) -llz4 -lzstd
.PHONY: bench-instr
bench-instr: $(INSTR_BIN)
	@$(BENCH_DIR)/instr.sh $(INSTR_BIN) $(CORPUS)
# tzram-lz4 with a dictionary trained on 1/8 of the corpus, measured on
# the rest, beside itself without one and liblz4 with the same dictionary.
LZ4_DICT_BENCH := $(UT_BUILD)/lz4_dict_bench
$(LZ4_DICT_BENCH): $(BENCH_DIR)/lz4_dict_bench.c $(BENCH_DIR)/dict_train.h $(BENCH_LIB) \
	$(BENCH_SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(BENCH_TIMING_CFLAGS) -o $@ $< $(BENCH_TIMING_LDLIBS)
USERSPACE_TARGETS += $(LZ4_DICT_BENCH)
.PHONY: bench-lz4-dict
bench-lz4-dict: $(LZ4_DICT_BENCH)
	@$(LZ4_DICT_BENCH) --passes $(PASSES) $(CORPUS)

# What one decoded LZ4 sequence costs by match offset (synthetic blocks).
LZ4_SEQCOST := $(UT_BUILD)/lz4_seqcost
$(LZ4_SEQCOST): $(BENCH_DIR)/lz4_seqcost.c $(SIMD_LIB) $(KPEER_OBJS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(KPEER_DEFS) -I$(BENCH_DIR) -o $@ $< $(KPEER_OBJS) $(SIMD_LIB) -llz4
USERSPACE_TARGETS += $(LZ4_SEQCOST)
.PHONY: bench-lz4-seqcost
bench-lz4-seqcost: $(LZ4_SEQCOST)
	@$(LZ4_SEQCOST)

bench: $(BENCH_BIN)
	@mkdir -p $(BENCH_OUT)
	$(BENCH_BIN) --passes $(PASSES) --pages $(PAGES) --threads $(THREADS) $(if $(ONLY),--only $(ONLY)) \
		--dict-size $(DICT_SIZE) \
		--json $(or $(JSON),$(BENCH_OUT)/bench.json) --md $(BENCH_OUT)/bench.md \
		--html $(BENCH_OUT)/bench.html --gnuplot $(BENCH_OUT)/bench.gp \
		--png $(BENCH_OUT)/bench.png $(CORPUS)
	@if command -v gnuplot >/dev/null; then gnuplot $(BENCH_OUT)/bench.gp && \
		echo "wrote $(BENCH_OUT)/bench.png"; \
	else echo "bench: no gnuplot (make deps installs gnuplot-nox): no chart"; fi


# Device benchmark in QEMU (not in `make check`): stock zram vs tzram, lz4,
# SIMD and scalar-forced; BENCH_KERNEL=deb612|deb61, BENCH_REPS=5.
.PHONY: bench-dev
bench-dev:
	@$(TOP)/scripts/bench-dev.sh $(or $(BENCH_KERNEL),deb612) $(or $(BENCH_REPS),5)

# `tzramctl bench` alone (helper/tzramctl_bench.c; tzramctl links the same
# file and $(BENCH_LIB)), and a check of the JSON contract other tests read.
TZRAMCTL_BENCH := $(UT_BUILD)/tzramctl-bench
$(TZRAMCTL_BENCH): $(TOP)/helper/tzramctl_bench.c $(BENCH_LIB) $(SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -DTZRAMCTL_BENCH_MAIN -o $@ $< $(BENCH_LDLIBS)
USERSPACE_TARGETS += $(TZRAMCTL_BENCH)
BENCH_JSON_FIELDS := codec variant level batch unit_pages compress_gbps decompress_gbps ratio \
	zram_ratio dict compress_p50_us compress_p99_us compress_gbps_all read_page_p99_us \
	read_page_mean_us \
	read_hit_p99_us kernel
BENCH_JSON_CODECS := tzram-lz4 tzram-zstd liblz4-default liblz4-fast8 libzstd-1 \
	libzstd-neg1 libzstd-3 memcpy $(if $(KPEER_TAGS),kernel-lz4 kernel-zstd)

# ---- performance guard (instruction counts, not timings) ----------------
# ucheck-perf-guard: callgrind counts of perf-workload.c's fixed workloads
# against tests/userspace/perf-baseline.txt, > 10 % rise fails;
# `make perf-baseline` rewrites the baseline.
PERF_WORKLOAD := $(UT_BUILD)/perf-workload
$(PERF_WORKLOAD): $(UT_DIR)/perf-workload.c $(BENCH_LIB) $(SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(BENCH_LDLIBS)
USERSPACE_TARGETS += $(PERF_WORKLOAD)
USERSPACE_CHECKS += bench-json perf-guard
# Every one-page row of make bench round-trips units coded to about a page.
BENCH_UNITS_TEST := $(UT_BUILD)/bench_units_test
$(BENCH_UNITS_TEST): $(BENCH_DIR)/units_test.c $(BENCH_LIB) $(SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(BENCH_LDLIBS)
USERSPACE_CHECKS += bench-units
.PHONY: ucheck-bench-units
ucheck-bench-units: $(BENCH_UNITS_TEST)
	@$(BENCH_UNITS_TEST)
.PHONY: ucheck-bench-json ucheck-perf-guard perf-baseline
# Without the corpus, only the tzramctl half (synthetic pages) runs. With
# it, the summary's "+dict vs without" lines are checked against the rows.
ucheck-bench-json: $(BENCH_BIN) $(TZRAMCTL_BENCH)
	@rm -f $(UT_BUILD)/bench-check.json; \
	if [ -f "$(CORPUS)" ]; then $(BENCH_BIN) --passes 1 --pages 256 --threads 2 --dict-size 16384 \
		--json $(UT_BUILD)/bench-check.json $(CORPUS) >$(UT_BUILD)/bench-check.log || exit 1; \
		awk -f $(BENCH_DIR)/dict-own-row.awk $(UT_BUILD)/bench-check.log || exit 1; \
	else echo "bench-json: corpus $(CORPUS) absent: make bench half skipped"; \
		cp /dev/null $(UT_BUILD)/bench-check.log; fi; \
	$(TZRAMCTL_BENCH) --pages 128 --passes 1 --threads 1 --format json \
		>$(UT_BUILD)/tzramctl-bench.json 2>>$(UT_BUILD)/bench-check.log && \
	for j in $(UT_BUILD)/tzramctl-bench.json $$(ls $(UT_BUILD)/bench-check.json 2>/dev/null); do \
		for c in $(BENCH_JSON_CODECS); do grep -q "\"codec\": \"$$c\"" $$j || \
			{ echo "bench-json: $$j: no codec $$c"; exit 1; }; done; \
		for f in $(BENCH_JSON_FIELDS); do \
			[ $$(grep -c "\"$$f\": " $$j) = $$(grep -c '"codec": ' $$j) ] || \
			{ echo "bench-json: $$j: field $$f missing from a row"; exit 1; }; done; \
	done && echo "bench-json: make bench and tzramctl bench JSON rows carry $(words $(BENCH_JSON_FIELDS)) fields for $(words $(BENCH_JSON_CODECS)) codecs"
ucheck-perf-guard: $(PERF_WORKLOAD)
	@CC=$(CC) $(UT_DIR)/perf-guard.sh $(PERF_WORKLOAD) $(UT_DIR)/perf-baseline.txt
perf-baseline: $(PERF_WORKLOAD)
	@CC=$(CC) $(UT_DIR)/perf-guard.sh --update $(PERF_WORKLOAD) $(UT_DIR)/perf-baseline.txt

# ---- zstd ----------------------------------------------------------------
# zstd-dec: libzstd frames (levels -7..19, checksum, multi-block, skippable)
#   -> ours; zstd-enc: ours (levels 1..3) -> ZSTD_decompress and ours;
# zstd-corpus: every 4th corpus page both ways; zstd-avx512: AVX-512 alone;
# zstd-neon: arm64 build under qemu (round trips + corrupt frames, no
# libzstd there); zstd-corrupt: truncated/bit-flipped frames; zstd-regress:
# inputs that broke the decoder once, from exact-size guarded buffers;
# zstd-dict: dictionaries (libzstd's frames with them, bad dictionaries);
# fuzzers (fuzz_zstd_dict: dictionary parser + decoding with it).
ZSTD_CORPUS_STEP ?= 4
$(UT_BUILD)/zstd_test: $(UT_DIR)/zstd_test.c $(UT_COMMON) $(UT_DIR)/corpus.h $(UT_DIR)/test_variants.h $(SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -I$(UT_DIR) -o $@ $< $(UT_COMMON) $(SIMD_LIB) -lzstd

$(UT_BUILD)/zstd_test.arm64: $(UT_DIR)/zstd_test.c $(UT_COMMON) $(UT_DIR)/corpus.h $(UT_DIR)/test_variants.h $(SIMD_LIB_ARM64)
	@mkdir -p $(@D)
	$(CROSS_ARM64)gcc $(ARM64_CFLAGS) -DTZ_NO_LIBZSTD -I$(UT_DIR) \
		-static -o $@ $< $(UT_COMMON) $(SIMD_LIB_ARM64)

# -DZS_STRICT_TRACE: the decoder says which RFC rule rejected a frame
# (zstd_internal.h), for the differential check against libzstd.
$(UT_BUILD)/fuzz_zstd_%: $(UT_DIR)/fuzz/fuzz_zstd_%.c $(UT_DIR)/fuzz/fuzz_zstd_diff.h $(FUZZ_SRCS) $(SIMD_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -DZS_STRICT_TRACE -o $@ $< $(FUZZ_SRCS) -llz4 -lzstd

USERSPACE_TARGETS += $(UT_BUILD)/zstd_test
ZSTD_UCHECKS := zstd-dec zstd-enc zstd-corpus zstd-corrupt zstd-regress zstd-dict \
	zstd-avx512 zstd-neon zstd-fuzz-dec zstd-fuzz-rt zstd-fuzz-dict
USERSPACE_CHECKS += $(ZSTD_UCHECKS)
.PHONY: $(addprefix ucheck-,$(ZSTD_UCHECKS))
ucheck-zstd-dec: $(UT_BUILD)/zstd_test
	@TZ_PART=zstd-dec $< dec
ucheck-zstd-enc: $(UT_BUILD)/zstd_test
	@TZ_PART=zstd-enc $< enc
ucheck-zstd-corpus: $(UT_BUILD)/zstd_test
	@TZ_PART=zstd-corpus $< corpus $(CORPUS) $(ZSTD_CORPUS_STEP)
ucheck-zstd-corrupt: $(UT_BUILD)/zstd_test
	@TZ_PART=zstd-corrupt $< corrupt
ucheck-zstd-regress: $(UT_BUILD)/zstd_test
	@TZ_PART=zstd-regress $< regress
# Dictionaries: trained (ZDICT) on corpus pages when the corpus is there.
ucheck-zstd-dict: $(UT_BUILD)/zstd_test
	@TZ_PART=zstd-dict $< dict $(wildcard $(CORPUS))
ucheck-zstd-avx512: $(UT_BUILD)/zstd_test
	@TZ_PART=zstd-avx512 $< enc --variant avx512 && TZ_PART=zstd-avx512 $< dec --variant avx512
ucheck-zstd-neon: $(UT_BUILD)/zstd_test.arm64 $(CORPUS_RAW)
	@TZ_PART=zstd-neon-rt $(QEMU_ARM64) $< enc --variant neon && \
	TZ_PART=zstd-neon-corrupt $(QEMU_ARM64) $< corrupt --variant neon && \
	TZ_PART=zstd-neon-regress $(QEMU_ARM64) $< regress --variant neon && \
	if [ -s $(CORPUS_RAW) ]; then TZ_PART=zstd-neon-corpus $(QEMU_ARM64) $< corpus $(CORPUS_RAW) 64 --variant neon; \
	else echo "zstd-neon-corpus: skipped: corpus absent"; fi
ucheck-zstd-fuzz-dec: $(UT_BUILD)/fuzz_zstd_dec
	$(call fuzz_run,fuzz_zstd_dec,zstd-dec)
ucheck-zstd-fuzz-rt: $(UT_BUILD)/fuzz_zstd_rt
	$(call fuzz_run,fuzz_zstd_rt,zstd-rt)
ucheck-zstd-fuzz-dict: $(UT_BUILD)/fuzz_zstd_dict
	$(call fuzz_run,fuzz_zstd_dict,zstd-dict)

# ---- GPU helper protocol: both ends' parsers under libFuzzer -------------
# gpu-fuzz-reply: the kernel's check of a RESULT (kmod/gpu_reply.c, the
# file the module builds); gpu-fuzz-batch: tzram-helper's BATCH parser and
# per-page decode (helper/batch.c + the codecs). Seeds: fuzz/gen-gpu-seeds.py.
$(UT_BUILD)/fuzz_gpu_reply: $(UT_DIR)/fuzz/fuzz_gpu_reply.c $(TOP)/kmod/gpu_reply.c \
		$(TOP)/kmod/gpu_reply.h $(TOP)/uapi/tzram_genl.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -include stddef.h -I$(TOP)/kmod -I$(TOP)/uapi -o $@ $< $(TOP)/kmod/gpu_reply.c
$(UT_BUILD)/fuzz_helper_batch: $(UT_DIR)/fuzz/fuzz_helper_batch.c $(TOP)/helper/batch.c \
		$(TOP)/helper/batch.h $(TOP)/uapi/tzram_genl.h $(FUZZ_SRCS) $(SIMD_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -I$(TOP)/helper -I$(TOP)/uapi -o $@ $< $(TOP)/helper/batch.c $(FUZZ_SRCS)
GPU_FUZZ_UCHECKS := gpu-fuzz-reply gpu-fuzz-batch
USERSPACE_CHECKS += $(GPU_FUZZ_UCHECKS)
.PHONY: $(addprefix ucheck-,$(GPU_FUZZ_UCHECKS))
# 15 s each in `make check` (FUZZ_SECONDS=N on the command line wins).
$(addprefix ucheck-,$(GPU_FUZZ_UCHECKS)): FUZZ_SECONDS = 15
ucheck-gpu-fuzz-reply: $(UT_BUILD)/fuzz_gpu_reply
	$(call fuzz_run,fuzz_gpu_reply,gpu-reply)
ucheck-gpu-fuzz-batch: $(UT_BUILD)/fuzz_helper_batch
	$(call fuzz_run,fuzz_helper_batch,helper-batch)

# Long fuzzing (docs: tests/userspace/README.md "Long runs"):
#   make fuzz-long FUZZ_TARGET=zstd-dec FUZZ_RUNS=100000000 [FUZZ_JOBS=N]
# builds build/tests/fuzz_<target>, runs FUZZ_JOBS workers (default: the
# CPUs) from the committed seeds until FUZZ_RUNS executions in all, and
# prints the executions and findings (exit 1 on any finding).
FUZZ_RUNS ?= 100000000
.PHONY: fuzz-long
fuzz-long:
	@[ -n "$(FUZZ_TARGET)" ] || { echo "fuzz-long: FUZZ_TARGET=lz4-dec|lz4-rt|zstd-dec|zstd-rt|...|gpu-reply|helper-batch"; exit 2; }
	@$(MAKE) -s $(UT_BUILD)/fuzz_$(subst -,_,$(FUZZ_TARGET))
	@$(UT_DIR)/fuzz/fuzz-long.sh $(UT_BUILD)/fuzz_$(subst -,_,$(FUZZ_TARGET)) \
		$(UT_DIR)/fuzz/seeds-$(FUZZ_TARGET) $(FUZZ_RUNS) $(or $(FUZZ_JOBS),$(shell nproc)) \
		$(BUILD)/fuzz-long/$(FUZZ_TARGET)

# ---- auto algorithm (kmod/simd/tz_codec.c): estimate, choice, corpus curve ----
$(UT_BUILD)/auto_test: $(UT_DIR)/auto_test.c $(UT_COMMON) $(UT_DIR)/corpus.h \
		$(SIMD_LIB) $(SIMD_HDRS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -I$(UT_DIR) -o $@ $< $(UT_COMMON) $(SIMD_LIB) -lzstd -lm

USERSPACE_TARGETS += $(UT_BUILD)/auto_test
USERSPACE_CHECKS += auto-unit auto-corpus
.PHONY: ucheck-auto-unit ucheck-auto-corpus
ucheck-auto-unit: $(UT_BUILD)/auto_test
	@$< unit
# 8192 corpus pages as they are, then with every 4th page random.
ucheck-auto-corpus: $(UT_BUILD)/auto_test
	@$< corpus $(CORPUS) 8192 && $< corpus $(CORPUS) 8192 4
