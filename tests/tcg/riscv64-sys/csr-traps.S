/* SPDX-License-Identifier: MIT */
/* M-mode CSRs and synchronous traps: misa, mstatus WARL, ecall, illegal
 * CSR accesses (mtval = the insn), ebreak, mret. */
#include "sys-test.h"

    TEST_START
    /* misa: RV64 with I, M, A, F, D, C, S, U. */
    csrr a0, misa
    srli a1, a0, 62
    EXPECT a1, 2, 1
    li a1, (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) | \
           (1 << 12) | (1 << 18) | (1 << 20)
    and a2, a0, a1
    EXPECT a2, (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) | \
               (1 << 12) | (1 << 18) | (1 << 20), 2
    csrr a0, mhartid
    EXPECT a0, 0, 3
    /* mstatus: UXL = SXL = 2, reserved MPP = 2 not taken. */
    csrr a0, mstatus
    srli a1, a0, 32
    andi a1, a1, 0xf
    EXPECT a1, 0xa, 4
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, (2 << 11)
    csrs mstatus, t0
    csrr a0, mstatus
    and a0, a0, t0
    EXPECT a0, 0, 5
    /* ecall from M: cause 11, epc the ecall. */
    la a1, 1f
1:  ecall
    EXPECT_TRAP 11, 6
    bne s10, a1, bad
    /* A write to a read-only CSR is illegal; mtval holds the insn. */
2:  csrw mhartid, zero
    EXPECT_TRAP 2, 7
    la a0, 2b
    lwu a0, 0(a0)
    bne s11, a0, bad
    /* An unknown CSR. */
    csrr a0, 0x7c0
    EXPECT_TRAP 2, 8
    /* ebreak: cause 3, tval the pc. */
    la a1, 3f
3:  ebreak
    EXPECT_TRAP 3, 9
    bne s11, a1, bad
    /* mret/sret/wfi are illegal in U-mode. */
    ENTER 0, umode
umode:
    mret
    EXPECT_TRAP 2, 10
    sret
    EXPECT_TRAP 2, 11
    wfi
    EXPECT_TRAP 2, 12
    /* U-mode cannot read M CSRs nor, without mcounteren, cycle. */
    csrr a0, mstatus
    EXPECT_TRAP 2, 13
    rdcycle a0
    EXPECT_TRAP 2, 14
    ecall
    EXPECT_TRAP 8, 15
    PASS
bad:
    FAIL 99

    TEST_HANDLERS
