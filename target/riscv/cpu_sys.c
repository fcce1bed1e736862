/* SPDX-License-Identifier: MIT */
/*
 * The RISC-V hart as the system emulator sees it: vemu/riscv.h (creation,
 * irq lines, the time source, ISA string) and the RISCVSysOps table that
 * connects target/riscv/ to the softmmu, the accelerator, timers and
 * guest physical memory. Only the system emulator links this file.
 */
#include <inttypes.h>
#include <string.h>

#include <glib.h>

#include "target/riscv/cpu.h"
#include "target/riscv/internals.h"
#include "vemu/accel.h"
#include "vemu/main-loop.h"
#include "vemu/memory.h"
#include "vemu/riscv.h"
#include "vemu/softmmu.h"
#include "vemu/target.h"
#include "vemu/timer.h"

/* ---- RISCVSysOps ---- */

static void sys_tlb_flush(CPUState *cpu)
{
    tlb_flush(cpu);
}

static void sys_tlb_flush_page(CPUState *cpu, uint64_t addr)
{
    tlb_flush_page(cpu, addr);
}

static void sys_tlb_set_page(CPUState *cpu, uint64_t va, uint64_t pa,
                             int prot, int mmu_idx, uint64_t size)
{
    tlb_set_page(cpu, va, pa, prot, mmu_idx, size);
}

static void *sys_probe_access(CPUState *cpu, uint64_t addr, unsigned size,
                              int access, int mmu_idx, uintptr_t ra)
{
    return probe_access(cpu, addr, size, (MMUAccessType)access, mmu_idx, ra);
}

/*
 * CPU_INTERRUPT_HARD follows "some interrupt pending and enabled in mie"
 * (the global enables are cpu_exec_interrupt's business). Callers race
 * (irq lines on the main thread, CSR writes on the vCPU): whoever clears
 * the request looks again afterwards, so a raise is never lost.
 */
static void sys_irq_changed(CPUState *cpu)
{
    if (riscv_cpu_has_work(cpu)) {
        if (!(__atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST) &
              CPU_INTERRUPT_HARD)) {
            cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
        }
        return;
    }
    cpu_reset_interrupt(cpu, CPU_INTERRUPT_HARD);
    if (riscv_cpu_has_work(cpu)) {
        cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
    }
}

/* ticks * 1e9 / freq, rounded up, saturating at about a year. */
static int64_t ticks_to_ns(uint64_t ticks, uint64_t freq)
{
    unsigned __int128 ns;

    if (!freq) {
        freq = 10000000;
    }
    ns = ((unsigned __int128)ticks * NANOSECONDS_PER_SECOND + freq - 1) /
         freq;
    return ns > (unsigned __int128)INT64_MAX / 4 ? INT64_MAX / 4
                                                 : (int64_t)ns;
}

/* Arm the Sstc timer for stimecmp (or stop it). BQL nests. */
static void sys_stimecmp_changed(CPUState *cpu)
{
    CPURISCVState *env = riscv_env(cpu);
    Timer *t = env->stimer;
    uint64_t now;

    if (!t) {
        return;
    }
    bql_lock();
    now = env->rdtime_fn ? riscv_read_time(env) : 0;
    if (!(env->menvcfg & MENVCFG_STCE) || !env->rdtime_fn ||
        env->stimecmp == UINT64_MAX) {
        timer_del(t);
    } else {
        /*
         * Time may have reached stimecmp since the caller looked: fire
         * at once then, so STIP is never left clear when due.
         */
        uint64_t ticks = env->stimecmp > now ? env->stimecmp - now : 0;

        timer_mod_ns(t, clock_get_ns(CLOCK_VIRTUAL_NS) +
                        ticks_to_ns(ticks, env->timebase_freq));
    }
    bql_unlock();
}

/* Main loop, BQL held: stimecmp may be due now. */
static void stimer_cb(void *opaque)
{
    riscv_sstc_update(riscv_env(opaque), true);
}

static bool sys_pte_load(CPUState *cpu, uint64_t pa, uint64_t *val)
{
    MemTxResult res = MEMTX_OK;

    *val = address_space_ldn_le(cpu->as, pa, 8, &res);
    return res == MEMTX_OK;
}

/* A/D updates race with other harts' walks and stores: compare-exchange
 * on the host copy of guest RAM. */
static int sys_pte_cas(CPUState *cpu, uint64_t pa, uint64_t old,
                       uint64_t nv)
{
    hwaddr len = 8;
    uint64_t *p = address_space_map(cpu->as, pa, &len, true);
    bool ok;

    if (!p) {
        return -1;
    }
    if (len < 8 || ((uintptr_t)p & 7)) {
        address_space_unmap(cpu->as, p, pa, len, false);
        return -1;
    }
    ok = __atomic_compare_exchange_n(p, &old, nv, false, __ATOMIC_SEQ_CST,
                                     __ATOMIC_SEQ_CST);
    address_space_unmap(cpu->as, p, pa, 8, ok);
    return ok ? 0 : 1;
}

static const RISCVSysOps riscv_sys_ops = {
    .tlb_flush = sys_tlb_flush,
    .tlb_flush_page = sys_tlb_flush_page,
    .tlb_set_page = sys_tlb_set_page,
    .probe_access = sys_probe_access,
    .irq_changed = sys_irq_changed,
    .stimecmp_changed = sys_stimecmp_changed,
    .pte_load = sys_pte_load,
    .pte_cas = sys_pte_cas,
};

/* ---- vemu/riscv.h ---- */

typedef struct RISCVCPUModel {
    const char *name;
    const char *desc;
} RISCVCPUModel;

static const RISCVCPUModel riscv_models[] = {
    { "rv64", "RV64GC + Zba/Zbb/Zbs, M/S/U, Sv39/48/57, PMP, Sstc "
              "(default)" },
    { "max", "everything vemu implements (same as rv64 today)" },
};

void riscv_cpu_list(GString *out)
{
    g_string_append(out, "Available CPUs:\n");
    for (unsigned i = 0; i < G_N_ELEMENTS(riscv_models); i++) {
        g_string_append_printf(out, "  %-6s %s\n", riscv_models[i].name,
                               riscv_models[i].desc);
    }
}

CPUState *riscv_cpu_create(const char *model, uint64_t hartid,
                           GError **errp)
{
    CPURISCVState *env;
    CPUState *cpu;
    bool known = false;

    if (!model) {
        model = "rv64";
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(riscv_models); i++) {
        known |= !strcmp(model, riscv_models[i].name);
    }
    if (!known) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-cpu %s: unknown CPU model (-cpu help lists them)",
                    model);
        return NULL;
    }
    cpu = cpu_create(&target_riscv64);
    env = riscv_env(cpu);
    env->sys = &riscv_sys_ops;
    env->misa |= RVS;
    env->mhartid = hartid;
    env->stimer = timer_new_ns(CLOCK_VIRTUAL_NS, stimer_cb, cpu);
    cpu->target->cpu_reset(cpu);
    return cpu;
}

void riscv_cpu_set_irq(CPUState *cpu, int irq, int level)
{
    CPURISCVState *env = riscv_env(cpu);
    uint64_t bit;

    switch (irq) {
    case RISCV_IRQ_S_EXT:
        /* The PLIC's line; M-mode software may also set SEIP. */
        __atomic_store_n(&env->seip_line, level != 0, __ATOMIC_SEQ_CST);
        riscv_mip_update(env, 0, 0);
        return;
    case RISCV_IRQ_S_SOFT:
    case RISCV_IRQ_M_SOFT:
    case RISCV_IRQ_S_TIMER:
    case RISCV_IRQ_M_TIMER:
    case RISCV_IRQ_M_EXT:
        bit = 1ull << irq;
        riscv_mip_update(env, bit, level ? bit : 0);
        return;
    default:
        g_warning("riscv_cpu_set_irq: no interrupt %d", irq);
    }
}

void riscv_cpu_set_rdtime_fn(CPUState *cpu, uint64_t (*fn)(void *opaque),
                             void *opaque, uint64_t freq)
{
    CPURISCVState *env = riscv_env(cpu);

    env->rdtime_fn = fn;
    env->rdtime_opaque = opaque;
    env->timebase_freq = freq;
}

void riscv_cpu_set_reset_pc(CPUState *cpu, uint64_t pc)
{
    CPURISCVState *env = riscv_env(cpu);

    /* Boards call this once the hart exists: it applies now and at every
     * reset. */
    env->resetvec = pc;
    env->pc = pc;
}

char *riscv_cpu_isa_string(CPUState *cpu)
{
    CPURISCVState *env = riscv_env(cpu);
    GString *s = g_string_new("rv64");
    static const char order[] = "imafdc";

    for (const char *c = order; *c; c++) {
        if (env->misa & (1ull << (*c - 'a'))) {
            g_string_append_c(s, *c);
        }
    }
    g_string_append(s, "_zicntr_zicsr_zifencei_zihpm_zba_zbb_zbs");
    if (env->misa & RVS) {
        g_string_append(s, "_sstc");
    }
    return g_string_free(s, false);
}

const char *riscv_cpu_mmu_type(CPUState *cpu)
{
    return "riscv,sv57";
}
