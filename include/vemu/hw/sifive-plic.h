/* SPDX-License-Identifier: MIT */
/*
 * SiFive PLIC (hw/intc/sifive_plic.c), as QEMU's virt board lays it out:
 * two contexts per hart (M then S), priorities at +0, pending at +0x1000,
 * enables at +0x2000 (0x80 per context), threshold/claim at +0x200000
 * (0x1000 per context).
 */
#ifndef VEMU_HW_SIFIVE_PLIC_H
#define VEMU_HW_SIFIVE_PLIC_H

#include "vemu/cpu.h"
#include "vemu/device.h"
#include "vemu/memory.h"

#define SIFIVE_PLIC_SIZE(harts) (0x200000 + (harts) * 2 * 0x1000)

/* Sources 1..num_sources-1 (0 is reserved); priorities 0..num_priorities. */
Device *sifive_plic_create(MemoryRegion *parent, hwaddr base,
                           CPUState **harts, unsigned nb_harts,
                           unsigned num_sources, unsigned num_priorities);
/* The input line of one source, for devices to drive (level). */
IRQ *sifive_plic_irq(Device *plic, unsigned source);

#endif
