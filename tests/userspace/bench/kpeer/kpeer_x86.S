/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpeer_x86.S - what the kernel's codec objects call outside themselves,
 * as an x86-64 kernel on this CPU runs it (own implementation):
 * - memcpy: `rep movsb` (the kernel's choice on CPUs with FSRM, as here);
 * - memset: 8-byte stores, 64 bytes a loop (the kernel's memset without
 *   FSRS, as here); memmove: forward rep movsb, backward a byte loop;
 * - the return and indirect-branch thunks of -mfunction-return=thunk-extern
 *   and -mindirect-branch=thunk-extern as plain ret / jmp *%reg: what the
 *   kernel patches them to on CPUs that need no retpoline/return thunk, the
 *   kernel's cheapest case (a mitigated kernel pays more).
 * build.sh renames the objects' memcpy/memset/memmove to these.
 */
	.text

	.globl kpeer_memcpy
	.hidden kpeer_memcpy
	.type kpeer_memcpy, @function
kpeer_memcpy:
	movq %rdi, %rax
	movq %rdx, %rcx
	rep movsb
	ret
	.size kpeer_memcpy, .-kpeer_memcpy

	.globl kpeer_memset
	.hidden kpeer_memset
	.type kpeer_memset, @function
kpeer_memset:
	movq %rdi, %r10
	movzbl %sil, %eax
	movabsq $0x0101010101010101, %r8
	imulq %r8, %rax			/* byte in every lane */
	movq %rdx, %rcx
	shrq $6, %rcx
	jz 2f
1:	movq %rax, (%rdi)
	movq %rax, 8(%rdi)
	movq %rax, 16(%rdi)
	movq %rax, 24(%rdi)
	movq %rax, 32(%rdi)
	movq %rax, 40(%rdi)
	movq %rax, 48(%rdi)
	movq %rax, 56(%rdi)
	addq $64, %rdi
	decq %rcx
	jnz 1b
2:	movq %rdx, %rcx
	andq $63, %rcx
	shrq $3, %rcx
	jz 4f
3:	movq %rax, (%rdi)
	addq $8, %rdi
	decq %rcx
	jnz 3b
4:	andq $7, %rdx
	jz 6f
5:	movb %al, (%rdi)
	incq %rdi
	decq %rdx
	jnz 5b
6:	movq %r10, %rax
	ret
	.size kpeer_memset, .-kpeer_memset

	.globl kpeer_memmove
	.hidden kpeer_memmove
	.type kpeer_memmove, @function
kpeer_memmove:
	movq %rdi, %rax
	movq %rdi, %r8
	subq %rsi, %r8
	cmpq %rdx, %r8			/* dst - src >= n (unsigned): forward is safe */
	jae 2f
	testq %rdx, %rdx
	jz 3f
1:	movzbl -1(%rsi,%rdx), %ecx
	movb %cl, -1(%rdi,%rdx)
	decq %rdx
	jnz 1b
	ret
2:	movq %rdx, %rcx
	rep movsb
3:	ret
	.size kpeer_memmove, .-kpeer_memmove

	.globl __x86_return_thunk
	.hidden __x86_return_thunk
	.type __x86_return_thunk, @function
__x86_return_thunk:
	ret
	int3
	.size __x86_return_thunk, .-__x86_return_thunk

.macro kpeer_thunk reg
	.globl __x86_indirect_thunk_\reg
	.hidden __x86_indirect_thunk_\reg
	.type __x86_indirect_thunk_\reg, @function
__x86_indirect_thunk_\reg:
	jmp *%\reg
	int3
	.size __x86_indirect_thunk_\reg, .-__x86_indirect_thunk_\reg
.endm
	kpeer_thunk rax
	kpeer_thunk rbx
	kpeer_thunk rcx
	kpeer_thunk rdx
	kpeer_thunk rsi
	kpeer_thunk rdi
	kpeer_thunk rbp
	kpeer_thunk r8
	kpeer_thunk r9
	kpeer_thunk r10
	kpeer_thunk r11
	kpeer_thunk r12
	kpeer_thunk r13
	kpeer_thunk r14
	kpeer_thunk r15

	.section .note.GNU-stack,"",@progbits
