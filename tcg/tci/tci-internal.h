/* SPDX-License-Identifier: MIT */
/* TCI bytecode format shared by the compiler (tci-gen.c) and tci.c. */
#ifndef TCG_TCI_INTERNAL_H
#define TCG_TCI_INTERNAL_H

#include "vemu/tcg.h"

/*
 * Bytecode is a stream of 32-bit words. An instruction is one opcode word
 * followed by its operands. Most TCI opcodes are the TCG opcode numbers
 * with the TCG argument order; extra opcodes follow NB_OPS.
 *
 * A temp operand is one word: (byte offset << 2) | base, the offset
 * signed. The interpreter keeps bases[]: frame (TCGTemp slots, 8 bytes
 * each, indexed by temp index), env (globals at their mem_offset), and
 * the start of the running TB (constants in its pool after the code).
 * i32 operands use the low 4 bytes only (little-endian host).
 *
 * Branch targets are word offsets from the TB start. 64-bit immediates
 * take two words, low first.
 */
enum {
    TCI_BASE_FRAME = 0,
    TCI_BASE_ENV = 1,
    TCI_BASE_TB = 2,
};

enum {
    /* brcond with the condition folded into the opcode: a, b, target */
    TCI_OP_BRCOND32_FIRST = NB_OPS,
    TCI_OP_BRCOND64_FIRST = TCI_OP_BRCOND32_FIRST + 12,
    /* setcond specialized likewise: r, a, b */
    TCI_OP_SETCOND32_FIRST = TCI_OP_BRCOND64_FIRST + 12,
    TCI_OP_SETCOND64_FIRST = TCI_OP_SETCOND32_FIRST + 12,
    /*
     * Fast forms of the ops listed below, opcode = base + TCG opcode:
     * every temp operand is a global, given as its raw env offset (no
     * base selection). In the _ENVI form the last input is instead a
     * constant, given as a 64-bit immediate.
     */
    TCI_VAR_ENV = TCI_OP_SETCOND64_FIRST + 12,
    TCI_VAR_ENVI = TCI_VAR_ENV + NB_OPS,
    /*
     * brcond on globals, per condition: a and b env offsets (_E) or a an
     * env offset and b a 64-bit immediate (_EI); then the target.
     */
    TCI_OP_BRE32_FIRST = TCI_VAR_ENVI + NB_OPS,
    TCI_OP_BREI32_FIRST = TCI_OP_BRE32_FIRST + 12,
    TCI_OP_BRE64_FIRST = TCI_OP_BREI32_FIRST + 12,
    TCI_OP_BREI64_FIRST = TCI_OP_BRE64_FIRST + 12,
    TCI_OP_COUNT = TCI_OP_BREI64_FIRST + 12,
};
/*
 * qemu_ld/st also have a TCI_VAR_ENV form in which only the value operand
 * is a raw env offset (a global); the address stays a generic operand.
 */

/* Ops with _ENV/_ENVI forms: binary ops (both widths), unary ops, mov. */
#define TCI_BIN_OPS(X)                                                       \
    X(add) X(sub) X(mul) X(div) X(divu) X(rem) X(remu) X(and) X(or)         \
    X(xor) X(andc) X(orc) X(shl) X(shr) X(sar) X(rotl) X(rotr) X(clz)       \
    X(ctz) X(mulsh) X(muluh)
#define TCI_UN_OPS(X)                                                        \
    X(neg_i32) X(not_i32) X(ext8s_i32) X(ext8u_i32) X(ext16s_i32)           \
    X(ext16u_i32) X(bswap16_i32) X(bswap32_i32) X(ctpop_i32) X(neg_i64)     \
    X(not_i64) X(ext8s_i64) X(ext8u_i64) X(ext16s_i64) X(ext16u_i64)        \
    X(ext32s_i64) X(ext32u_i64) X(bswap16_i64) X(bswap32_i64)               \
    X(bswap64_i64) X(ctpop_i64) X(mov_i32) X(mov_i64)

static inline uint32_t tci_operand(int base, int32_t offset)
{
    return ((uint32_t)offset << 2) | (uint32_t)base;
}

/* Condition evaluation the compiler can inline with a constant cond. */
#define tci_cond64 tcg_cond_eval_inline_i64

static inline __attribute__((always_inline)) bool
tci_cond32(TCGCond c, uint32_t a, uint32_t b)
{
    if (c >= TCG_COND_LTU) {
        return tci_cond64(c, a, b);
    }
    return tci_cond64(c, (uint64_t)(int64_t)(int32_t)a,
                      (uint64_t)(int64_t)(int32_t)b);
}

#endif
