/* SPDX-License-Identifier: MIT */
/*
 * Stand-ins for the vemu-user runtime (usercore) so the syscall layer
 * can be tested alone: guest_base is 0, so guest addresses are host
 * addresses, and everything below 64 KiB counts as unmapped.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "linux-user/user.h"
#include "linux-user/user-int.h"
#include "linux-user/syscall_defs.h"

#define STUB_UNMAPPED_LIMIT 0x10000

uintptr_t guest_base;
unsigned guest_addr_bits = 47;
const char *user_sysroot;
bool user_strace;
const char *user_exec_path = "/test/guest-exe";
const char *vemu_self_path = "/test/vemu-user";
const UserArchOps *user_arch;

static bool stub_mapped(abi_ulong addr, abi_ulong len)
{
    return addr >= STUB_UNMAPPED_LIMIT && addr + len >= addr;
}

void *lock_user(int type, abi_ulong addr, abi_ulong len)
{
    return stub_mapped(addr, len) ? g2h(addr) : NULL;
}

char *lock_user_string(abi_ulong addr)
{
    return stub_mapped(addr, 1) ? g2h(addr) : NULL;
}

int page_get_flags(abi_ulong addr)
{
    return stub_mapped(addr, 1) ? PAGE_VALID | PAGE_READ | PAGE_WRITE : 0;
}

bool page_check_range(abi_ulong addr, abi_ulong len, int flags)
{
    return stub_mapped(addr, len);
}

int copy_from_user(void *host, abi_ulong addr, size_t len)
{
    if (!stub_mapped(addr, len)) {
        return -TARGET_EFAULT;
    }
    memcpy(host, g2h(addr), len);
    return 0;
}

int copy_to_user(abi_ulong addr, const void *host, size_t len)
{
    if (!stub_mapped(addr, len)) {
        return -TARGET_EFAULT;
    }
    memcpy(g2h(addr), host, len);
    return 0;
}

int get_user_u64(uint64_t *v, abi_ulong addr)
{
    return copy_from_user(v, addr, sizeof(*v));
}

int get_user_u32(uint32_t *v, abi_ulong addr)
{
    return copy_from_user(v, addr, sizeof(*v));
}

int put_user_u64(uint64_t v, abi_ulong addr)
{
    return copy_to_user(addr, &v, sizeof(v));
}

int put_user_u32(uint32_t v, abi_ulong addr)
{
    return copy_to_user(addr, &v, sizeof(v));
}

abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags,
                     int fd, off_t offset)
{
    return -TARGET_ENOSYS;
}

abi_long target_munmap(abi_ulong start, abi_ulong len)
{
    return -TARGET_ENOSYS;
}

abi_long target_mprotect(abi_ulong start, abi_ulong len, int prot)
{
    return -TARGET_ENOSYS;
}

abi_long target_mremap(abi_ulong old_addr, abi_ulong old_size,
                       abi_ulong new_size, int flags, abi_ulong new_addr)
{
    return -TARGET_ENOSYS;
}

abi_long target_madvise(abi_ulong start, abi_ulong len, int advice)
{
    return -TARGET_ENOSYS;
}

void mmap_lock(void)
{
}

void mmap_unlock(void)
{
}

abi_ulong mmap_find_vma(abi_ulong start, abi_ulong len, abi_ulong align)
{
    return (abi_ulong)-1;
}

void page_invalidate_code(abi_ulong start, abi_ulong end)
{
}

void page_set_flags(abi_ulong start, abi_ulong end, int flags)
{
}

abi_long do_brk(abi_ulong new_brk)
{
    return 0;
}

/* What the restart hook answers; tests set it. */
bool stub_restart_answer;

bool signal_restart_syscall(CPUState *cpu)
{
    return stub_restart_answer;
}

/* The ppoll-family mask hooks: answers and a record of the calls. */
bool stub_wait_begin_answer = true;
int stub_wait_begin_calls, stub_wait_end_calls;
bool stub_wait_end_interrupted;
uint64_t stub_wait_mask;

bool signal_wait_mask_begin(CPUState *cpu, uint64_t mask, sigset_t *host)
{
    stub_wait_begin_calls++;
    stub_wait_mask = mask;
    signal_mask_from_guest(host, mask);
    return stub_wait_begin_answer;
}

void signal_wait_mask_end(CPUState *cpu, bool interrupted)
{
    stub_wait_end_calls++;
    stub_wait_end_interrupted = interrupted;
}

/* Signal numbers: the stub maps guest 32+i to host SIGRTMIN+i. */
int user_signal_to_host(int sig)
{
    if (sig < 32) {
        return sig;
    }
    return SIGRTMIN + sig - 32 <= SIGRTMAX ? SIGRTMIN + sig - 32 : -1;
}

int user_signal_from_host(int sig)
{
    if (sig < 32) {
        return sig;
    }
    return sig >= SIGRTMIN ? 32 + sig - SIGRTMIN : -1;
}

uint64_t signal_mask_to_guest(const sigset_t *set)
{
    uint64_t m = 0;

    for (int s = 1; s < 32; s++) {
        if (sigismember(set, s) == 1) {
            m |= 1ull << (s - 1);
        }
    }
    return m;
}

void signal_mask_from_guest(sigset_t *set, uint64_t mask)
{
    sigemptyset(set);
    for (int s = 1; s < 32; s++) {
        if (mask & (1ull << (s - 1))) {
            sigaddset(set, s);
        }
    }
}

abi_long do_rt_sigaction(int sig, abi_ulong act, abi_ulong oldact,
                         size_t sigsetsize)
{
    return -TARGET_ENOSYS;
}

abi_long do_rt_sigprocmask(CPUState *cpu, int how, abi_ulong set,
                           abi_ulong oldset, size_t sigsetsize)
{
    return -TARGET_ENOSYS;
}

abi_long do_sigaltstack(CPUState *cpu, abi_ulong ss, abi_ulong oss,
                        abi_ulong sp)
{
    return -TARGET_ENOSYS;
}

abi_long do_rt_sigsuspend(CPUState *cpu, abi_ulong set, size_t sigsetsize)
{
    return -TARGET_ENOSYS;
}

abi_long do_rt_sigpending(CPUState *cpu, abi_ulong set, size_t sigsetsize)
{
    return -TARGET_ENOSYS;
}

abi_long do_rt_sigtimedwait(CPUState *cpu, abi_ulong set, abi_ulong info,
                            abi_ulong timeout, size_t sigsetsize)
{
    return -TARGET_ENOSYS;
}

abi_long do_clone(CPUState *cpu, abi_ulong flags, abi_ulong newsp,
                  abi_ulong parent_tidptr, abi_ulong tls,
                  abi_ulong child_tidptr)
{
    return -TARGET_ENOSYS;
}

abi_long do_execve(CPUState *cpu, abi_ulong path, abi_ulong argv,
                   abi_ulong envp)
{
    return -TARGET_ENOSYS;
}

void do_exit_thread(CPUState *cpu, int status)
{
    exit(status);
}

void do_exit_group(CPUState *cpu, int status)
{
    exit(status);
}
