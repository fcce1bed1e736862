/* SPDX-License-Identifier: MIT */
/*
 * The main loop (glib's default GMainContext on the main thread), the big
 * lock that serialises device state, and the VM's run state and
 * shutdown/reset requests.
 */
#ifndef VEMU_MAIN_LOOP_H
#define VEMU_MAIN_LOOP_H

#include <stdbool.h>

#include <glib.h>

/* The BQL: held by the main loop except while it polls; vCPU threads
 * take it for MMIO and device work, never while running guest code. */
void bql_lock(void);
void bql_unlock(void);
bool bql_locked(void);   /* by the calling thread */
/* Taking the BQL again on the same thread nests (counted) instead of
 * deadlocking. Wait on cond with the BQL released, re-taken on return
 * (end_time: g_get_monotonic_time() microseconds; false on timeout). */
void bql_cond_wait(GCond *cond);
bool bql_cond_wait_until(GCond *cond, gint64 end_time);
/* Release the BQL however deeply nested (returns the depth to give back
 * to bql_relock): for blocking waits such as the main loop's poll. */
unsigned bql_unlock_all(void);
void bql_relock(unsigned depth);

/* Ordered: only SHUTDOWN_GUEST_* come from the guest. */
typedef enum ShutdownCause {
    SHUTDOWN_NONE = 0,
    SHUTDOWN_HOST_QMP,        /* quit command */
    SHUTDOWN_HOST_SIGNAL,     /* SIGINT/SIGTERM/SIGHUP */
    SHUTDOWN_HOST_UI,         /* Ctrl-A x, window closed */
    SHUTDOWN_GUEST_SHUTDOWN,  /* poweroff through a device */
    SHUTDOWN_GUEST_RESET,     /* reset through a device (or -no-reboot) */
    SHUTDOWN_GUEST_PANIC,
    SHUTDOWN_SUBSYSTEM_RESET, /* system_reset */
} ShutdownCause;

/* Any thread: ask the main loop to reset or stop the machine. */
void system_reset_request(ShutdownCause cause);
void system_shutdown_request(ShutdownCause cause);
/* Guest poweroff with an exit status (sifive_test FAIL, isa-debug-exit). */
void system_shutdown_request_status(ShutdownCause cause, int status);
/* -no-reboot: guest resets become shutdowns. */
extern bool no_reboot;

/* Run state: running or paused (stop/cont, -S). */
bool runstate_is_running(void);
void vm_start(void);     /* resume vCPUs and the virtual clock */
void vm_stop(void);      /* pause them; returns when all vCPUs are out */

/* State-change notifiers (QMP events, gdbstub). */
typedef enum VMEvent {
    VM_EVENT_STOP,
    VM_EVENT_RESUME,
    VM_EVENT_RESET,
    VM_EVENT_POWERDOWN,
    VM_EVENT_SHUTDOWN,
} VMEvent;
void vm_event_add_notifier(void (*fn)(VMEvent ev, void *opaque),
                           void *opaque);
/* Inside a RESET or SHUTDOWN notifier: what asked for it. */
ShutdownCause vm_event_cause(void);
/* system_powerdown: a POWERDOWN event, then (no power button on the
 * boards yet) a shutdown as if the guest had powered off. */
void system_powerdown_request(void);

/*
 * Run until a shutdown request: dispatch glib sources, run timers, act
 * on reset requests. Returns the process exit status.
 */
int main_loop_run(void);
/* Wake the main loop from another thread. */
void main_loop_wakeup(void);

#endif
