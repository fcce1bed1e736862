/* SPDX-License-Identifier: MIT */
/*
 * Port I/O and MMIO to the board's devices: the 8250's LSR and scratch
 * register at I/O ports, and the first virtio-mmio transport's magic
 * value and (empty slot) device id at 0xfeb00000.
 */
#include "common.h"

#define VIRTIO_MMIO 0xfeb00000

    .text
    .code32
    .globl main
main:
    mov $msg_lsr, %esi
    call puts
    mov $COM1_LSR, %dx
    in %dx, %al
    movzbl %al, %eax
    call puthex
    mov $COM1 + 7, %dx              /* scratch register keeps a byte */
    mov $0x5a, %al
    out %al, %dx
    xor %eax, %eax
    in %dx, %al
    push %eax
    mov $msg_scr, %esi
    call puts
    pop %eax
    call puthex
    mov $msg_magic, %esi
    call puts
    mov VIRTIO_MMIO, %eax
    call puthex
    mov $msg_devid, %esi
    call puts
    mov VIRTIO_MMIO + 8, %eax
    call puthex
    mov $msg_nl, %esi
    call puts
    cmpl $0x74726976, VIRTIO_MMIO   /* "virt" */
    jne 1f
    mov $0x10, %al
    ret
1:  mov $0x7f, %al
    ret

    .section .rodata
msg_lsr:
    .asciz "8250 LSR="
msg_scr:
    .asciz " SCR="
msg_magic:
    .asciz "\nvirtio-mmio magic="
msg_devid:
    .asciz " device-id="
msg_nl:
    .asciz "\n"
