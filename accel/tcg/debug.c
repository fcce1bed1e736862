/* SPDX-License-Identifier: MIT */
/* Breakpoints, watchpoints and single step for the debugger (gdbstub). */
#include <pthread.h>

#include <glib.h>

#include "accel/tcg/internal.h"
#include "vemu/debug.h"
#include "vemu/softmmu.h"
#include "vemu/target.h"

typedef struct Watchpoint {
    vaddr addr;
    vaddr len;
    int flags;
} Watchpoint;

/*
 * Breakpoints and watchpoints are global: gdb's Z packets name no
 * thread, and guest threads created later (user mode) must see them.
 * The per-vCPU part hangs off CPUState.debug.
 */
typedef struct CPUDebug {
    bool sstep;            /* gdb stepping */
    bool wp_stepping;      /* finishing the insn that hit a watchpoint */
    bool wp_hit;
    vaddr wp_hit_addr;
    int wp_hit_flags;
    bool step_done;        /* a stepped insn left through an exception */
    bool held;             /* gdb resumed other vCPUs only (vCont) */
} CPUDebug;

static GArray *debug_bps;      /* vaddr */
static GArray *debug_wps;      /* Watchpoint */
static unsigned debug_nb_bps, debug_nb_wps;   /* read without the lock */

/* Guards the lists: the stub edits them, translators read them. */
static pthread_mutex_t debug_lock = PTHREAD_MUTEX_INITIALIZER;

/* With debug_lock held. */
static CPUDebug *cpu_debug(CPUState *cpu)
{
    if (!debug_bps) {
        debug_bps = g_array_new(false, false, sizeof(vaddr));
        debug_wps = g_array_new(false, false, sizeof(Watchpoint));
    }
    if (!cpu->debug) {
        cpu->debug = g_new0(CPUDebug, 1);
    }
    return cpu->debug;
}

/*
 * Translated code of the old breakpoint set must go. Callers run with
 * the vCPUs stopped (system) or from the only running guest thread.
 */
static __thread bool debug_exclusive;

void cpu_debug_exclusive_held(bool held)
{
    debug_exclusive = held;
}

static void debug_code_changed(CPUState *cpu)
{
    if (debug_exclusive) {
        /* Already alone (user-mode gdbstub): flush without waiting. */
        tb_lock();
        tb_flush_locked();
        tb_unlock();
    } else {
        tb_flush(cpu);
    }
}

int cpu_breakpoint_insert(CPUState *cpu, vaddr pc)
{
    pthread_mutex_lock(&debug_lock);
    cpu_debug(cpu);
    for (guint i = 0; i < debug_bps->len; i++) {
        if (g_array_index(debug_bps, vaddr, i) == pc) {
            pthread_mutex_unlock(&debug_lock);
            return 0;
        }
    }
    g_array_append_val(debug_bps, pc);
    __atomic_store_n(&debug_nb_bps, debug_bps->len, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&debug_lock);
    debug_code_changed(cpu);
    return 0;
}

int cpu_breakpoint_remove(CPUState *cpu, vaddr pc)
{
    pthread_mutex_lock(&debug_lock);
    cpu_debug(cpu);
    for (guint i = 0; i < debug_bps->len; i++) {
        if (g_array_index(debug_bps, vaddr, i) == pc) {
            g_array_remove_index_fast(debug_bps, i);
            __atomic_store_n(&debug_nb_bps, debug_bps->len,
                             __ATOMIC_SEQ_CST);
            pthread_mutex_unlock(&debug_lock);
            debug_code_changed(cpu);
            return 0;
        }
    }
    pthread_mutex_unlock(&debug_lock);
    return -1;
}

void cpu_breakpoint_remove_all(CPUState *cpu)
{
    bool had;

    pthread_mutex_lock(&debug_lock);
    had = debug_bps && debug_bps->len;
    if (had) {
        g_array_set_size(debug_bps, 0);
        __atomic_store_n(&debug_nb_bps, 0, __ATOMIC_SEQ_CST);
    }
    pthread_mutex_unlock(&debug_lock);
    if (had) {
        debug_code_changed(cpu);
    }
}

bool cpu_breakpoint_test(CPUState *cpu, vaddr pc)
{
    bool hit = false;

    if (!__atomic_load_n(&debug_nb_bps, __ATOMIC_RELAXED)) {
        return false;
    }
    pthread_mutex_lock(&debug_lock);
    for (guint i = 0; i < debug_bps->len; i++) {
        if (g_array_index(debug_bps, vaddr, i) == pc) {
            hit = true;
            break;
        }
    }
    pthread_mutex_unlock(&debug_lock);
    return hit;
}

void helper_debug_breakpoint(void *env, uint64_t pc)
{
    CPUState *cpu = env;

    cpu->target->set_pc(cpu, pc);
    cpu->exception_index = EXCP_DEBUG;
    cpu_loop_exit(cpu);
}

/* ---- watchpoints ---- */

/* Every vCPU's TLB: watched pages must map with TLB_WATCHPOINT. */
static void debug_tlb_changed(CPUState *cpu)
{
    if (softmmu_enabled) {
        for (CPUState *c = first_cpu; c; c = c->next) {
            tlb_flush(c);
        }
    }
}

int cpu_watchpoint_insert(CPUState *cpu, vaddr addr, vaddr len, int flags)
{
    Watchpoint wp = { addr, len ? len : 1, flags };

    if (addr + wp.len - 1 < addr || !(flags & BP_MEM_ACCESS)) {
        return -1;
    }
    pthread_mutex_lock(&debug_lock);
    cpu_debug(cpu);
    g_array_append_val(debug_wps, wp);
    __atomic_store_n(&debug_nb_wps, debug_wps->len, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&debug_lock);
    debug_tlb_changed(cpu);
    return 0;
}

int cpu_watchpoint_remove(CPUState *cpu, vaddr addr, vaddr len, int flags)
{
    len = len ? len : 1;
    pthread_mutex_lock(&debug_lock);
    cpu_debug(cpu);
    for (guint i = 0; i < debug_wps->len; i++) {
        Watchpoint *wp = &g_array_index(debug_wps, Watchpoint, i);

        if (wp->addr == addr && wp->len == len && wp->flags == flags) {
            g_array_remove_index(debug_wps, i);
            __atomic_store_n(&debug_nb_wps, debug_wps->len,
                             __ATOMIC_SEQ_CST);
            pthread_mutex_unlock(&debug_lock);
            debug_tlb_changed(cpu);
            return 0;
        }
    }
    pthread_mutex_unlock(&debug_lock);
    return -1;
}

void cpu_watchpoint_remove_all(CPUState *cpu)
{
    pthread_mutex_lock(&debug_lock);
    if (debug_wps) {
        g_array_set_size(debug_wps, 0);
        __atomic_store_n(&debug_nb_wps, 0, __ATOMIC_SEQ_CST);
    }
    pthread_mutex_unlock(&debug_lock);
    debug_tlb_changed(cpu);
}

static bool ranges_overlap(vaddr a, vaddr alen, vaddr b, vaddr blen)
{
    return a <= b + (blen - 1) && b <= a + (alen - 1);
}

bool cpu_watchpoint_on_page(CPUState *cpu, vaddr page, vaddr page_size)
{
    bool hit = false;

    if (!__atomic_load_n(&debug_nb_wps, __ATOMIC_RELAXED)) {
        return false;
    }
    pthread_mutex_lock(&debug_lock);
    for (guint i = 0; i < debug_wps->len; i++) {
        Watchpoint *wp = &g_array_index(debug_wps, Watchpoint, i);

        if (ranges_overlap(wp->addr, wp->len, page, page_size)) {
            hit = true;
            break;
        }
    }
    pthread_mutex_unlock(&debug_lock);
    return hit;
}

void cpu_check_watchpoint(CPUState *cpu, vaddr addr, vaddr len, int flags,
                          uintptr_t ra)
{
    CPUDebug *d;
    bool hit = false;

    if (!__atomic_load_n(&debug_nb_wps, __ATOMIC_RELAXED) ||
        (cpu->debug && cpu->debug->wp_stepping)) {
        return;     /* re-running the insn that hit: let it finish */
    }
    pthread_mutex_lock(&debug_lock);
    d = cpu_debug(cpu);
    for (guint i = 0; i < debug_wps->len; i++) {
        Watchpoint *wp = &g_array_index(debug_wps, Watchpoint, i);

        if ((wp->flags & flags) &&
            ranges_overlap(wp->addr, wp->len, addr, len ? len : 1)) {
            hit = true;
            d->wp_hit_addr = wp->addr;
            d->wp_hit_flags = flags;
            break;
        }
    }
    pthread_mutex_unlock(&debug_lock);
    if (!hit) {
        return;
    }
    /*
     * gdb expects to see the new value: run the insn again, alone, with
     * checks off, and stop after it (cpu_debug_after_insn).
     */
    d->wp_hit = true;
    d->wp_stepping = true;
    if (ra) {
        cpu_restore_state(cpu, ra);
    }
    cpu->cflags_next_tb = 1 | CF_NO_GOTO_TB | CF_NO_GOTO_PTR | CF_NOCACHE;
    cpu_loop_exit(cpu);
}

bool cpu_watchpoint_hit(CPUState *cpu, vaddr *addr, int *flags)
{
    CPUDebug *d = cpu->debug;

    if (!d || !d->wp_hit) {
        return false;
    }
    d->wp_hit = false;
    *addr = d->wp_hit_addr;
    *flags = d->wp_hit_flags;
    return true;
}

/* ---- single step ---- */

void cpu_single_step(CPUState *cpu, bool enable)
{
    pthread_mutex_lock(&debug_lock);
    cpu_debug(cpu)->sstep = enable;
    pthread_mutex_unlock(&debug_lock);
}

bool cpu_debug_after_insn(CPUState *cpu)
{
    CPUDebug *d = cpu->debug;

    if (d->wp_stepping) {
        d->wp_stepping = false;
        return true;
    }
    return d->sstep;
}

void cpu_debug_hold(CPUState *cpu, bool hold)
{
    pthread_mutex_lock(&debug_lock);
    __atomic_store_n(&cpu_debug(cpu)->held, hold, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&debug_lock);
}

bool cpu_debug_held(CPUState *cpu)
{
    return cpu->debug &&
           __atomic_load_n(&cpu->debug->held, __ATOMIC_SEQ_CST);
}

void cpu_debug_exception_exit(CPUState *cpu)
{
    CPUDebug *d = cpu->debug;

    d->step_done = d->sstep;
}

bool cpu_debug_step_done(CPUState *cpu)
{
    CPUDebug *d = cpu->debug;
    bool done = d->step_done;

    d->step_done = false;
    return done && d->sstep;
}

uint32_t cpu_debug_cflags(CPUState *cpu)
{
    CPUDebug *d = cpu->debug;

    if (d->sstep) {
        return 1 | CF_NO_GOTO_TB | CF_NO_GOTO_PTR;
    }
    return (uint32_t)-1;
}
