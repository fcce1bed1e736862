/* SPDX-License-Identifier: MIT */
/* -d / -D logging: category parsing and a locked log stream. */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <string.h>

#include <glib.h>

#include "vemu/log.h"

int vemu_loglevel;
FILE *vemu_logfile;

static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;

static const struct {
    const char *name;
    int mask;
    const char *help;
} log_items[] = {
    { "in_asm", LOG_IN_ASM, "show guest code of each translated block" },
    { "op", LOG_OP, "show the IR of each block before optimization" },
    { "op_opt", LOG_OP_OPT, "show the IR after optimization and liveness" },
    { "out_asm", LOG_OUT_ASM, "show the generated host code" },
    { "exec", LOG_EXEC, "show each block as it is executed" },
    { "cpu", LOG_CPU, "show the CPU registers before each block" },
    { "int", LOG_INT, "show interrupts and exceptions" },
    { "mmu", LOG_MMU, "show MMU faults" },
    { "unimp", LOG_UNIMP, "log unimplemented functionality" },
    { "guest_errors", LOG_GUEST_ERROR, "log invalid guest operations" },
    { "strace", LOG_STRACE, "log every system call (user mode)" },
    { "nochain", LOG_NOCHAIN, "do not chain blocks (with exec/cpu)" },
};

bool vemu_log_parse(const char *spec, int *mask, char **errmsg)
{
    gchar **items = g_strsplit(spec, ",", -1);
    int m = 0;
    bool ok = true;

    for (int i = 0; items[i]; i++) {
        const char *it = items[i];
        bool found = false;

        if (!*it) {
            continue;
        }
        if (!strcmp(it, "all")) {
            for (size_t j = 0; j < G_N_ELEMENTS(log_items); j++) {
                m |= log_items[j].mask;
            }
            continue;
        }
        for (size_t j = 0; j < G_N_ELEMENTS(log_items); j++) {
            if (!strcmp(it, log_items[j].name)) {
                m |= log_items[j].mask;
                found = true;
                break;
            }
        }
        if (!found) {
            *errmsg = g_strdup_printf("unknown log item '%s' (-d help "
                                      "lists them)", it);
            ok = false;
            break;
        }
    }
    g_strfreev(items);
    if (ok) {
        *mask = m;
    }
    return ok;
}

void vemu_log_help(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t j = 0; j < G_N_ELEMENTS(log_items); j++) {
        fprintf(f, "%-14s %s\n", log_items[j].name, log_items[j].help);
    }
}

bool vemu_log_set_file(const char *path, char **errmsg)
{
    FILE *f = fopen(path, "w");

    if (!f) {
        *errmsg = g_strdup_printf("%s: %s", path, strerror(errno));
        return false;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    if (vemu_logfile && vemu_logfile != stderr) {
        fclose(vemu_logfile);
    }
    vemu_logfile = f;
    return true;
}

void vemu_log_lock(void)
{
    pthread_mutex_lock(&log_mutex);
}

void vemu_log_unlock(void)
{
    pthread_mutex_unlock(&log_mutex);
}

void vemu_log(const char *fmt, ...)
{
    va_list ap;
    FILE *f = vemu_logfile ? vemu_logfile : stderr;

    va_start(ap, fmt);
    vemu_log_lock();
    vfprintf(f, fmt, ap);
    vemu_log_unlock();
    va_end(ap);
}
