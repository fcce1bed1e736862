/* SPDX-License-Identifier: MIT */
/*
 * Traps: pending interrupt selection (delegation, enables, the spec's
 * priority order), trap entry into M or S mode, mip updates from any
 * thread, Sstc's STIP, and WFI's wake-up condition.
 */
#include <inttypes.h>

#include <glib.h>

#include "target/riscv/cpu.h"
#include "target/riscv/internals.h"
#include "vemu/accel.h"
#include "vemu/log.h"
#include "vemu/riscv.h"

static const char *const excp_names[16] = {
    "misaligned_fetch", "fault_fetch", "illegal_instruction", "breakpoint",
    "misaligned_load", "fault_load", "misaligned_store", "fault_store",
    "user_ecall", "supervisor_ecall", NULL, "machine_ecall",
    "exec_page_fault", "load_page_fault", NULL, "store_page_fault",
};

static const char *const irq_names[12] = {
    NULL, "s_software", NULL, "m_software", NULL, "s_timer", NULL,
    "m_timer", NULL, "s_external", NULL, "m_external",
};

void riscv_set_priv(CPURISCVState *env, unsigned priv)
{
    env->priv = priv;
}

/* Tell the accelerator whether an interrupt is pending and enabled. */
void riscv_irq_changed(CPURISCVState *env)
{
    if (env->sys) {
        env->sys->irq_changed(&env->parent);
    }
}

/* mip = (mip & ~mask) | (value & mask), with SEIP from line | software. */
void riscv_mip_update(CPURISCVState *env, uint64_t mask, uint64_t value)
{
    uint64_t old = __atomic_load_n(&env->mip, __ATOMIC_SEQ_CST);
    uint64_t nv;

    do {
        bool seip = __atomic_load_n(&env->seip_line, __ATOMIC_SEQ_CST) ||
                    __atomic_load_n(&env->seip_sw, __ATOMIC_SEQ_CST);

        nv = (old & ~mask) | (value & mask);
        nv = (nv & ~MIP_SEIP) | (seip ? MIP_SEIP : 0);
    } while (!__atomic_compare_exchange_n(&env->mip, &old, nv, false,
                                          __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    if (old != nv) {
        riscv_irq_changed(env);
    }
}

/*
 * Sstc: with menvcfg.STCE, STIP is time >= stimecmp. While it is in the
 * future, the system emulator arms a timer for it (a WFI must wake).
 */
void riscv_sstc_update(CPURISCVState *env, bool rearm)
{
    bool due;

    if (!env->sys || !(env->menvcfg & MENVCFG_STCE)) {
        return;
    }
    due = riscv_read_time(env) >= env->stimecmp;
    riscv_mip_update(env, MIP_STIP, due ? MIP_STIP : 0);
    if (!due && rearm) {
        env->sys->stimecmp_changed(&env->parent);
    }
}

/* Highest priority set bit: MEI, MSI, MTI, SEI, SSI, STI. */
static int irq_highest(uint64_t bits)
{
    static const int order[] = {
        RISCV_IRQ_M_EXT, RISCV_IRQ_M_SOFT, RISCV_IRQ_M_TIMER,
        RISCV_IRQ_S_EXT, RISCV_IRQ_S_SOFT, RISCV_IRQ_S_TIMER,
    };

    for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        if (bits & (1ull << order[i])) {
            return order[i];
        }
    }
    return -1;
}

/*
 * Interrupts for M-mode are taken below M, or in M with mstatus.MIE;
 * delegated ones below S, or in S with mstatus.SIE, never in M.
 * Higher-privilege destinations come first.
 */
int riscv_pending_interrupt(CPURISCVState *env)
{
    uint64_t pending = __atomic_load_n(&env->mip, __ATOMIC_SEQ_CST) &
                       env->mie;
    uint64_t m = pending & ~env->mideleg;
    uint64_t s = pending & env->mideleg;
    bool m_on = env->priv < PRV_M || (env->mstatus & MSTATUS_MIE);
    bool s_on = env->priv < PRV_S ||
                (env->priv == PRV_S && (env->mstatus & MSTATUS_SIE));

    if (m && m_on) {
        return irq_highest(m);
    }
    if (s && s_on) {
        return irq_highest(s);
    }
    return -1;
}

bool riscv_cpu_exec_interrupt(CPUState *cpu, int interrupt_request)
{
    CPURISCVState *env = riscv_env(cpu);
    int irq;

    if (!(interrupt_request & CPU_INTERRUPT_HARD)) {
        return false;
    }
    irq = riscv_pending_interrupt(env);
    if (irq < 0) {
        return false;
    }
    cpu->exception_index = RISCV_EXCP_INT_FLAG | irq;
    riscv_cpu_do_interrupt(cpu);
    return true;
}

/* WFI wakes on pending & enabled, whatever the global enables say. */
bool riscv_cpu_has_work(CPUState *cpu)
{
    CPURISCVState *env = riscv_env(cpu);

    return (__atomic_load_n(&env->mip, __ATOMIC_SEQ_CST) & env->mie) != 0;
}

/* What goes into xtval for a synchronous exception. */
static uint64_t trap_value(CPURISCVState *env, int cause)
{
    switch (cause) {
    case RISCV_EXCP_INST_ADDR_MIS:
    case RISCV_EXCP_INST_ACCESS_FAULT:
    case RISCV_EXCP_ILLEGAL_INST:
    case RISCV_EXCP_LOAD_ADDR_MIS:
    case RISCV_EXCP_LOAD_ACCESS_FAULT:
    case RISCV_EXCP_STORE_AMO_ADDR_MIS:
    case RISCV_EXCP_STORE_AMO_ACCESS_FAULT:
    case RISCV_EXCP_INST_PAGE_FAULT:
    case RISCV_EXCP_LOAD_PAGE_FAULT:
    case RISCV_EXCP_STORE_PAGE_FAULT:
        return env->badaddr;
    case RISCV_EXCP_BREAKPOINT:
        return env->pc;
    default:
        return 0;
    }
}

static uint64_t trap_vector(uint64_t tvec, bool async, int cause)
{
    uint64_t base = tvec & ~3ull;

    return (async && (tvec & 1)) ? base + 4 * (uint64_t)cause : base;
}

void riscv_cpu_do_interrupt(CPUState *cpu)
{
    CPURISCVState *env = riscv_env(cpu);
    int excp = cpu->exception_index;
    bool async = (excp & RISCV_EXCP_INT_FLAG) != 0;
    int cause = excp & ~RISCV_EXCP_INT_FLAG;
    uint64_t deleg = async ? env->mideleg : env->medeleg;
    uint64_t tval = async ? 0 : trap_value(env, cause);
    uint64_t xcause = (uint64_t)cause | ((uint64_t)async << 63);
    const char *desc = NULL;
    uint64_t s = env->mstatus;
    bool to_s = env->priv <= PRV_S && cause < 64 && ((deleg >> cause) & 1);

    if (async) {
        desc = cause < 12 ? irq_names[cause] : NULL;
    } else {
        desc = cause < 16 ? excp_names[cause] : NULL;
    }
    vemu_log_mask(LOG_INT, "riscv_cpu_do_interrupt: hart:%" PRIu64
                  ", async:%d, cause:%016" PRIx64 ", epc:0x%016" PRIx64
                  ", tval:0x%016" PRIx64 ", desc=%s\n", env->mhartid,
                  async, xcause, env->pc, tval, desc ? desc : "unknown");
    if (to_s) {
        s = (s & ~MSTATUS_SPIE) | ((s & MSTATUS_SIE) ? MSTATUS_SPIE : 0);
        s &= ~(MSTATUS_SIE | MSTATUS_SPP);
        s |= env->priv == PRV_S ? MSTATUS_SPP : 0;
        env->scause = xcause;
        env->sepc = env->pc;
        env->stval = tval;
        env->pc = trap_vector(env->stvec, async, cause);
        env->mstatus = s;
        riscv_set_priv(env, PRV_S);
    } else {
        s = (s & ~MSTATUS_MPIE) | ((s & MSTATUS_MIE) ? MSTATUS_MPIE : 0);
        s &= ~(MSTATUS_MIE | MSTATUS_MPP);
        s |= (uint64_t)env->priv << MSTATUS_MPP_SHIFT;
        env->mcause = xcause;
        env->mepc = env->pc;
        env->mtval = tval;
        env->pc = trap_vector(env->mtvec, async, cause);
        env->mstatus = s;
        riscv_set_priv(env, PRV_M);
    }
    /* A trap between LR and SC makes the SC fail. */
    env->load_res = -1;
    cpu->exception_index = -1;
}
