/* SPDX-License-Identifier: MIT */
/* NS16550A UART: registers, 16-byte receive FIFO, interrupts, loopback. */
#include "vemu/hw/serial.h"

#include <inttypes.h>

#include "vemu/chardev.h"
#include "vemu/log.h"
#include "vemu/timer.h"

#define UART_FIFO_SIZE 16

/* Register numbers (offset >> regshift); DLAB selects DLL/DLM. */
enum UartReg {
    UART_RBR = 0,   /* read, DLAB=0: receive buffer */
    UART_THR = 0,   /* write, DLAB=0: transmit holding */
    UART_DLL = 0,   /* DLAB=1: divisor latch low */
    UART_IER = 1,   /* DLAB=0: interrupt enable */
    UART_DLM = 1,   /* DLAB=1: divisor latch high */
    UART_IIR = 2,   /* read: interrupt identification */
    UART_FCR = 2,   /* write: FIFO control */
    UART_LCR = 3,
    UART_MCR = 4,
    UART_LSR = 5,   /* read-only */
    UART_MSR = 6,   /* read-only */
    UART_SCR = 7,
};

enum {
    IER_RDI = 0x01,     /* received data available */
    IER_THRI = 0x02,    /* transmit holding register empty */
    IER_RLSI = 0x04,    /* receiver line status */
    IER_MSI = 0x08,     /* modem status */

    IIR_NO_INT = 0x01,
    IIR_MSI = 0x00,
    IIR_THRI = 0x02,
    IIR_RDI = 0x04,
    IIR_RLSI = 0x06,
    IIR_CTI = 0x0c,     /* character timeout */
    IIR_FIFO = 0xc0,    /* FIFOs enabled */

    FCR_ENABLE = 0x01,
    FCR_CLEAR_RX = 0x02,
    FCR_CLEAR_TX = 0x04,
    FCR_TRIGGER = 0xc0,

    LCR_WLEN = 0x03,
    LCR_STOP = 0x04,
    LCR_PARITY = 0x08,
    LCR_DLAB = 0x80,

    MCR_DTR = 0x01,
    MCR_RTS = 0x02,
    MCR_OUT1 = 0x04,
    MCR_OUT2 = 0x08,
    MCR_LOOP = 0x10,

    LSR_DR = 0x01,
    LSR_OE = 0x02,
    LSR_PE = 0x04,
    LSR_FE = 0x08,
    LSR_BI = 0x10,
    LSR_THRE = 0x20,
    LSR_TEMT = 0x40,
    LSR_FIFOE = 0x80,
    LSR_ERRORS = LSR_OE | LSR_PE | LSR_FE | LSR_BI,

    MSR_DCTS = 0x01,
    MSR_DDSR = 0x02,
    MSR_TERI = 0x04,
    MSR_DDCD = 0x08,
    MSR_DELTAS = 0x0f,
    MSR_CTS = 0x10,
    MSR_DSR = 0x20,
    MSR_RI = 0x40,
    MSR_DCD = 0x80,
};

typedef struct Serial {
    Device parent;
    MemoryRegion mmio;
    IRQ *irq;
    struct Chardev *chr;        /* property "chardev" */
    uint32_t regshift;
    uint32_t baudbase;
    ChrFrontendHandlers fe;
    Timer *timeout_timer;       /* receive character timeout */

    uint16_t divider;
    uint8_t ier;
    uint8_t fcr;
    uint8_t lcr;
    uint8_t mcr;
    uint8_t lsr;                /* error bits; DR/THRE/TEMT computed */
    uint8_t msr;
    uint8_t scr;
    bool thr_ipending;          /* THRE interrupt not yet acknowledged */
    bool timeout_ipending;

    uint8_t rx_fifo[UART_FIFO_SIZE];
    unsigned rx_head;
    unsigned rx_count;
} Serial;

static bool serial_fifo_on(Serial *s)
{
    return s->fcr & FCR_ENABLE;
}

static unsigned serial_rx_trigger(Serial *s)
{
    static const unsigned levels[4] = { 1, 4, 8, 14 };

    return levels[(s->fcr & FCR_TRIGGER) >> 6];
}

/* What LSR reads as: the sticky error bits plus the live state. */
static uint8_t serial_lsr(Serial *s)
{
    /* Output leaves at once, so the transmitter is always empty. */
    uint8_t lsr = s->lsr | LSR_THRE | LSR_TEMT;

    if (s->rx_count) {
        lsr |= LSR_DR;
    }
    return lsr;
}

/* The highest-priority pending interrupt, as IIR reports it. */
static uint8_t serial_iir(Serial *s)
{
    uint8_t fifo = serial_fifo_on(s) ? IIR_FIFO : 0;
    bool rx_ready = serial_fifo_on(s) ? s->rx_count >= serial_rx_trigger(s)
                                      : s->rx_count > 0;

    if ((s->ier & IER_RLSI) && (s->lsr & LSR_ERRORS)) {
        return IIR_RLSI | fifo;
    }
    if ((s->ier & IER_RDI) && rx_ready) {
        return IIR_RDI | fifo;
    }
    if ((s->ier & IER_RDI) && s->timeout_ipending && s->rx_count) {
        return IIR_CTI | fifo;
    }
    if ((s->ier & IER_THRI) && s->thr_ipending) {
        return IIR_THRI | fifo;
    }
    if ((s->ier & IER_MSI) && (s->msr & MSR_DELTAS)) {
        return IIR_MSI | fifo;
    }
    return IIR_NO_INT | fifo;
}

static void serial_update_irq(Serial *s)
{
    irq_set(s->irq, !(serial_iir(s) & IIR_NO_INT));
}

/* ns for one frame: start bit, data bits, parity, stop bits. */
static int64_t serial_char_ns(Serial *s)
{
    unsigned bits = 1 + 5 + (s->lcr & LCR_WLEN) +
                    ((s->lcr & LCR_PARITY) ? 1 : 0) +
                    ((s->lcr & LCR_STOP) ? 2 : 1);
    uint64_t baud = s->baudbase / (s->divider ? s->divider : 1);

    if (baud == 0) {
        baud = 1;
    }
    return (int64_t)bits * NANOSECONDS_PER_SECOND / (int64_t)baud;
}

/* Restart the timeout: 4 character times without FIFO activity. */
static void serial_arm_timeout(Serial *s)
{
    s->timeout_ipending = false;
    if (serial_fifo_on(s) && s->rx_count) {
        timer_mod_ns(s->timeout_timer, clock_get_ns(CLOCK_VIRTUAL_NS) +
                                           4 * serial_char_ns(s));
    } else {
        timer_del(s->timeout_timer);
    }
}

static void serial_timeout_cb(void *opaque)
{
    Serial *s = opaque;

    if (s->rx_count) {
        s->timeout_ipending = true;
        serial_update_irq(s);
    }
}

static void serial_clear_rx(Serial *s)
{
    s->rx_head = 0;
    s->rx_count = 0;
    s->timeout_ipending = false;
    timer_del(s->timeout_timer);
}

/* One received byte, from the host or from loopback. */
static void serial_rx_byte(Serial *s, uint8_t c)
{
    unsigned cap = serial_fifo_on(s) ? UART_FIFO_SIZE : 1;

    if (s->rx_count >= cap) {
        /* Overrun: the byte is lost; in 16450 mode it replaces RBR. */
        s->lsr |= LSR_OE;
        if (!serial_fifo_on(s)) {
            s->rx_fifo[s->rx_head] = c;
        }
        return;
    }
    s->rx_fifo[(s->rx_head + s->rx_count) % UART_FIFO_SIZE] = c;
    s->rx_count++;
}

static uint8_t serial_rx_pop(Serial *s)
{
    uint8_t c;

    if (!s->rx_count) {
        return 0;
    }
    c = s->rx_fifo[s->rx_head];
    s->rx_head = (s->rx_head + 1) % UART_FIFO_SIZE;
    s->rx_count--;
    return c;
}

/* Modem inputs: from MCR in loopback, else a connected, ready line. */
static void serial_update_msr(Serial *s)
{
    uint8_t lines;
    uint8_t old = s->msr;
    uint8_t changed;

    if (s->mcr & MCR_LOOP) {
        lines = ((s->mcr & MCR_RTS) ? MSR_CTS : 0) |
                ((s->mcr & MCR_DTR) ? MSR_DSR : 0) |
                ((s->mcr & MCR_OUT1) ? MSR_RI : 0) |
                ((s->mcr & MCR_OUT2) ? MSR_DCD : 0);
    } else {
        lines = MSR_DCD | MSR_DSR | MSR_CTS;
    }
    changed = (old ^ lines) & 0xf0;
    s->msr = (old & MSR_DELTAS) | lines;
    if (changed & MSR_CTS) {
        s->msr |= MSR_DCTS;
    }
    if (changed & MSR_DSR) {
        s->msr |= MSR_DDSR;
    }
    if (changed & MSR_DCD) {
        s->msr |= MSR_DDCD;
    }
    if ((changed & MSR_RI) && !(lines & MSR_RI)) {
        s->msr |= MSR_TERI;
    }
}

static void serial_transmit(Serial *s, uint8_t c)
{
    if (s->mcr & MCR_LOOP) {
        serial_rx_byte(s, c);
        serial_arm_timeout(s);
    } else if (s->chr) {
        /* Output with nobody listening is dropped, like a cut line. */
        chr_write(s->chr, &c, 1);
    }
    /* Sent at once: THR is empty again and says so. */
    s->thr_ipending = true;
}

static void serial_write_fcr(Serial *s, uint8_t val)
{
    bool was_on = serial_fifo_on(s);

    if ((val & FCR_ENABLE) != was_on) {
        /* Switching the FIFOs on or off empties them. */
        serial_clear_rx(s);
    }
    if (!(val & FCR_ENABLE)) {
        s->fcr = 0;
        return;
    }
    if (val & FCR_CLEAR_RX) {
        serial_clear_rx(s);
        s->lsr &= ~LSR_FIFOE;
    }
    /* FCR_CLEAR_TX: nothing waits to be sent. */
    s->fcr = val & (FCR_ENABLE | FCR_TRIGGER);
}

static uint64_t serial_read(void *opaque, hwaddr addr, unsigned size)
{
    Serial *s = opaque;
    unsigned reg = addr >> s->regshift;
    uint8_t val;

    if (addr & ((1u << s->regshift) - 1) || reg > UART_SCR) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "serial: bad read of %u bytes at 0x%" PRIx64 "\n",
                      size, addr);
        return 0;
    }
    switch (reg) {
    case UART_RBR:
        if (s->lcr & LCR_DLAB) {
            return s->divider & 0xff;
        }
        val = serial_rx_pop(s);
        serial_arm_timeout(s);
        serial_update_irq(s);
        if (s->chr && !(s->mcr & MCR_LOOP)) {
            chr_accept_input(s->chr);
        }
        return val;
    case UART_IER:
        if (s->lcr & LCR_DLAB) {
            return s->divider >> 8;
        }
        return s->ier;
    case UART_IIR:
        val = serial_iir(s);
        /* Reading IIR acknowledges a THRE interrupt it reports. */
        if ((val & 0x0f) == IIR_THRI) {
            s->thr_ipending = false;
            serial_update_irq(s);
        }
        return val;
    case UART_LCR:
        return s->lcr;
    case UART_MCR:
        return s->mcr;
    case UART_LSR:
        val = serial_lsr(s);
        s->lsr &= ~(LSR_ERRORS | LSR_FIFOE);
        serial_update_irq(s);
        return val;
    case UART_MSR:
        val = s->msr;
        s->msr &= ~MSR_DELTAS;
        serial_update_irq(s);
        return val;
    case UART_SCR:
        return s->scr;
    default:
        return 0;
    }
}

static void serial_write(void *opaque, hwaddr addr, uint64_t val64,
                         unsigned size)
{
    Serial *s = opaque;
    unsigned reg = addr >> s->regshift;
    uint8_t val = val64;
    uint8_t old;

    if (addr & ((1u << s->regshift) - 1) || reg > UART_SCR) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "serial: bad write of %u bytes at 0x%" PRIx64 "\n",
                      size, addr);
        return;
    }
    switch (reg) {
    case UART_THR:
        if (s->lcr & LCR_DLAB) {
            s->divider = (s->divider & 0xff00) | val;
            break;
        }
        serial_transmit(s, val);
        break;
    case UART_IER:
        if (s->lcr & LCR_DLAB) {
            s->divider = (s->divider & 0x00ff) | (val << 8);
            break;
        }
        old = s->ier;
        s->ier = val & 0x0f;
        /* Enabling THRI with THR empty raises the interrupt afresh. */
        if ((s->ier & IER_THRI) && !(old & IER_THRI)) {
            s->thr_ipending = true;
        }
        break;
    case UART_FCR:
        serial_write_fcr(s, val);
        if (s->chr && !(s->mcr & MCR_LOOP)) {
            chr_accept_input(s->chr);
        }
        break;
    case UART_LCR:
        s->lcr = val;
        break;
    case UART_MCR:
        old = s->mcr;
        s->mcr = val & 0x1f;
        serial_update_msr(s);
        if ((old & MCR_LOOP) && !(s->mcr & MCR_LOOP) && s->chr) {
            chr_accept_input(s->chr);
        }
        break;
    case UART_LSR:
    case UART_MSR:
        vemu_log_mask(LOG_GUEST_ERROR,
                      "serial: write 0x%02x to read-only %s\n", val,
                      reg == UART_LSR ? "LSR" : "MSR");
        return;
    case UART_SCR:
        s->scr = val;
        break;
    }
    serial_update_irq(s);
}

static const MemoryRegionOps serial_ops = {
    .read = serial_read,
    .write = serial_write,
    .min_access_size = 1,
    .max_access_size = 8,
};

/* ---- host side -------------------------------------------------------- */

static int serial_can_read(void *opaque)
{
    Serial *s = opaque;

    if (s->mcr & MCR_LOOP) {
        return 0;
    }
    if (serial_fifo_on(s)) {
        return UART_FIFO_SIZE - s->rx_count;
    }
    return s->rx_count ? 0 : 1;
}

static void serial_chr_read(void *opaque, const uint8_t *buf, int len)
{
    Serial *s = opaque;

    if (s->mcr & MCR_LOOP) {
        return;
    }
    for (int i = 0; i < len; i++) {
        serial_rx_byte(s, buf[i]);
    }
    serial_arm_timeout(s);
    serial_update_irq(s);
}

static void serial_chr_event(void *opaque, ChrEvent ev)
{
    Serial *s = opaque;

    if (ev == CHR_EVENT_BREAK && !(s->mcr & MCR_LOOP)) {
        /* A break arrives as a NUL with BI set (Linux's SysRq). */
        serial_rx_byte(s, 0);
        s->lsr |= LSR_BI;
        serial_arm_timeout(s);
        serial_update_irq(s);
    }
}

/* ---- device ----------------------------------------------------------- */

static void serial_reset(Device *dev)
{
    Serial *s = container_of(dev, Serial, parent);

    s->divider = 12;
    s->ier = 0;
    s->fcr = 0;
    s->lcr = 0;
    s->mcr = 0;
    s->lsr = 0;
    s->msr = MSR_DCD | MSR_DSR | MSR_CTS;
    s->scr = 0;
    s->thr_ipending = false;
    serial_clear_rx(s);
    serial_update_irq(s);
    if (s->chr) {
        chr_accept_input(s->chr);
    }
}

static bool serial_realize(Device *dev, GError **errp)
{
    Serial *s = container_of(dev, Serial, parent);

    if (s->regshift > 3) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "serial: regshift %u (0..3 supported)", s->regshift);
        return false;
    }
    s->timeout_timer = timer_new_ns(CLOCK_VIRTUAL_NS, serial_timeout_cb, s);
    memory_region_init_io(&s->mmio, &serial_ops, s, "serial",
                          8u << s->regshift);
    if (s->chr) {
        s->fe = (ChrFrontendHandlers) {
            .can_read = serial_can_read,
            .read = serial_chr_read,
            .event = serial_chr_event,
            .opaque = s,
        };
        chr_add_frontend(s->chr, &s->fe);
    }
    return true;
}

static const Property serial_props[] = {
    DEFINE_PROP("chardev", PROP_CHARDEV, Serial, chr, NULL),
    DEFINE_PROP("regshift", PROP_UINT32, Serial, regshift, "0"),
    DEFINE_PROP("baudbase", PROP_UINT32, Serial, baudbase, "230400"),
    { .name = NULL },
};

static const DeviceClass serial_class = {
    .name = "ns16550a",
    .desc = "NS16550A UART (memory-mapped)",
    .instance_size = sizeof(Serial),
    .props = serial_props,
    .realize = serial_realize,
    .reset = serial_reset,
};

Device *serial_mm_create(MemoryRegion *parent, hwaddr base,
                         unsigned regshift, uint32_t baudbase, IRQ *irq,
                         struct Chardev *chr)
{
    Device *dev = device_new_class(&serial_class);
    Serial *s = container_of(dev, Serial, parent);
    GError *err = NULL;

    s->regshift = regshift;
    s->baudbase = baudbase;
    s->irq = irq;
    s->chr = chr;
    if (!device_realize(dev, &err)) {
        g_error("%s", err->message);
    }
    memory_region_add_subregion(parent, base, &s->mmio);
    return dev;
}

Device *serial_isa_create(MemoryRegion *io, uint16_t port, IRQ *irq,
                          struct Chardev *chr)
{
    /* Port I/O is byte-wide registers at consecutive ports. */
    return serial_mm_create(io, port, 0, SERIAL_ISA_BAUDBASE, irq, chr);
}

static void __attribute__((constructor)) serial_register(void)
{
    device_class_register(&serial_class);
}
