/* SPDX-License-Identifier: MIT */
/*
 * Every syscall number with bad pointers (0x100) for all arguments: the
 * emulator must answer each with an error (or a harmless success), never
 * crash. Calls that end or reshape the process are skipped.
 */
#include "../guest.h"

#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

static const int skip[] = {
    SYS_exit, SYS_exit_group, SYS_clone, SYS_clone3, SYS_execve,
    SYS_execveat, SYS_rt_sigreturn, SYS_set_tid_address, SYS_setuid,
    SYS_setgid, SYS_setreuid, SYS_setregid, SYS_setresuid, SYS_setresgid,
    SYS_setfsuid, SYS_setfsgid, SYS_personality, SYS_setsid, SYS_unshare,
    SYS_umask, SYS_sync, SYS_vhangup, SYS_reboot, SYS_acct, SYS_swapon,
    SYS_swapoff, SYS_init_module, SYS_finit_module, SYS_delete_module,
    SYS_kexec_load, SYS_kexec_file_load, SYS_brk,
};

int main(void)
{
    int swept = 0, paths_efault = 1;

    for (long nr = 0; nr < 460; nr++) {
        int skipped = 0;
        long ret;

        for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++) {
            skipped |= skip[i] == nr;
        }
        if (skipped) {
            continue;
        }
        errno = 0;
        ret = syscall(nr, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100);
        CHECK(ret == -1 || ret >= 0, "syscall %ld returned %ld", nr, ret);
        swept++;
    }
    /* Path-taking calls report the bad path itself. */
    errno = 0;
    if (syscall(SYS_openat, -100, 0x100, 0, 0) != -1 || errno != EFAULT) {
        paths_efault = 0;
    }
    if (syscall(SYS_mkdirat, -100, 0x100, 0700) != -1 || errno != EFAULT) {
        paths_efault = 0;
    }
    if (syscall(SYS_write, 1, 0x100, 16) != -1 || errno != EFAULT) {
        paths_efault = 0;
    }
    printf("swept %d syscalls, still alive\n", swept);
    printf("bad paths and buffers give EFAULT %d\n", paths_efault);
    return guest_done();
}
