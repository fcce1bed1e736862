/* SPDX-License-Identifier: MIT */
/* The human monitor's commands: info *, x/xp, run control, gdbserver. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "monitor/monitor-internal.h"
#include "vemu/block.h"
#include "vemu/chardev.h"
#include "vemu/device.h"
#include "vemu/exec.h"
#include "vemu/gdbstub.h"
#include "vemu/log.h"
#include "vemu/main-loop.h"
#include "vemu/memory.h"
#include "vemu/softmmu.h"
#include "vemu/target.h"

static CPUState *need_cpu(GString *out)
{
    CPUState *cpu = hmp_current_cpu();

    if (!cpu) {
        g_string_append(out, "No CPU available\n");
    }
    return cpu;
}

/* ---- info ------------------------------------------------------------- */

static void info_status(GString *out, const char *args)
{
    g_string_append_printf(out, "VM status: %s\n",
                           runstate_is_running() ? "running" : "paused");
}

static void info_version(GString *out, const char *args)
{
    g_string_append(out, "7.2.0 (vemu 0.1.0)\n");
}

static void dump_cpu(GString *out, CPUState *cpu)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f;

    if (!cpu->target->dump_state) {
        g_string_append(out, "info registers: not supported\n");
        return;
    }
    f = open_memstream(&text, &len);
    if (!f) {
        g_string_append(out, "info registers: out of memory\n");
        return;
    }
    cpu->target->dump_state(cpu, f, CPU_DUMP_FPU);
    fclose(f);
    g_string_append_len(out, text, (gssize)len);
    free(text);
}

/* The current CPU's registers, or every CPU's with -a. */
static void info_registers(GString *out, const char *args)
{
    CPUState *cpu = need_cpu(out);

    if (!cpu) {
        return;
    }
    if (strcmp(args, "-a") != 0) {
        dump_cpu(out, cpu);
        return;
    }
    cpu_list_lock();
    for (cpu = first_cpu; cpu; cpu = cpu->next) {
        g_string_append_printf(out, "\nCPU#%d\n", cpu->cpu_index);
        dump_cpu(out, cpu);
    }
    cpu_list_unlock();
}

static void info_cpus(GString *out, const char *args)
{
    CPUState *cur = hmp_current_cpu();

    cpu_list_lock();
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        g_string_append_printf(out, "%c CPU #%d: thread_id=%d%s\n",
                               cpu == cur ? '*' : ' ', cpu->cpu_index,
                               cpu_thread_id(cpu), cpu->halted ? " (halted)"
                                                          : "");
    }
    cpu_list_unlock();
}

static void info_mtree(GString *out, const char *args)
{
    address_spaces_dump(out, strstr(args, "-f") != NULL);
}

static void print_prop(GString *out, Device *dev, const Property *p,
                       int indent)
{
    char *field = (char *)dev + p->offset;

    g_string_append_printf(out, "%*s%s = ", indent, "", p->name);
    switch (p->type) {
    case PROP_BOOL:
        g_string_append(out, *(bool *)field ? "true" : "false");
        break;
    case PROP_UINT32:
        g_string_append_printf(out, "%" PRIu32 " (0x%" PRIx32 ")",
                               *(uint32_t *)field, *(uint32_t *)field);
        break;
    case PROP_UINT64:
    case PROP_SIZE:
        g_string_append_printf(out, "%" PRIu64 " (0x%" PRIx64 ")",
                               *(uint64_t *)field, *(uint64_t *)field);
        break;
    case PROP_STRING: {
        const char *s = *(char **)field;

        g_string_append_printf(out, "\"%s\"", s ? s : "");
        break;
    }
    case PROP_CHARDEV: {
        struct Chardev *chr = *(struct Chardev **)field;

        g_string_append_printf(out, "\"%s\"", chr ? chardev_id(chr) : "");
        break;
    }
    case PROP_DRIVE: {
        BlockBackend *blk = *(BlockBackend **)field;

        g_string_append_printf(out, "\"%s\"", blk ? blk_name(blk) : "");
        break;
    }
    default:
        g_string_append(out, "<backend>");
        break;
    }
    g_string_append_c(out, '\n');
}

static void print_device(GString *out, Device *dev, int indent)
{
    g_string_append_printf(out, "%*sdev: %s, id \"%s\"\n", indent, "",
                           dev->klass->name, dev->id ? dev->id : "");
    for (const Property *p = dev->klass->props; p && p->name; p++) {
        print_prop(out, dev, p, indent + 2);
    }
    for (guint i = 0; dev->child_buses && i < dev->child_buses->len; i++) {
        Bus *bus = g_ptr_array_index(dev->child_buses, i);

        g_string_append_printf(out, "%*sbus: %s\n", indent + 2, "",
                               bus->name);
        g_string_append_printf(out, "%*stype %s\n", indent + 4, "",
                               bus->type);
        if (bus->child) {
            print_device(out, bus->child, indent + 4);
        }
    }
}

static void qtree_top(Device *dev, void *opaque)
{
    /* Devices on a bus are printed under their bus's parent. */
    if (!dev->parent_bus) {
        print_device(opaque, dev, 2);
    }
}

static void info_qtree(GString *out, const char *args)
{
    g_string_append(out, "bus: main-system-bus\n  type System\n");
    device_foreach(qtree_top, out);
}

static void info_jit(GString *out, const char *args)
{
    TcgJitStats st;

    tcg_jit_stats(&st);
    g_string_append(out, "Translation buffer state:\n");
    g_string_append_printf(out, "gen code size       %zu/%zu\n",
                           st.code_used, st.code_size);
    g_string_append_printf(out, "TB count            %" PRIu64 "\n",
                           st.tbs_generated);
    g_string_append_printf(out, "TB flush count      %" PRIu64 "\n",
                           st.flushes);
}

/* The softmmu TLB of the monitor's CPU: the mappings in use right now. */
static void info_tlb(GString *out, const char *args)
{
    CPUState *cpu = need_cpu(out);

    if (cpu) {
        tlb_dump(cpu, out);
    }
}

static void chardev_line(struct Chardev *chr, void *opaque)
{
    const char *fn = chardev_filename(chr);

    g_string_append_printf(opaque, "%s: filename=%s\n", chardev_id(chr),
                           fn ? fn : "");
}

static void info_chardev(GString *out, const char *args)
{
    chardev_foreach(chardev_line, out);
}

static void info_block(GString *out, const char *args)
{
    bool any = false;

    for (BlockBackend *blk = blk_next(NULL); blk; blk = blk_next(blk)) {
        int64_t len = blk_getlength(blk);

        any = true;
        g_string_append_printf(out, "%s: %s%s%s\n", blk_name(blk),
                               blk_filename(blk),
                               blk_is_read_only(blk) ? " (read-only)" : "",
                               blk_is_snapshot(blk) ? " (snapshot)" : "");
        g_string_append_printf(out, "    Virtual size: %" PRId64 " bytes\n",
                               len < 0 ? 0 : len);
    }
    if (!any) {
        g_string_append(out, "No block devices\n");
    }
}

static void info_kvm(GString *out, const char *args)
{
    g_string_append(out, "kvm support: disabled\n");
}

const HmpCommand hmp_info_commands[] = {
    { "block", NULL, "", "show the block devices", info_block },
    { "chardev", NULL, "", "show the character devices", info_chardev },
    { "cpus", NULL, "", "show infos for each CPU", info_cpus },
    { "jit", NULL, "", "show dynamic compiler info", info_jit },
    { "kvm", NULL, "", "show KVM information", info_kvm },
    { "mtree", NULL, "[-f]", "show memory tree (-f: flat views)",
      info_mtree },
    { "qtree", NULL, "", "show device tree", info_qtree },
    { "registers", NULL, "[-a]", "show the cpu registers (-a: all CPUs)",
      info_registers },
    { "status", NULL, "", "show the current VM status (running|paused)",
      info_status },
    { "tlb", NULL, "", "show virtual to physical memory mappings",
      info_tlb },
    { "version", NULL, "", "show the version of QEMU", info_version },
    { NULL },
};

/* ---- x / xp ----------------------------------------------------------- */

typedef struct MemFormat {
    int count;
    char format;    /* x d u o c i */
    int size;       /* 1 2 4 8 */
} MemFormat;

/* "/NFU" in any order after the count, QEMU's defaults (1, x, w). */
/* As in QEMU, x/xp without a format or size reuse the last ones. */
static char last_format = 'x';
static int last_size = 4;

static const char *parse_format(const char *p, MemFormat *f, GString *out)
{
    f->count = 1;
    f->format = last_format;
    f->size = 0;
    if (*p != '/') {
        f->size = last_size;
        return p;
    }
    p++;
    if (isdigit((unsigned char)*p)) {
        f->count = (int)strtol(p, (char **)&p, 10);
    }
    for (; *p && !isspace((unsigned char)*p); p++) {
        switch (*p) {
        case 'x': case 'd': case 'u': case 'o': case 'c': case 'i':
            f->format = *p;
            break;
        case 'b':
            f->size = 1;
            break;
        case 'h':
            f->size = 2;
            break;
        case 'w':
            f->size = 4;
            break;
        case 'g':
            f->size = 8;
            break;
        default:
            g_string_append_printf(out, "invalid char in format: '%c'\n",
                                   *p);
            return NULL;
        }
    }
    if (!f->size) {
        f->size = f->format == 'c' ? 1 : last_size;
    }
    if (f->count < 1 || f->count > 65536) {
        g_string_append(out, "invalid count\n");
        return NULL;
    }
    return p;
}

static bool parse_addr(const char *p, uint64_t *addr, GString *out)
{
    char *end;

    while (isspace((unsigned char)*p)) {
        p++;
    }
    if (!strcmp(p, "$pc")) {
        CPUState *cpu = need_cpu(out);

        if (!cpu) {
            return false;
        }
        *addr = cpu->target->get_pc(cpu);
        return true;
    }
    if (!*p) {
        g_string_append(out, "address expected\n");
        return false;
    }
    *addr = strtoull(p, &end, 0);
    while (isspace((unsigned char)*end)) {
        end++;
    }
    if (*end) {
        g_string_append_printf(out, "invalid address: '%s'\n", p);
        return false;
    }
    return true;
}

/* Read guest memory: physical, or virtual through the CPU's MMU. */
static bool mem_read(CPUState *cpu, bool physical, uint64_t addr,
                     uint8_t *buf, size_t len)
{
    AddressSpace *as = cpu && cpu->as ? cpu->as : &address_space_memory;

    while (len) {
        uint64_t page_off = addr & (TARGET_PAGE_SIZE - 1);
        size_t n = MIN(len, TARGET_PAGE_SIZE - page_off);
        hwaddr pa = addr;

        if (!physical) {
            if (!cpu || !cpu->target->get_phys_page_debug) {
                return false;
            }
            pa = cpu->target->get_phys_page_debug(cpu, addr - page_off);
            if (pa == (hwaddr)-1) {
                return false;
            }
            pa += page_off;
        }
        if (address_space_read(as, pa, buf, n) != MEMTX_OK) {
            return false;
        }
        buf += n;
        addr += n;
        len -= n;
    }
    return true;
}

static void dump_insns(GString *out, CPUState *cpu, bool physical,
                       uint64_t addr, int count)
{
    for (int i = 0; i < count; i++) {
        uint8_t code[16];
        char text[128];
        int n;

        if (!mem_read(cpu, physical, addr, code, 4)) {
            g_string_append_printf(out, "Cannot access memory at 0x%016"
                                   PRIx64 "\n", addr);
            return;
        }
        n = cpu->target->disas_insn
                ? cpu->target->disas_insn(code, 4, addr, text, sizeof(text))
                : 0;
        if (n <= 0) {
            g_string_append_printf(out, "0x%016" PRIx64 ":  .word 0x%08x\n",
                                   addr, code[0] | code[1] << 8 |
                                   code[2] << 16 | (uint32_t)code[3] << 24);
            n = 4;
        } else {
            g_string_append_printf(out, "0x%016" PRIx64 ":  %s\n", addr,
                                   text);
        }
        addr += n;
    }
}

static void dump_value(GString *out, const MemFormat *f, uint64_t v)
{
    int bits = f->size * 8;

    switch (f->format) {
    case 'x':
        g_string_append_printf(out, " 0x%0*" PRIx64, f->size * 2, v);
        break;
    case 'o':
        g_string_append_printf(out, " 0%" PRIo64, v);
        break;
    case 'u':
        g_string_append_printf(out, " %" PRIu64, v);
        break;
    case 'd': {
        int64_t s = bits == 64 ? (int64_t)v
                               : (int64_t)(v << (64 - bits)) >> (64 - bits);

        g_string_append_printf(out, " %" PRId64, s);
        break;
    }
    case 'c':
        if (v >= 0x20 && v < 0x7f) {
            g_string_append_printf(out, " '%c'", (char)v);
        } else {
            g_string_append_printf(out, " '\\x%02" PRIx64 "'", v & 0xff);
        }
        break;
    }
}

void hmp_memory_dump(GString *out, const char *args, bool physical)
{
    CPUState *cpu = hmp_current_cpu();
    MemFormat f;
    uint64_t addr;
    const char *p = parse_format(args, &f, out);
    int per_line, done = 0;

    if (!p || !parse_addr(p, &addr, out)) {
        return;
    }
    last_format = f.format;
    last_size = f.size;
    if (!physical && !cpu) {
        g_string_append(out, "No CPU available\n");
        return;
    }
    if (f.format == 'i') {
        if (!cpu) {
            g_string_append(out, "No CPU available\n");
            return;
        }
        dump_insns(out, cpu, physical, addr, f.count);
        return;
    }
    per_line = MAX(1, 16 / f.size);
    while (done < f.count) {
        int n = MIN(per_line, f.count - done);
        uint8_t buf[16];

        if (!mem_read(cpu, physical, addr, buf, (size_t)n * f.size)) {
            g_string_append_printf(out, "Cannot access memory at 0x%016"
                                   PRIx64 "\n", addr);
            return;
        }
        g_string_append_printf(out, "%016" PRIx64 ":", addr);
        for (int i = 0; i < n; i++) {
            uint64_t v = 0;

            /* Guest memory is little-endian on every vemu target. */
            for (int b = f.size - 1; b >= 0; b--) {
                v = v << 8 | buf[i * f.size + b];
            }
            dump_value(out, &f, v);
        }
        g_string_append_c(out, '\n');
        addr += (uint64_t)n * f.size;
        done += n;
    }
}

static void hmp_x(GString *out, const char *args)
{
    hmp_memory_dump(out, args, false);
}

static void hmp_xp(GString *out, const char *args)
{
    hmp_memory_dump(out, args, true);
}

/* ---- run control and the rest ----------------------------------------- */

static void hmp_stop(GString *out, const char *args)
{
    vm_stop();
}

static void hmp_cont(GString *out, const char *args)
{
    vm_start();
}

static void hmp_system_reset(GString *out, const char *args)
{
    system_reset_request(SHUTDOWN_SUBSYSTEM_RESET);
}

static void hmp_system_powerdown(GString *out, const char *args)
{
    system_powerdown_request();
}

static void hmp_quit(GString *out, const char *args)
{
    system_shutdown_request(SHUTDOWN_HOST_QMP);
}

static void hmp_gdbserver(GString *out, const char *args)
{
    const char *spec = *args ? args : "tcp::1234";
    GError *err = NULL;

    if (!strcmp(spec, "none")) {
        g_string_append(out, "Disabled gdbserver is not supported\n");
        return;
    }
    if (!gdbserver_start(spec, &err)) {
        g_string_append_printf(out, "Could not open gdbserver on device "
                               "'%s'%s%s\n", spec, err ? ": " : "",
                               err ? err->message : "");
        g_clear_error(&err);
        return;
    }
    g_string_append_printf(out, "Waiting for gdb connection on device "
                           "'%s'\n", spec);
}

static void hmp_log(GString *out, const char *args)
{
    char *msg = NULL;
    int mask = 0;

    if (!*args) {
        g_string_append(out, "log: items expected (none, in_asm, ...)\n");
        return;
    }
    if (!strcmp(args, "none")) {
        vemu_loglevel = 0;
        return;
    }
    if (!vemu_log_parse(args, &mask, &msg)) {
        g_string_append_printf(out, "%s\n", msg ? msg
                                                : "Invalid parameter");
        g_free(msg);
        return;
    }
    vemu_loglevel = mask;
}

static void hmp_cpu(GString *out, const char *args)
{
    char *end;
    long idx = strtol(args, &end, 0);

    if (!*args || *end || !hmp_select_cpu((int)idx)) {
        g_string_append(out, "invalid CPU index\n");
    }
}

const HmpCommand hmp_commands[] = {
    { "cont", "c", "", "resume emulation", hmp_cont },
    { "cpu", NULL, "index", "set the default CPU", hmp_cpu },
    { "gdbserver", NULL, "[device]",
      "start gdbserver on given device (default 'tcp::1234')",
      hmp_gdbserver },
    { "log", NULL, "item1[,...]", "activate logging of the specified items",
      hmp_log },
    { "quit", "q", "", "quit the emulator", hmp_quit },
    { "stop", NULL, "", "stop emulation", hmp_stop },
    { "system_powerdown", NULL, "", "send system power down event",
      hmp_system_powerdown },
    { "system_reset", NULL, "", "reset the system", hmp_system_reset },
    { "x", NULL, "/fmt addr", "virtual memory dump starting at 'addr'",
      hmp_x },
    { "xp", NULL, "/fmt addr", "physical memory dump starting at 'addr'",
      hmp_xp },
    { NULL },
};
