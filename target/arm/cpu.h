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
};

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
    } exception;

    int el;                     /* current exception level (0: user) */
    uint64_t sp_el[4];          /* banked SPs when not in use */

    /* ---- system state (system emulation; filled in later) ---- */
    const struct ARMSysOps *sys;    /* NULL in user mode */
    uint64_t midr;
    uint64_t mpidr;
    uint64_t id_aa64isar0;      /* what the insns implemented advertise */
} CPUARMState;

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
