/* SPDX-License-Identifier: MIT */
/* Goldfish RTC (hw/rtc/goldfish_rtc.c): host wall-clock time in ns. */
#ifndef VEMU_HW_GOLDFISH_RTC_H
#define VEMU_HW_GOLDFISH_RTC_H

#include "vemu/device.h"
#include "vemu/memory.h"

Device *goldfish_rtc_create(MemoryRegion *parent, hwaddr base, IRQ *irq);

#endif
