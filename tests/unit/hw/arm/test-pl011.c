/* SPDX-License-Identifier: MIT */
/* PL011 UART: FIFO, flags, interrupts, loopback, ID registers, nonsense. */
#include <glib.h>

#include "../stubs.h"
#include "vemu/hw/pl011.h"

#define BASE 0x9000000ull
#define DR (BASE + 0x00)
#define RSR (BASE + 0x04)
#define FR (BASE + 0x18)
#define IBRD (BASE + 0x24)
#define FBRD (BASE + 0x28)
#define LCR_H (BASE + 0x2c)
#define CR (BASE + 0x30)
#define IFLS (BASE + 0x34)
#define IMSC (BASE + 0x38)
#define RIS (BASE + 0x3c)
#define MIS (BASE + 0x40)
#define ICR (BASE + 0x44)

#define FR_RXFE 0x10
#define FR_RXFF 0x40
#define FR_TXFE 0x80
#define FR_TXFF 0x20
#define FR_BUSY 0x08
#define INT_RX 0x10
#define INT_TX 0x20
#define INT_RT 0x40
#define INT_OE 0x400
#define INT_BE 0x200

static Device *uart;
static StubLine line;

static void setup(void)
{
    stub_line_init(&line);
    g_string_truncate(stub_chardev_output(), 0);
    uart = pl011_create(stub_root(), BASE, line.irq, stub_chardev());
}

static void test_reset_state(void)
{
    setup();
    g_assert_cmphex(stub_read(FR, 4) & 0xf8, ==, FR_RXFE | FR_TXFE);
    g_assert_cmphex(stub_read(CR, 4), ==, 0x300);
    g_assert_cmphex(stub_read(IFLS, 4), ==, 0x12);
    g_assert_cmphex(stub_read(IMSC, 4), ==, 0);
    g_assert_cmphex(stub_read(RIS, 4), ==, 0);
    g_assert_cmpint(line.level, ==, 0);
}

static void test_id_registers(void)
{
    static const uint8_t want[8] = {
        0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
    };

    setup();
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(stub_read(BASE + 0xfe0 + 4 * i, 4), ==, want[i]);
    }
}

static void test_transmit(void)
{
    setup();
    stub_write(DR, 4, 'h');
    stub_write(DR, 1, 'i');
    g_assert_cmpstr(stub_chardev_output()->str, ==, "hi");
    /* Never busy or full: output leaves at once. */
    g_assert_cmphex(stub_read(FR, 4) & (FR_BUSY | FR_TXFF), ==, 0);
    /* The TX interrupt is raw until unmasked, then cleared by ICR. */
    g_assert_cmphex(stub_read(RIS, 4) & INT_TX, ==, INT_TX);
    g_assert_cmpint(line.level, ==, 0);
    stub_write(IMSC, 4, INT_TX);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmphex(stub_read(MIS, 4), ==, INT_TX);
    stub_write(ICR, 4, INT_TX);
    g_assert_cmpint(line.level, ==, 0);
}

static void test_rx_no_fifo(void)
{
    setup();
    stub_write(IMSC, 4, INT_RX);
    /* FEN clear: a one-character holding register. */
    g_assert_cmpint(stub_chardev_can_read(), ==, 1);
    g_assert_cmpint(stub_chardev_input((const uint8_t *)"ab", 2), ==, 1);
    g_assert_cmphex(stub_read(FR, 4) & (FR_RXFE | FR_RXFF), ==, FR_RXFF);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmphex(stub_read(DR, 4), ==, 'a');
    g_assert_cmpint(line.level, ==, 0);
    g_assert_cmphex(stub_read(FR, 4) & FR_RXFE, ==, FR_RXFE);
    g_assert_cmpint(stub_chardev_can_read(), ==, 1);
}

static void test_rx_fifo_trigger_and_timeout(void)
{
    unsigned accepts;

    setup();
    stub_write(LCR_H, 4, 0x70);            /* 8 bits, FIFO on */
    stub_write(IBRD, 4, 13);               /* 115200 at 24 MHz */
    stub_write(FBRD, 4, 1);
    stub_write(IMSC, 4, INT_RX | INT_RT);
    g_assert_cmpint(stub_chardev_can_read(), ==, PL011_FIFO_DEPTH);
    /* IFLS 0x12: RX at half full (8 of 16). */
    stub_chardev_input((const uint8_t *)"0123456", 7);
    g_assert_cmpint(line.level, ==, 0);
    stub_chardev_input((const uint8_t *)"7", 1);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmphex(stub_read(MIS, 4), ==, INT_RX);
    accepts = stub_chardev_accept_calls();
    g_assert_cmphex(stub_read(DR, 4), ==, '0');
    g_assert_cmpuint(stub_chardev_accept_calls(), >, accepts);
    /* Below the trigger: RX clears, RT follows after 32 bit times. */
    g_assert_cmpint(line.level, ==, 0);
    /* 32 bits at 115200 baud: about 278 us. */
    stub_clock_advance(CLOCK_VIRTUAL_NS, 270000);
    g_assert_cmpint(line.level, ==, 0);
    stub_clock_advance(CLOCK_VIRTUAL_NS, 10000);
    g_assert_cmphex(stub_read(MIS, 4), ==, INT_RT);
    g_assert_cmpint(line.level, ==, 1);
    for (int i = 1; i < 8; i++) {
        g_assert_cmphex(stub_read(DR, 4), ==, '0' + i);
    }
    g_assert_cmpint(line.level, ==, 0);
    g_assert_cmphex(stub_read(FR, 4) & FR_RXFE, ==, FR_RXFE);
    g_assert_cmphex(stub_read(DR, 4), ==, 0);
}

static void test_rx_overrun_and_flow_control(void)
{
    uint8_t buf[PL011_FIFO_DEPTH + 4];

    setup();
    stub_write(LCR_H, 4, 0x70);
    for (unsigned i = 0; i < sizeof(buf); i++) {
        buf[i] = 'A' + i;
    }
    /* The host is held back: only what fits is taken. */
    g_assert_cmpint(stub_chardev_input(buf, sizeof(buf)), ==,
                    PL011_FIFO_DEPTH);
    g_assert_cmpint(stub_chardev_can_read(), ==, 0);
    g_assert_cmphex(stub_read(FR, 4) & FR_RXFF, ==, FR_RXFF);
    /* Loopback into a full FIFO overruns. */
    stub_write(CR, 4, 0x381);
    stub_write(DR, 4, 'z');
    g_assert_cmphex(stub_read(RIS, 4) & INT_OE, ==, INT_OE);
    g_assert_cmphex(stub_read(RSR, 4) & 8, ==, 8);
    stub_write(RSR, 4, 0);                 /* ECR */
    g_assert_cmphex(stub_read(RSR, 4), ==, 0);
    for (unsigned i = 0; i < PL011_FIFO_DEPTH; i++) {
        g_assert_cmphex(stub_read(DR, 4) & 0xff, ==, 'A' + i);
    }
    g_assert_cmpstr(stub_chardev_output()->str, ==, "");
}

static void test_loopback(void)
{
    setup();
    stub_write(LCR_H, 4, 0x70);
    stub_write(CR, 4, 0x381);
    g_assert_cmpint(stub_chardev_can_read(), ==, 0);
    stub_write(DR, 4, 'x');
    stub_write(DR, 4, 'y');
    g_assert_cmpstr(stub_chardev_output()->str, ==, "");
    g_assert_cmphex(stub_read(DR, 4), ==, 'x');
    g_assert_cmphex(stub_read(DR, 4), ==, 'y');
}

static void test_break(void)
{
    setup();
    stub_write(IMSC, 4, INT_BE);
    stub_chardev_event(CHR_EVENT_BREAK);
    g_assert_cmpint(line.level, ==, 1);
    /* DR bit 10: break error, with a NUL character. */
    g_assert_cmphex(stub_read(DR, 4), ==, 0x400);
    g_assert_cmphex(stub_read(RSR, 4), ==, 4);
    stub_write(ICR, 4, 0x7ff);
    g_assert_cmpint(line.level, ==, 0);
}

static void test_fen_toggle_flushes(void)
{
    setup();
    stub_write(LCR_H, 4, 0x70);
    stub_chardev_input((const uint8_t *)"abc", 3);
    stub_write(LCR_H, 4, 0x60);
    g_assert_cmphex(stub_read(FR, 4) & FR_RXFE, ==, FR_RXFE);
}

static void test_reset_clears(void)
{
    setup();
    stub_write(IMSC, 4, INT_RX);
    stub_chardev_input((const uint8_t *)"q", 1);
    g_assert_cmpint(line.level, ==, 1);
    device_reset(uart);
    g_assert_cmpint(line.level, ==, 0);
    g_assert_cmphex(stub_read(FR, 4) & FR_RXFE, ==, FR_RXFE);
}

static void test_nonsense_is_ignored(void)
{
    size_t logged;

    setup();
    logged = stub_log_size();
    stub_write(BASE + 0x100, 4, 0xffffffff);
    stub_write(BASE + 0xfe0, 4, 0);
    stub_write(FR, 4, 0xff);
    stub_write(BASE + 0x3, 1, 0xff);
    g_assert_cmphex(stub_read(BASE + 0x4c, 4), ==, 0);
    g_assert_cmphex(stub_read(BASE + 0xfe1, 1), ==, 0);
    g_assert_cmphex(stub_read(ICR, 4), ==, 0);
    g_assert_cmphex(stub_read(BASE + 0xfe0, 4), ==, 0x11);
    g_assert_cmphex(stub_read(FR, 4) & 0xf8, ==, FR_RXFE | FR_TXFE);
    g_assert_cmpuint(stub_log_size(), >, logged);
    g_assert_cmpint(line.level, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    stub_log_capture();
    g_test_add_func("/pl011/reset", test_reset_state);
    g_test_add_func("/pl011/id", test_id_registers);
    g_test_add_func("/pl011/transmit", test_transmit);
    g_test_add_func("/pl011/rx-no-fifo", test_rx_no_fifo);
    g_test_add_func("/pl011/rx-fifo", test_rx_fifo_trigger_and_timeout);
    g_test_add_func("/pl011/overrun", test_rx_overrun_and_flow_control);
    g_test_add_func("/pl011/loopback", test_loopback);
    g_test_add_func("/pl011/break", test_break);
    g_test_add_func("/pl011/fen-toggle", test_fen_toggle_flushes);
    g_test_add_func("/pl011/reset-clears", test_reset_clears);
    g_test_add_func("/pl011/nonsense", test_nonsense_is_ignored);
    return g_test_run();
}
