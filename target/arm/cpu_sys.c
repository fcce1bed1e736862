/* SPDX-License-Identifier: MIT */
/*
 * The AArch64 CPU as the system emulator sees it: vemu/arm.h (models and
 * their ID registers, interrupt inputs, timer outputs, the GICv3 CPU
 * interface, boot state, PSCI conduit) and the ARMSysOps table that
 * connects target/arm/ to the softmmu, timers, the GIC and the machine.
 * Only the system emulator links this file.
 */
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include <glib.h>

#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "vemu/accel.h"
#include "vemu/arm.h"
#include "vemu/device.h"
#include "vemu/hw/arm-gicv3.h"
#include "vemu/main-loop.h"
#include "vemu/memory.h"
#include "vemu/softmmu.h"
#include "vemu/target.h"
#include "vemu/timer.h"

/*
 * What this file keeps per CPU beyond CPUARMState: env->gt[n].timer
 * points at gt[n] below, so the whole block is found from gt[0].
 */
typedef struct ArmGtTimer {
    Timer *timer;
    IRQ *irq;                   /* the timer output (arm_cpu_set_timer_irq) */
    CPUState *cpu;
    int n;
} ArmGtTimer;

typedef struct ArmCpuSys {
    ArmGtTimer gt[4];
    Device *gicv3;              /* ICC_* registers go there (or NULL) */
} ArmCpuSys;

static ArmCpuSys *cpu_sys(CPUState *cpu)
{
    void *p = arm_env(cpu)->gt[0].timer;

    return p ? (ArmCpuSys *)((char *)p - offsetof(ArmCpuSys, gt)) : NULL;
}

/* ---- ARMSysOps ---- */

static void *sys_probe_access(CPUState *cpu, uint64_t addr, unsigned size,
                              int access, int mmu_idx, uintptr_t ra)
{
    return probe_access(cpu, addr, size, (MMUAccessType)access, mmu_idx, ra);
}

static void sys_tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap)
{
    tlb_flush_by_mmuidx(cpu, idxmap);
}

/*
 * TLBI by VA: translated code leaves top-byte tags in addresses (see
 * clean_data_tbi), so the TLB may hold the page under any tag: flush
 * them all (more than TBI requires when it is off, which is harmless).
 */
static void sys_tlb_flush_page_by_mmuidx(CPUState *cpu, uint64_t addr,
                                         uint16_t idxmap)
{
    tlb_flush_page_bits_by_mmuidx(cpu, addr, idxmap, 56);
}

/* TLBI ...IS: the others flush at their next TB boundary. */
static void sys_tlb_flush_others(CPUState *cpu)
{
    for (CPUState *c = first_cpu; c; c = c->next) {
        if (c != cpu) {
            tlb_flush_async(c);
        }
    }
}

static void sys_tlb_set_page(CPUState *cpu, uint64_t va, uint64_t pa,
                             int prot, int mmu_idx, uint64_t size)
{
    tlb_set_page(cpu, va, pa, prot, mmu_idx, size);
}

static bool sys_pte_load(CPUState *cpu, uint64_t pa, uint64_t *val)
{
    MemTxResult res = MEMTX_OK;

    *val = address_space_ldn_le(cpu->as, pa, 8, &res);
    return res == MEMTX_OK;
}

/*
 * CPU_INTERRUPT_HARD follows "an interrupt line is up" (arm_cpu_has_work);
 * the PSTATE masks and routing are cpu_exec_interrupt's business, so a
 * line held while masked is looked at again at every TB boundary the
 * loop sees (which DAIF writes end). Callers race (lines on the main
 * thread, HCR_EL2 writes on the vCPU): whoever clears the request looks
 * again afterwards, so a raise is never lost.
 */
static void sys_irq_changed(CPUState *cpu)
{
    if (arm_cpu_has_work(cpu)) {
        if (!(__atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST) &
              CPU_INTERRUPT_HARD)) {
            cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
        }
        return;
    }
    cpu_reset_interrupt(cpu, CPU_INTERRUPT_HARD);
    if (arm_cpu_has_work(cpu)) {
        cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
    }
}

/* The system counter: virtual time in 16 ns ticks (ARM_CNTFRQ). */
#define NS_PER_TICK (NANOSECONDS_PER_SECOND / (int64_t)ARM_CNTFRQ)

static uint64_t sys_get_counter(CPUState *cpu)
{
    return (uint64_t)clock_get_ns(CLOCK_VIRTUAL_NS) / NS_PER_TICK;
}

/* Counter values past this (about 73 years) never come: no timer. */
#define COUNTER_NEVER ((uint64_t)(INT64_MAX / 4) / NS_PER_TICK)

static void sys_timer_arm(CPUState *cpu, int n, uint64_t when)
{
    ArmCpuSys *s = cpu_sys(cpu);
    Timer *t;

    if (!s || n < 0 || n > 3 || !(t = s->gt[n].timer)) {
        return;
    }
    bql_lock();
    if (when >= COUNTER_NEVER) {
        timer_del(t);
    } else {
        /* The counter reaches `when` at exactly when * 16 ns; a time
         * already past fires at once. */
        timer_mod_ns(t, (int64_t)(when * NS_PER_TICK));
    }
    bql_unlock();
}

/* Main loop, BQL held: gt[n]'s compare value may be reached. */
static void gt_timer_cb(void *opaque)
{
    ArmGtTimer *g = opaque;

    arm_gt_update(arm_env(g->cpu), g->n);
}

static void sys_timer_set_irq(CPUState *cpu, int n, int level)
{
    ArmCpuSys *s = cpu_sys(cpu);

    if (!s || n < 0 || n > 3 || !s->gt[n].irq) {
        return;
    }
    bql_lock();
    irq_set(s->gt[n].irq, level);
    bql_unlock();
}

static bool sys_gicv3_read(CPUState *cpu, uint32_t enc, uint64_t *val)
{
    ArmCpuSys *s = cpu_sys(cpu);
    bool ok;

    if (!s || !s->gicv3) {
        return false;
    }
    bql_lock();
    ok = arm_gicv3_cpuif_read(s->gicv3, cpu->cpu_index, enc, val);
    bql_unlock();
    return ok;
}

static bool sys_gicv3_write(CPUState *cpu, uint32_t enc, uint64_t val)
{
    ArmCpuSys *s = cpu_sys(cpu);
    bool ok;

    if (!s || !s->gicv3) {
        return false;
    }
    bql_lock();
    ok = arm_gicv3_cpuif_write(s->gicv3, cpu->cpu_index, enc, val);
    bql_unlock();
    return ok;
}

/* PSCI return codes the machine side gives. */
enum {
    PSCI_RET_SUCCESS = 0,
    PSCI_RET_INVALID_PARAMETERS = -2,
    PSCI_RET_ALREADY_ON = -4,
};

/* MPIDR affinity fields compared: Aff2..Aff0. */
#define MPIDR_AFF_MASK 0xffffffull

/*
 * CPU_ON: the target starts from reset state (boot EL, MMU off, DAIF
 * masked) at entry with x0 = context. The BQL serialises racing CPU_ONs;
 * the target's thread sleeps (halted) until the kick.
 */
static int sys_psci_cpu_on(CPUState *cpu, uint64_t mpidr, uint64_t entry,
                           uint64_t context_id)
{
    CPUState *t = NULL;
    CPUARMState *tenv;

    for (CPUState *c = first_cpu; c; c = c->next) {
        if (c->target == &target_aarch64 &&
            (arm_env(c)->mpidr & MPIDR_AFF_MASK) ==
            (mpidr & MPIDR_AFF_MASK)) {
            t = c;
            break;
        }
    }
    if (!t) {
        return PSCI_RET_INVALID_PARAMETERS;
    }
    tenv = arm_env(t);
    bql_lock();
    if (!__atomic_load_n(&tenv->powered_off, __ATOMIC_SEQ_CST)) {
        bql_unlock();
        return PSCI_RET_ALREADY_ON;
    }
    t->target->cpu_reset(t);
    tenv->pc = entry;
    tenv->xregs[0] = context_id;
    __atomic_store_n(&tenv->powered_off, false, __ATOMIC_SEQ_CST);
    t->halted = false;
    /* Its TLB may hold translations from before CPU_OFF; this also
     * kicks the thread awake. */
    tlb_flush_async(t);
    sys_irq_changed(t);
    bql_unlock();
    return PSCI_RET_SUCCESS;
}

static void sys_system_off(CPUState *cpu)
{
    system_shutdown_request(SHUTDOWN_GUEST_SHUTDOWN);
}

static void sys_system_reset(CPUState *cpu)
{
    system_reset_request(SHUTDOWN_GUEST_RESET);
}

static const ARMSysOps arm_sys_ops = {
    .tlb_flush_by_mmuidx = sys_tlb_flush_by_mmuidx,
    .tlb_flush_page_by_mmuidx = sys_tlb_flush_page_by_mmuidx,
    .tlb_flush_others = sys_tlb_flush_others,
    .tlb_set_page = sys_tlb_set_page,
    .probe_access = sys_probe_access,
    .pte_load = sys_pte_load,
    .irq_changed = sys_irq_changed,
    .get_counter = sys_get_counter,
    .timer_arm = sys_timer_arm,
    .timer_set_irq = sys_timer_set_irq,
    .gicv3_read = sys_gicv3_read,
    .gicv3_write = sys_gicv3_write,
    .psci_cpu_on = sys_psci_cpu_on,
    .system_off = sys_system_off,
    .system_reset = sys_system_reset,
};

/* ---- models ---- */

typedef struct ArmCpuModel {
    const char *name;
    const char *desc;
    const char *compatible;     /* device tree */
    uint32_t midr;
    bool pan;                   /* v8.1 PAN advertised */
} ArmCpuModel;

static const ArmCpuModel arm_models[] = {
    { "cortex-a57", "Cortex-A57 r1p0 (ARMv8.0; default)", "arm,cortex-a57",
      0x411fd070, false },
    { "cortex-a72", "Cortex-A72 r0p3 (ARMv8.0)", "arm,cortex-a72",
      0x410fd083, false },
    { "max", "everything vemu implements (ARMv8.0 + PAN)", "arm,arm-v8",
      0x000f0510, true },
};

/*
 * ID_AA64PFR0_EL1: EL0 and EL1 AArch64 only (1), EL2 likewise when
 * implemented, no EL3, FP and AdvSIMD implemented (0); the GIC field is
 * set by arm_cpu_set_gicv3.
 */
#define PFR0_EL0_EL1 0x11ull
#define PFR0_EL2 (1ull << 8)
#define PFR0_GIC (1ull << 24)
#define PFR0_GIC_MASK (0xfull << 24)
/*
 * ID_AA64MMFR0_EL1: PARange 44 bits (4), ASIDBits 16 (2 << 4), TGran16
 * supported (1 << 20); TGran4 and TGran64 read 0 = supported.
 */
#define MMFR0_VALUE (4ull | (2ull << 4) | (1ull << 20))
/* ID_AA64MMFR1_EL1.PAN (23:20). */
#define MMFR1_PAN (1ull << 20)
/* ID_AA64DFR0_EL1: debug v8 (6), 2 breakpoints, 2 watchpoints, 1 context
 * comparator, no PMU. */
#define DFR0_VALUE (6ull | (1ull << 12) | (1ull << 20))
/* CLIDR_EL1: L1 split I/D, L2 unified, LoUIS 1, LoC 2, LoUU 1. */
#define CLIDR_VALUE 0x0a200023u

static const ArmCpuModel *arm_model_find(const char *name)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(arm_models); i++) {
        if (!strcmp(name, arm_models[i].name)) {
            return &arm_models[i];
        }
    }
    return NULL;
}

void arm_cpu_list(GString *out)
{
    g_string_append(out, "Available CPUs:\n");
    for (unsigned i = 0; i < G_N_ELEMENTS(arm_models); i++) {
        g_string_append_printf(out, "  %-11s %s\n", arm_models[i].name,
                               arm_models[i].desc);
    }
}

const char *arm_cpu_dt_compatible(CPUState *cpu)
{
    uint32_t midr = (uint32_t)arm_env(cpu)->midr;

    for (unsigned i = 0; i < G_N_ELEMENTS(arm_models); i++) {
        if (arm_models[i].midr == midr) {
            return arm_models[i].compatible;
        }
    }
    return "arm,arm-v8";
}

CPUState *arm_cpu_create(const char *model, unsigned index, uint64_t mpidr,
                         bool has_el2, GError **errp)
{
    const ArmCpuModel *m = arm_model_find(model ? model : "cortex-a57");
    ArmCpuSys *s;
    CPUARMState *env;
    CPUState *cpu;

    if (!m) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-cpu %s: unknown CPU model (-cpu help lists them)",
                    model);
        return NULL;
    }
    (void)index;        /* the GIC numbers CPUs by cpu->cpu_index */
    cpu = cpu_create(&target_aarch64);
    env = arm_env(cpu);
    env->sys = &arm_sys_ops;
    env->midr = m->midr;
    env->revidr = 0;
    /* U (bit 30) = 0: part of a multiprocessor system; bit 31 is RES1. */
    env->mpidr = (mpidr & MPIDR_AFF_MASK) | 0x80000000ull;
    env->has_el2 = has_el2;
    env->id_aa64pfr0 = PFR0_EL0_EL1 | (has_el2 ? PFR0_EL2 : 0);
    env->id_aa64mmfr0 = MMFR0_VALUE;
    env->id_aa64mmfr1 = m->pan ? MMFR1_PAN : 0;
    env->id_aa64mmfr2 = 0;
    env->id_aa64dfr0 = DFR0_VALUE;
    env->ctr = (uint32_t)ARM_CTR_EL0;
    env->clidr = CLIDR_VALUE;

    s = g_new0(ArmCpuSys, 1);
    for (int n = 0; n < 4; n++) {
        s->gt[n].cpu = cpu;
        s->gt[n].n = n;
        s->gt[n].timer = timer_new_ns(CLOCK_VIRTUAL_NS, gt_timer_cb,
                                      &s->gt[n]);
        env->gt[n].timer = &s->gt[n];
    }
    cpu->target->cpu_reset(cpu);
    return cpu;
}

void arm_cpu_destroy(CPUState *cpu)
{
    ArmCpuSys *s = cpu_sys(cpu);

    if (s) {
        for (int n = 0; n < 4; n++) {
            timer_free(s->gt[n].timer);
        }
        g_free(s);
    }
    cpu_destroy(cpu);
}

void arm_cpu_set_irq(CPUState *cpu, int line, int level)
{
    CPUARMState *env = arm_env(cpu);
    uint32_t bit, old;

    if (line < ARM_CPU_IRQ || line > ARM_CPU_VFIQ) {
        g_warning("arm_cpu_set_irq: no interrupt input %d", line);
        return;
    }
    bit = 1u << line;
    if (level) {
        old = __atomic_fetch_or(&env->irq_lines, bit, __ATOMIC_SEQ_CST);
    } else {
        old = __atomic_fetch_and(&env->irq_lines, ~bit, __ATOMIC_SEQ_CST);
    }
    if (!!(old & bit) != !!level) {
        arm_irq_changed(env);
    }
}

void arm_cpu_set_timer_irq(CPUState *cpu, int n, struct IRQ *irq)
{
    ArmCpuSys *s = cpu_sys(cpu);

    if (!s || n < 0 || n > 3) {
        g_warning("arm_cpu_set_timer_irq: no timer output %d", n);
        return;
    }
    s->gt[n].irq = irq;
}

void arm_cpu_set_gicv3(CPUState *cpu, struct Device *gic)
{
    CPUARMState *env = arm_env(cpu);
    ArmCpuSys *s = cpu_sys(cpu);

    if (!s) {
        return;
    }
    s->gicv3 = gic;
    /* ID_AA64PFR0_EL1.GIC: the ICC_* system registers exist. */
    env->id_aa64pfr0 = (env->id_aa64pfr0 & ~PFR0_GIC_MASK) |
                       (gic ? PFR0_GIC : 0);
}

void arm_cpu_set_boot(CPUState *cpu, uint64_t pc, const uint64_t x[4],
                      bool powered_off)
{
    CPUARMState *env = arm_env(cpu);

    env->boot_pc = pc;
    if (x) {
        memcpy(env->boot_x, x, sizeof(env->boot_x));
    } else {
        memset(env->boot_x, 0, sizeof(env->boot_x));
    }
    env->boot_off = powered_off;
    cpu->target->cpu_reset(cpu);
}

void arm_cpu_set_psci_conduit(CPUState *cpu, const char *conduit)
{
    CPUARMState *env = arm_env(cpu);

    if (conduit && !strcmp(conduit, "hvc")) {
        env->psci_conduit = ARM_PSCI_HVC;
    } else if (conduit && !strcmp(conduit, "smc")) {
        env->psci_conduit = ARM_PSCI_SMC;
    } else {
        if (conduit) {
            g_warning("arm_cpu_set_psci_conduit: unknown conduit %s",
                      conduit);
        }
        env->psci_conduit = ARM_PSCI_NONE;
    }
}
