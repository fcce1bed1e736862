/* SPDX-License-Identifier: MIT */
/* Socket chardevs: TCP/unix servers and clients, events, flow control. */
#include <stdio.h>
#include <stdlib.h>

#include "chr-test.h"

static Chardev *new_chr(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static Chardev *new_chr(const char *fmt, ...)
{
    GError *err = NULL;
    va_list ap;
    char *opt;
    Chardev *chr;

    va_start(ap, fmt);
    opt = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    chr = chardev_new_from_opts(opt, &err);
    g_assert_no_error(err);
    g_assert_nonnull(chr);
    g_free(opt);
    return chr;
}

static void test_tcp_server_nowait(void)
{
    int port = free_tcp_port();
    Chardev *chr = new_chr("socket,id=s0,host=127.0.0.1,port=%d,server=on,"
                           "wait=off,nodelay=on", port);
    TestFe fe;
    char *got;
    int fd;

    test_fe_init(&fe);
    g_assert_cmpint(test_fe_attach(&fe, chr), ==, 0);
    /* No client yet: no OPENED, and output is dropped without blocking. */
    g_assert_cmpint(fe.events[CHR_EVENT_OPENED], ==, 0);
    g_assert_cmpint(chr_write(chr, (const uint8_t *)"void", 4), ==, 4);

    fd = tcp_connect(port);
    ITERATE_UNTIL(fe.events[CHR_EVENT_OPENED] == 1);
    g_assert_true(g_str_has_prefix(chardev_filename(chr), "tcp:127.0.0.1:"));
    g_assert_nonnull(strstr(chardev_filename(chr), " <-> 127.0.0.1:"));

    send_str(fd, "hello");
    ITERATE_UNTIL(fe.in->len == 5);
    g_assert_cmpstr(fe.in->str, ==, "hello");

    g_assert_cmpint(chr_write(chr, (const uint8_t *)"world", 5), ==, 5);
    got = recv_until(fd, "world");
    g_assert_cmpstr(got, ==, "world");
    g_free(got);

    close(fd);
    ITERATE_UNTIL(fe.events[CHR_EVENT_CLOSED] == 1);
    g_assert_true(g_str_has_prefix(chardev_filename(chr), "disconnected:"));

    /* The server takes the next client. */
    fd = tcp_connect(port);
    ITERATE_UNTIL(fe.events[CHR_EVENT_OPENED] == 2);
    send_str(fd, "!");
    ITERATE_UNTIL(fe.in->len == 6);
    close(fd);
    ITERATE_UNTIL(fe.events[CHR_EVENT_CLOSED] == 2);

    chardev_delete_all();
    test_fe_free(&fe);
}

/* One client at a time: a second one waits until the first leaves. */
static void test_tcp_one_client(void)
{
    int port = free_tcp_port();
    Chardev *chr = new_chr("socket,id=s1,host=127.0.0.1,port=%d,server=on,"
                           "wait=off", port);
    TestFe fe;
    int a, b;

    test_fe_init(&fe);
    test_fe_attach(&fe, chr);
    a = tcp_connect(port);
    ITERATE_UNTIL(fe.events[CHR_EVENT_OPENED] == 1);
    b = tcp_connect(port);   /* sits in the backlog */
    send_str(b, "B");
    send_str(a, "A");
    ITERATE_UNTIL(fe.in->len == 1);
    iterate_for_ms(50);
    g_assert_cmpstr(fe.in->str, ==, "A");
    close(a);
    ITERATE_UNTIL(fe.events[CHR_EVENT_OPENED] == 2);
    g_assert_cmpint(fe.events[CHR_EVENT_CLOSED], ==, 1);
    ITERATE_UNTIL(fe.in->len == 2);
    g_assert_cmpstr(fe.in->str, ==, "AB");
    close(b);
    chardev_delete_all();
    test_fe_free(&fe);
}

/* Input is read only as fast as the frontend's can_read allows. */
static void test_flow_control(void)
{
    int port = free_tcp_port();
    Chardev *chr = new_chr("socket,id=s2,host=127.0.0.1,port=%d,server=on,"
                           "wait=off", port);
    TestFe fe;
    int fd;

    test_fe_init(&fe);
    fe.room = 3;
    test_fe_attach(&fe, chr);
    fd = tcp_connect(port);
    ITERATE_UNTIL(fe.events[CHR_EVENT_OPENED] == 1);
    send_str(fd, "0123456789");
    ITERATE_UNTIL(fe.in->len == 3);
    iterate_for_ms(50);
    /* test_fe_read asserts it never got more than room */
    g_assert_cmpstr(fe.in->str, ==, "012");
    g_assert_cmpint(fe.room, ==, 0);

    fe.room = 4;
    chr_accept_input(chr);
    ITERATE_UNTIL(fe.in->len == 7);
    iterate_for_ms(20);
    g_assert_cmpstr(fe.in->str, ==, "0123456");
    fe.room = -1;
    chr_accept_input(chr);
    ITERATE_UNTIL(fe.in->len == 10);
    g_assert_cmpstr(fe.in->str, ==, "0123456789");
    close(fd);
    chardev_delete_all();
    test_fe_free(&fe);
}

static void test_unix_server_and_client(void)
{
    char *dir = g_dir_make_tmp("vemu-sock-XXXXXX", NULL);
    char *path = g_build_filename(dir, "s.sock", NULL);
    Chardev *srv = new_chr("socket,id=u0,path=%s,server=on,wait=off", path);
    Chardev *cli;
    TestFe fs, fc;
    int fd;

    test_fe_init(&fs);
    test_fe_init(&fc);
    test_fe_attach(&fs, srv);
    g_assert_nonnull(strstr(chardev_filename(srv), "unix:"));

    /* A raw client first */
    fd = unix_connect(path);
    ITERATE_UNTIL(fs.events[CHR_EVENT_OPENED] == 1);
    send_str(fd, "raw");
    ITERATE_UNTIL(fs.in->len == 3);
    close(fd);
    ITERATE_UNTIL(fs.events[CHR_EVENT_CLOSED] == 1);

    /* Then a chardev in client mode, connected at creation. */
    cli = new_chr("socket,id=u1,path=%s", path);
    test_fe_attach(&fc, cli);
    g_assert_cmpint(fc.events[CHR_EVENT_OPENED], ==, 1);
    ITERATE_UNTIL(fs.events[CHR_EVENT_OPENED] == 2);
    chr_write(cli, (const uint8_t *)"ping", 4);
    ITERATE_UNTIL(fs.in->len == 7);
    chr_write(srv, (const uint8_t *)"pong", 4);
    ITERATE_UNTIL(fc.in->len == 4);
    g_assert_cmpstr(fs.in->str, ==, "rawping");
    g_assert_cmpstr(fc.in->str, ==, "pong");

    chardev_delete_all();
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    rmdir(dir);
    test_fe_free(&fs);
    test_fe_free(&fc);
    g_free(path);
    g_free(dir);
}

static void test_tcp_client(void)
{
    int port = free_tcp_port();
    char *opt = g_strdup_printf("socket,id=c0,host=127.0.0.1,port=%d", port);
    GError *err = NULL;
    Chardev *srv, *cli;
    TestFe fs, fc;

    /* Nobody listening: the error names the option and the address. */
    g_assert_null(chardev_new_from_opts(opt, &err));
    g_assert_nonnull(err);
    g_assert_true(g_str_has_prefix(err->message, "-chardev "));
    g_assert_true(g_str_has_prefix(err->message + 9, opt));
    g_assert_nonnull(strstr(err->message, "Failed to connect to"));
    g_assert_nonnull(strstr(err->message, "Connection refused"));
    g_clear_error(&err);

    srv = new_chr("socket,id=s3,host=127.0.0.1,port=%d,server=on,wait=off",
                  port);
    cli = chardev_new_from_opts(opt, &err);
    g_assert_no_error(err);
    test_fe_init(&fs);
    test_fe_init(&fc);
    test_fe_attach(&fs, srv);
    test_fe_attach(&fc, cli);
    ITERATE_UNTIL(fs.events[CHR_EVENT_OPENED] == 1);
    chr_write(cli, (const uint8_t *)"x", 1);
    ITERATE_UNTIL(fs.in->len == 1);
    chardev_delete_all();
    test_fe_free(&fs);
    test_fe_free(&fc);
    g_free(opt);
}

/* A client with reconnect=N waits for its server instead of failing. */
static void test_tcp_client_reconnect(void)
{
    int port = free_tcp_port();
    Chardev *cli = new_chr("socket,id=c1,host=127.0.0.1,port=%d,reconnect=1",
                           port);
    Chardev *srv;
    TestFe fs, fc;

    test_fe_init(&fs);
    test_fe_init(&fc);
    test_fe_attach(&fc, cli);
    g_assert_cmpint(fc.events[CHR_EVENT_OPENED], ==, 0);
    srv = new_chr("socket,id=s4,host=127.0.0.1,port=%d,server=on,wait=off",
                  port);
    test_fe_attach(&fs, srv);
    ITERATE_UNTIL(fc.events[CHR_EVENT_OPENED] == 1 &&
                  fs.events[CHR_EVENT_OPENED] == 1);
    chardev_delete_all();
    test_fe_free(&fs);
    test_fe_free(&fc);
}

static void test_bind_errors(void)
{
    int port = free_tcp_port();
    char *opt = g_strdup_printf("socket,id=b,host=127.0.0.1,port=%d,"
                                "server=on,wait=off", port);
    char *want = g_strdup_printf("-chardev %s: Failed to bind socket to "
                                 "127.0.0.1:%d: Address already in use",
                                 opt, port);
    GError *err = NULL;

    new_chr("socket,id=a,host=127.0.0.1,port=%d,server=on,wait=off", port);
    g_assert_null(chardev_new_from_opts(opt, &err));
    g_assert_cmpstr(err->message, ==, want);
    g_clear_error(&err);
    g_assert_null(chardev_find("b"));

    g_assert_null(chardev_new_from_opts(
        "socket,id=b,path=/nonexistent/dir/s,server=on,wait=off", &err));
    g_assert_nonnull(strstr(err->message, "Failed to bind socket to "
                            "/nonexistent/dir/s: No such file"));
    g_clear_error(&err);
    g_assert_null(chardev_new_from_opts(
        "socket,id=b,host=127.0.0.1,port=1,server=maybe", &err));
    g_assert_nonnull(strstr(err->message, "'server' expects"));
    g_clear_error(&err);
    chardev_delete_all();
    g_free(want);
    g_free(opt);
}

/* wait=on: creation blocks until a client comes, and says so. */
static gpointer late_client(gpointer opaque)
{
    int port = GPOINTER_TO_INT(opaque);
    struct sockaddr_in sa = { .sin_family = AF_INET };
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(port);
    for (int i = 0; i < 300; i++) {
        if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
            send_str(fd, "early");
            return GINT_TO_POINTER(fd);
        }
        g_usleep(10000);
    }
    return GINT_TO_POINTER(-1);
}

static void test_tcp_server_wait(void)
{
    int port = free_tcp_port();
    GThread *t = g_thread_new("client", late_client, GINT_TO_POINTER(port));
    Chardev *chr = new_chr("socket,id=w,host=127.0.0.1,port=%d,server=on",
                           port);
    TestFe fe;
    int fd;

    /* Connected before returning: the frontend sees OPENED at attach. */
    test_fe_init(&fe);
    test_fe_attach(&fe, chr);
    g_assert_cmpint(fe.events[CHR_EVENT_OPENED], ==, 1);
    fd = GPOINTER_TO_INT(g_thread_join(t));
    g_assert_cmpint(fd, >=, 0);
    ITERATE_UNTIL(fe.in->len == 5);
    g_assert_cmpstr(fe.in->str, ==, "early");
    close(fd);
    chardev_delete_all();
    test_fe_free(&fe);
}

/* Writers on several threads at once, as vCPUs do. */
static gpointer writer(gpointer opaque)
{
    Chardev *chr = opaque;

    for (int i = 0; i < 1000; i++) {
        chr_write(chr, (const uint8_t *)"abcdefgh", 8);
    }
    return NULL;
}

static void test_threaded_writes(void)
{
    int port = free_tcp_port();
    Chardev *chr = new_chr("socket,id=t,host=127.0.0.1,port=%d,server=on,"
                           "wait=off", port);
    GThread *t[4];
    size_t total = 0;
    TestFe fe;
    int fd;

    test_fe_init(&fe);
    test_fe_attach(&fe, chr);
    fd = tcp_connect(port);
    ITERATE_UNTIL(fe.events[CHR_EVENT_OPENED] == 1);
    for (int i = 0; i < 4; i++) {
        t[i] = g_thread_new("w", writer, chr);
    }
    while (total < 4 * 8000) {
        char buf[4096];
        ssize_t n = read(fd, buf, sizeof(buf));

        g_assert_cmpint(n, >, 0);
        /* whole 8-byte records: writes do not interleave mid-buffer */
        for (ssize_t k = 0; k < n; k++) {
            g_assert_cmpint(buf[k], ==, "abcdefgh"[(total + k) % 8]);
        }
        total += n;
    }
    for (int i = 0; i < 4; i++) {
        g_thread_join(t[i]);
    }
    close(fd);
    chardev_delete_all();
    test_fe_free(&fe);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/chardev/socket/tcp-server-nowait",
                    test_tcp_server_nowait);
    g_test_add_func("/chardev/socket/one-client", test_tcp_one_client);
    g_test_add_func("/chardev/socket/flow-control", test_flow_control);
    g_test_add_func("/chardev/socket/unix", test_unix_server_and_client);
    g_test_add_func("/chardev/socket/tcp-client", test_tcp_client);
    g_test_add_func("/chardev/socket/tcp-client-reconnect",
                    test_tcp_client_reconnect);
    g_test_add_func("/chardev/socket/bind-errors", test_bind_errors);
    g_test_add_func("/chardev/socket/tcp-server-wait", test_tcp_server_wait);
    g_test_add_func("/chardev/socket/threaded-writes", test_threaded_writes);
    return g_test_run();
}
