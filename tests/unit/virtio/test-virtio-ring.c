/* SPDX-License-Identifier: MIT */
/*
 * Malformed rings and registers: a guest programming nonsense gets
 * NEEDS_RESET (or an ignored write), never a crash or a write outside
 * guest RAM. Driven on virtio-rng, whose requests are device-writable
 * buffers, plus the register file of virtio-mmio.
 */
#include <string.h>

#include "vemu/log.h"
#include "vq-driver.h"

#define FEAT_V1 (1ull << VIRTIO_F_VERSION_1)
#define FEAT_INDIRECT (1ull << VIRTIO_RING_F_INDIRECT_DESC)
#define FEAT_EVENT_IDX (1ull << VIRTIO_RING_F_EVENT_IDX)
#define NEEDS_RESET VIRTIO_CONFIG_S_NEEDS_RESET
#define QSIZE 8

static TestMachine *rng_machine(uint64_t features)
{
    TestMachine *t = tm_new("virtio-rng-device", NULL);
    uint32_t status = tm_driver_init(t, features, 1, QSIZE);

    g_assert_cmphex(status & 0xf, ==, 0xf);
    return t;
}

/* The device is broken: NEEDS_RESET, a config interrupt, nothing used. */
static void assert_broken(TestMachine *t, uint16_t used_before)
{
    g_assert_true(tm_readl(t, 0x70) & NEEDS_RESET);
    g_assert_true(tm_readl(t, 0x60) & VIRTIO_ISR_CONFIG);
    g_assert_cmpint(t->irq_level, ==, 1);
    g_assert_cmpuint(tm_used_idx(t, 0), ==, used_before);
    g_assert_cmpuint(t->guard_writes, ==, 0);
    g_assert_cmpuint(t->guard_reads, ==, 0);
}

/* After a reset and a new init, the device works again. */
static void assert_recovers(TestMachine *t)
{
    uint8_t buf[32] = { 0 };
    TBuf b = { T_BUF + 0x8000, sizeof(buf), true };
    uint32_t id, len;

    tm_writel(t, 0x70, 0);
    g_assert_cmpuint(tm_readl(t, 0x70), ==, 0);
    g_assert_cmpint(t->irq_level, ==, 0);
    g_assert_cmphex(tm_driver_init(t, FEAT_V1, 1, QSIZE), ==, 0xf);
    tm_mem_write(t, b.addr, buf, sizeof(buf));
    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    g_assert_cmpuint(tm_used_idx(t, 0), ==, 1);
    tm_used_elem(t, 0, 0, &id, &len);
    g_assert_cmpuint(len, ==, sizeof(buf));
}

static void test_rng_fills(void)
{
    TestMachine *t = rng_machine(FEAT_V1);
    uint8_t buf[256], zero[256] = { 0 };
    TBuf b[2] = { { T_BUF, 100, true }, { T_BUF + 100, 156, true } };
    uint32_t id, len;
    uint16_t head;

    g_assert_cmpuint(tm_readl(t, 0x008), ==, VIRTIO_ID_RNG);
    tm_mem_write(t, T_BUF, zero, sizeof(zero));
    head = tm_chain(t, 0, b, 2);
    tm_kick(t, 0, head);
    g_assert_cmpuint(tm_used_idx(t, 0), ==, 1);
    tm_used_elem(t, 0, 0, &id, &len);
    g_assert_cmpuint(id, ==, head);
    g_assert_cmpuint(len, ==, 256);
    tm_mem_read(t, T_BUF, buf, sizeof(buf));
    /* 2^-2048 odds of a false failure. */
    g_assert_true(memcmp(buf, zero, sizeof(buf)) != 0);
    g_assert_cmpint(t->irq_level, ==, 1);
}

static void test_desc_outside_ram(void)
{
    TestMachine *t = rng_machine(FEAT_V1);
    TBuf b = { T_GUARD_BASE, 64, true };

    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    assert_broken(t, 0);
    /* Broken: further kicks do nothing. */
    b.addr = T_BUF;
    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    g_assert_cmpuint(tm_used_idx(t, 0), ==, 0);
    assert_recovers(t);
}

static void test_desc_unmapped(void)
{
    TestMachine *t = rng_machine(FEAT_V1);
    TBuf b = { 0x4000000000ull, 64, true };

    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    assert_broken(t, 0);
}

static void test_desc_wraps_address_space(void)
{
    TestMachine *t = rng_machine(FEAT_V1);
    TBuf b = { UINT64_MAX - 15, 64, true };

    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    assert_broken(t, 0);
}

static void test_desc_straddles_ram_end(void)
{
    TestMachine *t = rng_machine(FEAT_V1);
    uint64_t tail = T_RAM_BASE + T_RAM_SIZE - 256;
    uint8_t pat[256], back[256];
    TBuf b = { tail, 512, true };

    memset(pat, 0xaa, sizeof(pat));
    tm_mem_write(t, tail, pat, sizeof(pat));
    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    assert_broken(t, 0);
    /* The part inside RAM was not written either. */
    tm_mem_read(t, tail, back, sizeof(back));
    g_assert_cmpmem(pat, sizeof(pat), back, sizeof(back));
}

static void test_desc_in_rom(void)
{
    TestMachine *t = rng_machine(FEAT_V1);
    uint8_t rom[64], back[64];
    TBuf b = { T_ROM_BASE, 64, true };

    tm_mem_read(t, T_ROM_BASE, rom, sizeof(rom));
    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    assert_broken(t, 0);
    tm_mem_read(t, T_ROM_BASE, back, sizeof(back));
    g_assert_cmpmem(rom, sizeof(rom), back, sizeof(back));
}

static void test_looping_chain(void)
{
    TestMachine *t = rng_machine(FEAT_V1);

    /* 0 -> 1 -> 2 -> 0 ... */
    tm_set_desc(t, 0, 0, T_BUF, 8, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);
    tm_set_desc(t, 0, 1, T_BUF, 8, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 2);
    tm_set_desc(t, 0, 2, T_BUF, 8, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 0);
    tm_kick(t, 0, 0);
    assert_broken(t, 0);
    assert_recovers(t);
}

static void test_next_out_of_table(void)
{
    TestMachine *t = rng_machine(FEAT_V1);

    tm_set_desc(t, 0, 0, T_BUF, 8, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT,
                QSIZE);
    tm_kick(t, 0, 0);
    assert_broken(t, 0);
}

static void test_head_out_of_table(void)
{
    TestMachine *t = rng_machine(FEAT_V1);

    tm_kick(t, 0, QSIZE + 3);
    assert_broken(t, 0);
}

/* An indirect table at T_BUF + 0x4000 with n entries. */
static void indirect_setup(TestMachine *t, unsigned n, uint16_t flags0,
                           uint16_t next_last, uint16_t flags_last)
{
    uint64_t tbl = T_BUF + 0x4000;

    for (unsigned i = 0; i < n; i++) {
        VRingDesc d = {
            .addr = T_BUF + 64 * i,
            .len = 64,
            .flags = VRING_DESC_F_WRITE | VRING_DESC_F_NEXT,
            .next = i + 1,
        };
        if (i == 0) {
            d.flags |= flags0;
        }
        if (i == n - 1) {
            d.next = next_last;
            d.flags = flags_last;
        }
        tm_mem_write(t, tbl + 16 * i, &d, sizeof(d));
    }
    tm_set_desc(t, 0, 0, tbl, 16 * n, VRING_DESC_F_INDIRECT, 0);
}

static void test_indirect_ok(void)
{
    TestMachine *t = rng_machine(FEAT_V1 | FEAT_INDIRECT);
    uint32_t id, len;

    indirect_setup(t, 4, 0, 0, VRING_DESC_F_WRITE);
    tm_kick(t, 0, 0);
    g_assert_cmpuint(tm_used_idx(t, 0), ==, 1);
    tm_used_elem(t, 0, 0, &id, &len);
    g_assert_cmpuint(len, ==, 4 * 64);
    g_assert_false(tm_readl(t, 0x70) & NEEDS_RESET);
}

static void test_indirect_loop(void)
{
    TestMachine *t = rng_machine(FEAT_V1 | FEAT_INDIRECT);

    /* Last entry points back to the first. */
    indirect_setup(t, 4, 0, 0, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT);
    tm_kick(t, 0, 0);
    assert_broken(t, 0);
}

static void test_indirect_nested(void)
{
    TestMachine *t = rng_machine(FEAT_V1 | FEAT_INDIRECT);

    indirect_setup(t, 2, VRING_DESC_F_INDIRECT, 0, VRING_DESC_F_WRITE);
    tm_kick(t, 0, 0);
    assert_broken(t, 0);
}

static void test_indirect_bad_size(void)
{
    TestMachine *t = rng_machine(FEAT_V1 | FEAT_INDIRECT);

    /* Not a multiple of 16, then far too big. */
    tm_set_desc(t, 0, 0, T_BUF, 24, VRING_DESC_F_INDIRECT, 0);
    tm_kick(t, 0, 0);
    assert_broken(t, 0);
    tm_writel(t, 0x70, 0);
    tm_driver_init(t, FEAT_V1 | FEAT_INDIRECT, 1, QSIZE);
    tm_set_desc(t, 0, 0, T_BUF, 16 * (VIRTQUEUE_MAX_SIZE + 1),
                VRING_DESC_F_INDIRECT, 0);
    tm_kick(t, 0, 0);
    assert_broken(t, 0);
}

static void test_indirect_not_negotiated(void)
{
    TestMachine *t = rng_machine(FEAT_V1);

    indirect_setup(t, 2, 0, 0, VRING_DESC_F_WRITE);
    tm_kick(t, 0, 0);
    assert_broken(t, 0);
}

static void test_avail_idx_jump(void)
{
    TestMachine *t = rng_machine(FEAT_V1);

    tm_set_desc(t, 0, 0, T_BUF, 8, VRING_DESC_F_WRITE, 0);
    tm_set_avail_idx(t, 0, QSIZE + 1);
    tm_writel(t, 0x50, 0);
    assert_broken(t, 0);
    assert_recovers(t);
}

static void test_bad_queue_size(void)
{
    TestMachine *t = tm_new("virtio-rng-device", NULL);
    unsigned max;

    tm_writel(t, 0x70, VIRTIO_CONFIG_S_ACKNOWLEDGE);
    tm_writel(t, 0x30, 0);
    max = tm_readl(t, 0x34);
    g_assert_cmpuint(max, >, 0);
    /* Not a power of 2, above the maximum, zero: all ignored. */
    tm_writel(t, 0x38, 3);
    g_assert_cmpuint(virtio_queue_get_num(t->vdev, 0), ==, max);
    tm_writel(t, 0x38, max * 2);
    g_assert_cmpuint(virtio_queue_get_num(t->vdev, 0), ==, max);
    tm_writel(t, 0x38, 0);
    g_assert_cmpuint(virtio_queue_get_num(t->vdev, 0), ==, max);
    tm_writel(t, 0x38, max / 2);
    g_assert_cmpuint(virtio_queue_get_num(t->vdev, 0), ==, max / 2);
    /* A queue that does not exist: max 0, and ready stays 0. */
    tm_writel(t, 0x30, 5);
    g_assert_cmpuint(tm_readl(t, 0x34), ==, 0);
    tm_writel(t, 0x44, 1);
    g_assert_cmpuint(tm_readl(t, 0x44), ==, 0);
    /* Misaligned rings or rings outside RAM: not ready. */
    tm_writel(t, 0x30, 0);
    tm_writel(t, 0x80, (uint32_t)T_DESC + 8);
    tm_writel(t, 0x90, (uint32_t)T_AVAIL);
    tm_writel(t, 0xa0, (uint32_t)T_USED);
    tm_writel(t, 0x44, 1);
    g_assert_cmpuint(tm_readl(t, 0x44), ==, 0);
    tm_writel(t, 0x80, (uint32_t)T_GUARD_BASE);
    tm_writel(t, 0x44, 1);
    g_assert_cmpuint(tm_readl(t, 0x44), ==, 0);
    g_assert_cmpuint(t->guard_writes + t->guard_reads, ==, 0);
    /* Kicking a queue that is not ready does nothing. */
    tm_writel(t, 0x50, 0);
    tm_writel(t, 0x50, 1000);
    g_assert_false(tm_readl(t, 0x70) & NEEDS_RESET);
}

static void test_readonly_registers(void)
{
    TestMachine *t = rng_machine(FEAT_V1);

    tm_writel(t, 0x000, 0x12345678);
    tm_writel(t, 0x004, 1);
    tm_writel(t, 0x008, 2);
    tm_writel(t, 0x00c, 0);
    tm_writel(t, 0x034, 1);
    tm_writel(t, 0x060, 0xff);
    tm_writel(t, 0x0fc, 7);
    tm_writel(t, 0x0f0, 7);           /* not a register at all */
    g_assert_cmphex(tm_readl(t, 0x000), ==, 0x74726976);
    g_assert_cmpuint(tm_readl(t, 0x004), ==, 2);
    g_assert_cmpuint(tm_readl(t, 0x008), ==, VIRTIO_ID_RNG);
    g_assert_cmphex(tm_readl(t, 0x00c), ==, 0x554d4551);
    g_assert_cmpuint(tm_readl(t, 0x034), ==, virtio_queue_get_num_max(
                         t->vdev, 0));
    g_assert_cmpuint(tm_readl(t, 0x060), ==, 0);
    g_assert_cmpuint(tm_readl(t, 0x0fc), ==, 0);
    /* Registers are 32-bit: a byte write to Status is ignored. */
    MemTxResult r;

    address_space_stn_le(&t->as, T_MMIO_BASE + 0x70, 1, 0, &r);
    g_assert_cmphex(tm_readl(t, 0x70), ==, 0xf);
    /* Config space beyond its end (rng has none) reads 0. */
    g_assert_cmpuint(tm_readl(t, 0x100), ==, 0);
    g_assert_cmpint(t->irq_level, ==, 0);
}

static void test_features_refused(void)
{
    TestMachine *t = tm_new("virtio-rng-device", NULL);

    /* Without VERSION_1: FEATURES_OK does not stick. */
    g_assert_false(tm_driver_init(t, 0, 1, QSIZE) &
                   VIRTIO_CONFIG_S_FEATURES_OK);
    /* A bit that was not offered. */
    g_assert_false(tm_driver_init(t, FEAT_V1 | (1ull << 40), 1, QSIZE) &
                   VIRTIO_CONFIG_S_FEATURES_OK);
    g_assert_cmphex(tm_driver_init(t, FEAT_V1, 1, QSIZE), ==, 0xf);
    g_assert_cmphex(t->vdev->guest_features, ==, FEAT_V1);
}

static void test_no_interrupt_flag(void)
{
    TestMachine *t = rng_machine(FEAT_V1);
    TBuf b = { T_BUF, 16, true };

    tm_stw(t, T_AVAIL, VRING_AVAIL_F_NO_INTERRUPT);
    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    g_assert_cmpuint(tm_used_idx(t, 0), ==, 1);
    g_assert_cmpint(t->irq_level, ==, 0);
    tm_stw(t, T_AVAIL, 0);
    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    g_assert_cmpint(t->irq_level, ==, 1);
}

static void test_event_idx(void)
{
    TestMachine *t = rng_machine(FEAT_V1 | FEAT_EVENT_IDX);
    TBuf b = { T_BUF, 16, true };
    uint64_t used_event = T_AVAIL + 4 + 2 * QSIZE;
    uint64_t avail_event = T_USED + 4 + 8 * QSIZE;

    /* The driver wants an interrupt only after the 3rd used entry. */
    tm_stw(t, used_event, 2);
    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    g_assert_cmpint(t->irq_level, ==, 1);   /* first one always */
    tm_writel(t, 0x64, VIRTIO_ISR_VRING);
    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    g_assert_cmpint(t->irq_level, ==, 0);
    tm_kick(t, 0, tm_chain(t, 0, &b, 1));
    g_assert_cmpint(t->irq_level, ==, 1);
    g_assert_cmpuint(tm_used_idx(t, 0), ==, 3);
    /* The device asks to be kicked at the next avail entry. */
    g_assert_cmpuint(tm_lduw(t, avail_event), ==, 3);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    vemu_loglevel |= LOG_GUEST_ERROR;
    g_test_add_func("/virtio/rng/fills", test_rng_fills);
    g_test_add_func("/virtio/ring/desc-outside-ram", test_desc_outside_ram);
    g_test_add_func("/virtio/ring/desc-unmapped", test_desc_unmapped);
    g_test_add_func("/virtio/ring/desc-wraps", test_desc_wraps_address_space);
    g_test_add_func("/virtio/ring/desc-straddles-ram-end",
                    test_desc_straddles_ram_end);
    g_test_add_func("/virtio/ring/desc-in-rom", test_desc_in_rom);
    g_test_add_func("/virtio/ring/looping-chain", test_looping_chain);
    g_test_add_func("/virtio/ring/next-out-of-table",
                    test_next_out_of_table);
    g_test_add_func("/virtio/ring/head-out-of-table",
                    test_head_out_of_table);
    g_test_add_func("/virtio/ring/indirect-ok", test_indirect_ok);
    g_test_add_func("/virtio/ring/indirect-loop", test_indirect_loop);
    g_test_add_func("/virtio/ring/indirect-nested", test_indirect_nested);
    g_test_add_func("/virtio/ring/indirect-bad-size",
                    test_indirect_bad_size);
    g_test_add_func("/virtio/ring/indirect-not-negotiated",
                    test_indirect_not_negotiated);
    g_test_add_func("/virtio/ring/avail-idx-jump", test_avail_idx_jump);
    g_test_add_func("/virtio/mmio/bad-queue-size", test_bad_queue_size);
    g_test_add_func("/virtio/mmio/readonly-registers",
                    test_readonly_registers);
    g_test_add_func("/virtio/mmio/features-refused", test_features_refused);
    g_test_add_func("/virtio/ring/no-interrupt-flag",
                    test_no_interrupt_flag);
    g_test_add_func("/virtio/ring/event-idx", test_event_idx);
    return g_test_run();
}
