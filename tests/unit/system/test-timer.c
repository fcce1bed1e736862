/* SPDX-License-Identifier: MIT */
/* Clocks and timers: ordering, re-arming, deletion, the virtual clock. */
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "vemu/timer.h"

static GString *fired;

static void note(void *opaque)
{
    g_string_append(fired, opaque);
}

static int notifies;

static void count_notify(void)
{
    notifies++;
}

static void setup(void)
{
    if (!fired) {
        fired = g_string_new(NULL);
    }
    g_string_truncate(fired, 0);
    notifies = 0;
    timers_notify = count_notify;
}

static void test_clocks(void)
{
    int64_t r1 = clock_get_ns(CLOCK_REALTIME_NS);
    int64_t h = clock_get_ns(CLOCK_HOST_NS);
    int64_t v1 = clock_get_ns(CLOCK_VIRTUAL_NS);

    g_usleep(2000);
    g_assert_cmpint(clock_get_ns(CLOCK_REALTIME_NS) - r1, >=, 2000000);
    g_assert_cmpint(clock_get_ns(CLOCK_VIRTUAL_NS) - v1, >=, 2000000);
    /* The host clock is wall time (after 2020). */
    g_assert_cmpint(h / NANOSECONDS_PER_SECOND, >, 1577836800);
    /* Virtual time starts near 0 for a new process. */
    g_assert_cmpint(v1, <, 60 * NANOSECONDS_PER_SECOND);
}

static void test_order(void)
{
    int64_t now = clock_get_ns(CLOCK_REALTIME_NS);
    Timer *a = timer_new_ns(CLOCK_REALTIME_NS, note, "a");
    Timer *b = timer_new_ns(CLOCK_REALTIME_NS, note, "b");
    Timer *c = timer_new_ns(CLOCK_REALTIME_NS, note, "c");
    Timer *d = timer_new_ns(CLOCK_REALTIME_NS, note, "d");
    Timer *later = timer_new_ns(CLOCK_REALTIME_NS, note, "L");
    int64_t left;

    setup();
    g_assert_false(timer_pending(a));
    g_assert_cmpint(timer_expire_time_ns(a), ==, -1);
    timer_mod_ns(c, now - 10);
    timer_mod_ns(a, now - 30);
    timer_mod_ns(b, now - 20);
    /* Same deadline as b, armed after it: runs after it. */
    timer_mod_ns(d, now - 20);
    timer_mod_ns(later, now + 10 * NANOSECONDS_PER_SECOND);
    /* c, then a (earlier) became the head: notified twice. */
    g_assert_cmpint(notifies, ==, 2);
    g_assert_true(timer_pending(a));
    g_assert_cmpint(timer_expire_time_ns(a), ==, now - 30);
    left = timers_run_expired();
    g_assert_cmpstr(fired->str, ==, "abdc");
    g_assert_false(timer_pending(a));
    /* The remaining deadline is about 10 s away. */
    g_assert_cmpint(left, >, 9 * NANOSECONDS_PER_SECOND);
    g_assert_cmpint(left, <=, 10 * NANOSECONDS_PER_SECOND);
    g_assert_true(timer_pending(later));
    timer_free(a);
    timer_free(b);
    timer_free(c);
    timer_free(d);
    timer_free(later);
    g_assert_cmpint(timers_next_deadline_ns(), ==, -1);
}

static void test_mod_del(void)
{
    int64_t now = clock_get_ns(CLOCK_REALTIME_NS);
    Timer *a = timer_new_ns(CLOCK_REALTIME_NS, note, "a");
    Timer *b = timer_new_ns(CLOCK_REALTIME_NS, note, "b");

    setup();
    timer_mod_ns(a, now + NANOSECONDS_PER_SECOND);
    timer_mod_ns(b, now - 1);
    /* Re-arming replaces: a moves from the future into the past. */
    timer_mod_ns(a, now - 2);
    timer_del(b);
    timer_del(b);   /* twice is harmless */
    g_assert_false(timer_pending(b));
    g_assert_cmpint(timers_run_expired(), ==, -1);
    g_assert_cmpstr(fired->str, ==, "a");
    /* Re-arming into the future postpones. */
    timer_mod_ns(a, now - 1);
    timer_mod_ns(a, now + NANOSECONDS_PER_SECOND);
    g_assert_cmpint(timers_run_expired(), >, 0);
    g_assert_cmpstr(fired->str, ==, "a");
    timer_free(a);
    timer_free(b);
    timer_del(NULL);
}

static Timer *rearm_timer;
static int rearm_count;

static void rearm_cb(void *opaque)
{
    rearm_count++;
    /* A periodic timer whose period already elapsed. */
    timer_mod_ns(rearm_timer, clock_get_ns(CLOCK_REALTIME_NS) - 1);
}

static void test_rearm_in_callback(void)
{
    setup();
    rearm_count = 0;
    rearm_timer = timer_new_ns(CLOCK_REALTIME_NS, rearm_cb, NULL);
    timer_mod_ns(rearm_timer, 0);
    /* Runs once per pass instead of looping forever; due again now. */
    g_assert_cmpint(timers_run_expired(), ==, 0);
    g_assert_cmpint(rearm_count, ==, 1);
    timers_run_expired();
    g_assert_cmpint(rearm_count, ==, 2);
    timer_free(rearm_timer);
}

static Timer *self_free_timer;

static void self_free_cb(void *opaque)
{
    timer_free(self_free_timer);
    g_string_append(fired, "f");
}

static void test_free_in_callback(void)
{
    setup();
    self_free_timer = timer_new_ns(CLOCK_REALTIME_NS, self_free_cb, NULL);
    timer_mod_ns(self_free_timer, 0);
    timers_run_expired();
    g_assert_cmpstr(fired->str, ==, "f");
}

static void test_virtual_stop(void)
{
    Timer *v = timer_new_ns(CLOCK_VIRTUAL_NS, note, "v");
    int64_t t0, t1;

    setup();
    clock_virtual_stop();
    t0 = clock_get_ns(CLOCK_VIRTUAL_NS);
    timer_mod_ns(v, t0 + 1000000);
    g_usleep(5000);
    /* Frozen: time did not move and the timer does not fire. */
    g_assert_cmpint(clock_get_ns(CLOCK_VIRTUAL_NS), ==, t0);
    g_assert_cmpint(timers_run_expired(), ==, -1);
    g_assert_cmpstr(fired->str, ==, "");
    notifies = 0;
    clock_virtual_start();
    g_assert_cmpint(notifies, ==, 1);
    t1 = clock_get_ns(CLOCK_VIRTUAL_NS);
    /* Resumes where it stopped, not 5 ms later. */
    g_assert_cmpint(t1 - t0, <, 4000000);
    g_assert_cmpint(t1, >=, t0);
    g_assert_cmpint(timers_next_deadline_ns(), >, 0);
    g_usleep(2000);
    timers_run_expired();
    g_assert_cmpstr(fired->str, ==, "v");
    /* Stop/start are idempotent. */
    clock_virtual_start();
    clock_virtual_stop();
    clock_virtual_stop();
    clock_virtual_start();
    timer_free(v);
}

static gpointer arm_from_thread(gpointer t)
{
    timer_mod_ns(t, clock_get_ns(CLOCK_REALTIME_NS) + 1000);
    return NULL;
}

static void test_arm_from_thread(void)
{
    Timer *t = timer_new_ns(CLOCK_REALTIME_NS, note, "t");
    GThread *th;

    setup();
    th = g_thread_new("arm", arm_from_thread, t);
    g_thread_join(th);
    g_assert_cmpint(notifies, ==, 1);
    g_usleep(1000);
    timers_run_expired();
    g_assert_cmpstr(fired->str, ==, "t");
    timer_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/timer/clocks", test_clocks);
    g_test_add_func("/timer/order", test_order);
    g_test_add_func("/timer/mod-del", test_mod_del);
    g_test_add_func("/timer/rearm-in-callback", test_rearm_in_callback);
    g_test_add_func("/timer/free-in-callback", test_free_in_callback);
    g_test_add_func("/timer/virtual-stop", test_virtual_stop);
    g_test_add_func("/timer/arm-from-thread", test_arm_from_thread);
    return g_test_run();
}
