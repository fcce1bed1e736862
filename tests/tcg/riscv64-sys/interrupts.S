/* SPDX-License-Identifier: MIT */
/* Interrupts: M timer and software interrupts from the ACLINT, their
 * priority, WFI waking with interrupts globally off, a delegated SSIP,
 * and an S-mode Sstc timer (stimecmp) waking WFI. */
#include "sys-test.h"

#define MIP_SSIP (1 << 1)
#define MIP_MSIP (1 << 3)
#define MIP_STIP (1 << 5)
#define MIP_MTIP (1 << 7)
#define INT(n) ((1 << 63) | (n))

    TEST_START
    li s1, CLINT_MTIMECMP
    li s2, CLINT_MTIME
    li t0, -1
    sd t0, 0(s1)
    /* M timer: mtimecmp a bit ahead, wait in WFI. */
    ld t0, 0(s2)
    addi t0, t0, 100
    sd t0, 0(s1)
    /* Race-free wait: WFI with MIE off wakes on pending & enabled. */
    li t0, MIP_MTIP
    csrw mie, t0
1:  wfi
    csrr t0, mip
    andi t0, t0, MIP_MTIP
    beqz t0, 1b
    EXPECT s8, 0, 9
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    EXPECT_TRAP INT(7), 1
    li t0, -1
    sd t0, 0(s1)
    /* WFI with MIE off but MTIE set and MTIP pending: just returns. */
    sd zero, 0(s1)
    li t0, MIP_MTIP
    csrw mie, t0
    wfi
    EXPECT s8, 1, 2
    /* MSIP and MTIP together: software first. */
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    li t0, MIP_MTIP | MIP_MSIP
    csrw mie, t0
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    EXPECT_TRAP INT(3), 3
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    li t0, -1
    sd t0, 0(s1)
    csrr t0, mip
    andi t0, t0, MIP_MSIP | MIP_MTIP
    EXPECT t0, 0, 4
    /* Delegated SSIP, raised by M, taken in S once SIE is on. */
    la t0, s_trap
    csrw stvec, t0
    li t0, MIP_SSIP | MIP_STIP
    csrw mideleg, t0
    csrsi mip, MIP_SSIP
    /* Sstc for S-mode: STCE and the time counter. */
    li t0, 1 << 63
    csrs menvcfg, t0
    li t0, 2
    csrw mcounteren, t0
    ENTER 1, smode
smode:
    li t0, MIP_SSIP
    csrw sie, t0
    csrsi sstatus, MSTATUS_SIE
    nop
    csrci sstatus, MSTATUS_SIE
    EXPECT_TRAP INT(1), 5
    csrci sip, MIP_SSIP
    /* stimecmp 10 ms ahead; WFI until STIP is taken. */
    rdtime t0
    li t1, 100000
    add t0, t0, t1
    csrw stimecmp, t0
    csrr t1, sip
    andi t1, t1, MIP_STIP
    EXPECT t1, 0, 6
    li t0, MIP_STIP
    csrw sie, t0
2:  wfi
    csrr t0, sip
    andi t0, t0, MIP_STIP
    beqz t0, 2b
    csrsi sstatus, MSTATUS_SIE
    nop
    csrci sstatus, MSTATUS_SIE
    EXPECT_TRAP INT(5), 7
    /* Moving stimecmp past now clears STIP. */
    li t0, -1
    csrw stimecmp, t0
    csrr t1, sip
    andi t1, t1, MIP_STIP
    EXPECT t1, 0, 8
    PASS
bad:
    FAIL 99

    TEST_HANDLERS
