/* SPDX-License-Identifier: MIT */
/* stat family: x86-64's struct stat differs, statx is shared. */
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/syscall_int.h"

_Static_assert(sizeof(struct statx) == 256, "statx layout");

static abi_long put_target_stat(abi_ulong addr, const struct stat *st)
{
    TargetStat t;

    host_to_target_stat(&t, st);
    return copy_to_user(addr, &t, sizeof(t));
}

static abi_long sys_fstat(CPUState *cpu, const abi_long *arg)
{
    struct stat st;
    abi_long ret;

    if (!lock_buf(VERIFY_WRITE, arg[1], sizeof(TargetStat))) {
        return -TARGET_EFAULT;
    }
    ret = get_errno(fstat((int)arg[0], &st));
    if (ret == 0) {
        ret = put_target_stat(arg[1], &st);
    }
    return ret;
}

static abi_long sys_newfstatat(CPUState *cpu, const abi_long *arg)
{
    char buf[PATH_MAX];
    const char *p = lock_user_path(arg[1], buf, sizeof(buf));
    struct stat st;
    abi_long ret;

    if (!p || !lock_buf(VERIFY_WRITE, arg[2], sizeof(TargetStat))) {
        return -TARGET_EFAULT;
    }
    ret = get_errno(fstatat((int)arg[0], p, &st, (int)arg[3]));
    if (ret == 0) {
        ret = put_target_stat(arg[2], &st);
    }
    return ret;
}

static abi_long sys_statx(CPUState *cpu, const abi_long *arg)
{
    char buf[PATH_MAX];
    const char *p = lock_user_path(arg[1], buf, sizeof(buf));
    void *out = lock_buf(VERIFY_WRITE, arg[4], sizeof(struct statx));

    if (!p || !out) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_statx, (int)arg[0], p, (int)arg[2],
                             (unsigned)arg[3], out));
}

const SyscallDef syscall_stat_defs[] = {
    { TARGET_NR_fstat, "fstat", sys_fstat, "dp", 'd' },
    { TARGET_NR_newfstatat, "newfstatat", sys_newfstatat, "fspx", 'd' },
    { TARGET_NR_statx, "statx", sys_statx, "fsxxp", 'd' },
    { 0, NULL, NULL, NULL, 0 },
};
