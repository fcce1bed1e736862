/* SPDX-License-Identifier: MIT */
/* A64 to TCG IR: registers, flags, the TranslatorOps; insns in trans-*.inc */
#include <stddef.h>
#include <string.h>

#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "vemu/exec.h"
#include "vemu/translator.h"
#define ARM_GEN_HELPERS
#include "target/arm/helper.h"

TCGv_i64 cpu_X[32];
TCGv_i64 cpu_pc;
TCGv_i64 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

static const char *const regnames[32] = {
    "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7",
    "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
    "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
    "x24", "x25", "x26", "x27", "x28", "x29", "lr", "sp",
};

/* ---- decoder field helpers (the !function lines of a64.decode) ---- */

static int ex_times_4(DisasContext *s, int x)
{
    return x * 4;
}

#include "decode-a64.c.inc"

/* ---- registers ---- */

TCGv_i64 cpu_reg(DisasContext *s, int reg)
{
    if (reg == 31) {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_movi_i64(t, 0);
        return t;
    }
    return cpu_X[reg];
}

TCGv_i64 cpu_reg_sp(DisasContext *s, int reg)
{
    return cpu_X[reg];
}

TCGv_i64 read_cpu_reg(DisasContext *s, int reg, bool sf)
{
    TCGv_i64 v = tcg_temp_new_i64();

    if (reg == 31) {
        tcg_gen_movi_i64(v, 0);
    } else if (sf) {
        tcg_gen_mov_i64(v, cpu_X[reg]);
    } else {
        tcg_gen_ext32u_i64(v, cpu_X[reg]);
    }
    return v;
}

TCGv_i64 read_cpu_reg_sp(DisasContext *s, int reg, bool sf)
{
    TCGv_i64 v = tcg_temp_new_i64();

    if (sf) {
        tcg_gen_mov_i64(v, cpu_X[reg]);
    } else {
        tcg_gen_ext32u_i64(v, cpu_X[reg]);
    }
    return v;
}

/* Write v to Rd (31 = XZR: dropped), zero-extending 32-bit results. */
static void set_reg(DisasContext *s, int reg, TCGv_i64 v, bool sf)
{
    if (reg == 31) {
        return;
    }
    if (sf) {
        tcg_gen_mov_i64(cpu_X[reg], v);
    } else {
        tcg_gen_ext32u_i64(cpu_X[reg], v);
    }
}

/* Write v to Rd where 31 means SP. */
static void set_reg_sp(DisasContext *s, int reg, TCGv_i64 v, bool sf)
{
    if (sf) {
        tcg_gen_mov_i64(cpu_X[reg], v);
    } else {
        tcg_gen_ext32u_i64(cpu_X[reg], v);
    }
}

static void set_reg_imm(DisasContext *s, int reg, uint64_t v)
{
    if (reg != 31) {
        tcg_gen_movi_i64(cpu_X[reg], v);
    }
}

/* ---- exceptions and control flow ---- */

void gen_a64_update_pc(DisasContext *s, int64_t diff)
{
    tcg_gen_movi_i64(cpu_pc, s->pc_curr + diff);
}

void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome)
{
    gen_a64_update_pc(s, 0);
    gen_helper_a64_exception(tcg_env, tcg_constant_i32(excp),
                         tcg_constant_i32(syndrome));
    s->base.is_jmp = DISAS_NORETURN;
}

void gen_unallocated(DisasContext *s)
{
    gen_exception_insn(s, ARM_EXCP_UDEF, s->insn);
}

/*
 * FP/SIMD disabled by CPACR_EL1.FPEN or CPTR_EL2.TFP: the trap's ESR
 * (EC 0x07, IL) and EL were worked out with the TB flags, at run time
 * by the helper.
 */
bool fp_access_check(DisasContext *s)
{
    if (s->fp_disabled) {
        if (!s->sys) {
            gen_unallocated(s);
            return false;
        }
        gen_a64_update_pc(s, 0);
        gen_helper_a64_fp_trap(tcg_env);
        s->base.is_jmp = DISAS_NORETURN;
        return false;
    }
    return true;
}

/*
 * Top byte ignore: TBI0 for addresses with bit 55 clear, TBI1 for the
 * others. In system emulation, as in QEMU, the address stays as it is:
 * the MMU walk ignores the tag, the softmmu TLB holds a tagged page
 * under its own tag, and TLBI by VA flushes every tag (cpu_sys.c); this
 * saves two ops on every load and store of a kernel with TBI on. In
 * user mode, where there is no MMU, bits 63:56 become copies of bit 55
 * where TBI applies.
 */
TCGv_i64 clean_data_tbi(DisasContext *s, TCGv_i64 addr)
{
    TCGv_i64 clean = tcg_temp_new_i64();

    if (s->sys) {
        tcg_gen_mov_i64(clean, addr);
    } else if (s->tbi0 && s->tbi1) {
        tcg_gen_sextract_i64(clean, addr, 0, 56);
    } else if (s->tbi0) {
        /*
         * bit 55 clear: the top byte becomes 0; else unchanged. The sign
         * extension has top byte 0 or 0xff: and-ing it with addr does
         * both (Linux at EL1: TBI0 only, so every access pays this).
         */
        tcg_gen_sextract_i64(clean, addr, 0, 56);
        tcg_gen_and_i64(clean, clean, addr);
    } else if (s->tbi1) {
        /* bit 55 set: the top byte becomes 0xff; else unchanged. */
        tcg_gen_sextract_i64(clean, addr, 0, 56);
        tcg_gen_or_i64(clean, clean, addr);
    } else {
        tcg_gen_mov_i64(clean, addr);
    }
    return clean;
}

/*
 * Leave the TB for dest: chained through goto_tb slot n, or through the
 * jump cache when chaining is not possible.
 */
static void gen_goto_tb(DisasContext *s, int n, uint64_t dest)
{
    if (n >= 0 && translator_use_goto_tb(&s->base, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_exit_tb(s->base.tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, dest);
        translator_gen_lookup_and_goto_ptr(&s->base, cpu_pc);
    }
    s->base.is_jmp = DISAS_NORETURN;
}

/* Raise a fetch fault for addr at the current insn (see riscv). */
static void gen_fetch_fault(DisasContext *s, uint64_t addr)
{
    TranslationBlock *tb = s->base.tb;
    uint64_t page = addr & TARGET_PAGE_MASK;

    if (s->sys) {
        /* the softmmu tracks pages itself */
    } else if (tb->page_addr[0] == (vaddr)-1) {
        tb->page_addr[0] = page;
    } else if (tb->page_addr[0] != page && tb->page_addr[1] == (vaddr)-1) {
        tb->page_addr[1] = page;
    }
    gen_a64_update_pc(s, 0);
    gen_helper_a64_fetch_fault(tcg_env, tcg_constant_i64(addr));
    s->base.is_jmp = DISAS_NORETURN;
}

/* ---- the instruction files ---- */

#include "target/arm/trans-a64-dp.c.inc"
#include "target/arm/trans-a64-ldst.c.inc"
#include "target/arm/trans-a64-sys.c.inc"

/* ---- TranslatorOps ---- */

static void a64_tr_init_disas_context(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    CPUARMState *env = arm_env(cpu);
    uint64_t flags = db->tb->flags;

    s->sys = env->sys != NULL;
    s->el = flags & TB_FLAG_EL_MASK;
    s->mem_idx = (flags & TB_FLAG_MEM_IDX_MASK) >> TB_FLAG_MEM_IDX_SHIFT;
    s->fp_disabled = (flags & TB_FLAG_FP_DISABLED) != 0;
    s->tbi0 = (flags & TB_FLAG_TBI0) != 0;
    s->tbi1 = (flags & TB_FLAG_TBI1) != 0;
    s->spsel = (flags & TB_FLAG_SPSEL) != 0;
    s->max_branches = s->sys ? A64_SB_MAX_BRANCHES_SYS : A64_SB_MAX_BRANCHES;
    s->has_el2 = env->has_el2;
}

static void a64_tr_tb_start(DisasContextBase *db, CPUState *cpu)
{
}

static void a64_tr_insn_start(DisasContextBase *db, CPUState *cpu)
{
    tcg_gen_insn_start(db->pc_next, 0);
}

static void a64_tr_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    uint8_t buf[4];
    uint32_t insn;

    s->pc_curr = db->pc_next;
    s->insn = 0;
    if (!translator_ld(cpu, db, s->pc_curr, buf, 4)) {
        if (s->pc_curr == db->pc_first) {
            gen_fetch_fault(s, s->pc_curr);
            db->pc_next = s->pc_curr + 4;
        } else {
            db->is_jmp = DISAS_TOO_MANY;
        }
        return;
    }
    insn = buf[0] | (buf[1] << 8) | (buf[2] << 16) | ((uint32_t)buf[3] << 24);
    s->insn = insn;
    db->pc_next = s->pc_curr + 4;
    if (s->pc_curr & 3) {
        /* Misaligned pc (BR to an odd address): PC alignment fault. */
        tcg_gen_st_i64(tcg_constant_i64(s->pc_curr), tcg_env,
                       offsetof(CPUARMState, exception.vaddress));
        tcg_gen_st32_i64(tcg_constant_i64(2), tcg_env,
                         offsetof(CPUARMState, exception.access));
        gen_exception_insn(s, ARM_EXCP_UNALIGNED, 0);
        return;
    }
#ifdef HAVE_A64_FPSIMD
    if (!decode_a64(s, insn) && !decode_a64_fpsimd(s, insn)) {
        gen_unallocated(s);
    }
#else
    if (!decode_a64(s, insn)) {
        gen_unallocated(s);
    }
#endif
}

static void a64_tr_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    int side_slot[TRANSLATOR_MAX_SIDE_EXITS];
    bool has_main = db->is_jmp == DISAS_NEXT ||
                    db->is_jmp == DISAS_TOO_MANY ||
                    db->is_jmp == DISAS_DIRECT;
    int main_slot = translator_assign_slots(&s->side_exits, has_main,
                                            side_slot);

    switch ((int)db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_goto_tb(s, main_slot, db->pc_next);
        break;
    case DISAS_DIRECT:
        gen_goto_tb(s, main_slot, s->main_dest);
        break;
    case DISAS_JUMP:
        translator_gen_lookup_and_goto_ptr(&s->base, cpu_pc);
        break;
    case DISAS_EXIT:
        tcg_gen_movi_i64(cpu_pc, db->pc_next);
        tcg_gen_exit_tb(NULL, 0);
        break;
    default:
        break;
    }
    /* Out of line, after the main path: the taken sides. */
    for (unsigned i = 0; i < s->side_exits.n; i++) {
        gen_set_label(s->side_exits.e[i].label);
        gen_goto_tb(s, side_slot[i], s->side_exits.e[i].dest);
    }
}

static const TranslatorOps a64_tr_ops = {
    .init_disas_context = a64_tr_init_disas_context,
    .tb_start = a64_tr_tb_start,
    .insn_start = a64_tr_insn_start,
    .translate_insn = a64_tr_translate_insn,
    .tb_stop = a64_tr_tb_stop,
};

void a64_translate(CPUState *cpu, struct TranslationBlock *tb, int max_insns)
{
    DisasContext s;

    memset(&s, 0, sizeof(s));
    translator_loop(cpu, tb, max_insns, &a64_tr_ops, &s.base);
}

void a64_tcg_init(void)
{
    for (int i = 0; i < 32; i++) {
        cpu_X[i] = tcg_global_mem_new_i64(offsetof(CPUARMState, xregs[i]),
                                          regnames[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(offsetof(CPUARMState, pc), "pc");
    cpu_NF = tcg_global_mem_new_i64(offsetof(CPUARMState, NF), "NF");
    cpu_ZF = tcg_global_mem_new_i64(offsetof(CPUARMState, ZF), "ZF");
    cpu_CF = tcg_global_mem_new_i64(offsetof(CPUARMState, CF), "CF");
    cpu_VF = tcg_global_mem_new_i64(offsetof(CPUARMState, VF), "VF");
    cpu_exclusive_addr = tcg_global_mem_new_i64(
        offsetof(CPUARMState, exclusive_addr), "exclusive_addr");
    cpu_exclusive_val = tcg_global_mem_new_i64(
        offsetof(CPUARMState, exclusive_val), "exclusive_val");
    cpu_exclusive_high = tcg_global_mem_new_i64(
        offsetof(CPUARMState, exclusive_high), "exclusive_high");
}
