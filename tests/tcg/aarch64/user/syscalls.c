/* SPDX-License-Identifier: MIT */
/* aarch64 syscalls: file I/O, open flags, directories, mmap, clocks. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static char dir[64];

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAIL");
}

static void test_file_io(void)
{
    char path[128], buf[128];
    struct stat st;
    int fd, fl;

    snprintf(path, sizeof(path), "%s/file", dir);
    fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0640);
    check("open create", fd >= 0);
    check("write", write(fd, "hello, aarch64\n", 15) == 15);
    check("lseek", lseek(fd, 7, SEEK_SET) == 7);
    memset(buf, 0, sizeof(buf));
    check("read", read(fd, buf, sizeof(buf)) == 8 &&
          !strcmp(buf, "aarch64\n"));
    check("pread", pread(fd, buf, 5, 0) == 5 && !memcmp(buf, "hello", 5));
    check("fstat size", fstat(fd, &st) == 0 && st.st_size == 15);
    check("fstat mode", (st.st_mode & 0777) == 0640 && S_ISREG(st.st_mode));
    check("stat nlink", stat(path, &st) == 0 && st.st_nlink == 1);

    /* The arm64 open flag values differ from the host's. */
    fl = fcntl(fd, F_GETFL);
    check("F_GETFL accmode", (fl & O_ACCMODE) == O_RDWR);
    check("F_GETFL no O_DIRECTORY/O_NOFOLLOW",
          !(fl & O_DIRECTORY) && !(fl & O_NOFOLLOW) && !(fl & O_DIRECT));
    check("F_SETFL O_APPEND", fcntl(fd, F_SETFL, fl | O_APPEND) == 0 &&
          (fcntl(fd, F_GETFL) & O_APPEND));
    check("append write", write(fd, "!", 1) == 1 &&
          fstat(fd, &st) == 0 && st.st_size == 16);
    close(fd);

    fd = open(path, O_RDONLY | O_DIRECTORY);
    check("O_DIRECTORY on a file: ENOTDIR", fd < 0 && errno == ENOTDIR);
    fd = open(dir, O_RDONLY | O_DIRECTORY);
    check("O_DIRECTORY on a dir", fd >= 0);
    close(fd);

    snprintf(buf, sizeof(buf), "%s/link", dir);
    check("symlink", symlink(path, buf) == 0);
    fd = open(buf, O_RDONLY | O_NOFOLLOW);
    check("O_NOFOLLOW on a symlink: ELOOP", fd < 0 && errno == ELOOP);
    fd = open(buf, O_RDONLY);
    check("open through symlink", fd >= 0);
    close(fd);
    check("unlink link", unlink(buf) == 0);
}

static void test_dir(void)
{
    char path[128];
    DIR *d;
    struct dirent *e;
    int n = 0, found = 0;

    snprintf(path, sizeof(path), "%s/sub", dir);
    check("mkdir", mkdir(path, 0755) == 0);
    d = opendir(dir);
    check("opendir", d != NULL);
    while (d && (e = readdir(d))) {
        n++;
        found += !strcmp(e->d_name, "sub") && e->d_type == DT_DIR;
        found += !strcmp(e->d_name, "file") && e->d_type == DT_REG;
    }
    if (d) {
        closedir(d);
    }
    check("readdir entries", n == 4 && found == 2);
    check("rmdir", rmdir(path) == 0);
    snprintf(path, sizeof(path), "%s/file", dir);
    check("unlink", unlink(path) == 0);
    check("rmdir tmp", rmdir(dir) == 0);
}

static void test_mmap(void)
{
    size_t len = 3 * 4096;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *q;

    check("mmap anon", p != MAP_FAILED && ((unsigned long)p & 4095) == 0);
    check("anon zeroed", p[0] == 0 && p[len - 1] == 0);
    memset(p, 0x5a, len);
    q = mremap(p, len, 2 * len, MREMAP_MAYMOVE);
    check("mremap", q != MAP_FAILED && q[len - 1] == 0x5a);
    check("mprotect", mprotect(q + 4096, 4096, PROT_READ) == 0);
    check("munmap", munmap(q, 2 * len) == 0);
    check("sysconf page size", sysconf(_SC_PAGESIZE) == 4096);
    p = sbrk(0);
    check("brk grows", sbrk(8192) == p && sbrk(0) == p + 8192);
}

static void test_clock(void)
{
    struct timespec a, b, d = { 0, 20 * 1000 * 1000 };
    struct utsname u;
    long ns;

    check("clock_gettime monotonic", clock_gettime(CLOCK_MONOTONIC, &a) == 0);
    check("nanosleep", nanosleep(&d, NULL) == 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
    check("slept >= 20ms", ns >= 20 * 1000 * 1000 && ns < 5000000000L);
    check("clock_gettime realtime",
          clock_gettime(CLOCK_REALTIME, &a) == 0 && a.tv_sec > 1600000000);
    /* time() reads the coarse clock: up to a tick behind. */
    check("time()", time(NULL) >= a.tv_sec - 1);
    check("uname", uname(&u) == 0);
    printf("machine: %s\n", u.machine);
    check("getpid", getpid() > 1 && getppid() > 0);
}

int main(void)
{
    strcpy(dir, "/tmp/a64-syscalls-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_file_io();
    test_dir();
    test_mmap();
    test_clock();
    return 0;
}
