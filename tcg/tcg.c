/* SPDX-License-Identifier: MIT */
/* TCG core: opcode table, conditions, contexts, temps, labels and ops. */
#include <pthread.h>
#include <string.h>

#include <glib.h>

#include "vemu/tcg.h"

/* User-mode guest memory window (set by linux-user before running). */
uintptr_t guest_base;
/* System emulation (vemu/softmmu.h); false in vemu-user. */
bool softmmu_enabled;
unsigned guest_addr_bits = 47;

/* Set by the native backend's init(); stays NULL with TCI. */
const void *tcg_code_gen_epilogue;

__thread TCGContext *tcg_ctx;

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, oa, ia, ca, fl)                                               \
    [INDEX_op_##n] = { #n, oa, ia, ca, fl },
#include "vemu/tcg-opc.h"
#undef DEF
};

/* Context holding env and the target's globals; copied per thread. */
static TCGContext *tcg_prototype;

/* Soft limits after which tcg_op_buf_full() asks to end the TB. */
#define TCG_OPS_SOFT_LIMIT 8000
#define TCG_TEMPS_SOFT_MARGIN 160
#define TCG_LABELS_SOFT_MARGIN 40

TCGCond tcg_invert_cond(TCGCond c)
{
    static const TCGCond inv[] = {
        [TCG_COND_NEVER] = TCG_COND_ALWAYS,
        [TCG_COND_ALWAYS] = TCG_COND_NEVER,
        [TCG_COND_EQ] = TCG_COND_NE,
        [TCG_COND_NE] = TCG_COND_EQ,
        [TCG_COND_LT] = TCG_COND_GE,
        [TCG_COND_GE] = TCG_COND_LT,
        [TCG_COND_LE] = TCG_COND_GT,
        [TCG_COND_GT] = TCG_COND_LE,
        [TCG_COND_LTU] = TCG_COND_GEU,
        [TCG_COND_GEU] = TCG_COND_LTU,
        [TCG_COND_LEU] = TCG_COND_GTU,
        [TCG_COND_GTU] = TCG_COND_LEU,
    };
    return inv[c];
}

TCGCond tcg_swap_cond(TCGCond c)
{
    static const TCGCond swp[] = {
        [TCG_COND_NEVER] = TCG_COND_NEVER,
        [TCG_COND_ALWAYS] = TCG_COND_ALWAYS,
        [TCG_COND_EQ] = TCG_COND_EQ,
        [TCG_COND_NE] = TCG_COND_NE,
        [TCG_COND_LT] = TCG_COND_GT,
        [TCG_COND_GE] = TCG_COND_LE,
        [TCG_COND_LE] = TCG_COND_GE,
        [TCG_COND_GT] = TCG_COND_LT,
        [TCG_COND_LTU] = TCG_COND_GTU,
        [TCG_COND_GEU] = TCG_COND_LEU,
        [TCG_COND_LEU] = TCG_COND_GEU,
        [TCG_COND_GTU] = TCG_COND_LTU,
    };
    return swp[c];
}

bool tcg_cond_is_unsigned(TCGCond c)
{
    return c >= TCG_COND_LTU;
}

bool tcg_cond_eval_i64(TCGCond c, uint64_t a, uint64_t b)
{
    return tcg_cond_eval_inline_i64(c, a, b);
}

bool tcg_cond_eval_i32(TCGCond c, uint32_t a, uint32_t b)
{
    if (tcg_cond_is_unsigned(c)) {
        return tcg_cond_eval_i64(c, a, b);
    }
    return tcg_cond_eval_i64(c, (uint64_t)(int64_t)(int32_t)a,
                             (uint64_t)(int64_t)(int32_t)b);
}

static TCGContext *tcg_context_alloc(void)
{
    TCGContext *s = g_new0(TCGContext, 1);

    s->const_gen = 1;           /* zeroed slots must not look valid */
    return s;
}

void tcg_prototype_init(void)
{
    TCGContext *s;
    TCGTemp *env;

    if (tcg_prototype) {
        return;
    }
    s = tcg_context_alloc();
    env = &s->temps[TCG_ENV_TEMP_INDEX];
    env->kind = TEMP_FIXED;
    env->type = TCG_TYPE_PTR;
    env->allocated = true;
    env->name = "env";
    env->index = TCG_ENV_TEMP_INDEX;
    s->nb_globals = s->nb_temps = 1;
    /*
     * Never any thread's tcg_ctx: translating in it would race with
     * tcg_context_new() copying its globals from another thread.
     */
    tcg_prototype = s;
}

void tcg_context_free(TCGContext *s)
{
    if (!s) {
        return;
    }
    if (s->backend_priv && s->backend_priv_owner->free_priv) {
        s->backend_priv_owner->free_priv(s->backend_priv);
    }
    for (int i = 0; i < TCG_MAX_LABELS; i++) {
        g_free(s->labels[i].relocs);
    }
    g_free(s->ops);
    g_free(s->fault_data);
    g_free(s->opt_removed);
    g_free(s->la_keep);
    if (tcg_ctx == s) {
        tcg_ctx = NULL;
    }
    g_free(s);
}

void *tcg_backend_priv(TCGContext *s, const TCGBackend *b,
                       void *(*alloc)(void))
{
    if (s->backend_priv_owner != b) {
        if (s->backend_priv && s->backend_priv_owner->free_priv) {
            s->backend_priv_owner->free_priv(s->backend_priv);
        }
        s->backend_priv = alloc();
        s->backend_priv_owner = b;
    }
    return s->backend_priv;
}

/* A thread's context dies with it (guest threads come and go). */
static pthread_key_t tcg_ctx_key;
static pthread_once_t tcg_ctx_key_once = PTHREAD_ONCE_INIT;

static void tcg_ctx_thread_exit(void *s)
{
    tcg_context_free(s);
}

static void tcg_ctx_key_init(void)
{
    pthread_key_create(&tcg_ctx_key, tcg_ctx_thread_exit);
}

/* Also makes the new context the calling thread's tcg_ctx. */
TCGContext *tcg_context_new(void)
{
    TCGContext *p, *s;

    tcg_prototype_init();
    pthread_once(&tcg_ctx_key_once, tcg_ctx_key_init);
    p = tcg_prototype;
    s = tcg_context_alloc();
    memcpy(s->temps, p->temps, sizeof(TCGTemp) * p->nb_globals);
    s->nb_globals = s->nb_temps = p->nb_globals;
    s->backend = p->backend;
    tcg_ctx = s;
    pthread_setspecific(tcg_ctx_key, s);
    tcg_func_start(s);
    return s;
}

void tcg_func_start(TCGContext *s)
{
    /* Generation 0 is what a zeroed slot holds: skip it on wrap. */
    if ((++s->const_gen & 0xffff) == 0) {
        memset(s->const_slot, 0, sizeof(s->const_slot));
        s->const_gen++;
    }
    memset(s->temps + s->nb_globals, 0,
           sizeof(TCGTemp) * (s->nb_temps - s->nb_globals));
    s->nb_temps = s->nb_globals;
    memset(s->free_temps, 0, sizeof(s->free_temps));
    s->nb_ops = 0;
    s->nb_labels = 0;
    s->nb_insns = 0;
    s->tb = NULL;
    s->frame_next = s->frame_start;
    for (int i = 0; i < s->nb_globals; i++) {
        s->temps[i].state = 0;
        s->temps[i].state_ptr = NULL;
    }
}

bool tcg_op_buf_full(void)
{
    TCGContext *s = tcg_ctx;

    return s->nb_ops >= TCG_OPS_SOFT_LIMIT ||
           s->nb_temps >= TCG_MAX_TEMPS - TCG_TEMPS_SOFT_MARGIN ||
           s->nb_labels >= TCG_MAX_LABELS - TCG_LABELS_SOFT_MARGIN;
}

static TCGTemp *tcg_temp_alloc(TCGContext *s)
{
    TCGTemp *t;

    if (s->nb_temps >= TCG_MAX_TEMPS) {
        /* The translator ignored tcg_op_buf_full(): a vemu bug. */
        g_error("tcg: out of temps (%d)", s->nb_temps);
    }
    t = &s->temps[s->nb_temps];
    memset(t, 0, sizeof(*t));
    t->index = s->nb_temps++;
    return t;
}

TCGTemp *tcg_global_mem_new_internal(TCGType type, intptr_t offset,
                                     const char *name)
{
    TCGContext *p, *s;
    TCGTemp *t;

    tcg_prototype_init();
    p = tcg_prototype;
    if (p->nb_globals >= TCG_MAX_TEMPS / 2) {
        g_error("tcg: too many globals");
    }
    t = &p->temps[p->nb_globals];
    memset(t, 0, sizeof(*t));
    t->kind = TEMP_GLOBAL;
    t->type = type;
    t->allocated = true;
    t->mem_offset = offset;
    t->name = g_strdup(name);
    t->index = p->nb_globals;
    p->nb_globals++;
    p->nb_temps = p->nb_globals;

    /* A context created before this global (same layout so far) gets it. */
    s = tcg_ctx;
    if (s && s != p && s->nb_globals == t->index && s->nb_ops == 0 &&
        s->nb_temps == s->nb_globals) {
        s->temps[t->index] = *t;
        s->nb_globals = s->nb_temps = p->nb_globals;
    }
    return t;
}

static inline int free_kind_index(TCGTempKind kind)
{
    return kind == TEMP_TB ? 1 : 0;
}

TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind)
{
    TCGContext *s = tcg_ctx;
    uint64_t *bits = s->free_temps[free_kind_index(kind)][type];
    TCGTemp *t;

    /* Only temps below nb_temps can be free. */
    for (int w = 0; w * 64 < s->nb_temps; w++) {
        if (bits[w]) {
            int idx = w * 64 + __builtin_ctzll(bits[w]);

            bits[w] &= bits[w] - 1;
            t = &s->temps[idx];
            t->allocated = true;
            return t;
        }
    }
    t = tcg_temp_alloc(s);
    t->kind = kind;
    t->type = type;
    t->allocated = true;
    return t;
}

void tcg_temp_free_internal(TCGTemp *t)
{
    TCGContext *s = tcg_ctx;

    if (t->kind != TEMP_EBB && t->kind != TEMP_TB) {
        return;   /* globals and constants are never freed */
    }
    if (!t->allocated) {
        return;
    }
    t->allocated = false;
    s->free_temps[free_kind_index(t->kind)][t->type][t->index / 64] |=
        1ull << (t->index % 64);
}

#define CONST_SLOTS (2 * TCG_MAX_TEMPS)

static inline bool const_slot_valid(const TCGContext *s, uint32_t e)
{
    return (e >> 16) == (s->const_gen & 0xffff);
}

/* The slot holding val's constant, or the empty slot where it goes. */
static unsigned tcg_const_slot(TCGContext *s, TCGType type, int64_t val)
{
    uint64_t h = (uint64_t)val * 0x9e3779b97f4a7c15ull;
    unsigned i = (unsigned)(h >> 40) & (CONST_SLOTS - 1);

    for (;;) {
        uint32_t e = s->const_slot[type][i];

        if (!const_slot_valid(s, e) ||
            s->temps[(e & 0xffff) - 1].val == val) {
            return i;
        }
        i = (i + 1) & (CONST_SLOTS - 1);
    }
}

TCGTemp *tcg_constant_lookup(TCGType type, int64_t val)
{
    TCGContext *s = tcg_ctx;
    unsigned i;

    val = tcg_const_normalize(type, val);
    i = tcg_const_slot(s, type, val);
    return const_slot_valid(s, s->const_slot[type][i])
               ? &s->temps[(s->const_slot[type][i] & 0xffff) - 1] : NULL;
}

TCGTemp *tcg_constant_internal(TCGType type, int64_t val)
{
    TCGContext *s = tcg_ctx;
    unsigned slot;
    TCGTemp *t;

    val = tcg_const_normalize(type, val);
    slot = tcg_const_slot(s, type, val);
    if (const_slot_valid(s, s->const_slot[type][slot])) {
        return &s->temps[(s->const_slot[type][slot] & 0xffff) - 1];
    }
    t = tcg_temp_alloc(s);
    t->kind = TEMP_CONST;
    t->type = type;
    t->allocated = true;
    t->val = val;
    t->val_type = TEMP_VAL_CONST;
    s->const_slot[type][slot] =
        (s->const_gen & 0xffff) << 16 | (uint32_t)(t->index + 1);
    return t;
}

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    TCGLabel *l;

    if (s->nb_labels >= TCG_MAX_LABELS) {
        g_error("tcg: out of labels");
    }
    l = &s->labels[s->nb_labels];
    g_free(l->relocs);
    memset(l, 0, sizeof(*l));
    l->id = s->nb_labels++;
    return l;
}

TCGOp *tcg_emit_op(TCGOpcode opc)
{
    TCGContext *s = tcg_ctx;
    TCGOp *op;

    if (s->nb_ops >= s->ops_cap) {
        s->ops_cap = s->ops_cap ? s->ops_cap * 2 : 1024;
        s->ops = g_renew(TCGOp, s->ops, s->ops_cap);
    }
    op = &s->ops[s->nb_ops++];
    /*
     * Plain stores, not memset: for 96 bytes GCC emits rep stosq, whose
     * start-up cost made this the frontend's hottest line.
     */
    op->opc = opc;
    op->nb_call_oargs = op->nb_call_iargs = 0;
    op->dead_args = op->sync_args = op->fault_args = 0;
    G_STATIC_ASSERT(TCG_MAX_OP_ARGS == 10);
    op->args[0] = op->args[1] = op->args[2] = op->args[3] = 0;
    op->args[4] = op->args[5] = op->args[6] = op->args[7] = 0;
    op->args[8] = op->args[9] = 0;
    return op;
}
