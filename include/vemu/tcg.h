/* SPDX-License-Identifier: MIT */
/*
 * The TCG intermediate representation: temps, ops, labels, the per-thread
 * translation context, and the interface every host backend implements.
 *
 * Pipeline for one translation block (accel/tcg/translate-all.c):
 *   tcg_func_start() -> frontend emits ops with tcg_gen_*() (tcg-op.h)
 *   -> tcg_optimize() -> tcg_liveness_analysis() -> backend->gen_code().
 */
#ifndef VEMU_TCG_H
#define VEMU_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vemu/memop.h"

typedef uint64_t TCGArg;

/* Words of guest data recorded by each insn_start (pc, target extra). */
#define TCG_INSN_START_WORDS 2
#define TCG_MAX_INSNS 512
#define TCG_MAX_TEMPS 1024
#define TCG_MAX_OP_ARGS 10
#define TCG_MAX_CALL_IARGS 6    /* helpers take at most 6 integer args */
#define TCG_MAX_LABELS 512

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
    TCG_TYPE_COUNT,
    TCG_TYPE_PTR = TCG_TYPE_I64,   /* 64-bit hosts only */
} TCGType;

/* Comparison conditions. */
typedef enum TCGCond {
    TCG_COND_NEVER,
    TCG_COND_ALWAYS,
    TCG_COND_EQ,
    TCG_COND_NE,
    TCG_COND_LT,
    TCG_COND_GE,
    TCG_COND_LE,
    TCG_COND_GT,
    TCG_COND_LTU,
    TCG_COND_GEU,
    TCG_COND_LEU,
    TCG_COND_GTU,
} TCGCond;

TCGCond tcg_invert_cond(TCGCond c);   /* !(a c b) == a inv(c) b */
TCGCond tcg_swap_cond(TCGCond c);     /* (a c b) == b swap(c) a */
bool tcg_cond_is_unsigned(TCGCond c);
/* Evaluate a condition on constants (used by the optimizer and the TCI). */
bool tcg_cond_eval_i32(TCGCond c, uint32_t a, uint32_t b);
bool tcg_cond_eval_i64(TCGCond c, uint64_t a, uint64_t b);

/* The same, inlinable where c is a compile-time constant (TCI handlers). */
static inline __attribute__((always_inline)) bool
tcg_cond_eval_inline_i64(TCGCond c, uint64_t a, uint64_t b)
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
        return false;   /* TCG_COND_NEVER */
    }
}

/* Memory barrier kinds for the mb op. */
typedef enum TCGBar {
    TCG_MO_LD_LD = 1,
    TCG_MO_ST_LD = 2,
    TCG_MO_LD_ST = 4,
    TCG_MO_ST_ST = 8,
    TCG_MO_ALL = 15,
    TCG_BAR_SC = 0x30,
} TCGBar;

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "vemu/tcg-opc.h"
#undef DEF
    NB_OPS,
} TCGOpcode;

enum {
    TCG_OPF_BB_EXIT = 0x01,      /* leaves the TB */
    TCG_OPF_BB_END = 0x02,       /* ends a basic block */
    TCG_OPF_CALL_CLOBBER = 0x04, /* clobbers call-clobbered host regs */
    TCG_OPF_SIDE_EFFECTS = 0x08, /* must not be removed; globals synced */
    TCG_OPF_64BIT = 0x10,
    TCG_OPF_NOT_PRESENT = 0x20,  /* handled by the generic code, not emitted */
    TCG_OPF_COND_BRANCH = 0x40,
};

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs, flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

typedef enum TCGTempKind {
    TEMP_EBB,     /* lives within an extended basic block (dies at a label) */
    TEMP_TB,      /* lives across labels, within one TB */
    TEMP_GLOBAL,  /* bound to a field of the CPU state at mem_offset */
    TEMP_FIXED,   /* the env pointer, fixed in a host register */
    TEMP_CONST,   /* constant `val`, interned per TB */
} TCGTempKind;

/* Where the register allocator currently keeps a temp's value. */
typedef enum TCGTempVal {
    TEMP_VAL_DEAD,
    TEMP_VAL_REG,
    TEMP_VAL_MEM,
    TEMP_VAL_CONST,
} TCGTempVal;

typedef struct TCGTemp {
    TCGTempKind kind;
    TCGType type;
    bool allocated;        /* EBB/TB temps: currently handed out */
    int64_t val;           /* TEMP_CONST: the value (i32 sign-extended) */
    intptr_t mem_offset;   /* GLOBAL: offset from env; else spill slot */
    const char *name;      /* GLOBAL/FIXED: name for dumps */
    int index;             /* position in TCGContext.temps */

    /* Register allocator state (backend pass). */
    TCGTempVal val_type;
    int reg;
    bool mem_coherent;     /* memory copy is up to date */
    bool mem_allocated;    /* spill slot assigned */

    /* Scratch pointer for passes (optimizer, liveness). */
    void *state_ptr;
    uintptr_t state;
} TCGTemp;

/* A relocation recorded by a backend against a label not yet placed. */
typedef struct TCGRelocation {
    uint32_t code_offset;
    int type;
    intptr_t addend;
} TCGRelocation;

typedef struct TCGLabel {
    int id;
    bool present;          /* a set_label op exists */
    bool has_value;        /* code offset known */
    bool referenced;
    uintptr_t value;       /* code offset of the label, from the TB start */
    TCGRelocation *relocs; /* g_realloc'd array */
    int nb_relocs, relocs_cap;
} TCGLabel;

/*
 * One IR operation. args[] holds TCGTemp pointers (cast to TCGArg) for
 * temp operands, raw values for constant operands and TCGLabel pointers
 * for labels.
 *
 * call: args = [outputs (0 or 1)] [inputs (<= 6)] func flags typemask,
 *   with nb_call_oargs/nb_call_iargs giving the counts. typemask has
 *   3 bits per position (0 = return value, 1.. = inputs): 0 void,
 *   1 i32, 2 i64 (unsigned), 3 i32 signed.
 */
typedef struct TCGOp {
    TCGOpcode opc;
    uint8_t nb_call_oargs, nb_call_iargs;
    /*
     * Liveness result: bit n set in dead_args means args[n] dies here;
     * bit n set in sync_args means output n must be written back to
     * memory (globals) after the op.
     */
    uint16_t dead_args;
    uint16_t sync_args;
    /*
     * Bit n: args[n] is a global whose value a later guest access
     * (qemu_ld/st) that may fault would still expose; with its dead bit
     * set, a backend keeping globals in registers must keep the register
     * copy if memory is stale (see tcg/liveness.c). In the padding
     * before args: TCGOp keeps its size.
     */
    uint16_t fault_args;
    TCGArg args[TCG_MAX_OP_ARGS];
} TCGOp;

/* Helper call flags. */
enum {
    TCG_CALL_NO_READ_GLOBALS = 1,   /* helper does not read globals in env */
    TCG_CALL_NO_WRITE_GLOBALS = 2,  /* helper does not write globals */
    TCG_CALL_NO_SIDE_EFFECTS = 4,   /* removable when the result is unused */
    TCG_CALL_NO_RWG = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    TCG_CALL_NO_WG = TCG_CALL_NO_WRITE_GLOBALS,
    TCG_CALL_NO_RWG_SE = TCG_CALL_NO_RWG | TCG_CALL_NO_SIDE_EFFECTS,
    TCG_CALL_NO_WG_SE = TCG_CALL_NO_WG | TCG_CALL_NO_SIDE_EFFECTS,
};

enum {
    TCG_CALL_TYPE_VOID = 0,
    TCG_CALL_TYPE_I32 = 1,
    TCG_CALL_TYPE_I64 = 2,
    TCG_CALL_TYPE_S32 = 3,
};
#define TCG_CALL_TYPEMASK(ret, pos, t) ((ret) | ((uint32_t)(t) << (3 * (pos))))

struct TranslationBlock;
struct TCGBackend;

/* Per-thread translation state. */
typedef struct TCGContext {
    int nb_globals;        /* temps[0..nb_globals) are globals and env */
    int nb_temps;
    TCGTemp temps[TCG_MAX_TEMPS];

    TCGOp *ops;            /* g_realloc'd */
    int nb_ops, ops_cap;

    TCGLabel labels[TCG_MAX_LABELS];
    int nb_labels;

    /*
     * Interned constants of this TB: open addressing on the value. A slot
     * holds the generation in its high 16 bits and temp index + 1 in the
     * low 16, and is valid only when that generation is const_gen's low
     * 16 bits (tcg_func_start forgets them all by bumping const_gen; one
     * word per slot, so a lookup touches one cache line).
     */
    uint32_t const_slot[TCG_TYPE_COUNT][2 * TCG_MAX_TEMPS];
    uint32_t const_gen;

    /* The TB being translated and the insn boundaries the backend saw. */
    struct TranslationBlock *tb;
    int nb_insns;                               /* insn_start count */
    uint64_t insn_data[TCG_MAX_INSNS][TCG_INSN_START_WORDS];
    uint32_t insn_end_off[TCG_MAX_INSNS];       /* host offset after insn */

    /* Spill frame, relative to the backend's frame register. */
    intptr_t frame_start, frame_end, frame_next;

    const struct TCGBackend *backend;

    /* Logging: set by the caller when -d op/op_opt are active. */
    FILE *logfile;

    /*
     * Freed EBB/TB temps available for reuse, one bitmap per kind (0 EBB,
     * 1 TB) and type; private to tcg/tcg.c.
     */
    uint64_t free_temps[2][TCG_TYPE_COUNT][TCG_MAX_TEMPS / 64];

    /*
     * Backend words describing the registers to write back when a guest
     * access faults (see TCGBackend.restore_fault_regs); gen_code appends,
     * tb_gen_code resets nb_fault_data and copies them into the TB.
     */
    uint32_t *fault_data;
    uint32_t nb_fault_data, fault_data_cap;

    /* Per-context scratch of the optimizer and liveness (one bool per op). */
    bool *opt_removed, *la_keep;
    int opt_removed_cap, la_keep_cap;

    /* A backend's own per-thread state (tcg_backend_priv). */
    void *backend_priv;
    const struct TCGBackend *backend_priv_owner;
} TCGContext;

extern __thread TCGContext *tcg_ctx;

/* TCGTemp of the env pointer (TEMP_FIXED, index 0). */
#define TCG_ENV_TEMP_INDEX 0

/*
 * Interface of a host code generator. gen_code() receives ops that went
 * through the optimizer and liveness; it writes code for them at buf and
 * returns its size, or -1 if buf_size is too small (the caller flushes
 * and retries). It fills s->insn_end_off[] and tb->jmp_reset_offset[],
 * tb->jmp_insn_offset[] for goto_tb slots.
 */
typedef struct TCGBackend {
    const char *name;
    void (*init)(void);
    int (*gen_code)(TCGContext *s, struct TranslationBlock *tb,
                    uint8_t *buf, size_t buf_size);
    /* Run generated code at tc_ptr with env; returns exit_tb's value. */
    uintptr_t (*enter)(void *env, const void *tc_ptr);
    /* Point goto_tb slot n of tb at host address addr, atomically. */
    void (*set_jmp_target)(struct TranslationBlock *tb, int n, uintptr_t addr);
    /* True when the code is host machine code (needs an RX mapping). */
    bool host_code;
    /*
     * Optional: a host fault hit the guest access at code offset off of
     * tb; write the globals that were only in host registers there from
     * the signal's ucontext_t into env. Called by cpu_restore_state().
     */
    void (*restore_fault_regs)(const struct TranslationBlock *tb,
                               uintptr_t off, const void *ucontext,
                               void *env);
    /* Optional: free TCGContext.backend_priv when its thread ends. */
    void (*free_priv)(void *priv);
    /* It implements INDEX_op_goto_lookup (else the IR probe is used). */
    bool has_goto_lookup;
} TCGBackend;

extern const TCGBackend tcg_backend_x86_64;
extern const TCGBackend tcg_backend_tci;

/*
 * Where goto_ptr may jump to make enter() return 0 ("look the next TB up
 * in the main loop"). Set by the active backend's init(); NULL for TCI.
 */
extern const void *tcg_code_gen_epilogue;

/*
 * User-mode guest memory: guest address a lives at host guest_base + a
 * for a < (1 << guest_addr_bits). Generated code must send any other
 * address (and misaligned MO_ALIGN accesses) to tcg_user_access_fault().
 */
extern uintptr_t guest_base;
extern unsigned guest_addr_bits;

/* Raises the guest's fault for a bad qemu_ld/st; never returns. */
void tcg_user_access_fault(void *env, uint64_t addr, MemOpIdx oi,
                           bool is_store, uintptr_t retaddr)
    __attribute__((noreturn));

/* Context and temps (tcg/tcg.c). */
void tcg_prototype_init(void);        /* once, before target globals */
TCGContext *tcg_context_new(void);    /* per thread: copies the globals */
void tcg_context_free(TCGContext *s); /* also run when its thread exits */
/* Backend b's state in s, made by alloc() on first use (or when another
 * backend's state is there: that one is freed). */
void *tcg_backend_priv(TCGContext *s, const TCGBackend *b,
                       void *(*alloc)(void));
void tcg_func_start(TCGContext *s);   /* start a new TB's IR */

TCGTemp *tcg_global_mem_new_internal(TCGType type, intptr_t offset,
                                     const char *name);
TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind);
TCGTemp *tcg_constant_internal(TCGType type, int64_t val);
/* The interned constant for val if this TB has one, else NULL. */
TCGTemp *tcg_constant_lookup(TCGType type, int64_t val);
void tcg_temp_free_internal(TCGTemp *t);

TCGLabel *gen_new_label(void);

/*
 * True when the translator should end the TB after the current insn:
 * ops, temps or labels are close to their fixed limits. Translator loops
 * must check it after every guest insn (running out is a fatal bug).
 */
bool tcg_op_buf_full(void);

/* Append an op; returns it so the caller can fill args. */
TCGOp *tcg_emit_op(TCGOpcode opc);

/* Passes (tcg/optimize.c, tcg/liveness.c). */
void tcg_optimize(TCGContext *s);
void tcg_liveness_analysis(TCGContext *s);

/* Print the IR (-d op, -d op_opt), one op per line (tcg/dump.c). */
void tcg_dump_ops(TCGContext *s, FILE *f, bool with_liveness);

/*
 * Move an op when a pass compacts s->ops. GCC turns a 96-byte struct
 * copy into rep movsq, whose start-up cost dominated the compaction
 * loops; 32-byte pieces become plain vector moves.
 */
static inline void tcg_op_copy(TCGOp *dst, const TCGOp *src)
{
    _Static_assert(sizeof(TCGOp) % 32 == 0, "TCGOp is copied in 32 bytes");
    for (size_t i = 0; i < sizeof(TCGOp); i += 32) {
        memcpy((char *)dst + i, (const char *)src + i, 32);
    }
}

static inline TCGTemp *arg_temp(TCGArg a)
{
    return (TCGTemp *)(uintptr_t)a;
}

static inline TCGArg temp_arg(TCGTemp *t)
{
    return (TCGArg)(uintptr_t)t;
}

static inline TCGLabel *arg_label(TCGArg a)
{
    return (TCGLabel *)(uintptr_t)a;
}

static inline TCGArg label_arg(TCGLabel *l)
{
    return (TCGArg)(uintptr_t)l;
}

/* Sign-extend a constant to the temp's type width, as stored in val. */
static inline int64_t tcg_const_normalize(TCGType type, int64_t v)
{
    return type == TCG_TYPE_I32 ? (int64_t)(int32_t)v : v;
}

#endif
