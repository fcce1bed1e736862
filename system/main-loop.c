/* SPDX-License-Identifier: MIT */
/* The main loop on glib's default context; run state; shutdown/reset. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>

#include <glib-unix.h>

#include "vemu/cpus.h"
#include "vemu/device.h"
#include "vemu/main-loop.h"
#include "vemu/timer.h"

bool no_reboot;

/* Pending requests (any thread); SHUTDOWN_NONE when there is none. */
static int shutdown_requested;
static int reset_requested;
static int shutdown_status;

static bool vm_running;
static ShutdownCause event_cause;   /* of the RESET/SHUTDOWN notified */

typedef struct VMNotifier {
    void (*fn)(VMEvent ev, void *opaque);
    void *opaque;
} VMNotifier;
static GArray *vm_notifiers;

static bool signals_installed;

/* ---- requests --------------------------------------------------------- */

void main_loop_wakeup(void)
{
    /* The context's own wakeup fd is among the polled ones. */
    g_main_context_wakeup(g_main_context_default());
}

void system_shutdown_request_status(ShutdownCause cause, int status)
{
    __atomic_store_n(&shutdown_status, status, __ATOMIC_SEQ_CST);
    __atomic_store_n(&shutdown_requested, cause ? cause : SHUTDOWN_HOST_UI,
                     __ATOMIC_SEQ_CST);
    main_loop_wakeup();
}

void system_shutdown_request(ShutdownCause cause)
{
    system_shutdown_request_status(cause, 0);
}

void system_reset_request(ShutdownCause cause)
{
    /* -no-reboot: every reset but the monitor's ends the run instead. */
    if (no_reboot && cause != SHUTDOWN_SUBSYSTEM_RESET) {
        system_shutdown_request(cause);
        return;
    }
    __atomic_store_n(&reset_requested, cause ? cause : SHUTDOWN_GUEST_RESET,
                     __ATOMIC_SEQ_CST);
    main_loop_wakeup();
}

static bool requests_pending(void)
{
    return __atomic_load_n(&shutdown_requested, __ATOMIC_SEQ_CST) ||
           __atomic_load_n(&reset_requested, __ATOMIC_SEQ_CST);
}

/* ---- run state -------------------------------------------------------- */

void vm_event_add_notifier(void (*fn)(VMEvent ev, void *opaque),
                           void *opaque)
{
    VMNotifier n = { fn, opaque };

    if (!vm_notifiers) {
        vm_notifiers = g_array_new(FALSE, FALSE, sizeof(VMNotifier));
    }
    g_array_append_val(vm_notifiers, n);
}

static void vm_event_notify(VMEvent ev)
{
    for (guint i = 0; vm_notifiers && i < vm_notifiers->len; i++) {
        VMNotifier *n = &g_array_index(vm_notifiers, VMNotifier, i);

        n->fn(ev, n->opaque);
    }
}

ShutdownCause vm_event_cause(void)
{
    return event_cause;
}

void system_powerdown_request(void)
{
    vm_event_notify(VM_EVENT_POWERDOWN);
    system_shutdown_request(SHUTDOWN_GUEST_SHUTDOWN);
}

bool runstate_is_running(void)
{
    return vm_running;
}

void vm_start(void)
{
    if (vm_running) {
        return;
    }
    vm_running = true;
    clock_virtual_start();
    cpus_resume_all();
    vm_event_notify(VM_EVENT_RESUME);
}

void vm_stop(void)
{
    /* Also before the first start (-S): freeze guest time from now on. */
    clock_virtual_stop();
    if (!vm_running) {
        return;
    }
    cpus_pause_all();
    vm_running = false;
    vm_event_notify(VM_EVENT_STOP);
}

static void do_system_reset(void)
{
    cpus_pause_all();
    reset_run_all();
    devices_reset_all();
    cpus_reset_all();
    vm_event_notify(VM_EVENT_RESET);
    if (vm_running) {
        cpus_resume_all();
    }
}

/* ---- signals ---------------------------------------------------------- */

static gboolean on_signal(gpointer signum)
{
    /* As QEMU does, say why the run ends. */
    fprintf(stderr, "vemu: terminating on signal %d\n",
            GPOINTER_TO_INT(signum));
    system_shutdown_request(SHUTDOWN_HOST_SIGNAL);
    return G_SOURCE_CONTINUE;
}

static void install_signals(void)
{
    if (signals_installed) {
        return;
    }
    signals_installed = true;
    g_unix_signal_add(SIGINT, on_signal, GINT_TO_POINTER(SIGINT));
    g_unix_signal_add(SIGTERM, on_signal, GINT_TO_POINTER(SIGTERM));
    g_unix_signal_add(SIGHUP, on_signal, GINT_TO_POINTER(SIGHUP));
}

/* ---- the loop --------------------------------------------------------- */

static void on_timer_armed(void)
{
    main_loop_wakeup();
}

/*
 * One iteration: run due timers, then let glib prepare its sources and
 * give us their fds and timeout, poll (the only place the BQL is
 * released) until the earlier of glib's timeout and the next timer
 * deadline, then dispatch what became ready.
 */
static void main_loop_iteration(GMainContext *ctx, GArray *fds)
{
    gint max_prio, timeout_ms, n;
    int64_t deadline, wait_ns = -1;
    struct timespec ts;
    unsigned depth;

    deadline = timers_run_expired();
    g_main_context_prepare(ctx, &max_prio);
    for (;;) {
        n = g_main_context_query(ctx, max_prio, &timeout_ms,
                                 (GPollFD *)fds->data, fds->len);
        if ((guint)n <= fds->len) {
            break;
        }
        g_array_set_size(fds, n);
    }
    if (timeout_ms >= 0) {
        wait_ns = (int64_t)timeout_ms * 1000000;
    }
    if (deadline >= 0 && (wait_ns < 0 || deadline < wait_ns)) {
        wait_ns = deadline;
    }
    if (requests_pending()) {
        wait_ns = 0;
    }
    ts.tv_sec = wait_ns / NANOSECONDS_PER_SECOND;
    ts.tv_nsec = wait_ns % NANOSECONDS_PER_SECOND;

    depth = bql_unlock_all();
    /* GPollFD has struct pollfd's layout on Unix (glib guarantees it). */
    if (ppoll((struct pollfd *)fds->data, n, wait_ns < 0 ? NULL : &ts,
              NULL) < 0 && errno != EINTR) {
        g_warning("main loop: poll: %s", g_strerror(errno));
    }
    bql_relock(depth);

    if (g_main_context_check(ctx, max_prio, (GPollFD *)fds->data, n)) {
        g_main_context_dispatch(ctx);
    }
}

int main_loop_run(void)
{
    GMainContext *ctx = g_main_context_default();
    GArray *fds = g_array_sized_new(FALSE, TRUE, sizeof(GPollFD), 16);
    void (*old_notify)(void) = timers_notify;
    bool took_bql = false;
    int cause, status;

    if (!bql_locked()) {
        bql_lock();
        took_bql = true;
    }
    g_array_set_size(fds, 16);
    if (!g_main_context_acquire(ctx)) {
        g_critical("main loop: the default context belongs to another "
                   "thread");
    }
    install_signals();
    timers_notify = on_timer_armed;

    for (;;) {
        cause = __atomic_exchange_n(&shutdown_requested, SHUTDOWN_NONE,
                                    __ATOMIC_SEQ_CST);
        if (cause != SHUTDOWN_NONE) {
            break;
        }
        event_cause = __atomic_exchange_n(&reset_requested, SHUTDOWN_NONE,
                                          __ATOMIC_SEQ_CST);
        if (event_cause != SHUTDOWN_NONE) {
            do_system_reset();
            continue;
        }
        main_loop_iteration(ctx, fds);
    }

    event_cause = cause;
    vm_event_notify(VM_EVENT_SHUTDOWN);
    /* Guest code stops here; no STOP event, the run is over. */
    if (vm_running) {
        cpus_pause_all();
        vm_running = false;
    }
    clock_virtual_stop();
    status = __atomic_exchange_n(&shutdown_status, 0, __ATOMIC_SEQ_CST);
    timers_notify = old_notify;
    g_main_context_release(ctx);
    g_array_free(fds, TRUE);
    if (took_bql) {
        bql_unlock();
    }
    return status;
}
