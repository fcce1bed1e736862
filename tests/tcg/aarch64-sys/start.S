/* SPDX-License-Identifier: MIT */
/*
 * Entry, the EL1 vector table and the secondary CPU entry of the
 * bare-metal aarch64 tests. At EL2 (virtualization=on) the program drops
 * to EL1 first. Every vector saves x0-x30, ELR and SPSR into a frame the
 * C handler may change (to skip an insn or resume elsewhere).
 */
    .section .text.boot
    .global _start
_start:
    mrs     x1, CurrentEL
    lsr     x1, x1, #2
    cmp     x1, #2
    b.ne    1f
    mov     x2, #(1 << 31)          /* HCR_EL2.RW: EL1 is AArch64 */
    msr     hcr_el2, x2
    mov     x2, #0x3c5              /* EL1h, DAIF masked */
    msr     spsr_el2, x2
    adr     x2, 1f
    msr     elr_el2, x2
    eret
1:  ldr     x1, =stack_top
    mov     sp, x1
    ldr     x1, =vectors
    msr     vbar_el1, x1
    isb
    bl      main
    b       test_exit

    .global secondary_entry
secondary_entry:
    ldr     x1, =stack2_top
    mov     sp, x1
    ldr     x1, =vectors
    msr     vbar_el1, x1
    isb
    bl      secondary_main
2:  wfi
    b       2b

.macro VENTRY type
    .balign 0x80
    sub     sp, sp, #272
    stp     x0, x1, [sp]
    mov     x0, #\type
    b       exc_common
.endm

    .balign 0x800
    .global vectors
vectors:
    VENTRY 0        /* current EL, SP0: sync, irq, fiq, serror */
    VENTRY 1
    VENTRY 2
    VENTRY 3
    VENTRY 4        /* current EL, SPx */
    VENTRY 5
    VENTRY 6
    VENTRY 7
    VENTRY 8        /* lower EL, AArch64 */
    VENTRY 9
    VENTRY 10
    VENTRY 11
    VENTRY 12       /* lower EL, AArch32 */
    VENTRY 13
    VENTRY 14
    VENTRY 15

exc_common:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    mrs     x1, elr_el1
    mrs     x2, spsr_el1
    stp     x30, x1, [sp, #240]
    str     x2, [sp, #256]
    mov     x1, x0
    mov     x0, sp
    bl      handle_exception
    ldp     x30, x1, [sp, #240]
    ldr     x2, [sp, #256]
    msr     elr_el1, x1
    msr     spsr_el1, x2
    ldp     x0, x1, [sp]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    add     sp, sp, #272
    eret

/*
 * run_el0(fn, sp0): run fn at EL0t on the stack sp0. The test's handler
 * comes back by resuming at el0_return in EL1h (ELR/SPSR of the frame):
 * SP_EL1 is then this frame again, so the call returns normally.
 */
    .text
    .global run_el0
run_el0:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    msr     sp_el0, x1
    msr     elr_el1, x0
    msr     spsr_el1, xzr
    eret
    .global el0_return
el0_return:
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret
