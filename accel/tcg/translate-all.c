/* SPDX-License-Identifier: MIT */
/*
 * The code buffer, backend selection, and turning guest code into a TB:
 * frontend -> optimizer -> liveness -> backend, with -d logging.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "accel/tcg/internal.h"
#include "vemu/host-mem.h"
#include "vemu/log.h"
#include "vemu/softmmu.h"
#include "vemu/target.h"
#include "vemu/tcg.h"

static const TCGBackend *backend;
static uint8_t *code_buf;
static size_t code_size;
static size_t code_used;    /* protected by tb_lock */
static uint64_t tbs_generated, code_flushes;   /* for "info jit" */

/* Leave room so that one more TB always has a chance to fit. */
#define CODE_BUFFER_DEFAULT (512u << 20)
#define TB_CODE_ALIGN 16

const TCGBackend *tcg_ctx_backend(void)
{
    return backend;
}

const char *tcg_backend_name(void)
{
    return backend ? backend->name : "none";
}

bool code_buffer_contains(uintptr_t addr)
{
    return addr >= (uintptr_t)code_buf &&
           addr < (uintptr_t)code_buf + code_size;
}

void code_buffer_reset(void)
{
    code_used = 0;
    code_flushes++;
}

void tcg_jit_stats(TcgJitStats *st)
{
    st->code_used = __atomic_load_n(&code_used, __ATOMIC_RELAXED);
    st->code_size = code_size;
    st->tbs_generated = __atomic_load_n(&tbs_generated, __ATOMIC_RELAXED);
    st->flushes = __atomic_load_n(&code_flushes, __ATOMIC_RELAXED);
}

bool tcg_exec_init(const char *backend_name, size_t buffer_size,
                   char **errmsg)
{
    const TCGBackend *be;
    int prot = PROT_READ | PROT_WRITE;

    if (backend) {
        return true;
    }
    if (!backend_name || !strcmp(backend_name, "native")) {
#if defined(__x86_64__)
        be = &tcg_backend_x86_64;
#else
        be = &tcg_backend_tci;
#endif
    } else if (!strcmp(backend_name, "interp") ||
               !strcmp(backend_name, "tci")) {
        be = &tcg_backend_tci;
    } else {
        *errmsg = g_strdup_printf("unknown TCG backend '%s' (use native "
                                  "or interp)", backend_name);
        return false;
    }
    if (be->host_code) {
        prot |= PROT_EXEC;
    }
    code_size = buffer_size ? buffer_size : CODE_BUFFER_DEFAULT;
    code_buf = host_mmap_big(code_size, prot);
    if (code_buf == MAP_FAILED) {
        *errmsg = g_strdup_printf("cannot allocate the %zu MiB code "
                                  "buffer: %s", code_size >> 20,
                                  strerror(errno));
        code_buf = NULL;
        return false;
    }
    backend = be;
    if (be->init) {
        be->init();
    }
    tb_maint_init();
    return true;
}

/* Collect each insn_start's data words, in order, before the passes. */
static int collect_insn_data(TCGContext *s, uint64_t (*data)[2], int max)
{
    int n = 0;

    for (int i = 0; i < s->nb_ops && n < max; i++) {
        if (s->ops[i].opc == INDEX_op_insn_start) {
            data[n][0] = s->ops[i].args[0];
            data[n][1] = s->ops[i].args[1];
            n++;
        }
    }
    return n;
}

static void log_tb_ir(TCGContext *s, const char *title, bool liveness)
{
    vemu_log_lock();
    FILE *f = vemu_logfile ? vemu_logfile : stderr;
    fprintf(f, "%s:\n", title);
    tcg_dump_ops(s, f, liveness);
    fprintf(f, "\n");
    vemu_log_unlock();
}

static void log_tb_code(CPUState *cpu, TranslationBlock *tb, bool in_asm,
                        bool out_asm)
{
    vemu_log_lock();
    FILE *f = vemu_logfile ? vemu_logfile : stderr;
    if (in_asm) {
        fprintf(f, "IN: \n");
        /* Insn by insn: a TB may skip bytes (followed jumps). */
        for (unsigned i = 0; i < tb->icount; i++) {
            disas_guest_insn(f, cpu, tb->insn_data[i][0], 16);
        }
        fprintf(f, "\n");
    }
    if (out_asm) {
        fprintf(f, "OUT: [size=%u]\n", tb->tc_size);
        if (backend->host_code) {
            disas_host_code(f, tb->tc_ptr, tb->tc_size);
        } else {
            fprintf(f, "  (%u bytes of TCI bytecode at %p)\n", tb->tc_size,
                    tb->tc_ptr);
        }
        fprintf(f, "\n");
    }
    vemu_log_unlock();
}

/*
 * Out of code space: stop every other vCPU, drop all TBs, and restart the
 * lookup from cpu_exec (the caller's TB pointers are stale now).
 */
static void tb_flush_and_restart(CPUState *cpu)
{
    tb_unlock();
    cpu_exec_end(cpu);
    start_exclusive();
    tb_lock();
    tb_flush_locked();
    tb_unlock();
    end_exclusive();
    cpu_exec_start(cpu);
    cpu->exception_index = -1;
    cpu_loop_exit(cpu);
}

void tb_flush(CPUState *cpu)
{
    start_exclusive();
    tb_lock();
    tb_flush_locked();
    tb_unlock();
    end_exclusive();
}

/*
 * The TB being translated by this thread: freed by cpu_exec if a fetch
 * fault leaves the translator (tb_gen_code_abandoned).
 */
static __thread TranslationBlock *tb_in_translation;

void tb_gen_code_abandoned(void)
{
    g_free(tb_in_translation);
    tb_in_translation = NULL;
}

TranslationBlock *tb_gen_code(CPUState *cpu, vaddr pc, uint64_t phys_pc,
                              uint64_t flags, uint32_t cflags)
{
    static __thread uint64_t insn_data[TCG_MAX_INSNS][2];
    TCGContext *s;
    TranslationBlock *tb;
    int max_insns = cflags & CF_COUNT_MASK;
    int icount, size;

    if (!tcg_ctx) {
        tcg_ctx = tcg_context_new();
        tcg_ctx->backend = backend;
    }
    s = tcg_ctx;
    if (!max_insns) {
        max_insns = 256;
    }
    if (cpu->singlestep) {
        max_insns = 1;
    }

    if (!(cflags & CF_NOCACHE)) {
        /* Another thread may have translated it while we looked. */
        tb = tb_htable_lookup(cpu, pc, phys_pc, flags, cflags);
        if (tb && !tb->invalid) {
            return tb;
        }
    }
    tb = g_new0(TranslationBlock, 1);
    tb->pc = pc;
    tb->phys_pc = phys_pc;
    tb->flags = flags;
    tb->cflags = cflags;
    tb->page_addr[0] = tb->page_addr[1] = (vaddr)-1;

    /*
     * Translation is per thread (tcg_ctx) and may raise a fetch fault in
     * system mode: take the lock only for the code buffer and the tables.
     */
    tcg_func_start(s);
    s->tb = tb;
    tb_in_translation = tb;
    cpu->target->translate(cpu, tb, max_insns);
    tb_in_translation = NULL;
    icount = collect_insn_data(s, insn_data, TCG_MAX_INSNS);

    if (vemu_log_enabled(LOG_OP)) {
        log_tb_ir(s, "OP", false);
    }
    tcg_optimize(s);
    tcg_liveness_analysis(s);
    if (vemu_log_enabled(LOG_OP_OPT)) {
        log_tb_ir(s, "OP after optimization and liveness analysis", true);
    }

    /* Only the code buffer and the tables are shared. */
    tb_lock();
    code_used = (code_used + TB_CODE_ALIGN - 1) & ~(size_t)(TB_CODE_ALIGN - 1);
    s->nb_insns = 0;
    s->nb_fault_data = 0;
    size = code_used < code_size
               ? backend->gen_code(s, tb, code_buf + code_used,
                                   code_size - code_used)
               : -1;
    if (size < 0) {
        g_free(tb);
        if (code_used == 0) {
            fprintf(stderr, "vemu: a single block does not fit in the "
                            "code buffer\n");
            exit(1);
        }
        tb_flush_and_restart(cpu);
    }
    tb->tc_ptr = code_buf + code_used;
    tb->tc_size = size;
    code_used += size;
    tbs_generated++;

    if (!tb->icount) {
        tb->icount = icount;
    }
    tb->icount = MIN(tb->icount, icount);
    tb->insn_data = g_memdup2(insn_data, sizeof(insn_data[0]) * icount);
    tb->insn_end_off = g_memdup2(s->insn_end_off,
                                 sizeof(uint32_t) * icount);
    if (s->nb_fault_data) {
        tb->fault_data = g_memdup2(s->fault_data,
                                   sizeof(uint32_t) * s->nb_fault_data);
        tb->nb_fault_data = s->nb_fault_data;
    }
    tb_link(tb);
    tb_unlock();

    if (!(cflags & CF_NOCACHE)) {
        for (int i = 0; i < 2; i++) {
            if (tb->page_addr[i] == (vaddr)-1) {
                continue;
            }
            if (softmmu_enabled) {
                tlb_protect_code(tb->page_addr[i]);
            } else {
                page_protect_for_code(tb->page_addr[i]);
            }
        }
    }
    if (vemu_log_enabled(LOG_IN_ASM | LOG_OUT_ASM)) {
        log_tb_code(cpu, tb, vemu_log_enabled(LOG_IN_ASM),
                    vemu_log_enabled(LOG_OUT_ASM));
    }
    return tb;
}
