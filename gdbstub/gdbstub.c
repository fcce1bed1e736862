/* SPDX-License-Identifier: MIT */
/*
 * The GDB remote protocol: packet dispatch, registers, memory, threads
 * (one per vCPU), breakpoints and run control. The system and user
 * backends (gdbstub-system.c, gdbstub-user.c) move the bytes and stop
 * or resume the guest through GdbOps.
 */
#include <stdio.h>
#include <string.h>

#include "gdbstub/internal.h"
#include "vemu/accel.h"
#include "vemu/debug.h"
#include "vemu/target.h"

/* Largest memory read per 'm' packet: its hex must fit a reply. */
#define GDB_MAX_MEM ((GDB_MAX_PACKET - 16) / 2)

/* The vCPU with the lowest index (the list holds the newest first). */
static CPUState *gdb_first_cpu(void)
{
    CPUState *best = first_cpu;

    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        if (cpu->cpu_index < best->cpu_index) {
            best = cpu;
        }
    }
    return best;
}

void gdb_state_init(GdbState *s, const GdbOps *ops, void *opaque)
{
    memset(s, 0, sizeof(*s));
    s->ops = ops;
    s->opaque = opaque;
    s->last_packet = g_string_new("");
    gdb_state_reset(s);
}

void gdb_state_reset(GdbState *s)
{
    gdb_parser_init(&s->parser);
    s->no_ack = false;
    s->running = false;
    s->attached = true;
    s->g_cpu = gdb_first_cpu();
    s->c_cpu = s->g_cpu;
    g_string_truncate(s->last_packet, 0);
}

int gdb_cpu_id(CPUState *cpu)
{
    return cpu->cpu_index + 1;
}

static CPUState *gdb_find_cpu(int id)
{
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        if (gdb_cpu_id(cpu) == id) {
            return cpu;
        }
    }
    return NULL;
}

static void gdb_send_raw(GdbState *s, const char *data, size_t len)
{
    GString *pkt = gdb_frame_packet(data, len);

    s->ops->send(s, (const uint8_t *)pkt->str, pkt->len);
    g_string_assign(s->last_packet, pkt->str);
    g_string_free(pkt, true);
}

void gdb_send_packet(GdbState *s, const char *data)
{
    gdb_send_raw(s, data, strlen(data));
}

static void gdb_send_error(GdbState *s, int err)
{
    char buf[8];

    snprintf(buf, sizeof(buf), "E%02x", err & 0xff);
    gdb_send_packet(s, buf);
}

/*
 * ---- debug state: the accelerator's own (KVM) or vemu/debug.h (TCG) ----
 */

/* The accelerator that keeps gdb's debug state itself, or NULL. */
static const AccelOps *gdb_accel(GdbState *s)
{
    const AccelOps *a = s->ops->accel ? s->ops->accel() : NULL;

    return a && a->insert_breakpoint ? a : NULL;
}

static void gdb_set_single_step(GdbState *s, CPUState *cpu, bool enable)
{
    const AccelOps *a = gdb_accel(s);

    if (a) {
        a->set_single_step(cpu, enable);
    }
    cpu_single_step(cpu, enable);
}

static bool gdb_watchpoint_hit(GdbState *s, CPUState *cpu, vaddr *addr,
                               int *flags)
{
    const AccelOps *a = gdb_accel(s);

    if (a) {
        return a->watchpoint_hit(cpu, addr, flags);
    }
    return cpu_watchpoint_hit(cpu, addr, flags);
}

void gdb_forget_breakpoints(GdbState *s)
{
    const AccelOps *a = gdb_accel(s);

    if (a) {
        a->remove_all_breakpoints();
        for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
            a->set_single_step(cpu, false);
        }
    }
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        if (cpu->debug) {
            cpu_breakpoint_remove_all(cpu);
            cpu_watchpoint_remove_all(cpu);
            cpu_single_step(cpu, false);
            cpu_debug_hold(cpu, false);
        }
    }
}

/* ---- stop replies and run control ---- */

void gdb_report_stop(GdbState *s, CPUState *cpu, int signo)
{
    GString *r = g_string_new("");
    vaddr waddr;
    int wflags;

    for (CPUState *c = first_cpu; c; c = c->next) {
        if (c->debug || gdb_accel(s)) {
            gdb_set_single_step(s, c, false);
        }
    }
    if (!cpu) {
        cpu = s->c_cpu ? s->c_cpu : gdb_first_cpu();
    }
    s->g_cpu = s->c_cpu = cpu;
    g_string_printf(r, "T%02xthread:%x;", signo, gdb_cpu_id(cpu));
    if (cpu && gdb_watchpoint_hit(s, cpu, &waddr, &wflags)) {
        const char *kind = wflags == BP_MEM_WRITE ? "watch"
                           : wflags == BP_MEM_READ ? "rwatch" : "awatch";

        g_string_append_printf(r, "%s:%llx;", kind,
                               (unsigned long long)waddr);
    }
    s->running = false;
    gdb_send_packet(s, r->str);
    g_string_free(r, true);
}

/*
 * Resume: `step` (if any) executes one insn and stops; with `only` set,
 * the vCPUs not in it stay stopped (if the backend can hold them).
 */
static void gdb_resume_some(GdbState *s, CPUState *step, GHashTable *only)
{
    for (CPUState *c = first_cpu; c; c = c->next) {
        if (c == step || c->debug || gdb_accel(s)) {
            gdb_set_single_step(s, c, c == step);
        }
        if (s->ops->can_hold && (only || c->debug)) {
            cpu_debug_hold(c, only && !g_hash_table_contains(only, c));
        }
    }
    s->running = true;
    s->ops->resume(s);
}

static void gdb_resume(GdbState *s, CPUState *step)
{
    gdb_resume_some(s, step, NULL);
}

/* c/s [addr]: optionally continue at another pc first. */
static void gdb_cmd_continue(GdbState *s, const char *args, bool step)
{
    CPUState *cpu = s->c_cpu ? s->c_cpu : gdb_first_cpu();
    uint64_t addr;

    if (*args && gdb_parse_hex(args, &addr, NULL)) {
        cpu->target->set_pc(cpu, addr);
    }
    gdb_resume(s, step ? cpu : NULL);
}

/*
 * vCont;action[:thread];...: each vCPU takes the first action naming it,
 * else the default (an action without a thread); vCPUs with no action
 * stay stopped. At most one vCPU steps.
 */
static void gdb_cmd_vcont(GdbState *s, const char *args)
{
    GHashTable *run;
    CPUState *step = NULL;
    bool any_default = false, default_step = false;
    gchar **acts;

    if (*args == '?') {
        gdb_send_packet(s, "vCont;c;C;s;S");
        return;
    }
    if (*args != ';') {
        gdb_send_packet(s, "");
        return;
    }
    run = g_hash_table_new(NULL, NULL);
    acts = g_strsplit(args + 1, ";", 0);
    for (int i = 0; acts[i]; i++) {
        char act = acts[i][0];
        const char *colon = strchr(acts[i], ':');
        bool is_step = act == 's' || act == 'S';
        CPUState *cpu = NULL;
        uint64_t id;

        if (act != 'c' && act != 'C' && !is_step) {
            goto bad;
        }
        if (!colon || !strcmp(colon + 1, "-1")) {
            if (!any_default) {
                any_default = true;
                default_step = is_step;
            }
            continue;
        }
        if (!gdb_parse_hex(colon + 1, &id, NULL) || id == 0 ||
            !(cpu = gdb_find_cpu((int)MIN(id, 0x7fffffff)))) {
            goto bad;
        }
        if (g_hash_table_contains(run, cpu)) {
            continue;   /* an earlier action named it */
        }
        g_hash_table_add(run, cpu);
        if (is_step && !step) {
            step = cpu;
        }
    }
    if (!any_default && g_hash_table_size(run) == 0) {
        goto bad;
    }
    if (any_default && default_step && !step) {
        step = s->c_cpu ? s->c_cpu : gdb_first_cpu();
    }
    if (step) {
        s->c_cpu = step;
    }
    gdb_resume_some(s, step, any_default ? NULL : run);
    g_strfreev(acts);
    g_hash_table_destroy(run);
    return;
bad:
    g_strfreev(acts);
    g_hash_table_destroy(run);
    gdb_send_error(s, 0x16);
}

/* ---- registers ---- */

static void gdb_cmd_read_regs(GdbState *s)
{
    CPUState *cpu = s->g_cpu;
    const TargetInfo *t = cpu->target;
    GByteArray *buf = g_byte_array_new();
    GString *out = g_string_new("");

    for (int n = 0; n < t->gdb_num_regs; n++) {
        t->gdb_read_register(cpu, buf, n);
    }
    gdb_bytes_to_hex(out, buf->data, buf->len);
    gdb_send_packet(s, out->str);
    g_string_free(out, true);
    g_byte_array_free(buf, true);
}

static void gdb_cmd_write_regs(GdbState *s, const char *hex, size_t len)
{
    CPUState *cpu = s->g_cpu;
    const TargetInfo *t = cpu->target;
    GByteArray *buf = g_byte_array_new();
    size_t off = 0;

    if (!gdb_hex_to_bytes(hex, len, buf)) {
        g_byte_array_free(buf, true);
        gdb_send_error(s, 0x16);
        return;
    }
    /* Registers gdb sent completely; a short G leaves the rest. */
    for (int n = 0; n < t->gdb_num_regs; n++) {
        GByteArray *probe = g_byte_array_new();
        int size = t->gdb_read_register(cpu, probe, n);

        g_byte_array_free(probe, true);
        if (size <= 0 || off + size > buf->len) {
            break;
        }
        t->gdb_write_register(cpu, buf->data + off, n);
        off += size;
    }
    g_byte_array_free(buf, true);
    gdb_send_packet(s, "OK");
}

static void gdb_cmd_read_reg(GdbState *s, const char *args)
{
    CPUState *cpu = s->g_cpu;
    GByteArray *buf = g_byte_array_new();
    uint64_t n;

    if (!gdb_parse_hex(args, &n, NULL) || n > 0x10000 ||
        cpu->target->gdb_read_register(cpu, buf, (int)n) <= 0) {
        gdb_send_error(s, 0x0e);
    } else {
        GString *out = g_string_new("");

        gdb_bytes_to_hex(out, buf->data, buf->len);
        gdb_send_packet(s, out->str);
        g_string_free(out, true);
    }
    g_byte_array_free(buf, true);
}

static void gdb_cmd_write_reg(GdbState *s, const char *args)
{
    CPUState *cpu = s->g_cpu;
    GByteArray *buf = g_byte_array_new();
    GByteArray *probe = g_byte_array_new();
    const char *eq;
    uint64_t n;
    int size;

    if (!gdb_parse_hex(args, &n, &eq) || *eq != '=' || n > 0x10000 ||
        !gdb_hex_to_bytes(eq + 1, strlen(eq + 1), buf)) {
        gdb_send_error(s, 0x16);
        goto out;
    }
    size = cpu->target->gdb_read_register(cpu, probe, (int)n);
    if (size <= 0 || buf->len < (guint)size) {
        gdb_send_error(s, 0x0e);
        goto out;
    }
    cpu->target->gdb_write_register(cpu, buf->data, (int)n);
    gdb_send_packet(s, "OK");
out:
    g_byte_array_free(buf, true);
    g_byte_array_free(probe, true);
}

/* ---- memory ---- */

/* "addr,len" then the char after it in *end. */
static bool gdb_parse_addr_len(const char *args, uint64_t *addr,
                               uint64_t *len, const char **end)
{
    const char *p;

    if (!gdb_parse_hex(args, addr, &p) || *p != ',') {
        return false;
    }
    return gdb_parse_hex(p + 1, len, end);
}

static void gdb_cmd_read_mem(GdbState *s, const char *args)
{
    uint64_t addr, len;
    const char *end;
    uint8_t *buf;

    if (!gdb_parse_addr_len(args, &addr, &len, &end) || *end) {
        gdb_send_error(s, 0x16);
        return;
    }
    len = MIN(len, GDB_MAX_MEM);
    buf = g_malloc(len ? len : 1);
    if (!s->ops->memory_rw(s->g_cpu, addr, buf, len, false)) {
        gdb_send_error(s, 0x0e);
    } else {
        GString *out = g_string_sized_new(len * 2 + 1);

        gdb_bytes_to_hex(out, buf, len);
        gdb_send_packet(s, out->str);
        g_string_free(out, true);
    }
    g_free(buf);
}

/* M addr,len:hex and X addr,len:binary */
static void gdb_cmd_write_mem(GdbState *s, char *args, size_t arglen,
                              bool binary)
{
    uint64_t addr, len;
    const char *end;
    char *data;
    size_t dlen;
    GByteArray *buf = g_byte_array_new();
    bool ok;

    if (!gdb_parse_addr_len(args, &addr, &len, &end) || *end != ':') {
        gdb_send_error(s, 0x16);
        goto out;
    }
    data = (char *)end + 1;
    dlen = arglen - (size_t)(data - args);
    if (binary) {
        dlen = gdb_unescape(data, dlen);
        g_byte_array_append(buf, (const uint8_t *)data, dlen);
        ok = true;
    } else {
        ok = gdb_hex_to_bytes(data, dlen, buf);
    }
    if (!ok || buf->len != len) {
        gdb_send_error(s, 0x16);
        goto out;
    }
    if (len && !s->ops->memory_rw(s->g_cpu, addr, buf->data, len, true)) {
        gdb_send_error(s, 0x0e);
        goto out;
    }
    gdb_send_packet(s, "OK");
out:
    g_byte_array_free(buf, true);
}

/* ---- breakpoints and watchpoints ---- */

static void gdb_cmd_breakpoint(GdbState *s, const char *args, bool insert)
{
    static const int wp_flags[] = { 0, 0, BP_MEM_WRITE, BP_MEM_READ,
                                    BP_MEM_ACCESS };
    const AccelOps *a = gdb_accel(s);
    uint64_t type, addr, kind;
    const char *p;
    int err = 0;

    if (!gdb_parse_hex(args, &type, &p) || *p != ',' ||
        !gdb_parse_addr_len(p + 1, &addr, &kind, &p) ||
        (*p && *p != ';')) {
        gdb_send_error(s, 0x16);
        return;
    }
    if (type > 4 || (type >= 2 && !s->ops->watchpoints)) {
        gdb_send_packet(s, "");   /* unsupported kind */
        return;
    }
    /* One list for all vCPUs (vemu/debug.h, or the accelerator's). */
    if (a) {
        err = insert ? a->insert_breakpoint(s->g_cpu, (int)type, addr, kind)
                     : a->remove_breakpoint(s->g_cpu, (int)type, addr, kind);
    } else if (type <= 1) {
        err = insert ? cpu_breakpoint_insert(s->g_cpu, addr)
                     : cpu_breakpoint_remove(s->g_cpu, addr);
    } else {
        err = insert ? cpu_watchpoint_insert(s->g_cpu, addr, kind,
                                             wp_flags[type])
                     : cpu_watchpoint_remove(s->g_cpu, addr, kind,
                                             wp_flags[type]);
    }
    if (err) {
        gdb_send_error(s, 0x16);
    } else {
        gdb_send_packet(s, "OK");
    }
}

/* ---- queries ---- */

static void gdb_cmd_xfer_features(GdbState *s, const char *args)
{
    /* qXfer:features:read:ANNEX:OFF,LEN */
    const char *colon = strchr(args, ':');
    const char *xml, *end;
    char *annex;
    uint64_t off, len;
    size_t total;
    GString *out;

    if (!colon || !gdb_parse_addr_len(colon + 1, &off, &len, &end) ||
        *end) {
        gdb_send_error(s, 0x16);
        return;
    }
    annex = g_strndup(args, colon - args);
    xml = first_cpu->target->gdb_get_xml
              ? first_cpu->target->gdb_get_xml(first_cpu, annex)
              : NULL;
    g_free(annex);
    if (!xml) {
        gdb_send_error(s, 0x00);
        return;
    }
    total = strlen(xml);
    if (off >= total) {
        gdb_send_packet(s, "l");
        return;
    }
    len = MIN(len, (uint64_t)(GDB_MAX_PACKET / 2));
    len = MIN(len, total - off);
    out = g_string_new(off + len < total ? "m" : "l");
    g_string_append_len(out, xml + off, len);
    gdb_send_raw(s, out->str, out->len);
    g_string_free(out, true);
}

static void gdb_cmd_rcmd(GdbState *s, const char *hex)
{
    GByteArray *cmd = g_byte_array_new();
    char *output = NULL;

    if (!gdb_hex_to_bytes(hex, strlen(hex), cmd)) {
        g_byte_array_free(cmd, true);
        gdb_send_error(s, 0x16);
        return;
    }
    g_byte_array_append(cmd, (const uint8_t *)"", 1);
    if (s->ops->monitor_command) {
        output = s->ops->monitor_command((const char *)cmd->data);
    }
    if (output && *output) {
        /* Console output in pieces that fit a packet. */
        size_t total = strlen(output), chunk = GDB_MAX_PACKET / 2 - 8;

        for (size_t off = 0; off < total; off += chunk) {
            GString *o = g_string_new("O");

            gdb_bytes_to_hex(o, (const uint8_t *)output + off,
                             MIN(chunk, total - off));
            gdb_send_packet(s, o->str);
            g_string_free(o, true);
        }
    }
    g_free(output);
    g_byte_array_free(cmd, true);
    gdb_send_packet(s, "OK");
}

static gint gdb_cmp_int(gconstpointer a, gconstpointer b)
{
    return *(const int *)a - *(const int *)b;
}

static void gdb_cmd_thread_info(GdbState *s)
{
    GArray *ids = g_array_new(false, false, sizeof(int));
    GString *r = g_string_new("m");

    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        int id = gdb_cpu_id(cpu);

        g_array_append_val(ids, id);
    }
    g_array_sort(ids, gdb_cmp_int);
    for (guint i = 0; i < ids->len; i++) {
        g_string_append_printf(r, "%s%x", i ? "," : "",
                               g_array_index(ids, int, i));
    }
    gdb_send_packet(s, r->str);
    g_string_free(r, true);
    g_array_free(ids, true);
}

static void gdb_cmd_query(GdbState *s, const char *q)
{
    if (g_str_has_prefix(q, "qSupported")) {
        char buf[128];

        snprintf(buf, sizeof(buf), "PacketSize=%x;qXfer:features:read+;"
                 "vContSupported+;QStartNoAckMode+", GDB_MAX_PACKET);
        gdb_send_packet(s, buf);
    } else if (g_str_has_prefix(q, "qXfer:features:read:")) {
        gdb_cmd_xfer_features(s, q + strlen("qXfer:features:read:"));
    } else if (!strcmp(q, "qfThreadInfo")) {
        gdb_cmd_thread_info(s);
    } else if (!strcmp(q, "qsThreadInfo")) {
        gdb_send_packet(s, "l");
    } else if (!strcmp(q, "qC")) {
        char buf[32];

        snprintf(buf, sizeof(buf), "QC%x", gdb_cpu_id(s->g_cpu));
        gdb_send_packet(s, buf);
    } else if (g_str_has_prefix(q, "qAttached")) {
        gdb_send_packet(s, "1");
    } else if (g_str_has_prefix(q, "qThreadExtraInfo,")) {
        uint64_t id;
        CPUState *cpu = NULL;

        if (gdb_parse_hex(q + strlen("qThreadExtraInfo,"), &id, NULL)) {
            cpu = gdb_find_cpu((int)id);
        }
        if (!cpu) {
            gdb_send_error(s, 0x16);
        } else {
            char *t = g_strdup_printf("CPU#%d", cpu->cpu_index);
            GString *o = g_string_new("");

            gdb_bytes_to_hex(o, (const uint8_t *)t, strlen(t));
            gdb_send_packet(s, o->str);
            g_string_free(o, true);
            g_free(t);
        }
    } else if (g_str_has_prefix(q, "qRcmd,")) {
        gdb_cmd_rcmd(s, q + strlen("qRcmd,"));
    } else if (!strcmp(q, "QStartNoAckMode")) {
        gdb_send_packet(s, "OK");
        s->no_ack = true;
    } else {
        gdb_send_packet(s, "");
    }
}

/* H[gc]id and T id */
static void gdb_cmd_thread(GdbState *s, const char *p, bool alive)
{
    CPUState *cpu;
    uint64_t id;

    if (!strcmp(p, "-1") || !strcmp(p, "0")) {
        cpu = alive ? NULL : gdb_first_cpu();
    } else if (!gdb_parse_hex(p, &id, NULL) || id > 0x7fffffff) {
        gdb_send_error(s, 0x16);
        return;
    } else {
        cpu = gdb_find_cpu((int)id);
    }
    if (!cpu) {
        gdb_send_error(s, alive ? 0x01 : 0x16);
        return;
    }
    gdb_send_packet(s, "OK");
    (void)cpu;
}

static void gdb_handle_packet(GdbState *s, char *pkt, size_t len)
{
    uint64_t id;

    switch (pkt[0]) {
    case '?':
        s->attached = true;
        gdb_report_stop(s, s->g_cpu, 5);
        break;
    case 'g':
        gdb_cmd_read_regs(s);
        break;
    case 'G':
        gdb_cmd_write_regs(s, pkt + 1, len - 1);
        break;
    case 'p':
        gdb_cmd_read_reg(s, pkt + 1);
        break;
    case 'P':
        gdb_cmd_write_reg(s, pkt + 1);
        break;
    case 'm':
        gdb_cmd_read_mem(s, pkt + 1);
        break;
    case 'M':
        gdb_cmd_write_mem(s, pkt + 1, len - 1, false);
        break;
    case 'X':
        gdb_cmd_write_mem(s, pkt + 1, len - 1, true);
        break;
    case 'c':
    case 's':
        gdb_cmd_continue(s, pkt + 1, pkt[0] == 's');
        break;
    case 'C':
    case 'S': {
        /* The signal is not delivered to the guest; ";addr" may follow. */
        const char *semi = strchr(pkt, ';');

        gdb_cmd_continue(s, semi ? semi + 1 : "", pkt[0] == 'S');
        break;
    }
    case 'Z':
    case 'z':
        gdb_cmd_breakpoint(s, pkt + 1, pkt[0] == 'Z');
        break;
    case 'H':
        if ((pkt[1] == 'g' || pkt[1] == 'c') && pkt[2]) {
            CPUState *cpu = NULL;

            if (!strcmp(pkt + 2, "-1") || !strcmp(pkt + 2, "0")) {
                cpu = s->g_cpu;
            } else if (gdb_parse_hex(pkt + 2, &id, NULL)) {
                cpu = gdb_find_cpu((int)MIN(id, 0x7fffffff));
            }
            if (!cpu) {
                gdb_send_error(s, 0x16);
                break;
            }
            if (pkt[1] == 'g') {
                s->g_cpu = cpu;
            } else {
                s->c_cpu = cpu;
            }
            gdb_send_packet(s, "OK");
        } else {
            gdb_send_error(s, 0x16);
        }
        break;
    case 'T':
        gdb_cmd_thread(s, pkt + 1, true);
        break;
    case 'q':
    case 'Q':
        gdb_cmd_query(s, pkt);
        break;
    case 'v':
        if (g_str_has_prefix(pkt, "vCont")) {
            gdb_cmd_vcont(s, pkt + 5);
        } else if (g_str_has_prefix(pkt, "vKill")) {
            gdb_send_packet(s, "OK");
            s->ops->kill(s);
        } else {
            gdb_send_packet(s, "");
        }
        break;
    case 'D':
        gdb_forget_breakpoints(s);
        gdb_send_packet(s, "OK");
        s->attached = false;
        s->running = true;
        s->ops->resume(s);
        s->running = false;
        break;
    case 'k':
        s->ops->kill(s);
        break;
    default:
        gdb_send_packet(s, "");
        break;
    }
}

void gdb_input(GdbState *s, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        GdbParseEvent ev = gdb_parser_byte(&s->parser, buf[i]);

        switch (ev) {
        case GDB_EV_PACKET:
            if (!s->no_ack) {
                s->ops->send(s, (const uint8_t *)"+", 1);
            }
            if (s->running && s->parser.buf[0] != 'v') {
                /* Only vCont/vKill make sense while the guest runs. */
                break;
            }
            gdb_handle_packet(s, s->parser.buf, s->parser.len);
            break;
        case GDB_EV_BAD_CSUM:
            if (!s->no_ack) {
                s->ops->send(s, (const uint8_t *)"-", 1);
            }
            break;
        case GDB_EV_TOO_LONG:
            if (!s->no_ack) {
                s->ops->send(s, (const uint8_t *)"+", 1);
            }
            gdb_send_error(s, 0x07);
            break;
        case GDB_EV_INTERRUPT:
            if (s->running) {
                s->ops->interrupt(s);
            }
            break;
        case GDB_EV_NACK:
            if (s->last_packet->len) {
                s->ops->send(s, (const uint8_t *)s->last_packet->str,
                             s->last_packet->len);
            }
            break;
        default:
            break;
        }
    }
}
