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
    TB_FLAG_TBI0 = 1 << 6,          /* top byte ignored, bit 55 == 0 */
    TB_FLAG_TBI1 = 1 << 7,          /* top byte ignored, bit 55 == 1 */
    TB_FLAG_SYS = 1 << 8,           /* system emulation (env->sys set) */
    TB_FLAG_SPSEL = 1 << 9,         /* PSTATE.SP: SP_ELx is the SP */
};

/*
 * MMU indexes (softmmu TLBs). User mode uses 0 only. The EL1&0 regime
 * has three (EL0, EL1, EL1 with PSTATE.PAN set); EL2 has its own.
 * LDTR/STTR at EL1 use ARM_MMU_E10_0.
 */
enum {
    ARM_MMU_E10_0 = 0,
    ARM_MMU_E10_1 = 1,
    ARM_MMU_E10_1_PAN = 2,
    ARM_MMU_E2 = 3,
    ARM_MMU_COUNT = 4,
};
#define ARM_MMU_E10_MASK ((1u << ARM_MMU_E10_0) | (1u << ARM_MMU_E10_1) | \
                          (1u << ARM_MMU_E10_1_PAN))
#define ARM_MMU_E2_MASK (1u << ARM_MMU_E2)

/*
 * What target/arm/ needs from the system emulator (cpu_sys.c fills it);
 * env->sys is NULL in user mode. Keeps target/arm/ free of softmmu and
 * board headers, as RISCVSysOps does for riscv.
 */
typedef struct ARMSysOps {
    /* softmmu TLB of this vCPU (its own thread). */
    void (*tlb_flush_by_mmuidx)(CPUState *cpu, uint16_t idxmap);
    void (*tlb_flush_page_by_mmuidx)(CPUState *cpu, uint64_t addr,
                                     uint16_t idxmap);
    /* Every other vCPU flushes its whole TLB at its next TB boundary
     * (TLBI ...IS). */
    void (*tlb_flush_others)(CPUState *cpu);
    void (*tlb_set_page)(CPUState *cpu, uint64_t va, uint64_t pa, int prot,
                         int mmu_idx, uint64_t size);
    /* Host pointer for size bytes at addr (faults raised with ra), NULL
     * if not RAM (atomics, DC ZVA). access: 0 load, 1 store. */
    void *(*probe_access)(CPUState *cpu, uint64_t addr, unsigned size,
                          int access, int mmu_idx, uintptr_t ra);
    /* Page walker reads (physical, little-endian 8 bytes); false: bus
     * error (synchronous external abort on the walk). */
    bool (*pte_load)(CPUState *cpu, uint64_t pa, uint64_t *val);
    /* The interrupt inputs or the PSTATE masks changed: (re)raise or drop
     * CPU_INTERRUPT_HARD / wake a WFI. */
    void (*irq_changed)(CPUState *cpu);
    /* The generic timer: the counter now (CNTPCT, ARM_CNTFRQ Hz) ... */
    uint64_t (*get_counter)(CPUState *cpu);
    /* ... arm gt[n]'s host timer to fire at counter value `when`
     * (UINT64_MAX: stop it) ... */
    void (*timer_arm)(CPUState *cpu, int n, uint64_t when);
    /* ... and drive its output line (to the GIC's PPI). */
    void (*timer_set_irq)(CPUState *cpu, int n, int level);
    /* GICv3 CPU interface (ICC_* system registers): enc is
     * (insn >> 5) & 0xffff; false: UNDEFINED (no GICv3). */
    bool (*gicv3_read)(CPUState *cpu, uint32_t enc, uint64_t *val);
    bool (*gicv3_write)(CPUState *cpu, uint32_t enc, uint64_t val);
    /* PSCI that reaches the machine: CPU_ON of the vCPU with affinity
     * mpidr (returns a PSCI status: 0, -2 INVALID_PARAMETERS,
     * -4 ALREADY_ON...), and SYSTEM_OFF / SYSTEM_RESET. */
    int (*psci_cpu_on)(CPUState *cpu, uint64_t mpidr, uint64_t entry,
                       uint64_t context_id);
    void (*system_off)(CPUState *cpu);
    void (*system_reset)(CPUState *cpu);
} ARMSysOps;

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
 * along the fall-through, for up to this many conditional branches: in
 * user mode, whose programs spend their time in hot loops (lz77 runs
 * about 6% faster than with one). In system emulation a TB ends at its
 * first one, as in QEMU: a Linux boot is bound by translation, and longer
 * blocks translate fall-through code again whenever something else jumps
 * to it (13% more guest code in a boot, and 4% more CPU time even with
 * cheap exits).
 */
#define A64_SB_MAX_BRANCHES TRANSLATOR_MAX_SIDE_EXITS
#define A64_SB_MAX_BRANCHES_SYS 1


typedef struct DisasContext {
    DisasContextBase base;      /* must be first */
    uint64_t pc_curr;           /* address of the insn being translated */
    uint32_t insn;              /* its bits */
    int mem_idx;                /* MMU index of loads and stores */
    int el;                     /* exception level the TB runs at */
    bool sys;                   /* system emulation */
    bool fp_disabled;           /* FP/SIMD access traps */
    bool tbi0, tbi1;            /* top byte ignored for data (TCR.TBIx) */
    bool spsel;                 /* PSTATE.SP (system emulation) */
    bool has_el2;               /* the CPU implements EL2 */
    uint64_t main_dest;         /* DISAS_DIRECT: the direct jump's target */
    unsigned nb_branches;       /* conditional branches so far */
    unsigned max_branches;      /* ... before the TB ends */
    SideExits side_exits;       /* distinct taken targets */
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

/* ---- sysregs.c: MRS/MSR/SYS beyond the EL0 registers ---- */
/*
 * The sysreg key is SYSREG(op0, op1, CRn, CRm, op2) below. Read/write
 * at the current EL: on success return true; on a trap or UNDEFINED,
 * raise the exception (arm_raise_exception..., with ra) and never return.
 * arm_sysreg_sys handles SYS-space operations (TLBI, AT, DC, IC) with
 * the value of Xt.
 */
#define SYSREG(op0, op1, crn, crm, op2) \
    (((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))
uint64_t arm_sysreg_read(CPUARMState *env, uint32_t key, uintptr_t ra);
void arm_sysreg_write(CPUARMState *env, uint32_t key, uint64_t val,
                      uintptr_t ra);
void arm_sysreg_sys(CPUARMState *env, uint32_t key, uint64_t val,
                    uintptr_t ra);

/*
 * For the translator: how MRS (write false) or MSR of key may run as a
 * plain move of a CPUARMState field, in a TB running at el with the
 * given PSTATE.SP, so that the helper (a table lookup and the checks) is
 * not called. False: call it (callbacks, checks that depend on state the
 * TB flags do not fix, side effects, or the access is UNDEFINED).
 */
typedef struct ARMSysRegMove {
    size_t offset;              /* uint64_t field (uint32_t if is32) */
    bool is32;
    uint64_t rmask;             /* MRS: bits read */
    uint64_t wmask, res1;       /* MSR: field = (val & wmask) | res1 */
} ARMSysRegMove;
bool arm_sysreg_move(uint32_t key, bool write, int el, bool has_el2,
                     bool spsel, ARMSysRegMove *m);
/* MSR (immediate) to PSTATE fields: op1/op2 select the field (DAIFSet,
 * DAIFClr, SPSel, PAN...), imm is CRm. */
void arm_msr_imm(CPUARMState *env, uint32_t op1, uint32_t op2, uint32_t imm,
                 uintptr_t ra);

/* ---- gtimer.c: the generic timer ---- */
/* Recompute ISTATUS and the output of gt[n] and re-arm its host timer
 * (after a CTL/CVAL/TVAL/CNTVOFF write, or from the host timer). */
void arm_gt_update(CPUARMState *env, int n);
uint64_t arm_gt_read(CPUARMState *env, uint32_t key);
void arm_gt_write(CPUARMState *env, uint32_t key, uint64_t val);
/*
 * May the current EL access the timer register key (MRS if !write)?
 * false: UNDEFINED. EL0 is governed by CNTKCTL_EL1 (EL0PCTEN/EL0VCTEN
 * for the counters and CNTFRQ, EL0PTEN/EL0VTEN for the timers).
 */
bool arm_gt_access(CPUARMState *env, uint32_t key, bool write);

/* ---- mmu.c: VMSAv8-64 stage 1 translation ---- */
/* TargetInfo.tlb_fill / get_phys_page_debug. */
bool arm_tlb_fill(CPUState *cpu, vaddr addr, int size, int access_type,
                  int mmu_idx, bool probe, uintptr_t ra);
hwaddr arm_get_phys_page_debug(CPUState *cpu, vaddr addr);
/*
 * AT S1E1R/W, S1E0R/W, S1E2R/W: translate va for the given regime
 * (ARM_MMU_*) and access (0 load, 1 store); the PAR_EL1 value.
 */
uint64_t arm_at_translate(CPUARMState *env, uint64_t va, int mmu_idx,
                          int access);
/* TLBI: key is the SYS key (op1, CRn = 8, CRm, op2), val Xt. */
void arm_tlbi(CPUARMState *env, uint32_t key, uint64_t val);

/* Fault status codes (DFSC/IFSC) of stage 1 faults; | level (0..3). */
enum {
    ARM_FSC_ADDR_SIZE = 0x00,
    ARM_FSC_TRANSLATION = 0x04,
    ARM_FSC_ACCESS_FLAG = 0x08,
    ARM_FSC_PERMISSION = 0x0c,
    ARM_FSC_EXT_WALK = 0x14,    /* synchronous external abort on a walk */
};
/* arm_mmu_walk access: no access flag or permission check (debuggers). */
#define ARM_MMU_ACCESS_ANY 3

/* What a stage 1 walk found: a translation, or a fault. */
typedef struct ARMMMUResult {
    uint64_t pa;                /* physical address of va itself */
    uint64_t size;              /* page or block size (granule or more) */
    int prot;                   /* PAGE_* bits for the walk's mmu_idx */
    uint8_t attr;               /* MAIR attribute byte (AttrIndx) */
    uint8_t sh;                 /* SH[1:0] of the descriptor */
    int level;                  /* level of the leaf or of the fault */
    int fsc;                    /* fault: ARM_FSC_* | level */
} ARMMMUResult;

/*
 * The stage 1 translation of va for mmu_idx and access (0 load, 1 store,
 * 2 fetch, ARM_MMU_ACCESS_ANY), with no side effect besides descriptor
 * reads through env->sys->pte_load: true with res filled, or false with
 * res->fsc / res->level set.
 */
bool arm_mmu_walk(CPUARMState *env, uint64_t va, int mmu_idx, int access,
                  ARMMMUResult *res);

/* ---- trap.c: exceptions and interrupts (system mode) ---- */
/* TargetInfo hooks. */
void arm_cpu_do_interrupt(CPUState *cpu);
bool arm_cpu_exec_interrupt(CPUState *cpu, int interrupt_request);
bool arm_cpu_has_work(CPUState *cpu);
/*
 * Raise an abort: access 0 load, 1 store, 2 fetch; fsc the fault status
 * code (DFSC/IFSC: 0b0001LL translation, 0b0010LL access flag, 0b0011LL
 * permission, 0b000000+level address size, 0b010000 external), level
 * folded into fsc by the caller; s1ptw for faults on the walk itself.
 * Fills exception.{esr,vaddress,target_el} and unwinds with ra.
 */
void arm_raise_abort(CPUARMState *env, uint64_t va, int access, int fsc,
                     bool s1ptw, int mmu_idx, uintptr_t ra)
    __attribute__((noreturn));
/* A synchronous exception with a complete ESR to target_el (EL of the
 * trap; e.g. sysreg traps). */
void arm_raise_trap(CPUARMState *env, uint32_t esr, int target_el,
                    uintptr_t ra) __attribute__((noreturn));
/* PSTATE as SPSR_ELx shows it, and back (exception return, gdb). */
uint32_t arm_pstate_read(CPUARMState *env);
void arm_pstate_write(CPUARMState *env, uint32_t spsr);
/* Change EL/SPSel keeping xregs[31] the SP of the new state. */
void arm_switch_sp(CPUARMState *env, int new_el, uint32_t new_spsel);
/* IRQ lines or masks changed. */
void arm_irq_changed(CPUARMState *env);
/* ERET at the current EL (> 0): PSTATE from SPSR_ELx, pc from ELR_ELx
 * (an illegal return sets PSTATE.IL as the architecture says). */
void arm_exception_return(CPUARMState *env);
/*
 * System part of CPU reset (cpu.c's reset calls it when env->sys is set):
 * EL2 (or EL1), SPSel 1, DAIF masked, system registers at their reset
 * values (MMU off), pc and x0..x3 from boot_pc/boot_x, powered_off and
 * halted from boot_off; stops the timer outputs.
 */
void arm_cpu_sys_reset(CPUARMState *env);

/* ---- psci.c ---- */
/* HVC/SMC #0 with a PSCI function id in x0: handled (results in x0),
 * true; false if x0 is not a PSCI call. */
bool arm_psci_call(CPUARMState *env);

/* ---- op_helper.c ---- */
/* Raise excp from a helper at host return address ra. */
void arm_raise_exception(CPUARMState *env, int excp, uint32_t syndrome,
                         uintptr_t ra) __attribute__((noreturn));

/* ---- gdbstub.c: gdb's aarch64 numbering (core, fpu, then sysregs) ---- */
#define ARM_GDB_NUM_G_REGS 68   /* x0..x30, sp, pc, cpsr, v0..v31, fpsr, fpcr */
int arm_gdb_read_register(CPUState *cpu, GByteArray *buf, int n);
int arm_gdb_write_register(CPUState *cpu, const uint8_t *buf, int n);
const char *arm_gdb_get_xml(CPUState *cpu, const char *name);

/* ---- disas.c: "mnemonic operands" for -d in_asm; returns 4 or 0. ---- */
int a64_disas_insn(const uint8_t *code, size_t len, uint64_t pc,
                   char *buf, size_t bufsize);

#endif
