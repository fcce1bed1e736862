/* SPDX-License-Identifier: MIT */
/* ACLINT: msip drives software interrupts; mtime/mtimecmp the timer. */
#include <glib.h>

#include "stubs.h"
#include "vemu/hw/riscv-aclint.h"
#include "vemu/riscv.h"

#define SWI 0x2000000ull
#define MTIMER (SWI + RISCV_ACLINT_SWI_SIZE)
#define MTIMECMP(h) (MTIMER + 8 * (h))
#define MTIME (MTIMER + RISCV_ACLINT_MTIME_OFF)
#define FREQ 10000000           /* 100 ns per tick */

static Device *mtimer;

static void setup(void)
{
    MemoryRegion *root = stub_root();

    riscv_aclint_swi_create(root, SWI, stub_harts, 2, false);
    mtimer = riscv_aclint_mtimer_create(root, MTIMER,
                                        RISCV_ACLINT_MTIMER_SIZE, stub_harts,
                                        2, RISCV_ACLINT_MTIMECMP_OFF,
                                        RISCV_ACLINT_MTIME_OFF, FREQ);
}

static void test_msip_sets_and_clears_m_soft(void)
{
    setup();
    stub_write(SWI + 4, 4, 1);
    g_assert_cmpint(stub_irq_level(1, RISCV_IRQ_M_SOFT), ==, 1);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_SOFT), ==, 0);
    g_assert_cmpuint(stub_read(SWI + 4, 4), ==, 1);
    /* Only bit 0 is implemented. */
    stub_write(SWI + 4, 4, 0xfffffffe);
    g_assert_cmpint(stub_irq_level(1, RISCV_IRQ_M_SOFT), ==, 0);
    g_assert_cmpuint(stub_read(SWI + 4, 4), ==, 0);
    stub_write(SWI, 4, 3);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_SOFT), ==, 1);
    g_assert_cmpuint(stub_read(SWI, 4), ==, 1);
    stub_write(SWI, 4, 0);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_SOFT), ==, 0);
}

static void test_sswi_sets_s_soft_only(void)
{
    riscv_aclint_swi_create(stub_root(), SWI, stub_harts, 2, true);
    stub_write(SWI, 4, 1);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_S_SOFT), ==, 1);
    g_assert_cmpuint(stub_read(SWI, 4), ==, 0);
    /* Writing 0 leaves the clearing to the hart (sip.SSIP). */
    stub_write(SWI, 4, 0);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_S_SOFT), ==, 1);
    riscv_cpu_set_irq(stub_harts[0], RISCV_IRQ_S_SOFT, 0);
}

static void test_mtime_counts_timebase_ticks(void)
{
    uint64_t t0, freq;

    setup();
    t0 = stub_read(MTIME, 8);
    stub_clock_advance(CLOCK_VIRTUAL_NS, 1000);
    g_assert_cmpuint(stub_read(MTIME, 8), ==, t0 + 10);
    g_assert_cmpuint(stub_read(MTIME, 4), ==, (uint32_t)(t0 + 10));
    g_assert_cmpuint(stub_read(MTIME + 4, 4), ==, (t0 + 10) >> 32);
    /* rdtime reads the same counter. */
    g_assert_true(stub_rdtime_installed(0));
    g_assert_true(stub_rdtime_installed(1));
    g_assert_cmpuint(stub_rdtime(1, &freq), ==, t0 + 10);
    g_assert_cmpuint(freq, ==, FREQ);
}

static void test_mtime_is_writable(void)
{
    setup();
    stub_write(MTIME, 8, 0x123456789aull);
    g_assert_cmphex(stub_read(MTIME, 8), ==, 0x123456789aull);
    stub_clock_advance(CLOCK_VIRTUAL_NS, 200);
    g_assert_cmphex(stub_read(MTIME, 8), ==, 0x123456789aull + 2);
    g_assert_cmphex(stub_rdtime(0, NULL), ==, 0x123456789aull + 2);
    /* A 32-bit write replaces one half. */
    stub_write(MTIME + 4, 4, 0x77);
    g_assert_cmphex(stub_read(MTIME, 8), ==, 0x773456789cull);
    stub_write(MTIME, 4, 0);
    g_assert_cmphex(stub_read(MTIME, 8), ==, 0x7700000000ull);
}

static void test_mtimecmp_in_past_raises_timer(void)
{
    setup();
    stub_clock_advance(CLOCK_VIRTUAL_NS, 5000);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 0);
    stub_write(MTIMECMP(0), 8, 0);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 1);
    g_assert_cmpint(stub_irq_level(1, RISCV_IRQ_M_TIMER), ==, 0);
    g_assert_cmphex(stub_read(MTIMECMP(0), 8), ==, 0);
}

static void test_mtimecmp_in_future_lowers_and_fires(void)
{
    uint64_t now;

    setup();
    stub_write(MTIMECMP(1), 8, 0);
    g_assert_cmpint(stub_irq_level(1, RISCV_IRQ_M_TIMER), ==, 1);
    now = stub_read(MTIME, 8);
    stub_write(MTIMECMP(1), 8, now + 50);
    g_assert_cmpint(stub_irq_level(1, RISCV_IRQ_M_TIMER), ==, 0);
    stub_clock_advance(CLOCK_VIRTUAL_NS, 4900);
    g_assert_cmpint(stub_irq_level(1, RISCV_IRQ_M_TIMER), ==, 0);
    stub_clock_advance(CLOCK_VIRTUAL_NS, 100);
    g_assert_cmpint(stub_irq_level(1, RISCV_IRQ_M_TIMER), ==, 1);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 0);
}

static void test_mtimecmp_32bit_halves(void)
{
    uint64_t now;

    setup();
    now = stub_read(MTIME, 8);
    /* The usual sequence: high to all ones, low, then the real high. */
    stub_write(MTIMECMP(0) + 4, 4, 0xffffffff);
    stub_write(MTIMECMP(0), 4, (uint32_t)(now + 1000));
    stub_write(MTIMECMP(0) + 4, 4, (now + 1000) >> 32);
    g_assert_cmphex(stub_read(MTIMECMP(0), 8), ==, now + 1000);
    g_assert_cmphex(stub_read(MTIMECMP(0) + 4, 4), ==, (now + 1000) >> 32);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 0);
    stub_clock_advance(CLOCK_VIRTUAL_NS, 1000 * 100);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 1);
}

static void test_moving_mtime_reevaluates_timers(void)
{
    setup();
    stub_write(MTIME, 8, 0);
    stub_write(MTIMECMP(0), 8, 500);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 0);
    stub_write(MTIME, 8, 1000);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 1);
    stub_write(MTIME, 8, 0);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 0);
    stub_clock_advance(CLOCK_VIRTUAL_NS, 500 * 100);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 1);
}

static void test_far_future_never_fires(void)
{
    setup();
    stub_write(MTIMECMP(0), 8, UINT64_MAX);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 0);
    stub_clock_advance(CLOCK_VIRTUAL_NS, NANOSECONDS_PER_SECOND);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 0);
}

static void test_reset_clears_mtime(void)
{
    setup();
    stub_clock_advance(CLOCK_VIRTUAL_NS, 12345600);
    stub_write(MTIMECMP(0), 8, 0);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 1);
    device_reset(mtimer);
    g_assert_cmpuint(stub_read(MTIME, 8), ==, 0);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_TIMER), ==, 0);
}

static void test_nonsense_is_ignored(void)
{
    size_t logged;

    setup();
    logged = stub_log_size();
    stub_write(SWI + 8, 4, 1);                  /* hart 2 of 2 */
    g_assert_cmpuint(stub_read(SWI + 8, 4), ==, 0);
    stub_write(SWI + 0x3ffc, 4, 1);
    stub_write(MTIMECMP(2), 8, 0);              /* hart 2 of 2 */
    g_assert_cmpuint(stub_read(MTIMECMP(2), 8), ==, 0);
    stub_write(MTIMER + 0x1000, 4, 0);          /* nothing there */
    g_assert_cmpuint(stub_read(MTIMER + 0x1000, 4), ==, 0);
    for (unsigned h = 0; h < 2; h++) {
        g_assert_cmpint(stub_irq_level(h, RISCV_IRQ_M_SOFT), ==, 0);
        g_assert_cmpint(stub_irq_level(h, RISCV_IRQ_M_TIMER), ==, 0);
    }
    g_assert_cmpuint(stub_log_size(), >, logged);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    stub_log_capture();
    g_test_add_func("/riscv-aclint/msip", test_msip_sets_and_clears_m_soft);
    g_test_add_func("/riscv-aclint/sswi", test_sswi_sets_s_soft_only);
    g_test_add_func("/riscv-aclint/mtime-ticks",
                    test_mtime_counts_timebase_ticks);
    g_test_add_func("/riscv-aclint/mtime-writable", test_mtime_is_writable);
    g_test_add_func("/riscv-aclint/mtimecmp-past",
                    test_mtimecmp_in_past_raises_timer);
    g_test_add_func("/riscv-aclint/mtimecmp-future",
                    test_mtimecmp_in_future_lowers_and_fires);
    g_test_add_func("/riscv-aclint/mtimecmp-halves",
                    test_mtimecmp_32bit_halves);
    g_test_add_func("/riscv-aclint/mtime-write-reevaluates",
                    test_moving_mtime_reevaluates_timers);
    g_test_add_func("/riscv-aclint/far-future", test_far_future_never_fires);
    g_test_add_func("/riscv-aclint/reset", test_reset_clears_mtime);
    g_test_add_func("/riscv-aclint/nonsense", test_nonsense_is_ignored);
    return g_test_run();
}
