/* SPDX-License-Identifier: MIT */
/* 16550A UART, memory-mapped or at x86 I/O ports (hw/char/serial.c). */
#ifndef VEMU_HW_SERIAL_H
#define VEMU_HW_SERIAL_H

#include "vemu/device.h"
#include "vemu/memory.h"

struct Chardev;

/*
 * Map a UART at base in parent: registers 1 << regshift bytes apart,
 * interrupt on irq, host side chr (NULL: output discarded, no input).
 * baudbase is the input clock / 16 (QEMU virt: 3686400 / 16 = 230400).
 */
Device *serial_mm_create(MemoryRegion *parent, hwaddr base,
                         unsigned regshift, uint32_t baudbase, IRQ *irq,
                         struct Chardev *chr);

/* The PC's 1.8432 MHz UART clock / 16. */
#define SERIAL_ISA_BAUDBASE 115200
/*
 * A PC COM port: 8 consecutive I/O ports at port in io (the port I/O
 * space, get_system_io()), interrupt on irq.
 */
Device *serial_isa_create(MemoryRegion *io, uint16_t port, IRQ *irq,
                          struct Chardev *chr);

#endif
