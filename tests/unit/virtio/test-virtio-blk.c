/* SPDX-License-Identifier: MIT */
/* virtio-mmio + virtio-blk driven through hand-built split rings. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "vemu/block.h"
#include "vemu/log.h"
#include "vq-driver.h"

#define FEAT_V1 (1ull << VIRTIO_F_VERSION_1)
#define BLK_F_RO 5
#define BLK_F_FLUSH 9
#define DISK_SECTORS 64

#define ST_OK    0
#define ST_IOERR 1
#define ST_UNSUPP 2

/* Request layout in RAM. */
#define HDR_ADDR  (T_BUF + 0x0000)
#define DATA_ADDR (T_BUF + 0x1000)
#define STAT_ADDR (T_BUF + 0x3000)

static char *disk_path;
static unsigned drive_seq;

/* A fresh 32 KiB raw disk whose sector n is filled with byte n. */
static char *make_disk(void)
{
    char *path;
    GError *err = NULL;
    int fd = g_file_open_tmp("vemu-test-blk-XXXXXX", &path, &err);
    uint8_t sec[512];

    g_assert_no_error(err);
    for (unsigned i = 0; i < DISK_SECTORS; i++) {
        memset(sec, i, sizeof(sec));
        g_assert_cmpint(write(fd, sec, sizeof(sec)), ==, sizeof(sec));
    }
    close(fd);
    return path;
}

/* A machine with virtio-blk on a new drive of path (extra -drive opts). */
static TestMachine *blk_machine(const char *path, const char *extra,
                                const char *serial)
{
    GError *err = NULL;
    char *id = g_strdup_printf("d%u", drive_seq++);
    char *opts = g_strdup_printf("file=%s,format=raw,if=none,id=%s%s", path,
                                 id, extra ? extra : "");
    char *drive_prop = g_strdup_printf("drive=%s", id);
    char *serial_prop = serial ? g_strdup_printf("serial=%s", serial) : NULL;
    const char *props[] = { drive_prop, serial_prop, NULL };

    g_assert_true(drive_add_opts(opts, &err));
    g_assert_no_error(err);
    TestMachine *t = tm_new("virtio-blk-device", props);
    g_free(id);
    g_free(opts);
    g_free(drive_prop);
    g_free(serial_prop);
    return t;
}

static void put_hdr(TestMachine *t, uint32_t type, uint64_t sector)
{
    uint8_t h[16] = { 0 };

    h[0] = type;
    for (int i = 0; i < 8; i++) {
        h[8 + i] = sector >> (8 * i);
    }
    tm_mem_write(t, HDR_ADDR, h, sizeof(h));
}

/* Submit a request; returns the status byte, *used_len the used length. */
static uint8_t blk_req(TestMachine *t, uint32_t type, uint64_t sector,
                       uint32_t data_len, bool data_in, uint32_t *used_len)
{
    uint8_t status = 0xff;
    uint16_t before = tm_used_idx(t, 0);
    uint32_t id, len;
    TBuf bufs[3] = {
        { HDR_ADDR, 16, false },
        { DATA_ADDR, data_len, data_in },
        { STAT_ADDR, 1, true },
    };

    tm_mem_write(t, STAT_ADDR, &status, 1);
    put_hdr(t, type, sector);
    if (data_len) {
        tm_kick(t, 0, tm_chain(t, 0, bufs, 3));
    } else {
        bufs[1] = bufs[2];
        tm_kick(t, 0, tm_chain(t, 0, bufs, 2));
    }
    g_assert_cmpuint(tm_used_idx(t, 0), ==, (uint16_t)(before + 1));
    tm_used_elem(t, 0, before, &id, &len);
    if (used_len) {
        *used_len = len;
    }
    tm_mem_read(t, STAT_ADDR, &status, 1);
    return status;
}

static void test_mmio_identity(void)
{
    TestMachine *t;
    uint8_t b8 = 0;

    t = blk_machine(disk_path, NULL, NULL);
    g_assert_cmphex(tm_readl(t, 0x000), ==, 0x74726976);
    g_assert_cmpuint(tm_readl(t, 0x004), ==, 2);
    g_assert_cmpuint(tm_readl(t, 0x008), ==, VIRTIO_ID_BLOCK);
    g_assert_cmphex(tm_readl(t, 0x00c), ==, 0x554d4551);
    /* An empty slot: magic and version, but DeviceID 0. */
    g_assert_cmphex(tm_readl_at(t, T_MMIO2_BASE, 0x000), ==, 0x74726976);
    g_assert_cmpuint(tm_readl_at(t, T_MMIO2_BASE, 0x008), ==, 0);
    /* Features: VERSION_1 in the high word, FLUSH in the low one. */
    tm_writel(t, 0x14, 1);
    g_assert_true(tm_readl(t, 0x10) & 1);
    tm_writel(t, 0x14, 0);
    g_assert_true(tm_readl(t, 0x10) & (1u << BLK_F_FLUSH));
    g_assert_false(tm_readl(t, 0x10) & (1u << BLK_F_RO));
    /* Capacity in the config space at 0x100. */
    g_assert_cmpuint(tm_readl(t, 0x100), ==, DISK_SECTORS);
    g_assert_cmpuint(tm_readl(t, 0x104), ==, 0);
    /* It is read-only: a driver write changes nothing. */
    tm_writel(t, 0x100, 12345);
    g_assert_cmpuint(tm_readl(t, 0x100), ==, DISK_SECTORS);
    /* Byte and halfword config reads work too. */
    address_space_read(&t->as, T_MMIO_BASE + 0x100, &b8, 1);
    g_assert_cmpuint(b8, ==, DISK_SECTORS);
}

static void test_rw_roundtrip(void)
{
    TestMachine *t;
    uint8_t buf[1024], back[1024], disk[1024];
    uint32_t used_len;
    char *path = make_disk();
    int fd;

    t = blk_machine(path, NULL, NULL);
    g_assert_cmphex(tm_driver_init(t, FEAT_V1, 1, 16) & 0xf, ==, 0xf);

    /* Read sectors 3-4: the disk's pattern. */
    g_assert_cmpuint(blk_req(t, 0, 3, 1024, true, &used_len), ==, ST_OK);
    g_assert_cmpuint(used_len, ==, 1025);
    tm_mem_read(t, DATA_ADDR, buf, sizeof(buf));
    g_assert_cmpuint(buf[0], ==, 3);
    g_assert_cmpuint(buf[1023], ==, 4);
    /* An interrupt, acknowledged away. */
    g_assert_cmpint(t->irq_level, ==, 1);
    g_assert_cmpuint(tm_readl(t, 0x60), ==, VIRTIO_ISR_VRING);
    tm_writel(t, 0x64, VIRTIO_ISR_VRING);
    g_assert_cmpint(t->irq_level, ==, 0);

    /* Write sectors 10-11, read them back, find them in the file. */
    for (unsigned i = 0; i < sizeof(buf); i++) {
        buf[i] = i * 7 + 1;
    }
    tm_mem_write(t, DATA_ADDR, buf, sizeof(buf));
    g_assert_cmpuint(blk_req(t, 1, 10, 1024, false, &used_len), ==, ST_OK);
    g_assert_cmpuint(used_len, ==, 1);
    memset(back, 0, sizeof(back));
    tm_mem_write(t, DATA_ADDR, back, sizeof(back));
    g_assert_cmpuint(blk_req(t, 0, 10, 1024, true, NULL), ==, ST_OK);
    tm_mem_read(t, DATA_ADDR, back, sizeof(back));
    g_assert_cmpmem(buf, sizeof(buf), back, sizeof(back));
    g_assert_cmpuint(blk_req(t, 4, 0, 0, false, NULL), ==, ST_OK);
    fd = open(path, O_RDONLY);
    g_assert_cmpint(pread(fd, disk, sizeof(disk), 10 * 512), ==,
                    sizeof(disk));
    close(fd);
    g_assert_cmpmem(buf, sizeof(buf), disk, sizeof(disk));

    /* Unknown request type. */
    g_assert_cmpuint(blk_req(t, 0x77, 0, 0, false, NULL), ==, ST_UNSUPP);
    unlink(path);
    g_free(path);
}

static void test_get_id(void)
{
    TestMachine *t;
    char id[21] = { 0 };
    uint32_t used_len;

    t = blk_machine(disk_path, NULL, "vemu-serial-0123456789");
    tm_driver_init(t, FEAT_V1, 1, 16);
    g_assert_cmpuint(blk_req(t, 8, 0, 20, true, &used_len), ==, ST_OK);
    g_assert_cmpuint(used_len, ==, 21);
    tm_mem_read(t, DATA_ADDR, id, 20);
    /* 20 bytes, truncated, no terminator. */
    g_assert_cmpstr(id, ==, "vemu-serial-01234567");
}

static void test_out_of_range(void)
{
    TestMachine *t;
    uint32_t used_len;

    t = blk_machine(disk_path, NULL, NULL);
    tm_driver_init(t, FEAT_V1, 1, 16);
    /* Last sector: fine; one more: IOERR; a huge sector number too. */
    g_assert_cmpuint(blk_req(t, 0, DISK_SECTORS - 1, 512, true, NULL), ==,
                     ST_OK);
    g_assert_cmpuint(blk_req(t, 0, DISK_SECTORS - 1, 1024, true,
                             &used_len), ==, ST_IOERR);
    g_assert_cmpuint(used_len, ==, 1);
    g_assert_cmpuint(blk_req(t, 1, UINT64_MAX / 2, 512, false, NULL), ==,
                     ST_IOERR);
    /* Not a whole sector. */
    g_assert_cmpuint(blk_req(t, 0, 0, 100, true, NULL), ==, ST_IOERR);
    g_assert_false(t->vdev->broken);
}

static void test_read_only(void)
{
    TestMachine *t;
    uint8_t buf[512], disk[512];
    char *path = make_disk();
    int fd;

    t = blk_machine(path, ",readonly=on", NULL);
    tm_writel(t, 0x14, 0);
    g_assert_true(tm_readl(t, 0x10) & (1u << BLK_F_RO));
    tm_driver_init(t, FEAT_V1 | (1ull << BLK_F_RO), 1, 16);
    memset(buf, 0xee, sizeof(buf));
    tm_mem_write(t, DATA_ADDR, buf, sizeof(buf));
    g_assert_cmpuint(blk_req(t, 1, 5, 512, false, NULL), ==, ST_IOERR);
    g_assert_cmpuint(blk_req(t, 0, 5, 512, true, NULL), ==, ST_OK);
    fd = open(path, O_RDONLY);
    g_assert_cmpint(pread(fd, disk, sizeof(disk), 5 * 512), ==, 512);
    close(fd);
    g_assert_cmpuint(disk[0], ==, 5);
    g_assert_cmpuint(disk[511], ==, 5);
    unlink(path);
    g_free(path);
}

static void test_snapshot_keeps_file(void)
{
    TestMachine *t;
    uint8_t buf[512], disk[512];
    char *path = make_disk();
    int fd;

    t = blk_machine(path, ",snapshot=on", NULL);
    tm_driver_init(t, FEAT_V1, 1, 16);
    /* A partial-cluster write (one sector) then a read back. */
    memset(buf, 0x5a, sizeof(buf));
    tm_mem_write(t, DATA_ADDR, buf, sizeof(buf));
    g_assert_cmpuint(blk_req(t, 1, 9, 512, false, NULL), ==, ST_OK);
    memset(buf, 0, sizeof(buf));
    tm_mem_write(t, DATA_ADDR, buf, sizeof(buf));
    g_assert_cmpuint(blk_req(t, 0, 9, 512, true, NULL), ==, ST_OK);
    tm_mem_read(t, DATA_ADDR, buf, sizeof(buf));
    g_assert_cmpuint(buf[0], ==, 0x5a);
    /* Its neighbours in the same overlay cluster kept the image's data. */
    g_assert_cmpuint(blk_req(t, 0, 8, 512, true, NULL), ==, ST_OK);
    tm_mem_read(t, DATA_ADDR, buf, sizeof(buf));
    g_assert_cmpuint(buf[0], ==, 8);
    g_assert_cmpuint(blk_req(t, 4, 0, 0, false, NULL), ==, ST_OK);
    /* The file never saw the write. */
    fd = open(path, O_RDONLY);
    g_assert_cmpint(pread(fd, disk, sizeof(disk), 9 * 512), ==, 512);
    close(fd);
    g_assert_cmpuint(disk[0], ==, 9);
    unlink(path);
    g_free(path);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    vemu_loglevel |= LOG_GUEST_ERROR;
    block_init();
    disk_path = make_disk();
    g_test_add_func("/virtio/mmio/identity", test_mmio_identity);
    g_test_add_func("/virtio/blk/rw-roundtrip", test_rw_roundtrip);
    g_test_add_func("/virtio/blk/get-id", test_get_id);
    g_test_add_func("/virtio/blk/out-of-range", test_out_of_range);
    g_test_add_func("/virtio/blk/read-only", test_read_only);
    g_test_add_func("/virtio/blk/snapshot-keeps-file",
                    test_snapshot_keeps_file);
    ret = g_test_run();
    unlink(disk_path);
    g_free(disk_path);
    return ret;
}
