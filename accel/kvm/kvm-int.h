/* SPDX-License-Identifier: MIT */
/*
 * Inside the KVM accelerator: the VM's state, each vCPU's, and the
 * architecture hooks that target/i386/kvm.c implements for the generic
 * code in accel/kvm/ (VM setup, memory slots, run loop).
 */
#ifndef ACCEL_KVM_INT_H
#define ACCEL_KVM_INT_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>
#include <linux/kvm.h>

#include "vemu/cpu.h"

typedef struct KVMState {
    int fd;                     /* /dev/kvm */
    int vm_fd;
    int vcpu_mmap_size;
    int nr_slots;               /* KVM_CAP_NR_MEMSLOTS */
    bool readonly_mem;          /* ROM as read-only slots */
    bool irqchip;               /* in-kernel LAPIC/IOAPIC/PIC */
} KVMState;

extern KVMState kvm_state;

/* Work another thread wants done on the vCPU's thread (kvm_run_on_cpu). */
typedef void KVMWorkFn(CPUState *cpu, void *data);

typedef struct KVMVCPU {
    int fd;
    unsigned vcpu_id;
    struct kvm_run *run;
    /*
     * The CPU struct holds the newest registers (read from KVM, maybe
     * changed since): write them back before the next KVM_RUN.
     */
    bool regs_dirty;
    /* A reset happened: put the whole reset state (MSRs, LAPIC...). */
    bool reset_pending;
    bool thread_started;
    bool in_exec;               /* inside kvm_cpu_exec (atomic) */
    /* kvm_run_on_cpu: one request at a time, BQL-protected. */
    KVMWorkFn *work_fn;
    void *work_data;
    GCond work_cond;
    /* gdb (kvm-debug.c), vCPU thread unless stopped. */
    bool sstep;                 /* step one insn, then stop */
    unsigned debug_gen;         /* the debug state KVM has */
    bool debug_stop;            /* the last exit was gdb's: report it */
    bool wp_hit;                /* ... a watchpoint's: */
    vaddr wp_hit_addr;
    int wp_hit_flags;           /* BP_MEM_* */
} KVMVCPU;

/* ioctls: the result, or -errno. */
int kvm_ioctl(unsigned long req, void *arg);
int kvm_vm_ioctl(unsigned long req, void *arg);
int kvm_vcpu_ioctl(KVMVCPU *v, unsigned long req, void *arg);
int kvm_check_extension(int cap);

/* kvm-all.c: open dev, create the VM (accel init; unit tests). */
bool kvm_accel_setup(const char *dev, GError **errp);

/* kvm-cpus.c: the vCPU threads (AccelOps). */
void kvm_start_vcpu(CPUState *cpu);
void kvm_kick_vcpu(CPUState *cpu);
/* One KVM_RUN and its exit handled (the thread's body; unit tests). */
int kvm_cpu_exec(CPUState *cpu);

/* kvm-cpus.c: create the kernel vCPU and its kvm_run mapping. */
KVMVCPU *kvm_vcpu_create(CPUState *cpu, unsigned vcpu_id, GError **errp);
/* Run fn on the vCPU's thread (directly if it is paused); BQL held. */
void kvm_run_on_cpu(CPUState *cpu, KVMWorkFn *fn, void *data);
/* Guest physical address of a guest virtual one (-1 if unmapped). */
hwaddr kvm_translate(CPUState *cpu, vaddr addr);

/*
 * kvm-debug.c: gdb's breakpoints, watchpoints and single step (the
 * AccelOps hooks, see vemu/accel.h) through KVM_SET_GUEST_DEBUG.
 */
int kvm_insert_breakpoint(CPUState *cpu, int type, vaddr addr, vaddr len);
int kvm_remove_breakpoint(CPUState *cpu, int type, vaddr addr, vaddr len);
void kvm_remove_all_breakpoints(void);
void kvm_set_single_step(CPUState *cpu, bool enable);
bool kvm_watchpoint_hit(CPUState *cpu, vaddr *addr, int *flags);
/* vCPU thread, before KVM_RUN: give KVM the debug state if it changed. */
int kvm_debug_apply(CPUState *cpu, KVMVCPU *v);
/*
 * KVM_EXIT_DEBUG: gdb's breakpoint, watchpoint or step (v->debug_stop
 * set: the thread reports it), or the guest's own (given back to it).
 */
void kvm_debug_handle_exit(CPUState *cpu, KVMVCPU *v);

/* ---- architecture hooks (target/i386/kvm.c) ---- */
KVMVCPU *kvm_arch_vcpu(CPUState *cpu);
/* After KVM_CREATE_VM: TSS, irqchip, PIT; false + error if impossible. */
bool kvm_arch_init(GError **errp);
/* After KVM_CREATE_VCPU: CPUID, MSR set-up. */
bool kvm_arch_init_vcpu(CPUState *cpu, GError **errp);
/* KVM -> CPU struct; CPU struct -> KVM (full: the reset-only state too). */
int kvm_arch_get_registers(CPUState *cpu);
int kvm_arch_put_registers(CPUState *cpu, bool full);
/* What to say about a failed entry (KVM_EXIT_FAIL_ENTRY reason). */
void kvm_arch_dump_state(CPUState *cpu, FILE *f);

#endif
