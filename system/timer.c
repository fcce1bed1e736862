/* SPDX-License-Identifier: MIT */
/* Clocks (realtime, virtual, host) and sorted timer lists per clock. */
#include <pthread.h>
#include <time.h>

#include <glib.h>

#include "vemu/timer.h"

struct Timer {
    ClockType type;
    TimerCb cb;
    void *opaque;
    int64_t expire;         /* -1: not pending */
    unsigned run_pass;      /* timers_run_expired pass that last ran it */
    Timer *next;            /* in its clock's list, by expiry */
};

void (*timers_notify)(void);

/*
 * One lock for every list and for the virtual clock's state: vCPU threads
 * arm timers while the main loop runs them. Callbacks run unlocked.
 */
/* pthread (not GMutex) so that ThreadSanitizer understands it. */
static pthread_mutex_t timer_lock = PTHREAD_MUTEX_INITIALIZER;
static Timer *lists[CLOCK_COUNT];
static unsigned run_pass;

/*
 * Virtual time: the monotonic clock minus the time spent stopped. It
 * reads 0 when the process starts (the host's uptime before that counts
 * as "stopped"), like a freshly powered machine.
 */
static int64_t vclock_offset;
static int64_t vclock_stopped_at;
static bool vclock_stopped;
static GOnce vclock_once = G_ONCE_INIT;

static int64_t host_clock_ns(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

static gpointer vclock_init(gpointer unused)
{
    vclock_offset = host_clock_ns(CLOCK_MONOTONIC);
    return NULL;
}

/* Virtual time; timer_lock held. */
static int64_t vclock_now_locked(void)
{
    if (vclock_stopped) {
        return vclock_stopped_at - vclock_offset;
    }
    return host_clock_ns(CLOCK_MONOTONIC) - vclock_offset;
}

int64_t clock_get_ns(ClockType type)
{
    int64_t now;

    switch (type) {
    case CLOCK_REALTIME_NS:
        return host_clock_ns(CLOCK_MONOTONIC);
    case CLOCK_HOST_NS:
        return host_clock_ns(CLOCK_REALTIME);
    case CLOCK_VIRTUAL_NS:
        g_once(&vclock_once, vclock_init, NULL);
        pthread_mutex_lock(&timer_lock);
        now = vclock_now_locked();
        pthread_mutex_unlock(&timer_lock);
        return now;
    default:
        return 0;
    }
}

void clock_virtual_stop(void)
{
    g_once(&vclock_once, vclock_init, NULL);
    pthread_mutex_lock(&timer_lock);
    if (!vclock_stopped) {
        vclock_stopped_at = host_clock_ns(CLOCK_MONOTONIC);
        vclock_stopped = true;
    }
    pthread_mutex_unlock(&timer_lock);
}

void clock_virtual_start(void)
{
    bool was_stopped;

    g_once(&vclock_once, vclock_init, NULL);
    pthread_mutex_lock(&timer_lock);
    was_stopped = vclock_stopped;
    if (vclock_stopped) {
        vclock_offset += host_clock_ns(CLOCK_MONOTONIC) - vclock_stopped_at;
        vclock_stopped = false;
    }
    pthread_mutex_unlock(&timer_lock);
    /* Virtual deadlines count again: the main loop must recompute. */
    if (was_stopped && timers_notify) {
        timers_notify();
    }
}

/* ---- timers ----------------------------------------------------------- */

Timer *timer_new_ns(ClockType type, TimerCb cb, void *opaque)
{
    Timer *t = g_new0(Timer, 1);

    t->type = type < CLOCK_COUNT ? type : CLOCK_REALTIME_NS;
    t->cb = cb;
    t->opaque = opaque;
    t->expire = -1;
    return t;
}

/* Unlink t from its list; timer_lock held. */
static void timer_unlink_locked(Timer *t)
{
    for (Timer **pp = &lists[t->type]; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->next = NULL;
    t->expire = -1;
}

void timer_del(Timer *t)
{
    if (!t) {
        return;
    }
    pthread_mutex_lock(&timer_lock);
    if (t->expire >= 0) {
        timer_unlink_locked(t);
    }
    pthread_mutex_unlock(&timer_lock);
}

void timer_free(Timer *t)
{
    if (t) {
        timer_del(t);
        g_free(t);
    }
}

void timer_mod_ns(Timer *t, int64_t expire_ns)
{
    Timer **pp;
    bool first;

    if (expire_ns < 0) {
        expire_ns = 0;
    }
    pthread_mutex_lock(&timer_lock);
    if (t->expire >= 0) {
        timer_unlink_locked(t);
    }
    /* After every timer due at the same time: equal deadlines run FIFO. */
    for (pp = &lists[t->type]; *pp && (*pp)->expire <= expire_ns;
         pp = &(*pp)->next) {
    }
    t->expire = expire_ns;
    t->next = *pp;
    *pp = t;
    first = pp == &lists[t->type];
    pthread_mutex_unlock(&timer_lock);
    if (first && timers_notify) {
        timers_notify();
    }
}

bool timer_pending(const Timer *t)
{
    return __atomic_load_n(&t->expire, __ATOMIC_RELAXED) >= 0;
}

int64_t timer_expire_time_ns(const Timer *t)
{
    return __atomic_load_n(&t->expire, __ATOMIC_RELAXED);
}

/* Now on clock type, or -1 if its time does not advance (timer_lock). */
static int64_t clock_now_locked(ClockType type)
{
    switch (type) {
    case CLOCK_VIRTUAL_NS:
        return vclock_stopped ? -1 : vclock_now_locked();
    case CLOCK_HOST_NS:
        return host_clock_ns(CLOCK_REALTIME);
    default:
        return host_clock_ns(CLOCK_MONOTONIC);
    }
}

int64_t timers_next_deadline_ns(void)
{
    int64_t best = -1;

    g_once(&vclock_once, vclock_init, NULL);
    pthread_mutex_lock(&timer_lock);
    for (int c = 0; c < CLOCK_COUNT; c++) {
        int64_t now = clock_now_locked(c);
        int64_t left;

        if (!lists[c] || now < 0) {
            continue;
        }
        left = lists[c]->expire - now;
        if (left < 0) {
            left = 0;
        }
        if (best < 0 || left < best) {
            best = left;
        }
    }
    pthread_mutex_unlock(&timer_lock);
    return best;
}

int64_t timers_run_expired(void)
{
    unsigned pass;

    g_once(&vclock_once, vclock_init, NULL);
    pthread_mutex_lock(&timer_lock);
    pass = ++run_pass;
    for (int c = 0; c < CLOCK_COUNT; c++) {
        int64_t now = clock_now_locked(c);

        while (now >= 0 && lists[c] && lists[c]->expire <= now) {
            Timer *t = lists[c];

            /* Re-armed in the past by its own callback: next pass. */
            if (t->run_pass == pass) {
                break;
            }
            t->run_pass = pass;
            lists[c] = t->next;
            t->next = NULL;
            t->expire = -1;
            pthread_mutex_unlock(&timer_lock);
            /* The callback may re-arm or free t. */
            t->cb(t->opaque);
            pthread_mutex_lock(&timer_lock);
            now = clock_now_locked(c);
        }
    }
    pthread_mutex_unlock(&timer_lock);
    return timers_next_deadline_ns();
}
