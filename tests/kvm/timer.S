/* SPDX-License-Identifier: MIT */
/*
 * HLT woken by timer interrupts, in long mode: the in-kernel PIT
 * (channel 0, 100 Hz) through the 8259 PIC and the LAPIC's LINT0
 * (ExtINT), then the LAPIC timer in periodic mode. Each phase counts 5
 * interrupts with sti; hlt. (Long mode: some nested KVMs cannot deliver
 * interrupts to 32-bit guests.)
 */
#include "common.h"

#define PIT_VECTOR 0x20
#define LAPIC_TIMER_VECTOR 0x30
#define TICKS 5

    .text
    .code32
    .globl main
main:
    jmp long_mode_enter

    .code64
    .globl main64
main64:
    call idt_setup
    mov $LAPIC, %ebx
    /* LAPIC on (spurious vector 0xff), LINT0 = ExtINT: the PIC's line. */
    movl $0x1ff, LAPIC_SVR(%rbx)
    movl $0x700, LAPIC_LVT_LINT0(%rbx)
    /* 8259s: vectors 0x20/0x28, cascade on IRQ 2, only IRQ 0 unmasked. */
    mov $0x11, %al
    out %al, $0x20
    out %al, $0xa0
    mov $0x20, %al
    out %al, $0x21
    mov $0x28, %al
    out %al, $0xa1
    mov $0x04, %al
    out %al, $0x21
    mov $0x02, %al
    out %al, $0xa1
    mov $0x01, %al
    out %al, $0x21
    out %al, $0xa1
    mov $0xfe, %al
    out %al, $0x21
    mov $0xff, %al
    out %al, $0xa1
    /* PIT channel 0: rate generator, 1193182 / 11932 = 100 Hz. */
    mov $0x34, %al
    out %al, $0x43
    mov $(11932 & 0xff), %al
    out %al, $0x40
    mov $(11932 >> 8), %al
    out %al, $0x40
    sti
1:  hlt
    cmpl $TICKS, pit_ticks(%rip)
    jb 1b
    cli
    mov $0xff, %al                  /* PIC all masked again */
    out %al, $0x21
    lea msg_pit(%rip), %rsi
    call puts64

    /* LAPIC timer: periodic, divide by 1, vector 0x30. */
    movl $0xb, LAPIC_TIMER_DIV(%rbx)
    movl $(LAPIC_TIMER_VECTOR | (1 << 17)), LAPIC_LVT_TIMER(%rbx)
    movl $2000000, LAPIC_TIMER_INIT(%rbx)
    sti
2:  hlt
    cmpl $TICKS, lapic_ticks(%rip)
    jb 2b
    cli
    movl $(1 << 16), LAPIC_LVT_TIMER(%rbx)
    lea msg_lapic(%rip), %rsi
    call puts64
    mov $0x10, %al
    ret

/* 256 64-bit interrupt gates: the two timers, spurious, "unexpected". */
idt_setup:
    lea idt(%rip), %rdi
    xor %ecx, %ecx
1:  lea unexpected(%rip), %rax
    cmp $PIT_VECTOR, %ecx
    jne 2f
    lea pit_irq(%rip), %rax
2:  cmp $LAPIC_TIMER_VECTOR, %ecx
    jne 3f
    lea lapic_irq(%rip), %rax
3:  cmp $0xff, %ecx
    jne 4f
    lea spurious(%rip), %rax
4:  mov %ax, (%rdi)
    movw $SEL_CODE64, 2(%rdi)
    movw $0x8e00, 4(%rdi)           /* present, interrupt gate */
    shr $16, %rax
    mov %ax, 6(%rdi)
    shr $16, %rax
    mov %eax, 8(%rdi)
    movl $0, 12(%rdi)
    add $16, %rdi
    inc %ecx
    cmp $256, %ecx
    jb 1b
    lidt idt_desc(%rip)
    ret

pit_irq:
    push %rax
    lock incl pit_ticks(%rip)
    mov $0x20, %al                  /* EOI to the master PIC */
    out %al, $0x20
    pop %rax
    iretq

lapic_irq:
    push %rax
    lock incl lapic_ticks(%rip)
    mov $LAPIC, %eax
    movl $0, LAPIC_EOI(%rax)
    pop %rax
    iretq

spurious:
    iretq

unexpected:
    lea msg_unexpected(%rip), %rsi
    call puts64
    mov $0x7f, %al
    jmp exit64

    .section .rodata
msg_pit:
    .asciz "PIT via PIC: 5 ticks woke hlt\n"
msg_lapic:
    .asciz "LAPIC timer: 5 ticks woke hlt\n"
msg_unexpected:
    .asciz "unexpected interrupt\n"

    .data
    .align 8
pit_ticks:
    .long 0
lapic_ticks:
    .long 0
idt_desc:
    .word 256 * 16 - 1
    .long idt, 0

    .bss
    .align 16
idt:
    .space 256 * 16
