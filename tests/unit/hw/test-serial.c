/* SPDX-License-Identifier: MIT */
/* NS16550A: LSR/IIR semantics, FIFO, DLAB, interrupts, loopback. */
#include <string.h>

#include <glib.h>

#include "stubs.h"
#include "vemu/hw/serial.h"

#define BASE 0x10000000ull
#define RBR (BASE + 0)
#define THR (BASE + 0)
#define DLL (BASE + 0)
#define IER (BASE + 1)
#define DLM (BASE + 1)
#define IIR (BASE + 2)
#define FCR (BASE + 2)
#define LCR (BASE + 3)
#define MCR (BASE + 4)
#define LSR (BASE + 5)
#define MSR (BASE + 6)
#define SCR (BASE + 7)

static Device *uart;
static StubLine line;

static void setup(void)
{
    stub_line_init(&line);
    uart = serial_mm_create(stub_root(), BASE, 0, 230400, line.irq,
                            stub_chardev());
    g_string_truncate(stub_chardev_output(), 0);
}

static uint8_t rd(hwaddr addr)
{
    return stub_read(addr, 1);
}

static void wr(hwaddr addr, uint8_t val)
{
    stub_write(addr, 1, val);
}

static void type(const char *s)
{
    g_assert_cmpint(stub_chardev_input((const uint8_t *)s, strlen(s)), ==,
                    strlen(s));
}

static void test_thr_goes_to_chardev(void)
{
    setup();
    g_assert_cmphex(rd(LSR), ==, 0x60);        /* THRE | TEMT */
    wr(THR, 'h');
    wr(THR, 'i');
    g_assert_cmpstr(stub_chardev_output()->str, ==, "hi");
    g_assert_cmphex(rd(LSR) & 0x60, ==, 0x60);
}

static void test_rx_sets_dr_and_reads_in_order(void)
{
    setup();
    wr(FCR, 0x01);
    g_assert_cmpint(stub_chardev_can_read(), ==, 16);
    type("abc");
    g_assert_cmpint(stub_chardev_can_read(), ==, 13);
    g_assert_cmphex(rd(LSR) & 0x01, ==, 0x01);
    g_assert_cmpint(rd(RBR), ==, 'a');
    g_assert_cmpint(rd(RBR), ==, 'b');
    g_assert_cmpint(rd(RBR), ==, 'c');
    g_assert_cmphex(rd(LSR) & 0x01, ==, 0);
    g_assert_cmpint(stub_chardev_can_read(), ==, 16);
}

static void test_fifo_full_holds_input(void)
{
    uint8_t buf[20];

    setup();
    memset(buf, 'x', sizeof(buf));
    wr(FCR, 0x01);
    g_assert_cmpint(stub_chardev_input(buf, sizeof(buf)), ==, 16);
    g_assert_cmpint(stub_chardev_can_read(), ==, 0);
    /* Nothing was lost: no overrun. */
    g_assert_cmphex(rd(LSR) & 0x02, ==, 0);
    rd(RBR);
    g_assert_cmpint(stub_chardev_can_read(), ==, 1);
    /* Without FIFOs there is one holding register. */
    wr(FCR, 0x00);
    g_assert_cmpint(stub_chardev_can_read(), ==, 1);
    type("q");
    g_assert_cmpint(stub_chardev_can_read(), ==, 0);
    g_assert_cmpint(rd(RBR), ==, 'q');
}

static void test_dlab_selects_divisor(void)
{
    setup();
    wr(IER, 0x05);
    wr(LCR, 0x83);
    wr(DLL, 0x34);
    wr(DLM, 0x12);
    g_assert_cmphex(rd(DLL), ==, 0x34);
    g_assert_cmphex(rd(DLM), ==, 0x12);
    g_assert_cmpstr(stub_chardev_output()->str, ==, "");
    wr(LCR, 0x03);
    g_assert_cmphex(rd(IER), ==, 0x05);
    g_assert_cmphex(rd(LCR), ==, 0x03);
    wr(LCR, 0x83);
    g_assert_cmphex(rd(DLL), ==, 0x34);
    g_assert_cmphex(rd(DLM), ==, 0x12);
}

static void test_thre_interrupt(void)
{
    setup();
    g_assert_cmphex(rd(IIR), ==, 0x01);
    g_assert_cmpint(line.level, ==, 0);
    /* Enabling it with THR empty raises it. */
    wr(IER, 0x02);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmphex(rd(IIR), ==, 0x02);
    /* Reading IIR acknowledged it. */
    g_assert_cmpint(line.level, ==, 0);
    g_assert_cmphex(rd(IIR), ==, 0x01);
    /* Sending a byte empties THR again. */
    wr(THR, '!');
    g_assert_cmpint(line.level, ==, 1);
    wr(IER, 0x00);
    g_assert_cmpint(line.level, ==, 0);
    /* Off and on again: raised afresh (Linux's THRE test). */
    wr(IER, 0x02);
    g_assert_cmphex(rd(IIR), ==, 0x02);
}

static void test_iir_priorities(void)
{
    setup();
    wr(MCR, 0x10);                      /* loopback */
    rd(MSR);                            /* drop the deltas loopback made */
    wr(IER, 0x0f);
    g_assert_cmphex(rd(IIR), ==, 0x02);
    g_assert_cmphex(rd(IIR), ==, 0x01);
    wr(THR, 'a');                       /* loops back: data ready */
    rd(IIR);                            /* THRE, once more */
    g_assert_cmphex(rd(IIR), ==, 0x04);
    wr(THR, 'b');                       /* overrun: line status wins */
    g_assert_cmphex(rd(IIR), ==, 0x06);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmphex(rd(LSR) & 0x03, ==, 0x03);
    g_assert_cmphex(rd(LSR) & 0x02, ==, 0);   /* OE cleared by reading */
    g_assert_cmphex(rd(IIR), ==, 0x04);
    /* Without FIFOs the new byte overwrote the unread one. */
    g_assert_cmpint(rd(RBR), ==, 'b');
    g_assert_cmphex(rd(IIR), ==, 0x02);  /* THRE from the second byte */
    g_assert_cmphex(rd(IIR), ==, 0x01);
    g_assert_cmpint(line.level, ==, 0);
    /* Modem status is last: RTS changes CTS in loopback. */
    wr(MCR, 0x12);
    g_assert_cmphex(rd(IIR), ==, 0x00);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmphex(rd(MSR), ==, 0x11);       /* CTS | DCTS */
    g_assert_cmphex(rd(IIR), ==, 0x01);
    g_assert_cmpint(line.level, ==, 0);
}

static void test_rx_trigger_level(void)
{
    setup();
    wr(FCR, 0xc1);                      /* trigger at 14 */
    wr(IER, 0x01);
    type("0123456789abc");
    g_assert_cmphex(rd(IIR), ==, 0xc1);
    g_assert_cmpint(line.level, ==, 0);
    type("d");
    g_assert_cmphex(rd(IIR), ==, 0xc4);
    g_assert_cmpint(line.level, ==, 1);
    rd(RBR);
    g_assert_cmpint(line.level, ==, 0);
}

static void test_rx_timeout_below_trigger(void)
{
    /* 10-bit frames at 230400 baud: ~43 us per character. */
    int64_t four_chars = 4 * 10 * NANOSECONDS_PER_SECOND / 230400;

    setup();
    wr(LCR, 0x80);
    wr(DLL, 1);
    wr(DLM, 0);
    wr(LCR, 0x03);
    wr(FCR, 0x41);                      /* trigger at 4 */
    wr(IER, 0x01);
    type("xy");
    g_assert_cmpint(line.level, ==, 0);
    stub_clock_advance(CLOCK_VIRTUAL_NS, four_chars - 1000);
    g_assert_cmpint(line.level, ==, 0);
    stub_clock_advance(CLOCK_VIRTUAL_NS, 1000);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmphex(rd(IIR), ==, 0xcc);
    g_assert_cmpint(rd(RBR), ==, 'x');
    g_assert_cmpint(line.level, ==, 0);
    stub_clock_advance(CLOCK_VIRTUAL_NS, four_chars);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmpint(rd(RBR), ==, 'y');
    stub_clock_advance(CLOCK_VIRTUAL_NS, four_chars);
    g_assert_cmpint(line.level, ==, 0);
}

static void test_loopback(void)
{
    setup();
    wr(MCR, 0x1f);
    g_assert_cmphex(rd(MSR) & 0xf0, ==, 0xf0);
    wr(THR, 'x');
    g_assert_cmpstr(stub_chardev_output()->str, ==, "");
    g_assert_cmphex(rd(LSR) & 0x01, ==, 0x01);
    g_assert_cmpint(rd(RBR), ==, 'x');
    /* The host cannot type into a looped-back port. */
    g_assert_cmpint(stub_chardev_can_read(), ==, 0);
    wr(MCR, 0x10);
    /* All lines dropped: CTS, DSR, DCD deltas and RI's trailing edge. */
    g_assert_cmphex(rd(MSR), ==, 0x0f);
    wr(MCR, 0x00);
    g_assert_cmphex(rd(MSR) & 0xb0, ==, 0xb0);
    wr(THR, 'y');
    g_assert_cmpstr(stub_chardev_output()->str, ==, "y");
    g_assert_cmpint(stub_chardev_can_read(), ==, 1);
}

static void test_fcr_clears_rx(void)
{
    setup();
    wr(FCR, 0x01);
    type("abc");
    wr(FCR, 0x03);
    g_assert_cmphex(rd(LSR) & 0x01, ==, 0);
    g_assert_cmphex(rd(FCR) & 0xc0, ==, 0xc0);   /* IIR: FIFOs on */
    type("d");
    g_assert_cmpint(rd(RBR), ==, 'd');
}

static void test_scr_and_break(void)
{
    setup();
    wr(SCR, 0xa5);
    g_assert_cmphex(rd(SCR), ==, 0xa5);
    wr(IER, 0x04);
    stub_chardev_event(CHR_EVENT_BREAK);
    g_assert_cmpint(line.level, ==, 1);
    g_assert_cmphex(rd(LSR) & 0x11, ==, 0x11);
    g_assert_cmpint(line.level, ==, 0);
    g_assert_cmpint(rd(RBR), ==, 0);
}

static void test_reset_restores_power_on(void)
{
    setup();
    wr(LCR, 0x1b);
    wr(IER, 0x0f);
    wr(SCR, 0x12);
    wr(FCR, 0xc1);
    type("ab");
    wr(MCR, 0x1f);
    wr(LCR, 0x9b);
    g_assert_cmpint(line.level, ==, 1);
    device_reset(uart);
    g_assert_cmpint(line.level, ==, 0);
    g_assert_cmphex(rd(LCR), ==, 0);
    g_assert_cmphex(rd(IER), ==, 0);
    g_assert_cmphex(rd(MCR), ==, 0);
    g_assert_cmphex(rd(SCR), ==, 0);
    g_assert_cmphex(rd(IIR), ==, 0x01);
    g_assert_cmphex(rd(LSR), ==, 0x60);
}

static void test_nonsense_is_ignored(void)
{
    size_t logged;

    setup();
    logged = stub_log_size();
    wr(LSR, 0xff);
    wr(MSR, 0xff);
    g_assert_cmphex(rd(LSR), ==, 0x60);
    g_assert_cmphex(rd(MSR) & 0x0f, ==, 0);
    g_assert_cmpuint(stub_log_size(), >, logged);

    /* Registers 4 bytes apart: the bytes between are not registers. */
    stub_line_init(&line);
    serial_mm_create(stub_root(), BASE, 2, 230400, line.irq, NULL);
    logged = stub_log_size();
    stub_write(BASE + 4 * 7, 4, 0x5a);
    g_assert_cmphex(stub_read(BASE + 4 * 7, 4), ==, 0x5a);
    stub_write(BASE + 4 * 7 + 1, 1, 0xff);
    g_assert_cmphex(stub_read(BASE + 4 * 7 + 1, 1), ==, 0);
    g_assert_cmphex(stub_read(BASE + 4 * 7, 4), ==, 0x5a);
    g_assert_cmpuint(stub_log_size(), >, logged);
    /* No chardev: output goes nowhere, quietly. */
    stub_write(BASE, 4, 'z');
    g_assert_cmphex(stub_read(BASE + 4 * 5, 4), ==, 0x60);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    stub_log_capture();
    g_test_add_func("/serial/thr-output", test_thr_goes_to_chardev);
    g_test_add_func("/serial/rx-dr", test_rx_sets_dr_and_reads_in_order);
    g_test_add_func("/serial/fifo-full", test_fifo_full_holds_input);
    g_test_add_func("/serial/dlab", test_dlab_selects_divisor);
    g_test_add_func("/serial/thre-irq", test_thre_interrupt);
    g_test_add_func("/serial/iir-priorities", test_iir_priorities);
    g_test_add_func("/serial/rx-trigger", test_rx_trigger_level);
    g_test_add_func("/serial/rx-timeout", test_rx_timeout_below_trigger);
    g_test_add_func("/serial/loopback", test_loopback);
    g_test_add_func("/serial/fcr-clear", test_fcr_clears_rx);
    g_test_add_func("/serial/scr-break", test_scr_and_break);
    g_test_add_func("/serial/reset", test_reset_restores_power_on);
    g_test_add_func("/serial/nonsense", test_nonsense_is_ignored);
    return g_test_run();
}
