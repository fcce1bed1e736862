/* SPDX-License-Identifier: MIT */
/* ARM PrimeCell RTC PL031 (hw/rtc/pl031.c): host wall-clock seconds. */
#ifndef VEMU_HW_PL031_H
#define VEMU_HW_PL031_H

#include "vemu/device.h"
#include "vemu/memory.h"

#define PL031_MMIO_SIZE 0x1000

Device *pl031_create(MemoryRegion *parent, hwaddr base, IRQ *irq);

#endif
