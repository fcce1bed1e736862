/* SPDX-License-Identifier: MIT */
/* Interfaces shared by the files of target/riscv/ (not seen outside). */
#ifndef TARGET_RISCV_INTERNALS_H
#define TARGET_RISCV_INTERNALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target/riscv/cpu.h"

/*
 * TB flags (TranslationBlock.flags): everything translated code depends
 * on beyond pc. Privilege (for ecall, mret/sret/wfi/sfence.vma checks),
 * mstatus.FS (FP insns illegal when Off; marking it Dirty once per TB),
 * the MMU index of loads and stores (MPRV/MPP and SUM folded in), and a
 * reserved frm. User mode: priv U, FS Dirty, MMU index 0.
 */
enum {
    TB_FLAG_PRIV_MASK = 3,
    TB_FLAG_FS_SHIFT = 2,
    TB_FLAG_FS_MASK = 3 << 2,
    TB_FLAG_MEM_IDX_SHIFT = 4,
    TB_FLAG_MEM_IDX_MASK = 7 << 4,
    /* frm holds a reserved value: insns with rm=DYN are illegal. */
    TB_FLAG_FRM_INVALID = 1 << 8,
};

/*
 * MMU indexes: the privilege of the access, plus one for S-mode with
 * mstatus.SUM set (it may touch U pages). Fetches use the plain
 * privilege. mstatus.MXR changes flush the TLB instead.
 */
enum {
    RISCV_MMU_IDX_U = 0,
    RISCV_MMU_IDX_S = 1,
    RISCV_MMU_IDX_S_SUM = 2,
    RISCV_MMU_IDX_M = 3,
    RISCV_NB_MMU_MODES = 4,
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

/* gdbstub.c: registers in gdb's numbering, and the target XML. */
int riscv_gdb_read_register(CPUState *cpu, GByteArray *buf, int n);
int riscv_gdb_write_register(CPUState *cpu, const uint8_t *buf, int n);
const char *riscv_gdb_get_xml(CPUState *cpu, const char *name);
#define RISCV_GDB_NUM_REGS 90

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

/*
 * What the privileged architecture needs from the system emulator (TLB,
 * interrupts, timers, guest physical memory), reached through env->sys so
 * that this directory links into vemu-user without the system core.
 * cpu_sys.c has the real table; unit tests plug in fakes.
 */
typedef struct RISCVSysOps {
    void (*tlb_flush)(CPUState *cpu);
    void (*tlb_flush_page)(CPUState *cpu, uint64_t vaddr);
    void (*tlb_set_page)(CPUState *cpu, uint64_t va, uint64_t pa, int prot,
                         int mmu_idx, uint64_t size);
    void *(*probe_access)(CPUState *cpu, uint64_t addr, unsigned size,
                          int access, int mmu_idx, uintptr_t ra);
    /* The pending-and-enabled set may have changed: (re)raise or drop
     * CPU_INTERRUPT_HARD. */
    void (*irq_changed)(CPUState *cpu);
    /* stimecmp or menvcfg.STCE changed: re-arm the Sstc timer. */
    void (*stimecmp_changed)(CPUState *cpu);
    /* Page walker accesses (physical, little-endian, 8 bytes). */
    bool (*pte_load)(CPUState *cpu, uint64_t pa, uint64_t *val);
    /* Atomically replace old by new: 0 done, 1 memory differs, -1 the
     * address is not RAM. */
    int (*pte_cas)(CPUState *cpu, uint64_t pa, uint64_t old, uint64_t new);
} RISCVSysOps;

/* cpu.c */
int riscv_cpu_mmu_index(CPUState *cpu, bool ifetch);
uint64_t riscv_cpu_get_tb_flags(CPURISCVState *env);

/* trap.c: interrupts and trap entry/return. */
/* The interrupt to take now (cause), or -1. */
int riscv_pending_interrupt(CPURISCVState *env);
/* Recompute mip's software/derived bits and tell the accelerator. */
void riscv_mip_update(CPURISCVState *env, uint64_t mask, uint64_t value);
void riscv_irq_changed(CPURISCVState *env);
/* Sstc: STIP from time >= stimecmp (when menvcfg.STCE); rearm: also
 * (re)arm the wake-up timer (after stimecmp/menvcfg writes). */
void riscv_sstc_update(CPURISCVState *env, bool rearm);
uint64_t riscv_read_time(CPURISCVState *env);
void riscv_cpu_do_interrupt(CPUState *cpu);
bool riscv_cpu_exec_interrupt(CPUState *cpu, int interrupt_request);
bool riscv_cpu_has_work(CPUState *cpu);
/* Move to priv (trap entry/return); keeps TLB state right. */
void riscv_set_priv(CPURISCVState *env, unsigned priv);

/* mmu.c: the page walk and PMP. */
enum {
    RISCV_TRANSLATE_OK = 0,
    RISCV_TRANSLATE_PAGE_FAULT,
    RISCV_TRANSLATE_ACCESS_FAULT,   /* PMP or a PTE outside memory */
};
/*
 * Translate va for a size-byte access (MMU_DATA_LOAD/STORE/INST_FETCH)
 * in MMU index mmu_idx: physical address, PAGE_* rights for the page,
 * and the size of the leaf (4K or a superpage). update_ad false is a
 * debugger's probe: no A/D updates, no permission or PMP checks.
 */
int riscv_translate_addr(CPURISCVState *env, uint64_t va, int size,
                         int access, int mmu_idx, bool update_ad,
                         uint64_t *pa, int *prot, uint64_t *page_size);
bool riscv_cpu_tlb_fill(CPUState *cpu, uint64_t addr, int size,
                        int access_type, int mmu_idx, bool probe,
                        uintptr_t ra);
uint64_t riscv_cpu_get_phys_page_debug(CPUState *cpu, uint64_t addr);
void riscv_cpu_do_unaligned_access(CPUState *cpu, uint64_t addr,
                                   int access_type, int mmu_idx,
                                   uintptr_t ra) __attribute__((noreturn));
void riscv_cpu_do_transaction_failed(CPUState *cpu, uint64_t phys,
                                     uint64_t addr, int size,
                                     int access_type, int mmu_idx,
                                     uintptr_t ra);
/*
 * PMP: may privilege priv access [addr, addr + size)? *prot gets the
 * PAGE_* rights of the matching entry (all for an M-mode match-less
 * access).
 */
bool riscv_pmp_check(CPURISCVState *env, uint64_t addr, uint64_t size,
                     int access, unsigned priv, int *prot);
/* pmpcfg/pmpaddr CSR writes (lock rules, WARL fields). */
void riscv_pmpcfg_write(CPURISCVState *env, unsigned index, uint64_t val);
uint64_t riscv_pmpcfg_read(CPURISCVState *env, unsigned index);
void riscv_pmpaddr_write(CPURISCVState *env, unsigned index, uint64_t val);

/* ABI register names, x0..x31 and f0..f31. */
extern const char *const riscv_int_regnames[32];
extern const char *const riscv_fpr_regnames[32];

#endif
