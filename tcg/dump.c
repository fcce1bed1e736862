/* SPDX-License-Identifier: MIT */
/* Text dump of the IR for -d op / -d op_opt, in QEMU's familiar style. */
#include <inttypes.h>
#include <stdio.h>

#include <glib.h>

#include "vemu/tcg.h"

static const char *const cond_names[] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq",       [TCG_COND_NE] = "ne",
    [TCG_COND_LT] = "lt",       [TCG_COND_GE] = "ge",
    [TCG_COND_LE] = "le",       [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu",     [TCG_COND_GEU] = "geu",
    [TCG_COND_LEU] = "leu",     [TCG_COND_GTU] = "gtu",
};

static void dump_temp(TCGContext *s, GString *out, TCGArg a)
{
    TCGTemp *t = arg_temp(a);

    switch (t->kind) {
    case TEMP_GLOBAL:
    case TEMP_FIXED:
        g_string_append(out, t->name ? t->name : "?");
        break;
    case TEMP_CONST:
        if (t->type == TCG_TYPE_I32) {
            g_string_append_printf(out, "$0x%" PRIx32, (uint32_t)t->val);
        } else {
            g_string_append_printf(out, "$0x%" PRIx64, (uint64_t)t->val);
        }
        break;
    case TEMP_TB:
        g_string_append_printf(out, "loc%d", t->index - s->nb_globals);
        break;
    default:
        g_string_append_printf(out, "tmp%d", t->index - s->nb_globals);
        break;
    }
}

static void dump_cond(GString *out, TCGArg c)
{
    if (c < G_N_ELEMENTS(cond_names)) {
        g_string_append(out, cond_names[c]);
    } else {
        g_string_append_printf(out, "$0x%" PRIx64, (uint64_t)c);
    }
}

static void dump_memop(GString *out, TCGArg oi)
{
    static const char sizes[] = "bwlq";
    MemOp mo = get_memop((MemOpIdx)oi);

    g_string_append_printf(out, "%s%c%c,%u", (mo & MO_ALIGN) ? "al+" : "",
                           (mo & MO_SIGN) ? 's' : 'u', sizes[mo & MO_SIZE],
                           get_mmuidx((MemOpIdx)oi));
}

static void dump_call(TCGContext *s, GString *out, const TCGOp *op)
{
    int no = op->nb_call_oargs, ni = op->nb_call_iargs;

    g_string_append_printf(out, " call $%p,$0x%x,$0x%x",
                           (void *)(uintptr_t)op->args[no + ni],
                           (unsigned)op->args[no + ni + 1],
                           (unsigned)op->args[no + ni + 2]);
    for (int i = 0; i < no + ni; i++) {
        g_string_append_c(out, ',');
        dump_temp(s, out, op->args[i]);
    }
}

/* Constant argument k of an op, printed by what it means. */
static void dump_carg(GString *out, const TCGOp *op, int k, TCGArg a)
{
    switch (op->opc) {
    case INDEX_op_setcond_i32:
    case INDEX_op_setcond_i64:
    case INDEX_op_movcond_i32:
    case INDEX_op_movcond_i64:
        dump_cond(out, a);
        return;
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
        if (k == 0) {
            dump_cond(out, a);
        } else {
            g_string_append_printf(out, "$L%d", arg_label(a)->id);
        }
        return;
    case INDEX_op_br:
    case INDEX_op_set_label:
        g_string_append_printf(out, "$L%d", arg_label(a)->id);
        return;
    case INDEX_op_qemu_ld_i32:
    case INDEX_op_qemu_ld_i64:
    case INDEX_op_qemu_st_i32:
    case INDEX_op_qemu_st_i64:
        dump_memop(out, a);
        return;
    default:
        g_string_append_printf(out, "$0x%" PRIx64, (uint64_t)a);
        return;
    }
}

static void dump_liveness(GString *out, const TCGOp *op)
{
    if (!op->dead_args && !op->sync_args) {
        return;
    }
    while (out->len < 48) {
        g_string_append_c(out, ' ');
    }
    if (op->dead_args) {
        g_string_append(out, "  dead:");
        for (int i = 0; i < 16; i++) {
            if (op->dead_args & (1u << i)) {
                g_string_append_printf(out, " %d", i);
            }
        }
    }
    if (op->sync_args) {
        g_string_append(out, "  sync:");
        for (int i = 0; i < 16; i++) {
            if (op->sync_args & (1u << i)) {
                g_string_append_printf(out, " %d", i);
            }
        }
    }
}

static void dump_op(TCGContext *s, GString *out, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nt = def->nb_oargs + def->nb_iargs;

    if (op->opc == INDEX_op_insn_start) {
        g_string_append_printf(out, " ---- %016" PRIx64 " %016" PRIx64,
                               (uint64_t)op->args[0], (uint64_t)op->args[1]);
        return;
    }
    if (op->opc == INDEX_op_call) {
        dump_call(s, out, op);
        return;
    }
    g_string_append_printf(out, " %s ", def->name);
    for (int i = 0; i < nt; i++) {
        if (i) {
            g_string_append_c(out, ',');
        }
        dump_temp(s, out, op->args[i]);
    }
    for (int k = 0; k < def->nb_cargs; k++) {
        if (nt + k) {
            g_string_append_c(out, ',');
        }
        dump_carg(out, op, k, op->args[nt + k]);
    }
}

void tcg_dump_ops(TCGContext *s, FILE *f, bool with_liveness)
{
    GString *out = g_string_sized_new(128);

    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];

        g_string_truncate(out, 0);
        if (op->opc == INDEX_op_insn_start && i) {
            g_string_append_c(out, '\n');
        }
        dump_op(s, out, op);
        if (with_liveness) {
            dump_liveness(out, op);
        }
        fprintf(f, "%s\n", out->str);
    }
    g_string_free(out, TRUE);
}
