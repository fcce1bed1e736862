/* SPDX-License-Identifier: MIT */
/* PMP: M-mode passes unlocked entries; a locked entry binds M-mode and
 * ignores writes; S-mode gets a read-only NAPOT page (store access
 * fault, mtval the address); an access only partly inside an NA4 entry
 * fails whatever the mode, also after other accesses to its page. */
#include "sys-test.h"

    TEST_START
    /* 0: NA4 at data2+0x100 (RW); 1: the data page, NAPOT R;
     * 2: everything, NAPOT RWX. */
    la a0, data
    la a1, data2
    addi t0, a1, 0x100
    srli t0, t0, 2
    csrw pmpaddr0, t0
    srli t0, a0, 2
    ori t0, t0, (4096 >> 3) - 1
    csrw pmpaddr1, t0
    li t0, -1
    csrw pmpaddr2, t0
    li t0, 0x13 | (0x19 << 8) | (0x1f << 16)
    csrw pmpcfg0, t0
    /* M-mode: entry 1 is not locked, stores pass. */
    sd zero, 8(a0)
    EXPECT s8, 0, 1
    /* Partly inside entry 0: fails even in M-mode. */
    ld t1, 0x100(a1)
    EXPECT_TRAP 5, 2
    lw t1, 0x100(a1)
    EXPECT s8, 1, 3
    /* Lock entry 1: M-mode stores now fault; the entry is frozen. */
    li t0, 0x80 << 8
    csrs pmpcfg0, t0
    sd zero, 8(a0)
    EXPECT_TRAP 7, 4
    li t0, 0x1f << 8
    csrs pmpcfg0, t0
    csrr t1, pmpcfg0
    srli t1, t1, 8
    andi t1, t1, 0xff
    EXPECT t1, 0x99, 5
    csrw pmpaddr1, zero
    srli t0, a0, 2
    ori t0, t0, (4096 >> 3) - 1
    csrr t1, pmpaddr1
    bne t0, t1, bad
    ENTER 1, smode
smode:
    ld t1, 8(a0)
    EXPECT s8, 2, 6
    sd t1, 16(a0)
    EXPECT_TRAP 7, 7
    addi t2, a0, 16
    bne s11, t2, bad
    /* A page only partly covered by an entry is checked on every
     * access, not just the one that filled the TLB. */
    ld t1, 0(a1)
    EXPECT s8, 3, 8
    ld t1, 0x100(a1)
    EXPECT_TRAP 5, 9
    lw t1, 0x100(a1)
    EXPECT s8, 4, 10
    PASS
bad:
    FAIL 99

    TEST_HANDLERS
    .align 12
data: .space 4096
data2: .space 4096
