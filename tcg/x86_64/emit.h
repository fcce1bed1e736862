/* SPDX-License-Identifier: MIT */
/* x86-64 instruction encoder: REX, ModRM/SIB, immediates, common forms. */
#ifndef TCG_X86_64_EMIT_H
#define TCG_X86_64_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Host registers, in hardware encoding order. */
enum {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NB_REGS,
};

/* Opcode flags, or'ed above the low opcode byte. */
#define XP_EXT     0x100     /* 0x0f escape */
#define XP_EXT38   0x200     /* 0x0f 0x38 escape */
#define XP_DATA16  0x400     /* 0x66 operand-size prefix */
#define XP_REXW    0x800     /* 64-bit operand size */
#define XP_REXB_R  0x1000    /* the reg field names a byte register */
#define XP_REXB_RM 0x2000    /* the r/m field names a byte register */
#define XP_F3      0x4000    /* 0xf3 prefix (lzcnt, tzcnt, popcnt) */
#define XP_F2      0x8000

/* Opcodes used by the backend (low byte + flags). */
enum {
    XO_ARITH_EvIz = 0x81,
    XO_ARITH_EvIb = 0x83,
    XO_ARITH_GvEv = 0x03,      /* add r, r/m; other groups by ext << 3 */
    XO_MOVB_EvGv = 0x88,
    XO_MOVL_EvGv = 0x89,
    XO_MOVL_GvEv = 0x8b,
    XO_MOVB_EvIz = 0xc6,
    XO_MOVL_EvIz = 0xc7,
    XO_MOVL_Iv = 0xb8,
    XO_LEA = 0x8d,
    XO_MOVZBL = 0xb6 | XP_EXT,
    XO_MOVZWL = 0xb7 | XP_EXT,
    XO_MOVSBL = 0xbe | XP_EXT,
    XO_MOVSWL = 0xbf | XP_EXT,
    XO_MOVSLQ = 0x63 | XP_REXW,
    XO_SHIFT_Ib = 0xc1,
    XO_SHIFT_1 = 0xd1,
    XO_SHIFT_cl = 0xd3,
    XO_GRP3 = 0xf7,
    XO_GRP5 = 0xff,
    XO_IMUL_GvEv = 0xaf | XP_EXT,
    XO_IMUL_GvEvIb = 0x6b,
    XO_IMUL_GvEvIz = 0x69,
    XO_TESTL = 0x85,
    XO_BSF = 0xbc | XP_EXT,
    XO_BSR = 0xbd | XP_EXT,
    XO_TZCNT = 0xbc | XP_EXT | XP_F3,
    XO_LZCNT = 0xbd | XP_EXT | XP_F3,
    XO_POPCNT = 0xb8 | XP_EXT | XP_F3,
    XO_BSWAP = 0xc8 | XP_EXT,
    XO_SETCC = 0x90 | XP_EXT | XP_REXB_RM,
    XO_CMOVCC = 0x40 | XP_EXT,
    XO_JCC_short = 0x70,
    XO_JCC_long = 0x80 | XP_EXT,
    XO_JMP_short = 0xeb,
    XO_JMP_long = 0xe9,
    XO_CALL = 0xe8,
    XO_PUSH = 0x50,
    XO_POP = 0x58,
    XO_RET = 0xc3,
    XO_CQO = 0x99,
};

/* Extension (reg field) values of group opcodes. */
enum { XA_ADD, XA_OR, XA_ADC, XA_SBB, XA_AND, XA_SUB, XA_XOR, XA_CMP };
enum { XS_ROL = 0, XS_ROR = 1, XS_SHL = 4, XS_SHR = 5, XS_SAR = 7 };
enum {
    X3_TEST = 0, X3_NOT = 2, X3_NEG = 3, X3_MUL = 4, X3_IMUL = 5,
    X3_DIV = 6, X3_IDIV = 7,
};
enum { X5_CALLN = 2, X5_JMPN = 4 };

/* Condition codes (low nibble of jcc/setcc/cmovcc). */
enum {
    XC_O, XC_NO, XC_B, XC_AE, XC_E, XC_NE, XC_BE, XC_A,
    XC_S, XC_NS, XC_P, XC_NP, XC_L, XC_GE, XC_LE, XC_G,
};

/* A code buffer being written; pos may run past size only by the margin. */
typedef struct X86Code {
    uint8_t *buf;
    size_t pos;
    size_t size;
} X86Code;

static inline void x86_out8(X86Code *c, uint8_t v)
{
    c->buf[c->pos++] = v;
}

static inline void x86_out16(X86Code *c, uint16_t v)
{
    __builtin_memcpy(c->buf + c->pos, &v, 2);
    c->pos += 2;
}

static inline void x86_out32(X86Code *c, uint32_t v)
{
    __builtin_memcpy(c->buf + c->pos, &v, 4);
    c->pos += 4;
}

static inline void x86_out64(X86Code *c, uint64_t v)
{
    __builtin_memcpy(c->buf + c->pos, &v, 8);
    c->pos += 8;
}

static inline void x86_patch32(X86Code *c, size_t at, uint32_t v)
{
    __builtin_memcpy(c->buf + at, &v, 4);
}

static inline bool x86_fits_s8(int64_t v)
{
    return v == (int8_t)v;
}

static inline bool x86_fits_s32(int64_t v)
{
    return v == (int32_t)v;
}

/* Host address of the next byte. */
static inline uintptr_t x86_here(X86Code *c)
{
    return (uintptr_t)(c->buf + c->pos);
}

/* Prefixes, REX and opcode bytes; r, rm, index are register numbers or 0. */
void x86_emit_opc(X86Code *c, int opc, int r, int rm, int index);
/* Opcode with a register-direct ModRM. */
void x86_emit_modrm(X86Code *c, int opc, int r, int rm);
/*
 * Opcode with a memory operand [base + index << shift + disp]; base or
 * index may be -1 (absent). base -1 and index -1 means RIP-relative disp.
 */
void x86_emit_modrm_sib(X86Code *c, int opc, int r, int base, int index,
                        int shift, int32_t disp);
static inline void x86_emit_modrm_offset(X86Code *c, int opc, int r,
                                         int base, int32_t disp)
{
    x86_emit_modrm_sib(c, opc, r, base, -1, 0, disp);
}

/* Common instruction forms; rexw selects 64-bit operand size. */
void x86_emit_mov_rr(X86Code *c, bool rexw, int dst, int src);
void x86_emit_movi(X86Code *c, bool rexw, int dst, int64_t v);
void x86_emit_arith_rr(X86Code *c, int ext, bool rexw, int dst, int src);
/* op dst, [base + disp] (ext: XA_ADD... XA_CMP). */
void x86_emit_arith_rm(X86Code *c, int ext, bool rexw, int dst, int base,
                       int32_t disp);
void x86_emit_arith_ri(X86Code *c, int ext, bool rexw, int dst, int64_t v);
void x86_emit_shift_ri(X86Code *c, int ext, bool rexw, int dst, int count);
void x86_emit_shift_rcl(X86Code *c, int ext, bool rexw, int dst);
void x86_emit_grp3(X86Code *c, int ext, bool rexw, int rm);
void x86_emit_lea(X86Code *c, bool rexw, int dst, int base, int index,
                  int shift, int32_t disp);
void x86_emit_ld(X86Code *c, bool rexw, int dst, int base, int32_t disp);
void x86_emit_st(X86Code *c, bool rexw, int src, int base, int32_t disp);
void x86_emit_setcc(X86Code *c, int cc, int dst);
void x86_emit_cmovcc(X86Code *c, int cc, bool rexw, int dst, int src);
void x86_emit_bswap(X86Code *c, bool rexw, int reg);
void x86_emit_push(X86Code *c, int reg);
void x86_emit_pop(X86Code *c, int reg);
/* jcc/jmp with a rel32 displacement; returns the displacement's offset. */
size_t x86_emit_jcc32(X86Code *c, int cc, uintptr_t target);
size_t x86_emit_jmp32(X86Code *c, uintptr_t target);
/* Short jcc with a fixed-up-later rel8; returns the displacement's offset. */
size_t x86_emit_jcc8(X86Code *c, int cc);
void x86_patch_rel8(X86Code *c, size_t at);
/* Direct call/jmp to an absolute address, via r11 when out of reach. */
void x86_emit_call(X86Code *c, uintptr_t target);
void x86_emit_jmp_abs(X86Code *c, uintptr_t target);
void x86_emit_nops(X86Code *c, int n);
void x86_emit_mfence(X86Code *c);
/* BMI VEX forms: andn dst = ~src1 & src2; shlx/shrx/sarx dst = src << cnt */
void x86_emit_andn(X86Code *c, bool rexw, int dst, int src1, int src2);
void x86_emit_shiftx(X86Code *c, int ext, bool rexw, int dst, int src,
                     int cnt);

#endif
