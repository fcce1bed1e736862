/* SPDX-License-Identifier: MIT */
/*
 * A speed probe: "A", 10^6 iterations of a two-instruction loop in long
 * mode, "B". Natively about a millisecond; a KVM that emulates guest
 * code (some nested ones) takes seconds. tests/functional/microvm uses
 * it to tell a slow KVM from a hung boot.
 */
#include "common.h"

#define ITERATIONS 1000000

    .text
    .code32
    .globl main
main:
    jmp long_mode_enter

    .code64
    .globl main64
main64:
    mov $'A', %al
    call putc64
    mov $ITERATIONS, %ecx
1:  dec %ecx
    jnz 1b
    mov $'B', %al
    call putc64
    mov $'\n', %al
    call putc64
    mov $0x10, %al
    ret
