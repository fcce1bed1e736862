/* SPDX-License-Identifier: MIT */
/* ARM PrimeCell UART PL011 (hw/char/pl011.c), as QEMU's arm virt has it. */
#ifndef VEMU_HW_PL011_H
#define VEMU_HW_PL011_H

#include "vemu/device.h"
#include "vemu/memory.h"

struct Chardev;

#define PL011_MMIO_SIZE 0x1000
/* Depth of the receive FIFO (LCR_H.FEN set; one entry otherwise). */
#define PL011_FIFO_DEPTH 16

/*
 * Map a PL011 at base in parent with its combined interrupt on irq and
 * chr as the host side (NULL: output discarded, no input).
 */
Device *pl011_create(MemoryRegion *parent, hwaddr base, IRQ *irq,
                     struct Chardev *chr);

#endif
