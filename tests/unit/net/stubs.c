/* SPDX-License-Identifier: MIT */
/* Weak stand-ins for the timers and main loop the net tests do not need. */
#include <glib.h>

#include "vemu/main-loop.h"
#include "vemu/timer.h"

/*
 * Weak: when the real system core objects are linked in for another
 * reason they win; otherwise slirp's timers (IPv6 router adverts) get
 * these inert ones and the tests drive glib's main context themselves.
 */
__attribute__((weak)) void *(*prop_netdev_lookup)(const char *id);

struct Timer {
    TimerCb cb;
    void *opaque;
    int64_t expire;
};

__attribute__((weak)) int64_t clock_get_ns(ClockType type)
{
    return g_get_monotonic_time() * 1000;
}

__attribute__((weak)) Timer *timer_new_ns(ClockType type, TimerCb cb,
                                          void *opaque)
{
    Timer *t = g_new0(Timer, 1);

    t->cb = cb;
    t->opaque = opaque;
    t->expire = -1;
    return t;
}

__attribute__((weak)) void timer_free(Timer *t)
{
    g_free(t);
}

__attribute__((weak)) void timer_mod_ns(Timer *t, int64_t expire_ns)
{
    t->expire = expire_ns;
}

__attribute__((weak)) void main_loop_wakeup(void)
{
    g_main_context_wakeup(NULL);
}
