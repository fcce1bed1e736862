/* SPDX-License-Identifier: MIT */
/*
 * Accelerators run the vCPUs: TCG (accel/tcg) or KVM (accel/kvm). The
 * board creates CPUState objects; the accelerator gives each a thread.
 */
#ifndef VEMU_ACCEL_H
#define VEMU_ACCEL_H

#include <stdbool.h>

#include <glib.h>

#include "vemu/cpu.h"

struct MachineState;

typedef struct AccelOps {
    const char *name;          /* "tcg", "kvm" */
    /* Before the board is built; opts is what follows "-accel name,". */
    bool (*init)(const char *opts, GError **errp);
    /* Start the vCPU's thread (paused until vm_start). */
    void (*start_vcpu)(CPUState *cpu);
    /* Make the vCPU notice a state change (interrupt, stop). */
    void (*kick)(CPUState *cpu);
    /*
     * gdb's breakpoints, watchpoints and single step, when the
     * accelerator does them itself (KVM: int3 and debug registers).
     * NULL: the gdbstub uses vemu/debug.h (TCG). type is gdb's Z type
     * (0 software, 1 hardware breakpoint, 2 write, 3 read, 4 access
     * watchpoint); they apply to every vCPU. 0, or -1 (no room, bad
     * length, remove: not found). Called with the vCPUs stopped.
     */
    int (*insert_breakpoint)(CPUState *cpu, int type, vaddr addr,
                             vaddr len);
    int (*remove_breakpoint)(CPUState *cpu, int type, vaddr addr,
                             vaddr len);
    void (*remove_all_breakpoints)(void);
    void (*set_single_step)(CPUState *cpu, bool enable);
    /* After a debug stop: the watchpoint hit (BP_MEM_*), then cleared. */
    bool (*watchpoint_hit)(CPUState *cpu, vaddr *addr, int *flags);
} AccelOps;

extern const AccelOps *current_accel;
extern const AccelOps accel_tcg_ops;

/*
 * Interrupt requests (CPUState.interrupt_request bits). Any thread may
 * set them; the vCPU handles them at the next TB boundary or wakes from
 * WFI/HLT.
 */
enum {
    CPU_INTERRUPT_HARD = 1,     /* an external/timer/software irq level */
    CPU_INTERRUPT_EXITTB = 2,   /* state changed: leave generated code */
    CPU_INTERRUPT_RESET = 4,
};
void cpu_interrupt(CPUState *cpu, int mask);
void cpu_reset_interrupt(CPUState *cpu, int mask);
/* Wakes a halted vCPU's thread (set by the accelerator). */
extern void (*cpu_kick_hook)(CPUState *cpu);

#endif
