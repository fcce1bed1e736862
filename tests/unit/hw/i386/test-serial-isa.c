/* SPDX-License-Identifier: MIT */
/* The 16550A as a PC COM port: byte registers at I/O ports 0x3f8-0x3ff. */
#include <glib.h>

#include "../stubs.h"
#include "vemu/hw/serial.h"

#define COM1 0x3f8

static uint8_t inb(uint16_t port)
{
    uint8_t v = 0;

    g_assert_cmpint(address_space_read(&address_space_io, port, &v, 1), ==,
                    MEMTX_OK);
    return v;
}

static void outb(uint16_t port, uint8_t v)
{
    g_assert_cmpint(address_space_write(&address_space_io, port, &v, 1), ==,
                    MEMTX_OK);
}

static void test_com1_ports(void)
{
    StubLine line;

    stub_line_init(&line);
    serial_isa_create(get_system_io(), COM1, line.irq, stub_chardev());
    /* LSR at +5: transmitter empty; scratch at +7 holds a value. */
    g_assert_cmphex(inb(COM1 + 5) & 0x60, ==, 0x60);
    outb(COM1 + 7, 0xa5);
    g_assert_cmphex(inb(COM1 + 7), ==, 0xa5);
    outb(COM1, 'h');
    outb(COM1, 'i');
    g_assert_cmpstr(stub_chardev_output()->str, ==, "hi");
    /* THRE interrupt (IER bit 1) on the line the board gave. */
    outb(COM1 + 1, 0x02);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmphex(inb(COM1 + 2) & 0x0f, ==, 0x02);
    g_assert_cmpint(line.level, ==, 0);
    /* Divisor latch: 115200 / 1 (DLAB) reads back. */
    outb(COM1 + 3, 0x80);
    outb(COM1, 1);
    outb(COM1 + 1, 0);
    g_assert_cmphex(inb(COM1), ==, 1);
    outb(COM1 + 3, 0x03);
    /* Input from the host side arrives at RBR. */
    g_assert_cmpint(stub_chardev_input((const uint8_t *)"x", 1), ==, 1);
    g_assert_cmphex(inb(COM1 + 5) & 1, ==, 1);
    g_assert_cmphex(inb(COM1), ==, 'x');
    /* Nothing else is mapped around it. */
    {
        uint8_t v;

        g_assert_cmpint(address_space_read(&address_space_io, COM1 + 8, &v,
                                           1), !=, MEMTX_OK);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/serial-isa/com1", test_com1_ports);
    return g_test_run();
}
