/* SPDX-License-Identifier: MIT */
/*
 * A triple fault, from long mode: with an empty IDT ud2 faults, the
 * fault faults, and the CPU shuts down. Under -no-reboot the emulator
 * exits (status 0, as QEMU); otherwise the machine resets and the guest,
 * finding its marker in RAM (a reset keeps RAM), reports the second boot
 * and exits. (Long mode: some nested KVMs cannot deliver exceptions to
 * 32-bit guests.)
 */
#include "common.h"

#define MARKER_ADDR 0x700000
#define MARKER 0x600dbeef

    .text
    .code32
    .globl main
main:
    jmp long_mode_enter

    .code64
    .globl main64
main64:
    mov $MARKER_ADDR, %ebx
    cmpl $MARKER, (%rbx)
    je 1f
    movl $MARKER, (%rbx)
    lea msg_first(%rip), %rsi
    call puts64
    lidt null_idt(%rip)
    ud2
    lea msg_alive(%rip), %rsi       /* never reached */
    call puts64
    mov $0x7f, %al
    ret
1:  movl $0, (%rbx)
    lea msg_second(%rip), %rsi
    call puts64
    mov $0x10, %al
    ret

    .section .rodata
msg_first:
    .asciz "boot 1: triple fault now\n"
msg_second:
    .asciz "boot 2: back after the reset\n"
msg_alive:
    .asciz "still running after the triple fault!\n"

    .data
    .align 8
null_idt:
    .word 0
    .long 0, 0
