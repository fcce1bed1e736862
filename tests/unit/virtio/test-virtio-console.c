/* SPDX-License-Identifier: MIT */
/* virtio-serial-device: port 0 output to the chardev, input to the guest. */
#include <string.h>

#include "../hw/stubs.h"
#include "vemu/log.h"
#include "vq-driver.h"

#define FEAT_V1 (1ull << VIRTIO_F_VERSION_1)
#define RXQ 0
#define TXQ 1

static void *lookup_chardev(const char *id)
{
    return strcmp(id, "c0") == 0 ? stub_chardev() : NULL;
}

static TestMachine *console_machine(void)
{
    static const char *const props[] = { "chardev=c0", NULL };

    prop_chardev_lookup = lookup_chardev;
    return tm_new("virtio-serial-device", props);
}

static void test_output(void)
{
    TestMachine *t = console_machine();
    TBuf b[2] = { { T_BUF, 6, false }, { T_BUF + 100, 7, false } };
    uint32_t id, len;

    g_assert_cmpuint(tm_readl(t, 0x008), ==, VIRTIO_ID_CONSOLE);
    g_assert_cmphex(tm_driver_init(t, FEAT_V1, 2, 16), ==, 0xf);
    g_string_truncate(stub_chardev_output(), 0);
    tm_mem_write(t, T_BUF, "hello ", 6);
    tm_mem_write(t, T_BUF + 100, "world\r\n", 7);
    tm_kick(t, TXQ, tm_chain(t, TXQ, b, 2));
    g_assert_cmpstr(stub_chardev_output()->str, ==, "hello world\r\n");
    g_assert_cmpuint(tm_used_idx(t, TXQ), ==, 1);
    tm_used_elem(t, TXQ, 0, &id, &len);
    g_assert_cmpuint(len, ==, 0);
    g_assert_cmpint(t->irq_level, ==, 1);
}

static void test_input(void)
{
    TestMachine *t = console_machine();
    TBuf b = { T_BUF, 64, true };
    uint8_t got[8];
    uint32_t id, len;
    unsigned accepts;

    /* Before the driver is up nothing is taken. */
    g_assert_cmpint(stub_chardev_can_read(), ==, 0);
    g_assert_cmphex(tm_driver_init(t, FEAT_V1, 2, 16), ==, 0xf);
    g_assert_cmpint(stub_chardev_can_read(), ==, 0);
    /* A receive buffer: the backend is told, and may send 64 bytes. */
    accepts = stub_chardev_accept_calls();
    tm_kick(t, RXQ, tm_chain(t, RXQ, &b, 1));
    g_assert_cmpuint(stub_chardev_accept_calls(), >, accepts);
    g_assert_cmpint(stub_chardev_can_read(), ==, 64);
    g_assert_cmpint(stub_chardev_input((const uint8_t *)"ls\r", 3), ==, 3);
    g_assert_cmpuint(tm_used_idx(t, RXQ), ==, 1);
    tm_used_elem(t, RXQ, 0, &id, &len);
    g_assert_cmpuint(len, ==, 3);
    tm_mem_read(t, T_BUF, got, 3);
    g_assert_cmpmem(got, 3, "ls\r", 3);
    g_assert_cmpint(t->irq_level, ==, 1);
    /* The buffer is used up: input waits. */
    g_assert_cmpint(stub_chardev_can_read(), ==, 0);
}

static void test_reset_drops_held_buffer(void)
{
    TestMachine *t = console_machine();
    TBuf b = { T_BUF, 32, true };

    tm_driver_init(t, FEAT_V1, 2, 16);
    tm_kick(t, RXQ, tm_chain(t, RXQ, &b, 1));
    g_assert_cmpint(stub_chardev_can_read(), ==, 32);   /* holds it */
    tm_writel(t, 0x70, 0);
    g_assert_cmpint(stub_chardev_can_read(), ==, 0);
    g_assert_cmphex(tm_driver_init(t, FEAT_V1, 2, 16), ==, 0xf);
    tm_kick(t, RXQ, tm_chain(t, RXQ, &b, 1));
    g_assert_cmpint(stub_chardev_input((const uint8_t *)"x", 1), ==, 1);
    g_assert_cmpuint(tm_used_idx(t, RXQ), ==, 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    vemu_loglevel |= LOG_GUEST_ERROR;
    g_test_add_func("/virtio/console/output", test_output);
    g_test_add_func("/virtio/console/input", test_input);
    g_test_add_func("/virtio/console/reset-drops-held-buffer",
                    test_reset_drops_held_buffer);
    return g_test_run();
}
