/* SPDX-License-Identifier: MIT */
/* Interfaces shared by the files of target/riscv/ (not seen outside). */
#ifndef TARGET_RISCV_INTERNALS_H
#define TARGET_RISCV_INTERNALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target/riscv/cpu.h"

/*
 * TB flags (TranslationBlock.flags). Bits 0-1 are reserved for the
 * privilege level and bits 2-3 for mstatus.FS once system emulation
 * lands; today they are always 0 (user mode, FPU always on).
 */
enum {
    TB_FLAG_PRIV_MASK = 3,
    TB_FLAG_FS_SHIFT = 2,
    TB_FLAG_FS_MASK = 3 << 2,
    /* frm holds a reserved value: insns with rm=DYN are illegal. */
    TB_FLAG_FRM_INVALID = 1 << 8,
};

/* Misa extension bits. */
#define RVA (1ull << ('A' - 'A'))
#define RVC (1ull << ('C' - 'A'))
#define RVD (1ull << ('D' - 'A'))
#define RVF (1ull << ('F' - 'A'))
#define RVI (1ull << ('I' - 'A'))
#define RVM (1ull << ('M' - 'A'))
#define RVS (1ull << ('S' - 'A'))
#define RVU (1ull << ('U' - 'A'))
#define MISA_RV64 (2ull << 62)

/* translate.c */
void riscv_tcg_init(void);
void riscv_translate(CPUState *cpu, struct TranslationBlock *tb,
                     int max_insns);

/*
 * disas.c: "mnemonic operands" for the insn at code; returns its length
 * (0: too short). With aliases, pseudo-instructions (li, mv, ret...) are
 * used; without, the text is `objdump -M no-aliases`'s.
 */
int riscv_disas_insn(const uint8_t *code, size_t len, uint64_t pc,
                     char *buf, size_t bufsize);
int riscv_disas_insn_opts(const uint8_t *code, size_t len, uint64_t pc,
                          char *buf, size_t bufsize, bool aliases);

/* csr.c */
enum { RISCV_CSR_OK = -1 };
/*
 * Read-modify-write CSR csrno: *old gets the previous value; when
 * `write` is set, the CSR becomes (old & ~mask) | (val & mask). Returns
 * RISCV_CSR_OK or the exception cause (illegal instruction).
 */
int riscv_csr_rmw(CPURISCVState *env, int csrno, uint64_t *old,
                  uint64_t val, uint64_t mask, bool write);
const char *riscv_csr_name(int csrno);

/* op_helper.c: raise exception `excp` from a helper at host ra. */
void riscv_raise_exception(CPURISCVState *env, int excp, uintptr_t ra)
    __attribute__((noreturn));

/* ABI register names, x0..x31 and f0..f31. */
extern const char *const riscv_int_regnames[32];
extern const char *const riscv_fpr_regnames[32];

#endif
