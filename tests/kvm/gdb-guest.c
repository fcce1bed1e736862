/* SPDX-License-Identifier: MIT */
/*
 * A guest for gdb under -accel kvm (tests/functional/gdb-riscv kvm-x86):
 * 64-bit C with debug info that gdb breaks in, steps, watches and
 * changes. common.S enters main in 32-bit mode, main goes on to long
 * mode and main64. With "int3" on its command line the guest also runs
 * int3 itself (its own #BP handler counts them) while gdb's int3
 * breakpoints are in: KVM must give those back to the guest. The exit
 * status says whether all went as planned.
 *
 * Built as x86-64 code (gdb's amd64 registers and symbols) and turned
 * into the ELF32 a Multiboot loader takes (meson.build).
 */
#include <stdint.h>

#define COM1 0x3f8
#define COM1_LSR (COM1 + 5)
#define LSR_THRE 0x20
#define SEL_CODE64 0x18
#define GDB_MAGIC 0xc0de

volatile uint64_t counter;      /* add_one's running sum */
volatile uint64_t result;       /* gdb watches it */
volatile uint32_t gdb_magic;    /* gdb writes GDB_MAGIC there */
volatile uint32_t own_int3s;    /* the guest's own #BP handler's count */
extern uint32_t mb_info;        /* common.S: the Multiboot info */

/* common.S calls main in 32-bit mode: on to long mode and main64. */
__asm__(".code32\n"
        ".text\n"
        ".globl main\n"
        "main:\n"
        "    jmp long_mode_enter\n"
        ".code64\n");

/* #BP handler: count, return after the int3 (a trap). */
__asm__(".text\n"
        ".globl bp_handler\n"
        "bp_handler:\n"
        "    lock incl own_int3s(%rip)\n"
        "    iretq\n");
void bp_handler(void);

struct IdtEntry {
    uint16_t off0;
    uint16_t sel;
    uint8_t ist;
    uint8_t type;
    uint16_t off1;
    uint32_t off2;
    uint32_t zero;
} __attribute__((packed));

static struct IdtEntry idt[4] __attribute__((aligned(16)));

static void idt_install(void)
{
    uint64_t h = (uint64_t)(uintptr_t)bp_handler;
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) idtr = { sizeof(idt) - 1, (uintptr_t)idt };

    /* Vector 3: a present 64-bit interrupt gate, reachable from ring 0. */
    idt[3] = (struct IdtEntry){ h & 0xffff, SEL_CODE64, 0, 0x8e,
                                (h >> 16) & 0xffff, h >> 32, 0 };
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;

    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static void serial_puts(const char *s)
{
    for (; *s; s++) {
        while (!(inb(COM1_LSR) & LSR_THRE)) {
        }
        outb(COM1, (uint8_t)*s);
    }
}

__attribute__((noinline)) uint64_t add_one(uint64_t x)
{
    counter += x;
    return x + 1;
}

__attribute__((noinline)) void guest_int3(void)
{
    __asm__ volatile("int3" : : : "memory");
}

/* "int3" among the words of the Multiboot command line. */
static int want_int3(void)
{
    const uint32_t *mbi = (const uint32_t *)(uintptr_t)mb_info;
    const char *p;

    if (!mbi || !(mbi[0] & 4)) {
        return 0;
    }
    for (p = (const char *)(uintptr_t)mbi[4]; *p; p++) {
        if (p[0] == 'i' && p[1] == 'n' && p[2] == 't' && p[3] == '3') {
            return 1;
        }
    }
    return 0;
}

int main64(void)
{
    uint32_t int3s = want_int3() ? 4 : 0;
    uint64_t x = 0;

    idt_install();
    serial_puts("gdb guest: 64-bit C running\n");
    for (int i = 0; i < 4; i++) {
        x = add_one(x);
        if (int3s) {
            guest_int3();
        }
    }
    result = counter + x;
    serial_puts(result == 10 ? "result 10\n" : "result wrong\n");
    if (int3s) {
        serial_puts(own_int3s == int3s ? "guest int3 handled 4 times\n"
                                       : "guest int3 count wrong\n");
    }
    serial_puts(gdb_magic == GDB_MAGIC ? "gdb wrote the magic\n"
                                       : "no magic from gdb\n");
    return result == 10 && own_int3s == int3s && gdb_magic == GDB_MAGIC
           ? 0x10 : 0x11;
}
