/* SPDX-License-Identifier: MIT */
/* Every RV64C instruction, written with its explicit c. mnemonic. */
#include "guest-asm.h"

    TEST_PROLOGUE

    /* CI: immediates and sign extension. */
    c.li a0, 31
    SAVE a0, 31
    c.li a0, -32
    SAVE a0, -32
    c.lui a1, 1
    SAVE a1, 0x1000
    c.lui a1, 0xfffe0               /* nzimm = -32 << 12 */
    SAVE a1, 0xfffffffffffe0000
    c.lui a1, 31
    SAVE a1, 0x1f000
    li a2, 0x7fffffff
    c.addi a2, 1
    SAVE a2, 0x80000000
    li a2, 0x7fffffff
    c.addiw a2, 1                   /* wraps and sign-extends */
    SAVE a2, 0xffffffff80000000
    li a2, 0x100000005
    c.addiw a2, 0                   /* sext.w */
    SAVE a2, 5
    li a3, 1
    c.slli a3, 63
    SAVE a3, 0x8000000000000000
    c.srai a3, 62
    SAVE a3, -2
    c.srli a3, 1
    SAVE a3, 0x7fffffffffffffff
    li a4, -1
    c.andi a4, -32
    SAVE a4, 0xffffffffffffffe0
    c.andi a4, 15
    SAVE a4, 0

    /* CR / CA: register-register forms. */
    li a0, 0x1234
    c.mv a5, a0
    SAVE a5, 0x1234
    li a1, 0x1111
    c.add a5, a1
    SAVE a5, 0x2345
    li a0, 0xff00ff00ff00ff00
    li a1, 0x0ff00ff00ff00ff0
    c.mv a2, a0
    c.and a2, a1
    SAVE a2, 0x0f000f000f000f00
    c.mv a2, a0
    c.or a2, a1
    SAVE a2, 0xfff0fff0fff0fff0
    c.mv a2, a0
    c.xor a2, a1
    SAVE a2, 0xf0f0f0f0f0f0f0f0
    c.mv a2, a0
    c.sub a2, a1
    SAVE a2, 0xef10ef10ef10ef10
    li a2, 0x7fffffff
    li a3, 1
    c.addw a2, a3
    SAVE a2, 0xffffffff80000000
    li a2, 0
    c.subw a2, a3
    SAVE a2, -1
    li a2, 0x180000000
    li a3, 0
    c.subw a2, a3
    SAVE a2, 0xffffffff80000000

    /* Stack pointer adjustments. */
    mv s0, sp
    c.addi16sp sp, -64
    sub a0, s0, sp
    SAVE a0, 64
    c.addi4spn a1, sp, 8
    sub a1, a1, sp
    SAVE a1, 8
    c.addi4spn a1, sp, 1020
    sub a1, a1, sp
    SAVE a1, 1020

    /* SP-relative loads and stores. */
    li t0, 0x8877665544332211
    c.sdsp t0, 0(sp)
    c.ldsp t1, 0(sp)
    SAVE t1, 0x8877665544332211
    c.lwsp t1, 4(sp)
    SAVE t1, 0xffffffff88776655
    li t0, 0xcafe
    c.swsp t0, 8(sp)
    c.lwsp t2, 8(sp)
    SAVE t2, 0xcafe
    li t0, 0x4010000000000000       /* 4.0 */
    c.sdsp t0, 16(sp)
    c.fldsp ft0, 16(sp)
    c.fsdsp ft0, 24(sp)
    c.ldsp t3, 24(sp)
    SAVE t3, 0x4010000000000000
    c.addi16sp sp, 64
    sub a0, s0, sp
    SAVE a0, 0

    /* Register-based loads and stores (x8..x15 only). */
    lla s0, scratch
    li a0, 0x0102030405060708
    c.sd a0, 8(s0)
    c.ld a1, 8(s0)
    SAVE a1, 0x0102030405060708
    li a0, 0x80000000
    c.sw a0, 16(s0)
    c.lw a2, 16(s0)
    SAVE a2, 0xffffffff80000000
    c.fld fa0, 8(s0)
    c.fsd fa0, 24(s0)
    c.ld a3, 24(s0)
    SAVE a3, 0x0102030405060708
    c.ld a4, 248(s0)                /* largest offset */
    SAVE a4, 0x5555aaaa5555aaaa

    /* Control flow. */
    li a0, 0
    c.j 1f
    li a0, 1
1:
    SAVE a0, 0
    li a0, 0
    c.beqz a0, 1f
    li a0, 1
1:
    SAVE a0, 0
    li a1, 1
    c.bnez a1, 1f
    li a1, 0
1:
    SAVE a1, 1
    li a1, 0
    c.bnez a1, 1f
    li a1, 7
1:
    SAVE a1, 7
    lla t0, c_func
    li a0, 5
    c.jalr t0                       /* links ra to the next insn */
2:
    lla t1, 2b
    sub t1, ra, t1
    SAVE t1, 0
    SAVE a0, 10
    lla t0, 1f
    c.jr t0
    li a0, 1
1:
    c.nop
    SAVE a0, 10

    TEST_EPILOGUE

    .text
c_func:
    c.add a0, a0
    c.jr ra

    .data
    .balign 8
scratch:
    .skip 248
    .dword 0x5555aaaa5555aaaa
