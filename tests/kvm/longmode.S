/* SPDX-License-Identifier: MIT */
/*
 * Multiboot entry in 32-bit mode: reports the loader's magic and command
 * line, then enters 64-bit long mode itself (common.S: identity page
 * tables, PAE, EFER.LME, CR0.PG, a far jump to a 64-bit code segment)
 * and checks it got there.
 */
#include "common.h"

    .text
    .code32
    .globl main
main:
    mov $msg_entry, %esi
    call puts
    mov mb_magic, %eax
    call puthex
    mov $msg_nl, %esi
    call puts
    mov mb_info, %ebx
    testl $4, (%ebx)                /* MBI_HAS_CMDLINE */
    jz 1f
    mov $msg_cmdline, %esi
    call puts
    mov 16(%ebx), %esi
    call puts
    mov $msg_nl, %esi
    call puts
1:  jmp long_mode_enter

    .code64
    .globl main64
main64:
    lea msg_long(%rip), %rsi
    call puts64
    mov $0xc0000080, %ecx
    rdmsr
    bt $10, %eax                    /* EFER.LMA */
    jnc 9f
    lea msg_lma(%rip), %rsi
    call puts64
    /* 64-bit arithmetic only long mode has. */
    mov $0x123456789a, %rax
    shr $36, %rax
    cmp $1, %rax
    jne 9f
    lea msg_wide(%rip), %rsi
    call puts64
    mov $0x10, %al
    ret
9:  lea msg_bad(%rip), %rsi
    call puts64
    mov $0x7f, %al
    ret

    .section .rodata
msg_entry:
    .asciz "multiboot entry, eax="
msg_cmdline:
    .asciz "cmdline: "
msg_nl:
    .asciz "\n"
msg_long:
    .asciz "long mode: 64-bit code running\n"
msg_lma:
    .asciz "EFER.LMA=1\n"
msg_wide:
    .asciz "64-bit arithmetic ok\n"
msg_bad:
    .asciz "long mode check failed\n"
