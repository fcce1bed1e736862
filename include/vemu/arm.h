/* SPDX-License-Identifier: MIT */
/*
 * What boards and interrupt controllers may know about an AArch64 CPU,
 * without including target/arm/ headers (target/arm/cpu_sys.c).
 */
#ifndef VEMU_ARM_H
#define VEMU_ARM_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"

struct IRQ;
struct Device;

/* Interrupt inputs of the CPU (arm_cpu_set_irq). */
enum {
    ARM_CPU_IRQ = 0,
    ARM_CPU_FIQ = 1,
    ARM_CPU_VIRQ = 2,
    ARM_CPU_VFIQ = 3,
};

/* Generic timer outputs (arm_cpu_set_timer_irq), as env->gt[] indexes. */
enum {
    ARM_GT_PHYS = 0,        /* CNTP: PPI 14 on virt */
    ARM_GT_VIRT = 1,        /* CNTV: PPI 11 */
    ARM_GT_HYP = 2,         /* CNTHP: PPI 10 */
    ARM_GT_SEC = 3,         /* CNTPS: PPI 13 */
};

/*
 * Create CPU `index` of the named model ("cortex-a57", "cortex-a72",
 * "max"); NULL + error if unknown. mpidr is its affinity (Aff1 << 8 |
 * Aff0, as the board numbers CPUs); has_el2: start at EL2 with EL2
 * implemented (-M virt,virtualization=on). The CPU resets to EL1 (or EL2)
 * with the MMU off; the board sets the entry with arm_cpu_set_boot.
 */
CPUState *arm_cpu_create(const char *model, unsigned index, uint64_t mpidr,
                         bool has_el2, GError **errp);
void arm_cpu_list(GString *out);
/* Free a CPU made by arm_cpu_create (its timers too). */
void arm_cpu_destroy(CPUState *cpu);
/* "arm,cortex-a57" for the device tree. */
const char *arm_cpu_dt_compatible(CPUState *cpu);

/* Level of an interrupt input (BQL held; any thread). */
void arm_cpu_set_irq(CPUState *cpu, int line, int level);
/* Output n of the generic timer drives irq (BQL). */
void arm_cpu_set_timer_irq(CPUState *cpu, int n, struct IRQ *irq);
/* ICC_* system registers go to this GICv3 (NULL: UNDEFINED, GICv2). */
void arm_cpu_set_gicv3(CPUState *cpu, struct Device *gic);

/*
 * Where the CPU starts on reset: pc, x0..x3; secondaries (powered_off)
 * wait for PSCI CPU_ON. Kept across system_reset.
 */
void arm_cpu_set_boot(CPUState *cpu, uint64_t pc, const uint64_t x[4],
                      bool powered_off);

/*
 * PSCI conduit the CPU handles in place: "hvc" (no EL2 for the guest),
 * "smc" (EL2 is the guest's), or NULL (calls are UNDEFINED / go to EL2).
 */
void arm_cpu_set_psci_conduit(CPUState *cpu, const char *conduit);

#endif
