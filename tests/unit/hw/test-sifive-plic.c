/* SPDX-License-Identifier: MIT */
/* SiFive PLIC: gating by priority/threshold, claim order, complete. */
#include <glib.h>

#include "stubs.h"
#include "vemu/hw/sifive-plic.h"
#include "vemu/riscv.h"

#define BASE 0x0c000000ull
#define NSRC 40                 /* sources 1..39: two bitmap words */

#define PRIO(src) (BASE + 4 * (src))
#define PENDING(w) (BASE + 0x1000 + 4 * (w))
#define ENABLE(ctx, w) (BASE + 0x2000 + 0x80 * (ctx) + 4 * (w))
#define THRESHOLD(ctx) (BASE + 0x200000 + 0x1000 * (ctx))
#define CLAIM(ctx) (THRESHOLD(ctx) + 4)

static Device *plic;

static void setup(void)
{
    plic = sifive_plic_create(stub_root(), BASE, stub_harts, 2, NSRC, 7);
}

static void line(unsigned src, int level)
{
    irq_set(sifive_plic_irq(plic, src), level);
}

static void enable(unsigned ctx, unsigned src)
{
    uint64_t addr = ENABLE(ctx, src / 32);

    stub_write(addr, 4, stub_read(addr, 4) | (1u << (src % 32)));
}

static void disable(unsigned ctx, unsigned src)
{
    uint64_t addr = ENABLE(ctx, src / 32);

    stub_write(addr, 4, stub_read(addr, 4) & ~(1u << (src % 32)));
}

static void test_pending_follows_level_line(void)
{
    setup();
    line(3, 1);
    line(33, 1);
    g_assert_cmphex(stub_read(PENDING(0), 4), ==, 1u << 3);
    g_assert_cmphex(stub_read(PENDING(1), 4), ==, 1u << 1);
    line(3, 0);
    g_assert_cmphex(stub_read(PENDING(0), 4), ==, 0);
}

static void test_priority_and_threshold_gate(void)
{
    setup();
    line(5, 1);
    enable(0, 5);
    /* Priority 0 never interrupts. */
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 0);
    stub_write(PRIO(5), 4, 3);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 1);
    /* It must be strictly above the threshold. */
    stub_write(THRESHOLD(0), 4, 3);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 0);
    g_assert_cmpuint(stub_read(CLAIM(0), 4), ==, 0);
    stub_write(THRESHOLD(0), 4, 2);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 1);
    /* Disabled: quiet again. */
    disable(0, 5);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 0);
}

static void test_contexts_map_to_harts_and_modes(void)
{
    setup();
    stub_write(PRIO(7), 4, 1);
    line(7, 1);
    enable(3, 7);               /* hart 1, S-mode */
    g_assert_cmpint(stub_irq_level(1, RISCV_IRQ_S_EXT), ==, 1);
    g_assert_cmpint(stub_irq_level(1, RISCV_IRQ_M_EXT), ==, 0);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_S_EXT), ==, 0);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 0);
    enable(0, 7);               /* hart 0, M-mode */
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 1);
    /* One claim takes it away from every context. */
    g_assert_cmpuint(stub_read(CLAIM(3), 4), ==, 7);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 0);
    g_assert_cmpint(stub_irq_level(1, RISCV_IRQ_S_EXT), ==, 0);
    g_assert_cmpuint(stub_read(CLAIM(0), 4), ==, 0);
}

static void test_claim_order_highest_priority_lowest_id(void)
{
    setup();
    stub_write(PRIO(5), 4, 2);
    stub_write(PRIO(9), 4, 5);
    stub_write(PRIO(7), 4, 5);
    stub_write(PRIO(35), 4, 6);
    for (unsigned src = 1; src < NSRC; src++) {
        enable(1, src);
    }
    line(5, 1);
    line(9, 1);
    line(7, 1);
    line(35, 1);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_S_EXT), ==, 1);
    g_assert_cmpuint(stub_read(CLAIM(1), 4), ==, 35);
    g_assert_cmpuint(stub_read(CLAIM(1), 4), ==, 7);
    g_assert_cmpuint(stub_read(CLAIM(1), 4), ==, 9);
    g_assert_cmpuint(stub_read(CLAIM(1), 4), ==, 5);
    /* Nothing left: claim returns 0 and the line is low. */
    g_assert_cmpuint(stub_read(CLAIM(1), 4), ==, 0);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_S_EXT), ==, 0);
    g_assert_cmphex(stub_read(PENDING(0), 4), ==, 0);
}

static void test_complete_rearms_level_source(void)
{
    setup();
    stub_write(PRIO(4), 4, 1);
    enable(0, 4);
    line(4, 1);
    g_assert_cmpuint(stub_read(CLAIM(0), 4), ==, 4);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 0);
    /* In flight: the still-high line does not pend again. */
    line(4, 1);
    g_assert_cmphex(stub_read(PENDING(0), 4), ==, 0);
    stub_write(CLAIM(0), 4, 4);
    g_assert_cmphex(stub_read(PENDING(0), 4), ==, 1u << 4);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 1);
    /* Served this time: the line drops before the completion. */
    g_assert_cmpuint(stub_read(CLAIM(0), 4), ==, 4);
    line(4, 0);
    stub_write(CLAIM(0), 4, 4);
    g_assert_cmphex(stub_read(PENDING(0), 4), ==, 0);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 0);
}

static void test_complete_needs_source_enabled(void)
{
    setup();
    stub_write(PRIO(6), 4, 1);
    enable(0, 6);
    line(6, 1);
    g_assert_cmpuint(stub_read(CLAIM(0), 4), ==, 6);
    disable(0, 6);
    stub_write(CLAIM(0), 4, 6);         /* ignored: not enabled here */
    enable(0, 6);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 0);
    g_assert_cmphex(stub_read(PENDING(0), 4), ==, 0);
    stub_write(CLAIM(0), 4, 6);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 1);
}

static void test_only_changes_reach_the_hart(void)
{
    unsigned calls;

    setup();
    stub_write(PRIO(8), 4, 1);
    enable(0, 8);
    calls = stub_irq_calls(0, RISCV_IRQ_M_EXT);
    line(8, 1);
    g_assert_cmpuint(stub_irq_calls(0, RISCV_IRQ_M_EXT), ==, calls + 1);
    for (int i = 0; i < 10; i++) {
        line(8, 1);
        line(9, i & 1);
    }
    g_assert_cmpuint(stub_irq_calls(0, RISCV_IRQ_M_EXT), ==, calls + 1);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 1);
    line(8, 0);
    g_assert_cmpuint(stub_irq_calls(0, RISCV_IRQ_M_EXT), ==, calls + 2);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 0);
}

static void test_priorities_are_warl(void)
{
    setup();
    stub_write(PRIO(1), 4, 0xffffffff);
    g_assert_cmpuint(stub_read(PRIO(1), 4), ==, 7);
    stub_write(THRESHOLD(2), 4, 0x1f);
    g_assert_cmpuint(stub_read(THRESHOLD(2), 4), ==, 7);
}

static void test_nonsense_is_ignored(void)
{
    size_t logged;

    setup();
    logged = stub_log_size();
    /* Source 0 and sources past the last do not exist. */
    stub_write(PRIO(0), 4, 5);
    stub_write(PRIO(NSRC), 4, 5);
    stub_write(PRIO(1023), 4, 5);
    g_assert_cmpuint(stub_read(PRIO(0), 4), ==, 0);
    g_assert_cmpuint(stub_read(PRIO(NSRC), 4), ==, 0);
    stub_write(ENABLE(0, 0), 4, 0xffffffff);
    stub_write(ENABLE(0, 1), 4, 0xffffffff);
    g_assert_cmphex(stub_read(ENABLE(0, 0), 4), ==, 0xfffffffe);
    g_assert_cmphex(stub_read(ENABLE(0, 1), 4), ==, 0xff);
    stub_write(ENABLE(0, 5), 4, 1);
    /* Pending is read-only; contexts past the last do not exist. */
    stub_write(PENDING(0), 4, 0xffffffff);
    g_assert_cmphex(stub_read(PENDING(0), 4), ==, 0);
    stub_write(ENABLE(4, 0), 4, 0xffffffff);
    g_assert_cmphex(stub_read(ENABLE(4, 0), 4), ==, 0);
    stub_write(BASE + 0x200000 + 0x1000 * 3 + 8, 4, 1);
    /* Completions of sources that do not exist. */
    stub_write(CLAIM(0), 4, 0);
    stub_write(CLAIM(0), 4, NSRC);
    stub_write(CLAIM(0), 4, 0xffffffff);
    g_assert_null(sifive_plic_irq(plic, 0));
    g_assert_null(sifive_plic_irq(plic, NSRC));
    g_assert_nonnull(sifive_plic_irq(plic, NSRC - 1));
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 0);
    g_assert_cmpuint(stub_log_size(), >, logged);
}

static void test_reset_clears_state(void)
{
    setup();
    stub_write(PRIO(2), 4, 4);
    stub_write(THRESHOLD(0), 4, 1);
    enable(0, 2);
    line(2, 1);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 1);
    device_reset(plic);
    g_assert_cmpint(stub_irq_level(0, RISCV_IRQ_M_EXT), ==, 0);
    g_assert_cmpuint(stub_read(PRIO(2), 4), ==, 0);
    g_assert_cmpuint(stub_read(THRESHOLD(0), 4), ==, 0);
    g_assert_cmphex(stub_read(ENABLE(0, 0), 4), ==, 0);
    /* The line is still high: the gateway sees it again. */
    g_assert_cmphex(stub_read(PENDING(0), 4), ==, 1u << 2);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    stub_log_capture();
    g_test_add_func("/sifive-plic/pending-level",
                    test_pending_follows_level_line);
    g_test_add_func("/sifive-plic/priority-threshold",
                    test_priority_and_threshold_gate);
    g_test_add_func("/sifive-plic/contexts",
                    test_contexts_map_to_harts_and_modes);
    g_test_add_func("/sifive-plic/claim-order",
                    test_claim_order_highest_priority_lowest_id);
    g_test_add_func("/sifive-plic/complete-rearms",
                    test_complete_rearms_level_source);
    g_test_add_func("/sifive-plic/complete-enabled-only",
                    test_complete_needs_source_enabled);
    g_test_add_func("/sifive-plic/changes-only",
                    test_only_changes_reach_the_hart);
    g_test_add_func("/sifive-plic/warl", test_priorities_are_warl);
    g_test_add_func("/sifive-plic/nonsense", test_nonsense_is_ignored);
    g_test_add_func("/sifive-plic/reset", test_reset_clears_state);
    return g_test_run();
}
