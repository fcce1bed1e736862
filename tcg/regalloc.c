/* SPDX-License-Identifier: MIT */
/* Local register allocator: temps to host registers, spills, write-back. */
#include <string.h>

#include <glib.h>

#include "tcg/regalloc.h"

/*
 * Constraint strings: a register letter defined by the backend ('r' any,
 * 'a' rax...), plus 'e' (imm32 constant accepted), 'i' (any constant),
 * 'W' (constant equal to the operand width), '&' (output must not share
 * a register with inputs other than input 0), '0'..'9' (output aliases
 * that input), 'b' (a base address: env may stay in its own register),
 * 'm' (a global or TB temp that is in memory and dies here may be passed
 * as a memory operand instead of being loaded).
 */
bool ra_parse_constraint(RAArgCt *ct, const char *str,
                         uint32_t (*letter_regs)(char c))
{
    memset(ct, 0, sizeof(*ct));
    for (const char *p = str; *p; p++) {
        switch (*p) {
        case 'e':
            ct->ct |= RA_CT_CONST_S32;
            break;
        case 'i':
            ct->ct |= RA_CT_CONST_ANY;
            break;
        case 'W':
            ct->ct |= RA_CT_CONST_WSZ;
            break;
        case '&':
            ct->ct |= RA_CT_NEWREG;
            break;
        case 'b':
            ct->ct |= RA_CT_ENV;
            break;
        case 'm':
            ct->ct |= RA_CT_MEM;
            break;
        case '0' ... '9':
            ct->ct |= RA_CT_ALIAS;
            ct->alias = *p - '0';
            break;
        default: {
            uint32_t r = letter_regs(*p);

            if (!r) {
                return false;
            }
            ct->regs |= r;
            break;
        }
        }
    }
    return true;
}

static inline uint32_t bit(int r)
{
    return 1u << r;
}

/* One register in the set (cheaper than a popcount call). */
static inline bool single_reg(uint32_t set)
{
    return set && !(set & (set - 1));
}

static int temp_base_reg(RAState *ra, TCGTemp *t)
{
    return t->kind == TEMP_GLOBAL ? ra->hregs->env_reg : ra->hregs->frame_reg;
}

/* Every change of val_type goes through here, to keep ra->active. */
static inline void temp_set_val(RAState *ra, TCGTemp *t, TCGTempVal v)
{
    uint64_t b = 1ull << (t->index % 64);

    t->val_type = v;
    if (t->kind != TEMP_FIXED &&
        (v == TEMP_VAL_REG || (v == TEMP_VAL_CONST && t->kind != TEMP_CONST))) {
        ra->active[t->index / 64] |= b;
    } else {
        ra->active[t->index / 64] &= ~b;
    }
}

/*
 * Indices of the active temps below limit, in index order. A snapshot:
 * callers may change states while they walk it, and re-check each temp.
 */
static int ra_active_list(RAState *ra, int limit, int *out)
{
    int n = 0;

    for (int w = 0; w * 64 < limit; w++) {
        uint64_t m = ra->active[w];

        if (limit - w * 64 < 64) {
            m &= (1ull << (limit - w * 64)) - 1;
        }
        for (; m; m &= m - 1) {
            out[n++] = w * 64 + __builtin_ctzll(m);
        }
    }
    return n;
}

void ra_begin(RAState *ra, TCGContext *s, const RAHostOps *ops,
              const RAHostRegs *hregs, void *host)
{
    ra->s = s;
    ra->ops = ops;
    ra->hregs = hregs;
    ra->host = host;
    ra->locked = 0;
    ra->nb_dirty = 0;
    memset(ra->reg_to_temp, 0, sizeof(ra->reg_to_temp));
    memset(ra->active, 0, sizeof(uint64_t) * ((s->nb_temps + 63) / 64));
    s->frame_next = s->frame_start;
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = &s->temps[i];

        t->mem_coherent = true;
        switch (t->kind) {
        case TEMP_GLOBAL:
            temp_set_val(ra, t, TEMP_VAL_MEM);
            t->mem_allocated = true;
            break;
        case TEMP_FIXED:
            temp_set_val(ra, t, TEMP_VAL_REG);
            t->reg = hregs->env_reg;
            break;
        case TEMP_CONST:
            temp_set_val(ra, t, TEMP_VAL_CONST);
            break;
        case TEMP_TB:
            /* May be read before any write in code order (loops). */
            temp_set_val(ra, t, TEMP_VAL_MEM);
            t->mem_allocated = false;
            break;
        default:
            temp_set_val(ra, t, TEMP_VAL_DEAD);
            t->mem_allocated = false;
            break;
        }
    }
}

static bool temp_is_const(RAState *ra, TCGTemp *t, int64_t *v)
{
    if (t->kind == TEMP_CONST) {
        *v = t->val;
        return true;
    }
    if (t->val_type == TEMP_VAL_CONST) {
        *v = ra->cval[t->index];
        return true;
    }
    return false;
}

static void temp_alloc_slot(RAState *ra, TCGTemp *t)
{
    TCGContext *s = ra->s;

    /* One slot per temp at most, and the frame holds TCG_MAX_TEMPS. */
    t->mem_offset = s->frame_next;
    s->frame_next += 8;
    t->mem_allocated = true;
}

static void temp_store_reg(RAState *ra, TCGTemp *t, int reg)
{
    if (!t->mem_allocated) {
        temp_alloc_slot(ra, t);
    }
    ra->ops->st(ra, t->type, reg, temp_base_reg(ra, t), t->mem_offset);
}

static int reg_alloc(RAState *ra, uint32_t allowed, uint32_t avoid);

/* Make memory hold the current value (registers are kept). */
static void temp_sync(RAState *ra, TCGTemp *t)
{
    int64_t v;

    if (t->kind == TEMP_CONST || t->kind == TEMP_FIXED || t->mem_coherent) {
        return;
    }
    switch (t->val_type) {
    case TEMP_VAL_REG:
        temp_store_reg(ra, t, t->reg);
        break;
    case TEMP_VAL_CONST:
        v = ra->cval[t->index];
        if (!t->mem_allocated) {
            temp_alloc_slot(ra, t);
        }
        if (!ra->ops->sti(ra, t->type, v, temp_base_reg(ra, t),
                          t->mem_offset)) {
            int r = reg_alloc(ra, ~0u, ra->locked);

            ra->ops->movi(ra, t->type, r, v);
            ra->reg_to_temp[r] = t;
            temp_set_val(ra, t, TEMP_VAL_REG);
            t->reg = r;
            temp_store_reg(ra, t, r);
        }
        break;
    default:
        /* DEAD: nothing to keep; MEM is coherent by definition. */
        break;
    }
    t->mem_coherent = true;
}

/* Drop the register copy; dead temps lose their value altogether. */
static void temp_free_or_dead(RAState *ra, TCGTemp *t, bool dead)
{
    if (t->kind == TEMP_FIXED) {
        return;
    }
    if (t->val_type == TEMP_VAL_REG && ra->reg_to_temp[t->reg] == t) {
        ra->reg_to_temp[t->reg] = NULL;
    }
    switch (t->kind) {
    case TEMP_CONST:
        temp_set_val(ra, t, TEMP_VAL_CONST);
        break;
    case TEMP_GLOBAL:
        temp_set_val(ra, t, TEMP_VAL_MEM);
        break;
    case TEMP_TB:
        temp_set_val(ra, t, TEMP_VAL_MEM);
        break;
    default:
        temp_set_val(ra, t, dead ? TEMP_VAL_DEAD : TEMP_VAL_MEM);
        break;
    }
    if (dead) {
        t->mem_coherent = true;
    }
}

static void temp_save(RAState *ra, TCGTemp *t)
{
    if (t->val_type == TEMP_VAL_DEAD) {
        return;
    }
    temp_sync(ra, t);
    temp_free_or_dead(ra, t, false);
}

static void temp_dead(RAState *ra, TCGTemp *t)
{
    temp_free_or_dead(ra, t, true);
}

/*
 * A dead global whose value a later guest access may still expose, and
 * memory does not hold: keep its register (liveness' fault_args).
 */
static bool keep_for_fault(const TCGOp *op, int i, const TCGTemp *t)
{
    return ((op->fault_args >> i) & 1) && t->kind == TEMP_GLOBAL &&
           !t->mem_coherent;
}

/* args[i] of op dies (its dead bit is set). */
static void temp_dead_arg(RAState *ra, const TCGOp *op, int i, TCGTemp *t)
{
    if (!keep_for_fault(op, i, t)) {
        temp_dead(ra, t);
    }
}

/* A free register in order, not in avoid; -1 if none. */
static int reg_find_free(RAState *ra, uint32_t allowed, uint32_t avoid)
{
    const RAHostRegs *h = ra->hregs;

    for (int i = 0; i < h->nb_order; i++) {
        int r = h->order[i];

        if ((allowed & bit(r)) && !(avoid & bit(r)) && !ra->reg_to_temp[r]) {
            return r;
        }
    }
    return -1;
}

/*
 * Move the temp out of reg: to a free register outside avoid when there
 * is one (cheaper than reloading), else to memory.
 */
static void reg_evict(RAState *ra, int reg, uint32_t avoid)
{
    TCGTemp *t = ra->reg_to_temp[reg];
    int nr;

    if (!t) {
        return;
    }
    nr = t->kind == TEMP_CONST ? -1
                               : reg_find_free(ra, ~0u, avoid | bit(reg));
    if (nr >= 0) {
        ra->ops->mov(ra, t->type, nr, reg);
        ra->reg_to_temp[reg] = NULL;
        ra->reg_to_temp[nr] = t;
        t->reg = nr;
        return;
    }
    temp_save(ra, t);
}

/* Pick a register in allowed and not in avoid, spilling if needed. */
static int reg_alloc(RAState *ra, uint32_t allowed, uint32_t avoid)
{
    const RAHostRegs *h = ra->hregs;
    int r = reg_find_free(ra, allowed, avoid);
    int victim = -1;

    if (r >= 0) {
        return r;
    }
    /* Prefer a victim that needs no store. */
    for (int i = 0; i < h->nb_order; i++) {
        int c = h->order[i];
        TCGTemp *t;

        if (!(allowed & bit(c)) || (avoid & bit(c))) {
            continue;
        }
        t = ra->reg_to_temp[c];
        if (victim < 0) {
            victim = c;
        }
        if (t && (t->kind == TEMP_CONST || t->mem_coherent)) {
            victim = c;
            break;
        }
    }
    if (victim < 0) {
        /* Constraints leave no register: a backend bug. */
        g_error("regalloc: no register for allowed=%#x avoid=%#x",
                allowed, avoid);
    }
    temp_save(ra, ra->reg_to_temp[victim]);
    return victim;
}

/* Put t's value into target (which must be free or unowned). */
static void temp_load_into(RAState *ra, TCGTemp *t, int target)
{
    int64_t v;

    if (t->val_type == TEMP_VAL_REG) {
        ra->ops->mov(ra, t->type, target, t->reg);
    } else if (temp_is_const(ra, t, &v)) {
        ra->ops->movi(ra, t->type, target, v);
    } else if (t->val_type == TEMP_VAL_MEM) {
        if (!t->mem_allocated) {
            temp_alloc_slot(ra, t);
        }
        ra->ops->ld(ra, t->type, target, temp_base_reg(ra, t),
                    t->mem_offset);
    }
    /* DEAD (uninitialised): any value will do. */
}

/* Load t into a register from allowed; returns the register. */
static int temp_load(RAState *ra, TCGTemp *t, uint32_t allowed,
                     uint32_t *copies)
{
    int r;

    if (t->val_type == TEMP_VAL_REG) {
        if (allowed & bit(t->reg)) {
            return t->reg;
        }
        /* Copy into a suitable register that nobody owns for this op. */
        if (single_reg(allowed)) {
            r = __builtin_ctz(allowed);
            reg_evict(ra, r, ra->locked | allowed);
        } else {
            r = reg_alloc(ra, allowed, ra->locked);
        }
        ra->ops->mov(ra, t->type, r, t->reg);
        *copies |= bit(r);
        return r;
    }
    if (single_reg(allowed)) {
        r = __builtin_ctz(allowed);
        reg_evict(ra, r, ra->locked | allowed);
    } else {
        r = reg_alloc(ra, allowed, ra->locked);
    }
    temp_load_into(ra, t, r);
    if (t->val_type == TEMP_VAL_DEAD) {
        t->mem_coherent = false;
    }
    temp_set_val(ra, t, TEMP_VAL_REG);
    t->reg = r;
    ra->reg_to_temp[r] = t;
    return r;
}

static bool ct_accepts_const(const RAArgCt *ct, bool is64, int64_t v)
{
    if (ct->ct & RA_CT_CONST_ANY) {
        return true;
    }
    if ((ct->ct & RA_CT_CONST_S32) && (!is64 || v == (int32_t)v)) {
        return true;
    }
    if ((ct->ct & RA_CT_CONST_WSZ) && v == (is64 ? 64 : 32)) {
        return true;
    }
    return false;
}

static bool input_aliased(const RAOpDef *def, int nb_o, int i)
{
    for (int o = 0; o < nb_o; o++) {
        if ((def->args[o].ct & RA_CT_ALIAS) && def->args[o].alias == i - nb_o) {
            return true;
        }
    }
    return false;
}

static bool op_is_guest_access(TCGOpcode opc)
{
    return opc == INDEX_op_qemu_ld_i32 || opc == INDEX_op_qemu_ld_i64 ||
           opc == INDEX_op_qemu_st_i32 || opc == INDEX_op_qemu_st_i64;
}

/*
 * At a guest access that may fault: list the globals whose value is only
 * in a register; anything else not in memory (constants) is stored now.
 */
static void ra_note_dirty_globals(RAState *ra)
{
    TCGContext *s = ra->s;
    int list[TCG_MAX_TEMPS];
    int n = ra_active_list(ra, s->nb_globals, list);

    ra->nb_dirty = 0;
    /* Constants first: storing one may take (and spill) a register. */
    for (int k = 0; k < n; k++) {
        TCGTemp *t = &s->temps[list[k]];

        if (t->kind == TEMP_GLOBAL && !t->mem_coherent &&
            t->val_type != TEMP_VAL_REG) {
            temp_sync(ra, t);
        }
    }
    n = ra_active_list(ra, s->nb_globals, list);
    for (int k = 0; k < n; k++) {
        TCGTemp *t = &s->temps[list[k]];

        if (t->kind != TEMP_GLOBAL || t->mem_coherent) {
            continue;
        }
        if (t->val_type == TEMP_VAL_REG && ra->reg_to_temp[t->reg] == t &&
            ra->nb_dirty < RA_MAX_REGS) {
            ra->dirty[ra->nb_dirty++] = (RADirty){
                .mem_offset = t->mem_offset, .reg = t->reg, .type = t->type,
            };
        } else {
            temp_sync(ra, t);
        }
    }
}

void ra_op_begin(RAState *ra, const TCGOp *op, const RAOpDef *def,
                 RAOpArgs *a)
{
    const TCGOpDef *od = &tcg_op_defs[op->opc];
    int nb_o = od->nb_oargs, nb_i = od->nb_iargs;
    bool is64 = od->flags & TCG_OPF_64BIT;
    uint32_t copies = 0, in_regs = 0, other_regs = 0, busy;

    ra->locked = 0;
    /* Inputs with a single allowed register first, so they get it. */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = nb_o; i < nb_o + nb_i; i++) {
            const RAArgCt *ct = &def->args[i];
            TCGTemp *t = arg_temp(op->args[i]);
            bool fixed = single_reg(ct->regs);
            int64_t v;

            if (fixed != (pass == 0)) {
                continue;
            }
            a->is_const[i] = false;
            a->is_mem[i] = false;
            if ((ct->ct & RA_CT_MEM) && t->val_type == TEMP_VAL_MEM &&
                t->mem_allocated && ra_arg_dead(op, i) &&
                (t->kind == TEMP_GLOBAL || t->kind == TEMP_TB)) {
                /* Last use and not in a register: no point loading it. */
                a->is_mem[i] = true;
                a->mem_base[i] = temp_base_reg(ra, t);
                a->mem_off[i] = t->mem_offset;
                a->reg[i] = -1;
                continue;
            }
            if (temp_is_const(ra, t, &v)) {
                /* Normalise: i32 constants are kept sign-extended. */
                v = is64 ? v : (int64_t)(int32_t)v;
                if (ct_accepts_const(ct, is64, v)) {
                    a->is_const[i] = true;
                    a->cval[i] = v;
                    a->reg[i] = -1;
                    continue;
                }
            }
            if (t->kind == TEMP_FIXED && (ct->ct & RA_CT_ENV) && !fixed &&
                !input_aliased(def, nb_o, i)) {
                /* env is read in place, never copied. */
                a->reg[i] = t->reg;
                if (i > nb_o) {
                    other_regs |= bit(t->reg);
                }
                continue;
            }
            a->reg[i] = temp_load(ra, t, ct->regs, &copies);
            ra->locked |= bit(a->reg[i]);
            in_regs |= bit(a->reg[i]);
            if (i > nb_o) {
                other_regs |= bit(a->reg[i]);
            }
        }
    }

    /* Inputs that die here release their registers to the outputs. */
    for (int i = nb_o; i < nb_o + nb_i; i++) {
        if (!a->is_const[i] && !a->is_mem[i] && ra_arg_dead(op, i)) {
            temp_dead_arg(ra, op, i, arg_temp(op->args[i]));
        }
    }

    /* Registers the instructions destroy must not hold live values. */
    ra->locked |= def->clobber;
    /* Set bits only (this runs for every op). */
    for (uint32_t m = def->clobber; m; m &= m - 1) {
        int r = __builtin_ctz(m);

        if (ra->reg_to_temp[r]) {
            reg_evict(ra, r, ra->locked);
        }
    }

    /*
     * Ops that can fault or store need globals in memory; do it before the
     * outputs exist, so that an output global is not stored stale.
     */
    ra->nb_dirty = 0;
    if (ra->defer_fault_sync && op_is_guest_access(op->opc)) {
        ra_note_dirty_globals(ra);
    } else if (od->flags & TCG_OPF_SIDE_EFFECTS) {
        ra_sync_globals(ra);
    }

    busy = copies;
    for (uint32_t m = in_regs; m; m &= m - 1) {
        int r = __builtin_ctz(m);

        if (ra->reg_to_temp[r]) {
            busy |= bit(r);
        }
    }

    for (int o = 0; o < nb_o; o++) {
        const RAArgCt *ct = &def->args[o];
        TCGTemp *t = arg_temp(op->args[o]);
        int r = -1;

        a->is_const[o] = false;
        if (t->val_type == TEMP_VAL_REG &&
            ra->reg_to_temp[t->reg] == t) {
            /* The old value is overwritten. */
            ra->reg_to_temp[t->reg] = NULL;
            busy &= ~bit(t->reg);
        }
        if (ct->ct & RA_CT_ALIAS) {
            r = a->reg[nb_o + ct->alias];
            if (ra->reg_to_temp[r]) {
                /* The input lives on: keep a copy elsewhere. */
                reg_evict(ra, r, ra->locked | busy);
            }
        } else if (single_reg(ct->regs)) {
            r = __builtin_ctz(ct->regs);
            if (ra->reg_to_temp[r]) {
                reg_evict(ra, r, ra->locked | busy | ct->regs);
            }
        } else {
            uint32_t avoid = busy | def->clobber;
            int in0 = nb_i > 0 && !a->is_const[nb_o] && !a->is_mem[nb_o]
                          ? a->reg[nb_o] : -1;

            if (ct->ct & RA_CT_NEWREG) {
                avoid |= other_regs;
            }
            if (in0 >= 0 && (ct->regs & bit(in0)) && !(avoid & bit(in0)) &&
                !ra->reg_to_temp[in0]) {
                r = in0;
            } else {
                r = reg_find_free(ra, ct->regs, avoid);
                if (r < 0) {
                    r = reg_alloc(ra, ct->regs, avoid | ra->locked);
                }
            }
        }
        a->reg[o] = r;
        busy |= bit(r);
        ra->locked |= bit(r);
        ra->reg_to_temp[r] = t;
        temp_set_val(ra, t, TEMP_VAL_REG);
        t->reg = r;
        t->mem_coherent = false;
    }
}

void ra_op_end(RAState *ra, const TCGOp *op)
{
    const TCGOpDef *od = &tcg_op_defs[op->opc];

    for (int o = 0; o < od->nb_oargs; o++) {
        TCGTemp *t = arg_temp(op->args[o]);

        if ((op->sync_args >> o) & 1) {
            temp_sync(ra, t);
        }
        if (ra_arg_dead(op, o)) {
            temp_dead_arg(ra, op, o, t);
        }
    }
    ra->locked = 0;
}

static void temp_set_reg(RAState *ra, TCGTemp *t, int r)
{
    if (t->val_type == TEMP_VAL_REG && ra->reg_to_temp[t->reg] == t) {
        ra->reg_to_temp[t->reg] = NULL;
    }
    ra->reg_to_temp[r] = t;
    temp_set_val(ra, t, TEMP_VAL_REG);
    t->reg = r;
    t->mem_coherent = false;
}

void ra_mov(RAState *ra, const TCGOp *op)
{
    TCGTemp *dst = arg_temp(op->args[0]);
    TCGTemp *src = arg_temp(op->args[1]);
    bool src_dead = ra_arg_dead(op, 1);
    int64_t v;
    uint32_t copies = 0;

    ra->locked = 0;
    if (dst == src) {
        goto done;
    }
    if (temp_is_const(ra, src, &v)) {
        /* Constants are materialised when first needed. */
        if (dst->val_type == TEMP_VAL_REG &&
            ra->reg_to_temp[dst->reg] == dst) {
            ra->reg_to_temp[dst->reg] = NULL;
        }
        temp_set_val(ra, dst, TEMP_VAL_CONST);
        dst->mem_coherent = false;
        ra->cval[dst->index] = v;
        if (src_dead) {
            temp_dead_arg(ra, op, 1, src);
        }
        goto done;
    }
    if (src->val_type != TEMP_VAL_REG) {
        temp_load(ra, src, ~0u, &copies);
    }
    ra->locked |= bit(src->reg);
    if ((op->sync_args & 1) && ra_arg_dead(op, 0)) {
        /* Only memory wants the value: store straight from src. */
        if (dst->val_type == TEMP_VAL_REG &&
            ra->reg_to_temp[dst->reg] == dst) {
            ra->reg_to_temp[dst->reg] = NULL;
        }
        temp_store_reg(ra, dst, src->reg);
        temp_set_val(ra, dst, dst->kind == TEMP_EBB ? TEMP_VAL_DEAD
                                                    : TEMP_VAL_MEM);
        dst->mem_coherent = true;
        if (src_dead) {
            temp_dead_arg(ra, op, 1, src);
        }
        ra->locked = 0;
        return;
    }
    if (src_dead && src->kind != TEMP_FIXED && src->kind != TEMP_CONST &&
        ra->reg_to_temp[src->reg] == src && !keep_for_fault(op, 1, src)) {
        /* Hand the register over: no code. */
        int r = src->reg;

        temp_dead(ra, src);
        temp_set_reg(ra, dst, r);
    } else {
        int r;

        if (dst->val_type == TEMP_VAL_REG &&
            ra->reg_to_temp[dst->reg] == dst) {
            r = dst->reg;
        } else {
            r = reg_alloc(ra, ~0u, ra->locked);
        }
        ra->ops->mov(ra, dst->type, r, src->reg);
        temp_set_reg(ra, dst, r);
        if (src_dead) {
            temp_dead_arg(ra, op, 1, src);
        }
    }
done:
    ra_op_end(ra, op);
}

void ra_discard(RAState *ra, TCGTemp *t)
{
    temp_dead(ra, t);
}

/* Globals and TB temps that are not in memory are all active. */
void ra_sync_globals(RAState *ra)
{
    TCGContext *s = ra->s;
    int list[TCG_MAX_TEMPS];
    int n = ra_active_list(ra, s->nb_globals, list);

    for (int k = 0; k < n; k++) {
        if (!s->temps[list[k]].mem_coherent) {
            temp_sync(ra, &s->temps[list[k]]);
        }
    }
}

static void ra_save_globals(RAState *ra)
{
    TCGContext *s = ra->s;
    int list[TCG_MAX_TEMPS];
    int n = ra_active_list(ra, s->nb_globals, list);

    for (int k = 0; k < n; k++) {
        temp_save(ra, &s->temps[list[k]]);
    }
}

void ra_sync_for_branch(RAState *ra)
{
    TCGContext *s = ra->s;
    int list[TCG_MAX_TEMPS];
    int n = ra_active_list(ra, s->nb_temps, list);

    for (int k = 0; k < n; k++) {
        TCGTemp *t = &s->temps[list[k]];

        if (!t->mem_coherent &&
            (t->kind == TEMP_GLOBAL || t->kind == TEMP_TB)) {
            temp_sync(ra, t);
        }
    }
}

void ra_bb_end(RAState *ra)
{
    TCGContext *s = ra->s;
    int list[TCG_MAX_TEMPS];
    int n = ra_active_list(ra, s->nb_temps, list);

    for (int k = 0; k < n; k++) {
        TCGTemp *t = &s->temps[list[k]];

        /* Already handled as a side effect of an earlier one? */
        if (t->val_type == TEMP_VAL_MEM || t->val_type == TEMP_VAL_DEAD ||
            (t->val_type == TEMP_VAL_CONST && t->kind == TEMP_CONST)) {
            continue;
        }
        switch (t->kind) {
        case TEMP_GLOBAL:
        case TEMP_TB:
            temp_save(ra, t);
            break;
        case TEMP_EBB:
            temp_dead(ra, t);
            break;
        case TEMP_CONST:
            temp_free_or_dead(ra, t, false);
            break;
        default:
            break;
        }
    }
}

/*
 * Helper call: arguments into the ABI registers, globals written back as
 * the call flags require, caller-saved registers emptied, result in the
 * return register.
 */
void ra_call(RAState *ra, const TCGOp *op)
{
    const RAHostRegs *h = ra->hregs;
    int nb_o = op->nb_call_oargs, nb_i = op->nb_call_iargs;
    uintptr_t func = (uintptr_t)op->args[nb_o + nb_i];
    unsigned flags = (unsigned)op->args[nb_o + nb_i + 1];
    uint32_t typemask = (uint32_t)op->args[nb_o + nb_i + 2];
    uint32_t argregs = 0;

    for (int i = 0; i < nb_i; i++) {
        argregs |= bit(h->call_iarg[i]);
    }
    ra->locked = 0;
    for (int i = 0; i < nb_i; i++) {
        TCGTemp *t = arg_temp(op->args[nb_o + i]);
        int r = h->call_iarg[i];

        if (t->val_type == TEMP_VAL_REG && t->reg == r) {
            ra->locked |= bit(r);
            continue;
        }
        if (ra->reg_to_temp[r]) {
            reg_evict(ra, r, ra->locked | argregs | h->call_clobbered);
        }
        temp_load_into(ra, t, r);
        ra->locked |= bit(r);
    }
    for (int i = 0; i < nb_i; i++) {
        if (ra_arg_dead(op, nb_o + i)) {
            temp_dead_arg(ra, op, nb_o + i, arg_temp(op->args[nb_o + i]));
        }
    }
    if (!(flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        ra_save_globals(ra);
    } else if (!(flags & TCG_CALL_NO_READ_GLOBALS)) {
        ra_sync_globals(ra);
    }
    ra->locked |= h->call_clobbered;
    for (int r = 0; r < RA_MAX_REGS; r++) {
        if ((h->call_clobbered & bit(r)) && ra->reg_to_temp[r]) {
            reg_evict(ra, r, ra->locked);
        }
    }
    ra->ops->call(ra, func);

    if (nb_o) {
        TCGTemp *t = arg_temp(op->args[0]);
        int r = h->call_oarg;
        unsigned rt = typemask & 7;

        /* A 32-bit result leaves the upper half undefined. */
        if (t->type == TCG_TYPE_I64 && rt == TCG_CALL_TYPE_I32) {
            ra->ops->ext32(ra, false, r);
        } else if (t->type == TCG_TYPE_I64 && rt == TCG_CALL_TYPE_S32) {
            ra->ops->ext32(ra, true, r);
        }
        temp_set_reg(ra, t, r);
        if (op->sync_args & 1) {
            temp_sync(ra, t);
        }
        if (ra_arg_dead(op, 0)) {
            temp_dead_arg(ra, op, 0, t);
        }
    }
    ra->locked = 0;
}
