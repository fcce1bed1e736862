/* SPDX-License-Identifier: MIT */
/*
 * x86-64 vCPU state. Only target/i386/ (and the KVM glue it provides to
 * accel/kvm) include this; boards use vemu/x86.h.
 */
#ifndef TARGET_I386_CPU_H
#define TARGET_I386_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "vemu/cpu.h"
#include "vemu/target.h"
#include "vemu/x86.h"

struct KVMVCPU;

/* CR0, CR4, EFER and RFLAGS bits the dump and the boot states use. */
#define X86_CR0_PE (1u << 0)
#define X86_CR0_ET (1u << 4)
#define X86_CR0_NW (1u << 29)
#define X86_CR0_CD (1u << 30)
#define X86_CR0_PG (1u << 31)
#define X86_CR4_PAE (1u << 5)
#define X86_EFER_LME (1u << 8)
#define X86_EFER_LMA (1u << 10)
#define X86_RFLAGS_FIXED 0x2u

/* x87/SSE state, as KVM's kvm_fpu keeps it (gdb and info registers). */
typedef struct X86FPU {
    uint8_t st[8][16];          /* 80-bit values in the low 10 bytes */
    uint16_t fcw, fsw;
    uint8_t ftw;                /* abridged tag word (1 bit per reg) */
    uint16_t fop;
    uint64_t fip, fdp;
    uint8_t xmm[16][16];
    uint32_t mxcsr;
} X86FPU;

typedef struct CPUX86State {
    CPUState parent;            /* must stay first */

    /* Architectural state: current when synchronised from KVM. */
    X86BootRegs r;
    uint64_t cr8;
    uint64_t apic_base;         /* IA32_APIC_BASE */
    uint64_t kernel_gs_base;    /* MSR_KERNEL_GS_BASE (gdb's k_gs_base) */
    uint64_t dr[8];             /* DR0-DR3, DR6, DR7 at 6 and 7 */
    X86FPU fpu;

    /* What the vCPU starts in at creation and at every system reset. */
    X86BootRegs boot;
    bool boot_set;              /* x86_cpu_set_boot_regs was called */
    unsigned apic_id;

    /* The accelerator's per-vCPU data (accel/kvm/kvm-int.h). */
    struct KVMVCPU *kvm;
    struct X86KVMState *kvm_arch;   /* target/i386/kvm.c */
} CPUX86State;

static inline CPUX86State *x86_env(CPUState *cpu)
{
    return (CPUX86State *)cpu;
}

extern const TargetInfo target_x86_64;

/* gdbstub.c */
int x86_gdb_read_register(CPUState *cpu, GByteArray *buf, int n);
int x86_gdb_write_register(CPUState *cpu, const uint8_t *buf, int n);
const char *x86_gdb_get_xml(CPUState *cpu, const char *name);
#define X86_GDB_NUM_REGS 66

/* cpu.c: registers for -d cpu, info registers, error reports. */
void x86_cpu_dump_state(CPUState *cpu, FILE *f, int flags);

#endif
