/* SPDX-License-Identifier: MIT */
/*
 * The virtual timer's interrupt (PPI 27) through the GIC, v2 or v3 (the
 * board's choice, found in ID_AA64PFR0_EL1.GIC): WFI wakes on it, the
 * IRQ vector runs, acknowledge and EOI; a masked interrupt still wakes
 * WFI and shows in ISR_EL1; TVAL counts down.
 */
#include "sys-test.h"

#define TIMER_INTID 27

static int gicv3;
static volatile int irqs;
static volatile uint32_t last_intid;

static uint32_t gic_ack(void)
{
    if (gicv3) {
        return (uint32_t)read_sysreg(S3_0_C12_C12_0);   /* ICC_IAR1_EL1 */
    }
    return mmio_read32(GICC_BASE + 0x0c);
}

static void gic_eoi(uint32_t intid)
{
    if (gicv3) {
        write_sysreg(S3_0_C12_C12_1, intid);            /* ICC_EOIR1_EL1 */
    } else {
        mmio_write32(GICC_BASE + 0x10, intid);
    }
}

static int irq_hook(struct frame *f, int type)
{
    if (type != 5) {
        return 0;
    }
    last_intid = gic_ack() & 0xffffff;
    if (last_intid == TIMER_INTID) {
        write_sysreg(cntv_ctl_el0, 3);                  /* masked */
    }
    gic_eoi(last_intid);
    irqs++;
    return 1;
}

static void gic_init(void)
{
    gicv3 = ((read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf) != 0;
    if (gicv3) {
        uint64_t sgi = GICR_BASE + 0x10000;

        mmio_write32(GICD_BASE, (1u << 4) | (1u << 1));  /* ARE, Grp1NS */
        /* Wake the redistributor: clear ProcessorSleep, wait. */
        mmio_write32(GICR_BASE + 0x14,
                     mmio_read32(GICR_BASE + 0x14) & ~2u);
        while (mmio_read32(GICR_BASE + 0x14) & 4u) {
        }
        mmio_write32(sgi + 0x80, 1u << TIMER_INTID);     /* group 1 */
        mmio_write32(sgi + 0x400 + TIMER_INTID / 4 * 4, 0);
        mmio_write32(sgi + 0x100, 1u << TIMER_INTID);    /* enable */
        write_sysreg(S3_0_C12_C12_5, 1);                 /* ICC_SRE_EL1 */
        isb();
        write_sysreg(S3_0_C4_C6_0, 0xff);                /* ICC_PMR_EL1 */
        write_sysreg(S3_0_C12_C12_7, 1);                 /* IGRPEN1 */
        isb();
    } else {
        mmio_write32(GICD_BASE, 1);
        mmio_write32(GICD_BASE + 0x400 + TIMER_INTID / 4 * 4, 0);
        mmio_write32(GICD_BASE + 0x100, 1u << TIMER_INTID);
        mmio_write32(GICC_BASE + 0x04, 0xff);            /* PMR */
        mmio_write32(GICC_BASE, 1);
    }
}

int main(void)
{
    uint64_t freq = read_sysreg(cntfrq_el0);
    uint64_t t0, t1;
    int32_t tval;

    CHECK(freq != 0);
    gic_init();
    exc_hook = irq_hook;

    /* TVAL counts down from what was written. */
    write_sysreg(cntv_tval_el0, 0x7fffffff);
    write_sysreg(cntv_ctl_el0, 2);                       /* on, masked */
    isb();
    tval = (int32_t)read_sysreg(cntv_tval_el0);
    CHECK(tval > 0 && tval <= 0x7fffffff);
    CHECK(read_sysreg(cntv_cval_el0) > read_sysreg(cntvct_el0));

    /* A 10 ms one-shot, IRQs unmasked: WFI until it fires. */
    t0 = read_sysreg(cntvct_el0);
    write_sysreg(cntv_tval_el0, freq / 100);
    write_sysreg(cntv_ctl_el0, 1);
    isb();
    __asm__ volatile("msr daifclr, #2");
    while (irqs == 0) {
        __asm__ volatile("wfi");
    }
    __asm__ volatile("msr daifset, #2");
    t1 = read_sysreg(cntvct_el0);
    CHECK(irqs == 1);
    CHECK(last_intid == TIMER_INTID);
    CHECK(last_exc.type == 5);
    CHECK(t1 - t0 >= freq / 100);
    CHECK(read_sysreg(cntv_ctl_el0) & 4);               /* ISTATUS */

    /* Masked by PSTATE.I: WFI still wakes, the IRQ waits in ISR_EL1. */
    write_sysreg(cntv_tval_el0, freq / 200);
    write_sysreg(cntv_ctl_el0, 1);
    isb();
    while (!(read_sysreg(isr_el1) & (1u << 7))) {
        __asm__ volatile("wfi");
    }
    CHECK(irqs == 1);
    __asm__ volatile("msr daifclr, #2\n isb\n nop\n msr daifset, #2");
    CHECK(irqs == 2);
    CHECK(!(read_sysreg(isr_el1) & (1u << 7)));
    return test_failures();
}
