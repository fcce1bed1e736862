/* SPDX-License-Identifier: MIT */
/* The monitors on real chardevs: HMP behind a mux (focus, line editing,
 * history) and QMP over a socket (greeting per client, events). */
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "vemu/chardev.h"
#include "vemu/main-loop.h"
#include "vemu/monitor.h"

static char *tmpdir;

/* The serial port's stand-in on the mux. */
static GString *serial_in;

static int serial_can_read(void *opaque)
{
    return 1024;
}

static void serial_read(void *opaque, const uint8_t *buf, int len)
{
    g_string_append_len(serial_in, (const char *)buf, len);
}

static void serial_event(void *opaque, ChrEvent ev)
{
}

static int connect_unix(const char *path)
{
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy(un.sun_path, path, sizeof(un.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&un, sizeof(un)), ==, 0);
    return fd;
}

static void send_str(int fd, const char *s)
{
    g_assert_cmpint(send(fd, s, strlen(s), 0), ==, (ssize_t)strlen(s));
}

/* Drive the main loop, collecting fd's output until 'want' appears
 * (or ms milliseconds pass); everything read is appended to got. */
static bool recv_for(int fd, GString *got, const char *want, int ms)
{
    gint64 deadline = g_get_monotonic_time() + ms * 1000;

    while (!strstr(got->str, want) && g_get_monotonic_time() < deadline) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        char buf[4096];

        g_main_context_iteration(NULL, FALSE);
        if (poll(&pfd, 1, 5) == 1) {
            ssize_t n = read(fd, buf, sizeof(buf));

            if (n <= 0) {
                break;
            }
            g_string_append_len(got, buf, n);
        }
    }
    return strstr(got->str, want) != NULL;
}

static bool recv_until(int fd, GString *got, const char *want)
{
    return recv_for(fd, got, want, 3000);
}

static void iterate_for_ms(int ms)
{
    gint64 end = g_get_monotonic_time() + ms * 1000;

    while (g_get_monotonic_time() < end) {
        if (!g_main_context_iteration(NULL, FALSE)) {
            g_usleep(1000);
        }
    }
}

static int count(const char *hay, const char *needle)
{
    int n = 0;

    for (const char *p = hay; (p = strstr(p, needle)); p++) {
        n++;
    }
    return n;
}

/*
 * Monitors live as long as the process (vemu never detaches them), so
 * the ones these tests attach are not freed: no leak report for them.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}

static void test_hmp_on_mux(void)
{
    char *path = g_build_filename(tmpdir, "mux.sock", NULL);
    char *opt = g_strdup_printf("socket,id=mx,path=%s,server=on,wait=off,"
                                "mux=on", path);
    ChrFrontendHandlers h = {
        serial_can_read, serial_read, serial_event, NULL,
    };
    GString *got = g_string_new(NULL);
    GError *err = NULL;
    Chardev *mux;
    int fd;

    serial_in = g_string_new(NULL);
    mux = chardev_new_from_opts(opt, &err);
    g_assert_no_error(err);
    g_assert_cmpint(chr_add_frontend(mux, &h), ==, 0);
    g_assert_true(monitor_init_hmp(mux, &err));
    fd = connect_unix(path);

    /* The serial port keeps the console: no prompt, input goes there. */
    send_str(fd, "abc");
    recv_for(fd, got, "(qemu)", 200);
    g_assert_cmpstr(serial_in->str, ==, "abc");
    g_assert_null(strstr(got->str, "(qemu)"));

    /* Ctrl-A c: the banner and the prompt. */
    send_str(fd, "\x01" "c");
    g_assert_true(recv_until(fd, got, "(qemu) "));
    g_assert_true(strstr(got->str, "monitor - type 'help'"));

    /* Backspace edits the line. */
    send_str(fd, "info stax\x7f\x7f\x7ftatus\r");
    g_assert_true(recv_until(fd, got, "VM status: paused\r\n(qemu) "));

    /* Ctrl-U drops the line; Up recalls the previous one. */
    send_str(fd, "garbage\x15help stop\r");
    g_assert_true(recv_until(fd, got, "stop -- stop emulation\r\n"));
    g_assert_null(strstr(got->str, "unknown command"));
    send_str(fd, "\x1b[A\r");
    recv_for(fd, got, "never", 200);
    g_assert_cmpint(count(got->str, "stop -- stop emulation"), ==, 2);

    /* Ctrl-A c again: back to the serial port. */
    send_str(fd, "\x01" "cxyz");
    iterate_for_ms(100);
    g_assert_cmpstr(serial_in->str, ==, "abcxyz");

    close(fd);
    g_string_free(got, TRUE);
    g_free(opt);
    unlink(path);
    g_free(path);
}

static void test_qmp_on_socket(void)
{
    char *path = g_build_filename(tmpdir, "qmp.sock", NULL);
    char *opt = g_strdup_printf("socket,id=qm,path=%s,server=on,wait=off",
                                path);
    GString *got = g_string_new(NULL);
    GError *err = NULL;
    Chardev *chr;
    int fd;

    chr = chardev_new_from_opts(opt, &err);
    g_assert_no_error(err);
    g_assert_true(monitor_init_qmp(chr, &err));

    for (int client = 0; client < 2; client++) {
        g_string_truncate(got, 0);
        fd = connect_unix(path);
        g_assert_true(recv_until(fd, got, "\"capabilities\": [\"oob\"]}}"
                                          "\r\n"));
        g_assert_true(g_str_has_prefix(got->str, "{\"QMP\": "));
        /* Each client negotiates for itself. */
        send_str(fd, "{\"execute\": \"query-status\"}");
        g_assert_true(recv_until(fd, got, "CommandNotFound"));
        send_str(fd, "{\"execute\": \"qmp_capabilities\", \"id\": 1}");
        g_assert_true(recv_until(fd, got, "{\"return\": {}, \"id\": 1}"));

        /* Run-state changes come as events with a timestamp. */
        vm_start();
        g_assert_true(recv_until(fd, got, "\"event\": \"RESUME\"}"));
        g_assert_true(strstr(got->str, "{\"timestamp\": {\"seconds\": "));
        send_str(fd, "{\"execute\": \"stop\"}");
        g_assert_true(recv_until(fd, got, "\"event\": \"STOP\"}"));
        g_assert_false(runstate_is_running());
        send_str(fd, "{\"execute\": \"query-status\"}");
        g_assert_true(recv_until(fd, got, "\"status\": \"paused\""));
        close(fd);
        iterate_for_ms(50);
    }
    g_string_free(got, TRUE);
    g_free(opt);
    unlink(path);
    g_free(path);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("vemu-mon-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    chardev_init();
    bql_lock();
    g_test_add_func("/monitor/chr/hmp-on-mux", test_hmp_on_mux);
    g_test_add_func("/monitor/chr/qmp-on-socket", test_qmp_on_socket);
    ret = g_test_run();
    chardev_delete_all();
    bql_unlock();
    rmdir(tmpdir);
    return ret;
}
