/* SPDX-License-Identifier: MIT */
/*
 * RISC-V disassembler for -d in_asm: the translator's .decode files
 * decoded again with disas_ hooks that print objdump's syntax, with the
 * common pseudo-instructions (li, mv, ret, beqz...) or without them
 * (exactly `objdump -M no-aliases`). Compressed insns are shown as the
 * 32-bit insn they expand to.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "target/riscv/internals.h"

typedef struct DisCtx {
    char *buf;
    size_t size;
    uint64_t pc;
    uint32_t insn;
    bool aliases;       /* print pseudo-instructions */
} DisCtx;

/* Field helpers named by the .decode files, for the DisCtx decoders. */
static int ex_shift_1(DisCtx *ctx, int x)
{
    return x * 2;
}

static int ex_shift_2(DisCtx *ctx, int x)
{
    return x * 4;
}

static int ex_shift_3(DisCtx *ctx, int x)
{
    return x * 8;
}

static int ex_shift_4(DisCtx *ctx, int x)
{
    return x * 16;
}

static int ex_shift_12(DisCtx *ctx, int x)
{
    return (int)((uint32_t)x << 12);
}

static int ex_rvc_reg(DisCtx *ctx, int x)
{
    return x + 8;
}

#include "disas-insn32.c.inc"
#include "disas-insn16.c.inc"

/* ABI names (also used by the translator and the state dump). */
const char *const riscv_int_regnames[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
    "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

const char *const riscv_fpr_regnames[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
    "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
    "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

#define XR(r) riscv_int_regnames[(r) & 31]
#define FR(r) riscv_fpr_regnames[(r) & 31]

/* Print "mnemonic operands"; the mnemonic is the pattern name with '.'. */
static bool dis_out(DisCtx *ctx, const char *name, const char *fmt, ...)
{
    char mn[32];
    size_t i;
    int n;
    va_list ap;

    for (i = 0; name[i] && i < sizeof(mn) - 1; i++) {
        mn[i] = name[i] == '_' ? '.' : name[i];
    }
    mn[i] = 0;
    n = snprintf(ctx->buf, ctx->size, "%s%s", mn, *fmt ? " " : "");
    if (n < 0 || (size_t)n >= ctx->size) {
        return true;
    }
    va_start(ap, fmt);
    vsnprintf(ctx->buf + n, ctx->size - n, fmt, ap);
    va_end(ap);
    return true;
}

static const char *rm_name(int rm)
{
    static const char *const names[8] = {
        "rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "dyn",
    };
    return names[rm & 7];
}

/* ---- pseudo-instructions ---- */

static bool is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static bool alias_i(DisCtx *ctx, const char *name, arg_i *a)
{
    if (is(name, "addi")) {
        if (a->rd == 0 && a->rs1 == 0 && a->imm == 0) {
            return dis_out(ctx, "nop", "");
        }
        if (a->rs1 == 0) {
            return dis_out(ctx, "li", "%s,%d", XR(a->rd), a->imm);
        }
        if (a->imm == 0) {
            return dis_out(ctx, "mv", "%s,%s", XR(a->rd), XR(a->rs1));
        }
    } else if (is(name, "addiw") && a->imm == 0) {
        return dis_out(ctx, "sext.w", "%s,%s", XR(a->rd), XR(a->rs1));
    } else if (is(name, "xori") && a->imm == -1) {
        return dis_out(ctx, "not", "%s,%s", XR(a->rd), XR(a->rs1));
    } else if (is(name, "sltiu") && a->imm == 1) {
        return dis_out(ctx, "seqz", "%s,%s", XR(a->rd), XR(a->rs1));
    }
    return false;
}

static bool alias_r(DisCtx *ctx, const char *name, arg_r *a)
{
    if (is(name, "add") && a->rs1 == 0) {
        /* c.mv expands to add rd, zero, rs2 */
        return dis_out(ctx, "mv", "%s,%s", XR(a->rd), XR(a->rs2));
    }
    if ((is(name, "sub") || is(name, "subw")) && a->rs1 == 0) {
        return dis_out(ctx, is(name, "sub") ? "neg" : "negw", "%s,%s",
                       XR(a->rd), XR(a->rs2));
    }
    if (is(name, "sltu") && a->rs1 == 0) {
        return dis_out(ctx, "snez", "%s,%s", XR(a->rd), XR(a->rs2));
    }
    if (is(name, "slt") && a->rs2 == 0) {
        return dis_out(ctx, "sltz", "%s,%s", XR(a->rd), XR(a->rs1));
    }
    if (is(name, "slt") && a->rs1 == 0) {
        return dis_out(ctx, "sgtz", "%s,%s", XR(a->rd), XR(a->rs2));
    }
    if (is(name, "add_uw") && a->rs2 == 0) {
        return dis_out(ctx, "zext.w", "%s,%s", XR(a->rd), XR(a->rs1));
    }
    return false;
}

static bool alias_b(DisCtx *ctx, const char *name, arg_b *a)
{
    static const char *const z[][3] = {
        /* insn, rs2 == zero, rs1 == zero */
        { "beq", "beqz", NULL }, { "bne", "bnez", NULL },
        { "blt", "bltz", "bgtz" }, { "bge", "bgez", "blez" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(z); i++) {
        if (!is(name, z[i][0])) {
            continue;
        }
        if (a->rs2 == 0) {
            return dis_out(ctx, z[i][1], "%s,%" PRIx64, XR(a->rs1),
                           ctx->pc + a->imm);
        }
        if (a->rs1 == 0 && z[i][2]) {
            return dis_out(ctx, z[i][2], "%s,%" PRIx64, XR(a->rs2),
                           ctx->pc + a->imm);
        }
    }
    return false;
}

/* fsgnj* with equal sources: fmv, fneg, fabs. */
static bool alias_fsgnj(DisCtx *ctx, const char *name, arg_r *a)
{
    const char *mn;
    char buf[16];

    if (a->rs1 != a->rs2 || strncmp(name, "fsgnj", 5)) {
        return false;
    }
    mn = name[5] == 'n' ? "fneg" : name[5] == 'x' ? "fabs" : "fmv";
    snprintf(buf, sizeof(buf), "%s.%c", mn, name[strlen(name) - 1]);
    return dis_out(ctx, buf, "%s,%s", FR(a->rd), FR(a->rs1));
}

/* ---- shapes ---- */

#define DIS_R(name)                                                          \
    static bool disas_##name(DisCtx *ctx, arg_r *a)                          \
    {                                                                        \
        if (ctx->aliases && alias_r(ctx, #name, a)) {                        \
            return true;                                                     \
        }                                                                    \
        return dis_out(ctx, #name, "%s,%s,%s", XR(a->rd), XR(a->rs1),        \
                       XR(a->rs2));                                          \
    }
#define DIS_R2(name)                                                         \
    static bool disas_##name(DisCtx *ctx, arg_r2 *a)                         \
    {                                                                        \
        return dis_out(ctx, #name, "%s,%s", XR(a->rd), XR(a->rs1));          \
    }
#define DIS_I(name)                                                          \
    static bool disas_##name(DisCtx *ctx, arg_i *a)                          \
    {                                                                        \
        if (ctx->aliases && alias_i(ctx, #name, a)) {                        \
            return true;                                                     \
        }                                                                    \
        return dis_out(ctx, #name, "%s,%s,%d", XR(a->rd), XR(a->rs1),        \
                       a->imm);                                              \
    }
#define DIS_SH(name)                                                         \
    static bool disas_##name(DisCtx *ctx, arg_shift *a)                      \
    {                                                                        \
        return dis_out(ctx, #name, "%s,%s,0x%x", XR(a->rd), XR(a->rs1),      \
                       a->shamt);                                            \
    }
#define DIS_LOAD(name, RD)                                                   \
    static bool disas_##name(DisCtx *ctx, arg_i *a)                          \
    {                                                                        \
        return dis_out(ctx, #name, "%s,%d(%s)", RD(a->rd), a->imm,           \
                       XR(a->rs1));                                          \
    }
#define DIS_STORE(name, RS)                                                  \
    static bool disas_##name(DisCtx *ctx, arg_s *a)                          \
    {                                                                        \
        return dis_out(ctx, #name, "%s,%d(%s)", RS(a->rs2), a->imm,          \
                       XR(a->rs1));                                          \
    }
#define DIS_B(name)                                                          \
    static bool disas_##name(DisCtx *ctx, arg_b *a)                          \
    {                                                                        \
        if (ctx->aliases && alias_b(ctx, #name, a)) {                        \
            return true;                                                     \
        }                                                                    \
        return dis_out(ctx, #name, "%s,%s,%" PRIx64, XR(a->rs1),             \
                       XR(a->rs2), ctx->pc + a->imm);                        \
    }
#define DIS_U(name)                                                          \
    static bool disas_##name(DisCtx *ctx, arg_u *a)                          \
    {                                                                        \
        return dis_out(ctx, #name, "%s,0x%x", XR(a->rd),                     \
                       ((uint32_t)a->imm >> 12) & 0xfffff);                  \
    }
#define DIS_NONE(name)                                                       \
    static bool disas_##name(DisCtx *ctx, arg_empty *a)                      \
    {                                                                        \
        return dis_out(ctx, #name, "");                                      \
    }
#define DIS_CSR(name, imm)                                                   \
    static bool disas_##name(DisCtx *ctx, arg_csr *a)                        \
    {                                                                        \
        return dis_csr(ctx, #name, a, imm);                                  \
    }
#define DIS_AMO(name)                                                        \
    static bool disas_##name(DisCtx *ctx, arg_atomic *a)                     \
    {                                                                        \
        return dis_amo(ctx, #name, a);                                       \
    }
#define DIS_F4(name)                                                         \
    static bool disas_##name(DisCtx *ctx, arg_r4_rm *a)                      \
    {                                                                        \
        return dis_out(ctx, #name, "%s,%s,%s,%s%s%s", FR(a->rd),             \
                       FR(a->rs1), FR(a->rs2), FR(a->rs3),                   \
                       a->rm == 7 ? "" : ",",                                \
                       a->rm == 7 ? "" : rm_name(a->rm));                    \
    }
#define DIS_F3RM(name)                                                       \
    static bool disas_##name(DisCtx *ctx, arg_r_rm *a)                       \
    {                                                                        \
        return dis_out(ctx, #name, "%s,%s,%s%s%s", FR(a->rd), FR(a->rs1),    \
                       FR(a->rs2), a->rm == 7 ? "" : ",",                    \
                       a->rm == 7 ? "" : rm_name(a->rm));                    \
    }
/* omit: the rm value objdump leaves out (7, or 0 for exact conversions) */
#define DIS_F2RM(name, RD, RS, omit)                                         \
    static bool disas_##name(DisCtx *ctx, arg_r2_rm *a)                      \
    {                                                                        \
        return dis_out(ctx, #name, "%s,%s%s%s", RD(a->rd), RS(a->rs1),       \
                       a->rm == omit ? "" : ",",                             \
                       a->rm == omit ? "" : rm_name(a->rm));                 \
    }
#define DIS_F3(name, RD)                                                     \
    static bool disas_##name(DisCtx *ctx, arg_r *a)                          \
    {                                                                        \
        if (ctx->aliases && alias_fsgnj(ctx, #name, a)) {                    \
            return true;                                                     \
        }                                                                    \
        return dis_out(ctx, #name, "%s,%s,%s", RD(a->rd), FR(a->rs1),        \
                       FR(a->rs2));                                          \
    }
#define DIS_F2(name, RD, RS)                                                 \
    static bool disas_##name(DisCtx *ctx, arg_r2 *a)                         \
    {                                                                        \
        return dis_out(ctx, #name, "%s,%s", RD(a->rd), RS(a->rs1));          \
    }

static bool dis_csr(DisCtx *ctx, const char *name, arg_csr *a, bool imm)
{
    const char *csr = riscv_csr_name(a->csr);
    char num[16];

    if (!csr) {
        snprintf(num, sizeof(num), "0x%x", a->csr);
        csr = num;
    }
    if (ctx->aliases && !imm && is(name, "csrrs") && a->rs1 == 0) {
        return dis_out(ctx, "csrr", "%s,%s", XR(a->rd), csr);
    }
    if (ctx->aliases && a->rd == 0) {
        /* csrrw -> csrw, csrrsi -> csrsi ... */
        char mn[8] = { 'c', 's', 'r', name[4], 0, 0 };

        mn[4] = imm ? 'i' : 0;
        if (imm) {
            return dis_out(ctx, mn, "%s,%d", csr, a->rs1);
        }
        return dis_out(ctx, mn, "%s,%s", csr, XR(a->rs1));
    }
    if (imm) {
        return dis_out(ctx, name, "%s,%s,%d", XR(a->rd), csr, a->rs1);
    }
    return dis_out(ctx, name, "%s,%s,%s", XR(a->rd), csr, XR(a->rs1));
}

static bool dis_amo(DisCtx *ctx, const char *name, arg_atomic *a)
{
    char mn[32];

    snprintf(mn, sizeof(mn), "%s%s%s", name, a->aq ? ".aq" : "",
             a->rl ? "rl" : "");
    if (a->aq == 0 && a->rl) {
        snprintf(mn, sizeof(mn), "%s.rl", name);
    }
    if (!strncmp(name, "lr_", 3)) {
        return dis_out(ctx, mn, "%s,(%s)", XR(a->rd), XR(a->rs1));
    }
    return dis_out(ctx, mn, "%s,%s,(%s)", XR(a->rd), XR(a->rs2), XR(a->rs1));
}

/* ---- RV64I ---- */

DIS_U(lui)
DIS_U(auipc)

static bool disas_jal(DisCtx *ctx, arg_j *a)
{
    uint64_t target = ctx->pc + a->imm;

    if (ctx->aliases && (a->rd == 0 || a->rd == 1)) {
        return dis_out(ctx, a->rd ? "jal" : "j", "%" PRIx64, target);
    }
    return dis_out(ctx, "jal", "%s,%" PRIx64, XR(a->rd), target);
}

static bool disas_jalr(DisCtx *ctx, arg_i *a)
{
    if (ctx->aliases && a->imm == 0 && a->rd == 0 && a->rs1 == 1) {
        return dis_out(ctx, "ret", "");
    }
    if (ctx->aliases && a->imm == 0 && (a->rd == 0 || a->rd == 1)) {
        return dis_out(ctx, a->rd ? "jalr" : "jr", "%s", XR(a->rs1));
    }
    return dis_out(ctx, "jalr", "%s,%d(%s)", XR(a->rd), a->imm, XR(a->rs1));
}
DIS_B(beq)
DIS_B(bne)
DIS_B(blt)
DIS_B(bge)
DIS_B(bltu)
DIS_B(bgeu)
DIS_LOAD(lb, XR)
DIS_LOAD(lh, XR)
DIS_LOAD(lw, XR)
DIS_LOAD(ld, XR)
DIS_LOAD(lbu, XR)
DIS_LOAD(lhu, XR)
DIS_LOAD(lwu, XR)
DIS_STORE(sb, XR)
DIS_STORE(sh, XR)
DIS_STORE(sw, XR)
DIS_STORE(sd, XR)
DIS_I(addi)
DIS_I(slti)
DIS_I(sltiu)
DIS_I(xori)
DIS_I(ori)
DIS_I(andi)
DIS_I(addiw)
DIS_SH(slli)
DIS_SH(srli)
DIS_SH(srai)
DIS_SH(slliw)
DIS_SH(srliw)
DIS_SH(sraiw)
DIS_R(add)
DIS_R(sub)
DIS_R(sll)
DIS_R(slt)
DIS_R(sltu)
DIS_R(xor)
DIS_R(srl)
DIS_R(sra)
DIS_R(or)
DIS_R(and)
DIS_R(addw)
DIS_R(subw)
DIS_R(sllw)
DIS_R(srlw)
DIS_R(sraw)
DIS_NONE(fence_i)
DIS_NONE(ecall)
DIS_NONE(ebreak)
DIS_NONE(sret)
DIS_NONE(mret)
DIS_NONE(wfi)

static bool disas_sfence_vma(DisCtx *ctx, arg_sfence_vma *a)
{
    if (ctx->aliases && a->rs2 == 0) {
        return a->rs1 == 0 ? dis_out(ctx, "sfence.vma", "")
                           : dis_out(ctx, "sfence.vma", "%s", XR(a->rs1));
    }
    return dis_out(ctx, "sfence.vma", "%s,%s", XR(a->rs1), XR(a->rs2));
}
DIS_NONE(illegal)

static bool disas_fence(DisCtx *ctx, arg_empty *a)
{
    static const char bits[] = "iorw";
    char pred[8] = "", succ[8] = "";
    int np = 0, ns = 0;

    for (int i = 0; i < 4; i++) {
        if (ctx->insn & (1u << (27 - i))) {
            pred[np++] = bits[i];
        }
        if (ctx->insn & (1u << (23 - i))) {
            succ[ns++] = bits[i];
        }
    }
    if (ctx->aliases && !strcmp(pred, "iorw") && !strcmp(succ, "iorw")) {
        return dis_out(ctx, "fence", "");
    }
    return dis_out(ctx, "fence", "%s,%s", np ? pred : "0", ns ? succ : "0");
}

/* ---- Zicsr ---- */

DIS_CSR(csrrw, false)
DIS_CSR(csrrs, false)
DIS_CSR(csrrc, false)
DIS_CSR(csrrwi, true)
DIS_CSR(csrrsi, true)
DIS_CSR(csrrci, true)

/* ---- M ---- */

DIS_R(mul)
DIS_R(mulh)
DIS_R(mulhsu)
DIS_R(mulhu)
DIS_R(div)
DIS_R(divu)
DIS_R(rem)
DIS_R(remu)
DIS_R(mulw)
DIS_R(divw)
DIS_R(divuw)
DIS_R(remw)
DIS_R(remuw)

/* ---- A ---- */

DIS_AMO(lr_w)
DIS_AMO(sc_w)
DIS_AMO(lr_d)
DIS_AMO(sc_d)
DIS_AMO(amoswap_w)
DIS_AMO(amoadd_w)
DIS_AMO(amoxor_w)
DIS_AMO(amoand_w)
DIS_AMO(amoor_w)
DIS_AMO(amomin_w)
DIS_AMO(amomax_w)
DIS_AMO(amominu_w)
DIS_AMO(amomaxu_w)
DIS_AMO(amoswap_d)
DIS_AMO(amoadd_d)
DIS_AMO(amoxor_d)
DIS_AMO(amoand_d)
DIS_AMO(amoor_d)
DIS_AMO(amomin_d)
DIS_AMO(amomax_d)
DIS_AMO(amominu_d)
DIS_AMO(amomaxu_d)

/* ---- F and D ---- */

DIS_LOAD(flw, FR)
DIS_LOAD(fld, FR)
DIS_STORE(fsw, FR)
DIS_STORE(fsd, FR)
DIS_F4(fmadd_s)
DIS_F4(fmsub_s)
DIS_F4(fnmsub_s)
DIS_F4(fnmadd_s)
DIS_F4(fmadd_d)
DIS_F4(fmsub_d)
DIS_F4(fnmsub_d)
DIS_F4(fnmadd_d)
DIS_F3RM(fadd_s)
DIS_F3RM(fsub_s)
DIS_F3RM(fmul_s)
DIS_F3RM(fdiv_s)
DIS_F3RM(fadd_d)
DIS_F3RM(fsub_d)
DIS_F3RM(fmul_d)
DIS_F3RM(fdiv_d)
DIS_F2RM(fsqrt_s, FR, FR, 7)
DIS_F2RM(fsqrt_d, FR, FR, 7)
DIS_F2RM(fcvt_s_d, FR, FR, 7)
DIS_F2RM(fcvt_d_s, FR, FR, 0)
DIS_F2RM(fcvt_w_s, XR, FR, 7)
DIS_F2RM(fcvt_wu_s, XR, FR, 7)
DIS_F2RM(fcvt_l_s, XR, FR, 7)
DIS_F2RM(fcvt_lu_s, XR, FR, 7)
DIS_F2RM(fcvt_w_d, XR, FR, 7)
DIS_F2RM(fcvt_wu_d, XR, FR, 7)
DIS_F2RM(fcvt_l_d, XR, FR, 7)
DIS_F2RM(fcvt_lu_d, XR, FR, 7)
DIS_F2RM(fcvt_s_w, FR, XR, 7)
DIS_F2RM(fcvt_s_wu, FR, XR, 7)
DIS_F2RM(fcvt_s_l, FR, XR, 7)
DIS_F2RM(fcvt_s_lu, FR, XR, 7)
DIS_F2RM(fcvt_d_w, FR, XR, 0)
DIS_F2RM(fcvt_d_wu, FR, XR, 0)
DIS_F2RM(fcvt_d_l, FR, XR, 7)
DIS_F2RM(fcvt_d_lu, FR, XR, 7)
DIS_F3(fsgnj_s, FR)
DIS_F3(fsgnjn_s, FR)
DIS_F3(fsgnjx_s, FR)
DIS_F3(fmin_s, FR)
DIS_F3(fmax_s, FR)
DIS_F3(fsgnj_d, FR)
DIS_F3(fsgnjn_d, FR)
DIS_F3(fsgnjx_d, FR)
DIS_F3(fmin_d, FR)
DIS_F3(fmax_d, FR)
DIS_F3(feq_s, XR)
DIS_F3(flt_s, XR)
DIS_F3(fle_s, XR)
DIS_F3(feq_d, XR)
DIS_F3(flt_d, XR)
DIS_F3(fle_d, XR)
DIS_F2(fmv_x_w, XR, FR)
DIS_F2(fclass_s, XR, FR)
DIS_F2(fmv_w_x, FR, XR)
DIS_F2(fclass_d, XR, FR)
DIS_F2(fmv_x_d, XR, FR)
DIS_F2(fmv_d_x, FR, XR)

/* ---- Zba, Zbb, Zbs ---- */

DIS_R(sh1add)
DIS_R(sh2add)
DIS_R(sh3add)
DIS_R(add_uw)
DIS_R(sh1add_uw)
DIS_R(sh2add_uw)
DIS_R(sh3add_uw)
DIS_SH(slli_uw)
DIS_R(andn)
DIS_R(orn)
DIS_R(xnor)
DIS_R2(clz)
DIS_R2(ctz)
DIS_R2(cpop)
DIS_R2(sext_b)
DIS_R2(sext_h)
DIS_R2(clzw)
DIS_R2(ctzw)
DIS_R2(cpopw)
DIS_R(max)
DIS_R(maxu)
DIS_R(min)
DIS_R(minu)
DIS_R2(zext_h)
DIS_R(rol)
DIS_R(ror)
DIS_R(rolw)
DIS_R(rorw)
DIS_SH(rori)
DIS_SH(roriw)
DIS_R2(orc_b)
DIS_R2(rev8)
DIS_R(bclr)
DIS_R(bext)
DIS_R(binv)
DIS_R(bset)
DIS_SH(bclri)
DIS_SH(bexti)
DIS_SH(binvi)
DIS_SH(bseti)

int riscv_disas_insn_opts(const uint8_t *code, size_t len, uint64_t pc,
                          char *buf, size_t bufsize, bool aliases)
{
    DisCtx ctx = {
        .buf = buf, .size = bufsize, .pc = pc, .aliases = aliases,
    };
    uint32_t insn;

    if (len < 2 || bufsize == 0) {
        return 0;
    }
    buf[0] = 0;
    insn = code[0] | (code[1] << 8);
    if ((insn & 3) != 3) {
        ctx.insn = insn;
        if (!disas_decode16(&ctx, insn)) {
            snprintf(buf, bufsize, ".insn 0x%04x", insn);
        }
        return 2;
    }
    if (len < 4) {
        return 0;
    }
    insn |= (uint32_t)(code[2] | (code[3] << 8)) << 16;
    ctx.insn = insn;
    if (!disas_decode32(&ctx, insn)) {
        snprintf(buf, bufsize, ".insn 0x%08x", insn);
    }
    return 4;
}

int riscv_disas_insn(const uint8_t *code, size_t len, uint64_t pc,
                     char *buf, size_t bufsize)
{
    return riscv_disas_insn_opts(code, len, pc, buf, bufsize, true);
}
