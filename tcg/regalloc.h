/* SPDX-License-Identifier: MIT */
/*
 * Local (per basic block) register allocator shared by native backends.
 *
 * Temps live in host registers while used, spill to frame slots, and
 * constants are materialised lazily or passed as immediates. Globals are
 * loaded from env on demand and written back as liveness asks (sync_args)
 * and at basic-block ends, side-effect ops and calls that read globals.
 * The backend describes each op's operands with an RAOpDef and supplies
 * the few move/load/store instructions the allocator needs.
 */
#ifndef TCG_REGALLOC_H
#define TCG_REGALLOC_H

#include <stdbool.h>
#include <stdint.h>

#include "vemu/tcg.h"

#define RA_MAX_REGS 16

typedef struct RAState RAState;

/* Instructions the allocator emits through the backend. */
typedef struct RAHostOps {
    void (*mov)(RAState *ra, TCGType type, int dst, int src);
    void (*movi)(RAState *ra, TCGType type, int dst, int64_t v);
    void (*ld)(RAState *ra, TCGType type, int dst, int base, intptr_t off);
    void (*st)(RAState *ra, TCGType type, int src, int base, intptr_t off);
    /* Store constant v; false if it cannot be done without a register. */
    bool (*sti)(RAState *ra, TCGType type, int64_t v, int base,
                intptr_t off);
    void (*call)(RAState *ra, uintptr_t func);
    /* Extend the low 32 bits of reg to 64 in place. */
    void (*ext32)(RAState *ra, bool sign, int reg);
} RAHostOps;

/* Static description of the host registers. */
typedef struct RAHostRegs {
    const int8_t *order;       /* allocation preference */
    int nb_order;
    uint32_t call_clobbered;   /* caller-saved registers */
    const int8_t *call_iarg;   /* integer argument registers */
    int nb_call_iarg;
    int call_oarg;             /* return value register */
    int env_reg;               /* TEMP_FIXED env lives here */
    int frame_reg;             /* spill slots are frame_reg + offset */
} RAHostRegs;

/* A global whose current value is only in a host register. */
typedef struct RADirty {
    intptr_t mem_offset;       /* its env offset */
    int reg;
    TCGType type;
} RADirty;

struct RAState {
    TCGContext *s;
    const RAHostOps *ops;
    const RAHostRegs *hregs;
    void *host;                /* the backend's own state */
    TCGTemp *reg_to_temp[RA_MAX_REGS];
    uint32_t locked;           /* registers the current op holds */
    int64_t cval[TCG_MAX_TEMPS]; /* value of temps in TEMP_VAL_CONST */
    /*
     * Bit per temp whose value is in a register, or a known constant for a
     * temp that is not TEMP_CONST: everything else is in memory or dead.
     * Block ends and the global syncs visit only these (a TB has about 90
     * temps; a handful are active at a time).
     */
    uint64_t active[TCG_MAX_TEMPS / 64];
    /*
     * Set by the backend after ra_begin: guest accesses (qemu_ld/st) do
     * not sync globals; ra_op_begin lists in dirty[] the globals only
     * held in registers at the access instead, and the backend must get
     * them to env if the access faults. Each register holds one temp, so
     * RA_MAX_REGS entries suffice.
     */
    bool defer_fault_sync;
    int nb_dirty;
    RADirty dirty[RA_MAX_REGS];
};

/* Operand constraint flags. */
enum {
    RA_CT_CONST_S32 = 1,   /* a constant that fits a sign-extended imm32 */
    RA_CT_CONST_ANY = 2,   /* any constant */
    RA_CT_CONST_WSZ = 4,   /* the constant 32 (i32 ops) or 64 (i64 ops) */
    RA_CT_NEWREG = 8,      /* output: no overlap with inputs but input 0 */
    RA_CT_ALIAS = 16,      /* output: the register of input `alias` */
    RA_CT_ENV = 32,        /* input: env may be used in its own register */
    RA_CT_MEM = 64,        /* input: a memory operand when it dies in memory */
};

typedef struct RAArgCt {
    uint32_t regs;         /* allowed registers */
    uint8_t ct;
    int8_t alias;          /* RA_CT_ALIAS: input index (0-based) */
} RAArgCt;

/* Constraints of one opcode: args in TCGOp order (outputs, inputs). */
typedef struct RAOpDef {
    RAArgCt args[TCG_MAX_OP_ARGS];
    uint32_t clobber;      /* registers the instruction sequence destroys */
    bool valid;
} RAOpDef;

/* Where each operand of the current op ended up. */
typedef struct RAOpArgs {
    int reg[TCG_MAX_OP_ARGS];
    bool is_const[TCG_MAX_OP_ARGS];
    int64_t cval[TCG_MAX_OP_ARGS];
    /* RA_CT_MEM inputs read straight from [mem_base + mem_off]. */
    bool is_mem[TCG_MAX_OP_ARGS];
    int mem_base[TCG_MAX_OP_ARGS];
    intptr_t mem_off[TCG_MAX_OP_ARGS];
} RAOpArgs;

/* Parse a constraint string (see regalloc.c) into ct. */
bool ra_parse_constraint(RAArgCt *ct, const char *str,
                         uint32_t (*letter_regs)(char c));

void ra_begin(RAState *ra, TCGContext *s, const RAHostOps *ops,
              const RAHostRegs *hregs, void *host);

/*
 * Generic op: load inputs, place outputs; then the backend emits. Ops with
 * TCG_OPF_SIDE_EFFECTS get every global synced before their outputs, but
 * with defer_fault_sync guest accesses only fill ra->dirty (the registers
 * listed keep those values until the access instruction: outputs are
 * written by the access itself).
 */
void ra_op_begin(RAState *ra, const TCGOp *op, const RAOpDef *def,
                 RAOpArgs *a);
/* After emission: write back and free outputs as liveness says. */
void ra_op_end(RAState *ra, const TCGOp *op);

void ra_mov(RAState *ra, const TCGOp *op);
void ra_discard(RAState *ra, TCGTemp *t);
void ra_call(RAState *ra, const TCGOp *op);

/* Store every modified global (before side effects). */
void ra_sync_globals(RAState *ra);
/* Before a conditional branch: sync globals and TB temps. */
void ra_sync_for_branch(RAState *ra);
/* End of a basic block: everything to memory, registers empty. */
void ra_bb_end(RAState *ra);

static inline bool ra_arg_dead(const TCGOp *op, int i)
{
    return (op->dead_args >> i) & 1;
}

#endif
