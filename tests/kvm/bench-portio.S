/* SPDX-License-Identifier: MIT */
/*
 * The exit-rate benchmark, in long mode (guest code at native speed):
 * print "A", do N `out`s to a port nothing decodes (each one a
 * KVM_EXIT_IO round trip through the emulator), print "B", exit. The
 * host times the two bytes.
 */
#include "common.h"

#define N 200000
#define UNUSED_PORT 0x3e0

    .text
    .code32
    .globl main
main:
    mov $'A', %al
    call putc
    jmp long_mode_enter

    .code64
    .globl main64
main64:
    mov $N, %ecx
    mov $UNUSED_PORT, %dx
1:  out %al, %dx
    loop 1b
    mov $'B', %al
    call putc64
    mov $'\n', %al
    call putc64
    mov $0x10, %al
    ret
