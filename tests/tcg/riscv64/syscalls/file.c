/* SPDX-License-Identifier: MIT */
/* File I/O round trip: open/read/write variants, lseek, stat, fcntl, dup. */
#include "../guest.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static char dir[64];

static void test_round_trip(void)
{
    char path[128], buf[64];
    struct iovec iov[2];
    int fd;

    snprintf(path, sizeof(path), "%s/data", dir);
    fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    CHECK(fd >= 0, "open: %d", errno);
    CHECK_EQ(write(fd, "hello, world\n", 13), 13, "write");
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 13, "lseek cur");
    CHECK_EQ(lseek(fd, 7, SEEK_SET), 7, "lseek set");
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(read(fd, buf, sizeof(buf)), 6, "read tail");
    printf("tail: %s", buf);
    CHECK_EQ(pwrite(fd, "HELLO", 5, 0), 5, "pwrite");
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(pread(fd, buf, 5, 0), 5, "pread");
    printf("pread: %s\n", buf);
    iov[0].iov_base = "abc";
    iov[0].iov_len = 3;
    iov[1].iov_base = "defg";
    iov[1].iov_len = 4;
    CHECK_EQ(lseek(fd, 0, SEEK_END), 13, "lseek end");
    CHECK_EQ(writev(fd, iov, 2), 7, "writev");
    CHECK_EQ(pwritev(fd, iov, 1, 20), 3, "pwritev");
    {
        char a[4] = { 0 }, b[8] = { 0 };
        struct iovec r[2] = { { a, 3 }, { b, 7 } };
        CHECK_EQ(preadv(fd, r, 2, 13), 10, "preadv");
        printf("preadv: %s %s\n", a, b);
    }
    {
        struct stat st;
        CHECK_EQ(fstat(fd, &st), 0, "fstat");
        printf("size %lld mode %o nlink %u reg %d blksize>0 %d\n",
               (long long)st.st_size, st.st_mode & 07777,
               (unsigned)st.st_nlink, S_ISREG(st.st_mode),
               st.st_blksize > 0);
    }
    CHECK_EQ(ftruncate(fd, 5), 0, "ftruncate");
    {
        struct stat st;
        CHECK_EQ(stat(path, &st), 0, "stat");
        printf("after ftruncate: %lld\n", (long long)st.st_size);
        CHECK_EQ(truncate(path, 2), 0, "truncate");
        CHECK_EQ(fstatat(AT_FDCWD, path, &st, 0), 0, "fstatat");
        printf("after truncate: %lld\n", (long long)st.st_size);
    }
    {
        struct statx sx;
        CHECK_EQ(statx(AT_FDCWD, path, 0, STATX_SIZE | STATX_MODE, &sx), 0,
                 "statx");
        printf("statx size %llu mode %o\n", (unsigned long long)sx.stx_size,
               sx.stx_mode & 07777);
    }
    CHECK_EQ(fchmod(fd, 0600), 0, "fchmod");
    {
        struct stat st;
        fstat(fd, &st);
        printf("mode after fchmod %o\n", st.st_mode & 07777);
    }
    {
        struct timespec ts[2] = { { 1000000000, 0 }, { 1234567890, 5000 } };
        struct stat st;
        CHECK_EQ(utimensat(AT_FDCWD, path, ts, 0), 0, "utimensat");
        stat(path, &st);
        printf("mtime %lld.%09ld\n", (long long)st.st_mtim.tv_sec,
               st.st_mtim.tv_nsec);
    }
    CHECK_EQ(fsync(fd), 0, "fsync");
    CHECK_EQ(fdatasync(fd), 0, "fdatasync");
    CHECK_EQ(access(path, R_OK | W_OK), 0, "access");
    CHECK_EQ(faccessat(AT_FDCWD, "/nonexistent/x", F_OK, 0), -1, "access");
    printf("access missing errno %d\n", errno);
    close(fd);
}

static void test_fcntl_dup(void)
{
    char path[128];
    int fd, fd2, fl;
    struct flock lk;

    snprintf(path, sizeof(path), "%s/data", dir);
    fd = open(path, O_RDWR);
    CHECK(fd >= 0, "reopen");
    printf("cloexec initially %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    printf("cloexec after set %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    fl = fcntl(fd, F_GETFL);
    printf("accmode %d nonblock %d\n", fl & O_ACCMODE, !!(fl & O_NONBLOCK));
    fcntl(fd, F_SETFL, fl | O_NONBLOCK | O_APPEND);
    fl = fcntl(fd, F_GETFL);
    printf("nonblock %d append %d\n", !!(fl & O_NONBLOCK), !!(fl & O_APPEND));
    fd2 = dup(fd);
    CHECK(fd2 > fd, "dup");
    printf("dup cloexec %d\n", fcntl(fd2, F_GETFD) & FD_CLOEXEC);
    CHECK_EQ(dup3(fd, 100, O_CLOEXEC), 100, "dup3");
    printf("dup3 cloexec %d\n", fcntl(100, F_GETFD) & FD_CLOEXEC);
    CHECK_EQ(fcntl(fd, F_DUPFD, 50), 50, "F_DUPFD");
    memset(&lk, 0, sizeof(lk));
    lk.l_type = F_WRLCK;
    lk.l_whence = SEEK_SET;
    lk.l_start = 0;
    lk.l_len = 10;
    CHECK_EQ(fcntl(fd, F_SETLK, &lk), 0, "F_SETLK");
    lk.l_type = F_RDLCK;
    CHECK_EQ(fcntl(fd, F_GETLK, &lk), 0, "F_GETLK");
    printf("getlk own lock -> unlocked %d\n", lk.l_type == F_UNLCK);
    CHECK_EQ(flock(fd, LOCK_EX), 0, "flock");
    CHECK_EQ(flock(fd, LOCK_UN), 0, "flock un");
    CHECK_EQ(fcntl(fd, 9999), -1, "bad fcntl");
    printf("bad fcntl errno %d\n", errno);
    close(fd);
    close(fd2);
    close(100);
    close(50);
    CHECK_EQ(close(100), -1, "double close");
    printf("double close errno %d\n", errno);
}

static void test_faults_and_misc(void)
{
    int p[2];
    struct statfs sf;
    /* volatile: keep the compiler from seeing the deliberate bad buffer */
    void *volatile bad_w = (void *)8, *volatile bad_r = (void *)16;

    CHECK_EQ(pipe(p), 0, "pipe");
    errno = 0;
    CHECK_EQ(write(p[1], bad_w, 4), -1, "write bad ptr");
    printf("write bad pointer errno %d\n", errno);
    errno = 0;
    CHECK_EQ(read(p[0], bad_r, 4), -1, "read bad ptr");
    printf("read bad pointer errno %d\n", errno);
    CHECK_EQ(write(p[1], "xy", 0), 0, "write zero");
    close(p[0]);
    close(p[1]);
    CHECK_EQ(statfs("/", &sf), 0, "statfs");
    printf("statfs bsize>0 %d\n", sf.f_bsize > 0);
    errno = 0;
    CHECK_EQ(syscall(5000, 1, 2, 3), -1, "unknown syscall");
    printf("syscall 5000 errno %d\n", errno);
    {
        mode_t old = umask(022);
        printf("umask roundtrip %o\n", umask(old) & 0777);
    }
    {
        int m = memfd_create("vemu-test", MFD_CLOEXEC);
        char buf[8] = { 0 };
        CHECK(m >= 0, "memfd_create %d", errno);
        CHECK_EQ(write(m, "memfd", 5), 5, "memfd write");
        CHECK_EQ(pread(m, buf, 5, 0), 5, "memfd pread");
        printf("memfd: %s\n", buf);
        close(m);
    }
}

int main(void)
{
    char path[128];

    strcpy(dir, "/tmp/vemu-sc-file-XXXXXX");
    if (!mkdtemp(dir)) {
        printf("mkdtemp failed\n");
        return 1;
    }
    test_round_trip();
    test_fcntl_dup();
    test_faults_and_misc();
    snprintf(path, sizeof(path), "%s/data", dir);
    CHECK_EQ(unlink(path), 0, "unlink");
    CHECK_EQ(rmdir(dir), 0, "rmdir");
    return guest_done();
}
