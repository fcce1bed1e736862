/* SPDX-License-Identifier: MIT */
/*
 * The Multiboot information structure as the loader filled it: memory
 * sizes, the modules from -initrd (count, string, first line of data)
 * and the RAM ranges of the memory map.
 */
#include "common.h"

    .text
    .code32
    .globl main
main:
    mov mb_info, %ebx
    mov $msg_mem, %esi
    call puts
    mov 4(%ebx), %eax               /* mem_lower, KiB */
    call puthex
    mov $msg_sp, %esi
    call puts
    mov 8(%ebx), %eax               /* mem_upper, KiB */
    call puthex
    mov $msg_mods, %esi
    call puts
    mov 20(%ebx), %eax              /* mods_count */
    call puthex
    mov $msg_nl, %esi
    call puts
    mov 20(%ebx), %ecx
    mov 24(%ebx), %edi              /* mods_addr */
1:  test %ecx, %ecx
    jz 4f
    mov $msg_mod, %esi
    call puts
    mov 8(%edi), %esi               /* the module's string */
    call puts
    mov $msg_data, %esi
    call puts
    mov (%edi), %esi                /* its data: up to the newline */
2:  lodsb
    call putc
    cmp $'\n', %al
    jne 2b
    add $16, %edi
    dec %ecx
    jmp 1b
4:  /* The memory map's usable ranges (type 1). */
    mov 48(%ebx), %edi              /* mmap_addr */
    mov 44(%ebx), %edx
    add %edi, %edx                  /* end */
5:  cmp %edx, %edi
    jae 7f
    cmpl $1, 20(%edi)
    jne 6f
    mov $msg_ram, %esi
    call puts
    mov 8(%edi), %eax
    call puthex
    mov 4(%edi), %eax
    call puthex
    mov $msg_len, %esi
    call puts
    mov 16(%edi), %eax
    call puthex
    mov 12(%edi), %eax
    call puthex
    mov $msg_nl, %esi
    call puts
6:  add (%edi), %edi
    add $4, %edi
    jmp 5b
7:  mov $0x10, %al
    ret

    .section .rodata
msg_mem:
    .asciz "mem_lower="
msg_sp:
    .asciz " mem_upper="
msg_mods:
    .asciz " mods_count="
msg_mod:
    .asciz "module '"
msg_data:
    .asciz "': "
msg_ram:
    .asciz "RAM "
msg_len:
    .asciz " +"
msg_nl:
    .asciz "\n"
