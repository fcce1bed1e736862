/* SPDX-License-Identifier: MIT */
/* Interfaces shared by the files of target/arm/ (not seen outside). */
#ifndef TARGET_ARM_INTERNALS_H
#define TARGET_ARM_INTERNALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target/arm/cpu.h"
#include "vemu/translator.h"

/*
 * TB flags: everything translated code depends on beyond pc. User mode
 * is EL0 with MMU index 0 and the FPU enabled.
 */
enum {
    TB_FLAG_EL_MASK = 3,
    TB_FLAG_MEM_IDX_SHIFT = 2,
    TB_FLAG_MEM_IDX_MASK = 7 << 2,
    TB_FLAG_FP_DISABLED = 1 << 5,   /* FP/SIMD insns trap (CPACR) */
};

/*
 * Values user mode reads from EL0-visible system registers: the generic
 * timer runs at 62.5 MHz (host time / 16 ns, like QEMU); CTR_EL0 says
 * 64-byte lines (IminLine, DminLine 4), DIC=0, IDC=0; DCZID_EL0: DC ZVA
 * allowed, 64-byte blocks.
 */
#define ARM_CNTFRQ 62500000ull
#define ARM_CTR_EL0 0x8444c004ull
#define ARM_DCZID_EL0 4ull
#define ARM_DCZVA_BYTES 64

/* ---- translation (translate-a64.c), shared with translate-fpsimd*.c ---- */

/*
 * Superblocks: a conditional branch does not end the TB; its taken side
 * is a side exit emitted out of line by tb_stop, and translation goes on
 * along the fall-through, for up to this many conditional branches.
 */
#define A64_SB_MAX_BRANCHES 4

typedef struct A64SideExit {
    TCGLabel *label;            /* where the taken brcond lands */
    uint64_t from;              /* pc of the branch */
    uint64_t dest;              /* its target */
} A64SideExit;

typedef struct DisasContext {
    DisasContextBase base;      /* must be first */
    uint64_t pc_curr;           /* address of the insn being translated */
    uint32_t insn;              /* its bits */
    int mem_idx;                /* MMU index of loads and stores */
    int el;                     /* exception level the TB runs at */
    bool sys;                   /* system emulation */
    bool fp_disabled;           /* FP/SIMD access traps */
    uint64_t main_dest;         /* DISAS_DIRECT: the direct jump's target */
    unsigned nb_branches;       /* conditional branches so far */
    unsigned nb_side_exits;     /* distinct taken targets */
    A64SideExit side_exits[A64_SB_MAX_BRANCHES];
} DisasContext;

/* The insn changed state TB lookup depends on: back to the main loop. */
#define DISAS_EXIT DISAS_TARGET_0
/* pc was written by the insn (indirect branch): look it up and go. */
#define DISAS_JUMP DISAS_TARGET_1
/* A direct branch to main_dest ends the main path; tb_stop emits it. */
#define DISAS_DIRECT DISAS_TARGET_2

/*
 * TCG globals: X0..X30 and SP (cpu_X[31]), pc, the split NZCV flags
 * (see CPUARMState) and the exclusive monitor.
 */
extern TCGv_i64 cpu_X[32];
extern TCGv_i64 cpu_pc;
extern TCGv_i64 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
extern TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

/*
 * Register operands. cpu_reg: register 31 is XZR, returned as a fresh
 * temp holding 0 (reads see 0, writes are discarded). cpu_reg_sp: 31 is
 * SP. The read_ forms return a new temp, zero-extended from 32 bits
 * unless sf.
 */
TCGv_i64 cpu_reg(DisasContext *s, int reg);
TCGv_i64 cpu_reg_sp(DisasContext *s, int reg);
TCGv_i64 read_cpu_reg(DisasContext *s, int reg, bool sf);
TCGv_i64 read_cpu_reg_sp(DisasContext *s, int reg, bool sf);

/* UDEF at the current insn (SIGILL in user mode). */
void gen_unallocated(DisasContext *s);
/* Raise excp at the current insn (pc = pc_curr), with a syndrome. */
void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome);
/* pc = pc_curr + diff. */
void gen_a64_update_pc(DisasContext *s, int64_t diff);
/*
 * FP/SIMD insns call this first: false means the access trapped (the
 * exception is already generated) and the insn must return true.
 */
bool fp_access_check(DisasContext *s);
/*
 * The address a load/store uses: Linux enables top-byte-ignore for EL0,
 * so bits 63:56 are replaced by copies of bit 55. Returns a new temp.
 */
TCGv_i64 clean_data_tbi(DisasContext *s, TCGv_i64 addr);

/* Offsets in CPUARMState of the SIMD&FP registers. */
static inline size_t vreg_offset(int n)
{
    return offsetof(CPUARMState, vregs[n][0]);
}

static inline size_t vreg_hi_offset(int n)
{
    return offsetof(CPUARMState, vregs[n][1]);
}

/*
 * The FP/AdvSIMD decoder (translate-fpsimd*.c, from a64-fpsimd.decode).
 * decodetree decoders are static: that file wraps its generated one in
 * this extern function. Called for every insn decode_a64 rejects; false
 * means unallocated. Only when meson defines HAVE_A64_FPSIMD (the file
 * a64-fpsimd.decode exists).
 */
bool decode_a64_fpsimd(DisasContext *s, uint32_t insn);

void a64_tcg_init(void);
void a64_translate(CPUState *cpu, struct TranslationBlock *tb,
                   int max_insns);

/* ---- cpu.c ---- */
uint64_t arm_cpu_get_tb_flags(CPUARMState *env);
int arm_cpu_mmu_index(CPUState *cpu, bool ifetch);

/* ---- op_helper.c ---- */
/* Raise excp from a helper at host return address ra. */
void arm_raise_exception(CPUARMState *env, int excp, uint32_t syndrome,
                         uintptr_t ra) __attribute__((noreturn));

/* ---- disas.c: "mnemonic operands" for -d in_asm; returns 4 or 0. ---- */
int a64_disas_insn(const uint8_t *code, size_t len, uint64_t pc,
                   char *buf, size_t bufsize);

#endif
