/* SPDX-License-Identifier: MIT */
/* Main loop: timers fire, requests from other threads, reset, run state. */
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vemu/cpus.h"
#include "vemu/device.h"
#include "vemu/main-loop.h"
#include "vemu/timer.h"

/* What the vCPU layer was asked to do, one letter per call. */
static GString *trace;

/* Stand-ins for system/cpus.c (weak: the real ones win if linked). */
__attribute__((weak)) void cpus_pause_all(void)
{
    g_string_append_c(trace, 'P');
}

__attribute__((weak)) void cpus_resume_all(void)
{
    g_string_append_c(trace, 'R');
}

__attribute__((weak)) void cpus_reset_all(void)
{
    g_string_append_c(trace, 'C');
}

__attribute__((weak)) void cpus_start_all(void)
{
}

static void setup(void)
{
    g_string_truncate(trace, 0);
    no_reboot = false;
}

static void fire_and_quit(void *opaque)
{
    g_assert_true(bql_locked());
    *(int64_t *)opaque = clock_get_ns(CLOCK_REALTIME_NS);
    system_shutdown_request_status(SHUTDOWN_GUEST_SHUTDOWN, 3);
}

static void test_timer_fires(void)
{
    int64_t start = clock_get_ns(CLOCK_REALTIME_NS), fired = 0;
    Timer *t = timer_new_ns(CLOCK_REALTIME_NS, fire_and_quit, &fired);

    setup();
    timer_mod_ns(t, start + 5000000);
    g_assert_cmpint(main_loop_run(), ==, 3);
    g_assert_cmpint(fired - start, >=, 5000000);
    /* Sub-millisecond precision, not a 10 ms tick. */
    g_assert_cmpint(clock_get_ns(CLOCK_REALTIME_NS) - start, <,
                    500000000);
    g_assert_false(bql_locked());
    timer_free(t);
}

static gpointer quit_later(gpointer cause)
{
    g_usleep(100000);
    system_shutdown_request(GPOINTER_TO_INT(cause));
    return NULL;
}

static void test_shutdown_from_thread(void)
{
    int64_t start = clock_get_ns(CLOCK_REALTIME_NS);
    struct timespec c0, c1;
    GThread *th;

    setup();
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    th = g_thread_new("quit", quit_later,
                      GINT_TO_POINTER(SHUTDOWN_HOST_QMP));
    /* No timer and no source: the loop sleeps until woken. */
    g_assert_cmpint(main_loop_run(), ==, 0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    g_assert_cmpint(clock_get_ns(CLOCK_REALTIME_NS) - start, >=,
                    100000000);
    /* Idle: well under half of the 100 ms on the CPU (no busy wait). */
    g_assert_cmpint((c1.tv_sec - c0.tv_sec) * NANOSECONDS_PER_SECOND +
                    (c1.tv_nsec - c0.tv_nsec), <, 50000000);
    g_assert_cmpint(clock_get_ns(CLOCK_REALTIME_NS) - start, <,
                    2 * NANOSECONDS_PER_SECOND);
    g_thread_join(th);
}

static gpointer arm_later(gpointer t)
{
    g_usleep(10000);
    /* A vCPU arming a timer while the main loop sleeps in poll. */
    bql_lock();
    timer_mod_ns(t, clock_get_ns(CLOCK_REALTIME_NS) + 1000000);
    bql_unlock();
    return NULL;
}

static void test_timer_armed_from_thread(void)
{
    int64_t start = clock_get_ns(CLOCK_REALTIME_NS), fired = 0;
    Timer *t = timer_new_ns(CLOCK_REALTIME_NS, fire_and_quit, &fired);
    GThread *th;

    setup();
    th = g_thread_new("arm", arm_later, t);
    g_assert_cmpint(main_loop_run(), ==, 3);
    g_assert_cmpint(fired - start, >=, 11000000);
    g_thread_join(th);
    timer_free(t);
}

typedef struct ResetDev {
    Device parent;
} ResetDev;

static void reset_dev_reset(Device *dev)
{
    g_string_append_c(trace, 'D');
}

static const DeviceClass reset_dev_class = {
    .name = "reset-dev",
    .instance_size = sizeof(ResetDev),
    .reset = reset_dev_reset,
};

static int resets_seen;

static void board_reset(void *opaque)
{
    g_string_append_c(trace, 'H');
    /* Quit after the second reset. */
    if (++resets_seen == 2) {
        system_shutdown_request_status(SHUTDOWN_GUEST_SHUTDOWN, 7);
    }
}

static void request_reset(void *opaque)
{
    system_reset_request(SHUTDOWN_GUEST_RESET);
}

static GString *events;

static void on_vm_event(VMEvent ev, void *opaque)
{
    static const char names[] = { [VM_EVENT_STOP] = 's',
        [VM_EVENT_RESUME] = 'r', [VM_EVENT_RESET] = 'x',
        [VM_EVENT_POWERDOWN] = 'p', [VM_EVENT_SHUTDOWN] = 'q' };

    g_string_append_c(events, names[ev]);
}

static void test_reset_request(void)
{
    static bool registered;
    Device *dev;
    Timer *t = timer_new_ns(CLOCK_REALTIME_NS, request_reset, NULL);

    setup();
    if (!registered) {
        registered = true;
        device_class_register(&reset_dev_class);
        reset_register(board_reset, NULL);
        vm_event_add_notifier(on_vm_event, NULL);
    }
    dev = device_new("reset-dev");
    g_assert_true(device_realize(dev, NULL));
    resets_seen = 0;
    bql_lock();
    vm_start();
    bql_unlock();
    g_string_truncate(trace, 0);
    g_string_truncate(events, 0);
    timer_mod_ns(t, 0);
    /* One from a timer callback, one from another thread. */
    system_reset_request(SHUTDOWN_SUBSYSTEM_RESET);
    g_assert_cmpint(main_loop_run(), ==, 7);
    /* Pause, handlers, devices, CPUs, resume; twice; pause at exit. */
    g_assert_cmpstr(trace->str, ==, "PHDCRPHDCRP");
    g_assert_cmpstr(events->str, ==, "xxq");
    g_assert_false(runstate_is_running());
    device_free(dev);
    timer_free(t);
}

static void test_no_reboot(void)
{
    int before = resets_seen;

    setup();
    no_reboot = true;
    system_reset_request(SHUTDOWN_GUEST_RESET);
    g_assert_cmpint(main_loop_run(), ==, 0);
    /* The guest's reset became a shutdown: no reset handler ran. */
    g_assert_cmpint(resets_seen, ==, before);
    g_assert_null(strchr(trace->str, 'H'));
    no_reboot = false;
}

static void test_runstate(void)
{
    int64_t v0;

    setup();
    bql_lock();
    g_string_truncate(events, 0);
    vm_start();
    g_assert_true(runstate_is_running());
    vm_start();
    vm_stop();
    g_assert_false(runstate_is_running());
    v0 = clock_get_ns(CLOCK_VIRTUAL_NS);
    g_usleep(3000);
    /* Guest time stands still while stopped. */
    g_assert_cmpint(clock_get_ns(CLOCK_VIRTUAL_NS), ==, v0);
    vm_stop();
    vm_start();
    g_assert_cmpint(clock_get_ns(CLOCK_VIRTUAL_NS) - v0, <, 2000000);
    vm_stop();
    bql_unlock();
    g_assert_cmpstr(trace->str, ==, "RPRP");
    g_assert_cmpstr(events->str, ==, "rsrs");
}

static gboolean idle_quit(gpointer data)
{
    /* glib sources dispatch with the BQL held. */
    *(bool *)data = bql_locked();
    system_shutdown_request_status(SHUTDOWN_HOST_UI, 5);
    return G_SOURCE_REMOVE;
}

static void test_glib_source(void)
{
    bool locked = false;

    setup();
    g_idle_add(idle_quit, &locked);
    g_assert_cmpint(main_loop_run(), ==, 5);
    g_assert_true(locked);
}

static void send_sighup(void *opaque)
{
    kill(getpid(), SIGHUP);
}

static void test_signal(void)
{
    Timer *t = timer_new_ns(CLOCK_REALTIME_NS, send_sighup, NULL);

    setup();
    g_string_truncate(events, 0);
    timer_mod_ns(t, 0);
    g_assert_cmpint(main_loop_run(), ==, 0);
    g_assert_cmpstr(events->str, ==, "q");
    timer_free(t);
}

static gpointer lock_then_quit(gpointer unused)
{
    g_usleep(10000);
    /* Would deadlock if the loop kept the BQL while polling. */
    bql_lock();
    system_shutdown_request_status(SHUTDOWN_HOST_QMP, 9);
    bql_unlock();
    return NULL;
}

static void test_nested_bql_released_in_poll(void)
{
    GThread *th;

    setup();
    bql_lock();
    bql_lock();
    th = g_thread_new("locker", lock_then_quit, NULL);
    g_assert_cmpint(main_loop_run(), ==, 9);
    g_thread_join(th);
    /* Still held twice by this thread. */
    bql_unlock();
    g_assert_true(bql_locked());
    bql_unlock();
    g_assert_false(bql_locked());
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    trace = g_string_new(NULL);
    events = g_string_new(NULL);
    g_test_add_func("/main-loop/timer-fires", test_timer_fires);
    g_test_add_func("/main-loop/shutdown-from-thread",
                    test_shutdown_from_thread);
    g_test_add_func("/main-loop/timer-armed-from-thread",
                    test_timer_armed_from_thread);
    g_test_add_func("/main-loop/reset-request", test_reset_request);
    g_test_add_func("/main-loop/no-reboot", test_no_reboot);
    g_test_add_func("/main-loop/runstate", test_runstate);
    g_test_add_func("/main-loop/glib-source", test_glib_source);
    g_test_add_func("/main-loop/signal", test_signal);
    g_test_add_func("/main-loop/nested-bql-released-in-poll",
                    test_nested_bql_released_in_poll);
    return g_test_run();
}
