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

/* Hung off CPUState.debug the first time the debugger touches a vCPU. */
typedef struct CPUDebug {
    GArray *bps;           /* vaddr */
    GArray *wps;           /* Watchpoint */
    bool sstep;            /* gdb stepping */
    bool wp_stepping;      /* finishing the insn that hit a watchpoint */
    bool step_done;        /* a stepped insn left through an exception */
    bool held;             /* gdb resumed other vCPUs only (vCont) */
    bool wp_hit;
    vaddr wp_hit_addr;
    int wp_hit_flags;
} CPUDebug;

/* Guards the lists: the stub edits them, translators read them. */
static pthread_mutex_t debug_lock = PTHREAD_MUTEX_INITIALIZER;

static CPUDebug *cpu_debug(CPUState *cpu)
{
    if (!cpu->debug) {
        CPUDebug *d = g_new0(CPUDebug, 1);

        d->bps = g_array_new(false, false, sizeof(vaddr));
        d->wps = g_array_new(false, false, sizeof(Watchpoint));
        cpu->debug = d;
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
    CPUDebug *d;

    pthread_mutex_lock(&debug_lock);
    d = cpu_debug(cpu);
    for (guint i = 0; i < d->bps->len; i++) {
        if (g_array_index(d->bps, vaddr, i) == pc) {
            pthread_mutex_unlock(&debug_lock);
            return 0;
        }
    }
    g_array_append_val(d->bps, pc);
    pthread_mutex_unlock(&debug_lock);
    debug_code_changed(cpu);
    return 0;
}

int cpu_breakpoint_remove(CPUState *cpu, vaddr pc)
{
    CPUDebug *d;

    pthread_mutex_lock(&debug_lock);
    d = cpu_debug(cpu);
    for (guint i = 0; i < d->bps->len; i++) {
        if (g_array_index(d->bps, vaddr, i) == pc) {
            g_array_remove_index_fast(d->bps, i);
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
    had = cpu->debug && ((CPUDebug *)cpu->debug)->bps->len;
    if (had) {
        g_array_set_size(((CPUDebug *)cpu->debug)->bps, 0);
    }
    pthread_mutex_unlock(&debug_lock);
    if (had) {
        debug_code_changed(cpu);
    }
}

bool cpu_breakpoint_test(CPUState *cpu, vaddr pc)
{
    CPUDebug *d = cpu->debug;
    bool hit = false;

    if (!d || !__atomic_load_n(&d->bps->len, __ATOMIC_RELAXED)) {
        return false;
    }
    pthread_mutex_lock(&debug_lock);
    for (guint i = 0; i < d->bps->len; i++) {
        if (g_array_index(d->bps, vaddr, i) == pc) {
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

static void debug_tlb_changed(CPUState *cpu)
{
    if (softmmu_enabled) {
        tlb_flush(cpu);
    }
}

int cpu_watchpoint_insert(CPUState *cpu, vaddr addr, vaddr len, int flags)
{
    Watchpoint wp = { addr, len ? len : 1, flags };

    if (addr + wp.len - 1 < addr || !(flags & BP_MEM_ACCESS)) {
        return -1;
    }
    pthread_mutex_lock(&debug_lock);
    g_array_append_val(cpu_debug(cpu)->wps, wp);
    pthread_mutex_unlock(&debug_lock);
    debug_tlb_changed(cpu);
    return 0;
}

int cpu_watchpoint_remove(CPUState *cpu, vaddr addr, vaddr len, int flags)
{
    CPUDebug *d;

    len = len ? len : 1;
    pthread_mutex_lock(&debug_lock);
    d = cpu_debug(cpu);
    for (guint i = 0; i < d->wps->len; i++) {
        Watchpoint *wp = &g_array_index(d->wps, Watchpoint, i);

        if (wp->addr == addr && wp->len == len && wp->flags == flags) {
            g_array_remove_index(d->wps, i);
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
    if (cpu->debug) {
        g_array_set_size(((CPUDebug *)cpu->debug)->wps, 0);
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
    CPUDebug *d = cpu->debug;
    bool hit = false;

    if (!d || !d->wps->len) {
        return false;
    }
    pthread_mutex_lock(&debug_lock);
    for (guint i = 0; i < d->wps->len; i++) {
        Watchpoint *wp = &g_array_index(d->wps, Watchpoint, i);

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
    CPUDebug *d = cpu->debug;
    bool hit = false;

    if (!d || d->wp_stepping) {
        return;     /* re-running the insn that hit: let it finish */
    }
    pthread_mutex_lock(&debug_lock);
    for (guint i = 0; i < d->wps->len; i++) {
        Watchpoint *wp = &g_array_index(d->wps, Watchpoint, i);

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
