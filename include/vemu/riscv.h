/* SPDX-License-Identifier: MIT */
/*
 * What boards and interrupt controllers may know about a RISC-V hart,
 * without including target/riscv/ headers.
 */
#ifndef VEMU_RISCV_H
#define VEMU_RISCV_H

#include <stdbool.h>
#include <stdint.h>

#include "vemu/cpu.h"

/* Interrupt numbers (bits of mip/mie). */
enum {
    RISCV_IRQ_S_SOFT = 1,
    RISCV_IRQ_M_SOFT = 3,
    RISCV_IRQ_S_TIMER = 5,
    RISCV_IRQ_M_TIMER = 7,
    RISCV_IRQ_S_EXT = 9,
    RISCV_IRQ_M_EXT = 11,
};

/* Create hart `hartid` of the named model ("rv64", "max"); NULL if
 * unknown. Also used by -cpu help (riscv_cpu_list). */
CPUState *riscv_cpu_create(const char *model, uint64_t hartid,
                           GError **errp);
void riscv_cpu_list(GString *out);

/* Level of an interrupt line into mip (BQL held; any thread). */
void riscv_cpu_set_irq(CPUState *cpu, int irq, int level);

/*
 * The time CSR source (ACLINT mtime, in ticks of freq Hz). The hart
 * reads it for rdtime and Sstc's stimecmp comparisons.
 */
void riscv_cpu_set_rdtime_fn(CPUState *cpu, uint64_t (*fn)(void *opaque),
                             void *opaque, uint64_t freq);

/* Reset vector (the board's reset ROM). */
void riscv_cpu_set_reset_pc(CPUState *cpu, uint64_t pc);

/* The ISA string for the device tree ("rv64imafdc_zicsr_..."), g_free. */
char *riscv_cpu_isa_string(CPUState *cpu);
/* "riscv,sv57" style MMU type for the device tree. */
const char *riscv_cpu_mmu_type(CPUState *cpu);

#endif
