/* SPDX-License-Identifier: MIT */
/* Memory syscalls: the mmap family is usercore's, the rest checked here. */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/syscall_int.h"

static abi_long sys_brk(CPUState *cpu, const abi_long *arg)
{
    return do_brk(arg[0]);
}

static abi_long sys_mmap(CPUState *cpu, const abi_long *arg)
{
    return target_mmap(arg[0], arg[1], (int)arg[2], (int)arg[3],
                       (int)arg[4], (off_t)arg[5]);
}

static abi_long sys_munmap(CPUState *cpu, const abi_long *arg)
{
    return target_munmap(arg[0], arg[1]);
}

static abi_long sys_mprotect(CPUState *cpu, const abi_long *arg)
{
    return target_mprotect(arg[0], arg[1], (int)arg[2]);
}

static abi_long sys_mremap(CPUState *cpu, const abi_long *arg)
{
    return target_mremap(arg[0], arg[1], arg[2], (int)arg[3], arg[4]);
}

static abi_long sys_madvise(CPUState *cpu, const abi_long *arg)
{
    return target_madvise(arg[0], arg[1], (int)arg[2]);
}

/*
 * Calls that only look at or pin existing guest pages: valid when the
 * range is mapped in the guest; then the host call acts on the same
 * pages. Unmapped ranges get ENOMEM, as from the kernel.
 */
static void *lock_range(abi_ulong addr, abi_ulong len)
{
    if (len == 0) {
        return g2h(addr);
    }
    if (!page_check_range(addr & ~(GUEST_PAGE_SIZE - 1),
                          len + (addr & (GUEST_PAGE_SIZE - 1)), PAGE_VALID)) {
        return NULL;
    }
    return g2h(addr);
}

static abi_long sys_mlock(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_range(arg[0], arg[1]);

    if (!p) {
        return -TARGET_ENOMEM;
    }
    return get_errno(mlock(p, arg[1]));
}

static abi_long sys_mlock2(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_range(arg[0], arg[1]);

    if (!p) {
        return -TARGET_ENOMEM;
    }
    return get_errno(syscall(SYS_mlock2, p, (size_t)arg[1],
                             (unsigned)arg[2]));
}

static abi_long sys_munlock(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_range(arg[0], arg[1]);

    if (!p) {
        return -TARGET_ENOMEM;
    }
    return get_errno(munlock(p, arg[1]));
}

static abi_long sys_mlockall(CPUState *cpu, const abi_long *arg)
{
    return get_errno(mlockall((int)arg[0]));
}

static abi_long sys_munlockall(CPUState *cpu, const abi_long *arg)
{
    return get_errno(munlockall());
}

static abi_long sys_msync(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_range(arg[0], arg[1]);

    if (arg[0] & (GUEST_PAGE_SIZE - 1)) {
        return -TARGET_EINVAL;
    }
    if (!p) {
        return -TARGET_ENOMEM;
    }
    return get_errno(msync(p, arg[1], (int)arg[2]));
}

static abi_long sys_mincore(CPUState *cpu, const abi_long *arg)
{
    abi_ulong pages = (arg[1] + GUEST_PAGE_SIZE - 1) / GUEST_PAGE_SIZE;
    void *p = lock_range(arg[0], arg[1]);
    void *vec = lock_buf(VERIFY_WRITE, arg[2], pages);

    if (arg[0] & (GUEST_PAGE_SIZE - 1)) {
        return -TARGET_EINVAL;
    }
    if (!p) {
        return -TARGET_ENOMEM;
    }
    if (!vec) {
        return -TARGET_EFAULT;
    }
    return get_errno(mincore(p, arg[1], vec));
}

const SyscallDef syscall_mem_defs[] = {
    { TARGET_NR_brk, "brk", sys_brk, "p", 'x' },
    { TARGET_NR_mmap, "mmap", sys_mmap, "puPMdl", 'x' },
    { TARGET_NR_munmap, "munmap", sys_munmap, "pu", 'd' },
    { TARGET_NR_mprotect, "mprotect", sys_mprotect, "puP", 'd' },
    { TARGET_NR_mremap, "mremap", sys_mremap, "puuxp", 'x' },
    { TARGET_NR_madvise, "madvise", sys_madvise, "pud", 'd' },
    { TARGET_NR_mlock, "mlock", sys_mlock, "pu", 'd' },
    { TARGET_NR_mlock2, "mlock2", sys_mlock2, "pux", 'd' },
    { TARGET_NR_munlock, "munlock", sys_munlock, "pu", 'd' },
    { TARGET_NR_mlockall, "mlockall", sys_mlockall, "x", 'd' },
    { TARGET_NR_munlockall, "munlockall", sys_munlockall, "", 'd' },
    { TARGET_NR_msync, "msync", sys_msync, "pux", 'd' },
    { TARGET_NR_mincore, "mincore", sys_mincore, "pup", 'd' },
    { 0, NULL, NULL, NULL, 0 },
};
