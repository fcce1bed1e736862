/* SPDX-License-Identifier: MIT */
/* The guest's own /proc/self/{cmdline,auxv,maps}, and what libc builds on. */
#include "../guest.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/auxv.h>
#include <unistd.h>

static size_t read_all(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    size_t done = 0;
    ssize_t n;

    CHECK(fd >= 0, "open %s", path);
    if (fd < 0) {
        return 0;
    }
    while (done < size - 1 && (n = read(fd, buf + done, size - 1 - done)) > 0) {
        done += n;
    }
    buf[done] = '\0';
    close(fd);
    return done;
}

/* The maps line holding addr: its permissions, or "none". */
static const char *perms_at(const char *maps, uintptr_t addr, char *perms)
{
    const char *line = maps;

    while (*line) {
        unsigned long lo, hi;
        char p[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, p) == 3 && addr >= lo &&
            addr < hi) {
            memcpy(perms, p, 5);
            return perms;
        }
        line = strchr(line, '\n');
        if (!line) {
            break;
        }
        line++;
    }
    return "none";
}

static char maps[65536];

int main(int argc, char **argv)
{
    char buf[4096];
    char perms[5];
    size_t n;
    int local = 0;

    /* cmdline: the argv strings, NUL separated. */
    n = read_all("/proc/self/cmdline", buf, sizeof(buf));
    CHECK_EQ(n, strlen(argv[0]) + 1, "cmdline length");
    printf("cmdline is argv[0] %d\n", strcmp(buf, argv[0]) == 0);

    /* auxv: the same vector getauxval() sees. */
    {
        uint64_t aux[128];
        int fd = open("/proc/self/auxv", O_RDONLY);
        ssize_t len = read(fd, aux, sizeof(aux));
        uint64_t pagesz = 0, entry = 0;
        close(fd);
        CHECK(len > 0 && len % 16 == 0, "auxv length %zd", len);
        for (ssize_t i = 0; i + 1 < len / 8; i += 2) {
            if (aux[i] == AT_PAGESZ) {
                pagesz = aux[i + 1];
            } else if (aux[i] == AT_ENTRY) {
                entry = aux[i + 1];
            }
        }
        printf("auxv pagesz %llu entry matches %d ends with AT_NULL %d\n",
               (unsigned long long)pagesz, entry == getauxval(AT_ENTRY),
               len >= 16 && aux[len / 8 - 2] == AT_NULL);
    }

    /* maps: code is r-x, data rw-, the stack holds our locals. */
    n = read_all("/proc/self/maps", maps, sizeof(maps));
    CHECK(n > 0, "maps");
    printf("main in %s\n", perms_at(maps, (uintptr_t)main, perms));
    printf("global in %s\n", perms_at(maps, (uintptr_t)maps, perms));
    printf("stack in %s\n", perms_at(maps, (uintptr_t)&local, perms));
    printf("stack labelled %d\n", strstr(maps, "[stack]") != NULL);

    /* glibc finds the main thread's stack through /proc/self/maps. */
    {
        pthread_attr_t attr;
        void *addr;
        size_t size;
        CHECK_EQ(pthread_getattr_np(pthread_self(), &attr), 0,
                 "pthread_getattr_np");
        CHECK_EQ(pthread_attr_getstack(&attr, &addr, &size), 0, "getstack");
        printf("main stack contains local %d\n",
               (char *)&local >= (char *)addr &&
               (char *)&local < (char *)addr + size);
        pthread_attr_destroy(&attr);
    }
    return guest_done();
}
