/* SPDX-License-Identifier: MIT */
/*
 * Several vCPUs reporting in: the BSP (in long mode) copies a real-mode
 * trampoline to 0x8000 and starts the APs with INIT-SIPI-SIPI through
 * its LAPIC; each AP switches to protected mode, takes a stack and,
 * under a spinlock, prints its APIC id. The BSP waits for EXPECTED_APS
 * of them (-smp 4).
 */
#include "common.h"

#define TRAMPOLINE 0x8000
#define EXPECTED_APS 3
#define ICR_INIT_ALL 0x000c4500     /* INIT, assert, all but self */
#define ICR_SIPI_ALL (0x000c4600 | (TRAMPOLINE >> 12))
#define ICR_BUSY 0x1000

    .text
    .code32
    .globl main
main:
    jmp long_mode_enter

    .code64
    .globl main64
main64:
    mov $LAPIC, %ebx
    movl $0x1ff, LAPIC_SVR(%rbx)
    lea msg_bsp(%rip), %rsi
    call puts64
    mov LAPIC_ID(%rbx), %eax
    shr $24, %eax
    add $'0', %al
    call putc64
    mov $'\n', %al
    call putc64

    lea tramp_start(%rip), %rsi
    mov $TRAMPOLINE, %edi
    mov $(tramp_end - tramp_start), %ecx
    rep movsb

    movl $0, LAPIC_ICR_HI(%rbx)
    mov $ICR_INIT_ALL, %eax
    call send_ipi
    mov $ICR_SIPI_ALL, %eax
    call send_ipi
    mov $ICR_SIPI_ALL, %eax
    call send_ipi

    /* Wait for the APs: up to 100000 delays (seconds natively). */
    mov $100000, %edx
1:  cmpl $EXPECTED_APS, ap_count(%rip)
    jae 2f
    call delay
    dec %edx
    jnz 1b
2:  call lock64
    lea msg_count(%rip), %rsi
    call puts64
    mov ap_count(%rip), %eax
    add $'0', %al
    call putc64
    mov $'\n', %al
    call putc64
    movl $0, print_lock(%rip)
    cmpl $EXPECTED_APS, ap_count(%rip)
    jne 3f
    mov $0x10, %al
    ret
3:  mov $0x7f, %al
    ret

/* send_ipi: ICR low = %eax, then wait for delivery and a little more. */
send_ipi:
    mov %eax, LAPIC_ICR_LO(%rbx)
1:  testl $ICR_BUSY, LAPIC_ICR_LO(%rbx)
    jnz 1b
    call delay
    ret

/*
 * Some spinning: tens of microseconds natively (KVM orders INIT and SIPI
 * itself), a tenth of a second where KVM emulates guest code. No pause:
 * some hypervisors trap it.
 */
delay:
    push %rcx
    mov $30000, %ecx
1:  loop 1b
    pop %rcx
    ret

lock64:
    mov $1, %eax
    xchg %eax, print_lock(%rip)
    test %eax, %eax
    jnz lock64
    ret

/* The APs start here, in real mode at 0x0800:0000 (copied there). */
    .code16
tramp_start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    lgdtl TRAMPOLINE + (tramp_gdt_desc - tramp_start)
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl $SEL_CODE32, $ap_entry32
tramp_gdt_desc:
    .word 4 * 8 - 1
    .long gdt
tramp_end:

    .code32
ap_entry32:
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $1, %eax
    lock xadd %eax, ap_next
    inc %eax
    shl $12, %eax
    add $ap_stacks, %eax
    mov %eax, %esp
    mov LAPIC + LAPIC_ID, %ebx
    shr $24, %ebx
1:  mov $1, %eax
    xchg %eax, print_lock
    test %eax, %eax
    jnz 1b
    mov $msg_ap, %esi
    call puts
    mov %ebx, %eax
    call putdec
    mov $'\n', %al
    call putc
    movl $0, print_lock
    lock incl ap_count
2:  cli
    hlt
    jmp 2b

    .section .rodata
msg_bsp:
    .asciz "BSP: APIC id "
msg_ap:
    .asciz "AP: APIC id "
msg_count:
    .asciz "APs reporting: "

    .data
    .align 4
ap_next:
    .long 0
ap_count:
    .long 0
print_lock:
    .long 0

    .bss
    .align 4096
ap_stacks:
    .space 4096 * 33
