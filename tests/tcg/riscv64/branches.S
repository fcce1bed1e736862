/* SPDX-License-Identifier: MIT */
/* Conditional branches, jal/jalr link values, odd jalr targets, far jumps. */
#include "guest-asm.h"

/* Record 2 if "op a, b" is taken, 1 if it falls through. */
.macro BR op, a, b, want
    li t0, \a
    li t1, \b
    li t2, 0
    \op t0, t1, 91f
    li t2, 1
    j 92f
91:
    li t2, 2
92:
    SAVE t2, \want
.endm

    TEST_PROLOGUE

    /* Signed and unsigned compares on the edges. */
    BR beq, 0, 0, 2
    BR beq, 1, -1, 1
    BR bne, 5, 5, 1
    BR bne, -1, 0x7fffffffffffffff, 2
    BR blt, -1, 0, 2
    BR blt, 0, -1, 1
    BR blt, 0x8000000000000000, 0x7fffffffffffffff, 2
    BR blt, 3, 3, 1
    BR bge, 3, 3, 2
    BR bge, -1, 0, 1
    BR bge, 0x7fffffffffffffff, 0x8000000000000000, 2
    BR bltu, -1, 0, 1
    BR bltu, 0, -1, 2
    BR bltu, 0x7fffffffffffffff, 0x8000000000000000, 2
    BR bgeu, -1, 0, 2
    BR bgeu, 0, -1, 1
    BR bgeu, 7, 7, 2
    /* Pseudo forms with x0 and swapped operands. */
    BR bgt, 1, 0, 2
    BR ble, 1, 0, 1
    BR bgtu, -1, 1, 2
    BR bleu, -1, 1, 1

    /* jal links to the next instruction. */
    jal ra, 1f
2:
1:
    lla t0, 2b
    sub t1, ra, t0
    SAVE t1, 0

    /* jal into a non-ra link register. */
    jal t3, 1f
2:
    li t3, 99               /* skipped */
1:
    lla t0, 2b
    sub t1, t3, t0
    SAVE t1, 0

    /* jalr clears bit 0 of the target: aim at label+1. */
    lla t0, 1f
    addi t0, t0, 1
    li t2, 0
    jalr ra, 0(t0)
    li t2, 77               /* return lands here only if it went wrong */
1:
    SAVE t2, 0

    /* jalr with an odd offset on an even base: (base + 3) & ~1. */
    lla t0, 1f
    addi t0, t0, -2
    li t2, 0
    jalr ra, 3(t0)
    li t2, 77
1:
    SAVE t2, 0

    /* jalr where rd == rs1: target read before the link is written. */
    lla t4, 1f
    jalr t4, 0(t4)
2:
1:
    lla t0, 2b
    sub t1, t4, t0
    SAVE t1, 0

    /* Calls through jalr with negative offset and ret. */
    lla t0, func_add3 + 16
    li a0, 39
    jalr ra, -16(t0)
    SAVE a0, 42

    /* jal x0 / jr do not link. */
    li ra, 1234
    j 1f
    li ra, 0
1:
    lla t0, 1f
    jr t0
    li ra, 0
1:
    SAVE ra, 1234

    /* Backward branch loop. */
    li t0, 0
    li t1, 1000
1:
    addi t0, t0, 3
    addi t1, t1, -1
    bnez t1, 1b
    SAVE t0, 3000

    /* Branch near the end of the +-4 KiB range. */
    li t2, 0
    beqz zero, 1f
    li t2, 55
    .skip 4080
1:
    SAVE t2, 0

    /* Far jal over ~0.5 MiB and back. */
    li t2, 0
    jal ra, far_target
    SAVE t2, 0x5a

    TEST_EPILOGUE

    .text
func_add3:
    addi a0, a0, 3
    ret

    .section .text.far, "ax"
    .skip 512 * 1024
far_target:
    li t2, 0x5a
    ret
