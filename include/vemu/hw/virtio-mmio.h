/* SPDX-License-Identifier: MIT */
/*
 * virtio-mmio transport, version 2 (hw/virtio/virtio-mmio.c). Each
 * transport owns one "virtio-bus" slot that -device virtio-*-device
 * fills; an empty slot reads DeviceID 0, as in QEMU.
 */
#ifndef VEMU_HW_VIRTIO_MMIO_H
#define VEMU_HW_VIRTIO_MMIO_H

#include "vemu/device.h"
#include "vemu/memory.h"

#define VIRTIO_MMIO_SIZE 0x200

/* DMA goes through dma_as (the system address space on simple boards). */
Device *virtio_mmio_create(MemoryRegion *parent, hwaddr base, IRQ *irq,
                           AddressSpace *dma_as, int index);

#endif
