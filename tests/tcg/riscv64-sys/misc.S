/* SPDX-License-Identifier: MIT */
/* Misaligned loads/stores (emulated, no trap), misaligned AMO/LR (trap),
 * mstatus.FS gating FP insns and becoming Dirty, and the TW/TVM/TSR traps
 * of S-mode. */
#include "sys-test.h"

    TEST_START
    /* Misaligned plain accesses work, also across a page boundary. */
    la a0, buf
    li t1, 0x0102030405060708
    sd t1, 1(a0)
    ld t2, 1(a0)
    bne t1, t2, bad
    li a1, 4093
    add a1, a1, a0
    sd t1, 0(a1)
    ld t2, 0(a1)
    bne t1, t2, bad
    lw t2, 1(a1)
    li t3, 0x04050607
    bne t2, t3, bad
    /* Misaligned AMO: store/AMO misaligned; LR: load misaligned. */
    addi a2, a0, 2
    amoadd.w t2, t1, (a2)
    EXPECT_TRAP 6, 1
    bne s11, a2, bad
    lr.d t2, (a2)
    EXPECT_TRAP 4, 2
    /* FS = Off: FP insns and fcsr are illegal. */
    li t0, MSTATUS_FS
    csrc mstatus, t0
    fadd.d f1, f2, f3
    EXPECT_TRAP 2, 3
    frcsr t2
    EXPECT_TRAP 2, 4
    /* FS = Initial: FP works and FS becomes Dirty (SD set). */
    li t0, 1 << 13
    csrs mstatus, t0
    li t1, 0x4000000000000000          /* 2.0 */
    fmv.d.x f2, t1
    fadd.d f1, f2, f2
    fmv.x.d t2, f1
    li t3, 0x4010000000000000          /* 4.0 */
    bne t2, t3, bad
    csrr t2, mstatus
    srli t3, t2, 13
    andi t3, t3, 3
    EXPECT t3, 3, 5
    bgez t2, bad                        /* SD */
    /* S-mode under TW, TVM, TSR. */
    li t0, (1 << 21) | (1 << 20) | (1 << 22)
    csrs mstatus, t0
    ENTER 1, smode
smode:
    wfi
    EXPECT_TRAP 2, 6
    sfence.vma
    EXPECT_TRAP 2, 7
    csrr t1, satp
    EXPECT_TRAP 2, 8
    sret
    EXPECT_TRAP 2, 9
    ecall
    EXPECT_TRAP 9, 10
    PASS
bad:
    FAIL 99

    TEST_HANDLERS
    .align 12
buf: .space 8192
