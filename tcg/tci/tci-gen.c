/* SPDX-License-Identifier: MIT */
/* TCI compiler: turns optimized TCG ops into the bytecode tci.c runs. */
#include <string.h>

#include <glib.h>

#include "vemu/exec.h"
#include "tcg/tci/tci-internal.h"

/* Compilation state of one TB. */
typedef struct TciGen {
    GArray *code;        /* uint32_t words */
    GArray *const_fix;   /* word positions holding a constant's temp index */
    GArray *pool;        /* int64_t constants, in first-use order */
    bool bad;            /* malformed IR (e.g. unplaced label) */
} TciGen;

static inline uint32_t gen_pos(TciGen *g)
{
    return g->code->len;
}

static inline void gen_word(TciGen *g, uint32_t w)
{
    g_array_append_val(g->code, w);
}

static void gen_u64(TciGen *g, uint64_t v)
{
    gen_word(g, (uint32_t)v);
    gen_word(g, (uint32_t)(v >> 32));
}

/* Emit a temp operand word (see tci-internal.h for the encoding). */
static void gen_temp(TciGen *g, TCGTemp *t)
{
    switch (t->kind) {
    case TEMP_GLOBAL:
        gen_word(g, tci_operand(TCI_BASE_ENV, (int32_t)t->mem_offset));
        break;
    case TEMP_CONST:
        if (t->state == 0) {
            g_array_append_val(g->pool, t->val);
            t->state = g->pool->len;
        }
        /* Patched with the pool's offset once the code size is known. */
        g_array_append_val(g->const_fix, g->code->len);
        gen_word(g, (uint32_t)(t->state - 1));
        break;
    default:
        /* EBB, TB and the env pointer (slot 0) live in the frame. */
        gen_word(g, tci_operand(TCI_BASE_FRAME, t->index * 8));
        break;
    }
}

static void gen_label_ref(TciGen *g, TCGLabel *l)
{
    if (l->has_value) {
        gen_word(g, (uint32_t)l->value);
        return;
    }
    if (l->nb_relocs == l->relocs_cap) {
        l->relocs_cap = l->relocs_cap ? l->relocs_cap * 2 : 4;
        l->relocs = g_renew(TCGRelocation, l->relocs, l->relocs_cap);
    }
    l->relocs[l->nb_relocs++] = (TCGRelocation){ .code_offset = gen_pos(g) };
    gen_word(g, 0);
}

static void gen_set_label_here(TciGen *g, TCGLabel *l)
{
    uint32_t *words = (uint32_t *)g->code->data;

    l->has_value = true;
    l->value = gen_pos(g);
    for (int i = 0; i < l->nb_relocs; i++) {
        words[l->relocs[i].code_offset] = (uint32_t)l->value;
    }
    l->nb_relocs = 0;
}

#define HAS_VAR_BIN(n) [INDEX_op_##n##_i32] = true, [INDEX_op_##n##_i64] = true,
#define HAS_VAR_UN(n) [INDEX_op_##n] = true,

static const bool has_env_variant[NB_OPS] = {
    TCI_BIN_OPS(HAS_VAR_BIN)
    TCI_UN_OPS(HAS_VAR_UN)
};

/*
 * The fast forms (see tci-internal.h) when every temp is a global, except
 * possibly a constant last input. Returns false if they do not apply.
 */
static bool gen_env_variant(TciGen *g, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nt = def->nb_oargs + def->nb_iargs;
    TCGTemp *last;

    if (!has_env_variant[op->opc] || def->nb_cargs) {
        return false;
    }
    for (int i = 0; i < nt - 1; i++) {
        if (arg_temp(op->args[i])->kind != TEMP_GLOBAL) {
            return false;
        }
    }
    last = arg_temp(op->args[nt - 1]);
    if (last->kind != TEMP_GLOBAL && last->kind != TEMP_CONST) {
        return false;
    }
    gen_word(g, (last->kind == TEMP_GLOBAL ? TCI_VAR_ENV : TCI_VAR_ENVI) +
                    op->opc);
    for (int i = 0; i < nt - 1; i++) {
        gen_word(g, (uint32_t)(int32_t)arg_temp(op->args[i])->mem_offset);
    }
    if (last->kind == TEMP_GLOBAL) {
        gen_word(g, (uint32_t)(int32_t)last->mem_offset);
    } else {
        gen_u64(g, (uint64_t)last->val);
    }
    return true;
}

/* Generic layout: opcode, output and input temps, constant args. */
static void gen_generic(TciGen *g, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nt = def->nb_oargs + def->nb_iargs;

    if (gen_env_variant(g, op)) {
        return;
    }
    gen_word(g, op->opc);
    for (int i = 0; i < nt; i++) {
        gen_temp(g, arg_temp(op->args[i]));
    }
    for (int i = 0; i < def->nb_cargs; i++) {
        gen_word(g, (uint32_t)op->args[nt + i]);
    }
}

/* Host loads and stores: value, base, 64-bit offset. */
static void gen_ldst(TciGen *g, const TCGOp *op)
{
    gen_word(g, op->opc);
    gen_temp(g, arg_temp(op->args[0]));
    gen_temp(g, arg_temp(op->args[1]));
    gen_u64(g, op->args[2]);
}

/* call: opcode, nargs | nret << 8, typemask, func (2 words), ret, args. */
static void gen_call(TciGen *g, const TCGOp *op)
{
    int no = op->nb_call_oargs, ni = op->nb_call_iargs;

    gen_word(g, INDEX_op_call);
    gen_word(g, ni | (no << 8));
    gen_word(g, (uint32_t)op->args[no + ni + 2]);
    gen_u64(g, op->args[no + ni]);
    for (int i = 0; i < no + ni; i++) {
        gen_temp(g, arg_temp(op->args[i]));
    }
}

static void gen_goto_tb(TciGen *g, TCGContext *s, TranslationBlock *tb,
                        const TCGOp *op)
{
    unsigned n = op->args[0] & 1;

    if (gen_pos(g) * 4 + 12 > UINT16_MAX) {
        /*
         * The offsets would not fit TranslationBlock's uint16_t fields:
         * leave this exit unchainable (it falls through to its exit_tb).
         */
        tb->jmp_insn_offset[n] = tb->jmp_reset_offset[n] = 0;
        tb->jmp_target_addr[n] = 0;
        return;
    }
    tb->jmp_insn_offset[n] = gen_pos(g) * 4;
    gen_word(g, INDEX_op_goto_tb);
    gen_u64(g, (uintptr_t)&tb->jmp_target_addr[n]);
    tb->jmp_reset_offset[n] = gen_pos(g) * 4;
    tb->jmp_target_addr[n] = 0;
}

/*
 * brcond whose first operand is the env field at a's mem_offset (a global,
 * or a value just loaded from env, see gen_fused_ld_brcond) and whose
 * second is a global or a constant.
 */
static bool gen_brcond_env_at(TciGen *g, const TCGOp *op, intptr_t off_a)
{
    bool is64 = op->opc == INDEX_op_brcond_i64;
    TCGTemp *b = arg_temp(op->args[1]);
    uint32_t cond = (uint32_t)op->args[2];

    if (off_a != (int32_t)off_a) {
        return false;
    }
    if (b->kind == TEMP_GLOBAL) {
        gen_word(g, (is64 ? TCI_OP_BRE64_FIRST : TCI_OP_BRE32_FIRST) + cond);
        gen_word(g, (uint32_t)(int32_t)off_a);
        gen_word(g, (uint32_t)(int32_t)b->mem_offset);
    } else if (b->kind == TEMP_CONST) {
        gen_word(g, (is64 ? TCI_OP_BREI64_FIRST : TCI_OP_BREI32_FIRST) + cond);
        gen_word(g, (uint32_t)(int32_t)off_a);
        gen_u64(g, (uint64_t)b->val);
    } else {
        return false;
    }
    gen_label_ref(g, arg_label(op->args[3]));
    return true;
}

static bool gen_brcond_env(TciGen *g, const TCGOp *op, TCGTemp *a)
{
    return a->kind == TEMP_GLOBAL && gen_brcond_env_at(g, op, a->mem_offset);
}

/*
 * "ld t, env, off; brcond t, b" where t dies at the brcond (the TB entry
 * check of exit_request): one brcond reading env directly.
 */
static bool gen_fused_ld_brcond(TciGen *g, const TCGOp *ld, const TCGOp *br)
{
    TCGTemp *t = arg_temp(ld->args[0]);

    if (!((ld->opc == INDEX_op_ld_i32 && br->opc == INDEX_op_brcond_i32) ||
          (ld->opc == INDEX_op_ld_i64 && br->opc == INDEX_op_brcond_i64))) {
        return false;
    }
    if (arg_temp(ld->args[1])->kind != TEMP_FIXED ||
        (t->kind != TEMP_EBB && t->kind != TEMP_TB) ||
        arg_temp(br->args[0]) != t || arg_temp(br->args[1]) == t ||
        !(br->dead_args & 1)) {
        return false;
    }
    return gen_brcond_env_at(g, br, (intptr_t)ld->args[2]);
}

/* qemu_ld/st whose value operand is a global. */
static bool gen_qemu_env(TciGen *g, const TCGOp *op)
{
    TCGTemp *v = arg_temp(op->args[0]);

    if (v->kind != TEMP_GLOBAL) {
        return false;
    }
    gen_word(g, TCI_VAR_ENV + op->opc);
    gen_word(g, (uint32_t)(int32_t)v->mem_offset);
    gen_temp(g, arg_temp(op->args[1]));
    gen_word(g, (uint32_t)op->args[2]);
    return true;
}

static void gen_one_op(TciGen *g, TCGContext *s, TranslationBlock *tb,
                       const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_discard:
        break;
    case INDEX_op_insn_start:
        if (s->nb_insns > 0) {
            s->insn_end_off[s->nb_insns - 1] = gen_pos(g) * 4;
        }
        if (s->nb_insns < TCG_MAX_INSNS) {
            s->nb_insns++;
        }
        break;
    case INDEX_op_set_label:
        gen_set_label_here(g, arg_label(op->args[0]));
        break;
    case INDEX_op_br:
        gen_word(g, INDEX_op_br);
        gen_label_ref(g, arg_label(op->args[0]));
        break;
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
        if (gen_brcond_env(g, op, arg_temp(op->args[0]))) {
            break;
        }
        gen_word(g, (op->opc == INDEX_op_brcond_i32 ? TCI_OP_BRCOND32_FIRST
                                                   : TCI_OP_BRCOND64_FIRST) +
                        (uint32_t)op->args[2]);
        gen_temp(g, arg_temp(op->args[0]));
        gen_temp(g, arg_temp(op->args[1]));
        gen_label_ref(g, arg_label(op->args[3]));
        break;
    case INDEX_op_setcond_i32:
    case INDEX_op_setcond_i64:
        gen_word(g, (op->opc == INDEX_op_setcond_i32
                         ? TCI_OP_SETCOND32_FIRST
                         : TCI_OP_SETCOND64_FIRST) +
                        (uint32_t)op->args[3]);
        gen_temp(g, arg_temp(op->args[0]));
        gen_temp(g, arg_temp(op->args[1]));
        gen_temp(g, arg_temp(op->args[2]));
        break;
    case INDEX_op_exit_tb:
        gen_word(g, INDEX_op_exit_tb);
        gen_u64(g, op->args[0]);
        break;
    case INDEX_op_goto_tb:
        gen_goto_tb(g, s, tb, op);
        break;
    case INDEX_op_call:
        gen_call(g, op);
        break;
    case INDEX_op_ld8u_i32: case INDEX_op_ld8s_i32:
    case INDEX_op_ld16u_i32: case INDEX_op_ld16s_i32:
    case INDEX_op_ld_i32: case INDEX_op_st8_i32:
    case INDEX_op_st16_i32: case INDEX_op_st_i32:
    case INDEX_op_ld8u_i64: case INDEX_op_ld8s_i64:
    case INDEX_op_ld16u_i64: case INDEX_op_ld16s_i64:
    case INDEX_op_ld32u_i64: case INDEX_op_ld32s_i64:
    case INDEX_op_ld_i64: case INDEX_op_st8_i64:
    case INDEX_op_st16_i64: case INDEX_op_st32_i64:
    case INDEX_op_st_i64:
        gen_ldst(g, op);
        break;
    case INDEX_op_qemu_ld_i32: case INDEX_op_qemu_ld_i64:
    case INDEX_op_qemu_st_i32: case INDEX_op_qemu_st_i64:
        if (!gen_qemu_env(g, op)) {
            gen_generic(g, op);
        }
        break;
    default:
        /* mb, goto_ptr, arithmetic, movcond: generic. */
        gen_generic(g, op);
        break;
    }
}

static void *tci_alloc_priv(void)
{
    TciGen *g = g_new0(TciGen, 1);

    g->code = g_array_sized_new(FALSE, FALSE, sizeof(uint32_t), 4096);
    g->const_fix = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    g->pool = g_array_new(FALSE, FALSE, sizeof(int64_t));
    return g;
}

static void tci_free_priv(void *priv)
{
    TciGen *g = priv;

    g_array_free(g->code, true);
    g_array_free(g->const_fix, true);
    g_array_free(g->pool, true);
    g_free(g);
}

static int tci_gen_code(TCGContext *s, TranslationBlock *tb, uint8_t *buf,
                        size_t buf_size)
{
    TciGen *g = tcg_backend_priv(s, &tcg_backend_tci, tci_alloc_priv);
    uint32_t *words;
    size_t code_words, total;

    g_array_set_size(g->code, 0);
    g_array_set_size(g->const_fix, 0);
    g_array_set_size(g->pool, 0);
    g->bad = false;
    for (int i = 0; i < s->nb_temps; i++) {
        s->temps[i].state = 0;
    }
    for (int i = 0; i < s->nb_labels; i++) {
        s->labels[i].has_value = false;
        s->labels[i].nb_relocs = 0;
    }
    s->nb_insns = 0;

    for (int i = 0; i < s->nb_ops; i++) {
        if (i + 1 < s->nb_ops &&
            gen_fused_ld_brcond(g, &s->ops[i], &s->ops[i + 1])) {
            i++;
            continue;
        }
        gen_one_op(g, s, tb, &s->ops[i]);
    }
    if (s->nb_insns > 0) {
        s->insn_end_off[s->nb_insns - 1] = gen_pos(g) * 4;
    }
    /* A branch to a label that was never placed: end the TB safely. */
    for (int i = 0; i < s->nb_labels; i++) {
        TCGLabel *l = &s->labels[i];

        if (l->nb_relocs) {
            gen_set_label_here(g, l);
            gen_word(g, INDEX_op_exit_tb);
            gen_u64(g, 0);
        }
    }

    /* Constant pool, 8-byte aligned, after the code. */
    if (g->code->len & 1) {
        gen_word(g, 0);
    }
    code_words = g->code->len;
    words = (uint32_t *)g->code->data;
    for (guint i = 0; i < g->const_fix->len; i++) {
        uint32_t pos = g_array_index(g->const_fix, uint32_t, i);
        uint32_t byte_off = (uint32_t)(code_words * 4 + words[pos] * 8);

        words[pos] = tci_operand(TCI_BASE_TB, (int32_t)byte_off);
    }
    total = code_words * 4 + g->pool->len * 8;
    if (total > buf_size || total > INT32_MAX / 4) {
        return -1;
    }
    memcpy(buf, g->code->data, code_words * 4);
    if (g->pool->len) {
        memcpy(buf + code_words * 4, g->pool->data, g->pool->len * 8);
    }
    return (int)total;
}

static void tci_init(void)
{
    tcg_code_gen_epilogue = NULL;
}

uintptr_t tci_enter(void *env, const void *tc_ptr);

static void tci_set_jmp_target(TranslationBlock *tb, int n, uintptr_t addr)
{
    __atomic_store_n(&tb->jmp_target_addr[n], addr, __ATOMIC_RELEASE);
}

const TCGBackend tcg_backend_tci = {
    .name = "tci",
    .init = tci_init,
    .gen_code = tci_gen_code,
    .enter = tci_enter,
    .set_jmp_target = tci_set_jmp_target,
    .host_code = false,
    .free_priv = tci_free_priv,
};
