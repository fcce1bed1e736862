/* SPDX-License-Identifier: MIT */
/*
 * The x86-64 vCPU as boards and loaders see it (target/i386/): the
 * architectural register state a boot protocol sets up, independent of
 * the accelerator (KVM today; the same struct serves a TCG frontend).
 */
#ifndef VEMU_X86_H
#define VEMU_X86_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"

/* A segment register with its hidden part, as KVM's kvm_segment. */
typedef struct X86Segment {
    uint64_t base;
    uint32_t limit;
    uint16_t selector;
    uint8_t type;       /* 4-bit type field */
    bool present, dpl3, db, s, l, g, avl, unusable;
    uint8_t dpl;
} X86Segment;

typedef struct X86DescTable {
    uint64_t base;
    uint16_t limit;
} X86DescTable;

enum {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NB_GPRS,
};

enum { X86_ES, X86_CS, X86_SS, X86_DS, X86_FS, X86_GS, X86_NB_SEGS };

/* Everything a loader may set at reset (see x86_cpu_set_boot_regs). */
typedef struct X86BootRegs {
    uint64_t gpr[X86_NB_GPRS];
    uint64_t rip;
    uint64_t rflags;
    X86Segment seg[X86_NB_SEGS];
    X86Segment tr, ldt;
    X86DescTable gdt, idt;
    uint64_t cr0, cr2, cr3, cr4, efer;
} X86BootRegs;

/* Real mode at the reset vector (CS.base 0xffff0000, IP 0xfff0). */
void x86_boot_regs_reset(X86BootRegs *r);
/*
 * Flat 32-bit protected mode, paging off, CS/DS/ES/SS base 0 limit 4G
 * (what Multiboot and the 32-bit Linux boot protocol expect).
 */
void x86_boot_regs_flat32(X86BootRegs *r, uint64_t eip);

/* Create vCPU `index` (APIC id = index); cpuid/MSRs by the accelerator. */
CPUState *x86_cpu_create(unsigned index, GError **errp);
/*
 * The state the vCPU starts in, now and at every system reset. Without
 * it, vCPU 0 starts at the reset vector and the others wait for INIT/SIPI
 * from it, as on a PC; an application processor given boot registers
 * starts running there at once instead.
 */
void x86_cpu_set_boot_regs(CPUState *cpu, const X86BootRegs *r);

/* -cpu: the models vemu knows ("host", "max": the host's, through KVM). */
bool x86_cpu_model_valid(const char *name);
void x86_cpu_list(GString *out);

#endif
