/* SPDX-License-Identifier: MIT */
/* isa-debug-exit: writing 0x2a ends the run with status (0x2a << 1) | 1. */
#include "common.h"

    .text
    .code32
    .globl main
main:
    mov $msg, %esi
    call puts
    mov $0x2a, %al
    ret

    .section .rodata
msg:
    .asciz "exiting with 0x2a\n"
