/* SPDX-License-Identifier: MIT */
/* The big lock (BQL) that serialises device state between threads. */
#include "vemu/main-loop.h"

static GMutex bql;
/*
 * How many times this thread holds the BQL: taking it again (a device
 * callback that calls code which locks too) nests instead of deadlocking.
 */
static __thread unsigned bql_depth;

void bql_lock(void)
{
    if (bql_depth++ == 0) {
        g_mutex_lock(&bql);
    }
}

void bql_unlock(void)
{
    if (bql_depth == 0) {
        g_critical("bql_unlock: the BQL is not held by this thread");
        return;
    }
    if (--bql_depth == 0) {
        g_mutex_unlock(&bql);
    }
}

bool bql_locked(void)
{
    return bql_depth > 0;
}

unsigned bql_unlock_all(void)
{
    unsigned depth = bql_depth;

    if (depth) {
        bql_depth = 0;
        g_mutex_unlock(&bql);
    }
    return depth;
}

void bql_relock(unsigned depth)
{
    if (depth) {
        g_mutex_lock(&bql);
        bql_depth = depth;
    }
}

/* Sleep on cond with the BQL released (whatever the nesting depth). */
static bool bql_wait(GCond *cond, gint64 end_time)
{
    unsigned depth = bql_depth;
    bool signalled = true;

    if (depth == 0) {
        g_critical("bql_cond_wait: the BQL is not held by this thread");
        return false;
    }
    bql_depth = 0;
    if (end_time < 0) {
        g_cond_wait(cond, &bql);
    } else {
        signalled = g_cond_wait_until(cond, &bql, end_time);
    }
    bql_depth = depth;
    return signalled;
}

void bql_cond_wait(GCond *cond)
{
    bql_wait(cond, -1);
}

bool bql_cond_wait_until(GCond *cond, gint64 end_time)
{
    return bql_wait(cond, end_time < 0 ? 0 : end_time);
}
