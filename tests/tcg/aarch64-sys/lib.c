/* SPDX-License-Identifier: MIT */
/* Console on the PL011, checks, the default exception handler, PSCI. */
#include "sys-test.h"

struct exc_record last_exc;
int (*exc_hook)(struct frame *f, int type);
static int failures;
static int checks;

static void putc_(char c)
{
    /* Wait while the transmit FIFO is full (FR.TXFF). */
    while (mmio_read32(UART_BASE + 0x18) & (1u << 5)) {
    }
    mmio_write32(UART_BASE, (uint8_t)c);
}

void puts_(const char *s)
{
    while (*s) {
        putc_(*s++);
    }
}

void put_hex(uint64_t v)
{
    puts_("0x");
    for (int i = 60; i >= 0; i -= 4) {
        putc_("0123456789abcdef"[(v >> i) & 15]);
    }
}

static void put_dec(unsigned v)
{
    char b[12];
    int n = 0;

    do {
        b[n++] = '0' + v % 10;
        v /= 10;
    } while (v);
    while (n) {
        putc_(b[--n]);
    }
}

void check_(int ok, int line, const char *what)
{
    checks++;
    if (!ok) {
        failures++;
        puts_("FAIL line ");
        put_dec(line);
        puts_(": ");
        puts_(what);
        puts_("\n");
    }
}

int test_failures(void)
{
    return failures;
}

void handle_exception(struct frame *f, int type)
{
    last_exc.type = type;
    last_exc.esr = read_sysreg(esr_el1);
    last_exc.far = read_sysreg(far_el1);
    last_exc.elr = f->elr;
    last_exc.spsr = f->spsr;
    last_exc.count++;
    if (exc_hook && exc_hook(f, type)) {
        return;
    }
    /* Synchronous: skip the insn, unless ELR is already past it (the
     * preferred return of SVC, HVC and SMC). */
    if ((type & 3) == 0 && (ESR_EC(last_exc.esr) < 0x15 ||
                            ESR_EC(last_exc.esr) > 0x17)) {
        f->elr += 4;
    }
}

uint64_t psci(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;

    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                     : : "memory");
    return x0;
}

/* main's verdict, then power off (QEMU and vemu both exit). */
void test_exit(void)
{
    puts_(failures ? "FAIL\n" : "PASS\n");
    psci(PSCI_SYSTEM_OFF, 0, 0, 0);
    for (;;) {
        __asm__ volatile("wfi");
    }
}

/* Tests without a second CPU never run it. */
void __attribute__((weak)) secondary_main(uint64_t ctx)
{
}
