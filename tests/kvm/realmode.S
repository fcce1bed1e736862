/* SPDX-License-Identifier: MIT */
/*
 * A raw -bios image: the CPU starts in real mode at the reset vector
 * (0xfffffff0), jumps into the image's copy below 1 MiB (CS 0xf000),
 * checks CR0.PE is clear and prints through COM1 with `out`.
 */
#define COM1 0x3f8

    .code16
    .text
    .globl start
start:
    cli
    mov %cs, %ax
    mov %ax, %ds
    mov $msg_hello, %si
    call puts16
    smsw %ax
    test $1, %al
    jnz 1f
    mov $msg_real, %si
    call puts16
    mov %cs, %ax                /* the far jump landed where it should */
    cmp $0xf000, %ax
    jne 1f
    mov $msg_cs, %si
    call puts16
    mov $0x10, %al
    jmp exit16
1:  mov $msg_bad, %si
    call puts16
    mov $0x7f, %al
exit16:
    out %al, $0xf4
2:  hlt
    jmp 2b

/* puts16: the string at %ds:%si, polling LSR.THRE before each byte. */
puts16:
    mov $COM1 + 5, %dx
1:  in %dx, %al
    test $0x20, %al
    jz 1b
    lodsb
    test %al, %al
    jz 2f
    mov $COM1, %dx
    out %al, %dx
    jmp puts16
2:  ret

msg_hello:
    .asciz "reset vector reached\n"
msg_real:
    .asciz "real mode: CR0.PE=0\n"
msg_cs:
    .asciz "CS=f000\n"
msg_bad:
    .asciz "not in real mode!\n"

    .section .reset, "ax"
reset_vector:
    ljmp $0xf000, $start
