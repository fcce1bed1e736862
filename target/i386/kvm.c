/* SPDX-License-Identifier: MIT */
/*
 * The x86 side of the KVM accelerator: VM set-up (TSS, irqchip, PIT),
 * CPUID and MSRs of each vCPU, register transfer between KVM and
 * CPUX86State, and the reset state (LAPIC, MP state, FPU, MSRs).
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "accel/kvm/kvm-int.h"
#include "target/i386/cpu.h"
#include "vemu/kvm.h"
#include "vemu/machine.h"
#include "vemu/memory.h"

/*
 * The pages KVM needs below 4 GiB for real mode on Intel (an identity
 * page table, then the 3-page TSS), where QEMU puts them: boards keep
 * them out of the e820 RAM map.
 */
#define KVM_IDENTITY_BASE 0xfeffc000ull
#define KVM_TSS_BASE (KVM_IDENTITY_BASE + 0x1000)

/* MSRs vemu sets. */
enum {
    MSR_IA32_TSC = 0x10,
    MSR_IA32_SYSENTER_CS = 0x174,
    MSR_IA32_SYSENTER_ESP = 0x175,
    MSR_IA32_SYSENTER_EIP = 0x176,
    MSR_IA32_MISC_ENABLE = 0x1a0,
    MSR_IA32_CR_PAT = 0x277,
    MSR_MTRR_DEF_TYPE = 0x2ff,
    MSR_IA32_TSC_DEADLINE = 0x6e0,
    MSR_STAR = 0xc0000081,
    MSR_LSTAR = 0xc0000082,
    MSR_CSTAR = 0xc0000083,
    MSR_FMASK = 0xc0000084,
    MSR_KERNEL_GS_BASE = 0xc0000102,
    MSR_TSC_AUX = 0xc0000103,
    MSR_KVM_WALL_CLOCK_NEW = 0x4b564d00,
    MSR_KVM_SYSTEM_TIME_NEW = 0x4b564d01,
    MSR_KVM_ASYNC_PF_EN = 0x4b564d02,
    MSR_KVM_STEAL_TIME = 0x4b564d03,
    MSR_KVM_PV_EOI_EN = 0x4b564d04,
};

#define MISC_ENABLE_FAST_STRING 1ull
#define PAT_RESET 0x0007040600070406ull

/* What a vCPU's reset puts into its MSRs (those KVM knows). */
static const struct {
    uint32_t index;
    uint64_t value;
} x86_reset_msrs[] = {
    { MSR_IA32_TSC, 0 },
    { MSR_IA32_SYSENTER_CS, 0 },
    { MSR_IA32_SYSENTER_ESP, 0 },
    { MSR_IA32_SYSENTER_EIP, 0 },
    { MSR_IA32_MISC_ENABLE, MISC_ENABLE_FAST_STRING },
    { MSR_IA32_CR_PAT, PAT_RESET },
    { MSR_MTRR_DEF_TYPE, 0 },
    { MSR_IA32_TSC_DEADLINE, 0 },
    { MSR_STAR, 0 },
    { MSR_LSTAR, 0 },
    { MSR_CSTAR, 0 },
    { MSR_FMASK, 0 },
    { MSR_TSC_AUX, 0 },
    /* A rebooted guest must not have KVM write into its old pages. */
    { MSR_KVM_WALL_CLOCK_NEW, 0 },
    { MSR_KVM_SYSTEM_TIME_NEW, 0 },
    { MSR_KVM_ASYNC_PF_EN, 0 },
    { MSR_KVM_STEAL_TIME, 0 },
    { MSR_KVM_PV_EOI_EN, 0 },
};

/* Per vCPU, KVM-only state. */
typedef struct X86KVMState {
    struct kvm_lapic_state lapic_reset;
    bool have_lapic_reset;
    uint64_t interrupt_bitmap[(KVM_NR_INTERRUPTS + 63) / 64];
} X86KVMState;

static struct kvm_cpuid2 *supported_cpuid;
static struct kvm_msr_list *msr_list;
static bool have_xcrs, have_debugregs, have_tsc_deadline;

KVMVCPU *kvm_arch_vcpu(CPUState *cpu)
{
    return x86_env(cpu)->kvm;
}

static bool kvm_msr_known(uint32_t index)
{
    if (!msr_list) {
        return false;
    }
    for (uint32_t i = 0; i < msr_list->nmsrs; i++) {
        if (msr_list->indices[i] == index) {
            return true;
        }
    }
    return false;
}

static bool x86_kvm_fail(GError **errp, const char *what, int r)
{
    g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(-r),
                "%s: %s", what, strerror(-r));
    return false;
}

/* KVM_GET_SUPPORTED_CPUID and KVM_GET_MSR_INDEX_LIST, grown to fit. */
static bool kvm_fetch_lists(GError **errp)
{
    int r;

    for (int n = 64;; n *= 2) {
        supported_cpuid = g_malloc0(sizeof(*supported_cpuid) +
                                    n * sizeof(struct kvm_cpuid_entry2));
        supported_cpuid->nent = n;
        r = kvm_ioctl(KVM_GET_SUPPORTED_CPUID, supported_cpuid);
        if (r >= 0) {
            break;
        }
        g_free(supported_cpuid);
        supported_cpuid = NULL;
        if (r != -E2BIG || n >= 4096) {
            return x86_kvm_fail(errp, "KVM_GET_SUPPORTED_CPUID", r);
        }
    }
    for (int n = 64;; n *= 2) {
        msr_list = g_malloc0(sizeof(*msr_list) + n * sizeof(uint32_t));
        msr_list->nmsrs = n;
        r = kvm_ioctl(KVM_GET_MSR_INDEX_LIST, msr_list);
        if (r >= 0) {
            break;
        }
        g_free(msr_list);
        msr_list = NULL;
        if (r != -E2BIG || n >= 65536) {
            return x86_kvm_fail(errp, "KVM_GET_MSR_INDEX_LIST", r);
        }
    }
    return true;
}

bool kvm_arch_init(GError **errp)
{
    uint64_t identity = KVM_IDENTITY_BASE;
    int r;

    if (kvm_check_extension(KVM_CAP_SET_IDENTITY_MAP_ADDR)) {
        r = kvm_vm_ioctl(KVM_SET_IDENTITY_MAP_ADDR, &identity);
        if (r < 0) {
            return x86_kvm_fail(errp, "KVM_SET_IDENTITY_MAP_ADDR", r);
        }
    }
    r = kvm_vm_ioctl(KVM_SET_TSS_ADDR, (void *)(uintptr_t)KVM_TSS_BASE);
    if (r < 0) {
        return x86_kvm_fail(errp, "KVM_SET_TSS_ADDR", r);
    }
    r = kvm_vm_ioctl(KVM_CREATE_IRQCHIP, NULL);
    if (r < 0) {
        return x86_kvm_fail(errp, "KVM_CREATE_IRQCHIP", r);
    }
    kvm_state.irqchip = true;
    if (kvm_check_extension(KVM_CAP_PIT2)) {
        /* Port 0x61's speaker gate answered in the kernel too. */
        struct kvm_pit_config pit = { .flags = KVM_PIT_SPEAKER_DUMMY };

        r = kvm_vm_ioctl(KVM_CREATE_PIT2, &pit);
        if (r < 0) {
            return x86_kvm_fail(errp, "KVM_CREATE_PIT2", r);
        }
    }
    have_xcrs = kvm_check_extension(KVM_CAP_XCRS);
    have_debugregs = kvm_check_extension(KVM_CAP_DEBUGREGS);
    have_tsc_deadline = kvm_check_extension(KVM_CAP_TSC_DEADLINE_TIMER);
    return kvm_fetch_lists(errp);
}

/* ---- CPUID ------------------------------------------------------------- */

/*
 * The host's CPUID as KVM can virtualise it, with the topology of one
 * vCPU per socket (APIC id = vCPU index, as -smp N gives by default)
 * and the hypervisor bit.
 */
static struct kvm_cpuid2 *x86_kvm_cpuid(unsigned apic_id)
{
    size_t size = sizeof(*supported_cpuid) +
                  supported_cpuid->nent * sizeof(struct kvm_cpuid_entry2);
    struct kvm_cpuid2 *c = g_memdup2(supported_cpuid, size);

    for (uint32_t i = 0; i < c->nent; i++) {
        struct kvm_cpuid_entry2 *e = &c->entries[i];

        switch (e->function) {
        case 1:
            e->ebx = (e->ebx & 0xffff) | (apic_id << 24);
            e->ecx |= 1u << 31;                 /* hypervisor */
            if (have_tsc_deadline) {
                e->ecx |= 1u << 24;
            }
            e->edx &= ~(1u << 28);              /* no HTT */
            break;
        case 4:
            /* One core and thread per package sharing each cache. */
            e->eax &= 0x3fff;
            break;
        case 0xb:
        case 0x1f:
            e->edx = apic_id;
            e->eax = 0;
            e->ebx = e->index < 2 ? 1 : 0;
            e->ecx = e->index < 2 ? ((e->index + 1) << 8) | e->index
                                  : e->index;
            break;
        case 0x80000008:
            e->ecx &= ~0xf0ffu;                 /* NC and ApicIdSize */
            break;
        case 0x8000001e:
            e->eax = apic_id;
            e->ebx &= ~0xffu;
            e->ecx &= ~0xffu;
            break;
        default:
            break;
        }
    }
    return c;
}

bool kvm_arch_init_vcpu(CPUState *cpu, GError **errp)
{
    CPUX86State *env = x86_env(cpu);
    g_autofree struct kvm_cpuid2 *cpuid = x86_kvm_cpuid(env->apic_id);
    X86KVMState *ks = g_new0(X86KVMState, 1);
    int r;

    env->kvm_arch = ks;
    r = kvm_vcpu_ioctl(env->kvm, KVM_SET_CPUID2, cpuid);
    if (r < 0) {
        return x86_kvm_fail(errp, "KVM_SET_CPUID2", r);
    }
    /* The LAPIC as KVM made it (ID, version): the reset template. */
    if (kvm_vcpu_ioctl(env->kvm, KVM_GET_LAPIC, &ks->lapic_reset) >= 0) {
        ks->have_lapic_reset = true;
        if (env->apic_id == 0) {
            /* LINT0 as ExtINT on the BSP, so the PIC reaches it (QEMU). */
            uint32_t lint0 = 0x700;

            memcpy(&ks->lapic_reset.regs[0x350], &lint0, 4);
        }
    }
    return true;
}

/* ---- registers --------------------------------------------------------- */

static void seg_to_kvm(struct kvm_segment *k, const X86Segment *s)
{
    memset(k, 0, sizeof(*k));
    k->base = s->base;
    k->limit = s->limit;
    k->selector = s->selector;
    k->type = s->type;
    k->present = s->present;
    k->dpl = s->dpl;
    k->db = s->db;
    k->s = s->s;
    k->l = s->l;
    k->g = s->g;
    k->avl = s->avl;
    k->unusable = s->unusable;
}

static void seg_from_kvm(X86Segment *s, const struct kvm_segment *k)
{
    memset(s, 0, sizeof(*s));
    s->base = k->base;
    s->limit = k->limit;
    s->selector = k->selector;
    s->type = k->type;
    s->present = k->present;
    s->dpl = k->dpl;
    s->dpl3 = k->dpl == 3;
    s->db = k->db;
    s->s = k->s;
    s->l = k->l;
    s->g = k->g;
    s->avl = k->avl;
    s->unusable = k->unusable;
}

/* kvm_regs' order: rax rbx rcx rdx rsi rdi rsp rbp r8-r15. */
static const uint8_t kvm_gpr_order[16] = {
    X86_RAX, X86_RBX, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_RSP, X86_RBP,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
};

static uint64_t *kvm_regs_gpr(struct kvm_regs *k, int i)
{
    return (uint64_t *)&k->rax + i;
}

static int get_msrs(KVMVCPU *v, struct kvm_msr_entry *e, unsigned n)
{
    struct {
        struct kvm_msrs h;
        struct kvm_msr_entry e[32];
    } m;
    int r;

    memset(&m, 0, sizeof(m));
    m.h.nmsrs = n;
    memcpy(m.e, e, n * sizeof(*e));
    r = kvm_vcpu_ioctl(v, KVM_GET_MSRS, &m);
    if (r >= 0) {
        memcpy(e, m.e, n * sizeof(*e));
    }
    return r;
}

static int set_msrs(KVMVCPU *v, const struct kvm_msr_entry *e, unsigned n)
{
    struct {
        struct kvm_msrs h;
        struct kvm_msr_entry e[32];
    } m;
    int r;

    memset(&m, 0, sizeof(m));
    m.h.nmsrs = n;
    memcpy(m.e, e, n * sizeof(*e));
    r = kvm_vcpu_ioctl(v, KVM_SET_MSRS, &m);
    /* KVM stops at the first MSR it refuses. */
    return r < 0 ? r : (r < (int)n ? -EINVAL : 0);
}

int kvm_arch_get_registers(CPUState *cpu)
{
    CPUX86State *env = x86_env(cpu);
    X86KVMState *ks = env->kvm_arch;
    KVMVCPU *v = env->kvm;
    struct kvm_regs regs;
    struct kvm_sregs sregs;
    struct kvm_fpu fpu;
    struct kvm_msr_entry msr = { .index = MSR_KERNEL_GS_BASE };
    int r;

    r = kvm_vcpu_ioctl(v, KVM_GET_REGS, &regs);
    if (r < 0) {
        return r;
    }
    for (int i = 0; i < 16; i++) {
        env->r.gpr[kvm_gpr_order[i]] = *kvm_regs_gpr(&regs, i);
    }
    env->r.rip = regs.rip;
    env->r.rflags = regs.rflags;
    r = kvm_vcpu_ioctl(v, KVM_GET_SREGS, &sregs);
    if (r < 0) {
        return r;
    }
    seg_from_kvm(&env->r.seg[X86_ES], &sregs.es);
    seg_from_kvm(&env->r.seg[X86_CS], &sregs.cs);
    seg_from_kvm(&env->r.seg[X86_SS], &sregs.ss);
    seg_from_kvm(&env->r.seg[X86_DS], &sregs.ds);
    seg_from_kvm(&env->r.seg[X86_FS], &sregs.fs);
    seg_from_kvm(&env->r.seg[X86_GS], &sregs.gs);
    seg_from_kvm(&env->r.tr, &sregs.tr);
    seg_from_kvm(&env->r.ldt, &sregs.ldt);
    env->r.gdt.base = sregs.gdt.base;
    env->r.gdt.limit = sregs.gdt.limit;
    env->r.idt.base = sregs.idt.base;
    env->r.idt.limit = sregs.idt.limit;
    env->r.cr0 = sregs.cr0;
    env->r.cr2 = sregs.cr2;
    env->r.cr3 = sregs.cr3;
    env->r.cr4 = sregs.cr4;
    env->r.efer = sregs.efer;
    env->cr8 = sregs.cr8;
    env->apic_base = sregs.apic_base;
    memcpy(ks->interrupt_bitmap, sregs.interrupt_bitmap,
           sizeof(ks->interrupt_bitmap));
    if (kvm_vcpu_ioctl(v, KVM_GET_FPU, &fpu) >= 0) {
        memcpy(env->fpu.st, fpu.fpr, sizeof(env->fpu.st));
        env->fpu.fcw = fpu.fcw;
        env->fpu.fsw = fpu.fsw;
        env->fpu.ftw = fpu.ftwx;
        env->fpu.fop = fpu.last_opcode;
        env->fpu.fip = fpu.last_ip;
        env->fpu.fdp = fpu.last_dp;
        memcpy(env->fpu.xmm, fpu.xmm, sizeof(env->fpu.xmm));
        env->fpu.mxcsr = fpu.mxcsr;
    }
    if (get_msrs(v, &msr, 1) == 1) {
        env->kernel_gs_base = msr.data;
    }
    if (have_debugregs) {
        struct kvm_debugregs dbg;

        if (kvm_vcpu_ioctl(v, KVM_GET_DEBUGREGS, &dbg) >= 0) {
            memcpy(env->dr, dbg.db, sizeof(dbg.db));
            env->dr[6] = dbg.dr6;
            env->dr[7] = dbg.dr7;
        }
    }
    return 0;
}

/* The reset-only state: MSRs, LAPIC, pending events, MP state, x87. */
static int x86_kvm_put_reset_state(CPUState *cpu)
{
    CPUX86State *env = x86_env(cpu);
    X86KVMState *ks = env->kvm_arch;
    KVMVCPU *v = env->kvm;
    struct kvm_msr_entry msrs[G_N_ELEMENTS(x86_reset_msrs)];
    struct kvm_vcpu_events ev;
    struct kvm_mp_state mp;
    unsigned n = 0;
    int r;

    for (size_t i = 0; i < G_N_ELEMENTS(x86_reset_msrs); i++) {
        if (kvm_msr_known(x86_reset_msrs[i].index)) {
            msrs[n].index = x86_reset_msrs[i].index;
            msrs[n].reserved = 0;
            msrs[n].data = x86_reset_msrs[i].value;
            n++;
        }
    }
    r = set_msrs(v, msrs, n);
    if (r < 0) {
        return r;
    }
    if (ks->have_lapic_reset) {
        r = kvm_vcpu_ioctl(v, KVM_SET_LAPIC, &ks->lapic_reset);
        if (r < 0) {
            return r;
        }
    }
    memset(&ev, 0, sizeof(ev));
    ev.flags = KVM_VCPUEVENT_VALID_NMI_PENDING | KVM_VCPUEVENT_VALID_SHADOW;
    kvm_vcpu_ioctl(v, KVM_SET_VCPU_EVENTS, &ev);
    if (have_xcrs) {
        struct kvm_xcrs xcrs = { .nr_xcrs = 1 };

        xcrs.xcrs[0].xcr = 0;
        xcrs.xcrs[0].value = 1;             /* x87 only */
        kvm_vcpu_ioctl(v, KVM_SET_XCRS, &xcrs);
    }
    if (have_debugregs) {
        struct kvm_debugregs dbg = { .dr6 = 0xffff0ff0, .dr7 = 0x400 };

        kvm_vcpu_ioctl(v, KVM_SET_DEBUGREGS, &dbg);
    }
    memset(ks->interrupt_bitmap, 0, sizeof(ks->interrupt_bitmap));
    /* Application processors wait for INIT/SIPI, unless a loader gave
     * them a start state of their own. */
    mp.mp_state = env->apic_id == 0 || env->boot_set
                      ? KVM_MP_STATE_RUNNABLE : KVM_MP_STATE_UNINITIALIZED;
    return kvm_vcpu_ioctl(v, KVM_SET_MP_STATE, &mp);
}

int kvm_arch_put_registers(CPUState *cpu, bool full)
{
    CPUX86State *env = x86_env(cpu);
    X86KVMState *ks = env->kvm_arch;
    KVMVCPU *v = env->kvm;
    struct kvm_regs regs;
    struct kvm_sregs sregs;
    struct kvm_fpu fpu;
    struct kvm_msr_entry msr = { .index = MSR_KERNEL_GS_BASE };
    int r;

    if (full) {
        r = x86_kvm_put_reset_state(cpu);
        if (r < 0) {
            return r;
        }
    }
    memset(&regs, 0, sizeof(regs));
    for (int i = 0; i < 16; i++) {
        *kvm_regs_gpr(&regs, i) = env->r.gpr[kvm_gpr_order[i]];
    }
    regs.rip = env->r.rip;
    regs.rflags = env->r.rflags | X86_RFLAGS_FIXED;
    r = kvm_vcpu_ioctl(v, KVM_SET_REGS, &regs);
    if (r < 0) {
        return r;
    }
    memset(&sregs, 0, sizeof(sregs));
    seg_to_kvm(&sregs.es, &env->r.seg[X86_ES]);
    seg_to_kvm(&sregs.cs, &env->r.seg[X86_CS]);
    seg_to_kvm(&sregs.ss, &env->r.seg[X86_SS]);
    seg_to_kvm(&sregs.ds, &env->r.seg[X86_DS]);
    seg_to_kvm(&sregs.fs, &env->r.seg[X86_FS]);
    seg_to_kvm(&sregs.gs, &env->r.seg[X86_GS]);
    seg_to_kvm(&sregs.tr, &env->r.tr);
    seg_to_kvm(&sregs.ldt, &env->r.ldt);
    sregs.gdt.base = env->r.gdt.base;
    sregs.gdt.limit = env->r.gdt.limit;
    sregs.idt.base = env->r.idt.base;
    sregs.idt.limit = env->r.idt.limit;
    sregs.cr0 = env->r.cr0;
    sregs.cr2 = env->r.cr2;
    sregs.cr3 = env->r.cr3;
    sregs.cr4 = env->r.cr4;
    sregs.cr8 = env->cr8;
    sregs.efer = env->r.efer;
    sregs.apic_base = env->apic_base;
    memcpy(sregs.interrupt_bitmap, ks->interrupt_bitmap,
           sizeof(sregs.interrupt_bitmap));
    r = kvm_vcpu_ioctl(v, KVM_SET_SREGS, &sregs);
    if (r < 0) {
        return r;
    }
    memset(&fpu, 0, sizeof(fpu));
    memcpy(fpu.fpr, env->fpu.st, sizeof(fpu.fpr));
    fpu.fcw = env->fpu.fcw;
    fpu.fsw = env->fpu.fsw;
    fpu.ftwx = env->fpu.ftw;
    fpu.last_opcode = env->fpu.fop;
    fpu.last_ip = env->fpu.fip;
    fpu.last_dp = env->fpu.fdp;
    memcpy(fpu.xmm, env->fpu.xmm, sizeof(fpu.xmm));
    fpu.mxcsr = env->fpu.mxcsr;
    r = kvm_vcpu_ioctl(v, KVM_SET_FPU, &fpu);
    if (r < 0) {
        return r;
    }
    msr.data = env->kernel_gs_base;
    return set_msrs(v, &msr, 1);
}

/* Registers, then the bytes around the faulting instruction (QEMU's Code=). */
void kvm_arch_dump_state(CPUState *cpu, FILE *f)
{
    CPUX86State *env = x86_env(cpu);
    vaddr lin;

    x86_cpu_dump_state(cpu, f, 0);
    lin = env->r.seg[X86_CS].base + env->r.rip;
    if (!(env->r.efer & X86_EFER_LMA)) {
        lin = (uint32_t)lin;
    }
    fprintf(f, "Code=");
    for (int i = -43; i < 21; i++) {
        hwaddr phys = kvm_translate(cpu, lin + i);
        uint8_t b;

        if (phys == (hwaddr)-1 ||
            address_space_read(&address_space_memory, phys, &b, 1) !=
                MEMTX_OK) {
            fprintf(f, i ? "?" "? " : "<?" "?> ");
        } else {
            fprintf(f, i ? "%02x " : "<%02x> ", b);
        }
    }
    fprintf(f, "\n");
}
