/* SPDX-License-Identifier: MIT */
/*
 * RISC-V ACLINT (hw/intc/riscv_aclint.c): MSWI (machine software
 * interrupts, one msip word per hart) and MTIMER (mtime and one mtimecmp
 * per hart). QEMU's virt board maps them CLINT-style in one 64 KiB
 * window: msip at +0, mtimecmp at +0x4000, mtime at +0xbff8.
 */
#ifndef VEMU_HW_RISCV_ACLINT_H
#define VEMU_HW_RISCV_ACLINT_H

#include "vemu/cpu.h"
#include "vemu/device.h"
#include "vemu/memory.h"

#define RISCV_ACLINT_SWI_SIZE 0x4000
#define RISCV_ACLINT_MTIMECMP_OFF 0x0      /* within the mtimer region */
#define RISCV_ACLINT_MTIME_OFF 0x7ff8
#define RISCV_ACLINT_MTIMER_SIZE 0x8000
#define RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ 10000000

/* msip[i] drives harts[i]'s M_SOFT (or S_SOFT if sswi). */
Device *riscv_aclint_swi_create(MemoryRegion *parent, hwaddr base,
                                CPUState **harts, unsigned nb_harts,
                                bool sswi);
/*
 * mtime counts at timebase_freq from the virtual clock; mtimecmp[i]
 * drives harts[i]'s M_TIMER. Also installs each hart's rdtime source.
 */
Device *riscv_aclint_mtimer_create(MemoryRegion *parent, hwaddr base,
                                   hwaddr size, CPUState **harts,
                                   unsigned nb_harts, hwaddr timecmp_off,
                                   hwaddr time_off, uint64_t timebase_freq);

#endif
