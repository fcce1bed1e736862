/* SPDX-License-Identifier: MIT */
/*
 * The AArch64 CPU as the system emulator sees it: vemu/arm.h and the
 * ARMSysOps table connecting target/arm/ to the softmmu (stub).
 */
#include <string.h>

#include <glib.h>

#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "vemu/arm.h"
#include "vemu/softmmu.h"

static void sys_tlb_set_page(CPUState *cpu, uint64_t va, uint64_t pa,
                             int prot, int mmu_idx, uint64_t size)
{
    tlb_set_page(cpu, va, pa, prot, mmu_idx, size);
}

static const ARMSysOps arm_sys_ops = {
    .tlb_set_page = sys_tlb_set_page,
};

CPUState *arm_cpu_create(const char *model, unsigned index, uint64_t mpidr,
                         bool has_el2, GError **errp)
{
    CPUState *cpu = cpu_create(&target_aarch64);
    CPUARMState *env = arm_env(cpu);

    env->sys = &arm_sys_ops;
    env->mpidr = mpidr | 0x80000000ull;
    env->has_el2 = has_el2;
    cpu->target->cpu_reset(cpu);
    return cpu;
}

void arm_cpu_list(GString *out)
{
    g_string_append(out, "Available CPUs:\n  cortex-a57\n");
}

const char *arm_cpu_dt_compatible(CPUState *cpu)
{
    return "arm,cortex-a57";
}

void arm_cpu_set_irq(CPUState *cpu, int line, int level)
{
}

void arm_cpu_set_timer_irq(CPUState *cpu, int n, struct IRQ *irq)
{
}

void arm_cpu_set_gicv3(CPUState *cpu, struct Device *gic)
{
}

void arm_cpu_set_boot(CPUState *cpu, uint64_t pc, const uint64_t x[4],
                      bool powered_off)
{
    CPUARMState *env = arm_env(cpu);

    env->boot_pc = pc;
    memcpy(env->boot_x, x, sizeof(env->boot_x));
    env->boot_off = powered_off;
    cpu->target->cpu_reset(cpu);
}

void arm_cpu_set_psci_conduit(CPUState *cpu, const char *conduit)
{
}
