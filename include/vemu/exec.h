/* SPDX-License-Identifier: MIT */
/*
 * Translation blocks and the services accel/tcg offers to targets,
 * helpers and the user-mode runtime.
 */
#ifndef VEMU_EXEC_H
#define VEMU_EXEC_H

#include <stdbool.h>
#include <stdint.h>

#include "vemu/cpu.h"
#include "vemu/memop.h"

/* Compile flags in TranslationBlock.cflags. */
enum {
    CF_COUNT_MASK = 0x1ff,   /* max insns in the TB (0 = default) */
    CF_NO_GOTO_TB = 0x200,   /* do not chain (single step, exclusive) */
    CF_NO_GOTO_PTR = 0x400,
    CF_SINGLE_STEP = 0x800,
    CF_PARALLEL = 0x1000,    /* other vCPUs run concurrently */
    CF_NOCACHE = 0x2000,     /* one-shot TB: not cached, pages untouched */
};

/* Exit values of exit_tb: (uintptr_t)tb | TB_EXIT_*, or 0. */
enum {
    TB_EXIT_IDX0 = 0,        /* left through goto_tb slot 0: chain it */
    TB_EXIT_IDX1 = 1,
    TB_EXIT_REQUESTED = 3,   /* exit_request was seen at TB entry */
    TB_EXIT_MASK = 3,
};

typedef struct TranslationBlock {
    vaddr pc;                 /* guest pc of the first insn */
    uint64_t phys_pc;         /* system mode: ram_addr of pc; else -1 */
    uint64_t flags;           /* target cpu flags the code depends on */
    uint32_t cflags;
    uint32_t size;            /* guest bytes covered */
    uint16_t icount;          /* guest insns */

    const void *tc_ptr;       /* generated code (host code or TCI bytecode) */
    uint32_t tc_size;

    /* goto_tb slots: offsets in the code, filled by the backend. */
    uint16_t jmp_reset_offset[2];  /* where slot n falls through to */
    uint16_t jmp_insn_offset[2];   /* the patchable jump of slot n */
    uintptr_t jmp_target_addr[2];  /* TCI: slot n's current target */

    /* Chaining: dest[n] is the TB slot n jumps to; incoming jumps are a
     * list threaded through jmp_list_next (tagged with the slot). */
    struct TranslationBlock *jmp_dest[2];
    uintptr_t jmp_list_head;
    uintptr_t jmp_list_next[2];

    /* Guest pages holding the code (second is -1 if on one page); in
     * system mode these are ram_addr pages. */
    vaddr page_addr[2];
    struct TranslationBlock *page_next[2]; /* per-page TB lists */

    bool invalid;             /* removed from the hash; never re-entered */
    /* The next TB in its hash bucket (tb-maint.c; read without a lock). */
    struct TranslationBlock *hash_next;

    /* insn_start data and host end offsets, for state restore. */
    uint64_t (*insn_data)[2];
    uint32_t *insn_end_off;

    /*
     * Backend data for host faults in the TB's guest accesses (globals
     * still in host registers there), read by TCGBackend.restore_fault_regs;
     * NULL when there is none. Copied from TCGContext.fault_data.
     */
    uint32_t *fault_data;
    uint32_t nb_fault_data;
} TranslationBlock;

/* Largest guest page size the TB page tracking deals with. */
#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1ull << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(TARGET_PAGE_SIZE - 1))

/* Choose the TCG backend ("native" or "interp") before the first TB. */
bool tcg_exec_init(const char *backend_name, size_t code_buffer_size,
                   char **errmsg);
const char *tcg_backend_name(void);

/* Find or translate the TB for (pc, flags) (accel/tcg/translate-all.c). */
TranslationBlock *tb_lookup(CPUState *cpu, vaddr pc, uint64_t flags,
                            uint32_t cflags);

/*
 * Invalidate every TB with code in guest [start, end) (user mode: guest
 * virtual addresses). Safe to call from any thread.
 */
void tb_invalidate_range(vaddr start, vaddr end);
/*
 * Self-modifying code: a guest store at host pc `host_pc` (a signal pc,
 * or tci_tb_ptr) hit a code page whose TBs were just invalidated. If the
 * running TB itself had code on `page`, the rest of it may be stale:
 * restore the guest state to the store and leave for cpu_exec, which
 * reruns the store alone in a one-shot TB. Returns if nothing is stale.
 */
void tb_exit_if_running_on_page(CPUState *cpu, vaddr page, uintptr_t host_pc);
/*
 * System mode: a store wrote ram bytes [start, end) of code page `page`:
 * drop the TBs whose code it overlaps (*dropped: any); true if TBs
 * remain on the page (it stays write-protected).
 */
bool tb_invalidate_written(uint64_t page, uint64_t start, uint64_t end,
                           bool *dropped);
/* If the TB running at host_pc was just invalidated, finish the store's
 * insn alone (cpu_loop_exit); else return. */
void tb_exit_if_running_invalid(CPUState *cpu, uintptr_t host_pc);
void tb_flush(CPUState *cpu);

/* Code buffer use since start (HMP "info jit"); racy reads are fine. */
typedef struct TcgJitStats {
    size_t code_used, code_size;
    uint64_t tbs_generated, flushes;
} TcgJitStats;
void tcg_jit_stats(TcgJitStats *st);

/* The TB (and so target) whose generated code contains host pc, or NULL. */
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc);

/* Helper used by tcg_gen_lookup_and_goto_ptr(). */
const void *helper_lookup_tb_ptr(void *env);

/*
 * Guest code fetch during translation (user mode: checks PAGE_EXEC and
 * write-protects the page so later writes invalidate the TB). Returns
 * false if the bytes are not executable.
 */
bool translator_fetch(CPUState *cpu, vaddr pc, void *dest, unsigned size);

/*
 * User-mode page tracking hooks, implemented by linux-user. A translated
 * page gets write-protected; a write fault on it calls
 * tb_invalidate_range() and unprotects.
 */
void page_protect_for_code(vaddr page);
bool page_check_exec(vaddr addr, unsigned size);

/*
 * User mode: host pointer for a helper's guest access of size bytes at
 * addr (access: 0 load, 1 store); raises the guest fault through
 * target->record_sigsegv() with ra if the page is not accessible. A store
 * to a page holding translated code invalidates those TBs first.
 * Implemented by linux-user/user-exec.c.
 */
void *user_probe_access(CPUState *cpu, vaddr addr, unsigned size,
                        int access, uintptr_t ra);

/*
 * The host ucontext_t of the SIGSEGV/SIGBUS being handled, set by the
 * user-mode fault handler around the calls that may restore the guest
 * state from it; cpu_restore_state() consumes (and clears) it.
 */
extern __thread const void *tcg_fault_ucontext;

/* TCI: the bytecode position of the current helper call or memory op. */
extern __thread uintptr_t tci_tb_ptr;

#endif
