/* SPDX-License-Identifier: MIT */
/* isa-debug-exit: -device options, port writes, the exit status, errors. */
#include <glib.h>
#include <string.h>

#include "../stubs.h"
#include "vemu/machine.h"


static void port_write(uint16_t port, unsigned size, uint32_t val)
{
    g_assert_cmpint(address_space_write(&address_space_io, port, &val, size),
                    ==, MEMTX_OK);
}

static void test_write_exits_with_doubled_status(void)
{
    GError *err = NULL;
    Device *dev = device_add_opts("isa-debug-exit,iobase=0xf4,iosize=0x04",
                                  &err);
    uint32_t val = 0xffffffff;

    g_assert_no_error(err);
    g_assert_nonnull(dev);
    stub_requests_clear();
    /* Reads see zero and end nothing. */
    g_assert_cmpint(address_space_read(&address_space_io, 0xf4, &val, 4),
                    ==, MEMTX_OK);
    g_assert_cmphex(val, ==, 0);
    g_assert_cmpint(stub_shutdown_count, ==, 0);
    /* QEMU: exit((value << 1) | 1); the process keeps 8 bits. */
    port_write(0xf4, 1, 0x10);
    g_assert_cmpint(stub_shutdown_count, ==, 1);
    g_assert_cmpint(stub_shutdown_cause, ==, SHUTDOWN_GUEST_SHUTDOWN);
    g_assert_cmpint(stub_shutdown_status, ==, 0x21);
    /* The first write decides. */
    port_write(0xf6, 2, 0);
    g_assert_cmpint(stub_shutdown_status, ==, 0x21);
    /* After a reset the port works again; 4-byte writes too. */
    device_reset(dev);
    port_write(0xf4, 4, 0x80);
    g_assert_cmpint(stub_shutdown_status, ==, 1);
    device_free(dev);
}

static void test_default_port_is_0x501(void)
{
    Device *dev = device_add_opts("isa-debug-exit", NULL);

    g_assert_nonnull(dev);
    stub_requests_clear();
    port_write(0x501, 1, 3);
    g_assert_cmpint(stub_shutdown_status, ==, 7);
    device_free(dev);
    /* Unplugged: the port is gone. */
    stub_requests_clear();
    {
        uint32_t v = 3;

        address_space_write(&address_space_io, 0x501, &v, 1);
    }
    g_assert_cmpint(stub_shutdown_count, ==, 0);
}

static void expect_error(const char *opts, const char *part)
{
    GError *err = NULL;

    g_assert_null(device_add_opts(opts, &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, part)) {
        g_error("'%s' does not say '%s'", err->message, part);
    }
    g_error_free(err);
}

static void test_bad_options(void)
{
    static const MachineClass riscv = { .name = "virt", .arch = "riscv64" };
    MachineState ms = { .mc = &riscv };

    expect_error("isa-debug-exit,iosize=0", "size not 1-4");
    expect_error("isa-debug-exit,iobase=0x10000", "outside 0-0xffff");
    expect_error("isa-debug-exit,iobase=0xfffe,iosize=4", "outside");
    expect_error("isa-debug-exit,port=1", "port");
    current_machine = &ms;
    expect_error("isa-debug-exit", "No 'ISA' bus");
    current_machine = NULL;
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    get_system_io();
    g_test_add_func("/debugexit/write", test_write_exits_with_doubled_status);
    g_test_add_func("/debugexit/default-port", test_default_port_is_0x501);
    g_test_add_func("/debugexit/bad-options", test_bad_options);
    return g_test_run();
}
