/* SPDX-License-Identifier: MIT */
/* RV64GC to TCG IR: DisasContext, shape helpers and the TranslatorOps. */
#include <stddef.h>
#include <string.h>

#include "target/riscv/cpu.h"
#include "target/riscv/internals.h"
#include "vemu/translator.h"
#define RISCV_GEN_HELPERS
#include "target/riscv/helper.h"

/* x0 has no global: reads are the constant 0, writes go to a dead temp. */
static TCGv_i64 cpu_gpr[32];
static TCGv_i64 cpu_fpr[32];
static TCGv_i64 cpu_pc;
static TCGv_i64 cpu_load_res;
static TCGv_i64 cpu_load_val;

/*
 * Superblocks: a conditional branch does not end the TB. Its taken side
 * becomes an out-of-line side exit (emitted by tb_stop after the main
 * path) and translation goes on along the fall-through path, until this
 * many conditional branches have been seen or another limit ends the TB.
 */
#define SB_MAX_BRANCHES TRANSLATOR_MAX_SIDE_EXITS

/* Follow a direct jump inside the TB when its target is this close. */
#define SB_MAX_JUMP_SKIP 256

typedef struct DisasContext {
    DisasContextBase base;      /* must be first */
    vaddr pc_cur;               /* pc of the insn being translated */
    vaddr pc_succ;              /* pc of the insn after it */
    uint32_t insn;              /* raw bits, the badaddr of illegal insns */
    unsigned ilen;              /* 2 or 4 */
    uint64_t misa;
    unsigned mem_idx;           /* MMU index of loads and stores */
    unsigned priv;              /* PRV_U/S/M */
    unsigned fs;                /* mstatus.FS (updated once marked Dirty) */
    bool sys;                   /* system emulation */
    bool frm_invalid;           /* rm=DYN is illegal in this TB */
    vaddr main_dest;            /* DISAS_JUMP: the direct jump's target */
    unsigned nb_branches;       /* conditional branches so far */
    SideExits side_exits;       /* distinct taken targets */
} DisasContext;

/* The insn changed state TB lookup depends on: return to the loop. */
#define DISAS_EXIT DISAS_TARGET_0
/* A direct jump to main_dest ends the main path; tb_stop emits it. */
#define DISAS_JUMP DISAS_TARGET_1

/* ---- decoder field helpers (see the !function lines in *.decode) ---- */

static int ex_shift_1(DisasContext *ctx, int x)
{
    return x * 2;
}

static int ex_shift_2(DisasContext *ctx, int x)
{
    return x * 4;
}

static int ex_shift_3(DisasContext *ctx, int x)
{
    return x * 8;
}

static int ex_shift_4(DisasContext *ctx, int x)
{
    return x * 16;
}

static int ex_shift_12(DisasContext *ctx, int x)
{
    return (int)((uint32_t)x << 12);
}

static int ex_rvc_reg(DisasContext *ctx, int x)
{
    return x + 8;
}

/* Generated decoders: argument sets, trans_ prototypes, decode_insn*(). */
#include "decode-insn32.c.inc"
#include "decode-insn16.c.inc"

/* ---- registers ---- */

static TCGv_i64 get_gpr(DisasContext *ctx, int reg)
{
    return reg == 0 ? tcg_constant_i64(0) : cpu_gpr[reg];
}

/*
 * Where an insn writes rd. Shape callbacks receive this and may find it
 * aliasing a source: they must read every source before writing it.
 */
static TCGv_i64 dest_gpr(DisasContext *ctx, int reg)
{
    return reg == 0 ? tcg_temp_new_i64() : cpu_gpr[reg];
}

static void gen_set_gpr(DisasContext *ctx, int reg, TCGv_i64 v)
{
    if (reg != 0) {
        tcg_gen_mov_i64(cpu_gpr[reg], v);
    }
}

static void gen_set_gpri(DisasContext *ctx, int reg, int64_t v)
{
    if (reg != 0) {
        tcg_gen_movi_i64(cpu_gpr[reg], v);
    }
}

/* ---- exceptions and control flow ---- */

static void gen_exception(DisasContext *ctx, int excp)
{
    tcg_gen_movi_i64(cpu_pc, ctx->pc_cur);
    gen_helper_raise_exception(tcg_env, tcg_constant_i32(excp));
    ctx->base.is_jmp = DISAS_NORETURN;
}

static void gen_illegal(DisasContext *ctx)
{
    tcg_gen_movi_i64(cpu_pc, ctx->pc_cur);
    gen_helper_raise_illegal(tcg_env, tcg_constant_i32(ctx->insn));
    ctx->base.is_jmp = DISAS_NORETURN;
}

/*
 * Raise a fetch fault for `addr` at the current insn. The TB is listed
 * on addr's page, and the helper re-checks the page when it runs: if it
 * became executable since (mprotect, mmap), the TB is dropped and the
 * insn translated again instead of faulting forever.
 */
static void gen_fetch_fault(DisasContext *ctx, vaddr addr)
{
    TranslationBlock *tb = ctx->base.tb;
    vaddr page = addr & TARGET_PAGE_MASK;

    /* (System mode: the softmmu keeps ram pages there itself.) */
    if (ctx->sys) {
        /* nothing to record */
    } else if (tb->page_addr[0] == (vaddr)-1) {
        tb->page_addr[0] = page;
    } else if (tb->page_addr[0] != page && tb->page_addr[1] == (vaddr)-1) {
        tb->page_addr[1] = page;
    }
    tcg_gen_movi_i64(cpu_pc, ctx->pc_cur);
    gen_helper_fetch_fault(tcg_env, tcg_constant_i64(addr));
    ctx->base.is_jmp = DISAS_NORETURN;
}

/*
 * Leave the TB for dest: chained through goto_tb slot n, or through the
 * jump cache when n < 0 (both slots taken) or chaining is disabled.
 */
static void gen_goto_tb(DisasContext *ctx, int n, vaddr dest)
{
    if (n >= 0 && translator_use_goto_tb(&ctx->base, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_exit_tb(ctx->base.tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, dest);
        translator_gen_lookup_and_goto_ptr(&ctx->base, cpu_pc);
    }
}

/* ---- FP state (mstatus.FS) ---- */

/* Does the insn use the F/D register file (major opcodes, RVC forms)? */
static bool insn_is_fp(uint32_t insn, unsigned ilen)
{
    if (ilen == 2) {
        unsigned f3 = (insn >> 13) & 7;

        /* c.fld, c.fsd (quadrant 0); c.fldsp, c.fsdsp (quadrant 2) */
        return ((insn & 3) == 0 || (insn & 3) == 2) && (f3 == 1 || f3 == 5);
    }
    switch (insn & 0x7f) {
    case 0x07:  /* LOAD-FP */
    case 0x27:  /* STORE-FP */
    case 0x43:  /* FMADD */
    case 0x47:  /* FMSUB */
    case 0x4b:  /* FNMSUB */
    case 0x4f:  /* FNMADD */
    case 0x53:  /* OP-FP */
        return true;
    default:
        return false;
    }
}

/*
 * FP insns are illegal while mstatus.FS is Off; otherwise the first one
 * of the TB marks FS Dirty (conservatively: even compares and stores,
 * which the spec permits). False: the insn is illegal.
 */
static bool gen_fp_gate(DisasContext *ctx)
{
    TCGv_i64 t;

    if (!insn_is_fp(ctx->insn, ctx->ilen) || ctx->fs == EXT_STATUS_DIRTY) {
        return true;
    }
    if (ctx->fs == EXT_STATUS_OFF) {
        return false;
    }
    t = tcg_temp_new_i64();
    tcg_gen_ld_i64(t, tcg_env, offsetof(CPURISCVState, mstatus));
    tcg_gen_ori_i64(t, t, MSTATUS_FS | MSTATUS_SD);
    tcg_gen_st_i64(t, tcg_env, offsetof(CPURISCVState, mstatus));
    ctx->fs = EXT_STATUS_DIRTY;
    return true;
}

/* ---- shapes ---- */

typedef void GenBinFn(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
typedef void GenImmFn(TCGv_i64 ret, TCGv_i64 a, int64_t imm);
typedef void GenUnFn(TCGv_i64 ret, TCGv_i64 a);

static bool gen_arith(DisasContext *ctx, int rd, int rs1, int rs2,
                      GenBinFn *fn)
{
    fn(dest_gpr(ctx, rd), get_gpr(ctx, rs1), get_gpr(ctx, rs2));
    return true;
}

/* 32-bit op: the result is sign-extended from bit 31. */
static bool gen_arith_w(DisasContext *ctx, int rd, int rs1, int rs2,
                        GenBinFn *fn)
{
    TCGv_i64 dest = dest_gpr(ctx, rd);

    fn(dest, get_gpr(ctx, rs1), get_gpr(ctx, rs2));
    tcg_gen_ext32s_i64(dest, dest);
    return true;
}

static bool gen_arith_imm(DisasContext *ctx, int rd, int rs1, int64_t imm,
                          GenImmFn *fn)
{
    fn(dest_gpr(ctx, rd), get_gpr(ctx, rs1), imm);
    return true;
}

static bool gen_arith_imm_w(DisasContext *ctx, int rd, int rs1, int64_t imm,
                            GenImmFn *fn)
{
    TCGv_i64 dest = dest_gpr(ctx, rd);

    fn(dest, get_gpr(ctx, rs1), imm);
    tcg_gen_ext32s_i64(dest, dest);
    return true;
}

static bool gen_unary(DisasContext *ctx, int rd, int rs1, GenUnFn *fn)
{
    fn(dest_gpr(ctx, rd), get_gpr(ctx, rs1));
    return true;
}

/* rs1 + imm, without an add when imm is 0. */
static TCGv_i64 gen_address(DisasContext *ctx, int rs1, int64_t imm)
{
    TCGv_i64 addr;

    if (imm == 0) {
        return get_gpr(ctx, rs1);
    }
    addr = tcg_temp_new_i64();
    tcg_gen_addi_i64(addr, get_gpr(ctx, rs1), imm);
    return addr;
}

static bool gen_load(DisasContext *ctx, int rd, int rs1, int64_t imm,
                     MemOp mop)
{
    TCGv_i64 addr = gen_address(ctx, rs1, imm);

    tcg_gen_qemu_ld_i64(dest_gpr(ctx, rd), addr, ctx->mem_idx, mop);
    return true;
}

static bool gen_store(DisasContext *ctx, int rs2, int rs1, int64_t imm,
                      MemOp mop)
{
    TCGv_i64 addr = gen_address(ctx, rs1, imm);

    tcg_gen_qemu_st_i64(get_gpr(ctx, rs2), addr, ctx->mem_idx, mop);
    return true;
}

/*
 * The taken side leaves through a side exit emitted by tb_stop; the
 * fall-through goes on in this TB. Globals are in memory at the brcond
 * (the liveness contract), so the side exit needs no state of its own:
 * only cpu_pc, which it sets itself.
 */
/* The side exit to dest: branches to one target share one exit. */
static TCGLabel *gen_side_exit_label(DisasContext *ctx, vaddr dest)
{
    return translator_side_exit(&ctx->side_exits, ctx->pc_cur, dest);
}

static bool gen_branch(DisasContext *ctx, int rs1, int rs2, int64_t imm,
                       TCGCond cond)
{
    TCGLabel *exit = gen_side_exit_label(ctx, ctx->pc_cur + imm);

    tcg_gen_brcond_i64(cond, get_gpr(ctx, rs1), get_gpr(ctx, rs2), exit);
    if (++ctx->nb_branches >= SB_MAX_BRANCHES) {
        /* tb_stop chains the fall-through to pc_next. */
        ctx->base.is_jmp = DISAS_TOO_MANY;
    }
    return true;
}

static bool gen_jal(DisasContext *ctx, int rd, int64_t imm)
{
    vaddr dest = ctx->pc_cur + imm;

    gen_set_gpri(ctx, rd, ctx->pc_succ);
    /*
     * A short forward jump within the page: keep translating at dest in
     * this TB (the loop's limits still apply at the next insn).
     */
    if (imm > 0 && imm <= SB_MAX_JUMP_SKIP &&
        (dest & TARGET_PAGE_MASK) == (ctx->pc_cur & TARGET_PAGE_MASK)) {
        ctx->pc_succ = dest;
        return true;
    }
    ctx->main_dest = dest;
    ctx->base.is_jmp = DISAS_JUMP;
    return true;
}

/* ---- the instruction files ---- */

#include "target/riscv/trans_rvi.c.inc"
#include "target/riscv/trans_rvm.c.inc"
#include "target/riscv/trans_rva.c.inc"
#include "target/riscv/trans_rvf.c.inc"
#include "target/riscv/trans_rvzb.c.inc"
#include "target/riscv/trans_rvzicsr.c.inc"
#include "target/riscv/trans_privileged.c.inc"

/* ---- TranslatorOps ---- */

static void riscv_tr_init_disas_context(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *ctx = (DisasContext *)db;
    CPURISCVState *env = riscv_env(cpu);

    uint64_t flags = db->tb->flags;

    ctx->misa = env->misa;
    ctx->sys = env->sys != NULL;
    ctx->priv = flags & TB_FLAG_PRIV_MASK;
    ctx->fs = (flags & TB_FLAG_FS_MASK) >> TB_FLAG_FS_SHIFT;
    ctx->mem_idx = (flags & TB_FLAG_MEM_IDX_MASK) >> TB_FLAG_MEM_IDX_SHIFT;
    ctx->frm_invalid = (flags & TB_FLAG_FRM_INVALID) != 0;
}

static void riscv_tr_tb_start(DisasContextBase *db, CPUState *cpu)
{
}

static void riscv_tr_insn_start(DisasContextBase *db, CPUState *cpu)
{
    tcg_gen_insn_start(db->pc_next, 0);
}

/*
 * Fetch failed at addr: on the TB's first insn that is the guest's fetch
 * fault; otherwise end the TB before this insn, and the next TB starting
 * here raises it.
 */
static void riscv_tr_fetch_failed(DisasContext *ctx, vaddr addr)
{
    if (ctx->pc_cur == ctx->base.pc_first) {
        ctx->pc_succ = ctx->pc_cur;
        gen_fetch_fault(ctx, addr);
        ctx->base.pc_next = ctx->pc_cur + 2;
    } else {
        ctx->base.is_jmp = DISAS_TOO_MANY;
    }
}

static void riscv_tr_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *ctx = (DisasContext *)db;
    uint8_t buf[4];
    uint32_t insn;
    bool ok;

    ctx->pc_cur = db->pc_next;
    ctx->insn = 0;
    if (!translator_ld(cpu, db, ctx->pc_cur, buf, 2)) {
        riscv_tr_fetch_failed(ctx, ctx->pc_cur);
        return;
    }
    insn = buf[0] | (buf[1] << 8);
    if ((insn & 3) != 3) {
        ctx->ilen = 2;
        ctx->insn = insn;
        ctx->pc_succ = ctx->pc_cur + 2;
        ok = gen_fp_gate(ctx) && decode_insn16(ctx, insn);
    } else {
        if (!translator_ld(cpu, db, ctx->pc_cur + 2, buf + 2, 2)) {
            riscv_tr_fetch_failed(ctx, ctx->pc_cur + 2);
            return;
        }
        insn |= (uint32_t)(buf[2] | (buf[3] << 8)) << 16;
        ctx->ilen = 4;
        ctx->insn = insn;
        ctx->pc_succ = ctx->pc_cur + 4;
        ok = gen_fp_gate(ctx) && decode_insn32(ctx, insn);
    }
    if (!ok) {
        gen_illegal(ctx);
    }
    db->pc_next = ctx->pc_succ;
}

static void riscv_tr_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *ctx = (DisasContext *)db;
    int side_slot[TRANSLATOR_MAX_SIDE_EXITS];
    bool has_main = db->is_jmp == DISAS_TOO_MANY ||
                    db->is_jmp == DISAS_JUMP;
    int main_slot = translator_assign_slots(&ctx->side_exits, has_main,
                                            side_slot);
    switch ((int)db->is_jmp) {
    case DISAS_TOO_MANY:
        gen_goto_tb(ctx, main_slot, db->pc_next);
        break;
    case DISAS_JUMP:
        gen_goto_tb(ctx, main_slot, ctx->main_dest);
        break;
    case DISAS_EXIT:
        tcg_gen_movi_i64(cpu_pc, db->pc_next);
        tcg_gen_exit_tb(NULL, 0);
        break;
    default:
        break;
    }
    /* Out of line, after the main path: the taken sides. */
    for (unsigned i = 0; i < ctx->side_exits.n; i++) {
        gen_set_label(ctx->side_exits.e[i].label);
        gen_goto_tb(ctx, side_slot[i], ctx->side_exits.e[i].dest);
    }
}

static const TranslatorOps riscv_tr_ops = {
    .init_disas_context = riscv_tr_init_disas_context,
    .tb_start = riscv_tr_tb_start,
    .insn_start = riscv_tr_insn_start,
    .translate_insn = riscv_tr_translate_insn,
    .tb_stop = riscv_tr_tb_stop,
};

void riscv_translate(CPUState *cpu, struct TranslationBlock *tb,
                     int max_insns)
{
    DisasContext ctx;

    memset(&ctx, 0, sizeof(ctx));
    translator_loop(cpu, tb, max_insns, &riscv_tr_ops, &ctx.base);
}

void riscv_tcg_init(void)
{
    for (int i = 1; i < 32; i++) {
        cpu_gpr[i] = tcg_global_mem_new_i64(
            offsetof(CPURISCVState, gpr[i]), riscv_int_regnames[i]);
    }
    for (int i = 0; i < 32; i++) {
        cpu_fpr[i] = tcg_global_mem_new_i64(
            offsetof(CPURISCVState, fpr[i]), riscv_fpr_regnames[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(offsetof(CPURISCVState, pc), "pc");
    cpu_load_res = tcg_global_mem_new_i64(
        offsetof(CPURISCVState, load_res), "load_res");
    cpu_load_val = tcg_global_mem_new_i64(
        offsetof(CPURISCVState, load_val), "load_val");
}
