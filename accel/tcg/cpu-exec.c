/* SPDX-License-Identifier: MIT */
/*
 * The execution loop: find or translate the TB for the current state, run
 * it, chain it to its successor, and return to the caller on exceptions
 * and exit requests.
 */
#include <inttypes.h>
#include <string.h>

#include "accel/tcg/internal.h"
#include "vemu/accel.h"
#include "vemu/debug.h"
#include "vemu/log.h"
#include "vemu/softmmu.h"
#include "vemu/target.h"
#include "vemu/tcg.h"

static inline bool tb_matches(const TranslationBlock *tb, vaddr pc,
                              uint64_t flags, uint32_t cflags)
{
    return tb && tb->pc == pc && tb->flags == flags && tb->cflags == cflags &&
           !__atomic_load_n(&tb->invalid, __ATOMIC_ACQUIRE);
}

/*
 * Find a TB without translating: jump cache, then the hash table. In
 * system mode a jump cache entry from before the last TLB flush is used
 * once its pages still map as they did; the hash table is keyed on the
 * physical pc too, which may raise the fetch fault (probe: return NULL
 * instead, as for code outside RAM).
 */
static TranslationBlock *tb_find_existing(CPUState *cpu, vaddr pc,
                                          uint64_t flags, uint32_t cflags,
                                          uint64_t *phys_pc, bool probe)
{
    TBJmpCacheEntry *e = &cpu->tb_jmp_cache[tb_jmp_cache_hash(pc)];
    TranslationBlock *tb = __atomic_load_n(&e->tb, __ATOMIC_ACQUIRE);
    uint64_t tag = tb_jmp_cache_tag(cpu, pc);

    *phys_pc = (uint64_t)-1;
    if (tb_matches(tb, pc, flags, cflags)) {
        if (e->tag == tag) {
            return tb;
        }
        /* Only system mode bumps the epoch; user mode has no TLB. */
        if (softmmu_enabled && tb_code_mapped(cpu, tb)) {
            e->tag = tag;
            return tb;
        }
    }
    if (softmmu_enabled) {
        *phys_pc = probe ? get_page_addr_code_probe(cpu, pc)
                         : get_page_addr_code(cpu, pc, NULL);
        if (probe && *phys_pc == (uint64_t)-1) {
            return NULL;        /* the main loop raises the fault */
        }
    }
    tb = tb_htable_lookup(cpu, pc, *phys_pc, flags, cflags);
    if (tb_matches(tb, pc, flags, cflags)) {
        tb_jmp_cache_set(cpu, pc, tb);
        return tb;
    }
    return NULL;
}

TranslationBlock *tb_lookup(CPUState *cpu, vaddr pc, uint64_t flags,
                            uint32_t cflags)
{
    uint64_t phys_pc;
    TranslationBlock *tb = tb_find_existing(cpu, pc, flags, cflags, &phys_pc,
                                            false);

    if (!tb) {
        if (softmmu_enabled && phys_pc == (uint64_t)-1) {
            /* Code outside RAM: one insn at a time, never cached. */
            cflags = (cflags & ~CF_COUNT_MASK) | 1 | CF_NOCACHE;
        }
        tb = tb_gen_code(cpu, pc, phys_pc, flags, cflags);
        if (!(cflags & CF_NOCACHE)) {
            tb_jmp_cache_set(cpu, pc, tb);
        }
    }
    return tb;
}

const void *helper_lookup_tb_ptr(void *env)
{
    CPUState *cpu = env;
    TranslationBlock *tb;
    vaddr pc;
    uint64_t flags, phys_pc;
    uint32_t cflags = tb_default_cflags();

    if ((cflags & CF_NO_GOTO_PTR) || cpu->cflags_next_tb != (uint32_t)-1) {
        return tcg_code_gen_epilogue;
    }
    cpu->target->get_tb_cpu_state(cpu, &pc, &flags);
    tb = tb_find_existing(cpu, pc, flags, cflags, &phys_pc, true);
    return tb ? tb->tc_ptr : tcg_code_gen_epilogue;
}

void cpu_loop_exit(CPUState *cpu)
{
    siglongjmp(cpu->jmp_env, 1);
}

void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr)
{
    if (retaddr) {
        cpu_restore_state(cpu, retaddr);
    }
    cpu_loop_exit(cpu);
}

static void log_exec(CPUState *cpu, TranslationBlock *tb)
{
    if (vemu_log_enabled(LOG_EXEC)) {
        vemu_log("Trace %d: %p [%016" PRIx64 "/%016" PRIx64 "]\n",
                 cpu->cpu_index, tb->tc_ptr, tb->pc, tb->flags);
    }
    if (vemu_log_enabled(LOG_CPU)) {
        vemu_log_lock();
        cpu->target->dump_state(cpu, vemu_logfile ? vemu_logfile : stderr,
                                CPU_DUMP_FPU);
        vemu_log_unlock();
    }
}

/*
 * System mode: take a pending interrupt if the target lets it in now.
 * True if the guest state changed (the next TB must not be chained to).
 */
static bool cpu_handle_interrupt(CPUState *cpu)
{
    uint32_t req = __atomic_load_n(&cpu->interrupt_request,
                                   __ATOMIC_ACQUIRE);

    if (!req) {
        return false;
    }
    if (req & CPU_INTERRUPT_EXITTB) {
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_EXITTB);
        if (cpu->tlb_flush_pending) {
            tlb_flush(cpu);
        }
        req &= ~CPU_INTERRUPT_EXITTB;
        if (!req) {
            return true;
        }
    }
    return cpu->target->cpu_exec_interrupt &&
           cpu->target->cpu_exec_interrupt(cpu, (int)req);
}

/* Run TBs until something needs the caller's attention. */
static void cpu_exec_tbs(CPUState *cpu)
{
    const TCGBackend *be = tcg_ctx_backend();
    const TargetInfo *target = cpu->target;
    TranslationBlock *last_tb = NULL;
    int tb_exit = 0;
    bool logging = vemu_log_enabled(LOG_EXEC | LOG_CPU);

    while (!__atomic_load_n(&cpu->exit_request, __ATOMIC_RELAXED) &&
           cpu->exception_index < 0) {
        vaddr pc;
        uint64_t flags;
        uint32_t cflags = cpu->cflags_next_tb;
        TranslationBlock *tb;
        uintptr_t ret;

        /* Like QEMU, gdb's single step does not enter interrupts. */
        if (softmmu_enabled && cpu->interrupt_request &&
            !(cpu->debug && cpu_debug_cflags(cpu) != (uint32_t)-1) &&
            cpu_handle_interrupt(cpu)) {
            last_tb = NULL;
            if (cpu->exception_index >= 0) {
                break;
            }
        }
        if (cflags == (uint32_t)-1) {
            cflags = tb_default_cflags();
            if (cpu->debug && cpu_debug_cflags(cpu) != (uint32_t)-1) {
                cflags = cpu_debug_cflags(cpu);
            }
        } else {
            cpu->cflags_next_tb = (uint32_t)-1;
        }
        target->get_tb_cpu_state(cpu, &pc, &flags);
        tb = tb_lookup(cpu, pc, flags, cflags);
        if (last_tb && !(last_tb->cflags & CF_NO_GOTO_TB)) {
            tb_add_jump(last_tb, tb_exit, tb);
        }
        if (logging) {
            log_exec(cpu, tb);
        }
        ret = be->enter(cpu, tb->tc_ptr);
        last_tb = (TranslationBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK);
        tb_exit = ret & TB_EXIT_MASK;
        if (tb_exit == TB_EXIT_REQUESTED) {
            /* Nothing of last_tb ran: its pc is the state to resume. */
            target->set_pc(cpu, last_tb->pc);
            last_tb = NULL;
        } else if (cpu->debug && cpu_debug_after_insn(cpu)) {
            /* gdb single step, or a watchpoint's insn finished. */
            cpu->exception_index = EXCP_DEBUG;
            break;
        }
        if (last_tb && (last_tb->cflags & CF_NOCACHE)) {
            last_tb = NULL;
        }
    }
}

int cpu_exec(CPUState *arg)
{
    CPUState *cpu;

    current_cpu = arg;
    /* cpu_loop_exit() lands here, from helpers or signal handlers. */
    if (sigsetjmp(arg->jmp_env, 0) != 0) {
        /* A fault that left without a state restore: forget its context. */
        tcg_fault_ucontext = NULL;
        tb_gen_code_abandoned();
    }
    /* Locals do not survive the longjmp: take the vCPU afresh. */
    cpu = current_cpu;
    if (cpu->debug && (cpu_debug_step_done(cpu) || cpu_debug_held(cpu))) {
        return EXCP_DEBUG;
    }
    for (;;) {
        if (cpu->exception_index >= 0) {
            int excp = cpu->exception_index;

            cpu->exception_index = -1;
            if (softmmu_enabled && excp < EXCP_INTERRUPT) {
                /* A guest trap: enter its handler and go on. */
                cpu->exception_index = excp;
                cpu->target->do_interrupt(cpu);
                cpu->exception_index = -1;
                if (cpu->debug && cpu_debug_after_insn(cpu)) {
                    /* Stepping into a trap stops at its handler. */
                    return EXCP_DEBUG;
                }
                continue;
            }
            if (cpu->debug && excp < EXCP_INTERRUPT) {
                cpu_debug_exception_exit(cpu);
            }
            return excp;
        }
        if (__atomic_load_n(&cpu->exit_request, __ATOMIC_ACQUIRE)) {
            __atomic_store_n(&cpu->exit_request, 0, __ATOMIC_RELEASE);
            return EXCP_INTERRUPT;
        }
        cpu_exec_tbs(cpu);
    }
}
