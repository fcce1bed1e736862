/* SPDX-License-Identifier: MIT */
/*
 * RISC-V control and status registers: one table indexed by CSR number.
 * User mode has the FP CSRs and the counters; machine and supervisor
 * CSRs slot into the same table later (with their own predicates).
 */
#include <time.h>

#include "target/riscv/cpu.h"
#include "target/riscv/internals.h"

enum {
    CSR_FFLAGS = 0x001,
    CSR_FRM = 0x002,
    CSR_FCSR = 0x003,
    CSR_CYCLE = 0xc00,
    CSR_TIME = 0xc01,
    CSR_INSTRET = 0xc02,
};

/* The `time` CSR ticks at 10 MHz, like the timebase of the virt board. */
#define RISCV_TIMEBASE_HZ 10000000ull

/* Returns RISCV_CSR_OK or the exception cause for an access to csrno. */
typedef int RISCVCSRPredFn(CPURISCVState *env, int csrno);
typedef uint64_t RISCVCSRReadFn(CPURISCVState *env, int csrno);
typedef void RISCVCSRWriteFn(CPURISCVState *env, int csrno, uint64_t val);

typedef struct RISCVCSR {
    const char *name;
    RISCVCSRPredFn *pred;
    RISCVCSRReadFn *read;
    RISCVCSRWriteFn *write;     /* NULL: read-only */
} RISCVCSR;

/* ---- predicates ---- */

static int pred_fp(CPURISCVState *env, int csrno)
{
    /* mstatus.FS == Off will be checked here in system mode. */
    return (env->misa & RVF) ? RISCV_CSR_OK : RISCV_EXCP_ILLEGAL_INST;
}

static int pred_counter(CPURISCVState *env, int csrno)
{
    /* mcounteren/scounteren gate these once privileged modes exist. */
    return RISCV_CSR_OK;
}

/* ---- floating point ---- */

static uint64_t read_fflags(CPURISCVState *env, int csrno)
{
    return env->fflags;
}

static void write_fflags(CPURISCVState *env, int csrno, uint64_t val)
{
    env->fflags = val & 0x1f;
}

static uint64_t read_frm(CPURISCVState *env, int csrno)
{
    return env->frm;
}

static void write_frm(CPURISCVState *env, int csrno, uint64_t val)
{
    env->frm = val & 7;
}

static uint64_t read_fcsr(CPURISCVState *env, int csrno)
{
    return (env->frm << 5) | env->fflags;
}

static void write_fcsr(CPURISCVState *env, int csrno, uint64_t val)
{
    env->fflags = val & 0x1f;
    env->frm = (val >> 5) & 7;
}

/* ---- counters (from host clocks) ---- */

static uint64_t host_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static uint64_t read_cycle(CPURISCVState *env, int csrno)
{
    /* No cycle model: one "cycle" per host nanosecond. */
    return host_ns();
}

static uint64_t read_time(CPURISCVState *env, int csrno)
{
    return host_ns() / (1000000000ull / RISCV_TIMEBASE_HZ);
}

static const RISCVCSR csr_table[4096] = {
    [CSR_FFLAGS] = { "fflags", pred_fp, read_fflags, write_fflags },
    [CSR_FRM] = { "frm", pred_fp, read_frm, write_frm },
    [CSR_FCSR] = { "fcsr", pred_fp, read_fcsr, write_fcsr },
    [CSR_CYCLE] = { "cycle", pred_counter, read_cycle, NULL },
    [CSR_TIME] = { "time", pred_counter, read_time, NULL },
    [CSR_INSTRET] = { "instret", pred_counter, read_cycle, NULL },
};

const char *riscv_csr_name(int csrno)
{
    if (csrno < 0 || csrno >= 4096) {
        return NULL;
    }
    return csr_table[csrno].name;
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
        csr->write(env, csrno, (*old & ~mask) | (val & mask));
    }
    return RISCV_CSR_OK;
}
