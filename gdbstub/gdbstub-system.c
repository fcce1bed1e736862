/* SPDX-License-Identifier: MIT */
/*
 * The gdbstub in the system emulator: gdb talks to a chardev served by
 * the main loop; stopping is vm_stop(), resuming vm_start().
 */
#include <string.h>

#include "gdbstub/internal.h"
#include "vemu/accel.h"
#include "vemu/chardev.h"
#include "vemu/debug.h"
#include "vemu/exec.h"
#include "vemu/gdbstub.h"
#include "vemu/main-loop.h"
#include "vemu/memory.h"
#include "vemu/monitor.h"
#include "vemu/target.h"

typedef struct GdbSystem {
    GdbState state;
    Chardev *chr;
    bool connected;
    bool was_running;       /* when gdb connected */
    /* A vCPU's debug stop waiting for the main loop (see below). */
    GMutex lock;
    CPUState *pending_cpu;
    unsigned stop_gen;
} GdbSystem;

static GdbSystem *gdb_sys;

static void sys_send(GdbState *s, const uint8_t *buf, size_t len)
{
    GdbSystem *g = s->opaque;

    chr_write(g->chr, buf, (int)len);
}

/* Page by page through the vCPU's MMU, like a debugger load/store. */
static bool sys_memory_rw(CPUState *cpu, vaddr addr, uint8_t *buf,
                          size_t len, bool write)
{
    bool wrote = false;

    while (len) {
        vaddr page = addr & TARGET_PAGE_MASK;
        size_t n = MIN(len, (size_t)(page + TARGET_PAGE_SIZE - addr));
        hwaddr phys = cpu->target->get_phys_page_debug(cpu, page);

        if (phys == (hwaddr)-1 ||
            address_space_rw(cpu->as, phys + (addr - page), buf, n,
                             write) != MEMTX_OK) {
            break;
        }
        wrote |= write;
        addr += n;
        buf += n;
        len -= n;
    }
    if (wrote) {
        /* Code gdb patched must be translated again. */
        tb_flush(cpu);
    }
    return len == 0;
}

static void sys_resume(GdbState *s)
{
    vm_start();
}

static void sys_interrupt(GdbState *s)
{
    s->running = false;
    vm_stop();
    gdb_report_stop(s, s->c_cpu, 2);
}

static void sys_kill(GdbState *s)
{
    system_shutdown_request(SHUTDOWN_HOST_UI);
    vm_start();
}

static const AccelOps *sys_accel(void)
{
    return current_accel;
}

static const GdbOps sys_ops = {
    .send = sys_send,
    .memory_rw = sys_memory_rw,
    .resume = sys_resume,
    .interrupt = sys_interrupt,
    .kill = sys_kill,
    .watchpoints = true,
    .can_hold = true,
    .monitor_command = hmp_run_command,
    .accel = sys_accel,
};

/*
 * Main loop: a vCPU hit a breakpoint, finished a step or a watchpoint.
 * Stop the machine, then tell gdb.
 */
static gboolean gdb_stop_in_main_loop(gpointer opaque)
{
    GdbSystem *g = opaque;
    CPUState *cpu;

    g_mutex_lock(&g->lock);
    cpu = g->pending_cpu;
    g->pending_cpu = NULL;
    g_mutex_unlock(&g->lock);
    if (cpu && g->connected && g->state.running) {
        g->state.running = false;
        vm_stop();
        gdb_report_stop(&g->state, cpu, 5);
    }
    __atomic_add_fetch(&g->stop_gen, 1, __ATOMIC_SEQ_CST);
    return G_SOURCE_REMOVE;
}

/*
 * vCPU thread, without the BQL. vm_stop() waits for every vCPU to
 * pause, this one included, so it cannot run here: the main loop does
 * it, and this vCPU waits (running no guest code) until asked to pause
 * or until the main loop decided not to stop.
 */
void gdb_cpu_debug_stop(CPUState *cpu)
{
    GdbSystem *g = gdb_sys;
    unsigned gen;

    if (!g) {
        return;
    }
    if (cpu_debug_held(cpu)) {
        /* Not resumed by gdb (vCont named others): wait, run nothing. */
        while (cpu_debug_held(cpu) &&
               !__atomic_load_n(&cpu->stop, __ATOMIC_SEQ_CST)) {
            g_usleep(200);
        }
        return;
    }
    g_mutex_lock(&g->lock);
    gen = __atomic_load_n(&g->stop_gen, __ATOMIC_SEQ_CST);
    if (!g->pending_cpu) {
        g->pending_cpu = cpu;
        g_idle_add(gdb_stop_in_main_loop, g);
    }
    g_mutex_unlock(&g->lock);
    main_loop_wakeup();
    while (!__atomic_load_n(&cpu->stop, __ATOMIC_SEQ_CST) &&
           __atomic_load_n(&g->stop_gen, __ATOMIC_SEQ_CST) == gen) {
        g_usleep(100);
    }
}

static int gdb_chr_can_read(void *opaque)
{
    return GDB_MAX_PACKET;
}

static void gdb_chr_read(void *opaque, const uint8_t *buf, int len)
{
    GdbSystem *g = opaque;

    gdb_input(&g->state, buf, (size_t)len);
}

static void gdb_chr_event(void *opaque, ChrEvent ev)
{
    GdbSystem *g = opaque;

    switch (ev) {
    case CHR_EVENT_OPENED:
        /* Like QEMU: a debugger that connects finds the guest stopped. */
        gdb_state_reset(&g->state);
        g->connected = true;
        g->was_running = runstate_is_running();
        vm_stop();
        break;
    case CHR_EVENT_CLOSED:
        if (!g->connected) {
            break;
        }
        g->connected = false;
        gdb_forget_breakpoints(&g->state);
        /*
         * gdb went away without detaching: a guest that ran when it
         * connected runs on; one started with -S waits for the next.
         */
        if (g->state.attached && (g->was_running || g->state.running)) {
            g->state.running = false;
            vm_start();
        }
        break;
    default:
        break;
    }
}

static void gdb_vm_event(VMEvent ev, void *opaque)
{
    GdbSystem *g = opaque;

    if (!g->connected) {
        return;
    }
    if (ev == VM_EVENT_STOP && g->state.running) {
        /* Stopped by someone else (the monitor): gdb sees an interrupt. */
        gdb_report_stop(&g->state, g->state.c_cpu, 2);
    } else if (ev == VM_EVENT_SHUTDOWN) {
        gdb_send_packet(&g->state, "W00");
    }
}

/* QEMU's -gdb syntax to a chardev spec: a tcp/unix server by default. */
static char *gdb_chardev_spec(const char *spec)
{
    if (g_ascii_isdigit(spec[0])) {
        return g_strdup_printf("tcp::%s,server=on,wait=off", spec);
    }
    if ((g_str_has_prefix(spec, "tcp:") || g_str_has_prefix(spec, "unix:"))
        && !strstr(spec, "server")) {
        return g_strdup_printf("%s,server=on,wait=off", spec);
    }
    if (g_str_has_prefix(spec, "tcp:") || g_str_has_prefix(spec, "unix:")) {
        if (!strstr(spec, "wait")) {
            return g_strdup_printf("%s,wait=off", spec);
        }
    }
    return g_strdup(spec);
}

bool gdbserver_start(const char *spec, GError **errp)
{
    ChrFrontendHandlers h = {
        .can_read = gdb_chr_can_read,
        .read = gdb_chr_read,
        .event = gdb_chr_event,
    };
    char *cspec;
    Chardev *chr;
    GdbSystem *g;

    if (gdb_sys) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "-gdb %s: a gdbserver is already running", spec);
        return false;
    }
    if (!first_cpu) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "-gdb %s: no vCPU to debug", spec);
        return false;
    }
    cspec = gdb_chardev_spec(spec);
    chr = chardev_new_from_legacy(cspec, "gdb", errp);
    g_free(cspec);
    if (!chr) {
        return false;
    }
    g = g_new0(GdbSystem, 1);
    g_mutex_init(&g->lock);
    g->chr = chr;
    gdb_state_init(&g->state, &sys_ops, g);
    h.opaque = g;
    gdb_sys = g;
    vm_event_add_notifier(gdb_vm_event, g);
    chr_add_frontend(chr, &h);
    return true;
}
