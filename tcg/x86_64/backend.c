/* SPDX-License-Identifier: MIT */
/* x86-64 host backend: prologue, code generation driver, control flow. */
#include <cpuid.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "tcg/x86_64/backend.h"
#include "vemu/softmmu.h"

bool x86_have_lzcnt, x86_have_bmi1, x86_have_bmi2, x86_have_popcnt;
int32_t x86_env_bias;
static bool x86_env_bias_set;

/* enter(env, tc_ptr, guest_base, addr_limit) in the prologue page. */
typedef uintptr_t (*X86PrologueFn)(void *env, const void *tc_ptr,
                                   uintptr_t gbase, uint64_t limit);
static X86PrologueFn x86_prologue;
/* The rest of the prologue page, where the goto_lookup stub goes. */
static X86Code x86_stub_area;
/* Where exit_tb jumps with the return value in rax; and "return 0". */
static uintptr_t x86_epilogue_ret, x86_epilogue_zero;


/* Caller-saved first last: values in callee-saved regs survive calls. */
static const int8_t x86_alloc_order[] = {
    X86_RBX, X86_R12, X86_R13, X86_R15, X86_R10, X86_R11, X86_R9, X86_R8,
    X86_RSI, X86_RDI, X86_RCX, X86_RDX, X86_RAX,
};
static const int8_t x86_call_iarg[] = {
    X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9,
};

static const RAHostRegs x86_hregs = {
    .order = x86_alloc_order,
    .nb_order = sizeof(x86_alloc_order),
    .call_clobbered = (1u << X86_RAX) | (1u << X86_RCX) | (1u << X86_RDX) |
                      (1u << X86_RSI) | (1u << X86_RDI) | (1u << X86_R8) |
                      (1u << X86_R9) | (1u << X86_R10) | (1u << X86_R11),
    .call_iarg = x86_call_iarg,
    .nb_call_iarg = 6,
    .call_oarg = X86_RAX,
    .env_reg = X86_AREG0,
    .frame_reg = X86_FRAME,
};

/* Allocator callbacks. */
static void ra_host_mov(RAState *ra, TCGType type, int dst, int src)
{
    if (src == X86_AREG0) {
        /* The env pointer itself, without the bias. */
        x86_emit_lea(&x86_gen_of(ra)->code, true, dst, X86_AREG0, -1, 0,
                     -x86_env_bias);
        return;
    }
    x86_emit_mov_rr(&x86_gen_of(ra)->code, type == TCG_TYPE_I64, dst, src);
}

static void ra_host_movi(RAState *ra, TCGType type, int dst, int64_t v)
{
    x86_emit_movi(&x86_gen_of(ra)->code, type == TCG_TYPE_I64, dst, v);
}

static void ra_host_ld(RAState *ra, TCGType type, int dst, int base,
                       intptr_t off)
{
    x86_emit_ld(&x86_gen_of(ra)->code, type == TCG_TYPE_I64, dst, base,
                x86_env_off(base, off));
}

static void ra_host_st(RAState *ra, TCGType type, int src, int base,
                       intptr_t off)
{
    x86_emit_st(&x86_gen_of(ra)->code, type == TCG_TYPE_I64, src, base,
                x86_env_off(base, off));
}

static bool ra_host_sti(RAState *ra, TCGType type, int64_t v, int base,
                        intptr_t off)
{
    X86Code *c = &x86_gen_of(ra)->code;

    if (type == TCG_TYPE_I64 && !x86_fits_s32(v)) {
        return false;
    }
    x86_emit_modrm_offset(c, XO_MOVL_EvIz |
                          (type == TCG_TYPE_I64 ? XP_REXW : 0), 0, base,
                          x86_env_off(base, off));
    x86_out32(c, (uint32_t)v);
    return true;
}

static void ra_host_call(RAState *ra, uintptr_t func)
{
    x86_emit_call(&x86_gen_of(ra)->code, func);
}

static void ra_host_ext32(RAState *ra, bool sign, int reg)
{
    x86_emit_modrm(&x86_gen_of(ra)->code, sign ? XO_MOVSLQ : XO_MOVL_GvEv,
                   reg, reg);
}

static const RAHostOps x86_ra_ops = {
    .mov = ra_host_mov,
    .movi = ra_host_movi,
    .ld = ra_host_ld,
    .st = ra_host_st,
    .sti = ra_host_sti,
    .call = ra_host_call,
    .ext32 = ra_host_ext32,
};

static void x86_detect_features(void)
{
    unsigned a, b, c, d;

    if (__get_cpuid(1, &a, &b, &c, &d)) {
        x86_have_popcnt = (c >> 23) & 1;
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        x86_have_bmi1 = (b >> 3) & 1;
        x86_have_bmi2 = (b >> 8) & 1;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        x86_have_lzcnt = (c >> 5) & 1;
    }
    /* Testing hook: VEMU_X86_NO_EXT=1 exercises the fallback sequences. */
    if (getenv("VEMU_X86_NO_EXT")) {
        x86_have_lzcnt = x86_have_bmi1 = x86_have_bmi2 = false;
        x86_have_popcnt = false;
    }
}

static const int8_t x86_saved_regs[] = {
    X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15,
};

static void x86_gen_prologue(X86Code *c)
{
    int n = sizeof(x86_saved_regs);

    for (int i = 0; i < n; i++) {
        x86_emit_push(c, x86_saved_regs[i]);
    }
    x86_emit_arith_ri(c, XA_SUB, true, X86_RSP, X86_FRAME_SIZE);
    x86_emit_mov_rr(c, true, X86_AREG0, X86_RDI);
    x86_emit_mov_rr(c, true, X86_GUEST_BASE, X86_RDX);
    x86_emit_st(c, true, X86_RCX, X86_RSP, X86_FRAME_LIMIT_OFF);
    x86_emit_modrm(c, XO_GRP5, X5_JMPN, X86_RSI);

    /* goto_ptr's "no TB" target: return 0. */
    x86_epilogue_zero = x86_here(c);
    x86_emit_arith_rr(c, XA_XOR, false, X86_RAX, X86_RAX);
    x86_epilogue_ret = x86_here(c);
    x86_emit_arith_ri(c, XA_ADD, true, X86_RSP, X86_FRAME_SIZE);
    for (int i = n - 1; i >= 0; i--) {
        x86_emit_pop(c, x86_saved_regs[i]);
    }
    x86_out8(c, XO_RET);
}

static void x86_init(void)
{
    X86Code c;
    void *page;

    if (x86_prologue) {
        /* Another backend's init may have reset it (tests use both). */
        tcg_code_gen_epilogue = (const void *)x86_epilogue_zero;
        return;
    }
    x86_detect_features();
    x86_init_op_defs();
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        g_error("x86: cannot map the prologue page");
    }
    c = (X86Code){ .buf = page, .pos = 0, .size = 4096 };
    x86_gen_prologue(&c);
    x86_stub_area = c;
    x86_prologue = (X86PrologueFn)page;
    tcg_code_gen_epilogue = (const void *)x86_epilogue_zero;
}

static uintptr_t x86_enter(void *env, const void *tc_ptr)
{
    uint64_t limit = guest_addr_bits >= 64 ? UINT64_MAX
                                           : 1ull << guest_addr_bits;

    return x86_prologue((char *)env + x86_env_bias, tc_ptr, guest_base,
                        limit);
}

static void x86_set_jmp_target(TranslationBlock *tb, int n, uintptr_t addr)
{
    uintptr_t field = (uintptr_t)tb->tc_ptr + tb->jmp_insn_offset[n];
    int64_t disp = (int64_t)(addr - (field + 4));

    if (tb->jmp_insn_offset[n] == 0) {
        /* A goto_tb too far into a huge TB: never chained. */
        return;
    }

    if (!x86_fits_s32(disp)) {
        /* Out of reach: keep falling through to the exit. */
        disp = 0;
        addr = (uintptr_t)tb->tc_ptr + tb->jmp_reset_offset[n];
        disp = (int64_t)(addr - (field + 4));
    }
    __atomic_store_n((uint32_t *)field, (uint32_t)disp, __ATOMIC_RELEASE);
}

/* Labels: rel32 fields patched when the label is placed. */
static void x86_label_ref(X86Gen *g, TCGLabel *l, size_t field)
{
    l->referenced = true;
    if (l->has_value) {
        x86_patch32(&g->code, field, (uint32_t)(l->value - (field + 4)));
        return;
    }
    if (l->nb_relocs == l->relocs_cap) {
        l->relocs_cap = l->relocs_cap ? l->relocs_cap * 2 : 4;
        l->relocs = g_renew(TCGRelocation, l->relocs, l->relocs_cap);
    }
    l->relocs[l->nb_relocs++] = (TCGRelocation){ .code_offset = field };
}

static void x86_label_place(X86Gen *g, TCGLabel *l)
{
    l->has_value = true;
    l->value = g->code.pos;
    for (int i = 0; i < l->nb_relocs; i++) {
        size_t f = l->relocs[i].code_offset;

        x86_patch32(&g->code, f, (uint32_t)(l->value - (f + 4)));
    }
    l->nb_relocs = 0;
}

static void x86_jmp_label(X86Gen *g, int cc, TCGLabel *l)
{
    X86Code *c = &g->code;

    if (l->has_value && x86_fits_s8((int64_t)l->value - (c->pos + 2))) {
        /* Backward and near: short form. */
        x86_out8(c, cc < 0 ? XO_JMP_short : XO_JCC_short + cc);
        x86_out8(c, (uint8_t)(l->value - (c->pos + 1)));
        return;
    }
    if (cc < 0) {
        x86_out8(c, XO_JMP_long);
    } else {
        x86_out8(c, 0x0f);
        x86_out8(c, 0x80 + cc);
    }
    x86_out32(c, 0);
    x86_label_ref(g, l, c->pos - 4);
}

static void x86_emit_brcond(X86Gen *g, const TCGOp *op)
{
    const RAOpDef *def = &x86_op_defs[op->opc];
    bool rexw = tcg_op_defs[op->opc].flags & TCG_OPF_64BIT;
    TCGCond cond = (TCGCond)op->args[2];
    TCGLabel *l = arg_label(op->args[3]);
    RAOpArgs a;

    ra_op_begin(&g->ra, op, def, &a);
    ra_sync_for_branch(&g->ra);
    if (cond == TCG_COND_ALWAYS) {
        x86_jmp_label(g, -1, l);
    } else if (cond != TCG_COND_NEVER) {
        x86_emit_cmp(g, rexw, a.reg[0], &a, 1);
        x86_jmp_label(g, x86_cond(cond), l);
    }
    ra_op_end(&g->ra, op);
}

/*
 * ld_i32 t, env, off; brcond_i32 t, $c, cond (t dying there) becomes
 * cmp dword [rbp + off], c; jcc: the exit-request check that opens every
 * TB. Returns false when the pair does not have that shape.
 */
static bool x86_try_fuse_ld_brcond(X86Gen *g, const TCGOp *ld,
                                   const TCGOp *br)
{
    X86Code *c = &g->code;
    TCGTemp *t = arg_temp(ld->args[0]);
    TCGTemp *base = arg_temp(ld->args[1]);
    TCGTemp *k;
    int64_t off = (int64_t)ld->args[2], v;
    TCGCond cond;

    if (!br || br->opc != INDEX_op_brcond_i32 || br->args[0] != ld->args[0] ||
        !(br->dead_args & 1) || ld->sync_args || ld->dead_args ||
        base->kind != TEMP_FIXED || t->kind == TEMP_GLOBAL ||
        !x86_fits_s32(off - x86_env_bias)) {
        return false;
    }
    k = arg_temp(br->args[1]);
    cond = (TCGCond)br->args[2];
    if (k->kind != TEMP_CONST || cond == TCG_COND_ALWAYS ||
        cond == TCG_COND_NEVER) {
        return false;
    }
    v = (int32_t)k->val;
    ra_sync_for_branch(&g->ra);
    if (x86_fits_s8(v)) {
        x86_emit_modrm_offset(c, XO_ARITH_EvIb, XA_CMP, X86_AREG0,
                              x86_env_off(X86_AREG0, off));
        x86_out8(c, (uint8_t)v);
    } else {
        x86_emit_modrm_offset(c, XO_ARITH_EvIz, XA_CMP, X86_AREG0,
                              x86_env_off(X86_AREG0, off));
        x86_out32(c, (uint32_t)v);
    }
    x86_jmp_label(g, x86_cond(cond), arg_label(br->args[3]));
    ra_discard(&g->ra, t);
    return true;
}

static void x86_emit_exit_tb(X86Gen *g, uintptr_t v)
{
    X86Code *c = &g->code;

    if (v == 0) {
        x86_emit_jmp_abs(c, x86_epilogue_zero);
        return;
    }
    x86_emit_movi(c, true, X86_RAX, (int64_t)v);
    x86_emit_jmp_abs(c, x86_epilogue_ret);
}

static void x86_emit_goto_tb(X86Gen *g, int n)
{
    X86Code *c = &g->code;
    int pad = (4 - (int)((x86_here(c) + 1) & 3)) & 3;

    if (c->pos + pad + 5 > UINT16_MAX) {
        /*
         * The 16-bit offsets cannot say where the jump is: no chaining for
         * this slot (offset 0 tells set_jmp_target), fall through to exit.
         */
        if (g->tb) {
            g->tb->jmp_insn_offset[n] = 0;
            g->tb->jmp_reset_offset[n] = 0;
        }
        return;
    }

    /* The rel32 must be 4-aligned so one atomic store retargets it. */
    x86_emit_nops(c, pad);
    x86_out8(c, XO_JMP_long);
    if (g->tb) {
        g->tb->jmp_insn_offset[n] = (uint16_t)c->pos;
    }
    x86_out32(c, 0);
    if (g->tb) {
        g->tb->jmp_reset_offset[n] = (uint16_t)c->pos;
    }
}

static void x86_emit_slow_paths(X86Gen *g)
{
    X86Code *c = &g->code;

    for (guint i = 0; i < g->slow->len; i++) {
        X86SlowPath *p = &g_array_index(g->slow, X86SlowPath, i);
        uintptr_t lea_end;

        for (int j = 0; j < p->nb_jcc; j++) {
            x86_patch32(c, p->jcc_at[j],
                        (uint32_t)(c->pos - (p->jcc_at[j] + 4)));
        }
        if (p->softmmu) {
            x86_emit_softmmu_slow_path(g, p);
            continue;
        }
        /* The guest's state in env, as the fault handler expects. */
        for (int j = 0; j < p->nb_dirty; j++) {
            x86_emit_fault_store(c, p->dirty[j]);
        }
        /* Read addr first: it may sit in an argument register. */
        x86_emit_mov_rr(c, true, X86_RSI, p->addr_reg);
        x86_emit_lea(c, true, X86_RDI, X86_AREG0, -1, 0, -x86_env_bias);
        x86_emit_movi(c, false, X86_RDX, p->oi);
        x86_emit_movi(c, false, X86_RCX, p->is_store);
        lea_end = x86_here(c) + 7;
        x86_emit_lea(c, true, X86_R8, -1, -1, 0,
                     (int32_t)(p->retaddr - lea_end));
        x86_emit_call(c, (uintptr_t)tcg_user_access_fault);
        /* ud2: never returns. */
        x86_out8(c, 0x0f);
        x86_out8(c, 0x0b);
    }
}

/*
 * Pick the bias once, before the first TB exists: the window of 256
 * bytes around rbp that holds the most globals.
 */
static void x86_choose_env_bias(TCGContext *s)
{
    int best = 0;
    int32_t bias = 0;

    for (int i = 0; i < s->nb_globals; i++) {
        intptr_t lo = s->temps[i].mem_offset;
        int n = 0;

        if (s->temps[i].kind != TEMP_GLOBAL) {
            continue;
        }
        for (int j = 0; j < s->nb_globals; j++) {
            intptr_t o = s->temps[j].mem_offset;

            n += s->temps[j].kind == TEMP_GLOBAL && o >= lo && o < lo + 256;
        }
        if (n > best || (n == best && lo + 128 < bias)) {
            best = n;
            bias = (int32_t)(lo + 128);
        }
    }
    /* Small offsets (the exit request flag) stay reachable cheaply too. */
    if (bias < 128) {
        bias = 0;
    }
    x86_env_bias = bias;
    x86_env_bias_set = true;
}

static void *x86_alloc_priv(void)
{
    X86Gen *g = g_new0(X86Gen, 1);

    g->slow = g_array_new(false, false, sizeof(X86SlowPath));
    return g;
}

static void x86_free_priv(void *priv)
{
    X86Gen *g = priv;

    g_array_free(g->slow, true);
    g_free(g);
}

/* Emit the ops; -1 when the buffer is too small. */
static int x86_gen_code(TCGContext *s, TranslationBlock *tb, uint8_t *buf,
                        size_t buf_size)
{
    X86Gen *g;
    size_t margin = 1024 + 16 * (size_t)s->nb_temps;
    int nb_insns = 0;

    g = tcg_backend_priv(s, &tcg_backend_x86_64, x86_alloc_priv);
    if (!x86_env_bias_set) {
        x86_choose_env_bias(s);
    }
    if (!x86_lookup_stub) {
        /* Under tb_lock, like all code generation. */
        x86_gen_lookup_stub(&x86_stub_area);
    }
    g->code = (X86Code){ .buf = buf, .pos = 0, .size = buf_size };
    g->s = s;
    g->tb = tb;
    g_array_set_size(g->slow, 0);
    for (int i = 0; i < s->nb_labels; i++) {
        s->labels[i].has_value = false;
        s->labels[i].nb_relocs = 0;
    }
    s->frame_start = X86_FRAME_SPILL_START;
    s->frame_end = X86_FRAME_SIZE;
    ra_begin(&g->ra, s, &x86_ra_ops, &x86_hregs, g);
    g->ra.defer_fault_sync = true;
    s->nb_fault_data = 0;

    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        const TCGOpDef *od = &tcg_op_defs[op->opc];
        RAOpArgs a;

        if (g->code.pos + margin > buf_size) {
            return -1;
        }
        switch (op->opc) {
        case INDEX_op_insn_start:
            if (nb_insns > 0) {
                s->insn_end_off[nb_insns - 1] = g->code.pos;
            }
            if (nb_insns < TCG_MAX_INSNS) {
                s->insn_data[nb_insns][0] = op->args[0];
                s->insn_data[nb_insns][1] = op->args[1];
                nb_insns++;
            }
            break;
        case INDEX_op_discard:
            ra_discard(&g->ra, arg_temp(op->args[0]));
            break;
        case INDEX_op_set_label:
            ra_bb_end(&g->ra);
            x86_label_place(g, arg_label(op->args[0]));
            break;
        case INDEX_op_br:
            ra_bb_end(&g->ra);
            x86_jmp_label(g, -1, arg_label(op->args[0]));
            break;
        case INDEX_op_mb:
            /* x86 is TSO: only store-then-load ordering needs a fence. */
            if (op->args[0] & TCG_MO_ST_LD) {
                x86_emit_mfence(&g->code);
            }
            break;
        case INDEX_op_mov_i32:
        case INDEX_op_mov_i64:
            ra_mov(&g->ra, op);
            break;
        case INDEX_op_call:
            ra_call(&g->ra, op);
            break;
        case INDEX_op_exit_tb:
            ra_bb_end(&g->ra);
            x86_emit_exit_tb(g, (uintptr_t)op->args[0]);
            break;
        case INDEX_op_goto_tb:
            ra_bb_end(&g->ra);
            x86_emit_goto_tb(g, (int)op->args[0] & 1);
            break;
        case INDEX_op_goto_ptr:
            ra_op_begin(&g->ra, op, &x86_op_defs[op->opc], &a);
            ra_bb_end(&g->ra);
            x86_emit_modrm(&g->code, XO_GRP5, X5_JMPN, a.reg[0]);
            ra_op_end(&g->ra, op);
            break;
        case INDEX_op_goto_lookup:
            /* The stub takes pc in rsi and the flags in rdx. */
            ra_op_begin(&g->ra, op, &x86_op_defs[op->opc], &a);
            ra_bb_end(&g->ra);
            x86_emit_movi(&g->code, true, X86_RDX, (int64_t)op->args[1]);
            x86_emit_jmp_abs(&g->code, x86_lookup_stub);
            ra_op_end(&g->ra, op);
            break;
        case INDEX_op_brcond_i32:
        case INDEX_op_brcond_i64:
            x86_emit_brcond(g, op);
            break;
        case INDEX_op_ld_i32:
            if (x86_try_fuse_ld_brcond(g, op, i + 1 < s->nb_ops
                                                  ? &s->ops[i + 1] : NULL)) {
                i++;
                break;
            }
            ra_op_begin(&g->ra, op, &x86_op_defs[op->opc], &a);
            x86_emit_op(g, op, &a);
            ra_op_end(&g->ra, op);
            break;
        case INDEX_op_qemu_ld_i32:
        case INDEX_op_qemu_ld_i64:
        case INDEX_op_qemu_st_i32:
        case INDEX_op_qemu_st_i64:
            ra_op_begin(&g->ra, op, &x86_op_defs[op->opc], &a);
            if (softmmu_enabled) {
                x86_emit_qemu_ldst_softmmu(g, op, &a);
            } else {
                x86_emit_qemu_ldst(g, op, &a);
            }
            ra_op_end(&g->ra, op);
            break;
        default:
            if (!x86_op_defs[op->opc].valid) {
                g_error("x86: unsupported op %s", od->name);
            }
            ra_op_begin(&g->ra, op, &x86_op_defs[op->opc], &a);
            x86_emit_op(g, op, &a);
            ra_op_end(&g->ra, op);
            break;
        }
    }
    if (nb_insns > 0) {
        s->insn_end_off[nb_insns - 1] = g->code.pos;
    }
    s->nb_insns = nb_insns;
    /* A stub: 40 bytes of call setup, up to 16 stores of 7 bytes. */
    if (g->code.pos + 320 * (g->slow->len + 1) > buf_size) {
        return -1;
    }
    x86_emit_slow_paths(g);
    return (int)g->code.pos;
}

/* ucontext_t gregs index of each x86 register number. */
static const int8_t x86_greg_index[16] = {
    [X86_RAX] = REG_RAX, [X86_RCX] = REG_RCX, [X86_RDX] = REG_RDX,
    [X86_RBX] = REG_RBX, [X86_RSP] = REG_RSP, [X86_RBP] = REG_RBP,
    [X86_RSI] = REG_RSI, [X86_RDI] = REG_RDI, [X86_R8] = REG_R8,
    [X86_R9] = REG_R9, [X86_R10] = REG_R10, [X86_R11] = REG_R11,
    [X86_R12] = REG_R12, [X86_R13] = REG_R13, [X86_R14] = REG_R14,
    [X86_R15] = REG_R15,
};

/*
 * A host fault at code offset off of tb: if that is a guest access with
 * globals only in registers, copy them from the signal context to env.
 */
static void x86_restore_fault_regs(const TranslationBlock *tb, uintptr_t off,
                                   const void *ucontext, void *env)
{
    const ucontext_t *uc = ucontext;
    const uint32_t *d = tb->fault_data;
    uint32_t i = 0, nb = tb->nb_fault_data;

    while (i + 2 <= nb) {
        uint32_t at = d[i], n = d[i + 1];

        if (n > nb - i - 2 || at > off) {
            return;    /* in code order: past it */
        }
        if (at == off) {
            for (uint32_t k = 0; k < n; k++) {
                uint32_t w = d[i + 2 + k];
                uint64_t v = (uint64_t)uc->uc_mcontext.gregs[
                    x86_greg_index[w & 15]];
                char *field = (char *)env + (w >> 5);

                if ((w >> 4) & 1) {
                    uint32_t v32 = (uint32_t)v;

                    memcpy(field, &v32, 4);
                } else {
                    memcpy(field, &v, 8);
                }
            }
            return;
        }
        i += 2 + n;
    }
}

const TCGBackend tcg_backend_x86_64 = {
    .name = "x86_64",
    .init = x86_init,
    .gen_code = x86_gen_code,
    .enter = x86_enter,
    .set_jmp_target = x86_set_jmp_target,
    .host_code = true,
    .restore_fault_regs = x86_restore_fault_regs,
    .free_priv = x86_free_priv,
    .has_goto_lookup = true,
};
