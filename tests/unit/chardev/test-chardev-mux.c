/* SPDX-License-Identifier: MIT */
/* The mux: Ctrl-A escapes, focus switching, shared output, events. */
#include "chr-test.h"

typedef struct MuxFixture {
    Chardev *mux;
    TestFe mon, ser;      /* attached in QEMU's order: monitor, serial */
    int fd;               /* the test's end of the socket backend */
} MuxFixture;

static void mux_setup(MuxFixture *f, bool connect_first)
{
    int port = free_tcp_port();
    char *opt = g_strdup_printf("socket,id=mx,host=127.0.0.1,port=%d,"
                                "server=on,wait=off,mux=on", port);
    GError *err = NULL;

    f->mux = chardev_new_from_opts(opt, &err);
    g_assert_no_error(err);
    g_assert_true(chr_is_mux(f->mux));
    g_assert_true(chardev_find("mx") == f->mux);
    if (connect_first) {
        f->fd = tcp_connect(port);
        /* the base socket accepts before any frontend is there */
        iterate_for_ms(30);
    }
    test_fe_init(&f->mon);
    test_fe_init(&f->ser);
    g_assert_cmpint(test_fe_attach(&f->mon, f->mux), ==, 0);
    g_assert_cmpint(test_fe_attach(&f->ser, f->mux), ==, 1);
    if (!connect_first) {
        f->fd = tcp_connect(port);
    }
    ITERATE_UNTIL(f->ser.events[CHR_EVENT_OPENED] == 1 &&
                  f->mon.events[CHR_EVENT_OPENED] == 1);
    g_free(opt);
}

static void mux_teardown(MuxFixture *f)
{
    close(f->fd);
    chardev_delete_all();
    test_fe_free(&f->mon);
    test_fe_free(&f->ser);
}

static void test_focus_and_escapes(void)
{
    MuxFixture f;

    mux_setup(&f, false);
    /* The last frontend attached has the focus; the first lost it. */
    g_assert_cmpint(f.ser.events[CHR_EVENT_MUX_IN], ==, 1);
    g_assert_cmpint(f.mon.events[CHR_EVENT_MUX_OUT], ==, 1);

    send_str(f.fd, "ls\r");
    ITERATE_UNTIL(f.ser.in->len == 3);
    g_assert_cmpstr(f.ser.in->str, ==, "ls\r");
    g_assert_cmpint(f.mon.in->len, ==, 0);

    /* Ctrl-A c: the monitor gets the focus, and the input after it */
    send_str(f.fd, "\001cinfo");
    ITERATE_UNTIL(f.mon.in->len == 4);
    g_assert_cmpstr(f.mon.in->str, ==, "info");
    g_assert_cmpint(f.ser.events[CHR_EVENT_MUX_OUT], ==, 1);
    /* (its first MUX_IN came when it was attached alone) */
    g_assert_cmpint(f.mon.events[CHR_EVENT_MUX_IN], ==, 2);
    g_assert_cmpstr(f.ser.in->str, ==, "ls\r");

    /* Ctrl-A Ctrl-A sends one Ctrl-A; an escape split across reads too */
    send_str(f.fd, "\001");
    iterate_for_ms(20);
    send_str(f.fd, "\001z");
    ITERATE_UNTIL(f.mon.in->len == 6);
    g_assert_cmpstr(f.mon.in->str, ==, "info\001z");

    /* unknown commands are swallowed */
    send_str(f.fd, "\001q.");
    ITERATE_UNTIL(f.mon.in->len == 7);
    g_assert_cmpstr(f.mon.in->str, ==, "info\001z.");

    /* and back to the serial port */
    send_str(f.fd, "\001cy");
    ITERATE_UNTIL(f.ser.in->len == 4);
    g_assert_cmpstr(f.ser.in->str, ==, "ls\ry");
    g_assert_cmpint(f.ser.events[CHR_EVENT_MUX_IN], ==, 2);

    /* Ctrl-A b: a break for the focused frontend only */
    send_str(f.fd, "\001b");
    ITERATE_UNTIL(f.ser.events[CHR_EVENT_BREAK] == 1);
    g_assert_cmpint(f.mon.events[CHR_EVENT_BREAK], ==, 0);
    mux_teardown(&f);
}

static void test_output_and_help(void)
{
    MuxFixture f;
    char *got;

    mux_setup(&f, true);
    /* Every frontend writes to the backend, focused or not. */
    chr_write(f.mux, (const uint8_t *)"[serial]", 8);
    chr_write(f.mux, (const uint8_t *)"[monitor]", 9);
    got = recv_until(f.fd, "[monitor]");
    g_assert_cmpstr(got, ==, "[serial][monitor]");
    g_free(got);

    send_str(f.fd, "\001h");
    got = recv_until(f.fd, "sends C-a\n\r");
    g_assert_nonnull(strstr(got, "C-a x    exit emulator\n\r"));
    g_assert_nonnull(strstr(got, "C-a c    switch between console and "
                            "monitor"));
    g_free(got);
    g_assert_cmpint(f.ser.in->len, ==, 0);

    /* Ctrl-A t: timestamps at the start of each line */
    send_str(f.fd, "\001t");
    iterate_for_ms(30);
    chr_write(f.mux, (const uint8_t *)"a\nb\n", 4);
    got = recv_until(f.fd, "b\n");
    g_assert_true(g_str_has_prefix(got, "a\n[00:00:00."));
    g_assert_true(g_str_has_suffix(got, "] b\n"));
    g_free(got);
    mux_teardown(&f);
}

static void test_quit(void)
{
    MuxFixture f;
    char *got;

    mux_setup(&f, true);
    shutdown_requests = 0;
    send_str(f.fd, "\001x");
    got = recv_until(f.fd, "Terminated");
    g_assert_cmpstr(got, ==, "vemu: Terminated\n\r");
    g_free(got);
    g_assert_cmpint(shutdown_requests, ==, 1);
    g_assert_cmpint(shutdown_cause, ==, SHUTDOWN_HOST_UI);
    g_assert_cmpint(f.ser.in->len, ==, 0);
    mux_teardown(&f);
}

/* A busy frontend holds input in the mux and the backend. */
static void test_flow_control(void)
{
    MuxFixture f;

    mux_setup(&f, true);
    f.ser.room = 0;
    send_str(f.fd, "0123456789");
    iterate_for_ms(50);
    g_assert_cmpint(f.ser.in->len, ==, 0);
    f.ser.room = 4;
    chr_accept_input(f.mux);
    ITERATE_UNTIL(f.ser.in->len == 4);
    iterate_for_ms(20);
    g_assert_cmpstr(f.ser.in->str, ==, "0123");
    f.ser.room = -1;
    chr_accept_input(f.mux);
    ITERATE_UNTIL(f.ser.in->len == 10);
    g_assert_cmpstr(f.ser.in->str, ==, "0123456789");
    /* explicit focus setting sends the events */
    chr_mux_set_focus(f.mux, f.mon.handle);
    g_assert_cmpint(f.mon.events[CHR_EVENT_MUX_IN], ==, 2);
    g_assert_cmpint(f.ser.events[CHR_EVENT_MUX_OUT], ==, 1);
    mux_teardown(&f);
}

/* Backend events reach every frontend. */
static void test_disconnect_events(void)
{
    MuxFixture f;

    mux_setup(&f, false);
    close(f.fd);
    ITERATE_UNTIL(f.ser.events[CHR_EVENT_CLOSED] == 1 &&
                  f.mon.events[CHR_EVENT_CLOSED] == 1);
    f.fd = -1;
    mux_teardown(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/chardev/mux/focus-and-escapes", test_focus_and_escapes);
    g_test_add_func("/chardev/mux/output-and-help", test_output_and_help);
    g_test_add_func("/chardev/mux/quit", test_quit);
    g_test_add_func("/chardev/mux/flow-control", test_flow_control);
    g_test_add_func("/chardev/mux/disconnect-events", test_disconnect_events);
    return g_test_run();
}
