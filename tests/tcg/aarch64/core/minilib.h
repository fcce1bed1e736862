/* SPDX-License-Identifier: MIT */
/*
 * Freestanding runtime of the core tests: raw syscalls, a small printf
 * and thread start through clone. Built with -nostdlib and
 * -mgeneral-regs-only so the programs use only the integer ISA.
 */
#ifndef MINILIB_H
#define MINILIB_H

#include <stdarg.h>
#include <stdint.h>

typedef unsigned long size_t;

static inline long sys3(long nr, long a, long b, long c)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;

    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2)
                     : "memory");
    return x0;
}

static inline void sys_exit(int code)
{
    sys3(93, code, 0, 0);
    for (;;) {
    }
}

static inline void sys_write(const char *s, size_t n)
{
    sys3(64, 1, (long)s, (long)n);
}

/*
 * Initialised data, so the RW segment is not .bss-only (vemu's ELF loader
 * rejects a p_offset past the end of the file even when p_filesz is 0).
 */
static volatile int minilib_data_anchor = 1;
static char out_buf[4096];
static size_t out_len;

static void out_flush(void)
{
    (void)minilib_data_anchor;
    sys_write(out_buf, out_len);
    out_len = 0;
}

static void out_char(char c)
{
    if (out_len == sizeof(out_buf)) {
        out_flush();
    }
    out_buf[out_len++] = c;
}

static void out_str(const char *s)
{
    while (*s) {
        out_char(*s++);
    }
}

static void out_num(uint64_t v, unsigned base, int width, int neg)
{
    char tmp[24];
    int n = 0;

    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg) {
        tmp[n++] = '-';
    }
    while (width-- > n) {
        out_char(base == 16 ? '0' : ' ');
    }
    while (n) {
        out_char(tmp[--n]);
    }
}

/* %d %u %x %lx %ld %lu %s %c, with an optional width (%016lx). */
static void pr(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        int width = 0, lng = 0;

        if (*fmt != '%') {
            out_char(*fmt);
            continue;
        }
        fmt++;
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        while (*fmt == 'l') {
            lng = 1;
            fmt++;
        }
        switch (*fmt) {
        case 'd': {
            int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
            out_num(v < 0 ? -(uint64_t)v : (uint64_t)v, 10, width, v < 0);
            break;
        }
        case 'u':
            out_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10,
                    width, 0);
            break;
        case 'x':
            out_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16,
                    width, 0);
            break;
        case 's':
            out_str(va_arg(ap, const char *));
            break;
        case 'c':
            out_char((char)va_arg(ap, int));
            break;
        default:
            out_char(*fmt);
            break;
        }
    }
    va_end(ap);
}

/* NZCV as a 4-letter string into buf. */
__attribute__((unused))
static const char *flags_str(uint64_t nzcv, char *buf)
{
    buf[0] = (nzcv >> 31) & 1 ? 'N' : '-';
    buf[1] = (nzcv >> 30) & 1 ? 'Z' : '-';
    buf[2] = (nzcv >> 29) & 1 ? 'C' : '-';
    buf[3] = (nzcv >> 28) & 1 ? 'V' : '-';
    buf[4] = 0;
    return buf;
}

/* gcc may call these for struct copies even when freestanding. */
void *memset(void *d, int c, size_t n)
{
    unsigned char *p = d;

    while (n--) {
        *p++ = (unsigned char)c;
    }
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *p = d;
    const unsigned char *q = s;

    while (n--) {
        *p++ = *q++;
    }
    return d;
}

int main(void);

__attribute__((used)) static void start_c(void)
{
    int r = main();

    out_flush();
    sys_exit(r);
}

__asm__(".global _start\n"
        "_start:\n"
        "    mov x29, #0\n"
        "    bl start_c\n");

/*
 * Start fn(arg) on a new thread sharing memory (clone with CLONE_VM and
 * friends, the child on stack top). The child exits with exit(2) when fn
 * returns; *tid is cleared then (CLONE_CHILD_CLEARTID) for thread_join.
 */
__attribute__((unused))
static long thread_start(void (*fn)(void *), void *arg, void *stack_top,
                         volatile int *tid)
{
    /* CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|PARENT_SETTID|CHILD_CLEARTID */
    long flags = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 |
                 0x100000 | 0x200000;
    register long x8 __asm__("x8") = 220;
    register long x0 __asm__("x0") = flags;
    register long x1 __asm__("x1") = (long)stack_top;
    register long x2 __asm__("x2") = (long)tid;
    register long x3 __asm__("x3") = 0;
    register long x4 __asm__("x4") = (long)tid;
    register long x5 __asm__("x5") = (long)fn;
    register long x6 __asm__("x6") = (long)arg;

    __asm__ volatile("svc #0\n"
                     "cbnz x0, 1f\n"
                     "mov x0, x6\n"
                     "blr x5\n"
                     "mov x0, #0\n"
                     "mov x8, #93\n"
                     "svc #0\n"
                     "1:\n"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5),
                       "r"(x6)
                     : "memory", "x30");
    return x0;
}

/* Wait until the kernel cleared *tid (futex wait on it). */
__attribute__((unused))
static void thread_join(volatile int *tid)
{
    int v;

    while ((v = *tid) != 0) {
        register long x8 __asm__("x8") = 98;    /* futex */
        register long x0 __asm__("x0") = (long)tid;
        register long x1 __asm__("x1") = 0;     /* FUTEX_WAIT */
        register long x2 __asm__("x2") = v;
        register long x3 __asm__("x3") = 0;

        __asm__ volatile("svc #0" : "+r"(x0)
                         : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
    }
}

#endif
