/* SPDX-License-Identifier: MIT */
/* -d / -D logging, as in QEMU: a mask of categories and one log file. */
#ifndef VEMU_LOG_H
#define VEMU_LOG_H

#include <stdbool.h>
#include <stdio.h>

enum {
    LOG_IN_ASM = 1 << 0,
    LOG_OP = 1 << 1,
    LOG_OP_OPT = 1 << 2,
    LOG_OUT_ASM = 1 << 3,
    LOG_EXEC = 1 << 4,
    LOG_CPU = 1 << 5,
    LOG_INT = 1 << 6,
    LOG_MMU = 1 << 7,
    LOG_UNIMP = 1 << 8,
    LOG_GUEST_ERROR = 1 << 9,
    LOG_STRACE = 1 << 10,
    LOG_NOCHAIN = 1 << 11,
};

extern int vemu_loglevel;
extern FILE *vemu_logfile;   /* stderr unless -D */

static inline bool vemu_log_enabled(int mask)
{
    return (vemu_loglevel & mask) != 0;
}

/* Parse "in_asm,op,..." (or "help"); false with *errmsg on error. */
bool vemu_log_parse(const char *spec, int *mask, char **errmsg);
bool vemu_log_set_file(const char *path, char **errmsg);
/* Print the categories for -d help. */
void vemu_log_help(FILE *f);
/* Locked printf to the log file, safe from several threads. */
void vemu_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vemu_log_lock(void);
void vemu_log_unlock(void);

#define vemu_log_mask(mask, ...)                                             \
    do {                                                                     \
        if (vemu_log_enabled(mask)) {                                        \
            vemu_log(__VA_ARGS__);                                           \
        }                                                                    \
    } while (0)

#endif
