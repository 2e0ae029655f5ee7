# SPDX-License-Identifier: GPL-2.0
# tzram-helper (helper/): included from the top-level Makefile.
#   $(HELPER_BIN)   the daemon (libnl-3, libnl-genl-3, our codec library);
#                   its cuda backend is built when nvcc exists, else a stub.
#   $(GPU_BENCH)    batch decompression benchmark (cpu, and cuda when built)
# Checks: ucheck-gpu-lz4-host (the CUDA LZ4 batch decoder's logic compiled
# for the host, against liblz4), ucheck-gpu-nvcc (nvcc compiles the CUDA
# backend; skipped without nvcc), ucheck-gpu-helper (helper's self-check).

HELPER_DIR := $(TOP)/helper
HELPER_BUILD := $(BUILD)/helper
HELPER_BIN := $(HELPER_BUILD)/tzram-helper
GPU_BENCH := $(HELPER_BUILD)/tzram-gpu-bench
ifeq ($(origin NVCC),undefined)
NVCC := $(shell command -v nvcc 2>/dev/null || ls /usr/local/cuda/bin/nvcc 2>/dev/null)
endif
NVCC_FLAGS ?= -O3 -std=c++17 -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90,code=[sm_90,compute_90] -I$(TOP)/uapi -I$(HELPER_DIR) -Xcompiler -Wall,-Werror
NL_CFLAGS := $(shell pkg-config --cflags libnl-genl-3.0 2>/dev/null || echo -I/usr/include/libnl3)
NL_LIBS := $(shell pkg-config --libs libnl-genl-3.0 2>/dev/null || echo -lnl-genl-3 -lnl-3)
HELPER_CFLAGS = $(USER_CFLAGS) $(NL_CFLAGS) -I$(HELPER_DIR) -pthread
HELPER_HDRS := $(wildcard $(HELPER_DIR)/*.h) $(TOP)/uapi/tzram_genl.h

HELPER_OBJS := $(addprefix $(HELPER_BUILD)/,main.o nl.o batch.o backend_cpu.o)
# The CUDA runtime library: ask nvcc where its toolkit is ("TOP" in its
# dry run), since `nvcc` on PATH may be a wrapper script outside the toolkit
# (/usr/local/bin/nvcc on these machines). No libcudart_static: cuda stub.
ifneq ($(NVCC),)
CUDA_TOP := $(shell $(NVCC) --dryrun -x cu -c /dev/null -o /dev/null 2>&1 | sed -n 's/^\#\$$ TOP=//p')
CUDA_LIBDIR := $(patsubst %/,%,$(dir $(firstword $(wildcard $(CUDA_TOP)/lib64/libcudart_static.a \
	$(CUDA_TOP)/targets/x86_64-linux/lib/libcudart_static.a))))
ifeq ($(CUDA_LIBDIR),)
$(warning nvcc $(NVCC) found but no libcudart_static.a under '$(CUDA_TOP)': helper built with the cuda stub)
NVCC :=
endif
endif
ifneq ($(NVCC),)
CUDA_OBJ := $(HELPER_BUILD)/backend_cuda.o
CUDA_LIBS := -L$(CUDA_LIBDIR) -lcudart_static -lstdc++ -ldl -lrt
else
CUDA_OBJ := $(HELPER_BUILD)/backend_cuda_stub.o
CUDA_LIBS :=
endif

$(HELPER_BUILD)/%.o: $(HELPER_DIR)/%.c $(HELPER_HDRS) $(SIMD_HDRS)
	@mkdir -p $(@D)
	$(CC) $(HELPER_CFLAGS) -c $< -o $@

$(HELPER_BUILD)/backend_cuda.o: $(HELPER_DIR)/backend_cuda.cu $(HELPER_HDRS)
	@mkdir -p $(@D)
	$(NVCC) $(NVCC_FLAGS) -c $< -o $@

$(HELPER_BIN): $(HELPER_OBJS) $(CUDA_OBJ) $(SIMD_LIB)
	$(CC) $(HELPER_CFLAGS) -o $@ $(HELPER_OBJS) $(CUDA_OBJ) $(SIMD_LIB) $(NL_LIBS) $(CUDA_LIBS)

USERSPACE_TARGETS += $(HELPER_BIN)

# Test programs for the VM guest (tests/vm/guest/gpu-*.sh; run.sh --bin).
GPU_NLTEST := $(HELPER_BUILD)/gpu_nltest
$(GPU_NLTEST): $(TOP)/tests/vm/progs/gpu_nltest.c $(TOP)/uapi/tzram_genl.h
	@mkdir -p $(@D)
	$(CC) -O2 -static -Wall -Wextra -Werror -o $@ $<
USERSPACE_TARGETS += $(GPU_NLTEST)

# The CUDA LZ4 decoder's logic on the host (ASan+UBSan), against liblz4.
GPU_LZ4_HOST := $(HELPER_BUILD)/gpu_lz4_host_test
$(GPU_LZ4_HOST): $(HELPER_DIR)/gpu_lz4_host_test.c $(HELPER_DIR)/lz4_warp.h $(SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
		-I$(HELPER_DIR) -o $@ $< $(SIMD_LIB) -llz4

# The CPU backend and its batch decode (helper/batch.c) on a mixed batch
# with damaged pages (ASan+UBSan; ~1 s with the corpus's first pages).
HELPER_BATCH_TEST := $(HELPER_BUILD)/helper_batch_test
$(HELPER_BATCH_TEST): $(TOP)/tests/userspace/helper_batch_test.c $(HELPER_DIR)/batch.c \
		$(HELPER_DIR)/backend_cpu.c $(HELPER_HDRS) $(SIMD_LIB)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
		-I$(HELPER_DIR) -pthread -o $@ $< $(HELPER_DIR)/batch.c $(HELPER_DIR)/backend_cpu.c $(SIMD_LIB)

USERSPACE_TARGETS += $(GPU_LZ4_HOST) $(HELPER_BATCH_TEST)
USERSPACE_CHECKS += gpu-lz4-host gpu-nvcc helper-batch
.PHONY: ucheck-gpu-lz4-host ucheck-gpu-nvcc ucheck-helper-batch
ucheck-helper-batch: $(HELPER_BATCH_TEST) $(CORPUS_RAW)
	@TZ_PART=helper-batch-synth $<
	@TZ_PART=helper-batch-corpus $< $(CORPUS_RAW)

ucheck-gpu-lz4-host: $(GPU_LZ4_HOST) $(CORPUS_RAW)
	@TZ_PART=gpu-lz4-synth $< synth
	@TZ_PART=gpu-lz4-mutate $< mutate
	@TZ_PART=gpu-lz4-corpus $< corpus $(CORPUS_RAW)

# nvcc compiles the CUDA backend (sm_80 and sm_90) and the helper links it.
ucheck-gpu-nvcc:
	@if [ -z "$(NVCC)" ]; then echo "gpu-nvcc: no nvcc: skipped (helper built with the cuda stub)"; exit 0; fi; \
	$(NVCC) -O3 -std=c++17 -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90,code=sm_90 \
		-I$(TOP)/uapi -I$(HELPER_DIR) -Xcompiler -Wall,-Werror -c $(HELPER_DIR)/backend_cuda.cu \
		-o $(HELPER_BUILD)/backend_cuda_check.o && \
	nm -C $(HELPER_BUILD)/backend_cuda_check.o | grep -q tz_lz4_batch_kernel && \
	echo "gpu-nvcc: $$($(NVCC) --version | tail -1): backend_cuda.cu compiled for sm_80, sm_90"

# Benchmark (docs/GPU.md, docs/BENCHMARKS.md): build/helper/tzram-gpu-bench [CORPUS]
$(GPU_BENCH): $(HELPER_BUILD)/gpu_bench.o $(HELPER_BUILD)/backend_cpu.o $(HELPER_BUILD)/batch.o $(CUDA_OBJ) $(SIMD_LIB)
	$(CC) $(HELPER_CFLAGS) -o $@ $^ $(CUDA_LIBS)
USERSPACE_TARGETS += $(GPU_BENCH)

# tzramctl: zramctl for tzram devices, stat and top (helper/tzramctl.mk).
include $(HELPER_DIR)/tzramctl.mk
