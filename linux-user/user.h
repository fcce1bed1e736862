/* SPDX-License-Identifier: MIT */
/*
 * Internal interface of vemu-user (linux-user/). The runtime core
 * (main, ELF loader, guest memory, threads, signals) and the syscall
 * translation layer meet here; per-architecture code lives in
 * linux-user/<arch>/ and is reached through a UserArchOps table.
 */
#ifndef LINUX_USER_USER_H
#define LINUX_USER_USER_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "vemu/cpu.h"
#include "vemu/softmmu.h"
#include "vemu/target.h"

typedef int64_t abi_long;      /* all supported guests are 64-bit */
typedef uint64_t abi_ulong;

/* ---- guest memory (linux-user/mmap.c, linux-user/guest-mem.c) ---- */

/* Page flags kept for every guest page (PAGE_READ/WRITE/EXEC: softmmu.h). */
enum {
    PAGE_VALID = 8,
    PAGE_WRITE_ORG = 16,   /* guest may write; host copy protected for SMC */
    PAGE_ANON = 32,
};

#define GUEST_PAGE_SIZE 4096ull

static inline void *g2h(abi_ulong guest_addr)
{
    extern uintptr_t guest_base;
    return (void *)(guest_base + (uintptr_t)guest_addr);
}

static inline abi_ulong h2g(const void *host)
{
    extern uintptr_t guest_base;
    return (abi_ulong)((uintptr_t)host - guest_base);
}

/* Reserve the guest address space (1 << addr_bits bytes). */
bool guest_space_init(unsigned addr_bits, char **errmsg);
int page_get_flags(abi_ulong addr);
void page_set_flags(abi_ulong start, abi_ulong end, int flags);
/* True when [addr, addr+len) is entirely mapped with all `flags`. */
bool page_check_range(abi_ulong addr, abi_ulong len, int flags);

enum { VERIFY_READ = PAGE_READ, VERIFY_WRITE = PAGE_READ | PAGE_WRITE };

/*
 * Access to guest buffers from syscalls: returns a host pointer to
 * [addr, addr+len) or NULL if the range is not accessible. The memory is
 * the guest's own (guest_base mapping), so no copy is made.
 */
void *lock_user(int type, abi_ulong addr, abi_ulong len);
static inline void unlock_user(void *host, abi_ulong addr, abi_ulong len)
{
    (void)host; (void)addr; (void)len;
}
/* Guest C string: host pointer or NULL (EFAULT). */
char *lock_user_string(abi_ulong addr);
/* Copy helpers returning 0 or -TARGET_EFAULT. */
int copy_from_user(void *host, abi_ulong addr, size_t len);
int copy_to_user(abi_ulong addr, const void *host, size_t len);
int get_user_u64(uint64_t *v, abi_ulong addr);
int get_user_u32(uint32_t *v, abi_ulong addr);
int put_user_u64(uint64_t v, abi_ulong addr);
int put_user_u32(uint32_t v, abi_ulong addr);

/* mmap family, in guest terms; return guest address or -errno. */
abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags,
                     int fd, off_t offset);
abi_long target_munmap(abi_ulong start, abi_ulong len);
abi_long target_mprotect(abi_ulong start, abi_ulong len, int prot);
abi_long target_mremap(abi_ulong old_addr, abi_ulong old_size,
                       abi_ulong new_size, int flags, abi_ulong new_addr);
abi_long target_madvise(abi_ulong start, abi_ulong len, int advice);
abi_long do_brk(abi_ulong new_brk);
void target_set_brk(abi_ulong start);
extern abi_ulong mmap_next_start;   /* where unhinted mappings go */
void mmap_lock(void);
void mmap_unlock(void);

/* ---- program image (linux-user/elfload.c) ---- */

typedef struct ImageInfo {
    abi_ulong load_bias;
    abi_ulong load_addr;       /* lowest mapped address of the main image */
    abi_ulong entry;           /* where execution starts (interp if any) */
    abi_ulong prog_entry;      /* AT_ENTRY */
    abi_ulong phdr, phnum, phent;
    abi_ulong interp_base;     /* AT_BASE */
    abi_ulong start_brk, brk;
    abi_ulong start_stack;     /* initial sp */
    abi_ulong stack_limit;
    abi_ulong start_code, end_code, start_data, end_data;
    abi_ulong arg_start, arg_end, env_start, env_end;
    abi_ulong vdso;            /* 0 if none */
    char *exe_path;            /* host path of the executable */
} ImageInfo;

/*
 * Load an ELF executable (and its PT_INTERP under sysroot), build the
 * initial stack with argv/envp/auxv. Returns 0, or -1 with *errmsg set
 * ("not an ELF file", "ELF for x86_64, not riscv64", ...).
 */
int loader_exec(const char *path, char **argv, char **envp,
                const TargetInfo *target, ImageInfo *info, char **errmsg);

/* ---- per-thread state (linux-user/main.c, linux-user/thread.c) ---- */

typedef struct TaskState {
    pid_t ts_tid;
    abi_ulong child_tidptr;     /* CLONE_CHILD_CLEARTID / set_tid_address */
    abi_ulong robust_list, robust_list_len;
    ImageInfo *info;
    sigset_t signal_mask;       /* guest's blocked set, in host numbering */
    abi_ulong sigaltstack_sp, sigaltstack_size;
    int sigaltstack_flags;
    volatile int signal_pending;
    void *sigstate;             /* pending queue, owned by signal.c */
} TaskState;

/* Global options of the vemu-user run. */
extern const char *user_sysroot;    /* -L */
extern bool user_strace;            /* -strace */
extern const char *user_exec_path;  /* absolute host path of the guest exe */
extern const char *vemu_self_path;  /* vemu-user binary, for execve */
extern const char *user_cpu_model;  /* -cpu, or NULL */

/* ---- per-architecture hooks (linux-user/<arch>/) ---- */

typedef struct UserArchOps {
    const TargetInfo *target;
    uint64_t (*hwcap)(void);
    const char *platform;                   /* AT_PLATFORM or NULL */
    /* Set pc and sp (and whatever else) for a fresh process. */
    void (*init_thread)(CPUState *cpu, const ImageInfo *info);
    /* Run guest code forever: handle syscalls, faults, signals. */
    void (*cpu_loop)(CPUState *cpu) __attribute__((noreturn));
    /* clone(): child's registers (sp if nonzero, return value 0, tls). */
    void (*clone_regs)(CPUState *child, abi_ulong newsp, bool set_tls,
                       abi_ulong tls);
    /* Build the rt signal frame; set pc/sp/args for the handler. */
    void (*setup_rt_frame)(CPUState *cpu, int guest_sig,
                           const void *guest_siginfo,
                           const void *guest_sigaction,
                           const sigset_t *old_mask);
    abi_long (*do_rt_sigreturn)(CPUState *cpu);
    /* Syscall return value register. */
    void (*set_syscall_return)(CPUState *cpu, abi_long ret);
    /* Guest stack pointer, for sigaltstack()'s on-stack check (syscalls
     * pass 0 to do_sigaltstack when this is NULL). */
    abi_ulong (*get_sp)(CPUState *cpu);
    /* Size of the guest address space in bits (0: 38, as under Sv39). */
    unsigned guest_addr_bits;
    /* MINSIGSTKSZ for sigaltstack() (0: 2048). */
    abi_ulong minsigstksz;
    /* The guest's struct sigaction has sa_restorer before sa_mask. */
    bool sa_restorer;
    /*
     * Open flags whose values differ from the asm-generic ones the host
     * uses (aarch64 swaps O_DIRECT/O_DIRECTORY/...): NULL for none.
     */
    int (*open_flags_to_host)(int guest_flags);
    int (*open_flags_to_guest)(int host_flags);
} UserArchOps;

extern const UserArchOps user_arch_riscv64;
extern const UserArchOps user_arch_aarch64;
/* Every architecture vemu-user runs, NULL-terminated (main.c). */
extern const UserArchOps *const user_archs[];
const UserArchOps *user_arch_for_target(const TargetInfo *target);
extern const UserArchOps *user_arch;

/* ---- syscalls (linux-user/syscall*.c) ---- */

/* Special return values of do_syscall(). */
#define TARGET_ERESTARTSYS 512      /* restart after signal delivery */
#define TARGET_QEMU_ESIGRETURN 513  /* registers already set: do not touch */

/*
 * Run guest syscall `num` (asm-generic numbering for riscv64/aarch64).
 * Returns the value for the guest's return register (-errno on error).
 */
abi_long do_syscall(CPUState *cpu, int num, abi_long a1, abi_long a2,
                    abi_long a3, abi_long a4, abi_long a5, abi_long a6);

/*
 * Called by the syscall layer when a blocking host syscall failed with
 * EINTR: true if the guest syscall is to be restarted once the pending
 * signals are handled (no deliverable guest signal is pending, or its
 * handler has SA_RESTART), false if the guest must see EINTR. signal.c
 * may implement it; until it does (weak reference), guests get EINTR.
 */
bool signal_restart_syscall(CPUState *cpu);

/*
 * ppoll/pselect6/epoll_pwait with a signal mask (guest bit numbering):
 * as with rt_sigsuspend, `mask` is the guest's blocked set during the
 * call and during the handler of a signal that interrupts it; the old set
 * comes back after that handler, or at signal_wait_mask_end() when
 * nothing interrupted the call. begin() puts the host mask for the
 * (atomic) host call in *host, and returns false if a deliverable signal
 * is already queued (the call then returns EINTR without waiting). end()
 * always follows begin(). Optional in signal.c (weak references): without
 * them the mask is only handed to the host call.
 */
bool signal_wait_mask_begin(CPUState *cpu, uint64_t mask, sigset_t *host);
void signal_wait_mask_end(CPUState *cpu, bool interrupted);

/* Host errno -> guest errno (identity on Linux hosts for asm-generic). */
int host_to_target_errno(int err);

/* ---- signals (linux-user/signal.c) ---- */

void signal_init(void);
/* Queue a guest signal for this thread (from a guest fault, say). */
void force_sig(CPUState *cpu, int sig, int si_code, abi_ulong addr);
/* Deliver pending signals on the way back to guest code. */
void process_pending_signals(CPUState *cpu);
abi_long do_rt_sigaction(int sig, abi_ulong act, abi_ulong oldact,
                         size_t sigsetsize);
abi_long do_rt_sigprocmask(CPUState *cpu, int how, abi_ulong set,
                           abi_ulong oldset, size_t sigsetsize);
abi_long do_sigaltstack(CPUState *cpu, abi_ulong ss, abi_ulong oss,
                        abi_ulong sp);
abi_long do_rt_sigsuspend(CPUState *cpu, abi_ulong set, size_t sigsetsize);
abi_long do_rt_sigpending(CPUState *cpu, abi_ulong set, size_t sigsetsize);
abi_long do_rt_sigtimedwait(CPUState *cpu, abi_ulong set, abi_ulong info,
                            abi_ulong timeout, size_t sigsetsize);

/* ---- processes and threads (linux-user/thread.c) ---- */

abi_long do_clone(CPUState *cpu, abi_ulong flags, abi_ulong newsp,
                  abi_ulong parent_tidptr, abi_ulong tls,
                  abi_ulong child_tidptr);
abi_long do_execve(CPUState *cpu, abi_ulong path, abi_ulong argv,
                   abi_ulong envp);
void do_exit_thread(CPUState *cpu, int status) __attribute__((noreturn));
void do_exit_group(CPUState *cpu, int status) __attribute__((noreturn));

#endif
