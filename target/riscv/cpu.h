/* SPDX-License-Identifier: MIT */
/*
 * RISC-V CPU state. Only target/riscv/ and linux-user/riscv64/ include
 * this; the rest of vemu sees a CPUState through TargetInfo.
 */
#ifndef TARGET_RISCV_CPU_H
#define TARGET_RISCV_CPU_H

#include <stdbool.h>
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

/* Interrupt causes have this bit in cpu->exception_index (and bit 63 in
 * mcause/scause). */
#define RISCV_EXCP_INT_FLAG 0x80000000

/* mstatus fields (sstatus is a view of some of them). */
#define MSTATUS_SIE (1ull << 1)
#define MSTATUS_MIE (1ull << 3)
#define MSTATUS_SPIE (1ull << 5)
#define MSTATUS_UBE (1ull << 6)
#define MSTATUS_MPIE (1ull << 7)
#define MSTATUS_SPP (1ull << 8)
#define MSTATUS_VS (3ull << 9)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (3ull << 11)
#define MSTATUS_FS_SHIFT 13
#define MSTATUS_FS (3ull << 13)
#define MSTATUS_XS (3ull << 15)
#define MSTATUS_MPRV (1ull << 17)
#define MSTATUS_SUM (1ull << 18)
#define MSTATUS_MXR (1ull << 19)
#define MSTATUS_TVM (1ull << 20)
#define MSTATUS_TW (1ull << 21)
#define MSTATUS_TSR (1ull << 22)
#define MSTATUS_UXL (3ull << 32)
#define MSTATUS_SXL (3ull << 34)
#define MSTATUS_SD (1ull << 63)

/* mstatus.FS / XS values. */
enum { EXT_STATUS_OFF = 0, EXT_STATUS_INITIAL = 1, EXT_STATUS_CLEAN = 2,
       EXT_STATUS_DIRTY = 3 };

/* mip/mie bits (vemu/riscv.h has the interrupt numbers). */
#define MIP_SSIP (1ull << 1)
#define MIP_MSIP (1ull << 3)
#define MIP_STIP (1ull << 5)
#define MIP_MTIP (1ull << 7)
#define MIP_SEIP (1ull << 9)
#define MIP_MEIP (1ull << 11)
#define MIP_S_ALL (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define MIP_M_ALL (MIP_MSIP | MIP_MTIP | MIP_MEIP)

/* satp */
#define SATP_MODE_SHIFT 60
#define SATP_ASID_SHIFT 44
#define SATP_ASID_MASK (0xffffull << SATP_ASID_SHIFT)
#define SATP_PPN_MASK ((1ull << 44) - 1)
enum { SATP_MODE_BARE = 0, SATP_MODE_SV39 = 8, SATP_MODE_SV48 = 9,
       SATP_MODE_SV57 = 10 };

/* Page table entries. */
#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_U (1ull << 4)
#define PTE_G (1ull << 5)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK (((1ull << 44) - 1) << PTE_PPN_SHIFT)
#define PTE_RESERVED (~((1ull << 54) - 1))  /* N, PBMT, reserved: 0 */

/* menvcfg */
#define MENVCFG_FIOM (1ull << 0)
#define MENVCFG_STCE (1ull << 63)

/* Counter enable bits (mcounteren, scounteren). */
#define COUNTEREN_CY (1u << 0)
#define COUNTEREN_TM (1u << 1)
#define COUNTEREN_IR (1u << 2)

/* PMP: entries implemented, and the pmpcfg byte fields. */
#define RISCV_PMP_ENTRIES 16
#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_A_SHIFT 3
#define PMP_A 0x18
#define PMP_L 0x80
enum { PMP_A_OFF = 0, PMP_A_TOR = 1, PMP_A_NA4 = 2, PMP_A_NAPOT = 3 };

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

    /* ---- privileged state (system emulation) ---- */
    /* The system emulator's services (internals.h); NULL in user mode. */
    const struct RISCVSysOps *sys;
    uint64_t mstatus;         /* FS is Dirty in user mode */
    uint64_t mip;             /* atomic: other threads drive irq lines */
    /* mip.SEIP is the PLIC's line OR the bit M-mode software wrote. */
    bool seip_line, seip_sw;
    uint64_t mie;
    uint64_t medeleg;
    uint64_t mideleg;
    uint64_t mtvec, stvec;
    uint64_t mscratch, sscratch;
    uint64_t mepc, sepc;
    uint64_t mcause, scause;
    uint64_t mtval, stval;
    uint64_t satp;
    uint32_t mcounteren, scounteren, mcountinhibit;
    uint64_t menvcfg, senvcfg;
    uint64_t stimecmp;
    int64_t mcycle_offset;    /* mcycle = host ticks + offset */
    int64_t minstret_offset;
    uint64_t mhartid;
    uint64_t resetvec;
    uint8_t pmpcfg[RISCV_PMP_ENTRIES];
    uint64_t pmpaddr[RISCV_PMP_ENTRIES];
    /* The time CSR source (riscv_cpu_set_rdtime_fn), ticks at freq Hz. */
    uint64_t (*rdtime_fn)(void *opaque);
    void *rdtime_opaque;
    uint64_t timebase_freq;
    void *stimer;             /* Sstc: Timer waking the hart (cpu_sys.c) */
} CPURISCVState;

static inline CPURISCVState *riscv_env(CPUState *cpu)
{
    return (CPURISCVState *)cpu;
}

#endif
