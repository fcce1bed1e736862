/* SPDX-License-Identifier: MIT */
/* IRQ lines: a handler, its opaque pointer and the line's number. */
#include "vemu/device.h"

IRQ *irq_new(IRQHandler handler, void *opaque, int n)
{
    IRQ *irq = g_new0(IRQ, 1);

    irq->handler = handler;
    irq->opaque = opaque;
    irq->n = n;
    return irq;
}

IRQ **irq_new_array(IRQHandler handler, void *opaque, int count)
{
    IRQ **lines = g_new0(IRQ *, count > 0 ? count : 1);

    for (int i = 0; i < count; i++) {
        lines[i] = irq_new(handler, opaque, i);
    }
    return lines;
}

void irq_free(IRQ *irq)
{
    g_free(irq);
}

void irq_set(IRQ *irq, int level)
{
    if (irq && irq->handler) {
        irq->handler(irq->opaque, irq->n, level);
    }
}
