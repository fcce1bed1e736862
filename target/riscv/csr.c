/* SPDX-License-Identifier: MIT */
/*
 * RISC-V control and status registers: one table indexed by CSR number,
 * each row a name, a predicate (extension, mode and enable checks beyond
 * the number's own privilege bits), a read and a write function. User
 * mode (env->sys == NULL) sees the FP CSRs and the counters; the system
 * emulator adds the machine and supervisor CSRs Linux and OpenSBI use.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "target/riscv/cpu.h"
#include "target/riscv/internals.h"
#include "vemu/log.h"

enum {
    CSR_FFLAGS = 0x001,
    CSR_FRM = 0x002,
    CSR_FCSR = 0x003,
    CSR_SSTATUS = 0x100,
    CSR_SIE = 0x104,
    CSR_STVEC = 0x105,
    CSR_SCOUNTEREN = 0x106,
    CSR_SENVCFG = 0x10a,
    CSR_SSCRATCH = 0x140,
    CSR_SEPC = 0x141,
    CSR_SCAUSE = 0x142,
    CSR_STVAL = 0x143,
    CSR_SIP = 0x144,
    CSR_STIMECMP = 0x14d,
    CSR_SATP = 0x180,
    CSR_MSTATUS = 0x300,
    CSR_MISA = 0x301,
    CSR_MEDELEG = 0x302,
    CSR_MIDELEG = 0x303,
    CSR_MIE = 0x304,
    CSR_MTVEC = 0x305,
    CSR_MCOUNTEREN = 0x306,
    CSR_MENVCFG = 0x30a,
    CSR_MCOUNTINHIBIT = 0x320,
    CSR_MHPMEVENT3 = 0x323,
    CSR_MHPMEVENT31 = 0x33f,
    CSR_MSCRATCH = 0x340,
    CSR_MEPC = 0x341,
    CSR_MCAUSE = 0x342,
    CSR_MTVAL = 0x343,
    CSR_MIP = 0x344,
    CSR_PMPCFG0 = 0x3a0,
    CSR_PMPCFG15 = 0x3af,
    CSR_PMPADDR0 = 0x3b0,
    CSR_PMPADDR63 = 0x3ef,
    CSR_TSELECT = 0x7a0,
    CSR_TDATA1 = 0x7a1,
    CSR_TDATA2 = 0x7a2,
    CSR_TDATA3 = 0x7a3,
    CSR_TINFO = 0x7a4,
    CSR_MCYCLE = 0xb00,
    CSR_MINSTRET = 0xb02,
    CSR_MHPMCOUNTER3 = 0xb03,
    CSR_MHPMCOUNTER31 = 0xb1f,
    CSR_CYCLE = 0xc00,
    CSR_TIME = 0xc01,
    CSR_INSTRET = 0xc02,
    CSR_HPMCOUNTER3 = 0xc03,
    CSR_HPMCOUNTER31 = 0xc1f,
    CSR_MVENDORID = 0xf11,
    CSR_MARCHID = 0xf12,
    CSR_MIMPID = 0xf13,
    CSR_MHARTID = 0xf14,
    CSR_MCONFIGPTR = 0xf15,
};

/* User mode's `time` ticks at 10 MHz, like the virt board's timebase. */
#define RISCV_TIMEBASE_HZ 10000000ull

/* What sstatus shows of mstatus. */
#define SSTATUS_MASK (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_UBE |            \
                      MSTATUS_SPP | MSTATUS_VS | MSTATUS_FS | MSTATUS_XS |  \
                      MSTATUS_SUM | MSTATUS_MXR | MSTATUS_UXL |             \
                      MSTATUS_SD)
/* What software may change in mstatus (the rest is fixed or derived). */
#define MSTATUS_WMASK (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE |           \
                       MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP |           \
                       MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM |            \
                       MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
/* Exceptions M-mode may hand to S-mode (not ecall from M, 11). */
#define MEDELEG_MASK 0xb3ffull

/* Returns RISCV_CSR_OK or the exception cause for an access to csrno. */
typedef int RISCVCSRPredFn(CPURISCVState *env, int csrno);
typedef uint64_t RISCVCSRReadFn(CPURISCVState *env, int csrno);
typedef void RISCVCSRWriteFn(CPURISCVState *env, int csrno, uint64_t val);

typedef struct RISCVCSR {
    const char *name;           /* NULL: numbered family (csr_range_name) */
    RISCVCSRPredFn *pred;
    RISCVCSRReadFn *read;
    RISCVCSRWriteFn *write;     /* NULL: read-only */
    /*
     * The value csrrs/csrrc/csrrw merge their write into, when it is not
     * what a plain read returns (mip: SEIP is the software bit only).
     */
    RISCVCSRReadFn *read_rmw;
} RISCVCSR;

static void tlb_flush_all(CPURISCVState *env)
{
    if (env->sys) {
        env->sys->tlb_flush(&env->parent);
    }
}

/* ---- predicates ---- */

/* The privileged CSRs exist in the system emulator only. */
static int pred_sys(CPURISCVState *env, int csrno)
{
    return env->sys ? RISCV_CSR_OK : RISCV_EXCP_ILLEGAL_INST;
}

static int pred_smode(CPURISCVState *env, int csrno)
{
    return env->sys && (env->misa & RVS) ? RISCV_CSR_OK
                                         : RISCV_EXCP_ILLEGAL_INST;
}

static int pred_fp(CPURISCVState *env, int csrno)
{
    if (!(env->misa & RVF)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (env->sys && !(env->mstatus & MSTATUS_FS)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    return RISCV_CSR_OK;
}

/*
 * cycle/time/instret/hpmcounterN: below M-mode the bit of the counter in
 * mcounteren must be set, and for U-mode in scounteren too.
 */
static int pred_counter(CPURISCVState *env, int csrno)
{
    uint32_t bit = 1u << (csrno & 31);

    if (!env->sys) {
        /* User mode: the three base counters, as before. */
        return csrno <= CSR_INSTRET ? RISCV_CSR_OK : RISCV_EXCP_ILLEGAL_INST;
    }
    if (csrno == CSR_TIME && !env->rdtime_fn) {
        /* No timer device: firmware emulates time from the ACLINT. */
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (env->priv < PRV_M && !(env->mcounteren & bit)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (env->priv < PRV_S && !(env->scounteren & bit)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    return RISCV_CSR_OK;
}

/* satp from S-mode traps while mstatus.TVM is set. */
static int pred_satp(CPURISCVState *env, int csrno)
{
    int ret = pred_smode(env, csrno);

    if (ret == RISCV_CSR_OK && env->priv == PRV_S &&
        (env->mstatus & MSTATUS_TVM)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    return ret;
}

/* Sstc: S-mode needs menvcfg.STCE and mcounteren.TM. */
static int pred_sstc(CPURISCVState *env, int csrno)
{
    int ret = pred_smode(env, csrno);

    if (ret != RISCV_CSR_OK || env->priv == PRV_M) {
        return ret;
    }
    if (!(env->menvcfg & MENVCFG_STCE) ||
        !(env->mcounteren & COUNTEREN_TM)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    return RISCV_CSR_OK;
}

/* RV64 has only the even pmpcfg registers. */
static int pred_pmp(CPURISCVState *env, int csrno)
{
    if (!env->sys) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (csrno <= CSR_PMPCFG15 && (csrno & 1)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    return RISCV_CSR_OK;
}

/* ---- floating point ---- */

/* FP state changed: mstatus.FS becomes Dirty (system mode). */
static void mark_fs_dirty(CPURISCVState *env)
{
    if (env->sys) {
        env->mstatus |= MSTATUS_FS | MSTATUS_SD;
    }
}

static uint64_t read_fflags(CPURISCVState *env, int csrno)
{
    return env->fflags;
}

static void write_fflags(CPURISCVState *env, int csrno, uint64_t val)
{
    env->fflags = val & 0x1f;
    mark_fs_dirty(env);
}

static uint64_t read_frm(CPURISCVState *env, int csrno)
{
    return env->frm;
}

static void write_frm(CPURISCVState *env, int csrno, uint64_t val)
{
    env->frm = val & 7;
    mark_fs_dirty(env);
}

static uint64_t read_fcsr(CPURISCVState *env, int csrno)
{
    return (env->frm << 5) | env->fflags;
}

static void write_fcsr(CPURISCVState *env, int csrno, uint64_t val)
{
    env->fflags = val & 0x1f;
    env->frm = (val >> 5) & 7;
    mark_fs_dirty(env);
}

/* ---- counters ---- */

static uint64_t host_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static uint64_t read_cycle(CPURISCVState *env, int csrno)
{
    /* No cycle model: one "cycle" per host nanosecond. */
    return host_ns() + env->mcycle_offset;
}

static uint64_t read_instret(CPURISCVState *env, int csrno)
{
    return host_ns() + env->minstret_offset;
}

static void write_mcycle(CPURISCVState *env, int csrno, uint64_t val)
{
    env->mcycle_offset = (int64_t)(val - host_ns());
}

static void write_minstret(CPURISCVState *env, int csrno, uint64_t val)
{
    env->minstret_offset = (int64_t)(val - host_ns());
}

uint64_t riscv_read_time(CPURISCVState *env)
{
    if (env->rdtime_fn) {
        return env->rdtime_fn(env->rdtime_opaque);
    }
    return host_ns() / (1000000000ull / RISCV_TIMEBASE_HZ);
}

static uint64_t read_time(CPURISCVState *env, int csrno)
{
    return riscv_read_time(env);
}

static uint64_t read_zero(CPURISCVState *env, int csrno)
{
    return 0;
}

static void write_ignore(CPURISCVState *env, int csrno, uint64_t val)
{
}

static uint64_t read_mcountinhibit(CPURISCVState *env, int csrno)
{
    return env->mcountinhibit;
}

static void write_mcountinhibit(CPURISCVState *env, int csrno, uint64_t val)
{
    /* Bit 1 (time) is read-only zero. */
    env->mcountinhibit = (uint32_t)val & ~2u;
}

static uint64_t read_mcounteren(CPURISCVState *env, int csrno)
{
    return env->mcounteren;
}

static void write_mcounteren(CPURISCVState *env, int csrno, uint64_t val)
{
    env->mcounteren = (uint32_t)val;
}

static uint64_t read_scounteren(CPURISCVState *env, int csrno)
{
    return env->scounteren;
}

static void write_scounteren(CPURISCVState *env, int csrno, uint64_t val)
{
    env->scounteren = (uint32_t)val;
}

/* ---- machine information ---- */

static uint64_t read_misa(CPURISCVState *env, int csrno)
{
    return env->misa;
}

static uint64_t read_mhartid(CPURISCVState *env, int csrno)
{
    return env->mhartid;
}

/* tinfo: only type 0 ("no trigger here"), so firmware finds none. */
static uint64_t read_tinfo(CPURISCVState *env, int csrno)
{
    return 1;
}

/* ---- status ---- */

static uint64_t mstatus_fixup(uint64_t s)
{
    s &= ~(MSTATUS_UXL | MSTATUS_SXL | MSTATUS_SD);
    s |= (2ull << 32) | (2ull << 34);          /* UXL = SXL = 64 */
    if ((s & MSTATUS_FS) == MSTATUS_FS) {
        s |= MSTATUS_SD;
    }
    return s;
}

static void mstatus_set(CPURISCVState *env, uint64_t val, uint64_t mask)
{
    uint64_t old = env->mstatus;
    uint64_t s;

    if (((val >> MSTATUS_MPP_SHIFT) & 3) == 2) {
        mask &= ~MSTATUS_MPP;                  /* reserved: keep the old */
    }
    s = mstatus_fixup((old & ~mask) | (val & mask));
    env->mstatus = s;
    /* Rights cached in the TLB depend on MXR (SUM has its own index). */
    if ((old ^ s) & MSTATUS_MXR) {
        tlb_flush_all(env);
    }
}

static uint64_t read_mstatus(CPURISCVState *env, int csrno)
{
    return env->mstatus;
}

static void write_mstatus(CPURISCVState *env, int csrno, uint64_t val)
{
    mstatus_set(env, val, MSTATUS_WMASK);
}

static uint64_t read_sstatus(CPURISCVState *env, int csrno)
{
    return env->mstatus & SSTATUS_MASK;
}

static void write_sstatus(CPURISCVState *env, int csrno, uint64_t val)
{
    mstatus_set(env, val, MSTATUS_WMASK & SSTATUS_MASK);
}

/* ---- interrupts and delegation ---- */

static uint64_t read_medeleg(CPURISCVState *env, int csrno)
{
    return env->medeleg;
}

static void write_medeleg(CPURISCVState *env, int csrno, uint64_t val)
{
    env->medeleg = val & MEDELEG_MASK;
}

static uint64_t read_mideleg(CPURISCVState *env, int csrno)
{
    return env->mideleg;
}

static void write_mideleg(CPURISCVState *env, int csrno, uint64_t val)
{
    env->mideleg = val & MIP_S_ALL;
}

static uint64_t read_mie(CPURISCVState *env, int csrno)
{
    return env->mie;
}

static void write_mie(CPURISCVState *env, int csrno, uint64_t val)
{
    env->mie = val & (MIP_M_ALL | MIP_S_ALL);
    riscv_irq_changed(env);
}

static uint64_t read_sie(CPURISCVState *env, int csrno)
{
    return env->mie & env->mideleg;
}

static void write_sie(CPURISCVState *env, int csrno, uint64_t val)
{
    uint64_t m = env->mideleg & MIP_S_ALL;

    env->mie = (env->mie & ~m) | (val & m);
    riscv_irq_changed(env);
}

static uint64_t read_mip(CPURISCVState *env, int csrno)
{
    /* The timer may not have fired yet: look at the time itself. */
    riscv_sstc_update(env, false);
    return __atomic_load_n(&env->mip, __ATOMIC_SEQ_CST);
}

/*
 * Reads of mip show SEIP as the PLIC's line OR the software bit, but a
 * read-modify-write works on the software bit alone (privileged spec):
 * else csrs of SSIP while the line is high would latch SEIP for good.
 */
static uint64_t read_mip_rmw(CPURISCVState *env, int csrno)
{
    uint64_t v = read_mip(env, csrno) & ~(uint64_t)MIP_SEIP;

    return v | (__atomic_load_n(&env->seip_sw, __ATOMIC_SEQ_CST) ? MIP_SEIP
                                                                 : 0);
}

/* M-mode may raise SSIP, STIP (unless Sstc drives it) and its SEIP. */
static void write_mip(CPURISCVState *env, int csrno, uint64_t val)
{
    uint64_t mask = MIP_SSIP;

    if (!(env->menvcfg & MENVCFG_STCE)) {
        mask |= MIP_STIP;
    }
    __atomic_store_n(&env->seip_sw, (val & MIP_SEIP) != 0, __ATOMIC_SEQ_CST);
    riscv_mip_update(env, mask, val);
}

static uint64_t read_sip(CPURISCVState *env, int csrno)
{
    return read_mip(env, csrno) & env->mideleg;
}

static void write_sip(CPURISCVState *env, int csrno, uint64_t val)
{
    riscv_mip_update(env, MIP_SSIP & env->mideleg, val);
}

/* ---- trap setup and handling ---- */

static uint64_t *csr_field(CPURISCVState *env, int csrno)
{
    switch (csrno) {
    case CSR_MTVEC:
        return &env->mtvec;
    case CSR_STVEC:
        return &env->stvec;
    case CSR_MSCRATCH:
        return &env->mscratch;
    case CSR_SSCRATCH:
        return &env->sscratch;
    case CSR_MEPC:
        return &env->mepc;
    case CSR_SEPC:
        return &env->sepc;
    case CSR_MCAUSE:
        return &env->mcause;
    case CSR_SCAUSE:
        return &env->scause;
    case CSR_MTVAL:
        return &env->mtval;
    case CSR_STVAL:
        return &env->stval;
    default:
        return &env->stval;     /* not reached: the table lists these */
    }
}

static uint64_t read_field(CPURISCVState *env, int csrno)
{
    return *csr_field(env, csrno);
}

static void write_field(CPURISCVState *env, int csrno, uint64_t val)
{
    *csr_field(env, csrno) = val;
}

/* Direct (0) and vectored (1) modes; 2 and 3 are reserved. */
static void write_tvec(CPURISCVState *env, int csrno, uint64_t val)
{
    if ((val & 3) >= 2) {
        vemu_log_mask(LOG_GUEST_ERROR, "riscv: %s mode %d is reserved\n",
                      csrno == CSR_MTVEC ? "mtvec" : "stvec", (int)(val & 3));
        return;
    }
    *csr_field(env, csrno) = val;
}

/* With C, epc bit 0 is always zero. */
static void write_epc(CPURISCVState *env, int csrno, uint64_t val)
{
    *csr_field(env, csrno) = val & ~1ull;
}

/* ---- environment configuration, Sstc ---- */

static uint64_t read_menvcfg(CPURISCVState *env, int csrno)
{
    return env->menvcfg;
}

static void write_menvcfg(CPURISCVState *env, int csrno, uint64_t val)
{
    env->menvcfg = val & (MENVCFG_FIOM | MENVCFG_STCE);
    riscv_sstc_update(env, true);
}

static uint64_t read_senvcfg(CPURISCVState *env, int csrno)
{
    return env->senvcfg;
}

static void write_senvcfg(CPURISCVState *env, int csrno, uint64_t val)
{
    env->senvcfg = val & MENVCFG_FIOM;
}

static uint64_t read_stimecmp(CPURISCVState *env, int csrno)
{
    return env->stimecmp;
}

static void write_stimecmp(CPURISCVState *env, int csrno, uint64_t val)
{
    env->stimecmp = val;
    riscv_sstc_update(env, true);
}

/* ---- address translation ---- */

static uint64_t read_satp(CPURISCVState *env, int csrno)
{
    return env->satp;
}

/* WARL: a mode we do not implement leaves satp unchanged. */
static void write_satp(CPURISCVState *env, int csrno, uint64_t val)
{
    unsigned mode = val >> SATP_MODE_SHIFT;
    uint64_t v;

    if (mode != SATP_MODE_BARE && mode != SATP_MODE_SV39 &&
        mode != SATP_MODE_SV48 && mode != SATP_MODE_SV57) {
        return;
    }
    v = val & ((15ull << SATP_MODE_SHIFT) | SATP_ASID_MASK | SATP_PPN_MASK);
    if (v != env->satp) {
        /* The TLB is not tagged with ASIDs: every switch flushes. */
        env->satp = v;
        tlb_flush_all(env);
    }
}

/* ---- PMP ---- */

static uint64_t read_pmpcfg(CPURISCVState *env, int csrno)
{
    return riscv_pmpcfg_read(env, csrno - CSR_PMPCFG0);
}

static void write_pmpcfg(CPURISCVState *env, int csrno, uint64_t val)
{
    riscv_pmpcfg_write(env, csrno - CSR_PMPCFG0, val);
    tlb_flush_all(env);
}

static uint64_t read_pmpaddr(CPURISCVState *env, int csrno)
{
    unsigned i = csrno - CSR_PMPADDR0;

    return i < RISCV_PMP_ENTRIES ? env->pmpaddr[i] : 0;
}

static void write_pmpaddr(CPURISCVState *env, int csrno, uint64_t val)
{
    riscv_pmpaddr_write(env, csrno - CSR_PMPADDR0, val);
    tlb_flush_all(env);
}

/* ---- the table ---- */

#define FIELD(n, pred, wr) { n, pred, read_field, wr }

static const RISCVCSR csr_table[4096] = {
    [CSR_FFLAGS] = { "fflags", pred_fp, read_fflags, write_fflags },
    [CSR_FRM] = { "frm", pred_fp, read_frm, write_frm },
    [CSR_FCSR] = { "fcsr", pred_fp, read_fcsr, write_fcsr },

    [CSR_SSTATUS] = { "sstatus", pred_smode, read_sstatus, write_sstatus },
    [CSR_SIE] = { "sie", pred_smode, read_sie, write_sie },
    [CSR_STVEC] = FIELD("stvec", pred_smode, write_tvec),
    [CSR_SCOUNTEREN] = { "scounteren", pred_smode, read_scounteren,
                         write_scounteren },
    [CSR_SENVCFG] = { "senvcfg", pred_smode, read_senvcfg, write_senvcfg },
    [CSR_SSCRATCH] = FIELD("sscratch", pred_smode, write_field),
    [CSR_SEPC] = FIELD("sepc", pred_smode, write_epc),
    [CSR_SCAUSE] = FIELD("scause", pred_smode, write_field),
    [CSR_STVAL] = FIELD("stval", pred_smode, write_field),
    [CSR_SIP] = { "sip", pred_smode, read_sip, write_sip },
    [CSR_STIMECMP] = { "stimecmp", pred_sstc, read_stimecmp,
                       write_stimecmp },
    [CSR_SATP] = { "satp", pred_satp, read_satp, write_satp },

    [CSR_MSTATUS] = { "mstatus", pred_sys, read_mstatus, write_mstatus },
    [CSR_MISA] = { "misa", pred_sys, read_misa, write_ignore },
    [CSR_MEDELEG] = { "medeleg", pred_smode, read_medeleg, write_medeleg },
    [CSR_MIDELEG] = { "mideleg", pred_smode, read_mideleg, write_mideleg },
    [CSR_MIE] = { "mie", pred_sys, read_mie, write_mie },
    [CSR_MTVEC] = FIELD("mtvec", pred_sys, write_tvec),
    [CSR_MCOUNTEREN] = { "mcounteren", pred_sys, read_mcounteren,
                         write_mcounteren },
    [CSR_MENVCFG] = { "menvcfg", pred_sys, read_menvcfg, write_menvcfg },
    [CSR_MCOUNTINHIBIT] = { "mcountinhibit", pred_sys, read_mcountinhibit,
                            write_mcountinhibit },
    [CSR_MHPMEVENT3 ... CSR_MHPMEVENT31] = { NULL, pred_sys, read_zero,
                                             write_ignore },
    [CSR_MSCRATCH] = FIELD("mscratch", pred_sys, write_field),
    [CSR_MEPC] = FIELD("mepc", pred_sys, write_epc),
    [CSR_MCAUSE] = FIELD("mcause", pred_sys, write_field),
    [CSR_MTVAL] = FIELD("mtval", pred_sys, write_field),
    [CSR_MIP] = { "mip", pred_sys, read_mip, write_mip, read_mip_rmw },
    [CSR_PMPCFG0 ... CSR_PMPCFG15] = { NULL, pred_pmp, read_pmpcfg,
                                       write_pmpcfg },
    [CSR_PMPADDR0 ... CSR_PMPADDR63] = { NULL, pred_pmp, read_pmpaddr,
                                         write_pmpaddr },
    [CSR_TSELECT] = { "tselect", pred_sys, read_zero, write_ignore },
    [CSR_TDATA1] = { "tdata1", pred_sys, read_zero, write_ignore },
    [CSR_TDATA2] = { "tdata2", pred_sys, read_zero, write_ignore },
    [CSR_TDATA3] = { "tdata3", pred_sys, read_zero, write_ignore },
    [CSR_TINFO] = { "tinfo", pred_sys, read_tinfo, write_ignore },

    [CSR_MCYCLE] = { "mcycle", pred_sys, read_cycle, write_mcycle },
    [CSR_MINSTRET] = { "minstret", pred_sys, read_instret, write_minstret },
    [CSR_MHPMCOUNTER3 ... CSR_MHPMCOUNTER31] = { NULL, pred_sys, read_zero,
                                                 write_ignore },
    [CSR_CYCLE] = { "cycle", pred_counter, read_cycle, NULL },
    [CSR_TIME] = { "time", pred_counter, read_time, NULL },
    [CSR_INSTRET] = { "instret", pred_counter, read_instret, NULL },
    [CSR_HPMCOUNTER3 ... CSR_HPMCOUNTER31] = { NULL, pred_counter,
                                               read_zero, NULL },

    [CSR_MVENDORID] = { "mvendorid", pred_sys, read_zero, NULL },
    [CSR_MARCHID] = { "marchid", pred_sys, read_zero, NULL },
    [CSR_MIMPID] = { "mimpid", pred_sys, read_zero, NULL },
    [CSR_MHARTID] = { "mhartid", pred_sys, read_mhartid, NULL },
    [CSR_MCONFIGPTR] = { "mconfigptr", pred_sys, read_zero, NULL },
};

/* Names of the numbered families (pmpaddr12, mhpmcounter5, ...). */
static char csr_family_names[4096][16];
static pthread_once_t csr_family_once = PTHREAD_ONCE_INIT;

static void csr_family_init(void)
{
    static const struct {
        int first, last, base;
        const char *prefix;
    } fam[] = {
        { CSR_MHPMEVENT3, CSR_MHPMEVENT31, 3, "mhpmevent" },
        { CSR_PMPCFG0, CSR_PMPCFG15, 0, "pmpcfg" },
        { CSR_PMPADDR0, CSR_PMPADDR63, 0, "pmpaddr" },
        { CSR_MHPMCOUNTER3, CSR_MHPMCOUNTER31, 3, "mhpmcounter" },
        { CSR_HPMCOUNTER3, CSR_HPMCOUNTER31, 3, "hpmcounter" },
    };

    for (unsigned f = 0; f < sizeof(fam) / sizeof(fam[0]); f++) {
        for (int n = fam[f].first; n <= fam[f].last; n++) {
            snprintf(csr_family_names[n], sizeof(csr_family_names[n]),
                     "%s%d", fam[f].prefix, n - fam[f].first + fam[f].base);
        }
    }
}

const char *riscv_csr_name(int csrno)
{
    if (csrno < 0 || csrno >= 4096 || !csr_table[csrno].read) {
        return NULL;
    }
    if (csr_table[csrno].name) {
        return csr_table[csrno].name;
    }
    pthread_once(&csr_family_once, csr_family_init);
    return csr_family_names[csrno];
}

int riscv_csr_rmw(CPURISCVState *env, int csrno, uint64_t *old,
                  uint64_t val, uint64_t mask, bool write)
{
    const RISCVCSR *csr;
    int ret;

    if (csrno < 0 || csrno >= 4096 || !csr_table[csrno].read) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    csr = &csr_table[csrno];
    /* Bits 9:8 give the lowest privilege allowed, 11:10 == 3 read-only. */
    if (((csrno >> 8) & 3) > (int)env->priv) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (write && (((csrno >> 10) & 3) == 3 || !csr->write)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    ret = csr->pred(env, csrno);
    if (ret != RISCV_CSR_OK) {
        return ret;
    }
    *old = csr->read(env, csrno);
    if (write) {
        uint64_t base = csr->read_rmw ? csr->read_rmw(env, csrno) : *old;

        csr->write(env, csrno, (base & ~mask) | (val & mask));
    }
    return RISCV_CSR_OK;
}
