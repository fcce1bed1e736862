/* SPDX-License-Identifier: MIT */
/* sifive_test: pass, fail with a code, reset; other values do nothing. */
#include <glib.h>

#include "stubs.h"
#include "vemu/hw/sifive-test.h"

#define BASE 0x100000

static void setup(void)
{
    sifive_test_create(stub_root(), BASE);
    stub_requests_clear();
}

static void test_pass_powers_off_with_status_0(void)
{
    setup();
    stub_write(BASE, 4, 0x5555);
    g_assert_cmpint(stub_shutdown_count, ==, 1);
    g_assert_cmpint(stub_shutdown_cause, ==, SHUTDOWN_GUEST_SHUTDOWN);
    g_assert_cmpint(stub_shutdown_status, ==, 0);
    g_assert_cmpint(stub_reset_count, ==, 0);
}

static void test_fail_exits_with_code(void)
{
    setup();
    stub_write(BASE, 4, 0x3333 | (42 << 16));
    g_assert_cmpint(stub_shutdown_count, ==, 1);
    g_assert_cmpint(stub_shutdown_cause, ==, SHUTDOWN_GUEST_SHUTDOWN);
    g_assert_cmpint(stub_shutdown_status, ==, 42);
}

static void test_reset_requests_guest_reset(void)
{
    setup();
    stub_write(BASE, 4, 0x7777);
    g_assert_cmpint(stub_reset_count, ==, 1);
    g_assert_cmpint(stub_reset_cause, ==, SHUTDOWN_GUEST_RESET);
    g_assert_cmpint(stub_shutdown_count, ==, 0);
}

static void test_nonsense_is_ignored(void)
{
    size_t logged;

    setup();
    logged = stub_log_size();
    stub_write(BASE, 4, 0x1234);
    stub_write(BASE, 4, 0x5554);
    stub_write(BASE + 4, 4, 0x5555);        /* wrong offset */
    stub_write(BASE + 0xffc, 4, 0x7777);
    stub_write(BASE, 1, 0x55);              /* a byte is no status */
    g_assert_cmpint(stub_shutdown_count, ==, 0);
    g_assert_cmpint(stub_reset_count, ==, 0);
    g_assert_cmpuint(stub_log_size(), >, logged);
    /* Reads are harmless and see zero. */
    g_assert_cmphex(stub_read(BASE, 4), ==, 0);
    g_assert_cmpint(stub_shutdown_count, ==, 0);
}

static void test_16bit_write_passes(void)
{
    setup();
    stub_write(BASE, 2, 0x5555);
    g_assert_cmpint(stub_shutdown_count, ==, 1);
    g_assert_cmpint(stub_shutdown_status, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    stub_log_capture();
    g_test_add_func("/sifive-test/pass", test_pass_powers_off_with_status_0);
    g_test_add_func("/sifive-test/fail-code", test_fail_exits_with_code);
    g_test_add_func("/sifive-test/reset", test_reset_requests_guest_reset);
    g_test_add_func("/sifive-test/nonsense", test_nonsense_is_ignored);
    g_test_add_func("/sifive-test/16bit", test_16bit_write_passes);
    return g_test_run();
}
