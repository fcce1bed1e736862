/* SPDX-License-Identifier: MIT */
/*
 * SiFive test finisher (hw/misc/sifive_test.c): the guest writes
 * 0x5555 (pass: power off, exit 0), 0x3333 | code << 16 (fail: exit
 * with code), 0x7777 (reset).
 */
#ifndef VEMU_HW_SIFIVE_TEST_H
#define VEMU_HW_SIFIVE_TEST_H

#include "vemu/device.h"
#include "vemu/memory.h"

Device *sifive_test_create(MemoryRegion *parent, hwaddr base);

#endif
