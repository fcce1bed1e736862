/* SPDX-License-Identifier: MIT */
/*
 * The Multiboot test guests' shared part: the header, entry in flat
 * 32-bit mode (own GDT and stack), then main(); serial output by polling
 * the 8250's LSR, and isa-debug-exit. main returns the exit value in %al.
 * long_mode_enter takes a guest on to 64-bit mode (main64), where the
 * helpers have 64-bit twins (putc64, puts64, exit64).
 *
 * Data is reached RIP-relative in 64-bit code: these are ELF32 files,
 * which have no relocation for sign-extended absolute addresses.
 */
#include "common.h"

    .section .multiboot, "a"
    .align 4
mb_header:
    .long 0x1BADB002
    .long 0x00000003                /* page-aligned modules, memory info */
    .long -(0x1BADB002 + 0x00000003)

    .text
    .code32
    .globl _start
_start:
    cli
    mov $stack_top, %esp
    mov %eax, mb_magic
    mov %ebx, mb_info
    lgdt gdt_desc
    ljmp $SEL_CODE32, $1f
1:  mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov %ax, %fs
    mov %ax, %gs
    call main
    jmp exit

/* putc: %al to COM1 once the transmitter is empty. */
    .globl putc
putc:
    push %edx
    push %eax
    mov $COM1_LSR, %dx
1:  in %dx, %al
    test $LSR_THRE, %al
    jz 1b
    pop %eax
    mov $COM1, %dx
    out %al, %dx
    pop %edx
    ret

/* puts: the NUL-terminated string at %esi. */
    .globl puts
puts:
    push %esi
    push %eax
1:  lodsb
    test %al, %al
    jz 2f
    call putc
    jmp 1b
2:  pop %eax
    pop %esi
    ret

/* puthex: %eax as 8 hex digits. */
    .globl puthex
puthex:
    push %eax
    push %ecx
    push %edx
    mov %eax, %edx
    mov $8, %ecx
1:  rol $4, %edx
    mov %edx, %eax
    and $0xf, %eax
    mov hexdigits(%eax), %al
    call putc
    loop 1b
    pop %edx
    pop %ecx
    pop %eax
    ret

/* putdec: %eax (below 100) as decimal. */
    .globl putdec
putdec:
    push %eax
    push %edx
    push %ecx
    xor %edx, %edx
    mov $10, %ecx
    div %ecx
    test %eax, %eax
    jz 1f
    add $'0', %al
    call putc
1:  mov %dl, %al
    add $'0', %al
    call putc
    pop %ecx
    pop %edx
    pop %eax
    ret

/* exit: isa-debug-exit with %al; the process ends ((al << 1) | 1). */
    .globl exit
exit:
    out %al, $DEBUG_EXIT
1:  cli
    hlt
    jmp 1b

/*
 * long_mode_enter: identity-map the low 4 GiB with 2 MiB pages (devices
 * included), enable PAE, EFER.LME and paging, far jump to the 64-bit
 * code segment, call main64 and exit with its %al. Never returns.
 */
    .globl long_mode_enter
    .weak main64
long_mode_enter:
    mov $pdpt + 3, %eax
    mov %eax, pml4
    mov $pdpt, %edi
    mov $pds + 3, %eax
    mov $4, %ecx
1:  mov %eax, (%edi)
    add $4096, %eax
    add $8, %edi
    loop 1b
    mov $pds, %edi
    mov $0x83, %eax                 /* present, writable, 2 MiB */
    xor %edx, %edx
    mov $4 * 512, %ecx
2:  mov %eax, (%edi)
    mov %edx, 4(%edi)
    add $0x200000, %eax
    add $8, %edi
    loop 2b
    mov %cr4, %eax
    or $0x20, %eax                  /* CR4.PAE */
    mov %eax, %cr4
    mov $pml4, %eax
    mov %eax, %cr3
    mov $0xc0000080, %ecx           /* EFER */
    rdmsr
    or $0x100, %eax                 /* LME */
    wrmsr
    mov %cr0, %eax
    or $0x80000000, %eax            /* PG: long mode is now active */
    mov %eax, %cr0
    ljmp $SEL_CODE64, $long64

    .code64
long64:
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $stack_top, %esp
    call main64
    jmp exit64

    .globl putc64
putc64:
    push %rdx
    push %rax
    mov $COM1_LSR, %dx
1:  in %dx, %al
    test $LSR_THRE, %al
    jz 1b
    pop %rax
    mov $COM1, %dx
    out %al, %dx
    pop %rdx
    ret

/* puts64: the NUL-terminated string at %rsi. */
    .globl puts64
puts64:
    push %rsi
    push %rax
1:  lodsb
    test %al, %al
    jz 2f
    call putc64
    jmp 1b
2:  pop %rax
    pop %rsi
    ret

    .globl exit64
exit64:
    out %al, $DEBUG_EXIT
1:  cli
    hlt
    jmp 1b

    .code32
    .section .rodata
hexdigits:
    .ascii "0123456789abcdef"

    .data
    .align 8
    .globl gdt
gdt:
    .quad 0
    .quad 0x00cf9b000000ffff        /* 0x08: code, 32-bit flat */
    .quad 0x00cf93000000ffff        /* 0x10: data, flat */
    .quad 0x00af9b000000ffff        /* 0x18: code, 64-bit */
gdt_end:
    .globl gdt_desc
gdt_desc:
    .word gdt_end - gdt - 1
    .long gdt
    .globl mb_magic, mb_info
mb_magic:
    .long 0
mb_info:
    .long 0

    .bss
    .align 4096
pml4:
    .space 4096
pdpt:
    .space 4096
pds:
    .space 4 * 4096
    .space 8192
stack_top:
