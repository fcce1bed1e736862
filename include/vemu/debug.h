/* SPDX-License-Identifier: MIT */
/* Debugger support in the TCG accelerator: breakpoints, watchpoints, step. */
#ifndef VEMU_DEBUG_H
#define VEMU_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include "vemu/cpu.h"

/* Watchpoint access kinds (bit mask). */
enum {
    BP_MEM_READ = 1,
    BP_MEM_WRITE = 2,
    BP_MEM_ACCESS = BP_MEM_READ | BP_MEM_WRITE,
};

/*
 * Breakpoints and watchpoints apply to every vCPU (gdb's Z packets name
 * no thread); cpu is the one asking. Inserting or removing a breakpoint
 * drops translated code (the translator tests each insn's pc).
 * Returns 0, or -1 (remove: not found).
 */
int cpu_breakpoint_insert(CPUState *cpu, vaddr pc);
int cpu_breakpoint_remove(CPUState *cpu, vaddr pc);
void cpu_breakpoint_remove_all(CPUState *cpu);
/* The caller runs inside start_exclusive (changes flush without it). */
void cpu_debug_exclusive_held(bool held);
/* Translator: is there a breakpoint at pc? Cheap when there is none. */
bool cpu_breakpoint_test(CPUState *cpu, vaddr pc);

/*
 * Watchpoints (system mode, softmmu): [addr, addr + len) for the BP_MEM_
 * kinds in flags. The TLB maps watched pages with TLB_WATCHPOINT, and the
 * slow path calls cpu_check_watchpoint.
 */
int cpu_watchpoint_insert(CPUState *cpu, vaddr addr, vaddr len, int flags);
int cpu_watchpoint_remove(CPUState *cpu, vaddr addr, vaddr len, int flags);
void cpu_watchpoint_remove_all(CPUState *cpu);
bool cpu_watchpoint_on_page(CPUState *cpu, vaddr page, vaddr page_size);
/*
 * An access of kind flags to [addr, addr + len) at host return address
 * ra: if it hits a watchpoint, finish the insn and stop with EXCP_DEBUG
 * (does not return then). The hit is kept for cpu_watchpoint_hit().
 */
void cpu_check_watchpoint(CPUState *cpu, vaddr addr, vaddr len, int flags,
                          uintptr_t ra);
/* After EXCP_DEBUG: the watchpoint hit (true, and its address and
 * kind), cleared by the call. */
bool cpu_watchpoint_hit(CPUState *cpu, vaddr *addr, int *flags);

/* Single step for the debugger: EXCP_DEBUG after each guest insn. */
void cpu_single_step(CPUState *cpu, bool enable);

/*
 * gdb resumed some vCPUs only (vCont;c:2): the others are held; their
 * cpu_exec returns EXCP_DEBUG at once, and the gdbstub parks them.
 */
void cpu_debug_hold(CPUState *cpu, bool hold);
bool cpu_debug_held(CPUState *cpu);

/* cpu-exec: a one-insn TB finished; should the vCPU stop for gdb? */
bool cpu_debug_after_insn(CPUState *cpu);
/*
 * cpu-exec, user mode: a stepped insn raised an exception for the cpu
 * loop (ecall, fault): once the loop has handled it, the next cpu_exec
 * stops at once (cpu_debug_step_done) instead of running another insn.
 */
void cpu_debug_exception_exit(CPUState *cpu);
bool cpu_debug_step_done(CPUState *cpu);
/* cpu-exec: cflags for the next TB of a vCPU being stepped (or -1). */
uint32_t cpu_debug_cflags(CPUState *cpu);

/* Generated code at a breakpoint: pc is the insn's address. */
void helper_debug_breakpoint(void *env, uint64_t pc)
    __attribute__((noreturn));

#endif
