/* SPDX-License-Identifier: MIT */
/* PL031 RTC: seconds from the host clock, load, match alarm, IDs. */
#include <glib.h>

#include "../stubs.h"
#include "vemu/hw/pl031.h"

#define BASE 0x9010000ull
#define DR (BASE + 0x00)
#define MR (BASE + 0x04)
#define LR (BASE + 0x08)
#define CR (BASE + 0x0c)
#define IMSC (BASE + 0x10)
#define RIS (BASE + 0x14)
#define MIS (BASE + 0x18)
#define ICR (BASE + 0x1c)

#define SEC 1000000000ll
#define EPOCH_S 1700000000ll

static Device *rtc;
static StubLine line;

static void setup(void)
{
    stub_clock_set(CLOCK_HOST_NS, EPOCH_S * SEC + 250000000);
    stub_line_init(&line);
    rtc = pl031_create(stub_root(), BASE, line.irq);
}

static void test_time(void)
{
    setup();
    g_assert_cmpuint(stub_read(DR, 4), ==, EPOCH_S);
    stub_clock_advance(CLOCK_HOST_NS, SEC - 250000001);
    g_assert_cmpuint(stub_read(DR, 4), ==, EPOCH_S);
    stub_clock_advance(CLOCK_HOST_NS, 1);
    g_assert_cmpuint(stub_read(DR, 4), ==, EPOCH_S + 1);
    g_assert_cmpuint(stub_read(CR, 4), ==, 1);
}

static void test_load(void)
{
    setup();
    stub_write(LR, 4, 1000);
    g_assert_cmpuint(stub_read(DR, 4), ==, 1000);
    g_assert_cmpuint(stub_read(LR, 4), ==, 1000);
    stub_clock_advance(CLOCK_HOST_NS, 5 * SEC);
    g_assert_cmpuint(stub_read(DR, 4), ==, 1005);
    /* The counter survives a reset, like a battery-backed one. */
    device_reset(rtc);
    g_assert_cmpuint(stub_read(DR, 4), ==, 1005);
    /* Wrapping past 2^32. */
    stub_write(LR, 4, 0xffffffff);
    stub_clock_advance(CLOCK_HOST_NS, SEC);
    g_assert_cmpuint(stub_read(DR, 4), ==, 0);
}

static void test_alarm(void)
{
    uint32_t now;

    setup();
    stub_write(IMSC, 4, 1);
    now = stub_read(DR, 4);
    stub_write(MR, 4, now + 3);
    g_assert_cmpuint(stub_read(MR, 4), ==, now + 3);
    stub_clock_advance(CLOCK_HOST_NS, 2 * SEC);
    g_assert_cmpint(line.level, ==, 0);
    g_assert_cmpuint(stub_read(RIS, 4), ==, 0);
    stub_clock_advance(CLOCK_HOST_NS, SEC);
    g_assert_cmpuint(stub_read(DR, 4), ==, now + 3);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmpuint(stub_read(MIS, 4), ==, 1);
    stub_write(ICR, 4, 1);
    g_assert_cmpint(line.level, ==, 0);
    g_assert_cmpuint(stub_read(RIS, 4), ==, 0);
}

static void test_alarm_masked(void)
{
    setup();
    stub_write(MR, 4, stub_read(DR, 4) + 1);
    stub_clock_advance(CLOCK_HOST_NS, SEC);
    g_assert_cmpuint(stub_read(RIS, 4), ==, 1);
    g_assert_cmpuint(stub_read(MIS, 4), ==, 0);
    g_assert_cmpint(line.level, ==, 0);
    stub_write(IMSC, 4, 1);
    g_assert_cmpint(line.level, ==, 1);
}

static void test_alarm_after_load(void)
{
    setup();
    stub_write(IMSC, 4, 1);
    stub_write(MR, 4, 5000);
    stub_write(LR, 4, 4998);
    stub_clock_advance(CLOCK_HOST_NS, SEC);
    g_assert_cmpint(line.level, ==, 0);
    stub_clock_advance(CLOCK_HOST_NS, SEC);
    g_assert_cmpint(line.level, ==, 1);
}

static void test_id_and_nonsense(void)
{
    static const uint8_t want[8] = {
        0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
    };
    size_t logged;
    uint32_t now;

    setup();
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(stub_read(BASE + 0xfe0 + 4 * i, 4), ==, want[i]);
    }
    logged = stub_log_size();
    now = stub_read(DR, 4);
    stub_write(DR, 4, 7);
    stub_write(BASE + 0x20, 4, 7);
    stub_write(BASE + 0xfe0, 4, 7);
    stub_write(CR, 4, 0);
    g_assert_cmpuint(stub_read(BASE + 0x800, 4), ==, 0);
    g_assert_cmpuint(stub_read(DR, 4), ==, now);
    g_assert_cmpuint(stub_read(CR, 4), ==, 1);
    g_assert_cmpuint(stub_log_size(), >, logged);
    g_assert_cmpint(line.level, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    stub_log_capture();
    g_test_add_func("/pl031/time", test_time);
    g_test_add_func("/pl031/load", test_load);
    g_test_add_func("/pl031/alarm", test_alarm);
    g_test_add_func("/pl031/alarm-masked", test_alarm_masked);
    g_test_add_func("/pl031/alarm-after-load", test_alarm_after_load);
    g_test_add_func("/pl031/id-nonsense", test_id_and_nonsense);
    return g_test_run();
}
