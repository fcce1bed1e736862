/* SPDX-License-Identifier: MIT */
/* Sv39 from S-mode: 4K pages and superpages, hardware A/D updates, store
 * to a read-only page, SUM, MXR, a misaligned superpage, sfence.vma, and
 * M-mode loads through MPRV. */
#include "sys-test.h"

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80

/* a0 = pte for the physical address in reg with flags */
.macro MKPTE dst, reg, flags
    srli \dst, \reg, 12
    slli \dst, \dst, 10
    ori \dst, \dst, \flags
.endm

    TEST_START
    li t0, (1 << 12) | (1 << 13) | (1 << 15)
    csrw medeleg, t0
    la t0, s_trap
    csrw stvec, t0
    /* Data: page1 holds 0x1122334455667788, page2 0xaabb. */
    la t0, page1
    li t1, 0x1122334455667788
    sd t1, 0(t0)
    la t0, page2
    li t1, 0xaabb
    sd t1, 0(t0)
    /* root[0]: 1G identity for devices; root[2]: 1G identity for RAM. */
    la a0, root
    li t0, 0
    MKPTE t1, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    sd t1, 0(a0)
    li t0, 0x80000000
    MKPTE t1, t0, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
    sd t1, 16(a0)
    /* root[1] -> l1; l1[0] -> l0; l1[1]: a 2M leaf on a 4K boundary. */
    la t0, l1
    MKPTE t1, t0, PTE_V
    sd t1, 8(a0)
    la a1, l1
    la t0, l0
    MKPTE t1, t0, PTE_V
    sd t1, 0(a1)
    la t0, page1
    MKPTE t1, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    sd t1, 8(a1)
    /* l0[0] RW (A/D clear), [1] R, [2] U RW, [3] X only. */
    la a2, l0
    la t0, page1
    MKPTE t1, t0, PTE_V | PTE_R | PTE_W
    sd t1, 0(a2)
    MKPTE t1, t0, PTE_V | PTE_R | PTE_A
    sd t1, 8(a2)
    MKPTE t1, t0, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
    sd t1, 16(a2)
    MKPTE t1, t0, PTE_V | PTE_X | PTE_A
    sd t1, 24(a2)
    /* satp = Sv39 | root. */
    la t0, root
    srli t0, t0, 12
    li t1, 8 << 60
    or t0, t0, t1
    csrw satp, t0
    sfence.vma
    /* M-mode with MPRV and MPP=S loads through the page table. */
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, (1 << 11) | MSTATUS_MPRV
    csrs mstatus, t0
    li a3, 0x40001000
    ld a4, 0(a3)
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    li t1, 0x1122334455667788
    bne a4, t1, bad
    ENTER 1, smode

smode:
    /* A load sets A but not D. */
    ld a4, 0(a2)
    andi a4, a4, PTE_A | PTE_D
    EXPECT a4, 0, 1
    li a3, 0x40000000
    ld a4, 0(a3)
    li t1, 0x1122334455667788
    bne a4, t1, bad
    ld a4, 0(a2)
    andi a4, a4, PTE_A | PTE_D
    EXPECT a4, PTE_A, 2
    /* A store sets D. */
    li t1, 0x99
    sd t1, 8(a3)
    ld a4, 0(a2)
    andi a4, a4, PTE_A | PTE_D
    EXPECT a4, PTE_A | PTE_D, 3
    /* Store to the read-only alias: store page fault, stval the va. */
    li a3, 0x40001010
    sd t1, 0(a3)
    EXPECT_TRAP 15, 4
    bne s11, a3, bad
    /* U page from S: faults without SUM, fine with it. */
    li a3, 0x40002000
    ld a4, 0(a3)
    EXPECT_TRAP 13, 5
    li t0, MSTATUS_SUM
    csrs sstatus, t0
    ld a4, 0(a3)
    li t1, 0x1122334455667788
    bne a4, t1, bad
    csrc sstatus, t0
    /* Execute-only page: readable with MXR only. */
    li a3, 0x40003000
    ld a4, 0(a3)
    EXPECT_TRAP 13, 6
    li t0, MSTATUS_MXR
    csrs sstatus, t0
    ld a4, 0(a3)
    bne a4, t1, bad
    csrc sstatus, t0
    /* 2M leaf whose PPN is not 2M-aligned: page fault. */
    li a3, 0x40200000
    ld a4, 0(a3)
    EXPECT_TRAP 13, 7
    /* Not mapped at all. */
    li a3, 0x7000000000
    ld a4, 0(a3)
    EXPECT_TRAP 13, 8
    /* Remap l0[0] to page2; after sfence.vma the new data shows. */
    la t0, page2
    MKPTE t1, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    sd t1, 0(a2)
    li a3, 0x40000000
    sfence.vma a3
    ld a4, 0(a3)
    EXPECT a4, 0xaabb, 9
    PASS
bad:
    FAIL 99

    TEST_HANDLERS
    .align 12
root:   .space 4096
l1:     .space 4096
l0:     .space 4096
page1:  .space 4096
page2:  .space 4096
