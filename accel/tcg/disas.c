/* SPDX-License-Identifier: MIT */
/* Disassembly for -d in_asm (target's disassembler) and out_asm (capstone). */
#include <inttypes.h>
#include <string.h>

#include <capstone/capstone.h>
#include <glib.h>

#include "accel/tcg/internal.h"
#include "vemu/target.h"

void disas_host_code(FILE *f, const void *code, size_t size)
{
#if defined(__x86_64__)
    csh handle;
    cs_insn *insn;
    size_t count;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
        fprintf(f, "  (capstone unavailable)\n");
        return;
    }
    count = cs_disasm(handle, code, size, (uint64_t)(uintptr_t)code, 0,
                      &insn);
    for (size_t i = 0; i < count; i++) {
        fprintf(f, "  0x%016" PRIx64 ":  %-8s %s\n", insn[i].address,
                insn[i].mnemonic, insn[i].op_str);
    }
    if (count) {
        cs_free(insn, count);
    }
    cs_close(&handle);
#else
    fprintf(f, "  (no host disassembler)\n");
#endif
}

/* Print one guest insn at pc; returns its length (1 if undecodable). */
int disas_guest_insn(FILE *f, CPUState *cpu, vaddr pc, unsigned max)
{
    const TargetInfo *t = cpu->target;
    uint8_t buf[16] = { 0 };
    char text[128];
    unsigned avail = MIN(max, sizeof(buf));
    char hex[40] = "";
    int len;

    if (!translator_fetch(cpu, pc, buf, avail)) {
        fprintf(f, "0x%016" PRIx64 ":  (not readable)\n", pc);
        return 0;
    }
    len = t->disas_insn ? t->disas_insn(buf, avail, pc, text, sizeof(text))
                        : 0;
    if (len <= 0) {
        fprintf(f, "0x%016" PRIx64 ":  .byte 0x%02x\n", pc, buf[0]);
        return 1;
    }
    for (int i = 0; i < len && i < 8; i++) {
        snprintf(hex + strlen(hex), sizeof(hex) - strlen(hex), "%02x",
                 buf[len - 1 - i]);
    }
    fprintf(f, "0x%016" PRIx64 ":  %-16s %s\n", pc, hex, text);
    return len;
}
