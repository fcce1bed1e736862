/* SPDX-License-Identifier: MIT */
/* Fakes for device tests: a hand-driven clock, harts, chardev, shutdown. */
#ifndef TESTS_UNIT_HW_STUBS_H
#define TESTS_UNIT_HW_STUBS_H

#include <glib.h>

#include "vemu/chardev.h"
#include "vemu/cpu.h"
#include "vemu/device.h"
#include "vemu/main-loop.h"
#include "vemu/memory.h"
#include "vemu/timer.h"

#define STUB_HARTS 4
#define STUB_IRQS 16

/* Clocks only move when the test says so; expired timers then run. */
void stub_clock_set(ClockType type, int64_t ns);
void stub_clock_advance(ClockType type, int64_t ns);

/* Harts whose riscv_cpu_set_irq levels are recorded. */
extern CPUState *stub_harts[STUB_HARTS];
int stub_irq_level(unsigned hart, int irq);
/* How many riscv_cpu_set_irq calls a hart's line has seen. */
unsigned stub_irq_calls(unsigned hart, int irq);
/* The rdtime source the ACLINT installed on a hart (NULL if none). */
uint64_t stub_rdtime(unsigned hart, uint64_t *freq);
bool stub_rdtime_installed(unsigned hart);

/* A chardev that collects output and lets the test type input. */
Chardev *stub_chardev(void);
GString *stub_chardev_output(void);
/* Offer len bytes as the host would: at most can_read() are taken;
 * returns how many were. */
int stub_chardev_input(const uint8_t *buf, int len);
int stub_chardev_can_read(void);
void stub_chardev_event(ChrEvent ev);
unsigned stub_chardev_accept_calls(void);

/* Requests the guest made through a device. */
extern int stub_shutdown_count;
extern ShutdownCause stub_shutdown_cause;
extern int stub_shutdown_status;
extern int stub_reset_count;
extern ShutdownCause stub_reset_cause;
void stub_requests_clear(void);

/* An IRQ line whose level the test reads. */
typedef struct StubLine {
    IRQ *irq;
    int level;
    unsigned changes;
} StubLine;
void stub_line_init(StubLine *line);

/* Capture -d guest_errors output; how many bytes were logged so far. */
void stub_log_capture(void);
size_t stub_log_size(void);

/* A test address space over a fresh root container, and accessors. */
MemoryRegion *stub_root(void);
uint64_t stub_read(hwaddr addr, unsigned size);
void stub_write(hwaddr addr, unsigned size, uint64_t val);
/* The same without asserting success (for accesses that may miss). */
MemTxResult stub_access(hwaddr addr, unsigned size, uint64_t *val,
                        bool is_write);

#endif
