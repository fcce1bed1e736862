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
    TCI_OP_COUNT = TCI_OP_SETCOND64_FIRST + 12,
};

static inline uint32_t tci_operand(int base, int32_t offset)
{
    return ((uint32_t)offset << 2) | (uint32_t)base;
}

/* Condition evaluation the compiler can inline with a constant cond. */
static inline __attribute__((always_inline)) bool
tci_cond64(TCGCond c, uint64_t a, uint64_t b)
{
    switch (c) {
    case TCG_COND_ALWAYS:
        return true;
    case TCG_COND_EQ:
        return a == b;
    case TCG_COND_NE:
        return a != b;
    case TCG_COND_LT:
        return (int64_t)a < (int64_t)b;
    case TCG_COND_GE:
        return (int64_t)a >= (int64_t)b;
    case TCG_COND_LE:
        return (int64_t)a <= (int64_t)b;
    case TCG_COND_GT:
        return (int64_t)a > (int64_t)b;
    case TCG_COND_LTU:
        return a < b;
    case TCG_COND_GEU:
        return a >= b;
    case TCG_COND_LEU:
        return a <= b;
    case TCG_COND_GTU:
        return a > b;
    default:
        return false;
    }
}

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
