/* SPDX-License-Identifier: MIT */
/* x86-64 backend: operand constraints and emission of ordinary ops. */
#include "tcg/x86_64/backend.h"
#include "vemu/softmmu.h"

RAOpDef x86_op_defs[NB_OPS];

#define ALLOCATABLE                                                          \
    (0xffffu & ~((1u << X86_RSP) | (1u << X86_RBP) | (1u << X86_R14)))

static uint32_t x86_letter_regs(char c)
{
    switch (c) {
    case 'r':
        return ALLOCATABLE;
    case 'a':
        return 1u << X86_RAX;
    case 'c':
        return 1u << X86_RCX;
    case 'd':
        return 1u << X86_RDX;
    case 'D':
        return 1u << X86_RDI;
    case 'S':
        return 1u << X86_RSI;
    case 'Q':   /* not rdx: div/idiv read rdx:rax */
        return ALLOCATABLE & ~(1u << X86_RDX);
    case 'C':   /* not rcx: the count of a variable shift lives there */
        return ALLOCATABLE & ~(1u << X86_RCX);
    case 'L':   /* not the softmmu TLB lookup's scratch register */
        return ALLOCATABLE & ~(1u << X86_TLB_SCRATCH);
    default:
        return 0;
    }
}

static void def_op(TCGOpcode opc, uint32_t clobber, const char *const *cts)
{
    RAOpDef *d = &x86_op_defs[opc];
    const TCGOpDef *od = &tcg_op_defs[opc];
    int n = od->nb_oargs + od->nb_iargs;

    for (int i = 0; i < n; i++) {
        if (!ra_parse_constraint(&d->args[i], cts[i], x86_letter_regs)) {
            g_error("x86: bad constraint '%s' for %s", cts[i], od->name);
        }
    }
    d->clobber = clobber;
    d->valid = true;
}

#define DEF2(o32, o64, clob, ...)                                            \
    do {                                                                     \
        static const char *const cts_[] = { __VA_ARGS__ };                   \
        def_op(INDEX_op_##o32, clob, cts_);                                  \
        def_op(INDEX_op_##o64, clob, cts_);                                  \
    } while (0)
#define DEF1(o, clob, ...)                                                   \
    do {                                                                     \
        static const char *const cts_[] = { __VA_ARGS__ };                   \
        def_op(INDEX_op_##o, clob, cts_);                                    \
    } while (0)

#define RAX_RDX ((1u << X86_RAX) | (1u << X86_RDX))
#define CALL_CLOBBERED                                                       \
    ((1u << X86_RAX) | (1u << X86_RCX) | (1u << X86_RDX) |                   \
     (1u << X86_RSI) | (1u << X86_RDI) | (1u << X86_R8) | (1u << X86_R9) |   \
     (1u << X86_R10) | (1u << X86_R11))

void x86_init_op_defs(void)
{
    DEF2(add_i32, add_i64, 0, "r", "r", "rem");
    DEF2(sub_i32, sub_i64, 0, "r", "r", "rem");
    DEF2(mul_i32, mul_i64, 0, "r", "r", "rem");
    DEF2(and_i32, and_i64, 0, "r", "r", "rem");
    DEF2(or_i32, or_i64, 0, "r", "r", "rem");
    DEF2(xor_i32, xor_i64, 0, "r", "r", "rem");
    DEF2(andc_i32, andc_i64, 0, "r", "r", "re");
    DEF2(orc_i32, orc_i64, 0, "r", "r", "re");
    if (x86_have_bmi2) {
        DEF2(shl_i32, shl_i64, 0, "r", "r", "ri");
        DEF2(shr_i32, shr_i64, 0, "r", "r", "ri");
        DEF2(sar_i32, sar_i64, 0, "r", "r", "ri");
    } else {
        DEF2(shl_i32, shl_i64, 0, "C", "r", "ci");
        DEF2(shr_i32, shr_i64, 0, "C", "r", "ci");
        DEF2(sar_i32, sar_i64, 0, "C", "r", "ci");
    }
    DEF2(rotl_i32, rotl_i64, 0, "C", "r", "ci");
    DEF2(rotr_i32, rotr_i64, 0, "C", "r", "ci");
    DEF2(div_i32, div_i64, RAX_RDX, "a", "a", "Q");
    DEF2(divu_i32, divu_i64, RAX_RDX, "a", "a", "Q");
    DEF2(rem_i32, rem_i64, RAX_RDX, "d", "a", "Q");
    DEF2(remu_i32, remu_i64, RAX_RDX, "d", "a", "Q");
    DEF2(mulsh_i32, mulsh_i64, RAX_RDX, "d", "a", "r");
    DEF2(muluh_i32, muluh_i64, RAX_RDX, "d", "a", "r");
    DEF2(neg_i32, neg_i64, 0, "r", "r");
    DEF2(not_i32, not_i64, 0, "r", "r");
    DEF2(ext8s_i32, ext8s_i64, 0, "r", "r");
    DEF2(ext8u_i32, ext8u_i64, 0, "r", "r");
    DEF2(ext16s_i32, ext16s_i64, 0, "r", "r");
    DEF2(ext16u_i32, ext16u_i64, 0, "r", "r");
    DEF2(ext32s_i64, ext32u_i64, 0, "r", "r");
    DEF2(ext_i32_i64, extu_i32_i64, 0, "r", "r");
    DEF2(extrl_i64_i32, extrh_i64_i32, 0, "r", "r");
    DEF2(bswap16_i32, bswap16_i64, 0, "r", "r");
    DEF2(bswap32_i32, bswap32_i64, 0, "r", "r");
    DEF1(bswap64_i64, 0, "r", "r");
    DEF2(clz_i32, clz_i64, 0, "&r", "r", "riW");
    DEF2(ctz_i32, ctz_i64, 0, "&r", "r", "riW");
    if (x86_have_popcnt) {
        DEF2(ctpop_i32, ctpop_i64, 0, "r", "r");
    } else {
        DEF2(ctpop_i32, ctpop_i64, CALL_CLOBBERED, "a", "D");
    }
    DEF2(setcond_i32, setcond_i64, 0, "r", "r", "rem");
    DEF2(movcond_i32, movcond_i64, 0, "&r", "r", "re", "r", "ri");
    DEF2(brcond_i32, brcond_i64, 0, "r", "rem");
    DEF2(ld8u_i32, ld8u_i64, 0, "r", "rb");
    DEF2(ld8s_i32, ld8s_i64, 0, "r", "rb");
    DEF2(ld16u_i32, ld16u_i64, 0, "r", "rb");
    DEF2(ld16s_i32, ld16s_i64, 0, "r", "rb");
    DEF2(ld_i32, ld_i64, 0, "r", "rb");
    DEF2(ld32u_i64, ld32s_i64, 0, "r", "rb");
    DEF2(st8_i32, st8_i64, 0, "re", "rb");
    DEF2(st16_i32, st16_i64, 0, "re", "rb");
    DEF2(st_i32, st_i64, 0, "re", "rb");
    DEF1(st32_i64, 0, "re", "rb");
    if (softmmu_enabled) {
        DEF2(qemu_ld_i32, qemu_ld_i64, 1u << X86_TLB_SCRATCH, "L", "L");
        DEF2(qemu_st_i32, qemu_st_i64, 1u << X86_TLB_SCRATCH, "Le", "L");
    } else {
        DEF2(qemu_ld_i32, qemu_ld_i64, 0, "r", "r");
        DEF2(qemu_st_i32, qemu_st_i64, 0, "re", "r");
    }
    DEF1(goto_ptr, 0, "r");
    DEF1(goto_lookup, 0, "S");
}

int x86_cond(TCGCond c)
{
    static const int8_t map[] = {
        [TCG_COND_EQ] = XC_E,   [TCG_COND_NE] = XC_NE,
        [TCG_COND_LT] = XC_L,   [TCG_COND_GE] = XC_GE,
        [TCG_COND_LE] = XC_LE,  [TCG_COND_GT] = XC_G,
        [TCG_COND_LTU] = XC_B,  [TCG_COND_GEU] = XC_AE,
        [TCG_COND_LEU] = XC_BE, [TCG_COND_GTU] = XC_A,
    };

    return map[c];
}

/* opc r, b: b is input bi, a register or a memory operand. */
static void emit_rm(X86Gen *g, int opc, int r, const RAOpArgs *ra, int bi)
{
    if (ra->is_mem[bi]) {
        int base = ra->mem_base[bi];

        x86_emit_modrm_offset(&g->code, opc, r, base,
                              x86_env_off(base, ra->mem_off[bi]));
    } else {
        x86_emit_modrm(&g->code, opc, r, ra->reg[bi]);
    }
}

void x86_emit_cmp(X86Gen *g, bool rexw, int a, const RAOpArgs *ra, int bi)
{
    X86Code *c = &g->code;

    if (ra->is_const[bi]) {
        /* test a, a sets the flags exactly as cmp a, 0 does. */
        if (ra->cval[bi] == 0) {
            x86_emit_modrm(c, XO_TESTL | (rexw ? XP_REXW : 0), a, a);
        } else {
            x86_emit_arith_ri(c, XA_CMP, rexw, a, ra->cval[bi]);
        }
    } else {
        emit_rm(g, (XO_ARITH_GvEv + (XA_CMP << 3)) | (rexw ? XP_REXW : 0),
                a, ra, bi);
    }
}

/* Non-flag-clobbering constant load (between cmp and its user). */
static void x86_emit_movi_keepflags(X86Code *c, bool rexw, int r, int64_t v)
{
    if (v == 0) {
        x86_emit_opc(c, XO_MOVL_Iv + (r & 7), 0, r, 0);
        x86_out32(c, 0);
    } else {
        x86_emit_movi(c, rexw, r, v);
    }
}

static bool op_is_commutative(int ext)
{
    return ext != XA_SUB;
}

/* out = a <ext> b for the two-operand ALU forms, whatever overlaps. */
static void emit_alu(X86Gen *g, int ext, bool rexw, int out, int a,
                     const RAOpArgs *ra, int bi)
{
    X86Code *c = &g->code;

    if (ra->is_const[bi]) {
        int64_t v = ra->cval[bi];

        x86_emit_mov_rr(c, rexw, out, a);
        x86_emit_arith_ri(c, ext, rexw, out, v);
        return;
    }
    if (ra->is_mem[bi]) {
        x86_emit_mov_rr(c, rexw, out, a);
        emit_rm(g, (XO_ARITH_GvEv + (ext << 3)) | (rexw ? XP_REXW : 0), out,
                ra, bi);
        return;
    }
    int b = ra->reg[bi];

    if (out == a) {
        x86_emit_arith_rr(c, ext, rexw, out, b);
    } else if (out == b) {
        if (op_is_commutative(ext)) {
            x86_emit_arith_rr(c, ext, rexw, out, a);
        } else {
            /* out = a - out = -(out) + a */
            x86_emit_grp3(c, X3_NEG, rexw, out);
            x86_emit_arith_rr(c, XA_ADD, rexw, out, a);
        }
    } else {
        x86_emit_mov_rr(c, rexw, out, a);
        x86_emit_arith_rr(c, ext, rexw, out, b);
    }
}

static void emit_add(X86Gen *g, bool rexw, int out, int a,
                     const RAOpArgs *ra, int bi, bool sub)
{
    X86Code *c = &g->code;

    if (ra->is_const[bi]) {
        int64_t v = sub ? -ra->cval[bi] : ra->cval[bi];

        if (!rexw) {
            v = (int32_t)v;
        }
        if (rexw && !x86_fits_s32(v)) {
            /* Only for sub of -2^31: keep it a subtraction. */
            x86_emit_mov_rr(c, rexw, out, a);
            x86_emit_arith_ri(c, XA_SUB, rexw, out, ra->cval[bi]);
        } else if (out == a) {
            if (v == 1 || v == -1) {
                /* inc/dec */
                x86_emit_modrm(c, 0xff | (rexw ? XP_REXW : 0),
                               v == 1 ? 0 : 1, out);
            } else if (v != 0) {
                x86_emit_arith_ri(c, XA_ADD, rexw, out, v);
            }
        } else if (x86_fits_s32(v)) {
            x86_emit_lea(c, rexw, out, a, -1, 0, (int32_t)v);
        } else {
            x86_emit_mov_rr(c, rexw, out, a);
            x86_emit_arith_ri(c, XA_ADD, rexw, out, v);
        }
        return;
    }
    if (sub || ra->is_mem[bi]) {
        emit_alu(g, sub ? XA_SUB : XA_ADD, rexw, out, a, ra, bi);
        return;
    }
    int b = ra->reg[bi];

    if (out == a) {
        x86_emit_arith_rr(c, XA_ADD, rexw, out, b);
    } else if (out == b) {
        x86_emit_arith_rr(c, XA_ADD, rexw, out, a);
    } else {
        x86_emit_lea(c, rexw, out, a, b, 0, 0);
    }
}

static void emit_and(X86Gen *g, bool rexw, int out, int a,
                     const RAOpArgs *ra, int bi)
{
    X86Code *c = &g->code;

    if (ra->is_const[bi]) {
        uint64_t v = rexw ? (uint64_t)ra->cval[bi] : (uint32_t)ra->cval[bi];

        if (v == 0xff) {
            x86_emit_modrm(c, XO_MOVZBL | XP_REXB_RM, out, a);
            return;
        }
        if (v == 0xffff) {
            x86_emit_modrm(c, XO_MOVZWL, out, a);
            return;
        }
        if (v == 0xffffffffu) {
            x86_emit_modrm(c, XO_MOVL_GvEv, out, a);
            return;
        }
    }
    emit_alu(g, XA_AND, rexw, out, a, ra, bi);
}

/* out = a & ~b or a | ~b. */
static void emit_andc_orc(X86Gen *g, bool orc, bool rexw, int out, int a,
                          const RAOpArgs *ra, int bi)
{
    X86Code *c = &g->code;
    int ext = orc ? XA_OR : XA_AND;
    int b;

    if (ra->is_const[bi]) {
        x86_emit_mov_rr(c, rexw, out, a);
        x86_emit_arith_ri(c, ext, rexw, out, ~ra->cval[bi]);
        return;
    }
    b = ra->reg[bi];
    if (!orc && x86_have_bmi1) {
        x86_emit_andn(c, rexw, out, b, a);
        return;
    }
    if (a == b) {
        /* x & ~x = 0, x | ~x = -1 */
        x86_emit_movi(c, rexw, out, orc ? -1 : 0);
    } else if (out == a) {
        /* Flip b in place and back: no scratch register needed. */
        x86_emit_grp3(c, X3_NOT, rexw, b);
        x86_emit_arith_rr(c, ext, rexw, out, b);
        x86_emit_grp3(c, X3_NOT, rexw, b);
    } else {
        x86_emit_mov_rr(c, rexw, out, b);
        x86_emit_grp3(c, X3_NOT, rexw, out);
        x86_emit_arith_rr(c, ext, rexw, out, a);
    }
}

static void emit_shift(X86Gen *g, int ext, bool rexw, int out, int a,
                       const RAOpArgs *ra, int bi)
{
    X86Code *c = &g->code;

    if (ra->is_const[bi]) {
        int n = ra->cval[bi] & (rexw ? 63 : 31);

        if (ext == XS_SHL && out != a && n == 1) {
            x86_emit_lea(c, rexw, out, a, a, 0, 0);
            return;
        }
        x86_emit_mov_rr(c, rexw, out, a);
        if (n) {
            x86_emit_shift_ri(c, ext, rexw, out, n);
        }
        return;
    }
    if (ext != XS_ROL && ext != XS_ROR && x86_have_bmi2) {
        x86_emit_shiftx(c, ext, rexw, out, a, ra->reg[bi]);
        return;
    }
    x86_emit_mov_rr(c, rexw, out, a);
    x86_emit_shift_rcl(c, ext, rexw, out);
}

static void emit_mul(X86Gen *g, bool rexw, int out, int a,
                     const RAOpArgs *ra, int bi)
{
    X86Code *c = &g->code;
    int w = rexw ? XP_REXW : 0;

    if (ra->is_const[bi]) {
        int64_t v = rexw ? ra->cval[bi] : (int32_t)ra->cval[bi];

        if (x86_fits_s8(v)) {
            x86_emit_modrm(c, XO_IMUL_GvEvIb | w, out, a);
            x86_out8(c, (uint8_t)v);
        } else {
            x86_emit_modrm(c, XO_IMUL_GvEvIz | w, out, a);
            x86_out32(c, (uint32_t)v);
        }
        return;
    }
    int b = ra->reg[bi];

    if (ra->is_mem[bi]) {
        x86_emit_mov_rr(c, rexw, out, a);
        emit_rm(g, XO_IMUL_GvEv | w, out, ra, bi);
    } else if (out == b) {
        x86_emit_modrm(c, XO_IMUL_GvEv | w, out, a);
    } else {
        x86_emit_mov_rr(c, rexw, out, a);
        x86_emit_modrm(c, XO_IMUL_GvEv | w, out, b);
    }
}

/* clz/ctz: r = a ? count(a) : b. */
static void emit_count_zeros(X86Gen *g, bool clz, bool rexw, int out, int a,
                             const RAOpArgs *ra, int bi)
{
    X86Code *c = &g->code;
    int w = rexw ? XP_REXW : 0;
    int width = rexw ? 64 : 32;
    bool fast = clz ? x86_have_lzcnt : x86_have_bmi1;
    size_t j;

    if (fast) {
        /* lzcnt/tzcnt give the width for 0 and set CF. */
        x86_emit_modrm(c, (clz ? XO_LZCNT : XO_TZCNT) | w, out, a);
        if (ra->is_const[bi]) {
            if (ra->cval[bi] != width) {
                j = x86_emit_jcc8(c, XC_AE);
                x86_emit_movi_keepflags(c, rexw, out, ra->cval[bi]);
                x86_patch_rel8(c, j);
            }
        } else {
            x86_emit_cmovcc(c, XC_B, rexw, out, ra->reg[bi]);
        }
        return;
    }
    /* bsr/bsf set ZF for 0 and leave the destination undefined. */
    x86_emit_modrm(c, (clz ? XO_BSR : XO_BSF) | w, out, a);
    j = x86_emit_jcc8(c, XC_NE);
    if (ra->is_const[bi]) {
        int64_t v = ra->cval[bi];

        x86_emit_movi(c, rexw, out, clz ? v ^ (width - 1) : v);
    } else {
        x86_emit_mov_rr(c, rexw, out, ra->reg[bi]);
        if (clz) {
            x86_emit_arith_ri(c, XA_XOR, rexw, out, width - 1);
        }
    }
    x86_patch_rel8(c, j);
    if (clz) {
        /* bsr gives the index of the top bit: clz = (width - 1) ^ idx. */
        x86_emit_arith_ri(c, XA_XOR, rexw, out, width - 1);
    }
}

static uint64_t x86_popcount_helper(uint64_t v)
{
    return __builtin_popcountll(v);
}

static void emit_ld(X86Gen *g, int opc, int out, int base, int64_t off)
{
    x86_emit_modrm_offset(&g->code, opc, out, base, x86_env_off(base, off));
}

static void emit_st(X86Gen *g, int size, const RAOpArgs *ra, int base,
                    int64_t off)
{
    off = x86_env_off(base, off);
    X86Code *c = &g->code;
    int w = size == 3 ? XP_REXW : size == 1 ? XP_DATA16 : 0;

    if (ra->is_const[0]) {
        int64_t v = ra->cval[0];

        x86_emit_modrm_offset(c, (size == 0 ? XO_MOVB_EvIz : XO_MOVL_EvIz) | w,
                              0, base, (int32_t)off);
        if (size == 0) {
            x86_out8(c, (uint8_t)v);
        } else if (size == 1) {
            x86_out16(c, (uint16_t)v);
        } else {
            x86_out32(c, (uint32_t)v);
        }
        return;
    }
    x86_emit_modrm_offset(c,
                          size == 0 ? XO_MOVB_EvGv | XP_REXB_R
                                    : XO_MOVL_EvGv | w,
                          ra->reg[0], base, (int32_t)off);
}

void x86_emit_op(X86Gen *g, const TCGOp *op, const RAOpArgs *a)
{
    X86Code *c = &g->code;
    bool rexw = tcg_op_defs[op->opc].flags & TCG_OPF_64BIT;
    int w = rexw ? XP_REXW : 0;
    int o = a->reg[0], i1 = a->reg[1], i2 = a->reg[2];

    switch (op->opc) {
    case INDEX_op_add_i32:
    case INDEX_op_add_i64:
        emit_add(g, rexw, o, i1, a, 2, false);
        break;
    case INDEX_op_sub_i32:
    case INDEX_op_sub_i64:
        emit_add(g, rexw, o, i1, a, 2, true);
        break;
    case INDEX_op_mul_i32:
    case INDEX_op_mul_i64:
        emit_mul(g, rexw, o, i1, a, 2);
        break;
    case INDEX_op_and_i32:
    case INDEX_op_and_i64:
        emit_and(g, rexw, o, i1, a, 2);
        break;
    case INDEX_op_or_i32:
    case INDEX_op_or_i64:
        emit_alu(g, XA_OR, rexw, o, i1, a, 2);
        break;
    case INDEX_op_xor_i32:
    case INDEX_op_xor_i64:
        emit_alu(g, XA_XOR, rexw, o, i1, a, 2);
        break;
    case INDEX_op_andc_i32:
    case INDEX_op_andc_i64:
        emit_andc_orc(g, false, rexw, o, i1, a, 2);
        break;
    case INDEX_op_orc_i32:
    case INDEX_op_orc_i64:
        emit_andc_orc(g, true, rexw, o, i1, a, 2);
        break;
    case INDEX_op_shl_i32:
    case INDEX_op_shl_i64:
        emit_shift(g, XS_SHL, rexw, o, i1, a, 2);
        break;
    case INDEX_op_shr_i32:
    case INDEX_op_shr_i64:
        emit_shift(g, XS_SHR, rexw, o, i1, a, 2);
        break;
    case INDEX_op_sar_i32:
    case INDEX_op_sar_i64:
        emit_shift(g, XS_SAR, rexw, o, i1, a, 2);
        break;
    case INDEX_op_rotl_i32:
    case INDEX_op_rotl_i64:
        emit_shift(g, XS_ROL, rexw, o, i1, a, 2);
        break;
    case INDEX_op_rotr_i32:
    case INDEX_op_rotr_i64:
        emit_shift(g, XS_ROR, rexw, o, i1, a, 2);
        break;
    case INDEX_op_div_i32:
    case INDEX_op_div_i64:
    case INDEX_op_rem_i32:
    case INDEX_op_rem_i64:
        x86_emit_opc(c, XO_CQO | w, 0, 0, 0);
        x86_emit_grp3(c, X3_IDIV, rexw, i2);
        break;
    case INDEX_op_divu_i32:
    case INDEX_op_divu_i64:
    case INDEX_op_remu_i32:
    case INDEX_op_remu_i64:
        x86_emit_arith_rr(c, XA_XOR, false, X86_RDX, X86_RDX);
        x86_emit_grp3(c, X3_DIV, rexw, i2);
        break;
    case INDEX_op_mulsh_i32:
    case INDEX_op_mulsh_i64:
        x86_emit_grp3(c, X3_IMUL, rexw, i2);
        break;
    case INDEX_op_muluh_i32:
    case INDEX_op_muluh_i64:
        x86_emit_grp3(c, X3_MUL, rexw, i2);
        break;
    case INDEX_op_neg_i32:
    case INDEX_op_neg_i64:
        x86_emit_mov_rr(c, rexw, o, i1);
        x86_emit_grp3(c, X3_NEG, rexw, o);
        break;
    case INDEX_op_not_i32:
    case INDEX_op_not_i64:
        x86_emit_mov_rr(c, rexw, o, i1);
        x86_emit_grp3(c, X3_NOT, rexw, o);
        break;
    case INDEX_op_ext8s_i32:
    case INDEX_op_ext8s_i64:
        x86_emit_modrm(c, XO_MOVSBL | XP_REXB_RM | w, o, i1);
        break;
    case INDEX_op_ext8u_i32:
    case INDEX_op_ext8u_i64:
        x86_emit_modrm(c, XO_MOVZBL | XP_REXB_RM, o, i1);
        break;
    case INDEX_op_ext16s_i32:
    case INDEX_op_ext16s_i64:
        x86_emit_modrm(c, XO_MOVSWL | w, o, i1);
        break;
    case INDEX_op_ext16u_i32:
    case INDEX_op_ext16u_i64:
        x86_emit_modrm(c, XO_MOVZWL, o, i1);
        break;
    case INDEX_op_ext32s_i64:
    case INDEX_op_ext_i32_i64:
        x86_emit_modrm(c, XO_MOVSLQ, o, i1);
        break;
    case INDEX_op_ext32u_i64:
    case INDEX_op_extu_i32_i64:
        /* A 32-bit mov zero-extends, even onto itself. */
        x86_emit_modrm(c, XO_MOVL_GvEv, o, i1);
        break;
    case INDEX_op_extrl_i64_i32:
        /* i32 values ignore the upper half: a plain copy. */
        x86_emit_mov_rr(c, false, o, i1);
        break;
    case INDEX_op_extrh_i64_i32:
        x86_emit_mov_rr(c, true, o, i1);
        x86_emit_shift_ri(c, XS_SHR, true, o, 32);
        break;
    case INDEX_op_bswap16_i32:
    case INDEX_op_bswap16_i64:
        x86_emit_modrm(c, XO_MOVZWL, o, i1);
        x86_emit_modrm(c, XO_SHIFT_Ib | XP_DATA16, XS_ROL, o);
        x86_out8(c, 8);
        break;
    case INDEX_op_bswap32_i32:
    case INDEX_op_bswap32_i64:
        x86_emit_mov_rr(c, false, o, i1);
        x86_emit_bswap(c, false, o);
        break;
    case INDEX_op_bswap64_i64:
        x86_emit_mov_rr(c, true, o, i1);
        x86_emit_bswap(c, true, o);
        break;
    case INDEX_op_clz_i32:
    case INDEX_op_clz_i64:
        emit_count_zeros(g, true, rexw, o, i1, a, 2);
        break;
    case INDEX_op_ctz_i32:
    case INDEX_op_ctz_i64:
        emit_count_zeros(g, false, rexw, o, i1, a, 2);
        break;
    case INDEX_op_ctpop_i32:
    case INDEX_op_ctpop_i64:
        if (x86_have_popcnt) {
            x86_emit_modrm(c, XO_POPCNT | w, o, i1);
        } else {
            if (!rexw) {
                x86_emit_modrm(c, XO_MOVL_GvEv, X86_RDI, X86_RDI);
            }
            x86_emit_call(c, (uintptr_t)x86_popcount_helper);
        }
        break;
    case INDEX_op_setcond_i32:
    case INDEX_op_setcond_i64: {
        TCGCond cond = (TCGCond)op->args[3];
        bool pre_zero;

        if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
            x86_emit_movi(c, false, o, cond == TCG_COND_ALWAYS);
            break;
        }
        /* Zeroing first avoids the movzx, when out is not an input. */
        pre_zero = o != i1 && (a->is_const[2] || a->is_mem[2] || o != i2);
        if (pre_zero) {
            x86_emit_arith_rr(c, XA_XOR, false, o, o);
        }
        x86_emit_cmp(g, rexw, i1, a, 2);
        x86_emit_setcc(c, x86_cond(cond), o);
        if (!pre_zero) {
            x86_emit_modrm(c, XO_MOVZBL | XP_REXB_RM, o, o);
        }
        break;
    }
    case INDEX_op_movcond_i32:
    case INDEX_op_movcond_i64: {
        TCGCond cond = (TCGCond)op->args[5];
        int v1 = a->reg[3];

        if (cond == TCG_COND_ALWAYS) {
            x86_emit_mov_rr(c, rexw, o, v1);
            break;
        }
        if (cond != TCG_COND_NEVER) {
            x86_emit_cmp(g, rexw, i1, a, 2);
        }
        if (a->is_const[4]) {
            x86_emit_movi_keepflags(c, rexw, o, a->cval[4]);
        } else {
            x86_emit_mov_rr(c, rexw, o, a->reg[4]);
        }
        if (cond != TCG_COND_NEVER) {
            x86_emit_cmovcc(c, x86_cond(cond), rexw, o, v1);
        }
        break;
    }
    case INDEX_op_ld8u_i32:
    case INDEX_op_ld8u_i64:
        emit_ld(g, XO_MOVZBL, o, i1, op->args[2]);
        break;
    case INDEX_op_ld8s_i32:
    case INDEX_op_ld8s_i64:
        emit_ld(g, XO_MOVSBL | w, o, i1, op->args[2]);
        break;
    case INDEX_op_ld16u_i32:
    case INDEX_op_ld16u_i64:
        emit_ld(g, XO_MOVZWL, o, i1, op->args[2]);
        break;
    case INDEX_op_ld16s_i32:
    case INDEX_op_ld16s_i64:
        emit_ld(g, XO_MOVSWL | w, o, i1, op->args[2]);
        break;
    case INDEX_op_ld_i32:
    case INDEX_op_ld32u_i64:
        emit_ld(g, XO_MOVL_GvEv, o, i1, op->args[2]);
        break;
    case INDEX_op_ld32s_i64:
        emit_ld(g, XO_MOVSLQ, o, i1, op->args[2]);
        break;
    case INDEX_op_ld_i64:
        emit_ld(g, XO_MOVL_GvEv | XP_REXW, o, i1, op->args[2]);
        break;
    case INDEX_op_st8_i32:
    case INDEX_op_st8_i64:
        emit_st(g, 0, a, a->reg[1], op->args[2]);
        break;
    case INDEX_op_st16_i32:
    case INDEX_op_st16_i64:
        emit_st(g, 1, a, a->reg[1], op->args[2]);
        break;
    case INDEX_op_st_i32:
    case INDEX_op_st32_i64:
        emit_st(g, 2, a, a->reg[1], op->args[2]);
        break;
    case INDEX_op_st_i64:
        emit_st(g, 3, a, a->reg[1], op->args[2]);
        break;
    default:
        g_error("x86: no emitter for %s", tcg_op_defs[op->opc].name);
    }
}

/*
 * Guest memory access: host address = guest_base + addr. Addresses at or
 * above 1 << guest_addr_bits, and misaligned MO_ALIGN accesses, branch to
 * a slow path at the end of the TB that raises the guest fault.
 */
void x86_emit_fault_store(X86Code *c, uint32_t w)
{
    x86_emit_st(c, !((w >> 4) & 1), w & 15, X86_AREG0,
                x86_env_off(X86_AREG0, w >> 5));
}

static void x86_fault_data_push(TCGContext *s, uint32_t w)
{
    if (s->nb_fault_data == s->fault_data_cap) {
        s->fault_data_cap = s->fault_data_cap ? s->fault_data_cap * 2 : 64;
        s->fault_data = g_renew(uint32_t, s->fault_data, s->fault_data_cap);
    }
    s->fault_data[s->nb_fault_data++] = w;
}

/*
 * Globals only in registers at this access: encode them for the slow
 * path and the fault table; store the few that cannot be encoded now.
 */
void x86_collect_dirty(X86Gen *g, X86SlowPath *p)
{
    const RAState *ra = &g->ra;

    for (int i = 0; i < ra->nb_dirty; i++) {
        const RADirty *d = &ra->dirty[i];

        if (d->mem_offset >= 0 && d->mem_offset < X86_FAULT_OFF_LIMIT) {
            p->dirty[p->nb_dirty++] =
                x86_fault_word((uint32_t)d->mem_offset,
                               d->type == TCG_TYPE_I32, d->reg);
        } else {
            x86_emit_st(&g->code, d->type == TCG_TYPE_I64, d->reg,
                        X86_AREG0, x86_env_off(X86_AREG0, d->mem_offset));
        }
    }
}

/* The access instruction starts at code offset `at`. */
static void x86_record_fault_site(X86Gen *g, const X86SlowPath *p,
                                  size_t at)
{
    if (!p->nb_dirty) {
        return;
    }
    x86_fault_data_push(g->s, (uint32_t)at);
    x86_fault_data_push(g->s, (uint32_t)p->nb_dirty);
    for (int i = 0; i < p->nb_dirty; i++) {
        x86_fault_data_push(g->s, p->dirty[i]);
    }
}

void x86_emit_qemu_ldst(X86Gen *g, const TCGOp *op, const RAOpArgs *a)
{
    X86Code *c = &g->code;
    bool is_store = op->opc == INDEX_op_qemu_st_i32 ||
                    op->opc == INDEX_op_qemu_st_i64;
    MemOpIdx oi = (MemOpIdx)op->args[2];
    MemOp mop = get_memop(oi);
    int size = mop & MO_SIZE;
    int addr = a->reg[1];
    unsigned bits = guest_addr_bits;
    X86SlowPath p = { .addr_reg = addr, .oi = oi, .is_store = is_store };
    int base, index;
    int32_t disp = 0;

    x86_collect_dirty(g, &p);
    if (bits < 64) {
        if (bits <= 30) {
            x86_emit_arith_ri(c, XA_CMP, true, addr, 1ll << bits);
        } else {
            /* cmp addr, [rsp + limit] */
            x86_emit_arith_rm(c, XA_CMP, true, addr, X86_RSP,
                              X86_FRAME_LIMIT_OFF);
        }
        p.jcc_at[p.nb_jcc++] = x86_emit_jcc32(c, XC_AE, 0);
    }
    if ((mop & MO_ALIGN) && size) {
        /* test addr8, size - 1 */
        x86_emit_modrm(c, 0xf6 | XP_REXB_RM, X3_TEST, addr);
        x86_out8(c, (1 << size) - 1);
        p.jcc_at[p.nb_jcc++] = x86_emit_jcc32(c, XC_NE, 0);
    }
    /* cpu_restore_state looks at retaddr - 1: the access itself. */
    p.retaddr = x86_here(c) + 1;
    /* Registers are unchanged from here to the access: no output yet. */
    x86_record_fault_site(g, &p, c->pos);

    if (guest_base == 0) {
        base = addr;
        index = -1;
    } else if (guest_base <= INT32_MAX) {
        base = addr;
        index = -1;
        disp = (int32_t)guest_base;
    } else {
        base = X86_GUEST_BASE;
        index = addr;
    }
    x86_emit_guest_access(c, op, a, base, index, disp);
    if (p.nb_jcc) {
        g_array_append_val(g->slow, p);
    }
}

/* The load or store itself, at [base + index + disp]. */
void x86_emit_guest_access(X86Code *c, const TCGOp *op, const RAOpArgs *a,
                           int base, int index, int32_t disp)
{
    bool is_store = op->opc == INDEX_op_qemu_st_i32 ||
                    op->opc == INDEX_op_qemu_st_i64;
    bool is64 = op->opc == INDEX_op_qemu_ld_i64 ||
                op->opc == INDEX_op_qemu_st_i64;
    MemOp mop = get_memop((MemOpIdx)op->args[2]);
    int size = mop & MO_SIZE;
    int opc;

    if (!is_store) {
        int out = a->reg[0];
        bool sign = mop & MO_SIGN;

        switch (size) {
        case 0:
            opc = sign ? XO_MOVSBL | (is64 ? XP_REXW : 0) : XO_MOVZBL;
            break;
        case 1:
            opc = sign ? XO_MOVSWL | (is64 ? XP_REXW : 0) : XO_MOVZWL;
            break;
        case 2:
            opc = sign && is64 ? XO_MOVSLQ : XO_MOVL_GvEv;
            break;
        default:
            opc = XO_MOVL_GvEv | (is64 ? XP_REXW : 0);
            break;
        }
        x86_emit_modrm_sib(c, opc, out, base, index, 0, disp);
    } else if (a->is_const[0]) {
        int64_t v = a->cval[0];

        opc = size == 0 ? XO_MOVB_EvIz : XO_MOVL_EvIz;
        opc |= size == 1 ? XP_DATA16 : size == 3 ? XP_REXW : 0;
        x86_emit_modrm_sib(c, opc, 0, base, index, 0, disp);
        if (size == 0) {
            x86_out8(c, (uint8_t)v);
        } else if (size == 1) {
            x86_out16(c, (uint16_t)v);
        } else {
            x86_out32(c, (uint32_t)v);
        }
    } else {
        opc = size == 0 ? XO_MOVB_EvGv | XP_REXB_R : XO_MOVL_EvGv;
        opc |= size == 1 ? XP_DATA16 : size == 3 ? XP_REXW : 0;
        x86_emit_modrm_sib(c, opc, a->reg[0], base, index, 0, disp);
    }
}
