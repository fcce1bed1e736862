/* SPDX-License-Identifier: MIT */
/* ARM PL011 UART: receive FIFO, flags, interrupts, PrimeCell IDs. */
#include "vemu/hw/pl011.h"

#include <inttypes.h>

#include "vemu/chardev.h"
#include "vemu/log.h"
#include "vemu/timer.h"

/* UARTCLK of QEMU's virt board (the apb-pclk node says 24 MHz). */
#define PL011_CLK_HZ 24000000u

enum PL011Reg {
    PL011_DR = 0x00,
    PL011_RSR = 0x04,           /* read: RSR; write: ECR (clear errors) */
    PL011_FR = 0x18,
    PL011_ILPR = 0x20,
    PL011_IBRD = 0x24,
    PL011_FBRD = 0x28,
    PL011_LCR_H = 0x2c,
    PL011_CR = 0x30,
    PL011_IFLS = 0x34,
    PL011_IMSC = 0x38,
    PL011_RIS = 0x3c,
    PL011_MIS = 0x40,
    PL011_ICR = 0x44,
    PL011_DMACR = 0x48,
    PL011_ID_BASE = 0xfe0,      /* 8 ID bytes, one per word, to 0xffc */
};

enum {
    /* DR and RSR error bits (DR has them at << 8). */
    RSR_FE = 1 << 0,
    RSR_PE = 1 << 1,
    RSR_BE = 1 << 2,
    RSR_OE = 1 << 3,

    FR_CTS = 1 << 0,
    FR_DSR = 1 << 1,
    FR_DCD = 1 << 2,
    FR_BUSY = 1 << 3,
    FR_RXFE = 1 << 4,
    FR_TXFF = 1 << 5,
    FR_RXFF = 1 << 6,
    FR_TXFE = 1 << 7,

    LCR_H_BRK = 1 << 1,
    LCR_H_FEN = 1 << 4,

    CR_UARTEN = 1 << 0,
    CR_LBE = 1 << 7,
    CR_TXE = 1 << 8,
    CR_RXE = 1 << 9,

    INT_RI = 1 << 0,
    INT_CTS = 1 << 1,
    INT_DCD = 1 << 2,
    INT_DSR = 1 << 3,
    INT_RX = 1 << 4,
    INT_TX = 1 << 5,
    INT_RT = 1 << 6,
    INT_FE = 1 << 7,
    INT_PE = 1 << 8,
    INT_BE = 1 << 9,
    INT_OE = 1 << 10,
    INT_ALL = 0x7ff,
};

/* PrimeCell peripheral ID 0x00141011 and cell ID 0xb105f00d. */
static const uint8_t pl011_id[8] = {
    0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

typedef struct PL011 {
    Device parent;
    MemoryRegion mmio;
    IRQ *irq;
    struct Chardev *chr;        /* property "chardev" */
    ChrFrontendHandlers fe;
    Timer *rt_timer;            /* receive timeout: 32 bit periods */

    uint32_t rsr;
    uint32_t ibrd;
    uint32_t fbrd;
    uint32_t lcr;
    uint32_t cr;
    uint32_t ifls;
    uint32_t imsc;
    uint32_t ris;
    uint32_t dmacr;
    uint32_t ilpr;

    /* Received characters with their error bits (DR's bits 11:8). */
    uint16_t rx_fifo[PL011_FIFO_DEPTH];
    unsigned rx_head;
    unsigned rx_count;
} PL011;

static unsigned pl011_depth(PL011 *s)
{
    return (s->lcr & LCR_H_FEN) ? PL011_FIFO_DEPTH : 1;
}

/* The RX trigger level: IFLS bits 5:3 pick 1/8 .. 7/8 of the FIFO. */
static unsigned pl011_rx_trigger(PL011 *s)
{
    static const unsigned eighths[8] = { 1, 2, 4, 6, 7, 7, 7, 7 };

    if (!(s->lcr & LCR_H_FEN)) {
        return 1;
    }
    return PL011_FIFO_DEPTH * eighths[(s->ifls >> 3) & 7] / 8;
}

static void pl011_update_irq(PL011 *s)
{
    irq_set(s->irq, (s->ris & s->imsc) != 0);
}

/* ns of 32 bit periods at the programmed baud rate (the RT timeout). */
static int64_t pl011_timeout_ns(PL011 *s)
{
    /* Divisor in 1/64ths: baud = clk / (16 * div64 / 64). */
    uint64_t div64 = (uint64_t)s->ibrd * 64 + (s->fbrd & 0x3f);

    if (div64 == 0) {
        div64 = 64ull * PL011_CLK_HZ / (16 * 115200);
    }
    return (int64_t)(32 * div64 * 16 / 64 * NANOSECONDS_PER_SECOND /
                     PL011_CLK_HZ);
}

static void pl011_rt_cb(void *opaque)
{
    PL011 *s = opaque;

    if (s->rx_count) {
        s->ris |= INT_RT;
        pl011_update_irq(s);
    }
}

static void pl011_arm_timeout(PL011 *s)
{
    if (s->rx_count) {
        timer_mod_ns(s->rt_timer, clock_get_ns(CLOCK_VIRTUAL_NS) +
                                      pl011_timeout_ns(s));
    } else {
        timer_del(s->rt_timer);
    }
}

static void pl011_clear_rx(PL011 *s)
{
    s->rx_head = 0;
    s->rx_count = 0;
    s->ris &= ~(INT_RX | INT_RT);
    timer_del(s->rt_timer);
}

/* One received character (err: RSR bits); overrun drops it. */
static void pl011_rx_char(PL011 *s, uint8_t c, uint32_t err)
{
    if (s->rx_count >= pl011_depth(s)) {
        s->rsr |= RSR_OE;
        s->ris |= INT_OE;
        return;
    }
    s->rx_fifo[(s->rx_head + s->rx_count) % PL011_FIFO_DEPTH] =
        c | (err << 8);
    s->rx_count++;
    if (err & RSR_BE) {
        s->ris |= INT_BE;
    }
    if (s->rx_count >= pl011_rx_trigger(s)) {
        s->ris |= INT_RX;
    }
}

static uint32_t pl011_read_dr(PL011 *s)
{
    uint32_t v;

    if (!s->rx_count) {
        return 0;
    }
    v = s->rx_fifo[s->rx_head];
    s->rx_head = (s->rx_head + 1) % PL011_FIFO_DEPTH;
    s->rx_count--;
    /* RSR shows the errors of the character just read (plus overrun). */
    s->rsr = (s->rsr & RSR_OE) | ((v >> 8) & (RSR_FE | RSR_PE | RSR_BE));
    if (s->rx_count < pl011_rx_trigger(s)) {
        s->ris &= ~INT_RX;
    }
    if (!s->rx_count) {
        s->ris &= ~INT_RT;
    }
    pl011_arm_timeout(s);
    pl011_update_irq(s);
    if (s->chr && !(s->cr & CR_LBE)) {
        chr_accept_input(s->chr);
    }
    return v;
}

static void pl011_write_dr(PL011 *s, uint8_t c)
{
    if (s->cr & CR_LBE) {
        /* Loopback: the transmitter feeds the receiver. */
        pl011_rx_char(s, c, 0);
        pl011_arm_timeout(s);
    } else if (s->chr) {
        chr_write(s->chr, &c, 1);
    }
    /* Sent at once: the TX FIFO is below any trigger level again. */
    s->ris |= INT_TX;
    pl011_update_irq(s);
}

static uint32_t pl011_fr(PL011 *s)
{
    /* No modem lines: CTS, DSR and DCD read as asserted. */
    uint32_t fr = FR_TXFE | FR_CTS | FR_DSR | FR_DCD;

    if (!s->rx_count) {
        fr |= FR_RXFE;
    }
    if (s->rx_count >= pl011_depth(s)) {
        fr |= FR_RXFF;
    }
    return fr;
}

static uint64_t pl011_read(void *opaque, hwaddr addr, unsigned size)
{
    PL011 *s = opaque;

    if (addr >= PL011_ID_BASE && addr < PL011_MMIO_SIZE && !(addr & 3)) {
        return pl011_id[(addr - PL011_ID_BASE) >> 2];
    }
    switch (addr) {
    case PL011_DR:
        return pl011_read_dr(s);
    case PL011_RSR:
        return s->rsr;
    case PL011_FR:
        return pl011_fr(s);
    case PL011_ILPR:
        return s->ilpr;
    case PL011_IBRD:
        return s->ibrd;
    case PL011_FBRD:
        return s->fbrd;
    case PL011_LCR_H:
        return s->lcr;
    case PL011_CR:
        return s->cr;
    case PL011_IFLS:
        return s->ifls;
    case PL011_IMSC:
        return s->imsc;
    case PL011_RIS:
        return s->ris;
    case PL011_MIS:
        return s->ris & s->imsc;
    case PL011_DMACR:
        return s->dmacr;
    default:
        vemu_log_mask(LOG_GUEST_ERROR,
                      "pl011: bad read of %u bytes at 0x%" PRIx64 "\n",
                      size, addr);
        return 0;
    }
}

static void pl011_write(void *opaque, hwaddr addr, uint64_t val64,
                        unsigned size)
{
    PL011 *s = opaque;
    uint32_t val = val64;

    switch (addr) {
    case PL011_DR:
        pl011_write_dr(s, val);
        return;
    case PL011_RSR:
        s->rsr = 0;
        return;
    case PL011_ILPR:
        s->ilpr = val & 0xff;
        return;
    case PL011_IBRD:
        s->ibrd = val & 0xffff;
        return;
    case PL011_FBRD:
        s->fbrd = val & 0x3f;
        return;
    case PL011_LCR_H:
        /* Switching the FIFO on or off flushes it. */
        if ((s->lcr ^ val) & LCR_H_FEN) {
            pl011_clear_rx(s);
            pl011_update_irq(s);
        }
        s->lcr = val & 0xff;
        if (s->chr) {
            chr_accept_input(s->chr);
        }
        return;
    case PL011_CR:
        s->cr = val & 0xff87;
        if (s->chr && !(s->cr & CR_LBE)) {
            chr_accept_input(s->chr);
        }
        return;
    case PL011_IFLS:
        s->ifls = val & 0x3f;
        return;
    case PL011_IMSC:
        s->imsc = val & INT_ALL;
        pl011_update_irq(s);
        return;
    case PL011_ICR:
        s->ris &= ~val;
        pl011_update_irq(s);
        return;
    case PL011_DMACR:
        s->dmacr = val & 7;
        if (val & 3) {
            vemu_log_mask(LOG_UNIMP, "pl011: DMA is not implemented\n");
        }
        return;
    default:
        vemu_log_mask(LOG_GUEST_ERROR,
                      "pl011: bad write of %u bytes at 0x%" PRIx64
                      " (0x%" PRIx64 ")\n", size, addr, val64);
        return;
    }
}

static const MemoryRegionOps pl011_ops = {
    .read = pl011_read,
    .write = pl011_write,
    .min_access_size = 1,
    .max_access_size = 4,
};

/* ---- host side -------------------------------------------------------- */

static int pl011_can_read(void *opaque)
{
    PL011 *s = opaque;

    if (s->cr & CR_LBE) {
        return 0;
    }
    return pl011_depth(s) - s->rx_count;
}

static void pl011_chr_read(void *opaque, const uint8_t *buf, int len)
{
    PL011 *s = opaque;

    if (s->cr & CR_LBE) {
        return;
    }
    for (int i = 0; i < len; i++) {
        pl011_rx_char(s, buf[i], 0);
    }
    pl011_arm_timeout(s);
    pl011_update_irq(s);
}

static void pl011_chr_event(void *opaque, ChrEvent ev)
{
    PL011 *s = opaque;

    if (ev == CHR_EVENT_BREAK && !(s->cr & CR_LBE)) {
        /* A break arrives as a NUL with BE set (Linux's SysRq). */
        pl011_rx_char(s, 0, RSR_BE);
        pl011_arm_timeout(s);
        pl011_update_irq(s);
    }
}

/* ---- device ----------------------------------------------------------- */

static void pl011_reset(Device *dev)
{
    PL011 *s = container_of(dev, PL011, parent);

    s->rsr = 0;
    s->ibrd = 0;
    s->fbrd = 0;
    s->lcr = 0;
    s->cr = CR_RXE | CR_TXE;
    s->ifls = 0x12;
    s->imsc = 0;
    s->ris = 0;
    s->dmacr = 0;
    s->ilpr = 0;
    pl011_clear_rx(s);
    pl011_update_irq(s);
    if (s->chr) {
        chr_accept_input(s->chr);
    }
}

static bool pl011_realize(Device *dev, GError **errp)
{
    PL011 *s = container_of(dev, PL011, parent);

    s->rt_timer = timer_new_ns(CLOCK_VIRTUAL_NS, pl011_rt_cb, s);
    memory_region_init_io(&s->mmio, &pl011_ops, s, "pl011",
                          PL011_MMIO_SIZE);
    if (s->chr) {
        s->fe = (ChrFrontendHandlers) {
            .can_read = pl011_can_read,
            .read = pl011_chr_read,
            .event = pl011_chr_event,
            .opaque = s,
        };
        chr_add_frontend(s->chr, &s->fe);
    }
    return true;
}

static const Property pl011_props[] = {
    DEFINE_PROP("chardev", PROP_CHARDEV, PL011, chr, NULL),
    { .name = NULL },
};

static const DeviceClass pl011_class = {
    .name = "pl011",
    .desc = "ARM PrimeCell PL011 UART",
    .instance_size = sizeof(PL011),
    .props = pl011_props,
    .realize = pl011_realize,
    .reset = pl011_reset,
};

Device *pl011_create(MemoryRegion *parent, hwaddr base, IRQ *irq,
                     struct Chardev *chr)
{
    Device *dev = device_new_class(&pl011_class);
    PL011 *s = container_of(dev, PL011, parent);
    GError *err = NULL;

    s->irq = irq;
    s->chr = chr;
    if (!device_realize(dev, &err)) {
        g_error("%s", err->message);
    }
    memory_region_add_subregion(parent, base, &s->mmio);
    return dev;
}

static void __attribute__((constructor)) pl011_register(void)
{
    device_class_register(&pl011_class);
}
