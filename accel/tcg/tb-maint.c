/* SPDX-License-Identifier: MIT */
/*
 * Translation block bookkeeping: the (pc, flags) hash, per-page TB lists,
 * chaining and unchaining, invalidation, lookup by host pc, state restore.
 * Everything that changes these structures holds tb_lock.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "accel/tcg/internal.h"
#include "vemu/log.h"
#include "vemu/softmmu.h"
#include "vemu/target.h"
#include "vemu/tcg.h"

static pthread_mutex_t tb_mutex = PTHREAD_MUTEX_INITIALIZER;

/* All live TBs, keyed by (pc, flags, cflags). */
/*
 * TBs by (pc, phys_pc, flags, cflags): buckets of chains through
 * hash_next. Writers hold tb_lock; lookups take no lock (after every TLB
 * flush the jump cache is empty and each TB run is looked up here). A TB
 * unlinked from a chain keeps its hash_next and stays allocated until
 * tb_flush, which runs with every vCPU stopped, so a reader walking it
 * meanwhile is safe; readers check `invalid`.
 */
#define TB_HASH_BITS 17
static TranslationBlock *tb_hash[1u << TB_HASH_BITS];
/* Guest page -> first TB with code on it (chained via page_next). */
static GHashTable *page_table;
/* Every TB in code-buffer order (for lookup by host pc). */
static GPtrArray *tb_by_code;

void tb_lock(void)
{
    pthread_mutex_lock(&tb_mutex);
}

void tb_unlock(void)
{
    pthread_mutex_unlock(&tb_mutex);
}

static inline unsigned tb_hash_index(vaddr pc, uint64_t phys_pc,
                                     uint64_t flags, uint32_t cflags)
{
    uint64_t h = pc * 0x9e3779b97f4a7c15ull ^ flags ^
                 ((uint64_t)cflags << 32) ^ (phys_pc << 7);

    h ^= h >> 29;
    h ^= h >> 41;
    return (unsigned)h & ((1u << TB_HASH_BITS) - 1);
}

static TranslationBlock **tb_hash_bucket(const TranslationBlock *tb)
{
    return &tb_hash[tb_hash_index(tb->pc, tb->phys_pc, tb->flags,
                                  tb->cflags)];
}

/* With tb_lock held. */
static void tb_hash_insert(TranslationBlock *tb)
{
    TranslationBlock **b = tb_hash_bucket(tb);

    tb->hash_next = *b;
    __atomic_store_n(b, tb, __ATOMIC_RELEASE);
}

/* With tb_lock held. */
static void tb_hash_remove(TranslationBlock *tb)
{
    TranslationBlock **pp = tb_hash_bucket(tb);

    while (*pp && *pp != tb) {
        pp = &(*pp)->hash_next;
    }
    if (*pp) {
        __atomic_store_n(pp, tb->hash_next, __ATOMIC_RELEASE);
    }
}

void tb_maint_init(void)
{
    page_table = g_hash_table_new(g_int64_hash, g_int64_equal);
    tb_by_code = g_ptr_array_new();
}

/*
 * A TB that runs into a second page is the one for this key only while
 * that page maps as it did (QEMU checks it the same way).
 */
TranslationBlock *tb_htable_lookup(CPUState *cpu, vaddr pc, uint64_t phys_pc,
                                   uint64_t flags, uint32_t cflags)
{
    TranslationBlock *tb = __atomic_load_n(
        &tb_hash[tb_hash_index(pc, phys_pc, flags, cflags)],
        __ATOMIC_ACQUIRE);

    for (; tb; tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE)) {
        if (tb->pc == pc && tb->flags == flags && tb->cflags == cflags &&
            tb->phys_pc == phys_pc &&
            !__atomic_load_n(&tb->invalid, __ATOMIC_ACQUIRE) &&
            (tb->page_addr[1] == (vaddr)-1 || !softmmu_enabled ||
             tb_code_mapped(cpu, tb))) {
            return tb;
        }
    }
    return NULL;
}

static TranslationBlock **page_list_head(vaddr page, bool create)
{
    uint64_t key = page;
    TranslationBlock **head = g_hash_table_lookup(page_table, &key);

    if (!head && create) {
        /* The key lives at the start of the allocation. */
        uint64_t *k = g_malloc0(sizeof(uint64_t) + sizeof(*head));
        *k = page;
        head = (TranslationBlock **)(k + 1);
        g_hash_table_insert(page_table, k, head);
    }
    return head;
}

/* Called with tb_lock held, after the code is generated. */
void tb_link(TranslationBlock *tb)
{
    g_ptr_array_add(tb_by_code, tb);
    if (tb->cflags & CF_NOCACHE) {
        return;
    }
    tb_hash_insert(tb);
    for (int i = 0; i < 2; i++) {
        if (tb->page_addr[i] == (vaddr)-1) {
            continue;
        }
        TranslationBlock **head = page_list_head(tb->page_addr[i], true);
        tb->page_next[i] = *head;
        /* Tag the slot in the low bit so the list knows which next to use. */
        *head = (TranslationBlock *)((uintptr_t)tb | i);
    }
}

static void page_list_remove(TranslationBlock *tb, int n)
{
    TranslationBlock **head = page_list_head(tb->page_addr[n], false);
    TranslationBlock **pp = head;

    while (pp && *pp) {
        uintptr_t tagged = (uintptr_t)*pp;
        TranslationBlock *cur = (TranslationBlock *)(tagged & ~1ul);
        int slot = tagged & 1;

        if (cur == tb && slot == n) {
            *pp = tb->page_next[n];
            return;
        }
        pp = &cur->page_next[slot];
    }
}

static void tb_reset_jump(TranslationBlock *tb, int n)
{
    uintptr_t addr = (uintptr_t)tb->tc_ptr + tb->jmp_reset_offset[n];

    tcg_ctx_backend()->set_jmp_target(tb, n, addr);
}

/* Remove (src, n) from dst's list of incoming jumps. */
static void tb_remove_incoming(TranslationBlock *dst, TranslationBlock *src,
                               int n)
{
    uintptr_t *pp = &dst->jmp_list_head;

    while (*pp) {
        TranslationBlock *cur = (TranslationBlock *)(*pp & ~3ul);
        int slot = *pp & 3;

        if (cur == src && slot == n) {
            *pp = src->jmp_list_next[n];
            return;
        }
        pp = &cur->jmp_list_next[slot];
    }
}

void tb_add_jump(TranslationBlock *src, int n, TranslationBlock *dst)
{
    tb_lock();
    if (!src->invalid && !dst->invalid && !src->jmp_dest[n] &&
        !(src->cflags & CF_NOCACHE) && !(dst->cflags & CF_NOCACHE)) {
        src->jmp_dest[n] = dst;
        src->jmp_list_next[n] = dst->jmp_list_head;
        dst->jmp_list_head = (uintptr_t)src | n;
        tcg_ctx_backend()->set_jmp_target(src, n, (uintptr_t)dst->tc_ptr);
    }
    tb_unlock();
}

static void jmp_cache_forget(TranslationBlock *tb)
{
    uint32_t h = tb_jmp_cache_hash(tb->pc);

    cpu_list_lock();
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        if (__atomic_load_n(&cpu->tb_jmp_cache[h].tb, __ATOMIC_RELAXED) ==
            tb) {
            __atomic_store_n(&cpu->tb_jmp_cache[h].tb, NULL,
                             __ATOMIC_RELAXED);
        }
    }
    cpu_list_unlock();
}

/* Make tb unreachable: called with tb_lock held. */
static void tb_invalidate_locked(TranslationBlock *tb)
{
    if (tb->invalid) {
        return;
    }
    tb->invalid = true;
    tb_hash_remove(tb);
    for (int i = 0; i < 2; i++) {
        if (tb->page_addr[i] != (vaddr)-1) {
            page_list_remove(tb, i);
        }
    }
    jmp_cache_forget(tb);

    /* Jumps into tb fall back to their exit path. */
    while (tb->jmp_list_head) {
        TranslationBlock *src = (TranslationBlock *)(tb->jmp_list_head & ~3ul);
        int n = tb->jmp_list_head & 3;

        tb->jmp_list_head = src->jmp_list_next[n];
        src->jmp_dest[n] = NULL;
        tb_reset_jump(src, n);
    }
    /* And tb no longer appears in its destinations' lists. */
    for (int n = 0; n < 2; n++) {
        if (tb->jmp_dest[n]) {
            tb_remove_incoming(tb->jmp_dest[n], tb, n);
            tb->jmp_dest[n] = NULL;
        }
    }
}

/* Invalidate TBs on pages in [start, end); returns whether `current`
 * (may be NULL) was among them. */
static bool tb_invalidate_range_locked(vaddr start, vaddr end,
                                       TranslationBlock *current)
{
    bool hit_current = false;

    for (vaddr page = start & TARGET_PAGE_MASK; page < end;
         page += TARGET_PAGE_SIZE) {
        TranslationBlock **head = page_list_head(page, false);

        while (head && *head) {
            TranslationBlock *tb =
                (TranslationBlock *)((uintptr_t)*head & ~1ul);
            if (tb == current) {
                hit_current = true;
            }
            tb_invalidate_locked(tb);
        }
        if (page + TARGET_PAGE_SIZE < page) {
            break;  /* wrapped around the top of the address space */
        }
    }
    return hit_current;
}

void tb_invalidate_range(vaddr start, vaddr end)
{
    tb_lock();
    tb_invalidate_range_locked(start, end, NULL);
    tb_unlock();
}

/* The bytes [*lo, *hi) tb's code occupies on ram page `page`. */
static void tb_bytes_on_page(const TranslationBlock *tb, uint64_t page,
                             uint64_t *lo, uint64_t *hi)
{
    uint64_t end = tb->phys_pc + tb->size;

    if (tb->page_addr[0] == page) {
        *lo = tb->phys_pc;
        *hi = MIN(end, page + TARGET_PAGE_SIZE);
    } else {
        /* The tail of a TB that started on the page before. */
        *lo = page;
        *hi = page + (end - (tb->page_addr[0] + TARGET_PAGE_SIZE));
    }
}

/*
 * Pages whose stores keep missing the code on them (code and hot data
 * share the page): after this many, a store drops all the page's TBs
 * and unprotects it, rather than taking the slow path for ever.
 */
#define SMC_MISS_LIMIT 64
#define SMC_MISS_SLOTS 256

static struct {
    uint64_t page;
    uint32_t misses;
} smc_misses[SMC_MISS_SLOTS];

bool tb_invalidate_written(uint64_t page, uint64_t start, uint64_t end,
                           bool *dropped)
{
    TranslationBlock **head;
    bool left = false, hit = false;
    unsigned slot = (page >> TARGET_PAGE_BITS) % SMC_MISS_SLOTS;

    tb_lock();
    head = page_list_head(page, false);
    while (head && *head) {
        TranslationBlock **pp = head;

        /* Walk the list, dropping the TBs the write overlaps. */
        while (*pp) {
            uintptr_t tagged = (uintptr_t)*pp;
            TranslationBlock *tb = (TranslationBlock *)(tagged & ~1ul);
            uint64_t lo, hi;

            tb_bytes_on_page(tb, page, &lo, &hi);
            if (lo < end && start < hi) {
                hit = true;
                tb_invalidate_locked(tb);   /* unlinks it from *pp */
                break;
            }
            left = true;
            pp = &tb->page_next[tagged & 1];
        }
        if (!*pp) {
            break;
        }
        left = false;   /* the list changed: walk it again */
    }
    if (hit && smc_misses[slot].page == page) {
        smc_misses[slot].misses = 0;
    } else if (left && !hit) {
        if (smc_misses[slot].page != page) {
            smc_misses[slot].page = page;
            smc_misses[slot].misses = 0;
        }
        if (++smc_misses[slot].misses > SMC_MISS_LIMIT) {
            tb_invalidate_range_locked(page, page + TARGET_PAGE_SIZE, NULL);
            smc_misses[slot].misses = 0;
            left = false;
        }
    }
    tb_unlock();
    *dropped = hit;
    return left;
}

void tb_exit_if_running_invalid(CPUState *cpu, uintptr_t host_pc)
{
    bool tci = !tcg_ctx_backend()->host_code;
    TranslationBlock *tb = tb_find_by_host_pc(tci ? tci_tb_ptr : host_pc);

    if (!tb || !__atomic_load_n(&tb->invalid, __ATOMIC_ACQUIRE)) {
        return;
    }
    cpu_restore_state(cpu, host_pc + 1);
    cpu->cflags_next_tb = 1 | CF_NOCACHE | CF_NO_GOTO_TB;
    cpu->exception_index = -1;
    cpu_loop_exit(cpu);
}

void tb_exit_if_running_on_page(CPUState *cpu, vaddr page, uintptr_t host_pc)
{
    bool tci = !tcg_ctx_backend()->host_code;
    TranslationBlock *tb = tb_find_by_host_pc(tci ? tci_tb_ptr : host_pc);

    if (!tb || (tb->page_addr[0] != page && tb->page_addr[1] != page)) {
        return;
    }
    cpu_restore_state(cpu, host_pc + 1);
    cpu->cflags_next_tb = 1 | CF_NOCACHE | CF_NO_GOTO_TB;
    cpu->exception_index = -1;
    cpu_loop_exit(cpu);
}

/* Called with every other vCPU stopped (exclusive) or single-threaded. */
void tb_flush_locked(void)
{
    GHashTableIter it;
    gpointer key;

    for (guint i = 0; i < tb_by_code->len; i++) {
        TranslationBlock *tb = g_ptr_array_index(tb_by_code, i);
        g_free(tb->insn_data);
        g_free(tb->insn_end_off);
        g_free(tb->fault_data);
        g_free(tb);
    }
    g_ptr_array_set_size(tb_by_code, 0);
    memset(tb_hash, 0, sizeof(tb_hash));
    g_hash_table_iter_init(&it, page_table);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        g_hash_table_iter_remove(&it);
        g_free(key);
    }
    cpu_list_lock();
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        memset(cpu->tb_jmp_cache, 0,
               sizeof(TBJmpCacheEntry) * TB_JMP_CACHE_SIZE);
    }
    cpu_list_unlock();
    code_buffer_reset();
}

TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc)
{
    TranslationBlock *found = NULL;
    guint lo = 0, hi;

    if (!code_buffer_contains(host_pc)) {
        return NULL;
    }
    tb_lock();
    hi = tb_by_code->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        TranslationBlock *tb = g_ptr_array_index(tb_by_code, mid);
        uintptr_t start = (uintptr_t)tb->tc_ptr;

        if (host_pc < start) {
            hi = mid;
        } else if (host_pc >= start + tb->tc_size) {
            lo = mid + 1;
        } else {
            found = tb;
            break;
        }
    }
    tb_unlock();
    return found;
}

__thread const void *tcg_fault_ucontext;

bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr)
{
    const TCGBackend *be = tcg_ctx_backend();
    bool tci = !be->host_code;
    uintptr_t pos = tci ? tci_tb_ptr : retaddr - 1;
    const void *uc = tcg_fault_ucontext;
    TranslationBlock *tb;
    uintptr_t off;

    /* One use only: a stale context must never reach a later restore. */
    tcg_fault_ucontext = NULL;
    if (tci ? pos == 0 : retaddr == 0) {
        return false;
    }
    tb = tb_find_by_host_pc(pos);
    if (!tb || !tb->icount) {
        return false;
    }
    off = pos - (uintptr_t)tb->tc_ptr;
    if (uc && tb->nb_fault_data && be->restore_fault_regs) {
        /* Guest registers the faulting access still had in host ones. */
        be->restore_fault_regs(tb, off, uc, cpu);
    }
    for (unsigned i = 0; i < tb->icount; i++) {
        if (off < tb->insn_end_off[i]) {
            cpu->target->restore_state_to_opc(cpu, tb, tb->insn_data[i]);
            return true;
        }
    }
    /* Past the last insn (slow paths at the end): the last insn. */
    cpu->target->restore_state_to_opc(cpu, tb,
                                      tb->insn_data[tb->icount - 1]);
    return true;
}
