/* SPDX-License-Identifier: MIT */
/* Guest (asm-generic, 64-bit) constants and structures used by syscalls. */
#ifndef LINUX_USER_SYSCALL_DEFS_H
#define LINUX_USER_SYSCALL_DEFS_H

#include <stdint.h>

/*
 * Errno values: asm-generic numbering, the same as the x86-64 host's.
 * Only the ones the translation layer returns by itself are named.
 */
enum {
    TARGET_EPERM = 1,
    TARGET_ENOENT = 2,
    TARGET_ESRCH = 3,
    TARGET_EINTR = 4,
    TARGET_E2BIG = 7,
    TARGET_EBADF = 9,
    TARGET_EAGAIN = 11,
    TARGET_ENOMEM = 12,
    TARGET_EACCES = 13,
    TARGET_EFAULT = 14,
    TARGET_EINVAL = 22,
    TARGET_ENOTTY = 25,
    TARGET_ERANGE = 34,
    TARGET_ENAMETOOLONG = 36,
    TARGET_ENOSYS = 38,
    TARGET_EOPNOTSUPP = 95,
};

/* AT_* and flags the layer looks at itself. */
#define TARGET_AT_FDCWD (-100)
#define TARGET_AT_SYMLINK_NOFOLLOW 0x100
#define TARGET_AT_EMPTY_PATH 0x1000

/* asm-generic open(2) flags; identical on x86-64 (checked in syscall.c). */
#define TARGET_O_ACCMODE 00000003
#define TARGET_O_RDONLY 00000000
#define TARGET_O_WRONLY 00000001
#define TARGET_O_RDWR 00000002
#define TARGET_O_CREAT 00000100
#define TARGET_O_EXCL 00000200
#define TARGET_O_NOCTTY 00000400
#define TARGET_O_TRUNC 00001000
#define TARGET_O_APPEND 00002000
#define TARGET_O_NONBLOCK 00004000
#define TARGET_O_DSYNC 00010000
#define TARGET_O_ASYNC 00020000
#define TARGET_O_DIRECT 00040000
#define TARGET_O_LARGEFILE 00100000
#define TARGET_O_DIRECTORY 00200000
#define TARGET_O_NOFOLLOW 00400000
#define TARGET_O_NOATIME 01000000
#define TARGET_O_CLOEXEC 02000000
#define TARGET_O_SYNC 04010000
#define TARGET_O_PATH 010000000
#define TARGET_O_TMPFILE 020200000

/* struct stat of asm-generic 64-bit targets: 128 bytes. */
typedef struct TargetStat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t unused4;
    uint32_t unused5;
} TargetStat;

/* The generic epoll_event is naturally aligned (x86-64's is packed). */
typedef struct TargetEpollEvent {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
} TargetEpollEvent;

/*
 * Kernel termios (TCGETS/TCSETS*), asm-generic termbits: 36 bytes,
 * NCCS 19. x86-64 uses the same header, but the layer still copies it
 * field by field so a differing host would only need this struct changed.
 */
#define TARGET_NCCS 19
typedef struct TargetTermios {
    uint32_t c_iflag;
    uint32_t c_oflag;
    uint32_t c_cflag;
    uint32_t c_lflag;
    uint8_t c_line;
    uint8_t c_cc[TARGET_NCCS];
} TargetTermios;

/* The host kernel's termios (not glibc's, which is larger). */
#define HOST_KERNEL_NCCS 19
typedef struct HostKernelTermios {
    uint32_t c_iflag;
    uint32_t c_oflag;
    uint32_t c_cflag;
    uint32_t c_lflag;
    uint8_t c_line;
    uint8_t c_cc[HOST_KERNEL_NCCS];
} HostKernelTermios;

/* Guest signal numbers: 1..31 standard, 32..64 real-time. */
#define TARGET_SIGNAL_MAX 64

/* futex operations whose 4th argument is a timespec pointer. */
#define TARGET_FUTEX_CMD_MASK 0x7f

#endif
