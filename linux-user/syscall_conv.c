/* SPDX-License-Identifier: MIT */
/* Structure layout conversions between the host and asm-generic guests. */
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>

#include "linux-user/syscall_int.h"

/* The guest layouts must match the kernel ABI byte for byte. */
_Static_assert(sizeof(TargetStat) == 128, "asm-generic struct stat");
_Static_assert(offsetof(TargetStat, st_mode) == 16, "stat st_mode");
_Static_assert(offsetof(TargetStat, st_rdev) == 32, "stat st_rdev");
_Static_assert(offsetof(TargetStat, st_size) == 48, "stat st_size");
_Static_assert(offsetof(TargetStat, st_blksize) == 56, "stat st_blksize");
_Static_assert(offsetof(TargetStat, st_blocks) == 64, "stat st_blocks");
_Static_assert(offsetof(TargetStat, st_atime_sec) == 72, "stat st_atime");
_Static_assert(offsetof(TargetStat, st_ctime_nsec) == 112, "stat ctime");
_Static_assert(sizeof(TargetEpollEvent) == 16, "generic epoll_event");
_Static_assert(offsetof(TargetEpollEvent, data) == 8, "epoll data");
_Static_assert(sizeof(TargetTermios) == 36, "kernel termios");
_Static_assert(offsetof(TargetTermios, c_cc) == 17, "termios c_cc");
_Static_assert(sizeof(HostKernelTermios) == 36, "host kernel termios");

void host_to_target_stat(TargetStat *t, const struct stat *h)
{
    memset(t, 0, sizeof(*t));
    t->st_dev = h->st_dev;
    t->st_ino = h->st_ino;
    t->st_mode = h->st_mode;
    t->st_nlink = h->st_nlink;
    t->st_uid = h->st_uid;
    t->st_gid = h->st_gid;
    t->st_rdev = h->st_rdev;
    t->st_size = h->st_size;
    t->st_blksize = h->st_blksize;
    t->st_blocks = h->st_blocks;
    t->st_atime_sec = h->st_atim.tv_sec;
    t->st_atime_nsec = h->st_atim.tv_nsec;
    t->st_mtime_sec = h->st_mtim.tv_sec;
    t->st_mtime_nsec = h->st_mtim.tv_nsec;
    t->st_ctime_sec = h->st_ctim.tv_sec;
    t->st_ctime_nsec = h->st_ctim.tv_nsec;
}

void target_to_host_termios(HostKernelTermios *h, const TargetTermios *t)
{
    memset(h, 0, sizeof(*h));
    h->c_iflag = t->c_iflag;
    h->c_oflag = t->c_oflag;
    h->c_cflag = t->c_cflag;
    h->c_lflag = t->c_lflag;
    h->c_line = t->c_line;
    /* Same control-character indices (VINTR 0 ... VEOL2 16) on both. */
    memcpy(h->c_cc, t->c_cc, MIN(TARGET_NCCS, HOST_KERNEL_NCCS));
}

void host_to_target_termios(TargetTermios *t, const HostKernelTermios *h)
{
    memset(t, 0, sizeof(*t));
    t->c_iflag = h->c_iflag;
    t->c_oflag = h->c_oflag;
    t->c_cflag = h->c_cflag;
    t->c_lflag = h->c_lflag;
    t->c_line = h->c_line;
    memcpy(t->c_cc, h->c_cc, MIN(TARGET_NCCS, HOST_KERNEL_NCCS));
}

void target_to_host_epoll_event(struct epoll_event *h,
                                const TargetEpollEvent *t)
{
    h->events = t->events;
    h->data.u64 = t->data;
}

void host_to_target_epoll_event(TargetEpollEvent *t,
                                const struct epoll_event *h)
{
    t->events = h->events;
    t->pad = 0;
    t->data = h->data.u64;
}
