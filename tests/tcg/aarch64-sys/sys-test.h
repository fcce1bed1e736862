/* SPDX-License-Identifier: MIT */
/* Shared by the bare-metal aarch64 tests: console, checks, exceptions. */
#ifndef SYS_TEST_H
#define SYS_TEST_H

#include <stdint.h>

#define UART_BASE 0x09000000ul
#define GICD_BASE 0x08000000ul
#define GICC_BASE 0x08010000ul
#define GICR_BASE 0x080a0000ul

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0xc4000003u
#define PSCI_AFFINITY_INFO 0xc4000004u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_FEATURES 0x8400000au

/* What handle_exception saw last (vector index 0..15, ESR, FAR, ELR). */
struct exc_record {
    volatile int count;
    volatile int type;
    volatile uint64_t esr, far, elr, spsr;
};
extern struct exc_record last_exc;

struct frame {
    uint64_t x[31];
    uint64_t elr;
    uint64_t spsr;
    uint64_t pad;
};

/* Called for each exception; returns 0 to get the default (skip the
 * insn for sync exceptions). */
extern int (*exc_hook)(struct frame *f, int type);

void puts_(const char *s);
void put_hex(uint64_t v);
void check_(int ok, int line, const char *what);
#define CHECK(c) check_((c) != 0, __LINE__, #c)
int test_failures(void);

uint64_t psci(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
void test_exit(void) __attribute__((noreturn));

#define read_sysreg(r) ({ uint64_t v_; \
    __asm__ volatile("mrs %0, " #r : "=r"(v_)); v_; })
#define write_sysreg(r, v) do { uint64_t v_ = (v); \
    __asm__ volatile("msr " #r ", %0" : : "r"(v_)); } while (0)
#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb() __asm__ volatile("dsb sy" ::: "memory")

static inline uint32_t mmio_read32(uint64_t a)
{
    return *(volatile uint32_t *)a;
}

static inline void mmio_write32(uint64_t a, uint32_t v)
{
    *(volatile uint32_t *)a = v;
}

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)

#endif
