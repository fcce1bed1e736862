/* SPDX-License-Identifier: MIT */
/*
 * AArch64 CPU state. Only target/arm/, linux-user/aarch64/ and hw/arm/
 * include this; the rest of vemu sees a CPUState through TargetInfo.
 */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "vemu/cpu.h"
#include "vemu/target.h"

/*
 * cpu->exception_index values raised by the translator and helpers.
 * User mode (linux-user/aarch64/cpu_loop.c) turns them into syscalls and
 * signals; env->exception has the details.
 */
enum {
    ARM_EXCP_UDEF = 1,          /* undefined insn: SIGILL ILL_ILLOPC */
    ARM_EXCP_SWI = 2,           /* SVC #imm16; pc is the insn after it */
    ARM_EXCP_PREFETCH_ABORT = 3, /* fetch fault at exception.vaddress */
    ARM_EXCP_DATA_ABORT = 4,    /* load/store fault at exception.vaddress */
    ARM_EXCP_BKPT = 7,          /* BRK #imm16; pc is the BRK */
    ARM_EXCP_UNALIGNED = 20,    /* alignment fault: SIGBUS BUS_ADRALN */
    ARM_EXCP_HVC = 11,
    ARM_EXCP_SMC = 13,
    /* ---- system emulation only ---- */
    ARM_EXCP_IRQ = 5,           /* taken by cpu_exec_interrupt */
    ARM_EXCP_FIQ = 6,
    ARM_EXCP_VIRQ = 14,
    ARM_EXCP_VFIQ = 15,
    /*
     * A synchronous exception whose ESR is complete in exception.esr
     * (trapped sysreg/FP accesses, illegal state, PC alignment...), to
     * exception.target_el. Aborts use ARM_EXCP_*_ABORT with esr too.
     */
    ARM_EXCP_TRAP = 21,
};

/* ESR_ELx.EC values (bits 31:26). */
enum {
    EC_UNCATEGORIZED = 0x00,
    EC_WFX_TRAP = 0x01,
    EC_ADVSIMDFPACCESSTRAP = 0x07,
    EC_ILLEGALSTATE = 0x0e,
    EC_AA64_SVC = 0x15,
    EC_AA64_HVC = 0x16,
    EC_AA64_SMC = 0x17,
    EC_SYSTEMREGISTERTRAP = 0x18,
    EC_INSNABORT = 0x20,
    EC_INSNABORT_SAME_EL = 0x21,
    EC_PCALIGNMENT = 0x22,
    EC_DATAABORT = 0x24,
    EC_DATAABORT_SAME_EL = 0x25,
    EC_SPALIGNMENT = 0x26,
    EC_AA64_BKPT = 0x3c,
};
#define ESR_EC_SHIFT 26
#define ESR_IL (1u << 25)

/* PSTATE bits as the SPSR holds them (AArch64 state). */
#define PSTATE_SP (1u << 0)     /* M[0]: SP_ELx (1) or SP_EL0 (0) */
#define PSTATE_EL_SHIFT 2       /* M[3:2]: the exception level */
#define PSTATE_M_MASK 0x1fu     /* M[4:0]; M[4] = 0: AArch64 */
#define PSTATE_F (1u << 6)
#define PSTATE_I (1u << 7)
#define PSTATE_A (1u << 8)
#define PSTATE_D (1u << 9)
#define PSTATE_DAIF (PSTATE_D | PSTATE_A | PSTATE_I | PSTATE_F)
#define PSTATE_IL (1u << 20)
#define PSTATE_SS (1u << 21)
#define PSTATE_PAN (1u << 22)

/* Register bits the translator and several system files look at. */
#define SCTLR_M (1ull << 0)
#define HCR_FMO (1ull << 3)
#define HCR_IMO (1ull << 4)
#define HCR_AMO (1ull << 5)
#define HCR_HCD (1ull << 29)
#define HCR_TGE (1ull << 27)
#define HCR_RW (1ull << 31)
#define CPTR_TFP (1ull << 10)
#define TCR_TBI0 (1ull << 37)
#define TCR_TBI1 (1ull << 38)
#define TCR_EL2_TBI (1ull << 20)

/* PSTATE.NZCV bits as MRS NZCV / the SPSR show them. */
#define PSTATE_N (1u << 31)
#define PSTATE_Z (1u << 30)
#define PSTATE_C (1u << 29)
#define PSTATE_V (1u << 28)
#define PSTATE_NZCV (PSTATE_N | PSTATE_Z | PSTATE_C | PSTATE_V)

/* FPSR cumulative exception bits and QC; FPCR control fields. */
#define FPSR_IOC (1u << 0)
#define FPSR_DZC (1u << 1)
#define FPSR_OFC (1u << 2)
#define FPSR_UFC (1u << 3)
#define FPSR_IXC (1u << 4)
#define FPSR_IDC (1u << 7)
#define FPSR_QC (1u << 27)
#define FPSR_MASK (FPSR_IOC | FPSR_DZC | FPSR_OFC | FPSR_UFC | FPSR_IXC | \
                   FPSR_IDC | FPSR_QC)
#define FPCR_FZ16 (1u << 19)
#define FPCR_RMODE_SHIFT 22     /* 0 RN, 1 RP, 2 RM, 3 RZ */
#define FPCR_RMODE_MASK (3u << 22)
#define FPCR_FZ (1u << 24)
#define FPCR_DN (1u << 25)
#define FPCR_AHP (1u << 26)
#define FPCR_MASK (FPCR_FZ16 | FPCR_RMODE_MASK | FPCR_FZ | FPCR_DN | FPCR_AHP)

typedef struct CPUARMState {
    CPUState parent;            /* must be first: env == cpu */

    /*
     * X0..X30; xregs[31] is SP for the insns whose encoding 31 means SP.
     * Where 31 means XZR the translator reads 0 and drops writes.
     */
    uint64_t xregs[32];
    uint64_t pc;

    /*
     * NZCV, split for fast flag setting (all 64-bit words, one TCG global
     * each): N is bit 63 of NF, Z is set iff ZF == 0, C is CF (0 or 1),
     * V is bit 63 of VF. 32-bit ops store their results sign-extended to
     * 64 bits in NF/VF so the same tests apply. arm_nzcv_read/write
     * convert to and from the architectural PSTATE bits.
     */
    uint64_t NF;
    uint64_t ZF;
    uint64_t CF;
    uint64_t VF;

    /*
     * SIMD&FP: V0..V31 as 128 bits, vregs[n][0] the low 64 bits (Dn),
     * vregs[n][1] the high ones; Sn/Hn/Bn are the low bits of [0].
     */
    uint64_t vregs[32][2];
    uint32_t fpcr;              /* FPCR_MASK bits */
    uint32_t fpsr;              /* FPSR_MASK bits */

    uint64_t tpidr_el0;
    uint64_t tpidrro_el0;

    /*
     * Exclusive monitor (LDXR/STXR): the address of the last load
     * exclusive (-1 when clear), the value it read, and for pairs the
     * high half. STXR succeeds when the address matches and memory still
     * holds exclusive_val/high (host compare-and-swap).
     */
    uint64_t exclusive_addr;
    uint64_t exclusive_val;
    uint64_t exclusive_high;

    /* Details of the exception in parent.exception_index. */
    struct {
        uint64_t vaddress;      /* faulting address */
        uint32_t syndrome;      /* ESR_ELx.ISS-like: SVC/BRK imm16 */
        bool maperr;            /* SIGSEGV: unmapped (vs. protection) */
        int access;             /* 0 load, 1 store, 2 fetch */
        /*
         * System mode: the whole ESR (EC, IL, ISS) for ARM_EXCP_TRAP and
         * the aborts, and the EL the exception goes to (1 or 2).
         */
        uint32_t esr;
        int target_el;
    } exception;

    int el;                     /* current exception level (0: user) */
    uint64_t sp_el[4];          /* banked SPs when not in use */

    /* ---- system state (system emulation) ---- */
    const struct ARMSysOps *sys;    /* NULL in user mode */
    uint64_t midr;
    uint64_t mpidr;
    uint64_t id_aa64isar0;      /* what the insns implemented advertise */
    uint64_t id_aa64isar1;
    uint64_t id_aa64pfr0;
    uint64_t id_aa64mmfr0, id_aa64mmfr1, id_aa64mmfr2;
    uint64_t id_aa64dfr0;
    uint32_t revidr;
    uint32_t ctr;               /* CTR_EL0 */
    uint32_t clidr;

    /*
     * PSTATE beyond NZCV and el: DAIF (PSTATE_DAIF bits, in their SPSR
     * positions), SPSel (the SP in xregs[31] is SP_ELx when 1, SP_EL0
     * when 0; the other one is in sp_el[]), PAN, SS and IL.
     */
    uint32_t daif;
    uint32_t spsel;
    uint32_t pstate_pan;        /* 0 or PSTATE_PAN */
    uint32_t pstate_ss_il;      /* PSTATE_SS | PSTATE_IL bits */
    /* EL2 is implemented (-M virt,virtualization=on); no EL3. */
    bool has_el2;

    /*
     * Banked system registers, indexed by EL (index 0 unused unless said):
     * SCTLR_ELx, TCR_ELx, TTBR0/1_ELx, MAIR_ELx, AMAIR, VBAR, ESR, FAR,
     * ELR, SPSR, TPIDR_ELx (tpidr_el[0] unused: tpidr_el0 above).
     */
    uint64_t sctlr_el[4];
    uint64_t tcr_el[4];
    uint64_t ttbr0_el[4];
    uint64_t ttbr1_el[4];
    uint64_t mair_el[4];
    uint64_t amair_el[4];
    uint64_t vbar_el[4];
    uint64_t esr_el[4];
    uint64_t far_el[4];
    uint64_t elr_el[4];
    uint64_t spsr_el[4];
    uint64_t tpidr_el[4];
    uint64_t afsr0_el[4], afsr1_el[4];
    uint64_t actlr_el[4];

    /* EL1 only. */
    uint64_t cpacr_el1;
    uint64_t contextidr_el1;
    uint64_t par_el1;           /* AT results */
    uint64_t mdscr_el1;
    uint64_t cntkctl_el1;
    uint64_t csselr_el1;
    uint64_t oslsr_el1;         /* OS lock: OSLK in bit 1 */
    uint64_t mdccint_el1;
    uint64_t disr_el1;
    /*
     * Debug (sysregs-id.c): OSDLR_EL1 and the breakpoint and watchpoint
     * registers, kept for the kernel to read back (they never fire).
     */
    uint64_t osdlr_el1;
    uint64_t dbgbvr[16], dbgbcr[16], dbgwvr[16], dbgwcr[16];

    /* EL2 only. */
    uint64_t hcr_el2;
    uint64_t cptr_el2;
    uint64_t mdcr_el2;
    uint64_t hstr_el2;
    uint64_t hpfar_el2;
    uint64_t vttbr_el2;
    uint64_t vtcr_el2;
    uint64_t vpidr_el2;
    uint64_t vmpidr_el2;
    uint64_t cnthctl_el2;
    uint64_t cntvoff_el2;       /* CNTVCT = CNTPCT - CNTVOFF */

    /*
     * The generic timer (gtimer.c): CNTP (EL1 physical), CNTV (virtual),
     * CNTHP (EL2 physical), CNTPS (secure; kept for the PPI only). Each
     * drives one output line (ARMSysOps.timer_set_irq).
     */
    struct {
        uint64_t cval;
        uint32_t ctl;           /* ENABLE 1, IMASK 2, ISTATUS 4 */
        void *timer;            /* its vemu Timer (cpu_sys.c) */
    } gt[4];

    /* Level of the interrupt inputs (ARM_CPU_IRQ...), atomic. */
    uint32_t irq_lines;

    /* PSCI (psci.c): this CPU is off (CPU_OFF, or not yet CPU_ON'ed). */
    bool powered_off;
    int psci_conduit;           /* ARM_PSCI_NONE, _HVC or _SMC */
    /* Reset state the board chose (arm_cpu_set_boot). */
    uint64_t boot_pc;
    uint64_t boot_x[4];
    bool boot_off;
} CPUARMState;

enum { ARM_PSCI_NONE, ARM_PSCI_HVC, ARM_PSCI_SMC };

/* env->gt[] indexes, also the order of the timer outputs. */
enum {
    GTIMER_PHYS = 0,
    GTIMER_VIRT = 1,
    GTIMER_HYP = 2,
    GTIMER_SEC = 3,
};

static inline CPUARMState *arm_env(CPUState *cpu)
{
    return (CPUARMState *)cpu;
}

/* PSTATE.NZCV in bits 31:28 from the split flags. */
static inline uint32_t arm_nzcv_read(const CPUARMState *env)
{
    uint32_t r = 0;

    r |= (env->NF >> 63) ? PSTATE_N : 0;
    r |= env->ZF == 0 ? PSTATE_Z : 0;
    r |= env->CF ? PSTATE_C : 0;
    r |= (env->VF >> 63) ? PSTATE_V : 0;
    return r;
}

static inline void arm_nzcv_write(CPUARMState *env, uint32_t v)
{
    env->NF = (v & PSTATE_N) ? (uint64_t)-1 : 0;
    env->ZF = (v & PSTATE_Z) ? 0 : 1;
    env->CF = (v & PSTATE_C) ? 1 : 0;
    env->VF = (v & PSTATE_V) ? (uint64_t)-1 : 0;
}

/* The SP of the current EL lives in xregs[31]. */
static inline uint64_t arm_get_sp(const CPUARMState *env)
{
    return env->xregs[31];
}

#endif
