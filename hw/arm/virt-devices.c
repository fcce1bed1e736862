/* SPDX-License-Identifier: MIT */
/* The arm `virt` board's devices at QEMU's addresses, wired together. */
#include "hw/arm/virt.h"

#include "vemu/hw/arm-gic.h"
#include "vemu/hw/arm-gicv3.h"
#include "vemu/hw/pl011.h"
#include "vemu/hw/pl031.h"
#include "vemu/hw/virtio-mmio.h"

bool arm_virt_create_devices(ArmVirtDevices *d, MemoryRegion *sys,
                             AddressSpace *dma_as, unsigned nb_cpus,
                             int gic_version, IRQ **irq_out,
                             IRQ **fiq_out, struct Chardev *uart,
                             GError **errp)
{
    const ArmMemMapEntry *m = arm_virt_memmap;
    unsigned max_cpus = gic_version == 2 ? VIRT_ARM_MAX_CPUS_GICV2
                                         : VIRT_ARM_MAX_CPUS;

    if (gic_version != 2 && gic_version != 3) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "-M virt,gic-version=%d: expected 2 or 3", gic_version);
        return false;
    }
    if (nb_cpus < 1 || nb_cpus > max_cpus) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "-smp %u: the virt board with GICv%d takes 1 to %u "
                    "CPUs", nb_cpus, gic_version, max_cpus);
        return false;
    }
    d->gic_version = gic_version;
    d->nb_cpus = nb_cpus;
    if (gic_version == 2) {
        d->gic = arm_gic_create(sys, m[VIRT_GIC_DIST].base,
                                m[VIRT_GIC_CPU].base, nb_cpus,
                                VIRT_GIC_NUM_IRQ, irq_out, fiq_out);
    } else {
        uint32_t *aff = g_new(uint32_t, nb_cpus);

        for (unsigned i = 0; i < nb_cpus; i++) {
            aff[i] = arm_virt_cpu_affinity(i, 3);
        }
        d->gic = arm_gicv3_create(sys, m[VIRT_GIC_DIST].base,
                                  m[VIRT_GIC_REDIST].base, nb_cpus,
                                  VIRT_GIC_NUM_IRQ, aff, irq_out, fiq_out);
        g_free(aff);
    }
    d->uart = pl011_create(sys, m[VIRT_UART].base,
                           arm_virt_spi(d, VIRT_UART_IRQ), uart);
    d->rtc = pl031_create(sys, m[VIRT_RTC].base,
                          arm_virt_spi(d, VIRT_RTC_IRQ));
    /*
     * Highest slot first: -device fills free buses in creation order, so
     * the first virtio -device lands at the top transport, as in QEMU
     * (the DT lists the transports lowest address first).
     */
    for (int i = VIRT_MMIO_COUNT - 1; i >= 0; i--) {
        d->virtio[i] = virtio_mmio_create(sys, m[VIRT_MMIO].base +
                                                   i * m[VIRT_MMIO].size,
                                          arm_virt_spi(d, VIRT_MMIO_IRQ + i),
                                          dma_as, i);
    }
    return true;
}

IRQ *arm_virt_spi(ArmVirtDevices *d, unsigned n)
{
    return d->gic_version == 2 ? arm_gic_spi_irq(d->gic, n)
                               : arm_gicv3_spi_irq(d->gic, n);
}

IRQ *arm_virt_ppi(ArmVirtDevices *d, unsigned cpu, unsigned ppi)
{
    return d->gic_version == 2 ? arm_gic_ppi_irq(d->gic, cpu, ppi)
                               : arm_gicv3_ppi_irq(d->gic, cpu, ppi);
}
