/* SPDX-License-Identifier: MIT */
/*
 * The target-independent part of a vCPU. Every target's CPU struct starts
 * with a CPUState, and generated code's env pointer points at that struct,
 * so `(CPUState *)env` and `(CPURISCVState *)cpu` are the same address.
 */
#ifndef VEMU_CPU_H
#define VEMU_CPU_H

#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef uint64_t vaddr;   /* guest virtual address */
typedef uint64_t hwaddr;  /* guest physical address */

struct TargetInfo;
struct TranslationBlock;
struct CPUDebug;

/* Generic exception indices, above every target's own. */
enum {
    EXCP_INTERRUPT = 0x10000, /* exit_request seen: return to the loop */
    EXCP_HLT,
    EXCP_DEBUG,
    EXCP_HALTED,
    EXCP_YIELD,
    EXCP_ATOMIC,              /* rerun one insn with other vCPUs stopped */
};

#define TB_JMP_CACHE_BITS 13
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)

/*
 * A jump cache entry: the TB, and a tag holding the page of its pc and,
 * in the bits below the page, the cache epoch it was last checked in. A
 * TLB flush bumps the epoch instead of clearing the cache; an entry of an
 * older epoch is used again once its pc maps to the TB's code again.
 */
typedef struct TBJmpCacheEntry {
    uint64_t tag;
    struct TranslationBlock *tb;
} TBJmpCacheEntry;

/* Per MMU index: what the inline TLB lookup reads (vemu/softmmu.h). */
typedef struct CPUTLBFast {
    uintptr_t mask;        /* (entries - 1) << CPU_TLB_ENTRY_BITS */
    struct CPUTLBEntry *table;
} CPUTLBFast;

typedef struct CPUState {
    /*
     * Read by generated code at the start of every TB: nonzero makes the
     * TB return to the loop (interrupts, signals, exclusive sections).
     * Keep it first so its offset is small.
     */
    volatile int32_t exit_request;
    int32_t exception_index;    /* pending EXCP_* or target exception */

    const struct TargetInfo *target;
    int cpu_index;
    bool running;               /* inside cpu_exec (for exclusive work) */
    bool stopped;

    sigjmp_buf jmp_env;         /* cpu_loop_exit() lands here */
    TBJmpCacheEntry *tb_jmp_cache; /* TB_JMP_CACHE_SIZE entries */
    uint64_t tb_jmp_epoch;      /* below TARGET_PAGE_BITS; 0 in user mode */

    unsigned singlestep;        /* translate one insn per TB */
    uint32_t cflags_next_tb;    /* cflags to use for the next TB, or -1 */

    pthread_t thread;
    void *opaque;               /* user mode: the guest thread's TaskState */
    struct CPUState *next;      /* list of all vCPUs */
    bool exclusive_waiter;      /* counted by a pending start_exclusive */
    /* Debugger state (accel/tcg/debug.c): NULL until gdb uses the vCPU. */
    struct CPUDebug *debug;

    /* ---- system emulation (unused in user mode) ---- */
    /* CPU_INTERRUPT_* bits (vemu/accel.h); set from any thread. */
    volatile uint32_t interrupt_request;
    bool halted;                /* WFI/HLT: sleeping until has_work */
    bool stop;                  /* asked to pause (vm_stop) */
    bool created;               /* its thread is up */
    int thread_id;              /* its host tid (info cpus), once up */
    struct AddressSpace *as;    /* what its physical accesses see */
    /* Softmmu TLB: fast lookup data read by generated code, then the
     * rest (vemu/softmmu.h). */
    CPUTLBFast tlb_fast[8];     /* NB_MMU_MODES */
    struct CPUTLB *tlb;
    volatile bool tlb_flush_pending;
    /* Halt wait (accel/tcg/tcg-accel-ops.c). */
    pthread_cond_t halt_cond;
} CPUState;

/* All vCPUs (guest threads in user mode); protected by cpu_list_lock. */
extern CPUState *first_cpu;
void cpu_list_lock(void);
void cpu_list_unlock(void);
void cpu_list_add(CPUState *cpu);
void cpu_list_remove(CPUState *cpu);
/* Remove cpu unless it is the only one; false (and kept) if it is. */
bool cpu_list_remove_unless_last(CPUState *cpu);

/* Create a vCPU of the given target: allocates target->cpu_size bytes. */
CPUState *cpu_create(const struct TargetInfo *target);
void cpu_destroy(CPUState *cpu);

/* Make the vCPU leave generated code soon (any thread may call this). */
void cpu_exit(CPUState *cpu);

/*
 * Run the vCPU until an exception or exit request; returns the exception
 * index (target exceptions, or EXCP_*). accel/tcg/cpu-exec.c.
 */
int cpu_exec(CPUState *cpu);

/* Leave generated code or a helper for cpu_exec()'s loop. */
void cpu_loop_exit(CPUState *cpu) __attribute__((noreturn));
/*
 * Same, first restoring the guest pc (and target state) of the insn whose
 * generated code called the helper at host return address retaddr.
 * retaddr 0 means "state is already exact".
 */
void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr)
    __attribute__((noreturn));
/*
 * Restore guest state for a return address inside generated code: the
 * byte at retaddr - 1 belongs to the guest insn's code (for a faulting
 * host pc from a signal, pass pc + 1). With the TCI backend, retaddr is
 * the bytecode position stored in tci_tb_ptr. False if not in a TB.
 */
bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr);

/* Stop every other vCPU outside generated code, run alone, then resume. */
void start_exclusive(void);
void end_exclusive(void);
/* Bracket cpu_exec so exclusive sections know who is running. */
void cpu_exec_start(CPUState *cpu);
void cpu_exec_end(CPUState *cpu);

/* Host return address of the current helper, for cpu_loop_exit_restore. */
#define GETPC() ((uintptr_t)__builtin_return_address(0))

extern __thread CPUState *current_cpu;

#endif
