/* SPDX-License-Identifier: MIT */
/* Memory operation descriptors shared by frontends, the IR and backends. */
#ifndef VEMU_MEMOP_H
#define VEMU_MEMOP_H

#include <stdint.h>

typedef enum MemOp {
    MO_8 = 0,
    MO_16 = 1,
    MO_32 = 2,
    MO_64 = 3,
    MO_SIZE = 3,        /* mask of the size field: access is 1 << size bytes */
    MO_SIGN = 4,        /* sign-extend the loaded value */
    MO_ALIGN = 8,       /* fault unless naturally aligned */

    MO_UB = MO_8,
    MO_UW = MO_16,
    MO_UL = MO_32,
    MO_UQ = MO_64,
    MO_SB = MO_8 | MO_SIGN,
    MO_SW = MO_16 | MO_SIGN,
    MO_SL = MO_32 | MO_SIGN,
    MO_SQ = MO_64 | MO_SIGN,
} MemOp;

/* A MemOp and an MMU index packed into one IR constant. */
typedef uint32_t MemOpIdx;

static inline MemOpIdx make_memop_idx(MemOp op, unsigned mmu_idx)
{
    return ((uint32_t)op << 4) | (mmu_idx & 15);
}

static inline MemOp get_memop(MemOpIdx oi)
{
    return (MemOp)(oi >> 4);
}

static inline unsigned get_mmuidx(MemOpIdx oi)
{
    return oi & 15;
}

static inline unsigned memop_size(MemOp op)
{
    return 1u << (op & MO_SIZE);
}

#endif
