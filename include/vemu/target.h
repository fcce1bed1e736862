/* SPDX-License-Identifier: MIT */
/*
 * The interface of a guest architecture: one const TargetInfo per target.
 * Nothing outside target/X/ includes target/X/ headers; the core and the
 * user-mode runtime only use this table.
 */
#ifndef VEMU_TARGET_H
#define VEMU_TARGET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "vemu/cpu.h"

struct TranslationBlock;

/* Flags for dump_state. */
enum {
    CPU_DUMP_FPU = 1,
};

typedef struct TargetInfo {
    const char *name;          /* "riscv64" */
    uint16_t elf_machine;      /* EM_RISCV */
    unsigned elf_class;        /* ELFCLASS64 */
    size_t cpu_size;           /* size of the target's CPU struct */

    /* Register TCG globals once per process (before any translation). */
    void (*tcg_init)(void);
    /* Fill defaults of a fresh, zeroed CPU; then reset. */
    void (*cpu_init)(CPUState *cpu);
    void (*cpu_reset)(CPUState *cpu);

    /* The pc and flags TB lookup is keyed on. */
    void (*get_tb_cpu_state)(CPUState *cpu, vaddr *pc, uint64_t *flags);
    /* Emit IR for one TB into tcg_ctx (uses translator_loop). */
    void (*translate)(CPUState *cpu, struct TranslationBlock *tb,
                      int max_insns);
    /* Put back the state recorded by insn_start (data[0] is the pc). */
    void (*restore_state_to_opc)(CPUState *cpu,
                                 const struct TranslationBlock *tb,
                                 const uint64_t *data);
    void (*set_pc)(CPUState *cpu, vaddr pc);
    vaddr (*get_pc)(CPUState *cpu);

    /*
     * User mode: a guest access to addr faulted (access: 0 load, 1 store,
     * 2 fetch). Record the target's exception and fault address, then
     * cpu_loop_exit_restore(cpu, ra).
     */
    void (*record_sigsegv)(CPUState *cpu, vaddr addr, int access,
                           bool maperr, uintptr_t ra)
        __attribute__((noreturn));
    void (*record_sigbus)(CPUState *cpu, vaddr addr, int access,
                          uintptr_t ra) __attribute__((noreturn));

    /* ---- system emulation (NULL in user-only targets) ---- */
    int nb_mmu_modes;
    /* MMU index of the current mode for data accesses or fetches. */
    int (*cpu_mmu_index)(CPUState *cpu, bool ifetch);
    /*
     * Page walk for a TLB miss (vemu/softmmu.h): on success call
     * tlb_set_page and return true; on a fault return false if probe,
     * else raise the guest exception (cpu_loop_exit_restore with ra).
     */
    bool (*tlb_fill)(CPUState *cpu, vaddr addr, int size, int access_type,
                     int mmu_idx, bool probe, uintptr_t ra);
    /* Misaligned access the target does not allow (raises, with ra). */
    void (*do_unaligned_access)(CPUState *cpu, vaddr addr, int access_type,
                                int mmu_idx, uintptr_t ra)
        __attribute__((noreturn));
    /* Bus error on a physical access (raises an access fault, with ra). */
    void (*do_transaction_failed)(CPUState *cpu, hwaddr phys, vaddr addr,
                                  int size, int access_type, int mmu_idx,
                                  uintptr_t ra);
    /* Take the exception in cpu->exception_index (trap entry). */
    void (*do_interrupt)(CPUState *cpu);
    /* Take a pending interrupt if enabled; true if the state changed. */
    bool (*cpu_exec_interrupt)(CPUState *cpu, int interrupt_request);
    /* Whether a halted (WFI) vCPU should wake up. */
    bool (*has_work)(CPUState *cpu);
    /* Physical address for a debugger access (-1 if unmapped). */
    hwaddr (*get_phys_page_debug)(CPUState *cpu, vaddr addr);

    /* ---- debugger (gdbstub/) ---- */
    /*
     * Register n in gdb's numbering (the order of the target XML):
     * append its bytes (target byte order) to buf and return how many,
     * 0 if there is no such register. Write: from buf, returns the
     * size consumed, 0 if unknown.
     */
    int (*gdb_read_register)(CPUState *cpu, GByteArray *buf, int n);
    int (*gdb_write_register)(CPUState *cpu, const uint8_t *buf, int n);
    int gdb_num_regs;        /* registers in the 'g' packet */
    const char *gdb_arch;    /* gdb's name for it ("riscv:rv64") */
    /* qXfer:features:read: the target description document `name`
     * ("target.xml" is the root), or NULL. Static text. */
    const char *(*gdb_get_xml)(CPUState *cpu, const char *name);

    /* -d cpu: print registers. */
    void (*dump_state)(CPUState *cpu, FILE *f, int flags);
    /* -d in_asm: disassemble one insn at host buffer; returns its length
     * (0 if undecodable). */
    int (*disas_insn)(const uint8_t *code, size_t len, uint64_t pc,
                      char *buf, size_t bufsize);
} TargetInfo;

extern const TargetInfo target_riscv64;
extern const TargetInfo target_aarch64;

/* All built-in targets, NULL-terminated. */
extern const TargetInfo *const all_targets[];
const TargetInfo *target_by_name(const char *name);
const TargetInfo *target_by_elf_machine(uint16_t machine, unsigned elf_class);

#endif
