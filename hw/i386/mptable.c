/* SPDX-License-Identifier: MIT */
/* Intel MP 1.4 tables: how an ACPI-less guest finds its CPUs and IOAPIC. */
#include <string.h>

#include "hw/i386/x86-boot.h"

/* Sizes and entry types of the MultiProcessor Specification 1.4. */
enum {
    MPF_SIZE = 16,
    MPC_HEADER_SIZE = 44,
    MPC_CPU_SIZE = 20,
    MPC_SHORT_SIZE = 8,         /* bus, IOAPIC, interrupt entries */

    MP_PROCESSOR = 0,
    MP_BUS = 1,
    MP_IOAPIC = 2,
    MP_INTSRC = 3,
    MP_LINTSRC = 4,

    MP_INT = 0,
    MP_NMI = 1,
    MP_EXTINT = 3,

    MP_CPU_ENABLED = 1,
    MP_CPU_BOOT = 2,
    MP_IOAPIC_ENABLED = 1,

    MP_LAPIC_VERSION = 0x14,
    MP_IOAPIC_VERSION = 0x11,
    MP_ISA_BUS = 0,
    MP_ISA_IRQS = 16,
};

/* Family 6 signature; CPUID.1:EDX with FPU and APIC. */
#define MP_CPU_SIGNATURE 0x600u
#define MP_CPU_FEATURES 0x201u

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

static uint8_t mp_checksum(const uint8_t *p, size_t len)
{
    uint8_t sum = 0;

    for (size_t i = 0; i < len; i++) {
        sum += p[i];
    }
    return -sum;
}

static uint8_t *mp_intsrc(uint8_t *p, uint8_t type, uint16_t flags,
                          uint8_t irq, uint8_t ioapic, uint8_t pin)
{
    p[0] = MP_INTSRC;
    p[1] = type;
    put16(p + 2, flags);
    p[4] = MP_ISA_BUS;
    p[5] = irq;
    p[6] = ioapic;
    p[7] = pin;
    return p + MPC_SHORT_SIZE;
}

static uint8_t *mp_lintsrc(uint8_t *p, uint8_t type, uint8_t lint)
{
    p[0] = MP_LINTSRC;
    p[1] = type;
    put16(p + 2, MP_IRQ_CONFORMS);
    p[4] = MP_ISA_BUS;
    p[5] = 0;
    p[6] = 0xff;                /* every local APIC */
    p[7] = lint;
    return p + MPC_SHORT_SIZE;
}

uint8_t *x86_mptable_build(const X86MpConfig *c, uint32_t addr,
                           size_t *len)
{
    unsigned nb_entries = c->nb_cpus + 2 + MP_ISA_IRQS + 2;
    size_t table_len = MPC_HEADER_SIZE + c->nb_cpus * MPC_CPU_SIZE +
                       (2 + MP_ISA_IRQS + 2) * MPC_SHORT_SIZE;
    uint8_t *buf = g_malloc0(MPF_SIZE + table_len);
    uint8_t *mpc = buf + MPF_SIZE;
    uint8_t *p = mpc + MPC_HEADER_SIZE;
    uint8_t ioapic_id = c->nb_cpus;

    /* The floating pointer: where the table is. */
    memcpy(buf, "_MP_", 4);
    put32(buf + 4, addr + MPF_SIZE);
    buf[8] = 1;                 /* length in 16-byte units */
    buf[9] = 4;                 /* spec revision 1.4 */
    buf[10] = mp_checksum(buf, MPF_SIZE);

    for (unsigned i = 0; i < c->nb_cpus; i++) {
        p[0] = MP_PROCESSOR;
        p[1] = i;               /* local APIC id = CPU index */
        p[2] = MP_LAPIC_VERSION;
        p[3] = MP_CPU_ENABLED | (i == 0 ? MP_CPU_BOOT : 0);
        put32(p + 4, MP_CPU_SIGNATURE);
        put32(p + 8, MP_CPU_FEATURES);
        p += MPC_CPU_SIZE;
    }
    p[0] = MP_BUS;
    p[1] = MP_ISA_BUS;
    memcpy(p + 2, "ISA   ", 6);
    p += MPC_SHORT_SIZE;
    p[0] = MP_IOAPIC;
    p[1] = ioapic_id;
    p[2] = MP_IOAPIC_VERSION;
    p[3] = MP_IOAPIC_ENABLED;
    put32(p + 4, X86_IOAPIC_BASE);
    p += MPC_SHORT_SIZE;
    /*
     * ISA IRQ n on pin n, IRQ 0 (the PIT) included: KVM's default GSI
     * routing sends GSI n to IOAPIC pin n. The board's level-triggered
     * lines (virtio-mmio) say so; the rest follow the ISA bus (edge).
     */
    for (unsigned irq = 0; irq < MP_ISA_IRQS; irq++) {
        bool level = irq >= c->level_first &&
                     irq < c->level_first + c->level_count;

        p = mp_intsrc(p, MP_INT, level ? MP_IRQ_LEVEL_HIGH : MP_IRQ_CONFORMS,
                      irq, ioapic_id, irq);
    }
    p = mp_lintsrc(p, MP_EXTINT, 0);
    p = mp_lintsrc(p, MP_NMI, 1);
    g_assert(p == mpc + table_len);

    memcpy(mpc, "PCMP", 4);
    put16(mpc + 4, table_len);
    mpc[6] = 4;
    memcpy(mpc + 8, "VEMU    ", 8);
    memcpy(mpc + 16, "MICROVM     ", 12);
    put16(mpc + 34, nb_entries);
    put32(mpc + 36, X86_LAPIC_BASE);
    mpc[7] = mp_checksum(mpc, table_len);

    *len = MPF_SIZE + table_len;
    return buf;
}
