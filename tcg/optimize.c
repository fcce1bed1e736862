/* SPDX-License-Identifier: MIT */
/*
 * IR optimizer: one forward pass over the ops of a TB.
 *
 * For each op, in this order:
 *   1. copy propagation: every input is replaced by the best known copy
 *      of its value (a constant, else a global, else a TB temp, else the
 *      input itself);
 *   2. the op's fold_<op>() tries, in order: constant folding (all inputs
 *      constant -> mov of a constant), then algebraic identities
 *      (x+0, x*1, x&x, x^x, shifts by 0 ...) which turn the op into a mov
 *      of a constant or of an input, and branch/condition folding;
 *      then known bits: an extension, or an and with a mask, whose input
 *      is already in range becomes a mov of its input; then a shr/sar
 *      right after a shl by the same count becomes an extension;
 *   3. whatever was not folded defines its outputs as new values, about
 *      which known bits are recorded for i64 results (bits that may be
 *      set, and how many low bits the value is a sign-extension of).
 * A mov makes its output a copy of its input (same equivalence class).
 *
 * What is known about temps is valid within an extended basic block:
 * everything is forgotten at a referenced label, and globals are
 * forgotten after a call that may write them (no TCG_CALL_NO_WRITE_
 * GLOBALS). Redefining a temp removes it from its class, so no copy is
 * propagated across a redefinition of its source.
 *
 * Control flow: brcond/setcond/movcond with decidable conditions become
 * br / constants / movs; a branch to the label right after it is removed;
 * ops after br, exit_tb or goto_ptr are removed up to the next referenced
 * label (insn_start markers are kept: the insn count must not change);
 * labels no branch refers to are removed.
 */
#include <string.h>

#include <glib.h>

#include "tcg/optimize-fold.h"
#include "vemu/tcg.h"

/* What the pass knows about one temp (indexed by TCGTemp.index). */
typedef struct TempInfo {
    bool is_const;
    int8_t rank;            /* kind_rank() of the temp's kind */
    int64_t val;            /* normalized like TCGTemp.val */
    /* Known bits, for i64 values only (i32: always "unknown"). */
    uint64_t z_mask;        /* bits that may be 1 */
    int sext;               /* value == sign-extension of its low sext bits */
    int prev_copy, next_copy; /* circular list of equal temps */
    uint64_t gen;           /* valid when equal to OptContext.gen */
} TempInfo;

typedef struct OptContext {
    TCGContext *s;
    TempInfo *info;
    int *label_refs;        /* branches still referring to each label */
    bool *removed;
    int idx;                /* index of the op being optimized */
    /*
     * Forgetting everything (at labels) bumps gen instead of touching
     * every temp: a TempInfo of an older gen reads as freshly reset.
     * Copy lists only ever link temps of the current gen.
     */
    uint64_t gen;
    int prev_idx;           /* last kept op of this EBB (not insn_start) */
} OptContext;

/* Temp info and copy classes */

static void temp_init(OptContext *ctx, TCGTemp *t);

/* Longer-lived kinds make better replacements. */
static int kind_rank(TCGTempKind k)
{
    switch (k) {
    case TEMP_CONST:
        return 4;
    case TEMP_GLOBAL:
    case TEMP_FIXED:
        return 3;
    case TEMP_TB:
        return 2;
    default:
        return 1;
    }
}

static inline TempInfo *ti(OptContext *ctx, TCGTemp *t)
{
    TempInfo *i = &ctx->info[t->index];

    if (i->gen != ctx->gen) {
        temp_init(ctx, t);
    }
    return i;
}

/* Fewest low bits whose sign-extension gives v. */
static int sext_bits_of(uint64_t v)
{
    int64_t x = (int64_t)v;

    if (x < 0) {
        x = ~x;
    }
    return x ? 65 - __builtin_clzll((uint64_t)x) : 1;
}

static void temp_init(OptContext *ctx, TCGTemp *t)
{
    TempInfo *i = &ctx->info[t->index];

    i->gen = ctx->gen;
    i->rank = kind_rank(t->kind);
    i->prev_copy = i->next_copy = t->index;
    i->is_const = t->kind == TEMP_CONST;
    i->val = t->val;
    if (i->is_const && t->type == TCG_TYPE_I64) {
        i->z_mask = (uint64_t)t->val;
        i->sext = sext_bits_of((uint64_t)t->val);
    } else {
        i->z_mask = ~0ull;
        i->sext = 64;
    }
}

/* The temp gets a new, unknown value: leave its copy class. */
static void temp_reset(OptContext *ctx, TCGTemp *t)
{
    TempInfo *i = ti(ctx, t);

    if (t->kind == TEMP_CONST) {
        return;
    }
    ctx->info[i->prev_copy].next_copy = i->next_copy;
    ctx->info[i->next_copy].prev_copy = i->prev_copy;
    i->prev_copy = i->next_copy = t->index;
    i->is_const = false;
    i->z_mask = ~0ull;
    i->sext = 64;
}

static void reset_all(OptContext *ctx)
{
    static __thread uint64_t opt_gen;

    ctx->gen = ++opt_gen;
}

static void reset_globals(OptContext *ctx)
{
    for (int i = 0; i < ctx->s->nb_globals; i++) {
        TCGTemp *t = &ctx->s->temps[i];

        if (t->kind == TEMP_GLOBAL) {
            temp_reset(ctx, t);
        }
    }
}

static bool temps_are_copies(OptContext *ctx, TCGTemp *a, TCGTemp *b)
{
    if (a == b) {
        return true;
    }
    for (int i = ti(ctx, a)->next_copy; i != a->index;
         i = ctx->info[i].next_copy) {
        if (i == b->index) {
            return true;
        }
    }
    return false;
}

/* The copy list stays within info[] (ranks cached): no TCGTemp is read. */
static TCGTemp *best_copy(OptContext *ctx, TCGTemp *t)
{
    TempInfo *info = ctx->info;
    int best = t->index;
    int rank = ti(ctx, t)->rank;

    for (int i = info[best].next_copy; i != t->index && rank < 4;
         i = info[i].next_copy) {
        if (info[i].rank > rank) {
            best = i;
            rank = info[i].rank;
        }
    }
    return &ctx->s->temps[best];
}

static inline bool arg_is_const(OptContext *ctx, TCGArg a)
{
    return ti(ctx, arg_temp(a))->is_const;
}

static inline int64_t arg_val(OptContext *ctx, TCGArg a)
{
    return ti(ctx, arg_temp(a))->val;
}

static inline bool arg_is_const_val(OptContext *ctx, TCGArg a, int64_t v)
{
    return arg_is_const(ctx, a) && arg_val(ctx, a) == v;
}

/* Small rewriting helpers */

static inline bool op_is_64(const TCGOp *op)
{
    return (tcg_op_defs[op->opc].flags & TCG_OPF_64BIT) != 0;
}

static inline TCGType out_type(const TCGOp *op)
{
    return arg_temp(op->args[0])->type;
}

static void remove_op(OptContext *ctx)
{
    ctx->removed[ctx->idx] = true;
}

/* Turn the op into "mov dst, src" and record dst as a copy of src. */
static void opt_gen_mov(OptContext *ctx, TCGOp *op, TCGTemp *dst,
                        TCGTemp *src)
{
    TempInfo *di, *si;

    if (temps_are_copies(ctx, dst, src)) {
        remove_op(ctx);
        return;
    }
    memset(op->args, 0, sizeof(op->args));
    op->opc = dst->type == TCG_TYPE_I32 ? INDEX_op_mov_i32 : INDEX_op_mov_i64;
    op->args[0] = temp_arg(dst);
    op->args[1] = temp_arg(src);
    temp_reset(ctx, dst);
    di = ti(ctx, dst);
    si = ti(ctx, src);
    di->is_const = si->is_const;
    di->val = si->val;
    di->z_mask = si->z_mask;
    di->sext = si->sext;
    /* Insert dst after src in src's class. */
    di->next_copy = si->next_copy;
    di->prev_copy = src->index;
    ctx->info[si->next_copy].prev_copy = dst->index;
    si->next_copy = dst->index;
}

/*
 * The interned constant for val, or NULL when creating it would exhaust
 * the temps (the translator only keeps a margin): then do not fold.
 */
static TCGTemp *opt_constant(OptContext *ctx, TCGType type, int64_t val)
{
    TCGContext *s = ctx->s;
    int64_t key = tcg_const_normalize(type, val);

    if (s->nb_temps >= TCG_MAX_TEMPS - 4 &&
        !tcg_constant_lookup(type, key)) {
        return NULL;
    }
    return tcg_constant_internal(type, val);
}

static bool opt_gen_movi(OptContext *ctx, TCGOp *op, TCGTemp *dst,
                         int64_t val)
{
    TCGTemp *c = opt_constant(ctx, dst->type, val);

    if (!c) {
        return false;
    }
    opt_gen_mov(ctx, op, dst, c);
    return true;
}

/* Fold to a mov of input n. */
static bool fold_to_arg(OptContext *ctx, TCGOp *op, int n)
{
    opt_gen_mov(ctx, op, arg_temp(op->args[0]), arg_temp(op->args[n]));
    return true;
}

static bool fold_to_const(OptContext *ctx, TCGOp *op, int64_t v)
{
    return opt_gen_movi(ctx, op, arg_temp(op->args[0]), v);
}

/* Constant folding of ops with one or two inputs. */
static bool fold_const1(OptContext *ctx, TCGOp *op)
{
    int64_t r;

    if (arg_is_const(ctx, op->args[1]) &&
        tcg_opt_eval(op->opc, arg_val(ctx, op->args[1]), 0, &r)) {
        return fold_to_const(ctx, op, r);
    }
    return false;
}

static bool fold_const2(OptContext *ctx, TCGOp *op)
{
    int64_t r;

    if (arg_is_const(ctx, op->args[1]) && arg_is_const(ctx, op->args[2]) &&
        tcg_opt_eval(op->opc, arg_val(ctx, op->args[1]),
                     arg_val(ctx, op->args[2]), &r)) {
        return fold_to_const(ctx, op, r);
    }
    return false;
}

/* Put a constant first input second, where the op allows it. */
static void swap_commutative(OptContext *ctx, TCGOp *op)
{
    if (arg_is_const(ctx, op->args[1]) && !arg_is_const(ctx, op->args[2])) {
        TCGArg t = op->args[1];

        op->args[1] = op->args[2];
        op->args[2] = t;
    }
}

static inline int64_t all_ones(const TCGOp *op)
{
    return -1;   /* normalized i32 -1 is also -1 */
}

/* x op i == x */
static bool fold_xi_to_x(OptContext *ctx, TCGOp *op, int64_t i)
{
    return arg_is_const_val(ctx, op->args[2], i) && fold_to_arg(ctx, op, 1);
}

/* x op i == i (or another constant) */
static bool fold_xi_to_i(OptContext *ctx, TCGOp *op, int64_t i, int64_t r)
{
    return arg_is_const_val(ctx, op->args[2], i) && fold_to_const(ctx, op, r);
}

/* i op x == i (or another constant) */
static bool fold_ix_to_i(OptContext *ctx, TCGOp *op, int64_t i, int64_t r)
{
    return arg_is_const_val(ctx, op->args[1], i) && fold_to_const(ctx, op, r);
}

static inline bool args_same(TCGOp *op, int a, int b)
{
    return op->args[a] == op->args[b];
}

/* x op x == x */
static bool fold_xx_to_x(OptContext *ctx, TCGOp *op)
{
    return args_same(op, 1, 2) && fold_to_arg(ctx, op, 1);
}

/* x op x == constant */
static bool fold_xx_to_i(OptContext *ctx, TCGOp *op, int64_t r)
{
    return args_same(op, 1, 2) && fold_to_const(ctx, op, r);
}

/* Shift count constant and zero modulo the width: a plain copy. */
static bool fold_shift_by_zero(OptContext *ctx, TCGOp *op)
{
    int64_t mask = op_is_64(op) ? 63 : 31;

    return arg_is_const(ctx, op->args[2]) &&
           (arg_val(ctx, op->args[2]) & mask) == 0 &&
           fold_to_arg(ctx, op, 1);
}

/* Known bits of an i64 input (unknown for i32 temps). */
static inline uint64_t arg_z(OptContext *ctx, TCGArg a)
{
    return arg_temp(a)->type == TCG_TYPE_I64 ? ti(ctx, arg_temp(a))->z_mask
                                             : ~0ull;
}

static inline int arg_sext(OptContext *ctx, TCGArg a)
{
    return arg_temp(a)->type == TCG_TYPE_I64 ? ti(ctx, arg_temp(a))->sext
                                             : 64;
}

/* The input of an i64 zero-extension from n bits already fits. */
static bool fold_zext_redundant(OptContext *ctx, TCGOp *op, int n)
{
    return op_is_64(op) && (arg_z(ctx, op->args[1]) >> n) == 0 &&
           fold_to_arg(ctx, op, 1);
}

/* The input of an i64 sign-extension from n bits already is one. */
static bool fold_sext_redundant(OptContext *ctx, TCGOp *op, int n)
{
    return op_is_64(op) && arg_sext(ctx, op->args[1]) <= n &&
           fold_to_arg(ctx, op, 1);
}

/* and with a constant: no-op if x has no bits outside it, 0 if none in. */
static bool fold_and_known_bits(OptContext *ctx, TCGOp *op)
{
    uint64_t z, c;

    if (!op_is_64(op) || !arg_is_const(ctx, op->args[2])) {
        return false;
    }
    z = arg_z(ctx, op->args[1]);
    c = (uint64_t)arg_val(ctx, op->args[2]);
    if ((z & ~c) == 0) {
        return fold_to_arg(ctx, op, 1);
    }
    if ((z & c) == 0) {
        return fold_to_const(ctx, op, 0);
    }
    return false;
}

/* fold_<op> functions: true when the op was rewritten or removed. */

static bool fold_add(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op);
    return fold_const2(ctx, op) || fold_xi_to_x(ctx, op, 0);
}

static bool fold_sub(OptContext *ctx, TCGOp *op)
{
    return fold_const2(ctx, op) || fold_xi_to_x(ctx, op, 0) ||
           fold_xx_to_i(ctx, op, 0);
}

static bool fold_mul(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op);
    return fold_const2(ctx, op) || fold_xi_to_i(ctx, op, 0, 0) ||
           fold_xi_to_x(ctx, op, 1);
}

static bool fold_mulh(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op);
    return fold_const2(ctx, op) || fold_xi_to_i(ctx, op, 0, 0);
}

static bool fold_div(OptContext *ctx, TCGOp *op)
{
    return fold_const2(ctx, op) || fold_xi_to_x(ctx, op, 1);
}

static bool fold_rem(OptContext *ctx, TCGOp *op)
{
    return fold_const2(ctx, op) || fold_xi_to_i(ctx, op, 1, 0);
}

static bool fold_and(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op);
    return fold_const2(ctx, op) || fold_xi_to_i(ctx, op, 0, 0) ||
           fold_xi_to_x(ctx, op, all_ones(op)) || fold_xx_to_x(ctx, op) ||
           fold_and_known_bits(ctx, op);
}

static bool fold_or(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op);
    return fold_const2(ctx, op) || fold_xi_to_x(ctx, op, 0) ||
           fold_xi_to_i(ctx, op, all_ones(op), all_ones(op)) ||
           fold_xx_to_x(ctx, op);
}

static bool fold_xor(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op);
    return fold_const2(ctx, op) || fold_xi_to_x(ctx, op, 0) ||
           fold_xx_to_i(ctx, op, 0);
}

static bool fold_andc(OptContext *ctx, TCGOp *op)
{
    return fold_const2(ctx, op) || fold_xi_to_x(ctx, op, 0) ||
           fold_ix_to_i(ctx, op, 0, 0) || fold_xx_to_i(ctx, op, 0);
}

static bool fold_orc(OptContext *ctx, TCGOp *op)
{
    return fold_const2(ctx, op) || fold_xi_to_x(ctx, op, all_ones(op)) ||
           fold_xi_to_i(ctx, op, 0, all_ones(op)) ||
           fold_xx_to_i(ctx, op, all_ones(op));
}

typedef bool (*FoldFn)(OptContext *ctx, TCGOp *op);
static const FoldFn fold_table[NB_OPS];
static bool fold_and(OptContext *ctx, TCGOp *op);

/*
 * "shl x, y, c" right before "shr/sar r, x, c" is a zero/sign extension
 * of y from 64 - c bits (the RISC-V idioms for zext.w, sext.b, zext.h...
 * without Zba/Zbb). Rewrites the shr/sar into an extension (or an and) of
 * y; when the shl was in place (y == x, r == x) the shl is removed too.
 */
static bool fold_shift_pair(OptContext *ctx, TCGOp *op)
{
    static const TCGOpcode zext[64] = {
        [32] = INDEX_op_ext32u_i64, [48] = INDEX_op_ext16u_i64,
        [56] = INDEX_op_ext8u_i64,
    };
    static const TCGOpcode sext[64] = {
        [32] = INDEX_op_ext32s_i64, [48] = INDEX_op_ext16s_i64,
        [56] = INDEX_op_ext8s_i64,
    };
    TCGOp *p;
    TCGTemp *x, *y, *r, *mask = NULL;
    TCGOpcode ext;
    int c;

    if ((op->opc != INDEX_op_shr_i64 && op->opc != INDEX_op_sar_i64) ||
        ctx->prev_idx < 0 || !arg_is_const(ctx, op->args[2])) {
        return false;
    }
    p = &ctx->s->ops[ctx->prev_idx];
    c = arg_val(ctx, op->args[2]) & 63;
    if (p->opc != INDEX_op_shl_i64 || p->args[0] != op->args[1] || c == 0 ||
        arg_temp(p->args[2])->kind != TEMP_CONST ||
        (arg_temp(p->args[2])->val & 63) != c) {
        return false;
    }
    x = arg_temp(op->args[1]);
    y = arg_temp(p->args[1]);
    r = arg_temp(op->args[0]);
    if (y == x && r != x) {
        return false;          /* y's old value is gone */
    }
    ext = op->opc == INDEX_op_shr_i64 ? zext[c] : sext[c];
    if (!ext) {
        if (op->opc == INDEX_op_sar_i64) {
            return false;
        }
        mask = opt_constant(ctx, TCG_TYPE_I64, (int64_t)(~0ull >> c));
        if (!mask) {
            return false;
        }
    }
    if (y == x) {
        /* x keeps its value from before the removed shl: unknown bits. */
        ctx->removed[ctx->prev_idx] = true;
        ti(ctx, x)->z_mask = ~0ull;
        ti(ctx, x)->sext = 64;
    }
    op->args[1] = temp_arg(y);
    if (mask) {
        op->opc = INDEX_op_and_i64;
        op->args[2] = temp_arg(mask);
        return fold_and(ctx, op);
    }
    op->opc = ext;
    op->args[2] = 0;
    return fold_table[ext](ctx, op);
}

static bool fold_shift(OptContext *ctx, TCGOp *op)
{
    return fold_const2(ctx, op) || fold_shift_by_zero(ctx, op) ||
           fold_ix_to_i(ctx, op, 0, 0) || fold_shift_pair(ctx, op);
}

static bool fold_rotate(OptContext *ctx, TCGOp *op)
{
    return fold_const2(ctx, op) || fold_shift_by_zero(ctx, op) ||
           fold_ix_to_i(ctx, op, 0, 0) || fold_ix_to_i(ctx, op, -1, -1);
}

static bool fold_unary(OptContext *ctx, TCGOp *op)
{
    return fold_const1(ctx, op);
}

static bool fold_ext8s(OptContext *ctx, TCGOp *op)
{
    return fold_const1(ctx, op) || fold_sext_redundant(ctx, op, 8);
}

static bool fold_ext16s(OptContext *ctx, TCGOp *op)
{
    return fold_const1(ctx, op) || fold_sext_redundant(ctx, op, 16);
}

static bool fold_ext32s(OptContext *ctx, TCGOp *op)
{
    return fold_const1(ctx, op) || fold_sext_redundant(ctx, op, 32);
}

static bool fold_ext8u(OptContext *ctx, TCGOp *op)
{
    return fold_const1(ctx, op) || fold_zext_redundant(ctx, op, 8);
}

static bool fold_ext16u(OptContext *ctx, TCGOp *op)
{
    return fold_const1(ctx, op) || fold_zext_redundant(ctx, op, 16);
}

static bool fold_ext32u(OptContext *ctx, TCGOp *op)
{
    return fold_const1(ctx, op) || fold_zext_redundant(ctx, op, 32);
}

/* clz/ctz: a constant zero input yields the default (input 2). */
static bool fold_count_zeros(OptContext *ctx, TCGOp *op)
{
    if (arg_is_const_val(ctx, op->args[1], 0)) {
        return fold_to_arg(ctx, op, 2);
    }
    if (arg_is_const(ctx, op->args[1])) {
        int64_t r;

        tcg_opt_eval(op->opc, arg_val(ctx, op->args[1]), 0, &r);
        return fold_to_const(ctx, op, r);
    }
    return false;
}

static bool fold_mov(OptContext *ctx, TCGOp *op)
{
    return fold_to_arg(ctx, op, 1);
}

/*
 * Decide "a cond b" without running it: 1 true, 0 false, -1 unknown.
 * i32 constants are compared by their low 32 bits.
 */
static int decide_cond(OptContext *ctx, bool is64, TCGCond c, TCGArg a,
                       TCGArg b)
{
    if (arg_is_const(ctx, a) && arg_is_const(ctx, b)) {
        uint64_t x = arg_val(ctx, a), y = arg_val(ctx, b);

        return is64 ? tcg_cond_eval_i64(c, x, y)
                    : tcg_cond_eval_i32(c, (uint32_t)x, (uint32_t)y);
    }
    if (a == b) {
        switch (c) {
        case TCG_COND_EQ: case TCG_COND_GE: case TCG_COND_LE:
        case TCG_COND_GEU: case TCG_COND_LEU: case TCG_COND_ALWAYS:
            return 1;
        default:
            return 0;
        }
    }
    if (arg_is_const_val(ctx, b, 0)) {
        if (c == TCG_COND_LTU) {
            return 0;
        }
        if (c == TCG_COND_GEU) {
            return 1;
        }
    }
    return -1;
}

/* Constant first: swap the operands and the condition. */
static void swap_cond_args(OptContext *ctx, TCGOp *op, int a, int ci)
{
    if (arg_is_const(ctx, op->args[a]) && !arg_is_const(ctx, op->args[a + 1])) {
        TCGArg t = op->args[a];

        op->args[a] = op->args[a + 1];
        op->args[a + 1] = t;
        op->args[ci] = tcg_swap_cond((TCGCond)op->args[ci]);
    }
}

static bool fold_setcond(OptContext *ctx, TCGOp *op)
{
    int r;

    swap_cond_args(ctx, op, 1, 3);
    r = decide_cond(ctx, op_is_64(op), (TCGCond)op->args[3], op->args[1],
                    op->args[2]);
    return r >= 0 && fold_to_const(ctx, op, r);
}

static bool fold_movcond(OptContext *ctx, TCGOp *op)
{
    int r;

    if (args_same(op, 3, 4)) {
        return fold_to_arg(ctx, op, 3);
    }
    r = decide_cond(ctx, op_is_64(op), (TCGCond)op->args[5], op->args[1],
                    op->args[2]);
    if (r >= 0) {
        return fold_to_arg(ctx, op, r ? 3 : 4);
    }
    return false;
}

/* Is the next op (skipping insn markers) the placement of label l? */
static bool label_is_next(OptContext *ctx, TCGLabel *l)
{
    TCGContext *s = ctx->s;

    for (int i = ctx->idx + 1; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];

        if (op->opc == INDEX_op_insn_start) {
            continue;
        }
        return op->opc == INDEX_op_set_label && arg_label(op->args[0]) == l;
    }
    return false;
}

static void drop_branch(OptContext *ctx, TCGLabel *l)
{
    ctx->label_refs[l->id]--;
    remove_op(ctx);
}

static bool fold_brcond(OptContext *ctx, TCGOp *op)
{
    TCGLabel *l = arg_label(op->args[3]);
    int r;

    swap_cond_args(ctx, op, 0, 2);
    r = decide_cond(ctx, op_is_64(op), (TCGCond)op->args[2], op->args[0],
                    op->args[1]);
    if (r == 0 || label_is_next(ctx, l)) {
        drop_branch(ctx, l);
        return true;
    }
    if (r == 1) {
        memset(op->args, 0, sizeof(op->args));
        op->opc = INDEX_op_br;
        op->args[0] = label_arg(l);
        return true;
    }
    return false;
}

static bool fold_br(OptContext *ctx, TCGOp *op)
{
    TCGLabel *l = arg_label(op->args[0]);

    if (label_is_next(ctx, l)) {
        drop_branch(ctx, l);
    }
    return true;
}

#define BOTH(name, fn)                                                       \
    [INDEX_op_##name##_i32] = fn, [INDEX_op_##name##_i64] = fn

static const FoldFn fold_table[NB_OPS] = {
    BOTH(mov, fold_mov),
    BOTH(add, fold_add),
    BOTH(sub, fold_sub),
    BOTH(mul, fold_mul),
    BOTH(mulsh, fold_mulh),
    BOTH(muluh, fold_mulh),
    BOTH(div, fold_div),
    BOTH(divu, fold_div),
    BOTH(rem, fold_rem),
    BOTH(remu, fold_rem),
    BOTH(and, fold_and),
    BOTH(or, fold_or),
    BOTH(xor, fold_xor),
    BOTH(andc, fold_andc),
    BOTH(orc, fold_orc),
    BOTH(shl, fold_shift),
    BOTH(shr, fold_shift),
    BOTH(sar, fold_shift),
    BOTH(rotl, fold_rotate),
    BOTH(rotr, fold_rotate),
    BOTH(neg, fold_unary),
    BOTH(not, fold_unary),
    BOTH(ext8s, fold_ext8s),
    BOTH(ext8u, fold_ext8u),
    BOTH(ext16s, fold_ext16s),
    BOTH(ext16u, fold_ext16u),
    BOTH(bswap16, fold_unary),
    BOTH(bswap32, fold_unary),
    BOTH(ctpop, fold_unary),
    BOTH(clz, fold_count_zeros),
    BOTH(ctz, fold_count_zeros),
    BOTH(setcond, fold_setcond),
    BOTH(movcond, fold_movcond),
    BOTH(brcond, fold_brcond),
    [INDEX_op_ext32s_i64] = fold_ext32s,
    [INDEX_op_ext32u_i64] = fold_ext32u,
    [INDEX_op_bswap64_i64] = fold_unary,
    [INDEX_op_ext_i32_i64] = fold_unary,
    [INDEX_op_extu_i32_i64] = fold_unary,
    [INDEX_op_extrl_i64_i32] = fold_unary,
    [INDEX_op_extrh_i64_i32] = fold_unary,
    [INDEX_op_br] = fold_br,
};

/* Known bits of the i64 result of an op that was not folded */

static uint64_t low_mask(int n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

/* A value whose bits above n-1 are 0: z_mask and sext for it. */
static void bits_zext(int n, uint64_t *z, int *sx)
{
    *z = low_mask(n);
    *sx = n >= 64 ? 64 : n + 1;
}

static void bits_sext(int n, uint64_t *z, int *sx)
{
    *z = ~0ull;
    *sx = n;
}

/* Loads from memory: the memop or the opcode gives the extension. */
static bool load_bits(TCGOp *op, uint64_t *z, int *sx)
{
    switch (op->opc) {
    case INDEX_op_qemu_ld_i64: {
        MemOp mo = get_memop((MemOpIdx)op->args[2]);
        int n = 8 << (mo & MO_SIZE);

        if (mo & MO_SIGN) {
            bits_sext(n, z, sx);
        } else {
            bits_zext(n, z, sx);
        }
        return true;
    }
    case INDEX_op_ld8u_i64: bits_zext(8, z, sx); return true;
    case INDEX_op_ld16u_i64: bits_zext(16, z, sx); return true;
    case INDEX_op_ld32u_i64: bits_zext(32, z, sx); return true;
    case INDEX_op_ld8s_i64: bits_sext(8, z, sx); return true;
    case INDEX_op_ld16s_i64: bits_sext(16, z, sx); return true;
    case INDEX_op_ld32s_i64: bits_sext(32, z, sx); return true;
    default:
        return false;
    }
}

/* Sign-extension from n bits of a value with known bits z. */
static void bits_of_sext_op(int n, uint64_t za, int sa, uint64_t *z, int *sx)
{
    uint64_t m = low_mask(n);

    *z = (za & (1ull << (n - 1))) ? (za | ~m) : (za & m);
    *sx = MIN(n, sa);
}

static bool op_output_bits(OptContext *ctx, TCGOp *op, uint64_t *z, int *sx)
{
    uint64_t za, zb;
    int sa, sb, c;

    if (load_bits(op, z, sx)) {
        return true;
    }
    if (!op_is_64(op) || tcg_op_defs[op->opc].nb_oargs != 1 ||
        arg_temp(op->args[0])->type != TCG_TYPE_I64) {
        return false;
    }
    za = arg_z(ctx, op->args[1]);
    sa = arg_sext(ctx, op->args[1]);
    switch (op->opc) {
    case INDEX_op_ext8u_i64: bits_zext(8, z, sx); *z &= za; return true;
    case INDEX_op_ext16u_i64: bits_zext(16, z, sx); *z &= za; return true;
    case INDEX_op_ext32u_i64: bits_zext(32, z, sx); *z &= za; return true;
    case INDEX_op_extu_i32_i64: bits_zext(32, z, sx); return true;
    case INDEX_op_ext_i32_i64: bits_sext(32, z, sx); return true;
    case INDEX_op_ext8s_i64: bits_of_sext_op(8, za, sa, z, sx); return true;
    case INDEX_op_ext16s_i64: bits_of_sext_op(16, za, sa, z, sx); return true;
    case INDEX_op_ext32s_i64: bits_of_sext_op(32, za, sa, z, sx); return true;
    case INDEX_op_setcond_i64: bits_zext(1, z, sx); return true;
    case INDEX_op_ctpop_i64: bits_zext(7, z, sx); return true;
    default:
        break;
    }
    if (tcg_op_defs[op->opc].nb_iargs < 2) {
        return false;
    }
    zb = arg_z(ctx, op->args[2]);
    sb = arg_sext(ctx, op->args[2]);
    switch (op->opc) {
    case INDEX_op_and_i64:
        *z = za & zb;
        *sx = MAX(sa, sb);
        break;
    case INDEX_op_or_i64:
    case INDEX_op_xor_i64:
        *z = za | zb;
        *sx = MAX(sa, sb);
        break;
    case INDEX_op_movcond_i64:
        *z = arg_z(ctx, op->args[3]) | arg_z(ctx, op->args[4]);
        *sx = MAX(arg_sext(ctx, op->args[3]), arg_sext(ctx, op->args[4]));
        break;
    case INDEX_op_shr_i64:
    case INDEX_op_shl_i64:
    case INDEX_op_sar_i64:
        if (!arg_is_const(ctx, op->args[2])) {
            return false;
        }
        c = arg_val(ctx, op->args[2]) & 63;
        if (op->opc == INDEX_op_shr_i64) {
            *z = za >> c;
            *sx = c ? MIN(64, 65 - c) : sa;
        } else if (op->opc == INDEX_op_shl_i64) {
            *z = za << c;
            *sx = MIN(64, sa + c);
        } else {
            *z = (uint64_t)((int64_t)za >> c);
            *sx = MAX(1, sa - c);
        }
        break;
    default:
        return false;
    }
    /* A value with a clear top bit is also a sign-extension of fewer bits. */
    if (!(*z >> 63)) {
        *sx = MIN(*sx, sext_bits_of(*z));
    }
    return true;
}

/* Driver */

static void count_label_refs(OptContext *ctx)
{
    TCGContext *s = ctx->s;

    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];

        if (op->opc == INDEX_op_br) {
            ctx->label_refs[arg_label(op->args[0])->id]++;
        } else if (op->opc == INDEX_op_brcond_i32 ||
                   op->opc == INDEX_op_brcond_i64) {
            ctx->label_refs[arg_label(op->args[3])->id]++;
        }
    }
}

static void propagate_inputs(OptContext *ctx, TCGOp *op, int first, int n)
{
    for (int i = first; i < first + n; i++) {
        TCGTemp *t = arg_temp(op->args[i]);

        op->args[i] = temp_arg(best_copy(ctx, t));
    }
}

/* Ops between an unconditional jump and the next live label. */
static bool skip_dead_op(OptContext *ctx, TCGOp *op)
{
    if (op->opc == INDEX_op_insn_start) {
        return false;
    }
    if (op->opc == INDEX_op_br) {
        ctx->label_refs[arg_label(op->args[0])->id]--;
    } else if (op->opc == INDEX_op_brcond_i32 ||
               op->opc == INDEX_op_brcond_i64) {
        ctx->label_refs[arg_label(op->args[3])->id]--;
    }
    remove_op(ctx);
    return true;
}

static void optimize_one(OptContext *ctx, TCGOp *op, bool *dead_code)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nb_oargs = def->nb_oargs, nb_iargs = def->nb_iargs;

    if (op->opc == INDEX_op_set_label) {
        TCGLabel *l = arg_label(op->args[0]);

        if (ctx->label_refs[l->id] <= 0) {
            /* Only the fall-through reaches it: the EBB goes on. */
            remove_op(ctx);
            return;
        }
        *dead_code = false;
        reset_all(ctx);
        ctx->prev_idx = -1;
        return;
    }
    if (*dead_code) {
        skip_dead_op(ctx, op);
        return;
    }

    switch (op->opc) {
    case INDEX_op_insn_start:
    case INDEX_op_mb:
        return;
    case INDEX_op_discard:
        temp_reset(ctx, arg_temp(op->args[0]));
        return;
    case INDEX_op_call: {
        int no = op->nb_call_oargs, ni = op->nb_call_iargs;
        unsigned flags = (unsigned)op->args[no + ni + 1];

        propagate_inputs(ctx, op, no, ni);
        for (int i = 0; i < no; i++) {
            temp_reset(ctx, arg_temp(op->args[i]));
        }
        if (!(flags & TCG_CALL_NO_WRITE_GLOBALS)) {
            reset_globals(ctx);
        }
        return;
    }
    default:
        break;
    }

    propagate_inputs(ctx, op, nb_oargs, nb_iargs);
    if (fold_table[op->opc] && fold_table[op->opc](ctx, op)) {
        if (!ctx->removed[ctx->idx] && op->opc == INDEX_op_br) {
            *dead_code = true;
        }
        return;
    }
    /* Known bits are computed before the output forgets its old value. */
    if (nb_oargs == 1) {
        uint64_t z;
        int sx;
        bool known = op_output_bits(ctx, op, &z, &sx);

        temp_reset(ctx, arg_temp(op->args[0]));
        if (known) {
            ti(ctx, arg_temp(op->args[0]))->z_mask = z;
            ti(ctx, arg_temp(op->args[0]))->sext = sx;
        }
    }
    if (op->opc == INDEX_op_exit_tb || op->opc == INDEX_op_goto_ptr ||
        op->opc == INDEX_op_goto_lookup) {
        *dead_code = true;
    }
}

/*
 * After the pass: "op t, ...; mov g, t" within one insn, where t is an
 * EBB temp written once and read only by that mov, becomes "op g, ...".
 * Frontends compute into a temp and then move it to the guest register;
 * those movs were a third of the ops of a typical kernel TB.
 */
static void fold_result_movs(TCGContext *s, bool *removed)
{
    static __thread uint8_t uses[TCG_MAX_TEMPS], defs[TCG_MAX_TEMPS];
    int prev = -1;

    memset(uses, 0, s->nb_temps);
    memset(defs, 0, s->nb_temps);
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        int no, ni;

        if (removed[i]) {
            continue;
        }
        if (op->opc == INDEX_op_call) {
            no = op->nb_call_oargs;
            ni = op->nb_call_iargs;
        } else if (op->opc == INDEX_op_discard) {
            no = 0;             /* counts as a use: never folded */
            ni = 1;
        } else {
            no = tcg_op_defs[op->opc].nb_oargs;
            ni = tcg_op_defs[op->opc].nb_iargs;
        }
        for (int a = 0; a < no + ni; a++) {
            uint8_t *n = &(a < no ? defs : uses)[arg_temp(op->args[a])->index];

            *n += *n < 2;
        }
    }
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];

        if (removed[i]) {
            continue;
        }
        if ((op->opc == INDEX_op_mov_i64 || op->opc == INDEX_op_mov_i32) &&
            prev >= 0) {
            TCGTemp *dst = arg_temp(op->args[0]);
            TCGTemp *src = arg_temp(op->args[1]);
            TCGOp *p = &s->ops[prev];

            if (src->kind == TEMP_EBB && uses[src->index] == 1 &&
                defs[src->index] == 1 && dst != src &&
                dst->kind != TEMP_CONST && dst->kind != TEMP_FIXED &&
                p->opc != INDEX_op_call && tcg_op_defs[p->opc].nb_oargs == 1 &&
                arg_temp(p->args[0]) == src) {
                p->args[0] = temp_arg(dst);
                removed[i] = true;
                continue;       /* p stays the previous op */
            }
        }
        /* Only neighbours within one insn and one block are folded. */
        prev = op->opc == INDEX_op_insn_start ||
               op->opc == INDEX_op_set_label ? -1 : i;
    }
}

void tcg_optimize(TCGContext *s)
{
    TCGContext *saved = tcg_ctx;
    OptContext ctx = { .s = s };
    bool dead_code = false;
    int n = 0;

    if (s->nb_ops == 0) {
        return;
    }
    /* New constants are interned in s. */
    tcg_ctx = s;
    /* Per-thread scratch: no allocation per TB. */
    static __thread TempInfo info[TCG_MAX_TEMPS];
    static __thread int label_refs[TCG_MAX_LABELS];
    bool *removed;

    if (s->nb_ops > s->opt_removed_cap) {
        s->opt_removed_cap = MAX(s->nb_ops, 4096);
        s->opt_removed = g_renew(bool, s->opt_removed, s->opt_removed_cap);
    }
    removed = s->opt_removed;
    memset(removed, 0, s->nb_ops);
    memset(label_refs, 0, sizeof(int) * s->nb_labels);
    ctx.info = info;
    ctx.label_refs = label_refs;
    ctx.removed = removed;
    reset_all(&ctx);
    count_label_refs(&ctx);

    ctx.prev_idx = -1;
    for (ctx.idx = 0; ctx.idx < s->nb_ops; ctx.idx++) {
        TCGOp *op = &s->ops[ctx.idx];

        optimize_one(&ctx, op, &dead_code);
        if (!ctx.removed[ctx.idx] && op->opc != INDEX_op_insn_start &&
            op->opc != INDEX_op_set_label) {
            ctx.prev_idx = ctx.idx;
        }
    }

    fold_result_movs(s, ctx.removed);
    for (int i = 0; i < s->nb_ops; i++) {
        if (!ctx.removed[i]) {
            if (n != i) {
                tcg_op_copy(&s->ops[n], &s->ops[i]);
            }
            n++;
        }
    }
    s->nb_ops = n;
    for (int i = 0; i < s->nb_labels; i++) {
        s->labels[i].referenced = ctx.label_refs[i] > 0;
    }
    tcg_ctx = saved;
}
