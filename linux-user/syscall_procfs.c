/* SPDX-License-Identifier: MIT */
/* The guest's view of /proc/self/{maps,auxv,cmdline}: generated files. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/syscall_int.h"
#include "linux-user/user-int.h"

extern uintptr_t guest_base;

/* "/proc/self/<name>", "/proc/thread-self/<name>" or "/proc/<pid>/<name>". */
static const char *proc_self_entry(const char *path)
{
    const char *rest;
    char pid[32];

    if (strncmp(path, "/proc/", 6) != 0) {
        return NULL;
    }
    rest = path + 6;
    snprintf(pid, sizeof(pid), "%d/", (int)getpid());
    if (!strncmp(rest, "self/", 5)) {
        return rest + 5;
    }
    if (!strncmp(rest, "thread-self/", 12)) {
        return rest + 12;
    }
    if (!strncmp(rest, pid, strlen(pid))) {
        return rest + strlen(pid);
    }
    return NULL;
}

/* Guest page flags as the "rwxp" column. */
static void maps_perms(int flags, char perms[5])
{
    perms[0] = (flags & PAGE_READ) ? 'r' : '-';
    perms[1] = (flags & (PAGE_WRITE | PAGE_WRITE_ORG)) ? 'w' : '-';
    perms[2] = (flags & PAGE_EXEC) ? 'x' : '-';
    perms[3] = 'p';
    perms[4] = '\0';
}

static int maps_prot_bits(int flags)
{
    return flags & (PAGE_READ | PAGE_WRITE | PAGE_WRITE_ORG | PAGE_EXEC |
                    PAGE_VALID);
}

/*
 * One host mapping that lies (partly) in the guest space: print the guest
 * pages in it, split where the guest's protection changes (guest code is
 * read-only on the host, so one host range can hold several guest ones).
 */
static void maps_emit_range(GString *out, abi_ulong start, abi_ulong end,
                            uint64_t offset, const char *dev,
                            unsigned long inode, const char *name,
                            const ImageInfo *info)
{
    abi_ulong a = start;

    while (a < end) {
        int f = maps_prot_bits(page_get_flags(a));
        abi_ulong b = a + GUEST_PAGE_SIZE;
        char perms[5];
        const char *label = name;
        int len;

        while (b < end && maps_prot_bits(page_get_flags(b)) == f) {
            b += GUEST_PAGE_SIZE;
        }
        if (f & PAGE_VALID) {
            if (info && info->start_stack >= a && info->start_stack < b &&
                !*name) {
                label = "[stack]";
            }
            maps_perms(f, perms);
            len = out->len;
            g_string_append_printf(out, "%08" G_GINT64_MODIFIER "x-%08"
                                   G_GINT64_MODIFIER "x %s %08"
                                   G_GINT64_MODIFIER "x %s %lu",
                                   (guint64)a, (guint64)b, perms,
                                   (guint64)(offset + (a - start)), dev,
                                   inode);
            if (*label) {
                int pad = 73 - (int)(out->len - len);
                g_string_append_printf(out, "%*s%s", pad > 1 ? pad : 1, "",
                                       label);
            }
            g_string_append_c(out, '\n');
        }
        a = b;
    }
}

static bool procfs_fill_maps(GString *out, const ImageInfo *info)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[4096];
    uintptr_t lo = guest_base;
    uintptr_t hi = guest_base + guest_space_size();

    if (!f) {
        return false;
    }
    while (fgets(line, sizeof(line), f)) {
        uintptr_t hs, he;
        unsigned long long off;
        unsigned long inode;
        char perms[8], dev[32];
        int name_pos = 0;
        char *name;

        if (sscanf(line, "%lx-%lx %7s %llx %31s %lu %n", &hs, &he, perms,
                   &off, dev, &inode, &name_pos) < 6) {
            continue;
        }
        /* Reserved but unmapped guest space is PROT_NONE on the host. */
        if (!strncmp(perms, "---", 3) || he <= lo || hs >= hi) {
            continue;
        }
        name = line + name_pos;
        name[strcspn(name, "\n")] = '\0';
        if (hs < lo) {
            off += lo - hs;
            hs = lo;
        }
        he = MIN(he, hi);
        maps_emit_range(out, h2g((void *)hs), h2g((void *)he), off, dev,
                        inode, name, info);
    }
    fclose(f);
    return true;
}

/* The auxv pairs follow argc, argv[], NULL, envp[], NULL on the stack. */
static bool procfs_fill_auxv(GString *out, const ImageInfo *info)
{
    abi_ulong p;
    uint64_t argc, v, type;

    if (!info || get_user_u64(&argc, info->start_stack)) {
        return false;
    }
    p = info->start_stack + 8 * (argc + 2);
    do {
        if (get_user_u64(&v, p)) {
            return false;
        }
        p += 8;
    } while (v != 0);
    do {
        if (get_user_u64(&type, p) || get_user_u64(&v, p + 8)) {
            return false;
        }
        g_string_append_len(out, (const char *)&type, 8);
        g_string_append_len(out, (const char *)&v, 8);
        p += 16;
    } while (type != 0);
    return true;
}

/* The guest's argv strings, NUL-separated, as the kernel shows them. */
static bool procfs_fill_cmdline(GString *out, const ImageInfo *info)
{
    abi_ulong len;
    const char *p;

    if (!info || info->arg_end < info->arg_start) {
        return false;
    }
    len = info->arg_end - info->arg_start;
    p = lock_buf(VERIFY_READ, info->arg_start, len);
    if (!p) {
        return false;
    }
    g_string_append_len(out, p, len);
    return true;
}

/* A read-only descriptor holding `data`, positioned at its start. */
static abi_long procfs_memfd(const GString *data, int flags)
{
    int fd = syscall(SYS_memfd_create, "vemu-procfs",
                     (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    size_t done = 0;

    if (fd < 0) {
        return -host_to_target_errno(errno);
    }
    while (done < data->len) {
        ssize_t n = write(fd, data->str + done, data->len - done);
        if (n <= 0) {
            close(fd);
            return -TARGET_ENOMEM;
        }
        done += n;
    }
    lseek(fd, 0, SEEK_SET);
    return fd;
}

bool procfs_open(CPUState *cpu, const char *path, int flags, abi_long *ret)
{
    const char *entry = proc_self_entry(path);
    TaskState *ts = cpu ? cpu->opaque : NULL;
    const ImageInfo *info = ts ? ts->info : NULL;
    GString *data;
    bool ok;

    if (!entry || !info) {
        return false;
    }
    if (strcmp(entry, "maps") && strcmp(entry, "auxv") &&
        strcmp(entry, "cmdline")) {
        return false;
    }
    if ((flags & TARGET_O_ACCMODE) != TARGET_O_RDONLY) {
        *ret = -TARGET_EACCES;
        return true;
    }
    data = g_string_new(NULL);
    if (!strcmp(entry, "maps")) {
        ok = procfs_fill_maps(data, info);
    } else if (!strcmp(entry, "auxv")) {
        ok = procfs_fill_auxv(data, info);
    } else {
        ok = procfs_fill_cmdline(data, info);
    }
    *ret = ok ? procfs_memfd(data, flags) : -TARGET_ENOENT;
    g_string_free(data, TRUE);
    return true;
}
