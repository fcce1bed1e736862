/* SPDX-License-Identifier: MIT */
/*
 * Bare-metal test support for vemu -M virt -bios none: the SiFive test
 * finisher ends the run (PASS: exit 0; FAIL code: exit code), and trap
 * handlers record cause/epc/tval in s9/s10/s11, count traps in s8 and
 * resume after the trapping (4-byte: no RVC here) instruction.
 */
#define TESTDEV 0x100000
#define CLINT_MSIP 0x2000000
#define CLINT_MTIMECMP 0x2004000
#define CLINT_MTIME 0x200bff8

#define MSTATUS_SIE (1 << 1)
#define MSTATUS_MIE (1 << 3)
#define MSTATUS_SPP (1 << 8)
#define MSTATUS_MPP (3 << 11)
#define MSTATUS_FS (3 << 13)
#define MSTATUS_MPRV (1 << 17)
#define MSTATUS_SUM (1 << 18)
#define MSTATUS_MXR (1 << 19)

    .option norvc

.macro PASS
    li t0, TESTDEV
    li t1, 0x5555
    sw t1, 0(t0)
.Lpass_loop\@:
    j .Lpass_loop\@
.endm

.macro FAIL code
    li t0, TESTDEV
    li t1, (\code << 16) | 0x3333
    sw t1, 0(t0)
.Lfail_loop\@:
    j .Lfail_loop\@
.endm

/* Fail with `code` unless reg == val. */
.macro EXPECT reg, val, code
    li t5, \val
    beq \reg, t5, .Lok\@
    FAIL \code
.Lok\@:
.endm

/* Fail unless exactly one more trap with this cause happened. */
.macro EXPECT_TRAP cause, code
    addi s7, s7, 1
    beq s8, s7, .Lcount\@
    FAIL \code
.Lcount\@:
    EXPECT s9, \cause, \code
.endm

/* Start: M-mode handler installed, PMP open to S/U, counters reset. */
.macro TEST_START
    .section .text.init
    .globl _start
_start:
    la t0, m_trap
    csrw mtvec, t0
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f                 /* NAPOT, RWX */
    csrw pmpcfg0, t0
    li s7, 0
    li s8, 0
    la sp, stack_top
.endm

/* mret into `mode` (0 U, 1 S) at label. */
.macro ENTER mode, label
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, (\mode << 11)
    csrs mstatus, t0
    la t0, \label
    csrw mepc, t0
    mret
.endm

/* The handlers and a stack; a test defines its own code after TEST_START. */
.macro TEST_HANDLERS
    .align 2
m_trap:
    csrr s9, mcause
    csrr s10, mepc
    csrr s11, mtval
    addi s8, s8, 1
    bltz s9, 1f                 /* interrupt: resume at epc */
    addi s10, s10, 4
    csrw mepc, s10
    addi s10, s10, -4
    mret
1:  csrw mie, zero              /* interrupts: mask them all */
    mret

    .align 2
s_trap:
    csrr s9, scause
    csrr s10, sepc
    csrr s11, stval
    addi s8, s8, 1
    bltz s9, 1f
    addi s10, s10, 4
    csrw sepc, s10
    addi s10, s10, -4
    sret
1:  csrw sie, zero
    sret

    .bss
    .align 12
stack:
    .space 4096
stack_top:
.endm
