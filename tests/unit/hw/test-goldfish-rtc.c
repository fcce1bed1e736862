/* SPDX-License-Identifier: MIT */
/* Goldfish RTC: wall-clock readout, setting the time, the alarm. */
#include <glib.h>

#include "stubs.h"
#include "vemu/hw/goldfish-rtc.h"

#define BASE 0x101000ull
#define TIME_LOW (BASE + 0x00)
#define TIME_HIGH (BASE + 0x04)
#define ALARM_LOW (BASE + 0x08)
#define ALARM_HIGH (BASE + 0x0c)
#define IRQ_ENABLED (BASE + 0x10)
#define CLEAR_ALARM (BASE + 0x14)
#define ALARM_STATUS (BASE + 0x18)
#define CLEAR_INTERRUPT (BASE + 0x1c)

#define EPOCH_NS 1700000000123456789ll

static Device *rtc;
static StubLine line;

static void setup(void)
{
    stub_clock_set(CLOCK_HOST_NS, EPOCH_NS);
    stub_line_init(&line);
    rtc = goldfish_rtc_create(stub_root(), BASE, line.irq);
}

static uint64_t read_time(void)
{
    uint64_t lo = stub_read(TIME_LOW, 4);

    return stub_read(TIME_HIGH, 4) << 32 | lo;
}

static void set_alarm(uint64_t ns)
{
    stub_write(ALARM_HIGH, 4, ns >> 32);
    stub_write(ALARM_LOW, 4, (uint32_t)ns);
}

static void test_time_is_host_wall_clock(void)
{
    uint64_t prev;

    setup();
    g_assert_cmpuint(read_time(), ==, EPOCH_NS);
    prev = read_time();
    for (int i = 0; i < 100; i++) {
        uint64_t t;

        stub_clock_advance(CLOCK_HOST_NS, 7919 * i);
        t = read_time();
        g_assert_cmpuint(t, >=, prev);
        prev = t;
    }
    g_assert_cmpuint(prev, ==, EPOCH_NS + 7919ull * 99 * 100 / 2);
}

static void test_time_low_latches_high(void)
{
    uint64_t lo, hi;

    setup();
    lo = stub_read(TIME_LOW, 4);
    /* The high half moves on, but the latched one belongs to lo. */
    stub_clock_advance(CLOCK_HOST_NS, 1ll << 33);
    hi = stub_read(TIME_HIGH, 4);
    g_assert_cmpuint(hi << 32 | lo, ==, EPOCH_NS);
    /* A 64-bit read is low then high: consistent too. */
    g_assert_cmpuint(stub_read(TIME_LOW, 8), ==, EPOCH_NS + (1ll << 33));
}

static void test_guest_sets_time(void)
{
    uint64_t want = 0x0000123487654321ull;

    setup();
    stub_write(TIME_HIGH, 4, want >> 32);
    stub_write(TIME_LOW, 4, (uint32_t)want);
    g_assert_cmphex(read_time(), ==, want);
    stub_clock_advance(CLOCK_HOST_NS, 5000);
    g_assert_cmphex(read_time(), ==, want + 5000);
    /* The setting survives a reset; the alarm does not. */
    device_reset(rtc);
    g_assert_cmphex(read_time(), ==, want + 5000);
}

static void test_alarm_fires_at_its_time(void)
{
    uint64_t now;

    setup();
    stub_write(IRQ_ENABLED, 4, 1);
    g_assert_cmpuint(stub_read(IRQ_ENABLED, 4), ==, 1);
    now = read_time();
    set_alarm(now + 1000);
    g_assert_cmphex(stub_read(ALARM_LOW, 4), ==, (uint32_t)(now + 1000));
    g_assert_cmphex(stub_read(ALARM_HIGH, 4), ==, (now + 1000) >> 32);
    g_assert_cmpuint(stub_read(ALARM_STATUS, 4), ==, 1);
    g_assert_cmpint(line.level, ==, 0);
    stub_clock_advance(CLOCK_HOST_NS, 999);
    g_assert_cmpint(line.level, ==, 0);
    stub_clock_advance(CLOCK_HOST_NS, 1);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmpuint(stub_read(ALARM_STATUS, 4), ==, 0);
    stub_write(CLEAR_INTERRUPT, 4, 1);
    g_assert_cmpint(line.level, ==, 0);
}

static void test_alarm_follows_guest_time(void)
{
    uint64_t guest = 0x500000000ull;

    setup();
    stub_write(IRQ_ENABLED, 4, 1);
    stub_write(TIME_HIGH, 4, guest >> 32);
    stub_write(TIME_LOW, 4, (uint32_t)guest);
    set_alarm(guest + 300);
    stub_clock_advance(CLOCK_HOST_NS, 299);
    g_assert_cmpint(line.level, ==, 0);
    stub_clock_advance(CLOCK_HOST_NS, 1);
    g_assert_cmpint(line.level, ==, 1);
}

static void test_alarm_in_past_fires_now(void)
{
    setup();
    stub_write(IRQ_ENABLED, 4, 1);
    set_alarm(read_time() - 1);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmpuint(stub_read(ALARM_STATUS, 4), ==, 0);
}

static void test_irq_enable_gates_line(void)
{
    setup();
    set_alarm(read_time() + 10);
    stub_clock_advance(CLOCK_HOST_NS, 10);
    g_assert_cmpint(line.level, ==, 0);
    stub_write(IRQ_ENABLED, 4, 1);
    g_assert_cmpint(line.level, ==, 1);
    stub_write(IRQ_ENABLED, 4, 0);
    g_assert_cmpint(line.level, ==, 0);
}

static void test_clear_alarm_cancels(void)
{
    setup();
    stub_write(IRQ_ENABLED, 4, 1);
    set_alarm(read_time() + 10);
    stub_write(CLEAR_ALARM, 4, 1);
    g_assert_cmpuint(stub_read(ALARM_STATUS, 4), ==, 0);
    stub_clock_advance(CLOCK_HOST_NS, 100);
    g_assert_cmpint(line.level, ==, 0);
}

static void test_nonsense_is_ignored(void)
{
    size_t logged;
    uint64_t t;

    setup();
    logged = stub_log_size();
    t = read_time();
    stub_write(ALARM_STATUS, 4, 1);
    stub_write(BASE + 0x20, 4, 1);
    stub_write(BASE + 0xffc, 4, 1);
    g_assert_cmpuint(stub_read(BASE + 0x20, 4), ==, 0);
    g_assert_cmpuint(stub_read(CLEAR_ALARM, 4), ==, 0);
    g_assert_cmpuint(stub_read(ALARM_STATUS, 4), ==, 0);
    g_assert_cmpuint(read_time(), ==, t);
    g_assert_cmpint(line.level, ==, 0);
    g_assert_cmpuint(stub_log_size(), >, logged);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    stub_log_capture();
    g_test_add_func("/goldfish-rtc/time", test_time_is_host_wall_clock);
    g_test_add_func("/goldfish-rtc/latch", test_time_low_latches_high);
    g_test_add_func("/goldfish-rtc/set-time", test_guest_sets_time);
    g_test_add_func("/goldfish-rtc/alarm", test_alarm_fires_at_its_time);
    g_test_add_func("/goldfish-rtc/alarm-guest-time",
                    test_alarm_follows_guest_time);
    g_test_add_func("/goldfish-rtc/alarm-past", test_alarm_in_past_fires_now);
    g_test_add_func("/goldfish-rtc/irq-enable", test_irq_enable_gates_line);
    g_test_add_func("/goldfish-rtc/clear-alarm", test_clear_alarm_cancels);
    g_test_add_func("/goldfish-rtc/nonsense", test_nonsense_is_ignored);
    return g_test_run();
}
