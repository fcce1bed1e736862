/* SPDX-License-Identifier: MIT */
/* GICv3: wake handshake, affinity routing, ICC sysregs, SGI1R, nonsense. */
#include <glib.h>

#include "../stubs.h"
#include "vemu/hw/arm-gicv3.h"

#define DIST 0x8000000ull
#define REDIST 0x80a0000ull
#define NCPU 3
#define NIRQ 288

#define GICD_CTLR (DIST + 0x0)
#define GICD_TYPER (DIST + 0x4)
#define GICD_IGROUPR(n) (DIST + 0x80 + 4 * ((n) / 32))
#define GICD_ISENABLER(n) (DIST + 0x100 + 4 * ((n) / 32))
#define GICD_ICENABLER(n) (DIST + 0x180 + 4 * ((n) / 32))
#define GICD_ISPENDR(n) (DIST + 0x200 + 4 * ((n) / 32))
#define GICD_ICPENDR(n) (DIST + 0x280 + 4 * ((n) / 32))
#define GICD_ISACTIVER(n) (DIST + 0x300 + 4 * ((n) / 32))
#define GICD_IPRIORITYR(n) (DIST + 0x400 + (n))
#define GICD_ICFGR(n) (DIST + 0xc00 + 4 * ((n) / 16))
#define GICD_IROUTER(n) (DIST + 0x6000 + 8 * (n))

#define RD(cpu) (REDIST + 0x20000ull * (cpu))
#define SGI(cpu) (RD(cpu) + 0x10000)
#define GICR_TYPER(cpu) (RD(cpu) + 0x8)
#define GICR_WAKER(cpu) (RD(cpu) + 0x14)
#define GICR_IGROUPR0(cpu) (SGI(cpu) + 0x80)
#define GICR_ISENABLER0(cpu) (SGI(cpu) + 0x100)
#define GICR_ICENABLER0(cpu) (SGI(cpu) + 0x180)
#define GICR_IPRIORITYR(cpu, n) (SGI(cpu) + 0x400 + (n))
#define GICR_ICFGR1(cpu) (SGI(cpu) + 0xc04)

#define SLEEP 2
#define CHILDREN_ASLEEP 4

static StubLine irq_line[NCPU], fiq_line[NCPU];
static Device *gic;

static uint64_t icc_read(int cpu, uint32_t reg)
{
    uint64_t v = 0xdeadbeef;

    g_assert_true(arm_gicv3_cpuif_read(gic, cpu, reg, &v));
    return v;
}

static void icc_write(int cpu, uint32_t reg, uint64_t v)
{
    g_assert_true(arm_gicv3_cpuif_write(gic, cpu, reg, v));
}

static void create(void)
{
    IRQ *irqs[NCPU], *fiqs[NCPU];

    for (int i = 0; i < NCPU; i++) {
        stub_line_init(&irq_line[i]);
        stub_line_init(&fiq_line[i]);
        irqs[i] = irq_line[i].irq;
        fiqs[i] = fiq_line[i].irq;
    }
    gic = arm_gicv3_create(stub_root(), DIST, REDIST, NCPU, NIRQ, NULL,
                           irqs, fiqs);
}

/* What Linux's gic_init_bases and gic_cpu_init do, in short. */
static void setup(void)
{
    create();
    stub_write(GICD_CTLR, 4, 0x13);       /* ARE, EnableGrp1, Grp0 */
    for (unsigned n = 32; n < NIRQ; n += 32) {
        stub_write(GICD_IGROUPR(n), 4, 0xffffffff);
    }
    for (int cpu = 0; cpu < NCPU; cpu++) {
        stub_write(GICR_WAKER(cpu), 4, 0);
        stub_write(GICR_IGROUPR0(cpu), 4, 0xffffffff);
        icc_write(cpu, ICC_PMR_EL1, 0xf0);
        icc_write(cpu, ICC_IGRPEN1_EL1, 1);
    }
}

static void spi_setup(unsigned irq, uint8_t prio, unsigned cpu)
{
    stub_write(GICD_IPRIORITYR(irq), 1, prio);
    stub_write(GICD_IROUTER(irq), 8, cpu);       /* Aff0 = cpu */
    stub_write(GICD_ISENABLER(irq), 4, 1u << (irq % 32));
}

static void test_identification(void)
{
    create();
    g_assert_cmphex(stub_read(GICD_TYPER, 4) & 0x1f, ==, NIRQ / 32 - 1);
    /* ARE and DS read as one. */
    g_assert_cmphex(stub_read(GICD_CTLR, 4), ==, 0x50);
    g_assert_cmphex(stub_read(DIST + 0xffe8, 4), ==, 0x3b);
    g_assert_cmphex(stub_read(RD(1) + 0xffe8, 4), ==, 0x3b);
    /* GICR_TYPER: affinity above bit 32, processor number, Last. */
    for (int cpu = 0; cpu < NCPU; cpu++) {
        uint64_t typer = stub_read(GICR_TYPER(cpu), 8);

        g_assert_cmphex(typer >> 32, ==, cpu);
        g_assert_cmphex((typer >> 8) & 0xffff, ==, cpu);
        g_assert_cmphex(typer & 0x10, ==, cpu == NCPU - 1 ? 0x10 : 0);
        g_assert_cmphex(stub_read(GICR_TYPER(cpu) + 4, 4), ==, cpu);
    }
    g_assert_cmphex(icc_read(0, ICC_SRE_EL1) & 1, ==, 1);
    g_assert_cmphex((icc_read(0, ICC_CTLR_EL1) >> 8) & 7, ==, 4);
}

static void test_waker_handshake(void)
{
    create();
    /* Out of reset the redistributor sleeps. */
    g_assert_cmphex(stub_read(GICR_WAKER(1), 4), ==,
                    SLEEP | CHILDREN_ASLEEP);
    stub_write(GICR_WAKER(1), 4, 0);
    g_assert_cmphex(stub_read(GICR_WAKER(1), 4) & CHILDREN_ASLEEP, ==, 0);
    /* Another CPU's frame is separate. */
    g_assert_cmphex(stub_read(GICR_WAKER(0), 4), ==,
                    SLEEP | CHILDREN_ASLEEP);
    stub_write(GICR_WAKER(1), 4, SLEEP);
    g_assert_cmphex(stub_read(GICR_WAKER(1), 4), ==,
                    SLEEP | CHILDREN_ASLEEP);
}

static void test_spi_routed_to_cpu1(void)
{
    IRQ *in;

    setup();
    in = arm_gicv3_spi_irq(gic, 1);       /* INTID 33 */
    spi_setup(33, 0xa0, 1);
    g_assert_cmphex(stub_read(GICD_IROUTER(33), 8), ==, 1);
    irq_set(in, 1);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_cmpint(irq_line[1].level, ==, 1);
    g_assert_cmpint(fiq_line[1].level, ==, 0);
    g_assert_cmpuint(icc_read(0, ICC_IAR1_EL1), ==, 1023);
    g_assert_cmpuint(icc_read(1, ICC_HPPIR1_EL1), ==, 33);
    g_assert_cmpuint(icc_read(1, ICC_IAR1_EL1), ==, 33);
    g_assert_cmpint(irq_line[1].level, ==, 0);
    g_assert_cmphex(icc_read(1, ICC_RPR_EL1), ==, 0xa0);
    g_assert_cmphex(icc_read(1, ICC_AP1R_EL1(0)), ==, 1u << (0xa0 >> 3));
    irq_set(in, 0);
    icc_write(1, ICC_EOIR1_EL1, 33);
    g_assert_cmphex(icc_read(1, ICC_RPR_EL1), ==, 0xff);
    g_assert_cmphex(stub_read(GICD_ISACTIVER(33), 4), ==, 0);
    /* Rerouting to an affinity no CPU has: delivered nowhere. */
    stub_write(GICD_IROUTER(33), 8, 0x0100000000ull);
    irq_set(in, 1);
    for (int cpu = 0; cpu < NCPU; cpu++) {
        g_assert_cmpint(irq_line[cpu].level, ==, 0);
    }
    stub_write(GICD_IROUTER(33) + 4, 4, 0);      /* half at a time */
    stub_write(GICD_IROUTER(33), 4, 2);
    g_assert_cmpint(irq_line[2].level, ==, 1);
}

static void test_priority_and_preemption(void)
{
    IRQ *low, *high;

    setup();
    low = arm_gicv3_spi_irq(gic, 2);
    high = arm_gicv3_spi_irq(gic, 3);
    spi_setup(34, 0xc0, 0);
    spi_setup(35, 0x40, 0);
    icc_write(0, ICC_PMR_EL1, 0xc0);
    irq_set(low, 1);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_cmpuint(icc_read(0, ICC_IAR1_EL1), ==, 1023);
    icc_write(0, ICC_PMR_EL1, 0xff);
    g_assert_cmphex(icc_read(0, ICC_PMR_EL1), ==, 0xf8);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    g_assert_cmpuint(icc_read(0, ICC_IAR1_EL1), ==, 34);
    irq_set(high, 1);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    g_assert_cmpuint(icc_read(0, ICC_IAR1_EL1), ==, 35);
    g_assert_cmphex(icc_read(0, ICC_RPR_EL1), ==, 0x40);
    irq_set(high, 0);
    icc_write(0, ICC_EOIR1_EL1, 35);
    g_assert_cmphex(icc_read(0, ICC_RPR_EL1), ==, 0xc0);
    irq_set(low, 0);
    icc_write(0, ICC_EOIR1_EL1, 34);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    /* The CPU interface's group enable gates the line. */
    irq_set(low, 1);
    icc_write(0, ICC_IGRPEN1_EL1, 0);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_cmpuint(icc_read(0, ICC_IAR1_EL1), ==, 1023);
    icc_write(0, ICC_IGRPEN1_EL1, 1);
    g_assert_cmpint(irq_line[0].level, ==, 1);
}

static void test_sgi1r(void)
{
    setup();
    for (int cpu = 0; cpu < NCPU; cpu++) {
        stub_write(GICR_IPRIORITYR(cpu, 1), 1, 0xa0);
        stub_write(GICR_ISENABLER0(cpu), 4, 0xffff);
    }
    /* CPU 0 sends SGI 1 to Aff0 = 1 and 2 in cluster 0.0.0. */
    icc_write(0, ICC_SGI1R_EL1, 1ull << 24 | 0x6);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_cmpint(irq_line[1].level, ==, 1);
    g_assert_cmpint(irq_line[2].level, ==, 1);
    g_assert_cmpuint(icc_read(2, ICC_IAR1_EL1), ==, 1);
    icc_write(2, ICC_EOIR1_EL1, 1);
    g_assert_cmpint(irq_line[2].level, ==, 0);
    /* Another cluster (Aff1 = 1) has nobody. */
    icc_write(0, ICC_SGI1R_EL1, 1ull << 24 | 1ull << 16 | 0x1);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    /* IRM: everyone but the sender. */
    icc_write(1, ICC_SGI1R_EL1, 1ull << 40 | 3ull << 24);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    g_assert_cmpuint(icc_read(0, ICC_IAR1_EL1), ==, 3);
    g_assert_cmpuint(icc_read(1, ICC_IAR1_EL1), ==, 1);
    g_assert_cmpuint(icc_read(1, ICC_IAR1_EL1), ==, 1023);
    g_assert_cmpuint(icc_read(2, ICC_IAR1_EL1), ==, 3);
    icc_write(2, ICC_EOIR1_EL1, 3);
    /* A group 0 SGI is not made pending by SGI1R. */
    stub_write(GICR_IGROUPR0(2), 4, 0xffff0000);
    icc_write(0, ICC_SGI1R_EL1, 5ull << 24 | 0x4);
    g_assert_cmpint(fiq_line[2].level, ==, 0);
    icc_write(2, ICC_IGRPEN0_EL1, 1);
    icc_write(0, ICC_SGI0R_EL1, 5ull << 24 | 0x4);
    stub_write(GICR_IPRIORITYR(2, 5), 1, 0x10);
    g_assert_cmpint(fiq_line[2].level, ==, 1);
    g_assert_cmpuint(icc_read(2, ICC_HPPIR0_EL1), ==, 5);
    g_assert_cmpuint(icc_read(2, ICC_IAR0_EL1), ==, 5);
    icc_write(2, ICC_EOIR0_EL1, 5);
    g_assert_cmpint(fiq_line[2].level, ==, 0);
}

static void test_ppi_and_eoimode(void)
{
    IRQ *timer;

    setup();
    timer = arm_gicv3_ppi_irq(gic, 1, 14);       /* INTID 30 */
    stub_write(GICR_IPRIORITYR(1, 30), 1, 0x80);
    stub_write(GICR_ISENABLER0(1), 4, 1u << 30);
    irq_set(arm_gicv3_ppi_irq(gic, 0, 14), 1);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    irq_set(timer, 1);
    g_assert_cmpint(irq_line[1].level, ==, 1);
    icc_write(1, ICC_CTLR_EL1, 2);               /* EOImode: split */
    g_assert_cmpuint(icc_read(1, ICC_IAR1_EL1), ==, 30);
    irq_set(timer, 0);
    icc_write(1, ICC_EOIR1_EL1, 30);
    g_assert_cmphex(icc_read(1, ICC_RPR_EL1), ==, 0xff);
    /* Still active until DIR: a new level is not taken yet. */
    irq_set(timer, 1);
    g_assert_cmpint(irq_line[1].level, ==, 0);
    icc_write(1, ICC_DIR_EL1, 30);
    g_assert_cmpint(irq_line[1].level, ==, 1);
    /* Edge PPI via ICFGR1. */
    irq_set(timer, 0);
    stub_write(GICR_ICFGR1(1), 4, 2u << 28);
    g_assert_cmphex(stub_read(GICR_ICFGR1(1), 4), ==, 2u << 28);
    irq_pulse(timer);
    g_assert_cmpint(irq_line[1].level, ==, 1);
}

static void test_ich_registers(void)
{
    uint64_t v;

    create();
    /* 4 list registers, 5 priority and preemption bits. */
    g_assert_cmphex(icc_read(0, ICH_VTR_EL2), ==, 3 | 4u << 26 | 4u << 29);
    g_assert_cmphex(icc_read(0, ICH_ELRSR_EL2), ==, 0xf);
    icc_write(0, ICH_LR_EL2(2), 1ull << 62 | 0xa0ull << 48 | 27);
    g_assert_cmphex(icc_read(0, ICH_LR_EL2(2)), ==,
                    1ull << 62 | 0xa0ull << 48 | 27);
    g_assert_cmphex(icc_read(0, ICH_ELRSR_EL2), ==, 0xb);
    g_assert_cmphex(icc_read(1, ICH_ELRSR_EL2), ==, 0xf);
    icc_write(0, ICH_HCR_EL2, 1);
    icc_write(0, ICH_VMCR_EL2, 0xf0000003);
    g_assert_cmphex(icc_read(0, ICH_HCR_EL2), ==, 1);
    g_assert_cmphex(icc_read(0, ICH_VMCR_EL2), ==, 0xf0000003);
    g_assert_cmphex(icc_read(0, ICH_MISR_EL2), ==, 0);
    g_assert_false(arm_gicv3_cpuif_write(gic, 0, ICH_VTR_EL2, 0));
    g_assert_false(arm_gicv3_cpuif_read(gic, 0, ICH_LR_EL2(4), &v));
    g_assert_false(arm_gicv3_cpuif_read(gic, 0, ICH_LR_EL2(15), &v));
    device_reset(gic);
    g_assert_cmphex(icc_read(0, ICH_LR_EL2(2)), ==, 0);
}

static void test_reset(void)
{
    setup();
    spi_setup(40, 0x80, 0);
    stub_write(GICD_ISPENDR(40), 4, 1u << 8);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    device_reset(gic);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_cmphex(icc_read(0, ICC_PMR_EL1), ==, 0);
    g_assert_cmphex(stub_read(GICR_WAKER(0), 4), ==,
                    SLEEP | CHILDREN_ASLEEP);
}

static void test_nonsense(void)
{
    size_t logged;
    uint64_t v = 0;

    setup();
    logged = stub_log_size();
    /* Write-only and read-only system registers, unknown ones. */
    g_assert_false(arm_gicv3_cpuif_read(gic, 0, ICC_EOIR1_EL1, &v));
    g_assert_false(arm_gicv3_cpuif_write(gic, 0, ICC_IAR1_EL1, 0));
    g_assert_false(arm_gicv3_cpuif_read(gic, 0, ARM_SYSREG_ENC(3, 0, 1, 0,
                                                                0), &v));
    g_assert_false(arm_gicv3_cpuif_read(gic, NCPU, ICC_PMR_EL1, &v));
    g_assert_false(arm_gicv3_cpuif_write(gic, -1, ICC_PMR_EL1, 0));
    icc_write(0, ICC_EOIR1_EL1, 33);             /* nothing active */
    icc_write(0, ICC_EOIR1_EL1, 0xffffff);
    icc_write(0, ICC_DIR_EL1, 5000);
    icc_write(0, ICC_SGI1R_EL1, ~0ull);
    icc_write(0, ICC_BPR0_EL1, 0);
    g_assert_cmpuint(icc_read(0, ICC_BPR0_EL1), ==, 2);
    /* Bad offsets and sizes; INTIDs beyond num_irq RAZ/WI. */
    stub_write(DIST + 0x5000, 4, 1);
    g_assert_cmpuint(stub_read(DIST + 0x5000, 4), ==, 0);
    stub_write(GICD_IROUTER(NIRQ + 3), 8, 1);
    g_assert_cmpuint(stub_read(GICD_IROUTER(NIRQ + 3), 8), ==, 0);
    stub_write(GICD_ISENABLER(NIRQ + 32), 4, ~0u);
    g_assert_cmpuint(stub_read(GICD_ISENABLER(NIRQ + 32), 4), ==, 0);
    /* SPI registers of the distributor ignore INTIDs < 32. */
    stub_write(GICD_ISENABLER(0), 4, ~0u);
    g_assert_cmpuint(stub_read(GICD_ISENABLER(0), 4), ==, 0);
    stub_write(RD(0) + 0x2, 2, 0xffff);
    stub_write(RD(0) + 0x800, 4, 1);
    g_assert_cmpuint(stub_read(RD(0) + 0x800, 4), ==, 0);
    stub_write(SGI(0) + 0x8000, 4, 1);
    stub_access(RD(NCPU), 4, &v, false);
    g_assert_cmpuint(stub_log_size(), >, logged);
    for (int cpu = 0; cpu < NCPU; cpu++) {
        g_assert_cmpint(fiq_line[cpu].level, ==, 0);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    stub_log_capture();
    g_test_add_func("/arm-gicv3/identification", test_identification);
    g_test_add_func("/arm-gicv3/waker", test_waker_handshake);
    g_test_add_func("/arm-gicv3/spi-routing", test_spi_routed_to_cpu1);
    g_test_add_func("/arm-gicv3/priority", test_priority_and_preemption);
    g_test_add_func("/arm-gicv3/sgi1r", test_sgi1r);
    g_test_add_func("/arm-gicv3/ppi-eoimode", test_ppi_and_eoimode);
    g_test_add_func("/arm-gicv3/ich", test_ich_registers);
    g_test_add_func("/arm-gicv3/reset", test_reset);
    g_test_add_func("/arm-gicv3/nonsense", test_nonsense);
    return g_test_run();
}
