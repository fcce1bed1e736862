/* SPDX-License-Identifier: MIT */
/* Private interface between the files of the vemu-user runtime core. */
#ifndef LINUX_USER_USER_INT_H
#define LINUX_USER_USER_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "linux-user/user.h"

/*
 * Page flag private to the runtime: the page holds translated code, so
 * unmapping or reprotecting it must invalidate TBs.
 */
enum { PAGE_TRANSLATED = 64 };

/* Size of the guest address space, in bytes (1 << guest_addr_bits). */
static inline abi_ulong guest_space_size(void)
{
    extern unsigned guest_addr_bits;
    return (abi_ulong)1 << guest_addr_bits;
}

/* True if [addr, addr+len) lies inside the guest reservation. */
static inline bool guest_range_valid(abi_ulong addr, abi_ulong len)
{
    abi_ulong size = guest_space_size();
    return addr <= size && len <= size - addr;
}

static inline abi_ulong guest_page_align(abi_ulong a)
{
    return (a + GUEST_PAGE_SIZE - 1) & ~(GUEST_PAGE_SIZE - 1);
}

static inline abi_ulong guest_page_trunc(abi_ulong a)
{
    return a & ~(GUEST_PAGE_SIZE - 1);
}

/* Host protection for a guest one: exec becomes read, never host exec. */
int user_host_prot(int guest_prot);

/* guest-mem.c: flags of a page with no locking (caller holds mmap_lock). */
uint8_t *page_flags_ptr(abi_ulong addr);
/* Make a code-protected page writable again, invalidating its TBs. */
bool page_unprotect(abi_ulong addr);
/* Drop translated code in [start, end) if any page there has some. */
void page_invalidate_code(abi_ulong start, abi_ulong end);

/* mmap.c */
/* Around fork(): the child gets a fresh (unlocked) mmap lock. */
void mmap_fork_start(void);
void mmap_fork_end(bool child);
void mmap_set_layout(abi_ulong top, abi_ulong bottom);
abi_ulong mmap_find_vma(abi_ulong start, abi_ulong len, abi_ulong align);
abi_ulong mmap_get_brk(void);

/* elfload.c: header probe for main (target choice) and names. */
int elf_probe(const char *path, uint16_t *machine, unsigned *elf_class,
              char **errmsg);
const char *elf_machine_name(uint16_t machine, unsigned elf_class);

/* Stack size from -s (elfload.c uses it). */
extern abi_ulong user_stack_size;

/* user-exec.c: per-thread alternate signal stack and fault handlers. */
void user_exec_init(void);
/*
 * One round of guest execution for a target's cpu_loop: runs until a
 * trap and returns it; EXCP_ATOMIC is handled (the insn that asked runs
 * again with every other vCPU stopped) before the trap it then raises.
 */
int user_cpu_exec(CPUState *cpu);
/* EXCP_DEBUG: stop in gdb (vemu-user -g), else SIGTRAP at pc. */
void user_debug_trap(CPUState *cpu, abi_ulong pc);
void user_thread_sigaltstack_init(void);
/* True (once) if the last guest SIGBUS came from the host (BUS_ADRERR). */
bool user_exec_take_host_sigbus(void);
/* For an exiting thread, with host signals blocked. */
void user_thread_sigaltstack_free(void);

/* signal.c */
int user_signal_to_host(int guest_sig);
int user_signal_from_host(int host_sig);
void signal_thread_init(TaskState *ts, const TaskState *parent);
/* The fork child drops what was pending in the parent. */
void signal_fork_child(void);
/* Before execve: host mask = the guest's. */
void signal_prepare_exec(void);
/* A dying thread takes no more signals. */
void signal_block_all(void);
/* Forward a host signal that arrived (user-exec's SIGSEGV path too). */
void signal_queue_host(int host_sig, const siginfo_t *info);
/* Kill the process with sig (guest numbering), as the kernel would. */
void signal_die(int guest_sig) __attribute__((noreturn));
/*
 * A restartable syscall failed with EINTR: true if the signal about to
 * be delivered has an SA_RESTART handler, or no guest signal is pending,
 * so the syscall must rerun (Linux's -ERESTARTSYS). syscall.c asks.
 */
bool signal_restart_syscall(CPUState *cpu);
/* Sigaltstack of the current thread: true if sp is on it. */
bool signal_on_altstack(CPUState *cpu, abi_ulong sp);
/* Stack pointer for a frame of a handler with sa_flags. */
abi_ulong signal_frame_sp(CPUState *cpu, abi_ulong sp, uint64_t sa_flags);
/* Guest mask <-> host sigset_t (host numbering). */
uint64_t signal_mask_to_guest(const sigset_t *set);
void signal_mask_from_guest(sigset_t *set, uint64_t mask);
/* Set the thread's guest mask (SIGKILL/SIGSTOP never blocked). */
void signal_set_mask(CPUState *cpu, const sigset_t *set);

/* thread.c */
TaskState *task_state_new(ImageInfo *info);
/* The options to pass to a vemu re-exec (NULL-terminated, main.c). */
extern char **user_reexec_args;
void user_flush_logs(void);

/*
 * A guest sigaction (signal.c converts from the guest's layout, which has
 * sa_restorer only on some architectures).
 */
typedef struct TargetSigaction {
    uint64_t handler;
    uint64_t flags;
    uint64_t mask;
    uint64_t restorer;          /* 0 where the architecture has none */
} TargetSigaction;

enum {
    TARGET_SA_NOCLDSTOP = 1,
    TARGET_SA_NOCLDWAIT = 2,
    TARGET_SA_SIGINFO = 4,
    TARGET_SA_RESTORER = 0x04000000,  /* aarch64: sa_restorer is valid */
    TARGET_SA_ONSTACK = 0x08000000,
    TARGET_SA_RESTART = 0x10000000,
    TARGET_SA_NODEFER = 0x40000000,
    TARGET_SA_RESETHAND = 0x80000000u,
};

#define TARGET_NSIG 64
#define TARGET_SIG_DFL 0
#define TARGET_SIG_IGN 1

/* Guest siginfo: 128 bytes, the generic 64-bit Linux layout. */
typedef struct TargetSiginfo {
    int32_t si_signo;
    int32_t si_errno;
    int32_t si_code;
    int32_t pad0;
    union {
        uint64_t addr;          /* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
        struct {
            int32_t pid;
            uint32_t uid;
            int32_t status;     /* SIGCHLD */
            int32_t pad1;
            int64_t utime, stime;
        } kill;
        uint8_t raw[112];
    } u;
} TargetSiginfo;

#endif
