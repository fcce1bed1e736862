/* SPDX-License-Identifier: MIT */
/* A tiny virtio driver for tests: a test machine, mmio pokes, split rings. */
#ifndef TESTS_UNIT_VIRTIO_VQ_DRIVER_H
#define TESTS_UNIT_VIRTIO_VQ_DRIVER_H

#include <stdint.h>

#include "vemu/device.h"
#include "vemu/memory.h"
#include "vemu/virtio.h"

/* Guest physical layout of the test machine. */
#define T_ROM_BASE   0x7ffff000ull   /* 4 KiB ROM just below RAM */
#define T_RAM_BASE   0x80000000ull
#define T_RAM_SIZE   0x100000ull     /* 1 MiB */
#define T_GUARD_BASE (T_RAM_BASE + T_RAM_SIZE) /* MMIO just above RAM */
#define T_GUARD_SIZE 0x1000ull
#define T_MMIO_BASE  0x10001000ull   /* the transport under test */
#define T_MMIO2_BASE 0x10002000ull   /* an empty transport */

/* Ring placement in RAM (queue size up to 256). */
#define T_DESC   (T_RAM_BASE + 0x0000)
#define T_AVAIL  (T_RAM_BASE + 0x1000)
#define T_USED   (T_RAM_BASE + 0x2000)
#define T_BUF    (T_RAM_BASE + 0x10000)   /* free for test buffers */

#define TM_MAX_QUEUES 4

typedef struct TestMachine {
    MemoryRegion root, ram, rom, guard;
    AddressSpace as;
    Device *mmio, *mmio2;
    IRQ *irq;
    int irq_level;
    unsigned guard_reads, guard_writes;
    Device *dev;               /* the virtio device plugged into mmio */
    VirtIODevice *vdev;
    uint16_t qsize;
    uint16_t next_desc;        /* next free descriptor index */
    uint16_t avail_idx[TM_MAX_QUEUES]; /* driver's shadows of avail->idx */
    uint16_t used_seen;        /* used entries consumed by the test */
} TestMachine;

/* Build the machine; plug a device of type (NULL: none) with props
 * ("key=value" strings, NULL-terminated). */
TestMachine *tm_new(const char *type, const char *const *props);

uint32_t tm_readl(TestMachine *t, unsigned off);
void tm_writel(TestMachine *t, unsigned off, uint32_t val);
uint32_t tm_readl_at(TestMachine *t, uint64_t base, unsigned off);

/* Driver init up to DRIVER_OK; queue 0..nq-1 of qsize, rings of queue q
 * at T_DESC/T_AVAIL/T_USED + q * 0x4000. Returns the status read back. */
uint32_t tm_driver_init(TestMachine *t, uint64_t features, unsigned nq,
                        uint16_t qsize);

/* Guest memory access (through the test address space). */
void tm_mem_write(TestMachine *t, uint64_t addr, const void *buf,
                  size_t len);
void tm_mem_read(TestMachine *t, uint64_t addr, void *buf, size_t len);
uint16_t tm_lduw(TestMachine *t, uint64_t addr);
void tm_stw(TestMachine *t, uint64_t addr, uint16_t v);

/* Write descriptor i of queue q. */
void tm_set_desc(TestMachine *t, unsigned q, unsigned i, uint64_t addr,
                 uint32_t len, uint16_t flags, uint16_t next);
/* Make head available on queue q and kick it (QueueNotify). */
void tm_kick(TestMachine *t, unsigned q, uint16_t head);
/* Publish avail->idx = idx on queue q without adding an entry. */
void tm_set_avail_idx(TestMachine *t, unsigned q, uint16_t idx);
/* Number of used entries published on queue q. */
uint16_t tm_used_idx(TestMachine *t, unsigned q);
/* Used entry n of queue q. */
void tm_used_elem(TestMachine *t, unsigned q, unsigned n, uint32_t *id,
                  uint32_t *len);

/* Chain of buffers: {addr, len, device-writable}. Descriptors are taken
 * from next_desc on; returns the head. */
typedef struct TBuf {
    uint64_t addr;
    uint32_t len;
    bool write;
} TBuf;
uint16_t tm_chain(TestMachine *t, unsigned q, const TBuf *bufs, unsigned n);

#endif
