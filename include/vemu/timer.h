/* SPDX-License-Identifier: MIT */
/*
 * Clocks and timers. Timer callbacks run on the main loop thread with the
 * BQL held; timer_mod/timer_del may be called from any thread that holds
 * the BQL (vCPU threads take it for MMIO and for their own timers).
 */
#ifndef VEMU_TIMER_H
#define VEMU_TIMER_H

#include <stdbool.h>
#include <stdint.h>

typedef enum ClockType {
    CLOCK_REALTIME_NS,   /* host monotonic, always runs */
    CLOCK_VIRTUAL_NS,    /* guest time: stops while the VM is stopped */
    CLOCK_HOST_NS,       /* host wall clock (RTC devices) */
    CLOCK_COUNT,
} ClockType;

#define NANOSECONDS_PER_SECOND 1000000000LL

int64_t clock_get_ns(ClockType type);

typedef struct Timer Timer;
typedef void (*TimerCb)(void *opaque);

Timer *timer_new_ns(ClockType type, TimerCb cb, void *opaque);
void timer_free(Timer *t);
/* Fire once when the clock reaches expire_ns (re-arming replaces). */
void timer_mod_ns(Timer *t, int64_t expire_ns);
void timer_del(Timer *t);
bool timer_pending(const Timer *t);
int64_t timer_expire_time_ns(const Timer *t);   /* -1 if not pending */

/* Virtual clock control (the VM run state uses these). */
void clock_virtual_stop(void);
void clock_virtual_start(void);

/*
 * For the main loop: run expired timers; return the ns until the next
 * deadline (-1: none). Called with the BQL held.
 */
int64_t timers_run_expired(void);
/* The ns until the earliest pending deadline (0: due now; -1: none);
 * virtual timers do not count while the virtual clock is stopped. */
int64_t timers_next_deadline_ns(void);
/* Wake the main loop when a timer was armed from another thread. */
extern void (*timers_notify)(void);

#endif
