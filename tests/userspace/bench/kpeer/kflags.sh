# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034 # sourced: kflags for the caller
#
# The x86-64 code generation of a Debian kernel build (`make V=1` of a module
# against linux-headers-6.12-amd64 prints them), minus what only makes
# sense inside the kernel: -mcmodel=kernel/-fno-PIE (userspace links
# PIE: -fPIE), -pg/-mfentry/-mrecord-mcount/-fpatchable-function-entry
# (ftrace NOPs), objtool. Warnings off: the sources are the
# kernel's (and ours are checked by the normal build).
kflags=(-O2 -std=gnu11 -m64 -fPIE -falign-functions=16 -falign-jumps=1
	-falign-loops=1 -fcf-protection=branch -fconserve-stack
	-fno-allow-store-data-races -fno-asynchronous-unwind-tables -fno-common
	-fno-delete-null-pointer-checks -fno-jump-tables -fno-strict-aliasing
	-fno-strict-overflow -fstack-protector-strong -ftrivial-auto-var-init=zero
	-funsigned-char -mfunction-return=thunk-extern -mharden-sls=all
	-mindirect-branch-cs-prefix -mindirect-branch-register
	-mindirect-branch=thunk-extern -mno-3dnow -mno-80387 -mno-avx
	-mno-fp-ret-in-387 -mno-mmx -mno-red-zone -mno-sse -mno-sse2
	-mpreferred-stack-boundary=3 -mskip-rax-setup -mtune=generic
	-fvisibility=hidden -w -Werror=implicit-function-declaration)
# What kmod/simd/simd.kbuild removes from the kernel's flags for tzram's
# vector objects (CFLAGS_REMOVE of *_x86.o).
kflags_vector_off=(-mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx)
