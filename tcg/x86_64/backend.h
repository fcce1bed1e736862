/* SPDX-License-Identifier: MIT */
/* Internal interface between the x86-64 backend's driver and op emitters. */
#ifndef TCG_X86_64_BACKEND_H
#define TCG_X86_64_BACKEND_H

#include <glib.h>

#include "vemu/exec.h"
#include "vemu/tcg.h"
#include "tcg/regalloc.h"
#include "tcg/x86_64/emit.h"

/* Reserved registers. */
#define X86_AREG0 X86_RBP          /* env */
#define X86_GUEST_BASE X86_R14     /* guest_base for qemu_ld/st */
#define X86_FRAME X86_RSP

/*
 * Frame below the saved registers: [rsp + 0] holds the guest address
 * limit (1 << guest_addr_bits), spill slots follow, one per temp at most.
 * With six pushes the size keeps rsp 16-byte aligned for helper calls.
 */
#define X86_FRAME_LIMIT_OFF 0
#define X86_FRAME_SPILL_START 8
#define X86_FRAME_SIZE (8 * (TCG_MAX_TEMPS + 1))

/*
 * rbp holds env + x86_env_bias, chosen once so that most globals sit
 * within a disp8 of it (3 bytes saved per access).
 */
extern int32_t x86_env_bias;

static inline int32_t x86_env_off(int base, int64_t off)
{
    return (int32_t)(base == X86_AREG0 ? off - x86_env_bias : off);
}

/* Host features found with cpuid at init. */
extern bool x86_have_lzcnt, x86_have_bmi1, x86_have_bmi2, x86_have_popcnt;

/* An out-of-line path for a guest access that failed the range check. */
typedef struct X86SlowPath {
    size_t jcc_at[2];      /* rel32 fields to point at the slow path */
    int nb_jcc;
    int addr_reg;
    MemOpIdx oi;
    bool is_store;
    /* Softmmu: call the slow path helper and come back to ret_pos. */
    bool softmmu;
    bool is64;
    int val_reg;           /* load output or store input (-1: constant) */
    int64_t val_const;
    size_t ret_pos;
    uint32_t save_mask;    /* caller-saved registers to keep over the call */
    uintptr_t retaddr;
    /* Globals only in registers there (x86_fault_word format). */
    int nb_dirty;
    uint32_t dirty[RA_MAX_REGS];
} X86SlowPath;

/*
 * Fault data (TCGContext.fault_data, TranslationBlock.fault_data): per
 * guest access with dirty globals, the code offset of the access
 * instruction, a count n, then n words (env offset << 5 | is32 << 4 |
 * host register), in code order.
 */
#define X86_FAULT_OFF_LIMIT (1u << 27)

static inline uint32_t x86_fault_word(uint32_t env_off, bool is32, int reg)
{
    return env_off << 5 | (uint32_t)is32 << 4 | (uint32_t)reg;
}

/* Store one x86_fault_word's register to its env field. */
void x86_emit_fault_store(X86Code *c, uint32_t w);

/* Per-thread code generation state. */
typedef struct X86Gen {
    X86Code code;
    RAState ra;
    TCGContext *s;
    TranslationBlock *tb;
    GArray *slow;          /* X86SlowPath */
} X86Gen;

static inline X86Gen *x86_gen_of(RAState *ra)
{
    return (X86Gen *)ra->host;
}

/* The goto_lookup stub (lookup.c), emitted once the env bias is known. */
extern uintptr_t x86_lookup_stub;
void x86_gen_lookup_stub(X86Code *c);

/* Constraints of every emitted opcode, filled by x86_init_op_defs(). */
extern RAOpDef x86_op_defs[NB_OPS];
void x86_init_op_defs(void);

/* Emit one ordinary op whose operands are placed (ops.c). */
void x86_emit_op(X86Gen *g, const TCGOp *op, const RAOpArgs *a);
/* Guest memory access with its range check (ops.c). */
void x86_emit_qemu_ldst(X86Gen *g, const TCGOp *op, const RAOpArgs *a);
/* Softmmu: inline TLB lookup + access (softmmu.c). */
void x86_emit_qemu_ldst_softmmu(X86Gen *g, const TCGOp *op,
                                const RAOpArgs *a);
void x86_emit_softmmu_slow_path(X86Gen *g, X86SlowPath *p);
/* Globals only in registers at a guest access: list them in p (ops.c). */
void x86_collect_dirty(X86Gen *g, X86SlowPath *p);
/* Register the TLB lookup may use besides X86_GUEST_BASE. */
#define X86_TLB_SCRATCH X86_R11
/* Load/store emission shared by both memory models (ops.c). */
void x86_emit_guest_access(X86Code *c, const TCGOp *op, const RAOpArgs *a,
                           int base, int index, int32_t disp);
/* x86 condition code for a TCG comparison. */
int x86_cond(TCGCond c);
/* cmp a, input bi of the op (test a, a for the constant 0). */
void x86_emit_cmp(X86Gen *g, bool rexw, int a, const RAOpArgs *ra, int bi);

#endif
