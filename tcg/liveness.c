/* SPDX-License-Identifier: MIT */
/* Liveness: backward pass filling dead_args/sync_args, deleting dead ops. */
#include <string.h>

#include <glib.h>

#include "vemu/tcg.h"

/*
 * CONTRACT WITH THE BACKENDS (the register allocator relies on it)
 *
 * After tcg_liveness_analysis(s), for every op left in s->ops:
 *
 * dead_args bit n (n indexes op->args):
 *   - input n: this is the last use of the value on this path; the
 *     register holding it may be reused after the op. Never set for
 *     TEMP_CONST or TEMP_FIXED (env) operands. When a temp appears twice
 *     as an input, only one occurrence carries the bit.
 *   - output n: the value written is not used by any later op; if the
 *     sync bit is clear as well the write could have been skipped
 *     (it is kept only because the op is not removable).
 * sync_args bit n (outputs only, n < number of outputs): after the op the
 *   output must be stored to its memory slot (globals: env + mem_offset;
 *   TB temps: their spill slot). Set when the value must be in memory at
 *   the next sync point before it is redefined.
 *
 * Sync points, i.e. where every global (and TB temp) holds its current
 * value in memory, which the sync bits above guarantee:
 *   - before every op with TCG_OPF_BB_END or TCG_OPF_BB_EXIT (br, brcond,
 *     set_label, exit_tb, goto_tb, goto_ptr);
 *   - before every op with TCG_OPF_SIDE_EFFECTS except the guest memory
 *     ops (host st_* ops);
 *   - before every call without TCG_CALL_NO_READ_GLOBALS.
 * What a backend may assume / must do:
 *   - At set_label nothing is in registers: globals and TB temps are in
 *     memory, EBB temps are dead. br/exit_tb/goto_tb/goto_ptr end the
 *     block the same way (the backend may simply drop its registers).
 *   - At brcond (TCG_OPF_COND_BRANCH) globals and TB temps are in memory;
 *     on the fall-through path register copies of globals and of EBB
 *     temps remain valid (an EBB temp may be live across a brcond; it is
 *     dead at the target label).
 *   - After a call without TCG_CALL_NO_WRITE_GLOBALS, register copies of
 *     globals are stale: reload from memory (liveness marks every global
 *     dead and in memory just before such a call).
 *   - Calls with TCG_CALL_NO_READ_GLOBALS are not sync points; so helpers
 *     that may longjmp (raise a guest exception) must not use that flag.
 *   - Host ld/st ops must not access the env field of a global: the
 *     register copy would be bypassed.
 *
 * fault_args bit n (globals only): args[n] has its dead bit, but a later
 *   guest access before the global is redefined may fault and must see
 *   this value. A backend that keeps globals in registers then keeps the
 *   register copy while memory is stale (it is dropped when the global
 *   is redefined); if memory holds the value it may drop it as usual.
 *   An op whose only needed output has this bit is not removed.
 *
 * Guest memory ops (qemu_ld/st) may fault and leave the TB, but they are
 * not sync points: the current value of every global is at the access
 * in memory, or in a register the fault_args rule kept, and a backend
 * that keeps globals in registers must write the dirty ones to env when
 * the access actually faults (the x86-64 backend records them per
 * access; see tcg/x86_64/README.md). Globals that will be synced where
 * they are defined (TS_MEM) need nothing. The ops themselves are never
 * removed or reordered.
 *
 * Deleted ops: an op with at least one output, all outputs dead and not
 * needed in memory, and without TCG_OPF_SIDE_EFFECTS / BB_END is removed;
 * a call is removed only with TCG_CALL_NO_SIDE_EFFECTS. insn_start, mb,
 * set_label and discard are never removed (discard only kills its temp).
 */

/* TCGTemp.state bits during the pass. */
enum {
    TS_DEAD = 1,   /* the current value is not needed by later ops */
    TS_MEM = 2,    /* the value must be in memory at the next sync point */
    TS_FAULT = 4,  /* dead, but a guest access before its redefinition
                      may fault and must see it (globals only) */
};

static inline bool temp_tracked(const TCGTemp *t)
{
    return t->kind != TEMP_CONST && t->kind != TEMP_FIXED;
}

/*
 * The globals this TB mentions, in the order the backward walk meets
 * them. One not met yet still has the state la_reset_all gave it, "dead,
 * in memory", which every block-boundary or sync rule below leaves as it
 * is: so those loops visit only these (targets have ~70 globals, a TB
 * uses a handful), and the list grows as the walk goes.
 */
static __thread int used_globals[TCG_MAX_TEMPS];
static __thread int nb_used_globals;
static __thread uint64_t global_seen[TCG_MAX_TEMPS / 64];

/*
 * TB temps (few: they live across labels) and the EBB temps made live
 * since the last basic block end: the block-boundary resets visit only
 * these instead of every temp of the TB (hundreds), at every branch.
 */
static __thread int tb_temps[TCG_MAX_TEMPS];
static __thread int nb_tb_temps;
static __thread int live_ebb[TCG_MAX_TEMPS];
static __thread int nb_live_ebb;
static __thread uint32_t live_ebb_mark[TCG_MAX_TEMPS];
static __thread uint32_t live_ebb_gen;

static inline void note_global(const TCGTemp *t)
{
    int idx = t->index;

    if (!(global_seen[idx / 64] & (1ull << (idx % 64)))) {
        global_seen[idx / 64] |= 1ull << (idx % 64);
        used_globals[nb_used_globals++] = idx;
    }
}

#define FOR_USED_GLOBALS(s, t)                                               \
    for (int g_ = 0; g_ < nb_used_globals &&                                 \
                     ((t) = &(s)->temps[used_globals[g_]], true); g_++)

/*
 * Start of the pass: every temp dead and in memory where it has memory;
 * no global met yet, no EBB temp live, and the list of TB temps.
 */
static void la_reset_all(TCGContext *s)
{
    memset(global_seen, 0, sizeof(uint64_t) * ((s->nb_globals + 63) / 64));
    nb_used_globals = 0;
    nb_tb_temps = 0;
    nb_live_ebb = 0;
    if (++live_ebb_gen == 0) {
        memset(live_ebb_mark, 0, sizeof(live_ebb_mark));
        live_ebb_gen = 1;
    }
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = &s->temps[i];

        if (t->kind == TEMP_GLOBAL) {
            t->state = TS_DEAD | TS_MEM;
        } else if (t->kind == TEMP_TB) {
            t->state = TS_DEAD | TS_MEM;
            tb_temps[nb_tb_temps++] = i;
        } else {
            t->state = TS_DEAD;
        }
    }
}

/* End of a basic block: globals and TB temps in memory, EBB temps dead. */
static void la_bb_end(TCGContext *s)
{
    TCGTemp *g;

    FOR_USED_GLOBALS(s, g) {
        g->state = TS_DEAD | TS_MEM;
    }
    for (int i = 0; i < nb_tb_temps; i++) {
        s->temps[tb_temps[i]].state = TS_DEAD | TS_MEM;
    }
    /* Every other temp is dead already unless an input made it live. */
    for (int i = 0; i < nb_live_ebb; i++) {
        s->temps[live_ebb[i]].state = TS_DEAD;
    }
    nb_live_ebb = 0;
    if (++live_ebb_gen == 0) {
        memset(live_ebb_mark, 0, sizeof(live_ebb_mark));
        live_ebb_gen = 1;
    }
}

/* Conditional branch: like la_bb_end, but the fall-through keeps values. */
static void la_bb_sync(TCGContext *s)
{
    TCGTemp *g;

    FOR_USED_GLOBALS(s, g) {
        g->state |= TS_MEM;
    }
    for (int i = 0; i < nb_tb_temps; i++) {
        s->temps[tb_temps[i]].state |= TS_MEM;
    }
}

static void la_global_sync(TCGContext *s)
{
    TCGTemp *g;

    FOR_USED_GLOBALS(s, g) {
        g->state |= TS_MEM;
    }
}

/*
 * A guest access may fault: every global's value must still exist there.
 * One that is dead after it but TS_MEM is synced where it is defined
 * (sync bit) or was never changed, so memory holds it already; one that
 * is merely overwritten later (TS_DEAD alone) gets TS_FAULT.
 */
static void la_guest_access(TCGContext *s)
{
    TCGTemp *t;

    FOR_USED_GLOBALS(s, t) {
        if ((t->state & (TS_DEAD | TS_MEM)) == TS_DEAD) {
            t->state |= TS_FAULT;
        }
    }
}

static bool op_is_guest_access(TCGOpcode opc)
{
    return opc == INDEX_op_qemu_ld_i32 || opc == INDEX_op_qemu_ld_i64 ||
           opc == INDEX_op_qemu_st_i32 || opc == INDEX_op_qemu_st_i64;
}

/* The op may overwrite globals in memory: only memory copies survive. */
static void la_global_kill(TCGContext *s)
{
    TCGTemp *g;

    FOR_USED_GLOBALS(s, g) {
        g->state = TS_DEAD | TS_MEM;
    }
}

/* An op whose outputs are all unused and that has no other effect. */
static bool op_removable(const TCGOp *op, int nb_oargs)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];

    if (nb_oargs == 0) {
        return false;
    }
    if (op->opc == INDEX_op_call) {
        unsigned flags = (unsigned)op->args[op->nb_call_oargs +
                                            op->nb_call_iargs + 1];
        if (!(flags & TCG_CALL_NO_SIDE_EFFECTS)) {
            return false;
        }
    } else if (def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END |
                             TCG_OPF_BB_EXIT)) {
        return false;
    }
    for (int i = 0; i < nb_oargs; i++) {
        if (arg_temp(op->args[i])->state != TS_DEAD) {
            return false;
        }
    }
    return true;
}

/* Sets dead/sync bits of the outputs; returns false if the op is dead. */
static bool la_outputs(TCGOp *op, int nb_oargs)
{
    if (op_removable(op, nb_oargs)) {
        return false;
    }
    for (int i = 0; i < nb_oargs; i++) {
        TCGTemp *t = arg_temp(op->args[i]);

        if (!temp_tracked(t)) {
            continue;
        }
        if (t->kind == TEMP_GLOBAL) {
            note_global(t);
        }
        if (t->state & TS_DEAD) {
            op->dead_args |= 1u << i;
        }
        if (t->state & TS_FAULT) {
            op->fault_args |= 1u << i;
        }
        if (t->state & TS_MEM) {
            op->sync_args |= 1u << i;
        }
        /* Before the op the old value is not needed. */
        t->state = TS_DEAD;
    }
    return true;
}

static void la_inputs(TCGOp *op, int first, int nb_iargs)
{
    for (int i = first; i < first + nb_iargs; i++) {
        TCGTemp *t = arg_temp(op->args[i]);

        if (!temp_tracked(t)) {
            continue;
        }
        if (t->state & TS_DEAD) {
            op->dead_args |= 1u << i;
        }
        if (t->state & TS_FAULT) {
            op->fault_args |= 1u << i;
        }
        t->state &= ~(TS_DEAD | TS_FAULT);
        if (t->kind == TEMP_GLOBAL) {
            note_global(t);
        } else if (t->kind == TEMP_EBB &&
                   live_ebb_mark[t->index] != live_ebb_gen) {
            live_ebb_mark[t->index] = live_ebb_gen;
            live_ebb[nb_live_ebb++] = t->index;
        }
    }
}

/* Returns false when the op must be deleted. */
static bool la_one_op(TCGContext *s, TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nb_oargs = def->nb_oargs, nb_iargs = def->nb_iargs;

    op->dead_args = 0;
    op->sync_args = 0;
    op->fault_args = 0;

    switch (op->opc) {
    case INDEX_op_insn_start:
    case INDEX_op_mb:
        return true;
    case INDEX_op_discard: {
        TCGTemp *t = arg_temp(op->args[0]);

        if (temp_tracked(t) && t->kind != TEMP_GLOBAL) {
            t->state = TS_DEAD;
        }
        return true;
    }
    case INDEX_op_call: {
        unsigned flags;

        nb_oargs = op->nb_call_oargs;
        nb_iargs = op->nb_call_iargs;
        flags = (unsigned)op->args[nb_oargs + nb_iargs + 1];
        if (!la_outputs(op, nb_oargs)) {
            return false;
        }
        if (!(flags & TCG_CALL_NO_WRITE_GLOBALS)) {
            la_global_kill(s);
        } else if (!(flags & TCG_CALL_NO_READ_GLOBALS)) {
            la_global_sync(s);
        }
        la_inputs(op, nb_oargs, nb_iargs);
        return true;
    }
    default:
        break;
    }

    if (def->flags & TCG_OPF_COND_BRANCH) {
        la_bb_sync(s);
    } else if (def->flags & (TCG_OPF_BB_END | TCG_OPF_BB_EXIT)) {
        la_bb_end(s);
    }
    if (!la_outputs(op, nb_oargs)) {
        return false;
    }
    if (op_is_guest_access(op->opc)) {
        la_guest_access(s);
    } else if (def->flags & TCG_OPF_SIDE_EFFECTS) {
        la_global_sync(s);
    }
    la_inputs(op, nb_oargs, nb_iargs);
    return true;
}

void tcg_liveness_analysis(TCGContext *s)
{
    bool *keep;
    int n = 0;

    if (s->nb_ops == 0) {
        return;
    }
    if (s->nb_ops > s->la_keep_cap) {
        s->la_keep_cap = MAX(s->nb_ops, 4096);
        s->la_keep = g_renew(bool, s->la_keep, s->la_keep_cap);
    }
    keep = s->la_keep;
    la_reset_all(s);
    for (int i = s->nb_ops - 1; i >= 0; i--) {
        keep[i] = la_one_op(s, &s->ops[i]);
    }
    for (int i = 0; i < s->nb_ops; i++) {
        if (keep[i]) {
            if (n != i) {
                tcg_op_copy(&s->ops[n], &s->ops[i]);
            }
            n++;
        }
    }
    s->nb_ops = n;
}
