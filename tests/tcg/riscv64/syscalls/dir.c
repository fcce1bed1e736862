/* SPDX-License-Identifier: MIT */
/* Directories and names: mkdir, getdents (sorted), links, rename, cwd. */
#include "../guest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *path)
{
    DIR *d = opendir(path);
    char *names[32];
    int n = 0;
    struct dirent *e;

    CHECK(d != NULL, "opendir %s: %d", path, errno);
    if (!d) {
        return;
    }
    while ((e = readdir(d)) && n < 32) {
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(names[0]), cmp_str);
    printf("listing:");
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void touch(const char *name, const char *text)
{
    char path[PATH_MAX];
    int fd;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create %s", name);
    CHECK_EQ(write(fd, text, strlen(text)), strlen(text), "write");
    close(fd);
}

int main(void)
{
    char path[PATH_MAX], path2[PATH_MAX], buf[PATH_MAX];
    struct stat st;
    int dfd;
    ssize_t n;

    strcpy(dir, "/tmp/vemu-sc-dir-XXXXXX");
    if (!mkdtemp(dir)) {
        printf("mkdtemp failed\n");
        return 1;
    }
    touch("zeta", "z");
    touch("alpha", "aaaa");
    touch("mid", "mm");
    snprintf(path, sizeof(path), "%s/sub", dir);
    CHECK_EQ(mkdir(path, 0755), 0, "mkdir");
    CHECK_EQ(mkdir(path, 0755), -1, "mkdir again");
    printf("mkdir again errno %d\n", errno);
    list_dir(dir);

    /* Hard link: nlink goes to 2, same inode. */
    snprintf(path, sizeof(path), "%s/alpha", dir);
    snprintf(path2, sizeof(path2), "%s/alpha.link", dir);
    CHECK_EQ(link(path, path2), 0, "link");
    CHECK_EQ(stat(path, &st), 0, "stat");
    printf("nlink after link %u size %lld\n", (unsigned)st.st_nlink,
           (long long)st.st_size);

    /* Symlink and readlink. */
    snprintf(path2, sizeof(path2), "%s/sym", dir);
    CHECK_EQ(symlink("alpha", path2), 0, "symlink");
    n = readlink(path2, buf, sizeof(buf) - 1);
    CHECK_EQ(n, 5, "readlink length");
    buf[n > 0 ? n : 0] = 0;
    printf("readlink: %s\n", buf);
    CHECK_EQ(lstat(path2, &st), 0, "lstat");
    printf("lstat is link %d\n", S_ISLNK(st.st_mode));
    CHECK_EQ(stat(path2, &st), 0, "stat through link");
    printf("stat through link size %lld\n", (long long)st.st_size);

    /* Rename, and *at calls relative to a directory descriptor. */
    dfd = open(dir, O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0, "open dir");
    CHECK_EQ(renameat(dfd, "zeta", dfd, "omega"), 0, "renameat");
    CHECK_EQ(fstatat(dfd, "omega", &st, 0), 0, "fstatat");
    printf("renamed size %lld\n", (long long)st.st_size);
    CHECK_EQ(faccessat(dfd, "zeta", F_OK, 0), -1, "old name gone");
    printf("old name errno %d\n", errno);
    CHECK_EQ(unlinkat(dfd, "alpha.link", 0), 0, "unlinkat");
    CHECK_EQ(mkdirat(dfd, "sub2", 0700), 0, "mkdirat");
    CHECK_EQ(unlinkat(dfd, "sub2", AT_REMOVEDIR), 0, "unlinkat dir");
    CHECK_EQ(unlinkat(dfd, "sub", 0), -1, "unlink of dir");
    printf("unlink dir errno %d\n", errno);
    list_dir(dir);

    /* getcwd/chdir/fchdir. */
    CHECK_EQ(chdir(dir), 0, "chdir");
    CHECK(getcwd(buf, sizeof(buf)) != NULL, "getcwd");
    printf("cwd matches %d\n", strcmp(buf, dir) == 0);
    CHECK_EQ(chdir("sub"), 0, "chdir sub");
    CHECK(getcwd(buf, sizeof(buf)) != NULL, "getcwd sub");
    printf("cwd ends in /sub %d\n",
           strlen(buf) > 4 && !strcmp(buf + strlen(buf) - 4, "/sub"));
    CHECK_EQ(fchdir(dfd), 0, "fchdir");
    CHECK(getcwd(buf, 4) == NULL, "getcwd small");
    printf("getcwd small errno %d\n", errno);
    CHECK_EQ(chdir("/"), 0, "chdir /");

    /* Clean up everything. */
    CHECK_EQ(unlinkat(dfd, "alpha", 0), 0, "rm alpha");
    CHECK_EQ(unlinkat(dfd, "omega", 0), 0, "rm omega");
    CHECK_EQ(unlinkat(dfd, "mid", 0), 0, "rm mid");
    CHECK_EQ(unlinkat(dfd, "sym", 0), 0, "rm sym");
    CHECK_EQ(unlinkat(dfd, "sub", AT_REMOVEDIR), 0, "rm sub");
    close(dfd);
    CHECK_EQ(rmdir(dir), 0, "rmdir");
    return guest_done();
}
