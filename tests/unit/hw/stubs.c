/* SPDX-License-Identifier: MIT */
/* Fakes for device tests: a hand-driven clock, harts, chardev, shutdown. */
#include "stubs.h"

#include <stdio.h>

#include "vemu/log.h"
#include "vemu/riscv.h"

/* ---- clocks and timers ---------------------------------------------- */

struct Timer {
    ClockType type;
    TimerCb cb;
    void *opaque;
    int64_t expire;             /* -1: not pending */
};

static int64_t clocks[CLOCK_COUNT];
static GPtrArray *timers;
void (*timers_notify)(void);

int64_t clock_get_ns(ClockType type)
{
    return clocks[type];
}

Timer *timer_new_ns(ClockType type, TimerCb cb, void *opaque)
{
    Timer *t = g_new0(Timer, 1);

    t->type = type;
    t->cb = cb;
    t->opaque = opaque;
    t->expire = -1;
    if (!timers) {
        timers = g_ptr_array_new();
    }
    g_ptr_array_add(timers, t);
    return t;
}

void timer_free(Timer *t)
{
    if (t) {
        g_ptr_array_remove(timers, t);
        g_free(t);
    }
}

void timer_mod_ns(Timer *t, int64_t expire_ns)
{
    t->expire = expire_ns;
}

void timer_del(Timer *t)
{
    t->expire = -1;
}

bool timer_pending(const Timer *t)
{
    return t->expire >= 0;
}

int64_t timer_expire_time_ns(const Timer *t)
{
    return t->expire;
}

void clock_virtual_stop(void)
{
}

void clock_virtual_start(void)
{
}

/* Run one expired timer at a time, earliest first (callbacks re-arm). */
int64_t timers_run_expired(void)
{
    for (;;) {
        Timer *first = NULL;

        for (guint i = 0; timers && i < timers->len; i++) {
            Timer *t = g_ptr_array_index(timers, i);

            if (t->expire >= 0 && t->expire <= clocks[t->type] &&
                (!first || t->expire < first->expire)) {
                first = t;
            }
        }
        if (!first) {
            return -1;
        }
        first->expire = -1;
        first->cb(first->opaque);
    }
}

void stub_clock_set(ClockType type, int64_t ns)
{
    clocks[type] = ns;
    timers_run_expired();
}

void stub_clock_advance(ClockType type, int64_t ns)
{
    stub_clock_set(type, clocks[type] + ns);
}

/* ---- harts ------------------------------------------------------------ */

static CPUState hart_storage[STUB_HARTS];
CPUState *stub_harts[STUB_HARTS] = {
    &hart_storage[0], &hart_storage[1], &hart_storage[2], &hart_storage[3],
};
static int irq_levels[STUB_HARTS][STUB_IRQS];
static unsigned irq_calls[STUB_HARTS][STUB_IRQS];

static struct {
    uint64_t (*fn)(void *opaque);
    void *opaque;
    uint64_t freq;
} rdtime[STUB_HARTS];

static unsigned hart_index(CPUState *cpu)
{
    unsigned i = cpu - hart_storage;

    g_assert_cmpuint(i, <, STUB_HARTS);
    return i;
}

void riscv_cpu_set_irq(CPUState *cpu, int irq, int level)
{
    g_assert_cmpint(irq, >=, 0);
    g_assert_cmpint(irq, <, STUB_IRQS);
    irq_levels[hart_index(cpu)][irq] = level;
    irq_calls[hart_index(cpu)][irq]++;
}

unsigned stub_irq_calls(unsigned hart, int irq)
{
    return irq_calls[hart][irq];
}

int stub_irq_level(unsigned hart, int irq)
{
    return irq_levels[hart][irq];
}

void riscv_cpu_set_rdtime_fn(CPUState *cpu, uint64_t (*fn)(void *opaque),
                             void *opaque, uint64_t freq)
{
    unsigned i = hart_index(cpu);

    rdtime[i].fn = fn;
    rdtime[i].opaque = opaque;
    rdtime[i].freq = freq;
}

bool stub_rdtime_installed(unsigned hart)
{
    return rdtime[hart].fn != NULL;
}

uint64_t stub_rdtime(unsigned hart, uint64_t *freq)
{
    if (freq) {
        *freq = rdtime[hart].freq;
    }
    return rdtime[hart].fn(rdtime[hart].opaque);
}

/* ---- chardev ---------------------------------------------------------- */

struct Chardev {
    const ChrFrontendHandlers *fe;
    GString *out;
    unsigned accept_calls;
};

static Chardev test_chr;

Chardev *stub_chardev(void)
{
    if (!test_chr.out) {
        test_chr.out = g_string_new(NULL);
    }
    return &test_chr;
}

GString *stub_chardev_output(void)
{
    return stub_chardev()->out;
}

int chr_add_frontend(Chardev *chr, const ChrFrontendHandlers *h)
{
    chr->fe = h;
    return 0;
}

void chr_remove_frontend(Chardev *chr, int handle)
{
    chr->fe = NULL;
}

void chr_accept_input(Chardev *chr)
{
    chr->accept_calls++;
}

int chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    g_string_append_len(chr->out, (const char *)buf, len);
    return len;
}

int stub_chardev_can_read(void)
{
    g_assert_nonnull(test_chr.fe);
    return test_chr.fe->can_read(test_chr.fe->opaque);
}

int stub_chardev_input(const uint8_t *buf, int len)
{
    int n = stub_chardev_can_read();

    if (n > len) {
        n = len;
    }
    if (n > 0) {
        test_chr.fe->read(test_chr.fe->opaque, buf, n);
    }
    return n;
}

void stub_chardev_event(ChrEvent ev)
{
    g_assert_nonnull(test_chr.fe);
    test_chr.fe->event(test_chr.fe->opaque, ev);
}

unsigned stub_chardev_accept_calls(void)
{
    return test_chr.accept_calls;
}

/* ---- run state requests ----------------------------------------------- */

int stub_shutdown_count;
ShutdownCause stub_shutdown_cause;
int stub_shutdown_status;
int stub_reset_count;
ShutdownCause stub_reset_cause;

void system_shutdown_request_status(ShutdownCause cause, int status)
{
    stub_shutdown_count++;
    stub_shutdown_cause = cause;
    stub_shutdown_status = status;
}

void system_shutdown_request(ShutdownCause cause)
{
    system_shutdown_request_status(cause, 0);
}

void system_reset_request(ShutdownCause cause)
{
    stub_reset_count++;
    stub_reset_cause = cause;
}

void stub_requests_clear(void)
{
    stub_shutdown_count = 0;
    stub_shutdown_cause = SHUTDOWN_NONE;
    stub_shutdown_status = -1;
    stub_reset_count = 0;
    stub_reset_cause = SHUTDOWN_NONE;
}

/* ---- IRQ lines -------------------------------------------------------- */

static void stub_line_handler(void *opaque, int n, int level)
{
    StubLine *line = opaque;

    if (line->level != level) {
        line->changes++;
    }
    line->level = level;
}

void stub_line_init(StubLine *line)
{
    line->level = 0;
    line->changes = 0;
    line->irq = irq_new(stub_line_handler, line, 0);
}

/* ---- address space ---------------------------------------------------- */

static GPtrArray *roots;        /* keeps old roots (and devices) reachable */
static AddressSpace *test_as;

MemoryRegion *stub_root(void)
{
    MemoryRegion *root = g_new0(MemoryRegion, 1);

    if (!roots) {
        roots = g_ptr_array_new();
    }
    g_ptr_array_add(roots, root);
    memory_region_init(root, "test-root", UINT64_MAX);
    test_as = g_new0(AddressSpace, 1);
    g_ptr_array_add(roots, test_as);
    address_space_init(test_as, root, "test");
    return root;
}

uint64_t stub_read(hwaddr addr, unsigned size)
{
    MemTxResult res = MEMTX_OK;
    uint64_t v = address_space_ldn_le(test_as, addr, size, &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

void stub_write(hwaddr addr, unsigned size, uint64_t val)
{
    MemTxResult res = MEMTX_OK;

    address_space_stn_le(test_as, addr, size, val, &res);
    g_assert_cmpint(res, ==, MEMTX_OK);
}

/* ---- guest error log -------------------------------------------------- */

static char *log_buf;
static size_t log_len;

void stub_log_capture(void)
{
    if (!vemu_logfile) {
        vemu_logfile = open_memstream(&log_buf, &log_len);
        g_assert_nonnull(vemu_logfile);
    }
    vemu_loglevel |= LOG_GUEST_ERROR;
}

size_t stub_log_size(void)
{
    fflush(vemu_logfile);
    return log_len;
}

MemTxResult stub_access(hwaddr addr, unsigned size, uint64_t *val,
                        bool is_write)
{
    MemTxResult res = MEMTX_OK;

    if (is_write) {
        address_space_stn_le(test_as, addr, size, *val, &res);
    } else {
        *val = address_space_ldn_le(test_as, addr, size, &res);
    }
    return res;
}
