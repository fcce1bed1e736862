/* SPDX-License-Identifier: MIT */
/* The block layer: -drive parsing and its errors, raw I/O, snapshot. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "vemu/block.h"
#include "vemu/device.h"

static char *tmpdir;

static char *make_file(const char *name, size_t size, uint8_t fill)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    uint8_t *buf = g_malloc(size);

    memset(buf, fill, size);
    g_assert_true(g_file_set_contents(path, (char *)buf, size, NULL));
    g_free(buf);
    return path;
}

/* drive_add_opts(opts) fails with exactly msg. */
static void assert_drive_error(const char *opts, const char *msg)
{
    GError *err = NULL;

    g_assert_false(drive_add_opts(opts, &err));
    g_assert_nonnull(err);
    g_assert_cmpstr(err->message, ==, msg);
    g_error_free(err);
}

static void test_drive_errors(void)
{
    char *img = make_file("ok.img", 4096, 0);
    char *opts;

    assert_drive_error("file=/nonexistent/x.img,format=raw",
                       "Could not open '/nonexistent/x.img': No such file "
                       "or directory");
    /* Without format=, the probe reports the same failure. */
    assert_drive_error("file=/nonexistent/x.img",
                       "Could not open '/nonexistent/x.img': No such file "
                       "or directory");
    opts = g_strdup_printf("file=%s,format=vhdx", img);
    assert_drive_error(opts, "Unknown driver 'vhdx'");
    g_free(opts);
    opts = g_strdup_printf("file=%s,format=raw,bogus=1", img);
    assert_drive_error(opts, "Invalid parameter 'bogus'");
    g_free(opts);
    opts = g_strdup_printf("file=%s,format=raw,readonly=maybe", img);
    assert_drive_error(opts, "Parameter 'readonly' expects 'on' or 'off'");
    g_free(opts);
    opts = g_strdup_printf("file=%s,format=raw,if=scsi", img);
    assert_drive_error(opts, "unsupported bus type 'scsi'");
    g_free(opts);
    opts = g_strdup_printf("file=%s,format=raw,cache=sometimes", img);
    assert_drive_error(opts, "invalid cache option");
    g_free(opts);
    assert_drive_error("format=raw,if=none,id=nofile",
                       "A block device must be specified for \"file\"");
    opts = g_strdup_printf("file=%s,id=9bad", img);
    assert_drive_error(opts, "Parameter 'id' expects an identifier");
    g_free(opts);
    assert_drive_error("file=/tmp,format=raw",
                       "Could not open '/tmp': Is a directory");

    /* The first use of an id works; the second is a duplicate. */
    opts = g_strdup_printf("file=%s,format=raw,if=none,id=dup,cache=none",
                           img);
    g_assert_true(drive_add_opts(opts, NULL));
    assert_drive_error(opts, "Duplicate ID 'dup' for drive");
    g_free(opts);
    g_assert_nonnull(blk_by_id("dup"));
    g_assert_null(blk_by_id("nope"));
    g_free(img);
}

static void test_qcow2_refused(void)
{
    char *img = make_file("q.img", 4096, 0);
    char *opts = g_strdup_printf("file=%s", img);
    char *msg = g_strdup_printf("Image '%s' is in the qcow2 format, which "
                                "vemu does not support yet", img);
    int fd = open(img, O_WRONLY);

    g_assert_cmpint(pwrite(fd, "QFI\xfb", 4, 0), ==, 4);
    close(fd);
    assert_drive_error(opts, msg);
    g_free(msg);
    g_free(opts);
    g_free(img);
}

static void test_probed_raw_protects_sector0(void)
{
    char *img = make_file("p.img", 8192, 0x11);
    char *opts = g_strdup_printf("file=%s,id=probed", img);
    BlockBackend *blk;
    uint8_t buf[512];

    g_assert_true(drive_add_opts(opts, NULL));
    blk = blk_by_id("probed");
    g_assert_nonnull(blk);
    g_assert_cmpint(blk_getlength(blk), ==, 8192);
    memset(buf, 0, sizeof(buf));
    memcpy(buf, "QFI\xfb", 4);
    /* Would turn the image into a qcow2 one: refused. */
    g_assert_cmpint(blk_pwrite(blk, 0, buf, sizeof(buf)), ==, -EPERM);
    /* Ordinary writes to sector 0 and elsewhere are fine. */
    memset(buf, 0x22, sizeof(buf));
    g_assert_cmpint(blk_pwrite(blk, 0, buf, sizeof(buf)), ==, 0);
    g_assert_cmpint(blk_pwrite(blk, 4096, buf, sizeof(buf)), ==, 0);
    g_free(opts);
    g_free(img);
}

static void test_bounds_and_read_only(void)
{
    char *img = make_file("b.img", 4096, 0x33);
    char *opts = g_strdup_printf("file=%s,format=raw,id=ro,readonly=on",
                                 img);
    BlockBackend *blk;
    uint8_t buf[1024];

    g_assert_true(drive_add_opts(opts, NULL));
    blk = blk_by_id("ro");
    g_assert_true(blk_is_read_only(blk));
    g_assert_cmpint(blk_pread(blk, 3072, buf, 1024), ==, 0);
    g_assert_cmpuint(buf[1023], ==, 0x33);
    g_assert_cmpint(blk_pread(blk, 3584, buf, 1024), ==, -EIO);
    g_assert_cmpint(blk_pread(blk, UINT64_MAX - 10, buf, 100), ==, -EIO);
    g_assert_cmpint(blk_pwrite(blk, 0, buf, 512), ==, -EACCES);
    g_assert_cmpint(blk_flush(blk), ==, 0);
    /* One device per drive. */
    g_assert_true(blk_attach_dev(blk, &buf, NULL));
    GError *err = NULL;
    g_assert_false(blk_attach_dev(blk, &img, &err));
    g_assert_cmpstr(err->message, ==, "Drive 'ro' is already in use");
    g_error_free(err);
    g_free(opts);
    g_free(img);
}

static void test_snapshot_all(void)
{
    char *img = make_file("s.img", 16384, 0x44);
    char *opts = g_strdup_printf("file=%s,format=raw,id=snap", img);
    BlockBackend *blk;
    uint8_t buf[6000], back[6000];
    gchar *contents;
    gsize len;

    g_assert_true(drive_add_opts(opts, NULL));
    blk = blk_by_id("snap");
    g_assert_false(blk_is_snapshot(blk));
    /* -snapshot after the -drive still applies. */
    drive_set_snapshot_all();
    g_assert_true(blk_is_snapshot(blk));
    for (unsigned i = 0; i < sizeof(buf); i++) {
        buf[i] = i;
    }
    /* Unaligned, across three overlay clusters. */
    g_assert_cmpint(blk_pwrite(blk, 3000, buf, sizeof(buf)), ==, 0);
    g_assert_cmpint(blk_pread(blk, 3000, back, sizeof(back)), ==, 0);
    g_assert_cmpmem(buf, sizeof(buf), back, sizeof(back));
    g_assert_cmpint(blk_pread(blk, 2990, back, 10), ==, 0);
    g_assert_cmpuint(back[0], ==, 0x44);
    g_assert_cmpuint(back[9], ==, 0x44);
    g_assert_cmpint(blk_pread(blk, 9000, back, 10), ==, 0);
    g_assert_cmpuint(back[0], ==, 0x44);
    g_assert_cmpint(blk_flush(blk), ==, 0);
    /* The image file is untouched. */
    g_assert_true(g_file_get_contents(img, &contents, &len, NULL));
    g_assert_cmpuint(len, ==, 16384);
    for (gsize i = 0; i < len; i++) {
        if ((uint8_t)contents[i] != 0x44) {
            g_assert_cmpuint(i, ==, len);  /* report the first change */
        }
    }
    g_free(contents);
    g_free(opts);
    g_free(img);
}

static void test_prop_lookup(void)
{
    char *img = make_file("l.img", 512, 0);
    char *opts = g_strdup_printf("file=%s,format=raw,id=look,if=virtio",
                                 img);

    block_init();
    g_assert_true(drive_add_opts(opts, NULL));
    g_assert_true(prop_drive_lookup("look") == blk_by_id("look"));
    g_assert_null(prop_drive_lookup("absent"));
    g_assert_cmpint(blk_interface(blk_by_id("look")), ==, IF_VIRTIO);
    g_free(opts);
    g_free(img);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("vemu-test-block-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/block/drive-errors", test_drive_errors);
    g_test_add_func("/block/qcow2-refused", test_qcow2_refused);
    g_test_add_func("/block/probed-raw-protects-sector0",
                    test_probed_raw_protects_sector0);
    g_test_add_func("/block/bounds-and-read-only",
                    test_bounds_and_read_only);
    g_test_add_func("/block/snapshot-all", test_snapshot_all);
    g_test_add_func("/block/prop-lookup", test_prop_lookup);
    ret = g_test_run();
    block_cleanup_all();
    /* Remove the files (all plain files in tmpdir) and the dir. */
    GDir *d = g_dir_open(tmpdir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *p = g_build_filename(tmpdir, name, NULL);
        unlink(p);
        g_free(p);
    }
    if (d) {
        g_dir_close(d);
    }
    rmdir(tmpdir);
    g_free(tmpdir);
    return ret;
}
