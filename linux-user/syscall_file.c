/* SPDX-License-Identifier: MIT */
/* File and directory syscalls: open/read/write/..., paths, fcntl. */
#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "linux-user/syscall_int.h"

/* struct statfs and struct flock have one layout on both 64-bit ABIs. */
_Static_assert(sizeof(struct statfs) == 120, "statfs layout");
_Static_assert(sizeof(struct flock) == 32, "flock layout");
_Static_assert(sizeof(struct iovec) == 16, "iovec layout");
/* getdents64 hands the kernel's linux_dirent64 records through. */
_Static_assert(offsetof(struct dirent64, d_reclen) == 16 &&
               offsetof(struct dirent64, d_type) == 18 &&
               offsetof(struct dirent64, d_name) == 19, "dirent64 layout");
_Static_assert(sizeof(struct f_owner_ex) == 8, "f_owner_ex layout");

/* ---- paths ---- */

bool is_proc_self_exe(const char *path)
{
    char own[64];

    if (!strcmp(path, "/proc/self/exe") ||
        !strcmp(path, "/proc/thread-self/exe")) {
        return true;
    }
    snprintf(own, sizeof(own), "/proc/%d/exe", (int)getpid());
    return !strcmp(path, own);
}

const char *user_path(const char *path, char *buf, size_t size)
{
    struct stat st;

    if (user_exec_path && is_proc_self_exe(path)) {
        return user_exec_path;
    }
    /*
     * Like QEMU's -L: an absolute path that exists under the sysroot
     * (the guest's /lib, /usr/lib, /etc/ld.so.cache ...) is taken from
     * there; anything else is the host's own file.
     */
    if (user_sysroot && path[0] == '/' && path[1] != '\0') {
        int n = snprintf(buf, size, "%s%s", user_sysroot, path);
        if (n > 0 && (size_t)n < size && lstat(buf, &st) == 0) {
            return buf;
        }
    }
    return path;
}

const char *lock_user_path(abi_ulong addr, char *buf, size_t size)
{
    const char *p = lock_user_string(addr);

    if (!p) {
        return NULL;
    }
    return user_path(p, buf, size);
}

/* ---- open, close, read, write ---- */

static abi_long sys_openat(CPUState *cpu, const abi_long *arg)
{
    char buf[PATH_MAX];
    const char *name = lock_user_string(arg[1]);
    const char *p;
    abi_long ret;
    int flags;

    if (!name) {
        return -TARGET_EFAULT;
    }
    flags = open_flags_to_host((int)arg[2]);
    if (procfs_open(cpu, name, flags, &ret)) {
        return ret;
    }
    p = user_path(name, buf, sizeof(buf));
    return get_errno(syscall(SYS_openat, (int)arg[0], p, flags,
                             (mode_t)arg[3]));
}

static abi_long sys_openat2(CPUState *cpu, const abi_long *arg)
{
    char buf[PATH_MAX];
    const char *name = lock_user_string(arg[1]);
    /* struct open_how: flags, mode, resolve (u64 each), may grow. */
    void *how = lock_buf(VERIFY_READ, arg[2], (size_t)arg[3]);
    abi_long ret;

    if (!name || !how) {
        return -TARGET_EFAULT;
    }
    if ((size_t)arg[3] >= 8) {
        uint64_t gflags = *(uint64_t *)how;
        uint64_t hflags = (uint32_t)open_flags_to_host((int)gflags) |
                          (gflags & ~0xffffffffull);

        if (procfs_open(cpu, name, (int)hflags, &ret)) {
            return ret;
        }
        if (hflags != gflags) {
            /* The guest's struct must not change: convert a copy. */
            uint64_t copy[8];

            if ((size_t)arg[3] > sizeof(copy)) {
                return -TARGET_E2BIG;
            }
            memcpy(copy, how, (size_t)arg[3]);
            copy[0] = hflags;
            return get_errno(syscall(SYS_openat2, (int)arg[0],
                                     user_path(name, buf, sizeof(buf)), copy,
                                     (size_t)arg[3]));
        }
    }
    return get_errno(syscall(SYS_openat2, (int)arg[0],
                             user_path(name, buf, sizeof(buf)), how,
                             (size_t)arg[3]));
}

static abi_long sys_mount(CPUState *cpu, const abi_long *arg)
{
    const char *src = NULL, *fstype = NULL, *data = NULL;
    const char *target = lock_user_string(arg[1]);

    if (!target || (arg[0] && !(src = lock_user_string(arg[0]))) ||
        (arg[2] && !(fstype = lock_user_string(arg[2]))) ||
        (arg[4] && !(data = lock_user_string(arg[4])))) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_mount, src, target, fstype,
                             (unsigned long)arg[3], data));
}

static abi_long sys_umount2(CPUState *cpu, const abi_long *arg)
{
    const char *target = lock_user_string(arg[0]);

    if (!target) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_umount2, target, (int)arg[1]));
}

static abi_long sys_close(CPUState *cpu, const abi_long *arg)
{
    return get_errno(close((int)arg[0]));
}

static abi_long sys_close_range(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_close_range, (unsigned)arg[0],
                             (unsigned)arg[1], (unsigned)arg[2]));
}

static abi_long sys_read(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_buf(VERIFY_WRITE, arg[1], arg[2]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(read((int)arg[0], p, arg[2]));
}

static abi_long sys_write(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_buf(VERIFY_READ, arg[1], arg[2]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(write((int)arg[0], p, arg[2]));
}

static abi_long sys_pread64(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_buf(VERIFY_WRITE, arg[1], arg[2]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(pread((int)arg[0], p, arg[2], arg[3]));
}

static abi_long sys_pwrite64(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_buf(VERIFY_READ, arg[1], arg[2]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(pwrite((int)arg[0], p, arg[2], arg[3]));
}

/*
 * Guest iovec array -> host iovec array (g_free it). A bad first buffer
 * is EFAULT; a later bad one ends the transfer there, as a short read
 * or write would on the kernel.
 */
abi_long lock_iovec(int type, abi_ulong addr, abi_long count,
                           struct iovec **out, int *out_count)
{
    const struct iovec *giov;
    struct iovec *hiov;
    int n = 0;

    if (count < 0 || count > IOV_MAX) {
        return -TARGET_EINVAL;
    }
    giov = lock_buf(VERIFY_READ, addr, count * sizeof(struct iovec));
    if (!giov) {
        return -TARGET_EFAULT;
    }
    hiov = g_new0(struct iovec, count ? count : 1);
    for (int i = 0; i < count; i++) {
        abi_ulong base = (abi_ulong)(uintptr_t)giov[i].iov_base;
        abi_ulong len = giov[i].iov_len;
        void *p;

        if ((abi_long)len < 0) {
            g_free(hiov);
            return -TARGET_EINVAL;
        }
        p = lock_buf(type, base, len);
        if (!p) {
            if (i == 0) {
                g_free(hiov);
                return -TARGET_EFAULT;
            }
            break;
        }
        hiov[n].iov_base = p;
        hiov[n].iov_len = len;
        n++;
    }
    *out = hiov;
    *out_count = n;
    return 0;
}

/* readv/writev/preadv/pwritev/preadv2/pwritev2 share this shape. */
static abi_long do_vector_io(const abi_long *arg, bool write, bool pos,
                             bool flags)
{
    struct iovec *iov;
    int n;
    abi_long ret = lock_iovec(write ? VERIFY_READ : VERIFY_WRITE, arg[1],
                              arg[2], &iov, &n);

    if (ret < 0) {
        return ret;
    }
    if (!pos) {
        ret = get_errno(write ? writev((int)arg[0], iov, n)
                              : readv((int)arg[0], iov, n));
    } else {
        /* 64-bit guests pass the whole offset in arg[3]. */
        long nr = write ? (flags ? SYS_pwritev2 : SYS_pwritev)
                        : (flags ? SYS_preadv2 : SYS_preadv);
        ret = get_errno(syscall(nr, (int)arg[0], iov, n, (long)arg[3], 0L,
                                flags ? (int)arg[5] : 0));
    }
    g_free(iov);
    return ret;
}

static abi_long sys_readv(CPUState *cpu, const abi_long *arg)
{
    return do_vector_io(arg, false, false, false);
}

static abi_long sys_writev(CPUState *cpu, const abi_long *arg)
{
    return do_vector_io(arg, true, false, false);
}

static abi_long sys_preadv(CPUState *cpu, const abi_long *arg)
{
    return do_vector_io(arg, false, true, false);
}

static abi_long sys_pwritev(CPUState *cpu, const abi_long *arg)
{
    return do_vector_io(arg, true, true, false);
}

static abi_long sys_preadv2(CPUState *cpu, const abi_long *arg)
{
    return do_vector_io(arg, false, true, true);
}

static abi_long sys_pwritev2(CPUState *cpu, const abi_long *arg)
{
    return do_vector_io(arg, true, true, true);
}

static abi_long sys_lseek(CPUState *cpu, const abi_long *arg)
{
    return get_errno(lseek((int)arg[0], arg[1], (int)arg[2]));
}

static abi_long sys_getdents64(CPUState *cpu, const abi_long *arg)
{
    /* struct linux_dirent64 is the same on every Linux ABI. */
    void *p = lock_buf(VERIFY_WRITE, arg[1], (unsigned)arg[2]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_getdents64, (int)arg[0], p,
                             (unsigned)arg[2]));
}

/* ---- descriptors ---- */

static abi_long sys_fcntl(CPUState *cpu, const abi_long *arg)
{
    int fd = (int)arg[0];
    int cmd = (int)arg[1];
    void *p;

    switch (cmd) {
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        p = lock_buf(VERIFY_WRITE, arg[2], sizeof(struct flock));
        if (!p) {
            return -TARGET_EFAULT;
        }
        return get_errno(fcntl(fd, cmd, p));
    case F_GETOWN_EX:
    case F_SETOWN_EX:
        p = lock_buf(VERIFY_WRITE, arg[2], sizeof(struct f_owner_ex));
        if (!p) {
            return -TARGET_EFAULT;
        }
        return get_errno(fcntl(fd, cmd, p));
    case F_SETSIG:
        return get_errno(fcntl(fd, cmd, target_to_host_signal((int)arg[2])));
    case F_GETSIG: {
        abi_long ret = get_errno(fcntl(fd, cmd));
        return ret > 0 ? host_to_target_signal((int)ret) : ret;
    }
    case F_GETFL: {
        abi_long ret = get_errno(fcntl(fd, cmd));
        return ret >= 0 ? open_flags_to_guest((int)ret) : ret;
    }
    case F_SETFL:
        return get_errno(fcntl(fd, cmd, open_flags_to_host((int)arg[2])));
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_GETOWN:
    case F_SETOWN:
    case F_GETLEASE:
    case F_SETLEASE:
    case F_NOTIFY:
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
    case F_ADD_SEALS:
    case F_GET_SEALS:
        return get_errno(fcntl(fd, cmd, (long)arg[2]));
    default:
        return -TARGET_EINVAL;
    }
}

static abi_long sys_dup(CPUState *cpu, const abi_long *arg)
{
    return get_errno(dup((int)arg[0]));
}

static abi_long sys_dup3(CPUState *cpu, const abi_long *arg)
{
    return get_errno(dup3((int)arg[0], (int)arg[1], (int)arg[2]));
}

static abi_long sys_pipe2(CPUState *cpu, const abi_long *arg)
{
    int fds[2];
    abi_long ret;

    if (!lock_buf(VERIFY_WRITE, arg[0], sizeof(fds))) {
        return -TARGET_EFAULT;
    }
    ret = get_errno(pipe2(fds, (int)arg[1]));
    if (ret == 0) {
        memcpy(g2h(arg[0]), fds, sizeof(fds));
    }
    return ret;
}

static abi_long sys_flock(CPUState *cpu, const abi_long *arg)
{
    return get_errno(flock((int)arg[0], (int)arg[1]));
}

static abi_long sys_umask(CPUState *cpu, const abi_long *arg)
{
    return umask((mode_t)arg[0]);
}

static abi_long sys_memfd_create(CPUState *cpu, const abi_long *arg)
{
    const char *name = lock_user_string(arg[0]);

    if (!name) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_memfd_create, name, (unsigned)arg[1]));
}

/* ---- names in directories ---- */

/* Shape of the syscalls taking (dirfd, path, int, int). */
static abi_long do_path_call(long nr, const abi_long *arg, bool redirect)
{
    char buf[PATH_MAX];
    const char *p = redirect ? lock_user_path(arg[1], buf, sizeof(buf))
                             : lock_user_string(arg[1]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(nr, (int)arg[0], p, (long)arg[2],
                             (long)arg[3]));
}

static abi_long sys_mkdirat(CPUState *cpu, const abi_long *arg)
{
    return do_path_call(SYS_mkdirat, arg, false);
}

static abi_long sys_mknodat(CPUState *cpu, const abi_long *arg)
{
    return do_path_call(SYS_mknodat, arg, false);
}

static abi_long sys_unlinkat(CPUState *cpu, const abi_long *arg)
{
    return do_path_call(SYS_unlinkat, arg, false);
}

static abi_long sys_fchmodat(CPUState *cpu, const abi_long *arg)
{
    return do_path_call(SYS_fchmodat, arg, false);
}

static abi_long sys_faccessat(CPUState *cpu, const abi_long *arg)
{
    return do_path_call(SYS_faccessat, arg, true);
}

static abi_long sys_faccessat2(CPUState *cpu, const abi_long *arg)
{
    abi_long ret = do_path_call(SYS_faccessat2, arg, true);

    /* Older host kernels: without flags the old call does the same. */
    if (ret == -TARGET_ENOSYS && arg[3] == 0) {
        ret = do_path_call(SYS_faccessat, arg, true);
    }
    return ret;
}

static abi_long sys_fchownat(CPUState *cpu, const abi_long *arg)
{
    const char *p = lock_user_string(arg[1]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(fchownat((int)arg[0], p, (uid_t)arg[2], (gid_t)arg[3],
                              (int)arg[4]));
}

static abi_long do_rename(const abi_long *arg, unsigned flags)
{
    const char *from = lock_user_string(arg[1]);
    const char *to = lock_user_string(arg[3]);

    if (!from || !to) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_renameat2, (int)arg[0], from, (int)arg[2],
                             to, flags));
}

static abi_long sys_renameat(CPUState *cpu, const abi_long *arg)
{
    return do_rename(arg, 0);
}

static abi_long sys_renameat2(CPUState *cpu, const abi_long *arg)
{
    return do_rename(arg, (unsigned)arg[4]);
}

static abi_long sys_linkat(CPUState *cpu, const abi_long *arg)
{
    const char *from = lock_user_string(arg[1]);
    const char *to = lock_user_string(arg[3]);

    if (!from || !to) {
        return -TARGET_EFAULT;
    }
    return get_errno(linkat((int)arg[0], from, (int)arg[2], to,
                            (int)arg[4]));
}

static abi_long sys_symlinkat(CPUState *cpu, const abi_long *arg)
{
    const char *target = lock_user_string(arg[0]);
    const char *link = lock_user_string(arg[2]);

    if (!target || !link) {
        return -TARGET_EFAULT;
    }
    return get_errno(symlinkat(target, (int)arg[1], link));
}

static abi_long sys_readlinkat(CPUState *cpu, const abi_long *arg)
{
    char buf[PATH_MAX];
    const char *name = lock_user_string(arg[1]);
    size_t size = arg[3];
    char *out;

    if (!name) {
        return -TARGET_EFAULT;
    }
    if ((abi_long)size <= 0) {
        return -TARGET_EINVAL;
    }
    out = lock_buf(VERIFY_WRITE, arg[2], size);
    if (!out) {
        return -TARGET_EFAULT;
    }
    if (user_exec_path && is_proc_self_exe(name)) {
        /* The guest's exe is its ELF file, not vemu-user. */
        size_t len = strlen(user_exec_path);
        len = MIN(len, size);
        memcpy(out, user_exec_path, len);
        return len;
    }
    name = user_path(name, buf, sizeof(buf));
    return get_errno(readlinkat((int)arg[0], name, out, size));
}

static abi_long sys_fchmod(CPUState *cpu, const abi_long *arg)
{
    return get_errno(fchmod((int)arg[0], (mode_t)arg[1]));
}

static abi_long sys_fchown(CPUState *cpu, const abi_long *arg)
{
    return get_errno(fchown((int)arg[0], (uid_t)arg[1], (gid_t)arg[2]));
}

static abi_long sys_ftruncate(CPUState *cpu, const abi_long *arg)
{
    return get_errno(ftruncate((int)arg[0], arg[1]));
}

static abi_long sys_truncate(CPUState *cpu, const abi_long *arg)
{
    const char *p = lock_user_string(arg[0]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(truncate(p, arg[1]));
}

static abi_long sys_fsync(CPUState *cpu, const abi_long *arg)
{
    return get_errno(fsync((int)arg[0]));
}

static abi_long sys_fdatasync(CPUState *cpu, const abi_long *arg)
{
    return get_errno(fdatasync((int)arg[0]));
}

static abi_long sys_sync(CPUState *cpu, const abi_long *arg)
{
    sync();
    return 0;
}

static abi_long sys_syncfs(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syncfs((int)arg[0]));
}

static abi_long sys_sync_file_range(CPUState *cpu, const abi_long *arg)
{
    return get_errno(sync_file_range((int)arg[0], arg[1], arg[2],
                                     (unsigned)arg[3]));
}

static abi_long sys_fadvise64(CPUState *cpu, const abi_long *arg)
{
    /* posix_fadvise returns the error number instead of setting errno. */
    int err = posix_fadvise((int)arg[0], arg[1], arg[2], (int)arg[3]);
    return err ? -host_to_target_errno(err) : 0;
}

static abi_long sys_chdir(CPUState *cpu, const abi_long *arg)
{
    const char *p = lock_user_string(arg[0]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(chdir(p));
}

static abi_long sys_fchdir(CPUState *cpu, const abi_long *arg)
{
    return get_errno(fchdir((int)arg[0]));
}

static abi_long sys_chroot(CPUState *cpu, const abi_long *arg)
{
    const char *p = lock_user_string(arg[0]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(chroot(p));
}

static abi_long sys_getcwd(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_buf(VERIFY_WRITE, arg[0], arg[1]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    /* The raw call returns the length including the NUL, like the guest's. */
    return get_errno(syscall(SYS_getcwd, p, (size_t)arg[1]));
}

static abi_long sys_utimensat(CPUState *cpu, const abi_long *arg)
{
    const char *p = NULL;
    void *times;

    if (arg[1] && !(p = lock_user_string(arg[1]))) {
        return -TARGET_EFAULT;
    }
    if (!lock_opt(VERIFY_READ, arg[2], 2 * sizeof(struct timespec),
                  &times)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_utimensat, (int)arg[0], p, times,
                             (int)arg[3]));
}

static abi_long sys_statfs(CPUState *cpu, const abi_long *arg)
{
    char buf[PATH_MAX];
    const char *p = lock_user_path(arg[0], buf, sizeof(buf));
    void *out = lock_buf(VERIFY_WRITE, arg[1], sizeof(struct statfs));

    if (!p || !out) {
        return -TARGET_EFAULT;
    }
    return get_errno(statfs(p, out));
}

static abi_long sys_fstatfs(CPUState *cpu, const abi_long *arg)
{
    void *out = lock_buf(VERIFY_WRITE, arg[1], sizeof(struct statfs));

    if (!out) {
        return -TARGET_EFAULT;
    }
    return get_errno(fstatfs((int)arg[0], out));
}

/* ---- copies between descriptors ---- */

static abi_long sys_sendfile(CPUState *cpu, const abi_long *arg)
{
    void *off;

    if (!lock_opt(VERIFY_WRITE, arg[2], sizeof(off_t), &off)) {
        return -TARGET_EFAULT;
    }
    return get_errno(sendfile((int)arg[0], (int)arg[1], off, arg[3]));
}

static abi_long sys_copy_file_range(CPUState *cpu, const abi_long *arg)
{
    void *off_in, *off_out;

    if (!lock_opt(VERIFY_WRITE, arg[1], sizeof(off_t), &off_in) ||
        !lock_opt(VERIFY_WRITE, arg[3], sizeof(off_t), &off_out)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_copy_file_range, (int)arg[0], off_in,
                             (int)arg[2], off_out, (size_t)arg[4],
                             (unsigned)arg[5]));
}

static abi_long sys_splice(CPUState *cpu, const abi_long *arg)
{
    void *off_in, *off_out;

    if (!lock_opt(VERIFY_WRITE, arg[1], sizeof(off_t), &off_in) ||
        !lock_opt(VERIFY_WRITE, arg[3], sizeof(off_t), &off_out)) {
        return -TARGET_EFAULT;
    }
    return get_errno(splice((int)arg[0], off_in, (int)arg[2], off_out,
                            (size_t)arg[4], (unsigned)arg[5]));
}

static abi_long sys_tee(CPUState *cpu, const abi_long *arg)
{
    return get_errno(tee((int)arg[0], (int)arg[1], (size_t)arg[2],
                         (unsigned)arg[3]));
}

static abi_long sys_vmsplice(CPUState *cpu, const abi_long *arg)
{
    struct iovec *iov;
    int n;
    /* Into a pipe the pages are read; out of one (SPLICE_F_GIFT aside)
     * the buffers are written: accept either access. */
    abi_long ret = lock_iovec(VERIFY_READ, arg[1], arg[2], &iov, &n);

    if (ret < 0) {
        return ret;
    }
    ret = get_errno(vmsplice((int)arg[0], iov, n, (unsigned)arg[3]));
    g_free(iov);
    return ret;
}

static abi_long sys_fallocate(CPUState *cpu, const abi_long *arg)
{
    return get_errno(fallocate((int)arg[0], (int)arg[1], arg[2], arg[3]));
}

/* ---- extended attributes ---- */

/*
 * The xattr calls come in three flavours: by path (following links), by
 * path (l*, not following), and by descriptor (f*): the caller passes
 * the host number, so one helper serves the path flavours.
 */
static abi_long do_getxattr(long nr, const abi_long *arg, bool by_fd)
{
    const char *path = NULL;
    const char *name = lock_user_string(arg[1]);
    void *value;

    if (!by_fd && !(path = lock_user_string(arg[0]))) {
        return -TARGET_EFAULT;
    }
    if (!name || !lock_opt(VERIFY_WRITE, arg[2], arg[3], &value)) {
        return -TARGET_EFAULT;
    }
    if (by_fd) {
        return get_errno(syscall(nr, (int)arg[0], name, value,
                                 (size_t)arg[3]));
    }
    return get_errno(syscall(nr, path, name, value, (size_t)arg[3]));
}

static abi_long do_setxattr(long nr, const abi_long *arg, bool by_fd)
{
    const char *path = NULL;
    const char *name = lock_user_string(arg[1]);
    void *value;

    if (!by_fd && !(path = lock_user_string(arg[0]))) {
        return -TARGET_EFAULT;
    }
    if (!name || !lock_opt(VERIFY_READ, arg[2], arg[3], &value)) {
        return -TARGET_EFAULT;
    }
    if (by_fd) {
        return get_errno(syscall(nr, (int)arg[0], name, value,
                                 (size_t)arg[3], (int)arg[4]));
    }
    return get_errno(syscall(nr, path, name, value, (size_t)arg[3],
                             (int)arg[4]));
}

static abi_long do_listxattr(long nr, const abi_long *arg, bool by_fd)
{
    const char *path = NULL;
    void *list;

    if (!by_fd && !(path = lock_user_string(arg[0]))) {
        return -TARGET_EFAULT;
    }
    if (!lock_opt(VERIFY_WRITE, arg[1], arg[2], &list)) {
        return -TARGET_EFAULT;
    }
    if (by_fd) {
        return get_errno(syscall(nr, (int)arg[0], list, (size_t)arg[2]));
    }
    return get_errno(syscall(nr, path, list, (size_t)arg[2]));
}

static abi_long do_removexattr(long nr, const abi_long *arg, bool by_fd)
{
    const char *path = NULL;
    const char *name = lock_user_string(arg[1]);

    if (!by_fd && !(path = lock_user_string(arg[0]))) {
        return -TARGET_EFAULT;
    }
    if (!name) {
        return -TARGET_EFAULT;
    }
    if (by_fd) {
        return get_errno(syscall(nr, (int)arg[0], name));
    }
    return get_errno(syscall(nr, path, name));
}

static abi_long sys_getxattr(CPUState *cpu, const abi_long *arg)
{
    return do_getxattr(SYS_getxattr, arg, false);
}

static abi_long sys_lgetxattr(CPUState *cpu, const abi_long *arg)
{
    return do_getxattr(SYS_lgetxattr, arg, false);
}

static abi_long sys_fgetxattr(CPUState *cpu, const abi_long *arg)
{
    return do_getxattr(SYS_fgetxattr, arg, true);
}

static abi_long sys_setxattr(CPUState *cpu, const abi_long *arg)
{
    return do_setxattr(SYS_setxattr, arg, false);
}

static abi_long sys_lsetxattr(CPUState *cpu, const abi_long *arg)
{
    return do_setxattr(SYS_lsetxattr, arg, false);
}

static abi_long sys_fsetxattr(CPUState *cpu, const abi_long *arg)
{
    return do_setxattr(SYS_fsetxattr, arg, true);
}

static abi_long sys_listxattr(CPUState *cpu, const abi_long *arg)
{
    return do_listxattr(SYS_listxattr, arg, false);
}

static abi_long sys_llistxattr(CPUState *cpu, const abi_long *arg)
{
    return do_listxattr(SYS_llistxattr, arg, false);
}

static abi_long sys_flistxattr(CPUState *cpu, const abi_long *arg)
{
    return do_listxattr(SYS_flistxattr, arg, true);
}

static abi_long sys_removexattr(CPUState *cpu, const abi_long *arg)
{
    return do_removexattr(SYS_removexattr, arg, false);
}

static abi_long sys_lremovexattr(CPUState *cpu, const abi_long *arg)
{
    return do_removexattr(SYS_lremovexattr, arg, false);
}

static abi_long sys_fremovexattr(CPUState *cpu, const abi_long *arg)
{
    return do_removexattr(SYS_fremovexattr, arg, true);
}

static abi_long sys_readahead(CPUState *cpu, const abi_long *arg)
{
    return get_errno(readahead((int)arg[0], arg[1], (size_t)arg[2]));
}

const SyscallDef syscall_file_defs[] = {
    { TARGET_NR_openat, "openat", sys_openat, "fsOo", 'd', SYSCALL_RESTART },
    { TARGET_NR_openat2, "openat2", sys_openat2, "fspu", 'd',
      SYSCALL_RESTART },
    { TARGET_NR_mount, "mount", sys_mount, "sssxs", 'd' },
    { TARGET_NR_umount2, "umount2", sys_umount2, "sx", 'd' },
    { TARGET_NR_close, "close", sys_close, "d", 'd' },
    { TARGET_NR_close_range, "close_range", sys_close_range, "uux", 'd' },
    { TARGET_NR_read, "read", sys_read, "dpu", 'd', SYSCALL_RESTART },
    { TARGET_NR_write, "write", sys_write, "dpu", 'd', SYSCALL_RESTART },
    { TARGET_NR_readv, "readv", sys_readv, "dpd", 'd', SYSCALL_RESTART },
    { TARGET_NR_writev, "writev", sys_writev, "dpd", 'd', SYSCALL_RESTART },
    { TARGET_NR_pread64, "pread64", sys_pread64, "dpul", 'd', SYSCALL_RESTART },
    { TARGET_NR_pwrite64, "pwrite64", sys_pwrite64, "dpul", 'd', SYSCALL_RESTART },
    { TARGET_NR_preadv, "preadv", sys_preadv, "dpdl", 'd', SYSCALL_RESTART },
    { TARGET_NR_pwritev, "pwritev", sys_pwritev, "dpdl", 'd', SYSCALL_RESTART },
    { TARGET_NR_preadv2, "preadv2", sys_preadv2, "dpdllx", 'd', SYSCALL_RESTART },
    { TARGET_NR_pwritev2, "pwritev2", sys_pwritev2, "dpdllx", 'd', SYSCALL_RESTART },
    { TARGET_NR_lseek, "lseek", sys_lseek, "dld", 'd' },
    { TARGET_NR_getdents64, "getdents64", sys_getdents64, "dpu", 'd' },
    { TARGET_NR_fcntl, "fcntl", sys_fcntl, "ddx", 'd', SYSCALL_RESTART },
    { TARGET_NR_dup, "dup", sys_dup, "d", 'd' },
    { TARGET_NR_dup3, "dup3", sys_dup3, "ddO", 'd' },
    { TARGET_NR_pipe2, "pipe2", sys_pipe2, "pO", 'd' },
    { TARGET_NR_flock, "flock", sys_flock, "dd", 'd', SYSCALL_RESTART },
    { TARGET_NR_umask, "umask", sys_umask, "o", 'd' },
    { TARGET_NR_memfd_create, "memfd_create", sys_memfd_create, "sx", 'd' },
    { TARGET_NR_mkdirat, "mkdirat", sys_mkdirat, "fso", 'd' },
    { TARGET_NR_mknodat, "mknodat", sys_mknodat, "fsox", 'd' },
    { TARGET_NR_unlinkat, "unlinkat", sys_unlinkat, "fsx", 'd' },
    { TARGET_NR_renameat, "renameat", sys_renameat, "fsfs", 'd' },
    { TARGET_NR_renameat2, "renameat2", sys_renameat2, "fsfsx", 'd' },
    { TARGET_NR_linkat, "linkat", sys_linkat, "fsfsx", 'd' },
    { TARGET_NR_symlinkat, "symlinkat", sys_symlinkat, "sfs", 'd' },
    { TARGET_NR_readlinkat, "readlinkat", sys_readlinkat, "fspd", 'd' },
    { TARGET_NR_faccessat, "faccessat", sys_faccessat, "fso", 'd' },
    { TARGET_NR_faccessat2, "faccessat2", sys_faccessat2, "fsox", 'd' },
    { TARGET_NR_fchmod, "fchmod", sys_fchmod, "do", 'd' },
    { TARGET_NR_fchmodat, "fchmodat", sys_fchmodat, "fso", 'd' },
    { TARGET_NR_fchown, "fchown", sys_fchown, "ddd", 'd' },
    { TARGET_NR_fchownat, "fchownat", sys_fchownat, "fsddx", 'd' },
    { TARGET_NR_ftruncate, "ftruncate", sys_ftruncate, "dl", 'd' },
    { TARGET_NR_truncate, "truncate", sys_truncate, "sl", 'd' },
    { TARGET_NR_fsync, "fsync", sys_fsync, "d", 'd' },
    { TARGET_NR_fdatasync, "fdatasync", sys_fdatasync, "d", 'd' },
    { TARGET_NR_sync, "sync", sys_sync, "", 'd' },
    { TARGET_NR_syncfs, "syncfs", sys_syncfs, "d", 'd' },
    { TARGET_NR_sync_file_range, "sync_file_range", sys_sync_file_range,
      "dllx", 'd' },
    { TARGET_NR_fadvise64, "fadvise64", sys_fadvise64, "dlld", 'd' },
    { TARGET_NR_chdir, "chdir", sys_chdir, "s", 'd' },
    { TARGET_NR_fchdir, "fchdir", sys_fchdir, "d", 'd' },
    { TARGET_NR_chroot, "chroot", sys_chroot, "s", 'd' },
    { TARGET_NR_getcwd, "getcwd", sys_getcwd, "pu", 'd' },
    { TARGET_NR_utimensat, "utimensat", sys_utimensat, "fspx", 'd' },
    { TARGET_NR_statfs, "statfs", sys_statfs, "sp", 'd' },
    { TARGET_NR_fstatfs, "fstatfs", sys_fstatfs, "dp", 'd' },
    { TARGET_NR_sendfile, "sendfile", sys_sendfile, "ddpu", 'd', SYSCALL_RESTART },
    { TARGET_NR_copy_file_range, "copy_file_range", sys_copy_file_range,
      "dpdpux", 'd', SYSCALL_RESTART },
    { TARGET_NR_splice, "splice", sys_splice, "dpdpux", 'd', SYSCALL_RESTART },
    { TARGET_NR_tee, "tee", sys_tee, "ddux", 'd', SYSCALL_RESTART },
    { TARGET_NR_vmsplice, "vmsplice", sys_vmsplice, "dpux", 'd',
      SYSCALL_RESTART },
    { TARGET_NR_fallocate, "fallocate", sys_fallocate, "dxll", 'd' },
    { TARGET_NR_readahead, "readahead", sys_readahead, "dlu", 'd' },
    { TARGET_NR_getxattr, "getxattr", sys_getxattr, "sspu", 'd' },
    { TARGET_NR_lgetxattr, "lgetxattr", sys_lgetxattr, "sspu", 'd' },
    { TARGET_NR_fgetxattr, "fgetxattr", sys_fgetxattr, "dspu", 'd' },
    { TARGET_NR_setxattr, "setxattr", sys_setxattr, "sspux", 'd' },
    { TARGET_NR_lsetxattr, "lsetxattr", sys_lsetxattr, "sspux", 'd' },
    { TARGET_NR_fsetxattr, "fsetxattr", sys_fsetxattr, "dspux", 'd' },
    { TARGET_NR_listxattr, "listxattr", sys_listxattr, "spu", 'd' },
    { TARGET_NR_llistxattr, "llistxattr", sys_llistxattr, "spu", 'd' },
    { TARGET_NR_flistxattr, "flistxattr", sys_flistxattr, "dpu", 'd' },
    { TARGET_NR_removexattr, "removexattr", sys_removexattr, "ss", 'd' },
    { TARGET_NR_lremovexattr, "lremovexattr", sys_lremovexattr, "ss", 'd' },
    { TARGET_NR_fremovexattr, "fremovexattr", sys_fremovexattr, "ds", 'd' },
    { 0, NULL, NULL, NULL, 0 },
};
