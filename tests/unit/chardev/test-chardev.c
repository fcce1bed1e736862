/* SPDX-License-Identifier: MIT */
/* Chardev option parsing, legacy specs, file/null/pty backends, errors. */
#include <stddef.h>
#include <stdlib.h>

#include "chr-test.h"
#include "vemu/device.h"

static char *tmpdir;

static char *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

/* Create must fail with a message containing each of the given parts. */
static void expect_error(const char *optarg, const char *part1,
                         const char *part2)
{
    GError *err = NULL;
    Chardev *chr = chardev_new_from_opts(optarg, &err);

    g_assert_null(chr);
    g_assert_nonnull(err);
    if (g_test_verbose()) {
        g_printerr("%s\n", err->message);
    }
    g_assert_true(g_str_has_prefix(err->message, "-chardev "));
    g_assert_nonnull(strstr(err->message, part1));
    if (part2) {
        g_assert_nonnull(strstr(err->message, part2));
    }
    g_error_free(err);
}

static void test_file_write(void)
{
    char *path = tmp_path("out.log");
    char *opt = g_strdup_printf("file,id=f0,path=%s", path);
    GError *err = NULL;
    Chardev *chr;
    char *data;

    chr = chardev_new_from_opts(opt, &err);
    g_assert_no_error(err);
    g_assert_true(chardev_find("f0") == chr);
    g_assert_cmpstr(chardev_id(chr), ==, "f0");
    g_assert_cmpint(chr_write(chr, (const uint8_t *)"hello ", 6), ==, 6);
    g_assert_cmpint(chr_write(chr, (const uint8_t *)"world\n", 6), ==, 6);
    g_assert_true(g_file_get_contents(path, &data, NULL, NULL));
    g_assert_cmpstr(data, ==, "hello world\n");
    g_free(data);
    chardev_delete_all();
    g_assert_null(chardev_find("f0"));

    /* Reopening truncates; append=on keeps what was there. */
    chr = chardev_new_from_opts(opt, &err);
    g_assert_no_error(err);
    chr_write(chr, (const uint8_t *)"one\n", 4);
    chardev_delete_all();
    g_free(opt);
    opt = g_strdup_printf("file,id=f1,path=%s,append=on", path);
    chr = chardev_new_from_opts(opt, &err);
    g_assert_no_error(err);
    chr_write(chr, (const uint8_t *)"two\n", 4);
    g_assert_true(g_file_get_contents(path, &data, NULL, NULL));
    g_assert_cmpstr(data, ==, "one\ntwo\n");
    g_free(data);
    chardev_delete_all();
    g_free(opt);
    g_free(path);
}

static void test_null(void)
{
    GError *err = NULL;
    Chardev *chr = chardev_new_from_opts("null,id=n0", &err);
    TestFe fe;

    g_assert_no_error(err);
    test_fe_init(&fe);
    g_assert_cmpint(test_fe_attach(&fe, chr), ==, 0);
    /* A null backend is open from the start. */
    g_assert_cmpint(fe.events[CHR_EVENT_OPENED], ==, 1);
    g_assert_cmpint(chr_write(chr, (const uint8_t *)"xyz", 3), ==, 3);
    /* A plain backend takes a single frontend. */
    g_assert_cmpint(test_fe_attach(&fe, chr), ==, -1);
    g_assert_false(chr_is_mux(chr));
    chardev_delete_all();
    test_fe_free(&fe);
}

static void test_comma_escape(void)
{
    char *path = tmp_path("a,b.log");
    char *esc = tmp_path("a,,b.log");
    char *opt = g_strdup_printf("file,id=f2,path=%s", esc);
    GError *err = NULL;
    Chardev *chr = chardev_new_from_opts(opt, &err);

    g_assert_no_error(err);
    chr_write(chr, (const uint8_t *)"c", 1);
    g_assert_true(g_file_test(path, G_FILE_TEST_EXISTS));
    chardev_delete_all();
    g_free(opt);
    g_free(esc);
    g_free(path);
}

static void test_bad_options(void)
{
    GError *err = NULL;
    Chardev *chr;

    expect_error("nosuch,id=x", "'nosuch' is not a valid char driver name",
                 NULL);
    expect_error("null", "Parameter 'id' is missing", NULL);
    expect_error("id=x", "Parameter 'backend' is missing", NULL);
    expect_error("file,id=x", "-chardev file,id=x: ", "no filename given");
    expect_error("file,id=x,path=/nonexistent/dir/f", "Could not open",
                 "No such file or directory");
    expect_error("null,id=x,bogus=1", "Invalid parameter 'bogus'", NULL);
    expect_error("null,id=x,mux=maybe", "Parameter 'mux' expects", NULL);
    expect_error("socket,id=x,host=127.0.0.1", "no port given", NULL);
    expect_error("socket,id=x,port=5,server=on,telnet=on",
                 "telnet=on is not supported", NULL);
    expect_error("socket,id=x,host=127.0.0.1,port=5,wait=off",
                 "'wait' option is incompatible", NULL);
    expect_error("socket,id=x,path=/tmp/x,host=a", "conflicts", NULL);

    /* Duplicate ids, also against the base of a mux. */
    chr = chardev_new_from_opts("null,id=dup", &err);
    g_assert_no_error(err);
    expect_error("null,id=dup", "Duplicate ID 'dup' for chardev", NULL);
    chr = chardev_new_from_opts("null,id=m,mux=on", &err);
    g_assert_no_error(err);
    g_assert_true(chr_is_mux(chr));
    g_assert_nonnull(chardev_find("m-base"));
    expect_error("null,id=m-base", "Duplicate ID 'm-base'", NULL);
    chardev_delete_all();
}

static void test_legacy(void)
{
    char *path = tmp_path("serial.log");
    char *spec = g_strdup_printf("file:%s", path);
    GError *err = NULL;
    Chardev *chr, *c2;
    char *data;

    /* "none" is no chardev and no error */
    g_assert_null(chardev_new_from_legacy("none", "serial", &err));
    g_assert_no_error(err);

    chr = chardev_new_from_legacy("null", "serial", &err);
    g_assert_no_error(err);
    g_assert_cmpstr(chardev_id(chr), ==, "serial0");
    chr = chardev_new_from_legacy(spec, "serial", &err);
    g_assert_no_error(err);
    g_assert_cmpstr(chardev_id(chr), ==, "serial1");
    chr_write(chr, (const uint8_t *)"legacy", 6);
    g_assert_true(g_file_get_contents(path, &data, NULL, NULL));
    g_assert_cmpstr(data, ==, "legacy");
    g_free(data);

    /* A numbered prefix is used as it is while free. */
    chr = chardev_new_from_legacy("null", "monitor0", &err);
    g_assert_no_error(err);
    g_assert_cmpstr(chardev_id(chr), ==, "monitor0");

    /* mon:X puts a mux in front of X */
    chr = chardev_new_from_legacy("mon:null", "compat_monitor", &err);
    g_assert_no_error(err);
    g_assert_true(chr_is_mux(chr));
    g_assert_cmpstr(chardev_id(chr), ==, "compat_monitor0");

    /* chardev:ID refers to an existing one */
    c2 = chardev_new_from_legacy("chardev:serial1", "serial", &err);
    g_assert_no_error(err);
    g_assert_true(c2 == chardev_find("serial1"));
    g_assert_null(chardev_new_from_legacy("chardev:nope", "serial", &err));
    g_assert_nonnull(strstr(err->message, "-serial chardev:nope"));
    g_clear_error(&err);

    /* errors name the option the spec came from */
    g_assert_null(chardev_new_from_legacy("bogus:1", "serial", &err));
    g_assert_cmpstr(err->message, ==,
                    "-serial bogus:1: 'bogus' is not a valid char driver "
                    "name");
    g_clear_error(&err);
    g_assert_null(chardev_new_from_legacy("tcp:nocolon", "monitor", &err));
    g_assert_true(g_str_has_prefix(err->message, "-monitor tcp:nocolon: "));
    g_clear_error(&err);
    g_assert_null(chardev_new_from_legacy("file:", "serial", &err));
    g_assert_nonnull(strstr(err->message, "no filename given"));
    g_clear_error(&err);

    chardev_delete_all();
    g_free(spec);
    g_free(path);
}

static void test_legacy_sockets(void)
{
    int port = free_tcp_port();
    char *spec = g_strdup_printf("tcp:127.0.0.1:%d,server=on,wait=off", port);
    char *upath = tmp_path("legacy.sock");
    char *uspec = g_strdup_printf("unix:%s,server,nowait", upath);
    char *want;
    GError *err = NULL;
    Chardev *chr;
    TestFe fe;
    int fd;

    chr = chardev_new_from_legacy(spec, "serial", &err);
    g_assert_no_error(err);
    want = g_strdup_printf("disconnected:tcp:127.0.0.1:%d,server=on", port);
    g_assert_cmpstr(chardev_filename(chr), ==, want);
    test_fe_init(&fe);
    test_fe_attach(&fe, chr);
    fd = tcp_connect(port);
    ITERATE_UNTIL(fe.events[CHR_EVENT_OPENED] == 1);
    send_str(fd, "hi");
    ITERATE_UNTIL(fe.in->len == 2);
    close(fd);

    /* the old "server,nowait" spelling still works */
    chr = chardev_new_from_legacy(uspec, "serial", &err);
    g_assert_no_error(err);
    g_assert_true(g_file_test(upath, G_FILE_TEST_EXISTS));
    fd = unix_connect(upath);
    close(fd);

    chardev_delete_all();
    /* a unix server removes its socket file */
    g_assert_false(g_file_test(upath, G_FILE_TEST_EXISTS));
    test_fe_free(&fe);
    g_free(want);
    g_free(uspec);
    g_free(upath);
    g_free(spec);
}

static void test_pty(void)
{
    GError *err = NULL;
    Chardev *chr = chardev_new_from_opts("pty,id=p0", &err);
    const char *name;
    char buf[16];
    TestFe fe;
    int fd;

    g_assert_no_error(err);
    g_assert_true(g_str_has_prefix(chardev_filename(chr), "pty:/dev/"));
    name = chardev_filename(chr) + 4;
    test_fe_init(&fe);
    test_fe_attach(&fe, chr);
    /* Nobody on the slave side yet: output is dropped, not queued. */
    g_assert_cmpint(fe.events[CHR_EVENT_OPENED], ==, 0);
    g_assert_cmpint(chr_write(chr, (const uint8_t *)"lost", 4), ==, 4);

    fd = open(name, O_RDWR | O_NOCTTY);
    g_assert_cmpint(fd, >=, 0);
    ITERATE_UNTIL(fe.events[CHR_EVENT_OPENED] == 1);
    g_assert_cmpint(write(fd, "in", 2), ==, 2);
    ITERATE_UNTIL(fe.in->len == 2);
    g_assert_cmpstr(fe.in->str, ==, "in");
    g_assert_cmpint(chr_write(chr, (const uint8_t *)"out", 3), ==, 3);
    g_assert_cmpint(read(fd, buf, sizeof(buf)), ==, 3);
    g_assert_cmpint(memcmp(buf, "out", 3), ==, 0);
    close(fd);
    ITERATE_UNTIL(fe.events[CHR_EVENT_CLOSED] == 1);
    chardev_delete_all();
    test_fe_free(&fe);
}

/* chardev_init lets PROP_CHARDEV properties name chardevs by id. */
typedef struct ChrUser {
    Device parent;
    Chardev *chr;
} ChrUser;

static const Property chr_user_props[] = {
    DEFINE_PROP("chardev", PROP_CHARDEV, ChrUser, chr, NULL),
    { .name = NULL },
};

static const DeviceClass chr_user_class = {
    .name = "chr-user",
    .instance_size = sizeof(ChrUser),
    .props = chr_user_props,
};

static void test_prop_lookup(void)
{
    GError *err = NULL;
    Chardev *chr = chardev_new_from_opts("null,id=pl0", &err);
    ChrUser *u;

    g_assert_no_error(err);
    chardev_init();
    u = (ChrUser *)device_new_class(&chr_user_class);
    g_assert_true(device_set_prop(&u->parent, "chardev", "pl0", &err));
    g_assert_no_error(err);
    g_assert_true(u->chr == chr);
    g_assert_false(device_set_prop(&u->parent, "chardev", "nope", &err));
    g_assert_nonnull(strstr(err->message, "nope"));
    g_clear_error(&err);
    device_free(&u->parent);
    chardev_delete_all();
}

int main(int argc, char **argv)
{
    char *cmd;
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("vemu-chr-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/chardev/file/write", test_file_write);
    g_test_add_func("/chardev/null", test_null);
    g_test_add_func("/chardev/opts/comma-escape", test_comma_escape);
    g_test_add_func("/chardev/opts/bad", test_bad_options);
    g_test_add_func("/chardev/legacy/specs", test_legacy);
    g_test_add_func("/chardev/legacy/sockets", test_legacy_sockets);
    g_test_add_func("/chardev/pty", test_pty);
    g_test_add_func("/chardev/prop-lookup", test_prop_lookup);
    ret = g_test_run();
    cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
    g_assert_cmpint(system(cmd), ==, 0);
    g_free(cmd);
    g_free(tmpdir);
    return ret;
}
