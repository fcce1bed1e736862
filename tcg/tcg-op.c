/* SPDX-License-Identifier: MIT */
/* The frontends' IR emission API (tcg-op.h): one op per call, mostly. */
#include <glib.h>

#include "vemu/exec.h"
#include "vemu/tcg-op.h"

#define TEMP_i32(v) tcgv_i32_temp(v)
#define TEMP_i64(v) tcgv_i64_temp(v)
#define TYPE_i32 TCG_TYPE_I32
#define TYPE_i64 TCG_TYPE_I64
#define CONST_i32(v) tcg_constant_internal(TCG_TYPE_I32, v)
#define CONST_i64(v) tcg_constant_internal(TCG_TYPE_I64, v)

/* Generic emitters: arguments in TCGOp.args order. */
static void gen_op1(TCGOpcode opc, TCGArg a1)
{
    TCGOp *op = tcg_emit_op(opc);

    op->args[0] = a1;
}

static void gen_op2(TCGOpcode opc, TCGArg a1, TCGArg a2)
{
    TCGOp *op = tcg_emit_op(opc);

    op->args[0] = a1;
    op->args[1] = a2;
}

static void gen_op3(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3)
{
    TCGOp *op = tcg_emit_op(opc);

    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
}

static void gen_op4(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3,
                    TCGArg a4)
{
    TCGOp *op = tcg_emit_op(opc);

    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
}

static void gen_op6(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3,
                    TCGArg a4, TCGArg a5, TCGArg a6)
{
    TCGOp *op = tcg_emit_op(opc);

    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
    op->args[5] = a6;
}

static inline TCGArg ta(TCGTemp *t)
{
    return temp_arg(t);
}

/* Globals and temps. */

TCGv_i32 tcg_global_mem_new_i32(intptr_t offset, const char *name)
{
    return temp_tcgv_i32(
        tcg_global_mem_new_internal(TCG_TYPE_I32, offset, name));
}

TCGv_i64 tcg_global_mem_new_i64(intptr_t offset, const char *name)
{
    return temp_tcgv_i64(
        tcg_global_mem_new_internal(TCG_TYPE_I64, offset, name));
}

TCGv_i32 tcg_temp_new_i32(void)
{
    return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_EBB));
}

TCGv_i64 tcg_temp_new_i64(void)
{
    return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_EBB));
}

TCGv_ptr tcg_temp_new_ptr(void)
{
    return temp_tcgv_ptr(tcg_temp_new_internal(TCG_TYPE_PTR, TEMP_EBB));
}

TCGv_i32 tcg_temp_new_tb_i32(void)
{
    return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB));
}

TCGv_i64 tcg_temp_new_tb_i64(void)
{
    return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB));
}

void tcg_temp_free_i32(TCGv_i32 t)
{
    tcg_temp_free_internal(tcgv_i32_temp(t));
}

void tcg_temp_free_i64(TCGv_i64 t)
{
    tcg_temp_free_internal(tcgv_i64_temp(t));
}

void tcg_temp_free_ptr(TCGv_ptr t)
{
    tcg_temp_free_internal(tcgv_ptr_temp(t));
}

TCGv_i32 tcg_constant_i32(int32_t v)
{
    return temp_tcgv_i32(CONST_i32(v));
}

TCGv_i64 tcg_constant_i64(int64_t v)
{
    return temp_tcgv_i64(CONST_i64(v));
}

TCGv_ptr tcg_constant_ptr(intptr_t v)
{
    return temp_tcgv_ptr(tcg_constant_internal(TCG_TYPE_PTR, v));
}

/* Labels and control flow. */

void gen_set_label(TCGLabel *l)
{
    l->present = true;
    gen_op1(INDEX_op_set_label, label_arg(l));
}

void tcg_gen_br(TCGLabel *l)
{
    l->referenced = true;
    gen_op1(INDEX_op_br, label_arg(l));
}

void tcg_gen_mb(TCGBar bar)
{
    gen_op1(INDEX_op_mb, bar);
}

void tcg_gen_insn_start(uint64_t pc, uint64_t extra)
{
    TCGContext *s = tcg_ctx;

    if (s->nb_insns >= TCG_MAX_INSNS) {
        g_error("tcg: more than %d insns in one TB", TCG_MAX_INSNS);
    }
    s->insn_data[s->nb_insns][0] = pc;
    s->insn_data[s->nb_insns][1] = extra;
    s->nb_insns++;
    gen_op2(INDEX_op_insn_start, pc, extra);
}

void tcg_gen_exit_tb(const struct TranslationBlock *tb, unsigned idx)
{
    uintptr_t val = (uintptr_t)tb + idx;

    gen_op1(INDEX_op_exit_tb, val);
}

void tcg_gen_goto_tb(unsigned idx)
{
    gen_op1(INDEX_op_goto_tb, idx);
}

void tcg_gen_goto_ptr(TCGv_ptr dest)
{
    gen_op1(INDEX_op_goto_ptr, ta(tcgv_ptr_temp(dest)));
}

void tcg_gen_goto_lookup(TCGv_i64 pc, uint64_t flags)
{
    gen_op2(INDEX_op_goto_lookup, ta(tcgv_i64_temp(pc)), flags);
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    TCGv_ptr ptr = tcg_temp_new_ptr();
    TCGTemp *args[1] = { tcgv_ptr_temp(tcg_env) };

    tcg_gen_callN((void *)helper_lookup_tb_ptr, TCG_CALL_NO_WG_SE,
                  TCG_CALL_TYPEMASK(TCG_CALL_TYPE_I64, 1, TCG_CALL_TYPE_I64),
                  tcgv_ptr_temp(ptr), 1, args);
    tcg_gen_goto_ptr(ptr);
    tcg_temp_free_ptr(ptr);
}

void tcg_gen_callN(void *func, unsigned flags, uint32_t typemask,
                   TCGTemp *ret, int nargs, TCGTemp **args)
{
    TCGOp *op;
    int n = 0;

    if (nargs > TCG_MAX_CALL_IARGS) {
        g_error("tcg: helper call with %d args", nargs);
    }
    op = tcg_emit_op(INDEX_op_call);
    if (ret) {
        op->args[n++] = ta(ret);
    }
    for (int i = 0; i < nargs; i++) {
        op->args[n++] = ta(args[i]);
    }
    op->args[n++] = (TCGArg)(uintptr_t)func;
    op->args[n++] = flags;
    op->args[n++] = typemask;
    op->nb_call_oargs = ret ? 1 : 0;
    op->nb_call_iargs = nargs;
}

/*
 * Both widths: the bodies below are identical for i32 and i64 apart from
 * the opcode suffix, so they are stamped out once per width.
 */
#define GEN_BINARY(name, S, T)                                               \
    void tcg_gen_##name##_##S(T r, T a, T b)                                 \
    {                                                                        \
        gen_op3(INDEX_op_##name##_##S, ta(TEMP_##S(r)), ta(TEMP_##S(a)),     \
                ta(TEMP_##S(b)));                                            \
    }

#define GEN_BINARY_IMM(name, S, T)                                           \
    void tcg_gen_##name##i_##S(T r, T a, int64_t b)                          \
    {                                                                        \
        gen_op3(INDEX_op_##name##_##S, ta(TEMP_##S(r)), ta(TEMP_##S(a)),     \
                ta(CONST_##S(b)));                                           \
    }

#define GEN_UNARY(name, S, T)                                                \
    void tcg_gen_##name##_##S(T r, T a)                                      \
    {                                                                        \
        gen_op2(INDEX_op_##name##_##S, ta(TEMP_##S(r)), ta(TEMP_##S(a)));    \
    }

#define GEN_LDST(name, S, T)                                                 \
    void tcg_gen_##name##_##S(T r, TCGv_ptr base, intptr_t off)              \
    {                                                                        \
        gen_op3(INDEX_op_##name##_##S, ta(TEMP_##S(r)),                      \
                ta(tcgv_ptr_temp(base)), (TCGArg)off);                       \
    }

/* and with 0xffffffff: only reachable for i64 (i32 normalizes it to -1). */
static void gen_andi_word_i32(TCGv_i32 r, TCGv_i32 a)
{
    gen_op3(INDEX_op_and_i32, ta(TEMP_i32(r)), ta(TEMP_i32(a)),
            ta(CONST_i32(-1)));
}

static void gen_andi_word_i64(TCGv_i64 r, TCGv_i64 a)
{
    gen_op2(INDEX_op_ext32u_i64, ta(TEMP_i64(r)), ta(TEMP_i64(a)));
}

#define GEN_ALL(S, T)                                                        \
    GEN_BINARY(add, S, T)                                                    \
    GEN_BINARY(sub, S, T)                                                    \
    GEN_BINARY(mul, S, T)                                                    \
    GEN_BINARY_IMM(mul, S, T)                                                \
    GEN_BINARY(div, S, T)                                                    \
    GEN_BINARY(divu, S, T)                                                   \
    GEN_BINARY(rem, S, T)                                                    \
    GEN_BINARY(remu, S, T)                                                   \
    GEN_BINARY(mulsh, S, T)                                                  \
    GEN_BINARY(muluh, S, T)                                                  \
    GEN_BINARY(and, S, T)                                                    \
    GEN_BINARY(or, S, T)                                                     \
    GEN_BINARY_IMM(or, S, T)                                                 \
    GEN_BINARY(xor, S, T)                                                    \
    GEN_BINARY(andc, S, T)                                                   \
    GEN_BINARY(orc, S, T)                                                    \
    GEN_BINARY(shl, S, T)                                                    \
    GEN_BINARY_IMM(shl, S, T)                                                \
    GEN_BINARY(shr, S, T)                                                    \
    GEN_BINARY_IMM(shr, S, T)                                                \
    GEN_BINARY(sar, S, T)                                                    \
    GEN_BINARY_IMM(sar, S, T)                                                \
    GEN_BINARY(rotl, S, T)                                                   \
    GEN_BINARY_IMM(rotl, S, T)                                               \
    GEN_BINARY(rotr, S, T)                                                   \
    GEN_BINARY_IMM(rotr, S, T)                                               \
    GEN_BINARY(clz, S, T)                                                    \
    GEN_BINARY_IMM(clz, S, T)                                                \
    GEN_BINARY(ctz, S, T)                                                    \
    GEN_BINARY_IMM(ctz, S, T)                                                \
    GEN_UNARY(neg, S, T)                                                     \
    GEN_UNARY(not, S, T)                                                     \
    GEN_UNARY(ext8s, S, T)                                                   \
    GEN_UNARY(ext8u, S, T)                                                   \
    GEN_UNARY(ext16s, S, T)                                                  \
    GEN_UNARY(ext16u, S, T)                                                  \
    GEN_UNARY(ctpop, S, T)                                                   \
    GEN_LDST(ld8u, S, T)                                                     \
    GEN_LDST(ld8s, S, T)                                                     \
    GEN_LDST(ld16u, S, T)                                                    \
    GEN_LDST(ld16s, S, T)                                                    \
    GEN_LDST(ld, S, T)                                                       \
    GEN_LDST(st8, S, T)                                                      \
    GEN_LDST(st16, S, T)                                                     \
    GEN_LDST(st, S, T)                                                       \
                                                                             \
    void tcg_gen_mov_##S(T r, T a)                                           \
    {                                                                        \
        if (r != a) {                                                        \
            gen_op2(INDEX_op_mov_##S, ta(TEMP_##S(r)), ta(TEMP_##S(a)));     \
        }                                                                    \
    }                                                                        \
                                                                             \
    void tcg_gen_movi_##S(T r, int64_t v)                                    \
    {                                                                        \
        gen_op2(INDEX_op_mov_##S, ta(TEMP_##S(r)), ta(CONST_##S(v)));        \
    }                                                                        \
                                                                             \
    void tcg_gen_addi_##S(T r, T a, int64_t b)                               \
    {                                                                        \
        if (b == 0) {                                                        \
            tcg_gen_mov_##S(r, a);                                           \
        } else {                                                             \
            gen_op3(INDEX_op_add_##S, ta(TEMP_##S(r)), ta(TEMP_##S(a)),      \
                    ta(CONST_##S(b)));                                       \
        }                                                                    \
    }                                                                        \
                                                                             \
    void tcg_gen_subi_##S(T r, T a, int64_t b)                               \
    {                                                                        \
        if (b == 0) {                                                        \
            tcg_gen_mov_##S(r, a);                                           \
        } else {                                                             \
            gen_op3(INDEX_op_sub_##S, ta(TEMP_##S(r)), ta(TEMP_##S(a)),      \
                    ta(CONST_##S(b)));                                       \
        }                                                                    \
    }                                                                        \
                                                                             \
    void tcg_gen_andi_##S(T r, T a, int64_t b)                               \
    {                                                                        \
        /* Masks of a low byte, halfword or word are extensions. */          \
        switch (tcg_const_normalize(TYPE_##S, b)) {                          \
        case 0:                                                              \
            tcg_gen_movi_##S(r, 0);                                          \
            return;                                                          \
        case -1:                                                             \
            tcg_gen_mov_##S(r, a);                                           \
            return;                                                          \
        case 0xff:                                                           \
            tcg_gen_ext8u_##S(r, a);                                         \
            return;                                                          \
        case 0xffff:                                                         \
            tcg_gen_ext16u_##S(r, a);                                        \
            return;                                                          \
        case 0xffffffff:                                                     \
            gen_andi_word_##S(r, a);                                         \
            return;                                                          \
        default:                                                             \
            gen_op3(INDEX_op_and_##S, ta(TEMP_##S(r)), ta(TEMP_##S(a)),      \
                    ta(CONST_##S(b)));                                       \
        }                                                                    \
    }                                                                        \
                                                                             \
    void tcg_gen_xori_##S(T r, T a, int64_t b)                               \
    {                                                                        \
        if (tcg_const_normalize(TYPE_##S, b) == -1) {                        \
            tcg_gen_not_##S(r, a);                                           \
        } else {                                                             \
            gen_op3(INDEX_op_xor_##S, ta(TEMP_##S(r)), ta(TEMP_##S(a)),      \
                    ta(CONST_##S(b)));                                       \
        }                                                                    \
    }                                                                        \
                                                                             \
    void tcg_gen_subfi_##S(T r, int64_t a, T b)                              \
    {                                                                        \
        gen_op3(INDEX_op_sub_##S, ta(TEMP_##S(r)), ta(CONST_##S(a)),         \
                ta(TEMP_##S(b)));                                            \
    }                                                                        \
                                                                             \
    void tcg_gen_eqv_##S(T r, T a, T b)                                      \
    {                                                                        \
        tcg_gen_xor_##S(r, a, b);                                            \
        tcg_gen_not_##S(r, r);                                               \
    }                                                                        \
                                                                             \
    void tcg_gen_setcond_##S(TCGCond c, T r, T a, T b)                       \
    {                                                                        \
        if (c == TCG_COND_ALWAYS || c == TCG_COND_NEVER) {                   \
            tcg_gen_movi_##S(r, c == TCG_COND_ALWAYS);                       \
            return;                                                          \
        }                                                                    \
        gen_op4(INDEX_op_setcond_##S, ta(TEMP_##S(r)), ta(TEMP_##S(a)),      \
                ta(TEMP_##S(b)), c);                                         \
    }                                                                        \
                                                                             \
    void tcg_gen_setcondi_##S(TCGCond c, T r, T a, int64_t b)                \
    {                                                                        \
        tcg_gen_setcond_##S(c, r, a,                                         \
                            (T)(uintptr_t)(CONST_##S(b)->index + 1));        \
    }                                                                        \
                                                                             \
    void tcg_gen_movcond_##S(TCGCond c, T r, T c1, T c2, T v1, T v2)         \
    {                                                                        \
        if (c == TCG_COND_ALWAYS) {                                          \
            tcg_gen_mov_##S(r, v1);                                          \
        } else if (c == TCG_COND_NEVER) {                                    \
            tcg_gen_mov_##S(r, v2);                                          \
        } else {                                                             \
            gen_op6(INDEX_op_movcond_##S, ta(TEMP_##S(r)), ta(TEMP_##S(c1)), \
                    ta(TEMP_##S(c2)), ta(TEMP_##S(v1)), ta(TEMP_##S(v2)),    \
                    c);                                                      \
        }                                                                    \
    }                                                                        \
                                                                             \
    void tcg_gen_brcond_##S(TCGCond c, T a, T b, TCGLabel *l)                \
    {                                                                        \
        if (c == TCG_COND_ALWAYS) {                                          \
            tcg_gen_br(l);                                                   \
        } else if (c != TCG_COND_NEVER) {                                    \
            l->referenced = true;                                            \
            gen_op4(INDEX_op_brcond_##S, ta(TEMP_##S(a)), ta(TEMP_##S(b)),   \
                    c, label_arg(l));                                        \
        }                                                                    \
    }                                                                        \
                                                                             \
    void tcg_gen_brcondi_##S(TCGCond c, T a, int64_t b, TCGLabel *l)         \
    {                                                                        \
        tcg_gen_brcond_##S(c, a, (T)(uintptr_t)(CONST_##S(b)->index + 1),    \
                           l);                                               \
    }                                                                        \
                                                                             \
    void tcg_gen_qemu_ld_##S(T v, TCGv_i64 addr, unsigned mmu_idx, MemOp mo) \
    {                                                                        \
        gen_op3(INDEX_op_qemu_ld_##S, ta(TEMP_##S(v)),                       \
                ta(tcgv_i64_temp(addr)), make_memop_idx(mo, mmu_idx));       \
    }                                                                        \
                                                                             \
    void tcg_gen_qemu_st_##S(T v, TCGv_i64 addr, unsigned mmu_idx, MemOp mo) \
    {                                                                        \
        gen_op3(INDEX_op_qemu_st_##S, ta(TEMP_##S(v)),                       \
                ta(tcgv_i64_temp(addr)), make_memop_idx(mo, mmu_idx));       \
    }

GEN_ALL(i32, TCGv_i32)
GEN_ALL(i64, TCGv_i64)

GEN_UNARY(bswap16, i32, TCGv_i32)
GEN_UNARY(bswap32, i32, TCGv_i32)
GEN_UNARY(bswap16, i64, TCGv_i64)
GEN_UNARY(bswap32, i64, TCGv_i64)
GEN_UNARY(bswap64, i64, TCGv_i64)
GEN_UNARY(ext32s, i64, TCGv_i64)
GEN_UNARY(ext32u, i64, TCGv_i64)
GEN_LDST(ld32u, i64, TCGv_i64)
GEN_LDST(ld32s, i64, TCGv_i64)
GEN_LDST(st32, i64, TCGv_i64)

void tcg_gen_ext_i32_i64(TCGv_i64 r, TCGv_i32 a)
{
    gen_op2(INDEX_op_ext_i32_i64, ta(tcgv_i64_temp(r)), ta(tcgv_i32_temp(a)));
}

void tcg_gen_extu_i32_i64(TCGv_i64 r, TCGv_i32 a)
{
    gen_op2(INDEX_op_extu_i32_i64, ta(tcgv_i64_temp(r)),
            ta(tcgv_i32_temp(a)));
}

void tcg_gen_extrl_i64_i32(TCGv_i32 r, TCGv_i64 a)
{
    gen_op2(INDEX_op_extrl_i64_i32, ta(tcgv_i32_temp(r)),
            ta(tcgv_i64_temp(a)));
}

void tcg_gen_extrh_i64_i32(TCGv_i32 r, TCGv_i64 a)
{
    gen_op2(INDEX_op_extrh_i64_i32, ta(tcgv_i32_temp(r)),
            ta(tcgv_i64_temp(a)));
}

/* Bit fields: shifts and masks, so backends need no extract op. */

void tcg_gen_extract_i64(TCGv_i64 r, TCGv_i64 a, unsigned ofs, unsigned len)
{
    if (len == 0 || len > 64 || ofs >= 64 || ofs + len > 64) {
        tcg_gen_movi_i64(r, 0);
        return;
    }
    if (ofs + len == 64) {
        tcg_gen_shri_i64(r, a, ofs);
    } else if (ofs == 0 && len == 8) {
        tcg_gen_ext8u_i64(r, a);
    } else if (ofs == 0 && len == 16) {
        tcg_gen_ext16u_i64(r, a);
    } else if (ofs == 0 && len == 32) {
        tcg_gen_ext32u_i64(r, a);
    } else if (len < 32) {
        /* The mask fits a 32-bit immediate on most hosts. */
        tcg_gen_shri_i64(r, a, ofs);
        tcg_gen_andi_i64(r, r, (1ull << len) - 1);
    } else {
        tcg_gen_shli_i64(r, a, 64 - ofs - len);
        tcg_gen_shri_i64(r, r, 64 - len);
    }
}

void tcg_gen_sextract_i64(TCGv_i64 r, TCGv_i64 a, unsigned ofs, unsigned len)
{
    if (len == 0 || len > 64 || ofs >= 64 || ofs + len > 64) {
        tcg_gen_movi_i64(r, 0);
        return;
    }
    if (ofs + len == 64) {
        tcg_gen_sari_i64(r, a, ofs);
    } else if (ofs == 0 && len == 8) {
        tcg_gen_ext8s_i64(r, a);
    } else if (ofs == 0 && len == 16) {
        tcg_gen_ext16s_i64(r, a);
    } else if (ofs == 0 && len == 32) {
        tcg_gen_ext32s_i64(r, a);
    } else {
        tcg_gen_shli_i64(r, a, 64 - ofs - len);
        tcg_gen_sari_i64(r, r, 64 - len);
    }
}

void tcg_gen_deposit_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b,
                         unsigned ofs, unsigned len)
{
    uint64_t mask;
    TCGv_i64 t1, t2;

    if (len == 0 || ofs >= 64) {
        tcg_gen_mov_i64(r, a);
        return;
    }
    if (len >= 64 - ofs) {
        len = 64 - ofs;
    }
    if (len == 64) {
        tcg_gen_mov_i64(r, b);
        return;
    }
    mask = (1ull << len) - 1;
    t1 = tcg_temp_new_i64();
    t2 = tcg_temp_new_i64();
    if (ofs + len == 64) {
        tcg_gen_shli_i64(t1, b, ofs);
    } else {
        tcg_gen_andi_i64(t1, b, mask);
        tcg_gen_shli_i64(t1, t1, ofs);
    }
    tcg_gen_andi_i64(t2, a, ~(mask << ofs));
    tcg_gen_or_i64(r, t2, t1);
    tcg_temp_free_i64(t1);
    tcg_temp_free_i64(t2);
}

/* Pointer-sized ops are i64 ops on 64-bit hosts. */

void tcg_gen_ld_ptr(TCGv_ptr r, TCGv_ptr base, intptr_t off)
{
    tcg_gen_ld_i64(tcgv_ptr_as_i64(r), base, off);
}

void tcg_gen_addi_ptr(TCGv_ptr r, TCGv_ptr a, intptr_t b)
{
    tcg_gen_addi_i64(tcgv_ptr_as_i64(r), tcgv_ptr_as_i64(a), b);
}
