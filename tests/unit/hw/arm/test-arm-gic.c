/* SPDX-License-Identifier: MIT */
/* GICv2: enables, priorities, acknowledge/EOI, SGIs, edge and level. */
#include <glib.h>

#include "../stubs.h"
#include "vemu/hw/arm-gic.h"

#define DIST 0x8000000ull
#define CPUIF 0x8010000ull
#define NCPU 4
#define NIRQ 288

#define GICD_CTLR (DIST + 0x000)
#define GICD_TYPER (DIST + 0x004)
#define GICD_IGROUPR(n) (DIST + 0x080 + 4 * ((n) / 32))
#define GICD_ISENABLER(n) (DIST + 0x100 + 4 * ((n) / 32))
#define GICD_ICENABLER(n) (DIST + 0x180 + 4 * ((n) / 32))
#define GICD_ISPENDR(n) (DIST + 0x200 + 4 * ((n) / 32))
#define GICD_ICPENDR(n) (DIST + 0x280 + 4 * ((n) / 32))
#define GICD_ISACTIVER(n) (DIST + 0x300 + 4 * ((n) / 32))
#define GICD_IPRIORITYR(n) (DIST + 0x400 + (n))
#define GICD_ITARGETSR(n) (DIST + 0x800 + (n))
#define GICD_ICFGR(n) (DIST + 0xc00 + 4 * ((n) / 16))
#define GICD_SGIR (DIST + 0xf00)
#define GICD_CPENDSGIR(n) (DIST + 0xf10 + (n))
#define GICD_SPENDSGIR(n) (DIST + 0xf20 + (n))

#define GICC_CTLR (CPUIF + 0x00)
#define GICC_PMR (CPUIF + 0x04)
#define GICC_BPR (CPUIF + 0x08)
#define GICC_IAR (CPUIF + 0x0c)
#define GICC_EOIR (CPUIF + 0x10)
#define GICC_RPR (CPUIF + 0x14)
#define GICC_HPPIR (CPUIF + 0x18)
#define GICC_DIR (CPUIF + 0x1000)

static CPUState cpus[NCPU];
static StubLine irq_line[NCPU], fiq_line[NCPU];
static Device *gic;

static void as_cpu(int n)
{
    current_cpu = &cpus[n];
}

static void bit_set(hwaddr reg_base, unsigned irq)
{
    stub_write(reg_base, 4, 1u << (irq % 32));
}

static void setup(void)
{
    IRQ *irqs[NCPU], *fiqs[NCPU];

    for (int i = 0; i < NCPU; i++) {
        cpus[i].cpu_index = i;
        stub_line_init(&irq_line[i]);
        stub_line_init(&fiq_line[i]);
        irqs[i] = irq_line[i].irq;
        fiqs[i] = fiq_line[i].irq;
    }
    gic = arm_gic_create(stub_root(), DIST, CPUIF, NCPU, NIRQ, irqs, fiqs);
    /* Linux's bring-up: distributor on, every CPU interface on. */
    as_cpu(0);
    stub_write(GICD_CTLR, 4, 1);
    for (int i = 0; i < NCPU; i++) {
        as_cpu(i);
        stub_write(GICC_PMR, 4, 0xf0);
        stub_write(GICC_CTLR, 4, 1);
    }
    as_cpu(0);
}

/* An SPI (INTID irq) with a priority, routed to cpu, enabled. */
static void spi_setup(unsigned irq, uint8_t prio, unsigned cpu)
{
    stub_write(GICD_IPRIORITYR(irq), 1, prio);
    stub_write(GICD_ITARGETSR(irq), 1, 1u << cpu);
    bit_set(GICD_ISENABLER(irq), irq);
}

static void test_dist_identification(void)
{
    setup();
    g_assert_cmphex(stub_read(GICD_TYPER, 4), ==,
                    (NIRQ / 32 - 1) | (NCPU - 1) << 5);
    g_assert_cmphex(stub_read(DIST + 0xfe8, 4), ==, 0x2b);
    g_assert_cmphex(stub_read(DIST + 0xff0, 4), ==, 0x0d);
    g_assert_cmphex(stub_read(DIST + 0xffc, 4), ==, 0xb1);
    /* ITARGETSR of private interrupts names the reader. */
    as_cpu(2);
    g_assert_cmphex(stub_read(GICD_ITARGETSR(0), 4), ==, 0x04040404);
    as_cpu(0);
    g_assert_cmphex(stub_read(GICD_ITARGETSR(28), 4), ==, 0x01010101);
    /* Priorities are byte-accessible; a word reads four of them. */
    stub_write(GICD_IPRIORITYR(40), 4, 0x80604020);
    g_assert_cmphex(stub_read(GICD_IPRIORITYR(41), 1), ==, 0x40);
    g_assert_cmphex(stub_read(GICD_IPRIORITYR(40), 4), ==, 0x80604020);
    /* SGIs read as edge-triggered and cannot be made level. */
    stub_write(GICD_ICFGR(0), 4, 0);
    g_assert_cmphex(stub_read(GICD_ICFGR(0), 4), ==, 0xaaaaaaaa);
}

static void test_spurious_when_idle(void)
{
    setup();
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 1023);
    g_assert_cmpuint(stub_read(GICC_HPPIR, 4), ==, 1023);
    g_assert_cmphex(stub_read(GICC_RPR, 4), ==, 0xff);
    g_assert_cmpint(irq_line[0].level, ==, 0);
}

static void test_level_spi_ack_eoi(void)
{
    IRQ *in;

    setup();
    in = arm_gic_spi_irq(gic, 1);         /* INTID 33, the virt UART */
    spi_setup(33, 0xa0, 0);
    irq_set(in, 1);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    g_assert_cmpint(irq_line[1].level, ==, 0);
    g_assert_cmpuint(stub_read(GICC_HPPIR, 4), ==, 33);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 33);
    /* Active: no longer signalled; the running priority is its own. */
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_cmphex(stub_read(GICC_RPR, 4), ==, 0xa0);
    g_assert_cmphex(stub_read(GICD_ISACTIVER(33), 4), ==, 1u << 1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 1023);
    /* Still high at EOI: pending again at once. */
    stub_write(GICC_EOIR, 4, 33);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 33);
    irq_set(in, 0);
    stub_write(GICC_EOIR, 4, 33);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 1023);
    g_assert_cmphex(stub_read(GICC_RPR, 4), ==, 0xff);
}

static void test_enables(void)
{
    IRQ *in;

    setup();
    in = arm_gic_spi_irq(gic, 10);
    spi_setup(42, 0x80, 0);
    bit_set(GICD_ICENABLER(42), 42);
    irq_set(in, 1);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_cmphex(stub_read(GICD_ISPENDR(42), 4), ==, 1u << 10);
    bit_set(GICD_ISENABLER(42), 42);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    /* The distributor's and the CPU interface's enables gate it too. */
    stub_write(GICD_CTLR, 4, 0);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    stub_write(GICD_CTLR, 4, 1);
    stub_write(GICC_CTLR, 4, 0);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    stub_write(GICC_CTLR, 4, 1);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    /* Retargeting moves it to another CPU. */
    stub_write(GICD_ITARGETSR(42), 1, 1u << 3);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_cmpint(irq_line[3].level, ==, 1);
}

static void test_priority_mask(void)
{
    IRQ *in;

    setup();
    in = arm_gic_spi_irq(gic, 2);
    spi_setup(34, 0xa0, 0);
    stub_write(GICC_PMR, 4, 0xa0);        /* equal: masked */
    irq_set(in, 1);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 1023);
    /* HPPIR still names it: the mask only stops the signal. */
    g_assert_cmpuint(stub_read(GICC_HPPIR, 4), ==, 34);
    stub_write(GICC_PMR, 4, 0xa8);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    g_assert_cmphex(stub_read(GICC_PMR, 4), ==, 0xa8);
}

static void test_preemption(void)
{
    IRQ *low, *high, *same;

    setup();
    low = arm_gic_spi_irq(gic, 3);
    high = arm_gic_spi_irq(gic, 4);
    same = arm_gic_spi_irq(gic, 5);
    spi_setup(35, 0xc0, 0);
    spi_setup(36, 0x40, 0);
    spi_setup(37, 0xc4, 0);               /* same group priority (BPR 2) */
    irq_set(low, 1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 35);
    irq_set(same, 1);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    irq_set(high, 1);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 36);
    g_assert_cmphex(stub_read(GICC_RPR, 4), ==, 0x40);
    irq_set(high, 0);
    stub_write(GICC_EOIR, 4, 36);
    /* Back at 0xc0: 0xc4 still may not preempt. */
    g_assert_cmphex(stub_read(GICC_RPR, 4), ==, 0xc0);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    irq_set(low, 0);
    stub_write(GICC_EOIR, 4, 35);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 37);
    /* A finer binary point splits 0xc0 from 0xc4: preemption. */
    irq_set(same, 0);
    stub_write(GICC_EOIR, 4, 37);
    stub_write(GICC_BPR, 4, 1);
    irq_set(low, 1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 35);
    irq_set(same, 1);
    g_assert_cmpint(irq_line[0].level, ==, 0);   /* 0xc4 > 0xc0 */
    stub_write(GICD_IPRIORITYR(37), 1, 0xbc);
    g_assert_cmpint(irq_line[0].level, ==, 1);
}

static void test_edge_spi(void)
{
    IRQ *in;

    setup();
    in = arm_gic_spi_irq(gic, 6);
    spi_setup(38, 0x80, 0);
    stub_write(GICD_ICFGR(38), 4, 2u << (2 * (38 % 16)));
    irq_pulse(in);
    /* Latched although the line went low. */
    g_assert_cmpint(irq_line[0].level, ==, 1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 38);
    stub_write(GICC_EOIR, 4, 38);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    /* A second edge while active: active and pending, taken after EOI. */
    irq_pulse(in);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 38);
    irq_pulse(in);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    stub_write(GICC_EOIR, 4, 38);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    /* ICPENDR clears an edge latch. */
    bit_set(GICD_ICPENDR(38), 38);
    g_assert_cmpint(irq_line[0].level, ==, 0);
}

static void test_level_pending_follows_line(void)
{
    IRQ *in;

    setup();
    in = arm_gic_spi_irq(gic, 7);
    spi_setup(39, 0x80, 0);
    irq_set(in, 1);
    /* ICPENDR cannot clear a level that is still asserted. */
    bit_set(GICD_ICPENDR(39), 39);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    irq_set(in, 0);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    /* Software pending on a level interrupt holds until acknowledged. */
    bit_set(GICD_ISPENDR(39), 39);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 39);
    stub_write(GICC_EOIR, 4, 39);
    g_assert_cmpint(irq_line[0].level, ==, 0);
}

static void test_sgi(void)
{
    setup();
    /* CPU 0 sends SGI 3 to CPU 1 by target list. */
    stub_write(GICD_SGIR, 4, (1u << 1) << 16 | 3);
    g_assert_cmpint(irq_line[1].level, ==, 1);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    as_cpu(1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 3);   /* source 0 */
    stub_write(GICC_EOIR, 4, 3);
    g_assert_cmpint(irq_line[1].level, ==, 0);
    /* CPUs 1 and 2 both send SGI 5 to CPU 0: two acknowledges. */
    stub_write(GICD_SGIR, 4, 1u << 16 | 5);
    as_cpu(2);
    stub_write(GICD_SGIR, 4, 1u << 16 | 5);
    as_cpu(0);
    g_assert_cmphex(stub_read(GICD_SPENDSGIR(4), 4), ==, 0x06 << 8);
    g_assert_cmphex(stub_read(GICC_IAR, 4), ==, 1u << 10 | 5);
    stub_write(GICC_EOIR, 4, 1u << 10 | 5);
    g_assert_cmphex(stub_read(GICC_IAR, 4), ==, 2u << 10 | 5);
    stub_write(GICC_EOIR, 4, 2u << 10 | 5);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 1023);
    /* "All but me" and "only me". */
    stub_write(GICD_SGIR, 4, 1u << 24 | 7);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    for (int i = 1; i < NCPU; i++) {
        g_assert_cmpint(irq_line[i].level, ==, 1);
    }
    stub_write(GICD_SGIR, 4, 2u << 24 | 8);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    /* CPENDSGIR withdraws them. */
    stub_write(GICD_CPENDSGIR(8), 1, 0xff);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    as_cpu(2);
    stub_write(GICD_SPENDSGIR(1), 1, 0x1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 1);
}

static void test_ppi_per_cpu(void)
{
    setup();
    as_cpu(1);
    stub_write(GICD_IPRIORITYR(30), 1, 0x20);
    bit_set(GICD_ISENABLER(30), 30);
    irq_set(arm_gic_ppi_irq(gic, 0, 14), 1);
    g_assert_cmpint(irq_line[0].level, ==, 0);   /* not enabled on 0 */
    irq_set(arm_gic_ppi_irq(gic, 1, 14), 1);
    g_assert_cmpint(irq_line[1].level, ==, 1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 30);
    as_cpu(0);
    g_assert_cmphex(stub_read(GICD_ISENABLER(0), 4) & (1u << 30), ==, 0);
}

static void test_eoimode_dir_and_fiq(void)
{
    IRQ *in;

    setup();
    in = arm_gic_spi_irq(gic, 8);
    spi_setup(40, 0x80, 0);
    stub_write(GICC_CTLR, 4, 1u << 9 | 1);
    stub_write(GICD_ICFGR(40), 4, 2u << (2 * (40 % 16)));
    irq_pulse(in);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 40);
    stub_write(GICC_EOIR, 4, 40);
    /* Priority dropped but still active until DIR. */
    g_assert_cmphex(stub_read(GICC_RPR, 4), ==, 0xff);
    g_assert_cmphex(stub_read(GICD_ISACTIVER(40), 4), ==, 1u << 8);
    stub_write(GICC_DIR, 4, 40);
    g_assert_cmphex(stub_read(GICD_ISACTIVER(40), 4), ==, 0);
    /* Group 0 with FIQEn: an FIQ; group 1: an IRQ. */
    stub_write(GICD_CTLR, 4, 3);
    stub_write(GICC_CTLR, 4, 1u << 3 | 3);
    bit_set(GICD_ISPENDR(40), 40);
    g_assert_cmpint(fiq_line[0].level, ==, 1);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    bit_set(GICD_IGROUPR(40), 40);
    g_assert_cmpint(fiq_line[0].level, ==, 0);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    /* Group 1 is acknowledged through GICC_AIAR unless AckCtl. */
    g_assert_cmpuint(stub_read(GICC_HPPIR, 4), ==, 1022);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 1022);
    g_assert_cmpuint(stub_read(CPUIF + 0x28, 4), ==, 40);   /* AHPPIR */
    g_assert_cmpuint(stub_read(CPUIF + 0x20, 4), ==, 40);   /* AIAR */
    stub_write(CPUIF + 0x24, 4, 40);                        /* AEOIR */
    stub_write(GICC_DIR, 4, 40);
    g_assert_cmphex(stub_read(GICD_ISACTIVER(40), 4), ==, 0);
    bit_set(GICD_ISPENDR(40), 40);
    stub_write(GICC_CTLR, 4, 1u << 2 | 1u << 3 | 3);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 40);
}

static void test_uniprocessor_targets(void)
{
    StubLine up_irq;
    IRQ *irqs[1];
    Device *up;

    stub_line_init(&up_irq);
    irqs[0] = up_irq.irq;
    up = arm_gic_create(stub_root(), DIST, CPUIF, 1, 64, irqs, NULL);
    current_cpu = NULL;
    stub_write(GICD_CTLR, 4, 1);
    stub_write(GICC_PMR, 4, 0xff);
    stub_write(GICC_CTLR, 4, 1);
    /* One CPU: the targets are fixed, whatever the guest writes. */
    stub_write(GICD_ITARGETSR(40), 1, 0);
    g_assert_cmphex(stub_read(GICD_ITARGETSR(40), 1), ==, 1);
    bit_set(GICD_ISENABLER(40), 40);
    irq_set(arm_gic_spi_irq(up, 8), 1);
    g_assert_cmpint(up_irq.level, ==, 1);
    g_assert_cmpuint(stub_read(GICC_IAR, 4), ==, 40);
    /* 64 INTIDs: ITLinesNumber 1; INTID 64 and up are RAZ/WI. */
    g_assert_cmphex(stub_read(GICD_TYPER, 4), ==, 1);
    bit_set(GICD_ISENABLER(64), 64);
    g_assert_cmphex(stub_read(GICD_ISENABLER(64), 4), ==, 0);
}

static void test_reset(void)
{
    setup();
    stub_write(GICD_SGIR, 4, 2u << 24 | 1);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    device_reset(gic);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_cmphex(stub_read(GICD_CTLR, 4), ==, 0);
    g_assert_cmphex(stub_read(GICC_PMR, 4), ==, 0);
}

static void test_nonsense(void)
{
    size_t logged;
    uint64_t v = 0;

    setup();
    logged = stub_log_size();
    stub_write(GICC_EOIR, 4, 33);         /* nothing active */
    stub_write(GICC_EOIR, 4, 1023);
    stub_write(GICC_DIR, 4, 33);          /* EOImode 0 */
    stub_write(GICD_SGIR, 1, 0xff);       /* SGIR not a word */
    stub_write(GICD_SGIR, 4, 3u << 24);   /* reserved filter */
    stub_write(DIST + 0xe00, 4, 1);
    stub_write(CPUIF + 0x40, 4, 1);
    g_assert_cmpuint(stub_read(DIST + 0xe00, 4), ==, 0);
    g_assert_cmpuint(stub_read(CPUIF + 0x800, 4), ==, 0);
    /* INTIDs beyond num_irq are RAZ/WI. */
    stub_write(GICD_IPRIORITYR(NIRQ + 8), 4, 0xffffffff);
    g_assert_cmpuint(stub_read(GICD_IPRIORITYR(NIRQ + 8), 4), ==, 0);
    stub_write(GICD_ISENABLER(1000), 4, 0xffffffff);
    g_assert_cmpuint(stub_read(GICD_ISENABLER(1000), 4), ==, 0);
    stub_write(GICD_ISACTIVER(0), 4, 0xffffffff);
    stub_access(CPUIF + 0x1ffe, 4, &v, true);
    stub_access(DIST + 0xffe, 4, &v, false);
    g_assert_cmpuint(stub_log_size(), >, logged);
    g_assert_cmpint(irq_line[0].level, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    stub_log_capture();
    g_test_add_func("/arm-gic/identification", test_dist_identification);
    g_test_add_func("/arm-gic/spurious", test_spurious_when_idle);
    g_test_add_func("/arm-gic/level-ack-eoi", test_level_spi_ack_eoi);
    g_test_add_func("/arm-gic/enables", test_enables);
    g_test_add_func("/arm-gic/priority-mask", test_priority_mask);
    g_test_add_func("/arm-gic/preemption", test_preemption);
    g_test_add_func("/arm-gic/edge", test_edge_spi);
    g_test_add_func("/arm-gic/level", test_level_pending_follows_line);
    g_test_add_func("/arm-gic/sgi", test_sgi);
    g_test_add_func("/arm-gic/ppi", test_ppi_per_cpu);
    g_test_add_func("/arm-gic/eoimode-fiq", test_eoimode_dir_and_fiq);
    g_test_add_func("/arm-gic/uniprocessor", test_uniprocessor_targets);
    g_test_add_func("/arm-gic/reset", test_reset);
    g_test_add_func("/arm-gic/nonsense", test_nonsense);
    return g_test_run();
}
