/* SPDX-License-Identifier: MIT */
/* A64 disassembler for -d in_asm (raw words until the decoder hooks). */
#include <stdio.h>

#include "target/arm/internals.h"

int a64_disas_insn(const uint8_t *code, size_t len, uint64_t pc,
                   char *buf, size_t bufsize)
{
    uint32_t insn;

    if (len < 4) {
        return 0;
    }
    insn = code[0] | (code[1] << 8) | (code[2] << 16) |
           ((uint32_t)code[3] << 24);
    snprintf(buf, bufsize, ".inst 0x%08x", insn);
    return 4;
}
