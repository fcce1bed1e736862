/* SPDX-License-Identifier: MIT */
/*
 * gdb under KVM: breakpoints and watchpoints in the debug registers,
 * software breakpoints as int3 written into guest memory, single step,
 * all through KVM_SET_GUEST_DEBUG; and the KVM_EXIT_DEBUG exits, which
 * stop the VM for gdb or go back to the guest when they are its own (an
 * int3 of its own code).
 *
 * gdb's software breakpoints (Z0) take a debug register too while two
 * or more are free (a watchpoint that needs one later moves such a
 * breakpoint to an int3): nothing is written into guest memory then,
 * and they work where an int3 cannot (ROM; nested KVMs such as kvm_pvm,
 * which fail to emulate an int3 exit). Beyond that, int3.
 *
 * The state is global (gdb's Z packets name no vCPU): the gdbstub edits
 * it with the vCPUs stopped, and each vCPU hands it to KVM on its own
 * thread before its next KVM_RUN (a generation count says when).
 *
 * The encodings (int3, DR7, #DB/#BP) are x86's: vemu's KVM runs x86
 * guests only. Another architecture would move them behind kvm_arch_.
 */
#include <errno.h>
#include <string.h>

#include "accel/kvm/kvm-int.h"
#include "vemu/debug.h"
#include "vemu/kvm.h"
#include "vemu/log.h"
#include "vemu/memory.h"
#include "vemu/target.h"

/* gdb's Z packet types. */
enum {
    GDB_BP_SW = 0,
    GDB_BP_HW = 1,
    GDB_WP_WRITE = 2,
    GDB_WP_READ = 3,
    GDB_WP_ACCESS = 4,
};

#define X86_INT3 0xcc
#define X86_DB_VECTOR 1
#define X86_BP_VECTOR 3
#define X86_DR6_BS (1u << 14)       /* single step */
#define X86_NR_DEBUGREGS 4

typedef struct KVMSwBreakpoint {
    vaddr addr;
    uint8_t saved;              /* the byte int3 replaced */
} KVMSwBreakpoint;

typedef struct KVMHwBreakpoint {
    vaddr addr;
    vaddr len;
    int type;                   /* GDB_BP_* (execute) or GDB_WP_* */
} KVMHwBreakpoint;

static GMutex debug_lock;
static GArray *sw_bps;          /* KVMSwBreakpoint */
static KVMHwBreakpoint hw_bps[X86_NR_DEBUGREGS];
static int nb_hw_bps;
/* Bumped on every change; each vCPU compares it with its debug_gen. */
static unsigned debug_gen;

/* 0: no guest debugging; else the KVM_GUESTDBG_* flags KVM takes. */
static int kvm_guest_debug_flags(void)
{
    static int flags = -1;

    if (flags < 0) {
        int f = 0;

        if (kvm_check_extension(KVM_CAP_SET_GUEST_DEBUG) > 0) {
            f = kvm_check_extension(KVM_CAP_SET_GUEST_DEBUG2);
            if (f <= 0) {
                /* Older kernels: the base set (no BLOCKIRQ). */
                f = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP |
                    KVM_GUESTDBG_USE_SW_BP | KVM_GUESTDBG_USE_HW_BP |
                    KVM_GUESTDBG_INJECT_DB | KVM_GUESTDBG_INJECT_BP;
            }
        }
        flags = f;
    }
    return flags;
}

static void debug_changed(void)
{
    __atomic_add_fetch(&debug_gen, 1, __ATOMIC_SEQ_CST);
}

/* One byte of guest memory at a virtual address, through cpu's MMU. */
static bool debug_byte_rw(CPUState *cpu, vaddr addr, uint8_t *b, bool write)
{
    hwaddr page = cpu->target->get_phys_page_debug(cpu, addr & ~0xfffull);

    return page != (hwaddr)-1 &&
           address_space_rw(cpu->as, page + (addr & 0xfff), b, 1,
                            write) == MEMTX_OK;
}

static KVMSwBreakpoint *sw_bp_find(vaddr addr, guint *index)
{
    for (guint i = 0; sw_bps && i < sw_bps->len; i++) {
        KVMSwBreakpoint *bp = &g_array_index(sw_bps, KVMSwBreakpoint, i);

        if (bp->addr == addr) {
            if (index) {
                *index = i;
            }
            return bp;
        }
    }
    return NULL;
}

static int sw_bp_insert(CPUState *cpu, vaddr addr)
{
    KVMSwBreakpoint bp = { .addr = addr };
    uint8_t int3 = X86_INT3;

    if (sw_bp_find(addr, NULL)) {
        return 0;
    }
    if (!debug_byte_rw(cpu, addr, &bp.saved, false) ||
        !debug_byte_rw(cpu, addr, &int3, true)) {
        return -1;
    }
    if (!sw_bps) {
        sw_bps = g_array_new(false, false, sizeof(KVMSwBreakpoint));
    }
    g_array_append_val(sw_bps, bp);
    return 0;
}

/* Put the original byte back, unless the guest rewrote that code. */
static void sw_bp_restore(CPUState *cpu, const KVMSwBreakpoint *bp)
{
    uint8_t cur;

    if (debug_byte_rw(cpu, bp->addr, &cur, false) && cur == X86_INT3) {
        uint8_t saved = bp->saved;

        debug_byte_rw(cpu, bp->addr, &saved, true);
    }
}

static int sw_bp_remove(CPUState *cpu, vaddr addr)
{
    guint i;
    KVMSwBreakpoint *bp = sw_bp_find(addr, &i);

    if (!bp) {
        return -1;
    }
    sw_bp_restore(cpu, bp);
    g_array_remove_index_fast(sw_bps, i);
    return 0;
}

/* x86 debug registers watch 1, 2, 4 or 8 aligned bytes. */
static bool hw_bp_valid(int type, vaddr addr, vaddr len)
{
    if (type <= GDB_BP_HW) {
        return true;
    }
    return (len == 1 || len == 2 || len == 4 || len == 8) &&
           (addr & (len - 1)) == 0;
}

static int hw_bp_find(int type, vaddr addr, vaddr len)
{
    for (int i = 0; i < nb_hw_bps; i++) {
        if (hw_bps[i].type == type && hw_bps[i].addr == addr &&
            (type <= GDB_BP_HW || hw_bps[i].len == len)) {
            return i;
        }
    }
    return -1;
}

static void hw_bp_drop(int i)
{
    hw_bps[i] = hw_bps[--nb_hw_bps];
}

/* All debug registers taken: move a Z0 breakpoint to an int3. */
static void hw_bp_evict_sw(CPUState *cpu)
{
    for (int i = 0; i < nb_hw_bps; i++) {
        if (hw_bps[i].type == GDB_BP_SW &&
            sw_bp_insert(cpu, hw_bps[i].addr) == 0) {
            hw_bp_drop(i);
            return;
        }
    }
}

static int sw_bp_add(CPUState *cpu, vaddr addr)
{
    if (hw_bp_find(GDB_BP_SW, addr, 1) >= 0 || sw_bp_find(addr, NULL)) {
        return 0;
    }
    if (nb_hw_bps + 2 <= X86_NR_DEBUGREGS) {
        hw_bps[nb_hw_bps++] = (KVMHwBreakpoint){ addr, 1, GDB_BP_SW };
        return 0;
    }
    return sw_bp_insert(cpu, addr);
}

int kvm_insert_breakpoint(CPUState *cpu, int type, vaddr addr, vaddr len)
{
    int r = -1;

    if (!kvm_guest_debug_flags() || type < GDB_BP_SW ||
        type > GDB_WP_ACCESS) {
        return -1;
    }
    g_mutex_lock(&debug_lock);
    if (type == GDB_BP_SW) {
        r = sw_bp_add(cpu, addr);
    } else if (hw_bp_find(type, addr, len) >= 0) {
        r = 0;
    } else if (hw_bp_valid(type, addr, len)) {
        if (nb_hw_bps == X86_NR_DEBUGREGS) {
            hw_bp_evict_sw(cpu);
        }
        if (nb_hw_bps < X86_NR_DEBUGREGS) {
            hw_bps[nb_hw_bps++] = (KVMHwBreakpoint){ addr, len, type };
            r = 0;
        }
    }
    g_mutex_unlock(&debug_lock);
    if (r == 0) {
        debug_changed();
    }
    return r;
}

int kvm_remove_breakpoint(CPUState *cpu, int type, vaddr addr, vaddr len)
{
    int r = -1, i;

    g_mutex_lock(&debug_lock);
    if ((i = hw_bp_find(type, addr, len)) >= 0) {
        hw_bp_drop(i);
        r = 0;
    } else if (type == GDB_BP_SW) {
        r = sw_bp_remove(cpu, addr);
    }
    g_mutex_unlock(&debug_lock);
    if (r == 0) {
        debug_changed();
    }
    return r;
}

void kvm_remove_all_breakpoints(void)
{
    g_mutex_lock(&debug_lock);
    for (guint i = 0; sw_bps && i < sw_bps->len && first_cpu; i++) {
        sw_bp_restore(first_cpu,
                      &g_array_index(sw_bps, KVMSwBreakpoint, i));
    }
    if (sw_bps) {
        g_array_set_size(sw_bps, 0);
    }
    nb_hw_bps = 0;
    g_mutex_unlock(&debug_lock);
    debug_changed();
}

void kvm_set_single_step(CPUState *cpu, bool enable)
{
    KVMVCPU *v = kvm_arch_vcpu(cpu);

    if (v && v->sstep != enable) {
        v->sstep = enable;
        debug_changed();
    }
}

bool kvm_watchpoint_hit(CPUState *cpu, vaddr *addr, int *flags)
{
    KVMVCPU *v = kvm_arch_vcpu(cpu);

    if (!v || !v->wp_hit) {
        return false;
    }
    v->wp_hit = false;
    *addr = v->wp_hit_addr;
    *flags = v->wp_hit_flags;
    return true;
}

/* ---- handing the state to KVM ------------------------------------------- */

/* DR7 for the hardware breakpoints: global enable, kind and length. */
static uint64_t hw_bps_dr7(void)
{
    uint64_t dr7 = 0;

    for (int i = 0; i < nb_hw_bps; i++) {
        /* R/W: 0 execute, 1 write, 3 read or write (no read-only). */
        unsigned rw = hw_bps[i].type <= GDB_BP_HW ? 0
                      : hw_bps[i].type == GDB_WP_WRITE ? 1 : 3;
        /* LEN: 1 -> 0, 2 -> 1, 8 -> 2, 4 -> 3; execute takes 0. */
        unsigned ln = 0;

        if (rw) {
            ln = hw_bps[i].len == 2 ? 1 : hw_bps[i].len == 8 ? 2
                 : hw_bps[i].len == 4 ? 3 : 0;
        }
        dr7 |= 2ull << (2 * i);
        dr7 |= (uint64_t)(rw | (ln << 2)) << (16 + 4 * i);
    }
    return dr7;
}

/* What KVM_SET_GUEST_DEBUG gets for v; debug_lock held. */
static void guest_debug_fill(KVMVCPU *v, struct kvm_guest_debug *dbg)
{
    int flags = kvm_guest_debug_flags();

    memset(dbg, 0, sizeof(*dbg));
    if ((!sw_bps || !sw_bps->len) && !nb_hw_bps && !v->sstep) {
        return;
    }
    dbg->control = KVM_GUESTDBG_ENABLE;
    if (sw_bps && sw_bps->len) {
        dbg->control |= KVM_GUESTDBG_USE_SW_BP;
    }
    if (nb_hw_bps) {
        dbg->control |= KVM_GUESTDBG_USE_HW_BP;
        for (int i = 0; i < nb_hw_bps; i++) {
            dbg->arch.debugreg[i] = hw_bps[i].addr;
        }
        dbg->arch.debugreg[7] = hw_bps_dr7();
    }
    if (v->sstep) {
        dbg->control |= KVM_GUESTDBG_SINGLESTEP;
        /* Step the insn, not into an interrupt handler (as QEMU). */
        dbg->control |= flags & KVM_GUESTDBG_BLOCKIRQ;
    }
}

int kvm_debug_apply(CPUState *cpu, KVMVCPU *v)
{
    unsigned gen = __atomic_load_n(&debug_gen, __ATOMIC_SEQ_CST);
    struct kvm_guest_debug dbg;
    int r;

    if (v->debug_gen == gen) {
        return 0;
    }
    g_mutex_lock(&debug_lock);
    guest_debug_fill(v, &dbg);
    g_mutex_unlock(&debug_lock);
    r = kvm_vcpu_ioctl(v, KVM_SET_GUEST_DEBUG, &dbg);
    if (r < 0) {
        vemu_log_mask(LOG_UNIMP, "kvm: KVM_SET_GUEST_DEBUG on vCPU %d: %s\n",
                      cpu->cpu_index, strerror(-r));
    }
    v->debug_gen = gen;
    return r;
}

/* ---- debug exits ---------------------------------------------------------- */

/* The guest's own #DB or #BP: queue it for the guest's handler. */
static void debug_reinject(CPUState *cpu, KVMVCPU *v, unsigned vector)
{
    struct kvm_guest_debug dbg;
    int r;

    g_mutex_lock(&debug_lock);
    guest_debug_fill(v, &dbg);
    g_mutex_unlock(&debug_lock);
    dbg.control |= vector == X86_BP_VECTOR ? KVM_GUESTDBG_INJECT_BP
                                           : KVM_GUESTDBG_INJECT_DB;
    r = kvm_vcpu_ioctl(v, KVM_SET_GUEST_DEBUG, &dbg);
    if (r < 0) {
        vemu_log_mask(LOG_GUEST_ERROR, "kvm: vCPU %d: cannot give the "
                      "guest its exception %u: %s\n", cpu->cpu_index,
                      vector, strerror(-r));
    }
}

/*
 * Which of our debug registers fired (dr6 B0-B3). Slot i is ours when
 * i < nb_hw_bps: the exit's dr7 cannot tell (nested KVMs report 0).
 */
static int debug_hw_hit(const struct kvm_debug_exit_arch *a)
{
    for (int i = 0; i < nb_hw_bps; i++) {
        if (a->dr6 & (1u << i)) {
            return i;
        }
    }
    return -1;
}

void kvm_debug_handle_exit(CPUState *cpu, KVMVCPU *v)
{
    const struct kvm_debug_exit_arch *a = &v->run->debug.arch;
    bool ours = false;

    g_mutex_lock(&debug_lock);
    if (a->exception == X86_BP_VECTOR) {
        /* KVM leaves rip on the int3: where gdb wants the pc. */
        ours = sw_bp_find(a->pc, NULL) != NULL;
    } else if (a->exception == X86_DB_VECTOR) {
        int i = debug_hw_hit(a);

        if (i >= 0) {
            ours = true;
            if (hw_bps[i].type >= GDB_WP_WRITE) {
                static const int kinds[] = {
                    [GDB_WP_WRITE] = BP_MEM_WRITE,
                    [GDB_WP_READ] = BP_MEM_READ,
                    [GDB_WP_ACCESS] = BP_MEM_ACCESS,
                };

                v->wp_hit = true;
                v->wp_hit_addr = hw_bps[i].addr;
                v->wp_hit_flags = kinds[hw_bps[i].type];
            }
        } else if ((a->dr6 & X86_DR6_BS) && v->sstep) {
            ours = true;
        }
    }
    g_mutex_unlock(&debug_lock);
    if (ours) {
        v->debug_stop = true;
    } else {
        vemu_log_mask(LOG_GUEST_ERROR, "kvm: vCPU %d: the guest's own "
                      "exception %u at 0x%llx (dr6 0x%llx dr7 0x%llx)\n",
                      cpu->cpu_index, a->exception,
                      (unsigned long long)a->pc,
                      (unsigned long long)a->dr6,
                      (unsigned long long)a->dr7);
        debug_reinject(cpu, v, a->exception);
    }
}
