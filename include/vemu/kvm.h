/* SPDX-License-Identifier: MIT */
/*
 * The KVM accelerator (accel/kvm/) as boards see it: whether it runs the
 * vCPUs, and the in-kernel interrupt controllers' input lines.
 */
#ifndef VEMU_KVM_H
#define VEMU_KVM_H

#include <stdbool.h>

#include "vemu/accel.h"

extern const AccelOps accel_kvm_ops;

/* -accel kvm is active (the VM exists). */
bool kvm_enabled(void);
/*
 * Level of GSI gsi of the in-kernel irqchip (KVM_IRQ_LINE: PIC 0-15
 * and IOAPIC 0-23 on x86). Any thread; returns false on failure.
 */
bool kvm_set_irq(int gsi, int level);

/*
 * Make the CPU struct hold the vCPU's current registers (read from KVM,
 * on the vCPU's thread if it runs) before reading or changing them: the
 * changes go back to KVM before the vCPU runs again. A no-op without KVM
 * and when already done since the vCPU last ran. Targets call it in
 * their dump_state, gdb register and pc hooks.
 */
void cpu_synchronize_state(CPUState *cpu);

#endif
