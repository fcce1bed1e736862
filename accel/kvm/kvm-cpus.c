/* SPDX-License-Identifier: MIT */
/*
 * KVM vCPUs: creation, one host thread each running KVM_RUN, the exits
 * (port I/O and MMIO to vemu's devices, shutdown, system events, errors)
 * and register synchronisation for the monitor and the gdbstub.
 *
 * Kicks: a vCPU inside KVM_RUN leaves it on SIG_IPI; kvm_run's
 * immediate_exit covers a kick that lands just before KVM_RUN.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accel/kvm/kvm-int.h"
#include "vemu/cpus.h"
#include "vemu/debug.h"
#include "vemu/gdbstub.h"
#include "vemu/kvm.h"
#include "vemu/log.h"
#include "vemu/main-loop.h"
#include "vemu/memory.h"
#include "vemu/target.h"

#define SIG_IPI SIGUSR1

static void kvm_ipi_handler(int sig)
{
    /* Only there to interrupt KVM_RUN with EINTR. */
}

static void kvm_install_ipi_handler(void)
{
    static gsize done;

    if (g_once_init_enter(&done)) {
        struct sigaction sa;

        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = kvm_ipi_handler;
        sigemptyset(&sa.sa_mask);
        sigaction(SIG_IPI, &sa, NULL);
        g_once_init_leave(&done, 1);
    }
}

KVMVCPU *kvm_vcpu_create(CPUState *cpu, unsigned vcpu_id, GError **errp)
{
    KVMVCPU *v;
    void *run;
    int fd;

    if (!kvm_enabled()) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                    "x86 vCPUs need -accel kvm (there is no x86 TCG "
                    "frontend yet)");
        return NULL;
    }
    fd = kvm_vm_ioctl(KVM_CREATE_VCPU, (void *)(uintptr_t)vcpu_id);
    if (fd < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(-fd),
                    "KVM_CREATE_VCPU %u: %s", vcpu_id, strerror(-fd));
        return NULL;
    }
    run = mmap(NULL, kvm_state.vcpu_mmap_size, PROT_READ | PROT_WRITE,
               MAP_SHARED, fd, 0);
    if (run == MAP_FAILED) {
        int err = errno;

        close(fd);
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(err),
                    "mmap of vCPU %u's kvm_run: %s", vcpu_id, strerror(err));
        return NULL;
    }
    v = g_new0(KVMVCPU, 1);
    v->fd = fd;
    v->vcpu_id = vcpu_id;
    v->run = run;
    v->reset_pending = true;
    v->regs_dirty = true;
    g_cond_init(&v->work_cond);
    kvm_install_ipi_handler();
    return v;
}

/* ---- work from other threads -------------------------------------------- */

/* On the vCPU thread: run a pending request (BQL taken only then). */
static void kvm_do_work(CPUState *cpu, KVMVCPU *v)
{
    KVMWorkFn *fn;

    if (!__atomic_load_n(&v->work_fn, __ATOMIC_SEQ_CST)) {
        return;
    }
    bql_lock();
    fn = v->work_fn;
    if (fn) {
        fn(cpu, v->work_data);
        __atomic_store_n(&v->work_fn, NULL, __ATOMIC_SEQ_CST);
        g_cond_broadcast(&v->work_cond);
    }
    bql_unlock();
}

void kvm_run_on_cpu(CPUState *cpu, KVMWorkFn *fn, void *data)
{
    KVMVCPU *v = kvm_arch_vcpu(cpu);
    bool took = false;

    if (!v || cpu == current_cpu || !v->thread_started) {
        fn(cpu, data);
        return;
    }
    if (!bql_locked()) {
        bql_lock();
        took = true;
    }
    while (v->work_fn) {
        bql_cond_wait(&v->work_cond);
    }
    v->work_data = data;
    __atomic_store_n(&v->work_fn, fn, __ATOMIC_SEQ_CST);
    for (;;) {
        if (!__atomic_load_n(&v->work_fn, __ATOMIC_SEQ_CST)) {
            break;              /* done by the vCPU thread */
        }
        /*
         * Outside kvm_cpu_exec (paused, parked after a shutdown): its
         * next entry waits for the BQL we hold, so the vCPU fd is ours.
         */
        if (!__atomic_load_n(&v->in_exec, __ATOMIC_SEQ_CST)) {
            fn(cpu, data);
            __atomic_store_n(&v->work_fn, NULL, __ATOMIC_SEQ_CST);
            g_cond_broadcast(&v->work_cond);
            break;
        }
        kvm_kick_vcpu(cpu);
        bql_cond_wait_until(&v->work_cond, g_get_monotonic_time() + 10000);
    }
    if (took) {
        bql_unlock();
    }
}

static void do_sync_state(CPUState *cpu, void *data)
{
    KVMVCPU *v = kvm_arch_vcpu(cpu);

    if (!v->regs_dirty) {
        kvm_arch_get_registers(cpu);
        v->regs_dirty = true;
    }
}

void cpu_synchronize_state(CPUState *cpu)
{
    KVMVCPU *v;

    if (!kvm_enabled() || !(v = kvm_arch_vcpu(cpu)) || v->regs_dirty) {
        return;
    }
    kvm_run_on_cpu(cpu, do_sync_state, NULL);
}

typedef struct TranslateReq {
    vaddr addr;
    hwaddr phys;
} TranslateReq;

static void do_translate(CPUState *cpu, void *data)
{
    TranslateReq *req = data;
    struct kvm_translation tr = { .linear_address = req->addr };

    req->phys = (hwaddr)-1;
    if (kvm_vcpu_ioctl(kvm_arch_vcpu(cpu), KVM_TRANSLATE, &tr) >= 0 &&
        tr.valid) {
        req->phys = tr.physical_address;
    }
}

hwaddr kvm_translate(CPUState *cpu, vaddr addr)
{
    TranslateReq req = { .addr = addr };

    if (!kvm_enabled() || !kvm_arch_vcpu(cpu)) {
        return (hwaddr)-1;
    }
    /* Pending register writes (a reset, gdb) change the translation. */
    kvm_run_on_cpu(cpu, do_translate, &req);
    return req.phys;
}

/* ---- exits ------------------------------------------------------------------ */

static void kvm_handle_io(struct kvm_run *run)
{
    uint8_t *p = (uint8_t *)run + run->io.data_offset;
    bool is_write = run->io.direction == KVM_EXIT_IO_OUT;

    bql_lock();
    for (uint32_t i = 0; i < run->io.count; i++) {
        MemTxResult r = address_space_rw(&address_space_io, run->io.port, p,
                                         run->io.size, is_write);

        /* Nothing answers there: the bus floats high, as on a PC. */
        if (r != MEMTX_OK && !is_write) {
            memset(p, 0xff, run->io.size);
        }
        p += run->io.size;
    }
    bql_unlock();
}

static void kvm_handle_mmio(struct kvm_run *run)
{
    MemTxResult r;

    bql_lock();
    r = address_space_rw(&address_space_memory, run->mmio.phys_addr,
                         run->mmio.data, run->mmio.len, run->mmio.is_write);
    bql_unlock();
    if (r != MEMTX_OK) {
        if (!run->mmio.is_write) {
            memset(run->mmio.data, 0, sizeof(run->mmio.data));
        }
        vemu_log_mask(LOG_GUEST_ERROR, "kvm: %s of %u bytes at 0x%" PRIx64
                      ": nothing mapped there\n",
                      run->mmio.is_write ? "write" : "read", run->mmio.len,
                      (uint64_t)run->mmio.phys_addr);
    }
}

/*
 * The vCPU cannot go on: say why with its registers (as QEMU does), end
 * the run with status 1 and park the vCPU, so nothing hangs or spins.
 */
static void kvm_fatal(CPUState *cpu, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void kvm_fatal(CPUState *cpu, const char *fmt, ...)
{
    va_list ap;

    bql_lock();
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    kvm_arch_dump_state(cpu, stderr);
    fprintf(stderr, "vemu: KVM cannot run vCPU %d any further: stopping\n",
            cpu->cpu_index);
    fflush(stderr);
    bql_unlock();
    system_shutdown_request_status(SHUTDOWN_GUEST_PANIC, 1);
    cpu->halted = true;
}

static void kvm_internal_error(CPUState *cpu, struct kvm_run *run)
{
    GString *s = g_string_new(NULL);

    g_string_append_printf(s, "KVM internal error. Suberror: %u\n",
                           run->internal.suberror);
    for (uint32_t i = 0; i < run->internal.ndata &&
                         i < G_N_ELEMENTS(run->internal.data); i++) {
        g_string_append_printf(s, "extra data[%u]: 0x%016" PRIx64 "\n", i,
                               (uint64_t)run->internal.data[i]);
    }
    if (run->internal.suberror == KVM_INTERNAL_ERROR_EMULATION) {
        g_string_append(s, "emulation failure\n");
    }
    kvm_fatal(cpu, "%s", s->str);
    g_string_free(s, true);
}

static void kvm_system_event(CPUState *cpu, struct kvm_run *run)
{
    switch (run->system_event.type) {
    case KVM_SYSTEM_EVENT_SHUTDOWN:
        system_shutdown_request(SHUTDOWN_GUEST_SHUTDOWN);
        break;
    case KVM_SYSTEM_EVENT_RESET:
        system_reset_request(SHUTDOWN_GUEST_RESET);
        break;
    case KVM_SYSTEM_EVENT_CRASH:
        fprintf(stderr, "vemu: guest crashed (KVM system event)\n");
        system_shutdown_request_status(SHUTDOWN_GUEST_PANIC, 1);
        break;
    default:
        vemu_log_mask(LOG_UNIMP, "kvm: system event %u ignored\n",
                      run->system_event.type);
        return;
    }
    cpu->halted = true;         /* until the reset (or the end) */
}

static void kvm_handle_exit(CPUState *cpu, KVMVCPU *v)
{
    struct kvm_run *run = v->run;

    switch (run->exit_reason) {
    case KVM_EXIT_IO:
        kvm_handle_io(run);
        break;
    case KVM_EXIT_MMIO:
        kvm_handle_mmio(run);
        break;
    case KVM_EXIT_INTR:
    case KVM_EXIT_IRQ_WINDOW_OPEN:
        break;
    case KVM_EXIT_HLT:
        /* Only without the in-kernel irqchip, which vemu always has. */
        g_usleep(1000);
        break;
    case KVM_EXIT_SHUTDOWN:
        /* A triple fault: a reset, or the end with -no-reboot. */
        vemu_log_mask(LOG_GUEST_ERROR, "kvm: vCPU %d triple fault: "
                      "system reset\n", cpu->cpu_index);
        system_reset_request(SHUTDOWN_GUEST_RESET);
        cpu->halted = true;
        break;
    case KVM_EXIT_SYSTEM_EVENT:
        kvm_system_event(cpu, run);
        break;
    case KVM_EXIT_DEBUG:
        kvm_debug_handle_exit(cpu, v);
        break;
    case KVM_EXIT_INTERNAL_ERROR:
        kvm_internal_error(cpu, run);
        break;
    case KVM_EXIT_FAIL_ENTRY:
        kvm_fatal(cpu, "KVM: entry failed, hardware error 0x%" PRIx64 "\n",
                  (uint64_t)run->fail_entry.hardware_entry_failure_reason);
        break;
    default:
        kvm_fatal(cpu, "KVM: unhandled exit reason %u\n", run->exit_reason);
        break;
    }
}

int kvm_cpu_exec(CPUState *cpu)
{
    KVMVCPU *v = kvm_arch_vcpu(cpu);
    int r, err, ret;

    __atomic_store_n(&v->in_exec, true, __ATOMIC_SEQ_CST);
    kvm_do_work(cpu, v);
    if (v->regs_dirty || v->reset_pending) {
        r = kvm_arch_put_registers(cpu, v->reset_pending);
        if (r < 0) {
            kvm_fatal(cpu, "KVM: cannot set the registers of vCPU %d: %s\n",
                      cpu->cpu_index, strerror(-r));
            ret = r;
            goto out;
        }
        v->regs_dirty = false;
        v->reset_pending = false;
    }
    kvm_debug_apply(cpu, v);
    r = ioctl(v->fd, KVM_RUN, 0);
    err = errno;
    /* Before the caller looks at stop requests again (see kvm_kick_vcpu). */
    __atomic_store_n(&v->run->immediate_exit, 0, __ATOMIC_SEQ_CST);
    if (r < 0) {
        if (err == EINTR || err == EAGAIN) {
            ret = KVM_EXIT_INTR;
        } else {
            kvm_fatal(cpu, "KVM_RUN of vCPU %d failed: %s\n",
                      cpu->cpu_index, strerror(err));
            ret = -err;
        }
        goto out;
    }
    ret = v->run->exit_reason;
    kvm_handle_exit(cpu, v);
out:
    kvm_do_work(cpu, v);
    /* A request posted after this: its poster runs it (kvm_run_on_cpu). */
    __atomic_store_n(&v->in_exec, false, __ATOMIC_SEQ_CST);
    return ret;
}

/* ---- threads --------------------------------------------------------------- */

static void *kvm_vcpu_thread(void *arg)
{
    CPUState *cpu = arg;
    KVMVCPU *v = kvm_arch_vcpu(cpu);
    sigset_t set;

    current_cpu = cpu;
    sigemptyset(&set);
    sigaddset(&set, SIG_IPI);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    for (;;) {
        cpu_thread_wait_runnable(cpu);
        if (cpu_debug_held(cpu)) {
            /* gdb resumed other vCPUs only (vCont): run nothing. */
            gdb_cpu_debug_stop(cpu);
            continue;
        }
        kvm_cpu_exec(cpu);
        if (v->debug_stop) {
            /* gdb's breakpoint, watchpoint or step: stop the VM. */
            v->debug_stop = false;
            gdb_cpu_debug_stop(cpu);
        }
    }
    return NULL;
}

void kvm_start_vcpu(CPUState *cpu)
{
    KVMVCPU *v = kvm_arch_vcpu(cpu);

    cpu->stopped = true;
    if (pthread_create(&cpu->thread, NULL, kvm_vcpu_thread, cpu) != 0) {
        g_error("cannot create the thread of vCPU %d", cpu->cpu_index);
    }
    __atomic_store_n(&v->thread_started, true, __ATOMIC_SEQ_CST);
}

void kvm_kick_vcpu(CPUState *cpu)
{
    KVMVCPU *v = kvm_arch_vcpu(cpu);

    if (!v || !__atomic_load_n(&v->thread_started, __ATOMIC_SEQ_CST)) {
        return;
    }
    __atomic_store_n(&v->run->immediate_exit, 1, __ATOMIC_SEQ_CST);
    pthread_kill(cpu->thread, SIG_IPI);
}
