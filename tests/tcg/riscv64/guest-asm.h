/* SPDX-License-Identifier: MIT */
/* Assembly test scaffolding: record results, print and compare them. */
#ifndef GUEST_ASM_H
#define GUEST_ASM_H

/*
 * s1 points at the results array.  SAVE stores a register into the next
 * slot and emits the expected value into a parallel table; the epilogue
 * prints every slot and counts mismatches into the exit status.
 */
.set NRES, 0
.macro SAVE reg, want
    sd \reg, (NRES * 8)(s1)
    .pushsection .rodata.want, "a"
    .dword \want
    .popsection
    .set NRES, NRES + 1
.endm

.macro TEST_PROLOGUE
    .text
    .globl main
    .type main, @function
main:
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    sd s3, 24(sp)
    sd s4, 32(sp)
    sd s0, 40(sp)
    lla s1, results
    .pushsection .rodata.want, "a"
    .balign 8
want_table:
    .popsection
.endm

/* Print "idx: value want expected" for each slot; return #mismatches. */
.macro TEST_EPILOGUE
    li s2, 0                /* index */
    li s3, 0                /* failures */
1:
    li t0, NRES
    bge s2, t0, 3f
    slli t1, s2, 3
    add t2, s1, t1
    ld a2, 0(t2)
    lla t3, want_table
    add t3, t3, t1
    ld a3, 0(t3)
    beq a2, a3, 2f
    addi s3, s3, 1
2:
    lla a0, result_fmt
    mv a1, s2
    call printf
    addi s2, s2, 1
    j 1b
3:
    lla a0, summary_fmt
    li a1, NRES
    mv a2, s3
    call printf
    snez a0, s3
    ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    ld s4, 32(sp)
    ld s0, 40(sp)
    addi sp, sp, 48
    ret
    .size main, . - main

    .section .rodata
result_fmt:
    .asciz "%3ld: %016lx want %016lx\n"
summary_fmt:
    .asciz "checks: %ld, failures: %ld\n"
    .bss
    .balign 8
results:
    .skip NRES * 8
.endm

#endif
