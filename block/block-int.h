/* SPDX-License-Identifier: MIT */
/* Inside the block layer: the BlockBackend struct and its registry. */
#ifndef VEMU_BLOCK_INT_H
#define VEMU_BLOCK_INT_H

#include "vemu/block.h"

/* The copy-on-write overlay of snapshot=on: an unlinked temp file with
 * the disk's size, and a bit per cluster saying it holds the data. */
#define OVERLAY_CLUSTER 4096u

typedef struct Overlay {
    int fd;
    uint8_t *map;
    uint64_t nclusters;
} Overlay;

struct BlockBackend {
    char *id;                 /* NULL until registered */
    BlockDriverState bs;
    int flags;                /* BLK_O_* */
    bool probed;              /* format guessed: protect sector 0 */
    int64_t size;
    Overlay *overlay;         /* snapshot=on */
    BlockInterfaceType iface;
    void *dev;
};

/* Register under id (unique, checked by the caller). */
void blk_register(BlockBackend *blk, const char *id,
                  BlockInterfaceType iface);
/* Turn on snapshot=on for an open backend; -errno on failure. */
int blk_enable_snapshot(BlockBackend *blk, GError **errp);

#endif
