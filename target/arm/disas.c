/* SPDX-License-Identifier: MIT */
/*
 * A64 disassembler for -d in_asm: a64.decode run with disas_ hooks.
 * Integer insns get GNU-like text (a few aliases: mov, cmp, ret, nop);
 * FP/SIMD and unknown words print as ".inst 0x...".
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include <capstone/capstone.h>

#include "target/arm/internals.h"

typedef struct DisCtx {
    uint64_t pc;
    uint32_t insn;
    char *buf;
    size_t size;
} DisCtx;

static int ex_times_4(DisCtx *ctx, int x)
{
    return x * 4;
}

#include "disas-a64.c.inc"

static const char *const cond_names[16] = {
    "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
    "hi", "ls", "ge", "lt", "gt", "le", "al", "nv",
};

static bool out(DisCtx *ctx, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(ctx->buf, ctx->size, fmt, ap);
    va_end(ap);
    return true;
}

/* Register name in a small rotating buffer: zr (sp false) or sp for 31. */
static const char *rname(int r, bool sf, bool sp)
{
    static __thread char bufs[4][8];
    static __thread int next;
    char *b = bufs[next++ & 3];

    if (r == 31) {
        snprintf(b, 8, "%s", sp ? (sf ? "sp" : "wsp") : (sf ? "xzr" : "wzr"));
    } else {
        snprintf(b, 8, "%c%d", sf ? 'x' : 'w', r);
    }
    return b;
}

#define X(r) rname(r, true, false)
#define XS(r) rname(r, true, true)
#define R(r, sf) rname(r, sf, false)
#define RS(r, sf) rname(r, sf, true)

static bool disas_B(DisCtx *c, arg_i *a)
{
    return out(c, "b 0x%" PRIx64, c->pc + a->imm);
}

static bool disas_BL(DisCtx *c, arg_i *a)
{
    return out(c, "bl 0x%" PRIx64, c->pc + a->imm);
}

static bool disas_SVC(DisCtx *c, arg_SVC *a)
{
    return out(c, "svc #0x%x", a->imm);
}

static bool disas_HVC(DisCtx *c, arg_HVC *a)
{
    return out(c, "hvc #0x%x", a->imm);
}

static bool disas_SMC(DisCtx *c, arg_SMC *a)
{
    return out(c, "smc #0x%x", a->imm);
}

static bool disas_BRK(DisCtx *c, arg_BRK *a)
{
    return out(c, "brk #0x%x", a->imm);
}

static bool disas_HLT(DisCtx *c, arg_HLT *a)
{
    return out(c, "hlt #0x%x", a->imm);
}

static bool disas_HINT(DisCtx *c, arg_HINT *a)
{
    static const char *const names[] = {
        "nop", "yield", "wfe", "wfi", "sev", "sevl",
    };
    /* The hint number is CRm:op2 (bits 11:5). */
    unsigned imm = (c->insn >> 5) & 0x7f;

    switch (imm) {
    case 25:
        return out(c, "paciasp");
    case 29:
        return out(c, "autiasp");
    case 32: case 34: case 36: case 38:
        return out(c, "bti%s", (const char *const[]){ "", " c", " j",
                                                      " jc" }[(imm >> 1) & 3]);
    default:
        return imm < 6 ? out(c, "%s", names[imm]) : out(c, "hint #%u", imm);
    }
}

static bool disas_B_cond(DisCtx *c, arg_B_cond *a)
{
    return out(c, "b.%s 0x%" PRIx64, cond_names[a->cond], c->pc + a->imm);
}

static bool disas_CBZ(DisCtx *c, arg_CBZ *a)
{
    return out(c, "%s %s, 0x%" PRIx64, a->nz ? "cbnz" : "cbz",
               R(a->rt, a->sf), c->pc + a->imm);
}

static bool disas_TBZ(DisCtx *c, arg_TBZ *a)
{
    return out(c, "%s %s, #%d, 0x%" PRIx64, a->nz ? "tbnz" : "tbz",
               R(a->rt, a->b5), a->b5 * 32 + a->b40, c->pc + a->imm);
}

static bool disas_BR(DisCtx *c, arg_BR *a)
{
    return out(c, "br %s", X(a->rn));
}

static bool disas_ERET(DisCtx *c, arg_ERET *a)
{
    return out(c, "eret");
}

static bool disas_BLR(DisCtx *c, arg_BLR *a)
{
    return out(c, "blr %s", X(a->rn));
}

static bool disas_RET(DisCtx *c, arg_RET *a)
{
    return a->rn == 30 ? out(c, "ret") : out(c, "ret %s", X(a->rn));
}

static bool disas_CLREX(DisCtx *c, arg_CLREX *a)
{
    return out(c, "clrex");
}

static bool disas_DSB_DMB(DisCtx *c, arg_DSB_DMB *a)
{
    return out(c, "%s #%u", (c->insn & 0x20) ? "dmb" : "dsb",
               (c->insn >> 8) & 15);
}

static bool disas_ISB(DisCtx *c, arg_ISB *a)
{
    return out(c, "isb");
}

static bool disas_SB(DisCtx *c, arg_SB *a)
{
    return out(c, "sb");
}

static bool disas_MSR_i(DisCtx *c, arg_MSR_i *a)
{
    return out(c, "msr pstate(%d,%d), #%d", a->op1, a->op2, a->crm);
}

static bool disas_SYS(DisCtx *c, arg_SYS *a)
{
    return out(c, "%s #%d, c%d, c%d, #%d, %s", a->l ? "sysl" : "sys",
               a->op1, a->crn, a->crm, a->op2, X(a->rt));
}

static bool disas_MSR_MRS(DisCtx *c, arg_MSR_MRS *a)
{
    char reg[32];

    snprintf(reg, sizeof(reg), "s%d_%d_c%d_c%d_%d", 2 + a->o0, a->op1,
             a->crn, a->crm, a->op2);
    return a->l ? out(c, "mrs %s, %s", X(a->rt), reg)
                : out(c, "msr %s, %s", reg, X(a->rt));
}

static bool disas_ADR(DisCtx *c, arg_ADR *a)
{
    uint64_t v = a->op ? (c->pc & ~(uint64_t)0xfff) + ((int64_t)a->imm << 12)
                       : c->pc + a->imm;

    return out(c, "%s %s, 0x%" PRIx64, a->op ? "adrp" : "adr", X(a->rd), v);
}

static bool disas_ADDSUB_i(DisCtx *c, arg_ADDSUB_i *a)
{
    if (a->s && a->rd == 31) {
        return out(c, "%s %s, #0x%x%s", a->sub ? "cmp" : "cmn",
                   RS(a->rn, a->sf), a->imm, a->sh ? ", lsl #12" : "");
    }
    if (!a->sub && !a->s && a->imm == 0 && !a->sh &&
        (a->rd == 31 || a->rn == 31)) {
        return out(c, "mov %s, %s", RS(a->rd, a->sf), RS(a->rn, a->sf));
    }
    return out(c, "%s%s %s, %s, #0x%x%s", a->sub ? "sub" : "add",
               a->s ? "s" : "", a->s ? R(a->rd, a->sf) : RS(a->rd, a->sf),
               RS(a->rn, a->sf), a->imm, a->sh ? ", lsl #12" : "");
}

static const char *const logic_names[4] = { "and", "orr", "eor", "ands" };

static bool disas_LOGIC_i(DisCtx *c, arg_LOGIC_i *a)
{
    return out(c, "%s %s, %s, #(n%d,r%d,s%d)", logic_names[a->opc],
               a->opc == 3 ? R(a->rd, a->sf) : RS(a->rd, a->sf),
               R(a->rn, a->sf), a->n, a->immr, a->imms);
}

static bool disas_MOVW(DisCtx *c, arg_MOVW *a)
{
    static const char *const names[4] = { "movn", "?", "movz", "movk" };

    return out(c, "%s %s, #0x%x, lsl #%d", names[a->opc], R(a->rd, a->sf),
               a->imm, a->hw * 16);
}

static bool disas_BITFIELD(DisCtx *c, arg_BITFIELD *a)
{
    static const char *const names[4] = { "sbfm", "bfm", "ubfm", "?" };

    return out(c, "%s %s, %s, #%d, #%d", names[a->opc], R(a->rd, a->sf),
               R(a->rn, a->sf), a->immr, a->imms);
}

static bool disas_EXTR(DisCtx *c, arg_EXTR *a)
{
    return out(c, "extr %s, %s, %s, #%d", R(a->rd, a->sf), R(a->rn, a->sf),
               R(a->rm, a->sf), a->imms);
}

static const char *const shift_names[4] = { "lsl", "lsr", "asr", "ror" };

static bool disas_LOGIC_r(DisCtx *c, arg_LOGIC_r *a)
{
    static const char *const names[8] = {
        "and", "orr", "eor", "ands", "bic", "orn", "eon", "bics",
    };

    if (a->opc == 1 && !a->n && a->rn == 31 && a->imm == 0) {
        return out(c, "mov %s, %s", R(a->rd, a->sf), R(a->rm, a->sf));
    }
    return out(c, "%s %s, %s, %s, %s #%d", names[a->opc | (a->n << 2)],
               R(a->rd, a->sf), R(a->rn, a->sf), R(a->rm, a->sf),
               shift_names[a->shift], a->imm);
}

static bool disas_ADDSUB_r(DisCtx *c, arg_ADDSUB_r *a)
{
    if (a->s && a->rd == 31) {
        return out(c, "%s %s, %s, %s #%d", a->sub ? "cmp" : "cmn",
                   R(a->rn, a->sf), R(a->rm, a->sf), shift_names[a->shift],
                   a->imm);
    }
    return out(c, "%s%s %s, %s, %s, %s #%d", a->sub ? "sub" : "add",
               a->s ? "s" : "", R(a->rd, a->sf), R(a->rn, a->sf),
               R(a->rm, a->sf), shift_names[a->shift], a->imm);
}

static const char *const ext_names[8] = {
    "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx",
};

static bool disas_ADDSUB_x(DisCtx *c, arg_ADDSUB_x *a)
{
    return out(c, "%s%s %s, %s, %s, %s #%d", a->sub ? "sub" : "add",
               a->s ? "s" : "", a->s ? R(a->rd, a->sf) : RS(a->rd, a->sf),
               RS(a->rn, a->sf), R(a->rm, a->sf && (a->option & 3) == 3),
               ext_names[a->option], a->imm);
}

static bool disas_ADC(DisCtx *c, arg_ADC *a)
{
    return out(c, "%s%s %s, %s, %s", a->sub ? "sbc" : "adc", a->s ? "s" : "",
               R(a->rd, a->sf), R(a->rn, a->sf), R(a->rm, a->sf));
}

static bool disas_CCMP(DisCtx *c, arg_CCMP *a)
{
    char op2[16];

    if (a->imm) {
        snprintf(op2, sizeof(op2), "#%d", a->y);
    } else {
        snprintf(op2, sizeof(op2), "%s", R(a->y, a->sf));
    }
    return out(c, "%s %s, %s, #%d, %s", a->op ? "ccmp" : "ccmn",
               R(a->rn, a->sf), op2, a->nzcv, cond_names[a->cond]);
}

static bool disas_CSEL(DisCtx *c, arg_CSEL *a)
{
    static const char *const names[4] = { "csel", "csinc", "csinv", "csneg" };

    return out(c, "%s %s, %s, %s, %s", names[a->op * 2 + a->o2],
               R(a->rd, a->sf), R(a->rn, a->sf), R(a->rm, a->sf),
               cond_names[a->cond]);
}

static bool disas_DP1(DisCtx *c, arg_DP1 *a)
{
    static const char *const names[6] = {
        "rbit", "rev16", "rev32", "rev", "clz", "cls",
    };
    const char *n = a->opc < 6 ? names[a->opc] : "dp1?";

    if (a->opc == 2 && !a->sf) {
        n = "rev";
    }
    return out(c, "%s %s, %s", n, R(a->rd, a->sf), R(a->rn, a->sf));
}

static bool disas_DP2(DisCtx *c, arg_DP2 *a)
{
    static const char *const crc[8] = {
        "crc32b", "crc32h", "crc32w", "crc32x",
        "crc32cb", "crc32ch", "crc32cw", "crc32cx",
    };
    const char *n;

    switch (a->opc) {
    case 2: n = "udiv"; break;
    case 3: n = "sdiv"; break;
    case 8: n = "lslv"; break;
    case 9: n = "lsrv"; break;
    case 10: n = "asrv"; break;
    case 11: n = "rorv"; break;
    default:
        if (a->opc >= 16 && a->opc < 24) {
            return out(c, "%s %s, %s, %s", crc[a->opc - 16], R(a->rd, false),
                       R(a->rn, false), R(a->rm, a->sf));
        }
        n = "dp2?";
        break;
    }
    return out(c, "%s %s, %s, %s", n, R(a->rd, a->sf), R(a->rn, a->sf),
               R(a->rm, a->sf));
}

static bool disas_DP3(DisCtx *c, arg_DP3 *a)
{
    static const char *const names[16] = {
        "madd", "msub", "smaddl", "smsubl", "smulh", "?", "?", "?",
        "?", "?", "umaddl", "umsubl", "umulh", "?", "?", "?",
    };
    bool wide = a->op31 != 0;

    return out(c, "%s %s, %s, %s, %s", names[a->op31 * 2 + a->o0],
               R(a->rd, a->sf), R(a->rn, a->sf && !wide),
               R(a->rm, a->sf && !wide), R(a->ra, a->sf));
}

/* The mnemonic of a single-register load/store from size/v/opc. */
static const char *ldst_name(int size, bool v, int opc, const char *base,
                             char *buf, size_t n, bool *xreg)
{
    static const char sfx[4] = { 'b', 'h', 0, 0 };

    *xreg = size == 3;
    if (v) {
        snprintf(buf, n, "%s (fp)", base);
        return buf;
    }
    if (opc == 0) {
        snprintf(buf, n, "st%s%c", base + 2, sfx[size]);
    } else if (opc == 1) {
        snprintf(buf, n, "%s%c", base, sfx[size]);
    } else if (size == 3) {
        snprintf(buf, n, "prfm");
    } else {
        *xreg = opc == 2;
        snprintf(buf, n, "%ss%c", base, size == 2 ? 'w' : sfx[size]);
    }
    return buf;
}

static bool disas_LDR_lit(DisCtx *c, arg_LDR_lit *a)
{
    return out(c, "ldr%s %s, 0x%" PRIx64, a->opc == 2 ? "sw" : "",
               a->v ? "(fp)" : R(a->rt, a->opc != 0), c->pc + a->imm);
}

static bool disas_LDST_pair(DisCtx *c, arg_LDST_pair *a)
{
    int scale = a->v ? 2 + a->opc : 2 + (a->opc >> 1);
    const char *t1 = a->v ? "(fp)" : R(a->rt, a->opc == 2);
    const char *t2 = a->v ? "(fp)" : R(a->rt2, a->opc == 2);
    char name[8];

    snprintf(name, sizeof(name), "%s%s%s", a->l ? "ld" : "st",
             a->idx == 0 ? "np" : "p", a->opc == 1 && !a->v ? "sw" : "");
    if (a->idx == 1) {
        return out(c, "%s %s, %s, [%s], #%d", name, t1, t2, XS(a->rn),
                   a->imm * (1 << scale));
    }
    return out(c, "%s %s, %s, [%s, #%d]%s", name, t1, t2, XS(a->rn),
               a->imm * (1 << scale), a->idx == 3 ? "!" : "");
}

static bool disas_LDST_imm(DisCtx *c, arg_LDST_imm *a)
{
    static const char *const idx[4] = { "ldur", "ldr", "ldtr", "ldr" };
    char nb[16];
    bool xr;
    const char *n = ldst_name(a->size, a->v, a->opc, idx[a->idx], nb,
                              sizeof(nb), &xr);

    if (a->idx == 1) {
        return out(c, "%s %s, [%s], #%d", n, a->v ? "(fp)" : R(a->rt, xr),
                   XS(a->rn), a->imm);
    }
    return out(c, "%s %s, [%s, #%d]%s", n, a->v ? "(fp)" : R(a->rt, xr),
               XS(a->rn), a->imm, a->idx == 3 ? "!" : "");
}

static bool disas_LDST_reg(DisCtx *c, arg_LDST_reg *a)
{
    char nb[16];
    bool xr;
    const char *n = ldst_name(a->size, a->v, a->opc, "ldr", nb, sizeof(nb),
                              &xr);

    return out(c, "%s %s, [%s, %s, %s%s]", n, a->v ? "(fp)" : R(a->rt, xr),
               XS(a->rn), R(a->rm, a->option & 1), ext_names[a->option],
               a->s ? " #s" : "");
}

static bool disas_LDST_uimm(DisCtx *c, arg_LDST_uimm *a)
{
    char nb[16];
    bool xr;
    const char *n = ldst_name(a->size, a->v, a->opc, "ldr", nb, sizeof(nb),
                              &xr);
    int scale = a->v && (a->opc & 2) ? 4 : a->size;

    return out(c, "%s %s, [%s, #%d]", n, a->v ? "(fp)" : R(a->rt, xr),
               XS(a->rn), a->imm * (1 << scale));
}

static bool disas_ATOMIC(DisCtx *c, arg_ATOMIC *a)
{
    static const char *const names[8] = {
        "ldadd", "ldclr", "ldeor", "ldset", "ldsmax", "ldsmin", "ldumax",
        "ldumin",
    };

    return out(c, "%s%s%s %s, %s, [%s]", a->o3 ? "swp" : names[a->opc],
               a->a ? "a" : "", a->r ? "l" : "", R(a->rs, a->size == 3),
               R(a->rt, a->size == 3), XS(a->rn));
}

static bool disas_CASP(DisCtx *c, arg_CASP *a)
{
    return out(c, "casp%s%s %s, %s, [%s]", a->l ? "a" : "", a->o0 ? "l" : "",
               R(a->rs, a->sz), R(a->rt, a->sz), XS(a->rn));
}

static bool disas_LDSTX(DisCtx *c, arg_LDSTX *a)
{
    if (a->l) {
        return out(c, "ld%sx%s %s, [%s]", a->o0 ? "a" : "", a->p ? "p" : "r",
                   R(a->rt, a->size == 3), XS(a->rn));
    }
    return out(c, "st%sx%s %s, %s, [%s]", a->o0 ? "l" : "", a->p ? "p" : "r",
               R(a->rs, false), R(a->rt, a->size == 3), XS(a->rn));
}

static bool disas_CAS(DisCtx *c, arg_CAS *a)
{
    return out(c, "cas%s%s %s, %s, [%s]", a->l ? "a" : "", a->o0 ? "l" : "",
               R(a->rs, a->size == 3), R(a->rt, a->size == 3), XS(a->rn));
}

static bool disas_LDSTLR(DisCtx *c, arg_LDSTLR *a)
{
    return out(c, "%s %s, [%s]", a->l ? "ldar" : "stlr",
               R(a->rt, a->size == 3), XS(a->rn));
}

/*
 * What a64.decode does not describe (FP/AdvSIMD, crypto): capstone's
 * AArch64 disassembler, one handle per thread (-d in_asm only).
 */
static bool a64_disas_capstone(const uint8_t *code, uint64_t pc, char *buf,
                               size_t bufsize)
{
    static __thread csh handle;
    static __thread bool opened, failed;
    cs_insn *insn;
    bool ok;

    if (!opened && !failed) {
        failed = cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &handle) != CS_ERR_OK;
        opened = !failed;
    }
    if (failed || cs_disasm(handle, code, 4, pc, 1, &insn) != 1) {
        return false;
    }
    ok = snprintf(buf, bufsize, "%s%s%s", insn->mnemonic,
                  insn->op_str[0] ? " " : "", insn->op_str) > 0;
    cs_free(insn, 1);
    return ok;
}

int a64_disas_insn(const uint8_t *code, size_t len, uint64_t pc,
                   char *buf, size_t bufsize)
{
    DisCtx ctx = { .pc = pc, .buf = buf, .size = bufsize };
    uint32_t insn;

    if (len < 4) {
        return 0;
    }
    insn = code[0] | (code[1] << 8) | (code[2] << 16) |
           ((uint32_t)code[3] << 24);
    ctx.insn = insn;
    if (!disas_decode_a64(&ctx, insn) && !a64_disas_capstone(code, pc, buf,
                                                             bufsize)) {
        snprintf(buf, bufsize, ".inst 0x%08x", insn);
    }
    return 4;
}
