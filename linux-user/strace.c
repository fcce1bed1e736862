/* SPDX-License-Identifier: MIT */
/* -strace: format one syscall and its result, in QEMU's style. */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>

#include "linux-user/syscall_int.h"

/* Longest guest string printed before "..." is appended. */
#define STRACE_STR_MAX 64

typedef struct FlagName {
    unsigned value;
    const char *name;
} FlagName;

static const FlagName open_flag_names[] = {
    { TARGET_O_CREAT, "O_CREAT" },         { TARGET_O_EXCL, "O_EXCL" },
    { TARGET_O_NOCTTY, "O_NOCTTY" },       { TARGET_O_TRUNC, "O_TRUNC" },
    { TARGET_O_APPEND, "O_APPEND" },       { TARGET_O_NONBLOCK, "O_NONBLOCK" },
    { TARGET_O_DSYNC, "O_DSYNC" },         { TARGET_O_ASYNC, "O_ASYNC" },
    { TARGET_O_DIRECT, "O_DIRECT" },       { TARGET_O_LARGEFILE, "O_LARGEFILE" },
    { TARGET_O_DIRECTORY, "O_DIRECTORY" }, { TARGET_O_NOFOLLOW, "O_NOFOLLOW" },
    { TARGET_O_NOATIME, "O_NOATIME" },     { TARGET_O_CLOEXEC, "O_CLOEXEC" },
    { TARGET_O_PATH, "O_PATH" },
};

static const FlagName prot_names[] = {
    { PROT_READ, "PROT_READ" },
    { PROT_WRITE, "PROT_WRITE" },
    { PROT_EXEC, "PROT_EXEC" },
};

/* asm-generic mmap flags (x86-64 uses the same values). */
static const FlagName mmap_flag_names[] = {
    { 0x01, "MAP_SHARED" },        { 0x02, "MAP_PRIVATE" },
    { 0x10, "MAP_FIXED" },         { 0x20, "MAP_ANONYMOUS" },
    { 0x100, "MAP_GROWSDOWN" },    { 0x2000, "MAP_LOCKED" },
    { 0x4000, "MAP_NORESERVE" },   { 0x8000, "MAP_POPULATE" },
    { 0x10000, "MAP_NONBLOCK" },   { 0x20000, "MAP_STACK" },
    { 0x40000, "MAP_HUGETLB" },    { 0x100000, "MAP_FIXED_NOREPLACE" },
};

/* Append "A|B|0x..." for the set bits of `v`; `none` if v is 0. */
static void strace_flags(GString *out, unsigned v, const FlagName *names,
                         size_t n, const char *none)
{
    bool first = true;

    if (v == 0) {
        g_string_append(out, none);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if ((v & names[i].value) == names[i].value) {
            g_string_append_printf(out, "%s%s", first ? "" : "|",
                                   names[i].name);
            v &= ~names[i].value;
            first = false;
        }
    }
    if (v) {
        g_string_append_printf(out, "%s%#x", first ? "" : "|", v);
    }
}

static void strace_open_flags(GString *out, unsigned v)
{
    static const char *const acc[] = {
        "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"
    };

    g_string_append(out, acc[v & TARGET_O_ACCMODE]);
    v &= ~TARGET_O_ACCMODE;
    if (v) {
        g_string_append_c(out, '|');
        strace_flags(out, v, open_flag_names,
                     G_N_ELEMENTS(open_flag_names), "");
    }
}

/* A guest string, quoted and escaped, or its address if unreadable. */
static void strace_string(GString *out, abi_ulong addr)
{
    const char *s;
    size_t len;

    if (addr == 0) {
        g_string_append(out, "NULL");
        return;
    }
    s = lock_user_string(addr);
    if (!s) {
        g_string_append_printf(out, "0x%" G_GINT64_MODIFIER "x",
                               (guint64)addr);
        return;
    }
    len = strlen(s);
    g_string_append_c(out, '"');
    for (size_t i = 0; i < len && i < STRACE_STR_MAX; i++) {
        unsigned char c = s[i];
        if (c == '"' || c == '\\') {
            g_string_append_printf(out, "\\%c", c);
        } else if (c == '\n') {
            g_string_append(out, "\\n");
        } else if (c < 0x20 || c >= 0x7f) {
            g_string_append_printf(out, "\\%o", c);
        } else {
            g_string_append_c(out, c);
        }
    }
    g_string_append_c(out, '"');
    if (len > STRACE_STR_MAX) {
        g_string_append(out, "...");
    }
}

static void strace_arg(GString *out, char kind, abi_long v)
{
    switch (kind) {
    case 'd':
        g_string_append_printf(out, "%d", (int)v);
        break;
    case 'l':
        g_string_append_printf(out, "%" G_GINT64_FORMAT, (gint64)v);
        break;
    case 'u':
        g_string_append_printf(out, "%" G_GUINT64_FORMAT, (guint64)v);
        break;
    case 'o':
        g_string_append_printf(out, "0%" G_GINT64_MODIFIER "o", (guint64)v);
        break;
    case 'p':
        if (v == 0) {
            g_string_append(out, "NULL");
        } else {
            g_string_append_printf(out, "0x%016" G_GINT64_MODIFIER "x",
                                   (guint64)v);
        }
        break;
    case 's':
        strace_string(out, v);
        break;
    case 'f':
        if ((int)v == TARGET_AT_FDCWD) {
            g_string_append(out, "AT_FDCWD");
        } else {
            g_string_append_printf(out, "%d", (int)v);
        }
        break;
    case 'O':
        /* Named by meaning: arm64's values differ from asm-generic's. */
        strace_open_flags(out, (unsigned)open_flags_to_host((int)v));
        break;
    case 'P':
        strace_flags(out, (unsigned)v, prot_names, G_N_ELEMENTS(prot_names),
                     "PROT_NONE");
        break;
    case 'M':
        strace_flags(out, (unsigned)v, mmap_flag_names,
                     G_N_ELEMENTS(mmap_flag_names), "0");
        break;
    case 'S':
        g_string_append_printf(out, "%d", (int)v);
        break;
    default: /* 'x' and anything unknown */
        g_string_append_printf(out, "0x%" G_GINT64_MODIFIER "x", (guint64)v);
        break;
    }
}

void strace_format_call(GString *out, const SyscallDef *def,
                        const abi_long *arg)
{
    const char *fmt = def->args ? def->args : "";
    int nargs = strlen(fmt);

    /* openat's mode only means something when a file may be created. */
    if (def->num == TARGET_NR_openat &&
        !(arg[2] & (TARGET_O_CREAT | TARGET_O_TMPFILE))) {
        nargs = 3;
    }
    g_string_append_printf(out, "%s(", def->name);
    for (int i = 0; i < nargs && i < 6; i++) {
        if (i) {
            g_string_append_c(out, ',');
        }
        strace_arg(out, fmt[i], arg[i]);
    }
    g_string_append_c(out, ')');
}

void strace_format_ret(GString *out, const SyscallDef *def, abi_long ret)
{
    if (is_error(ret)) {
        int err = (int)-ret;
        g_string_append_printf(out, " = -1 errno=%d (%s)\n", err,
                               g_strerror(err));
    } else if (def && def->ret == 'x') {
        g_string_append_printf(out, " = 0x%016" G_GINT64_MODIFIER "x\n",
                               (guint64)ret);
    } else {
        g_string_append_printf(out, " = %" G_GINT64_FORMAT "\n",
                               (gint64)ret);
    }
}

void strace_format_unknown(GString *out, int num, const abi_long *arg)
{
    g_string_append_printf(out, "Unknown syscall %d", num);
    g_string_append_printf(out, " = -1 errno=%d (%s)\n", TARGET_ENOSYS,
                           g_strerror(TARGET_ENOSYS));
}
