/* SPDX-License-Identifier: MIT */
/*
 * RISC-V CPU state. Only target/riscv/ and linux-user/riscv64/ include
 * this; the rest of vemu sees a CPUState through TargetInfo.
 */
#ifndef TARGET_RISCV_CPU_H
#define TARGET_RISCV_CPU_H

#include <stdint.h>

#include "vemu/cpu.h"
#include "vemu/target.h"

/* Exception causes (mcause values for synchronous traps). */
enum {
    RISCV_EXCP_INST_ADDR_MIS = 0,
    RISCV_EXCP_INST_ACCESS_FAULT = 1,
    RISCV_EXCP_ILLEGAL_INST = 2,
    RISCV_EXCP_BREAKPOINT = 3,
    RISCV_EXCP_LOAD_ADDR_MIS = 4,
    RISCV_EXCP_LOAD_ACCESS_FAULT = 5,
    RISCV_EXCP_STORE_AMO_ADDR_MIS = 6,
    RISCV_EXCP_STORE_AMO_ACCESS_FAULT = 7,
    RISCV_EXCP_U_ECALL = 8,
    RISCV_EXCP_S_ECALL = 9,
    RISCV_EXCP_M_ECALL = 11,
    RISCV_EXCP_INST_PAGE_FAULT = 12,
    RISCV_EXCP_LOAD_PAGE_FAULT = 13,
    RISCV_EXCP_STORE_PAGE_FAULT = 15,
};

/* Privilege levels. */
enum { PRV_U = 0, PRV_S = 1, PRV_M = 3 };

/* fflags bits. */
enum {
    FFLAG_NX = 1,   /* inexact */
    FFLAG_UF = 2,   /* underflow */
    FFLAG_OF = 4,   /* overflow */
    FFLAG_DZ = 8,   /* divide by zero */
    FFLAG_NV = 16,  /* invalid */
};

/* Rounding modes (frm, and the rm field of FP insns). */
enum {
    RISCV_FRM_RNE = 0,
    RISCV_FRM_RTZ = 1,
    RISCV_FRM_RDN = 2,
    RISCV_FRM_RUP = 3,
    RISCV_FRM_RMM = 4,
    RISCV_FRM_DYN = 7,
};

typedef struct CPURISCVState {
    CPUState parent;          /* must be first: env == cpu */

    uint64_t gpr[32];         /* gpr[0] is always 0 */
    uint64_t fpr[32];         /* NaN-boxed singles */
    uint64_t pc;

    uint32_t frm;             /* dynamic rounding mode */
    uint32_t fflags;          /* accrued exception flags */

    /* LR/SC reservation: address (-1 if none) and the loaded value. */
    uint64_t load_res;
    uint64_t load_val;

    uint64_t badaddr;         /* fault address of the last exception */
    uint64_t misa;
    uint32_t priv;            /* current privilege (U in user mode) */

    /* Privileged state (system emulation) is added below this line. */
} CPURISCVState;

static inline CPURISCVState *riscv_env(CPUState *cpu)
{
    return (CPURISCVState *)cpu;
}

#endif
