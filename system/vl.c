/* SPDX-License-Identifier: MIT */
/*
 * vemu: the full-system emulator's main(). Parses QEMU's command line,
 * builds the machine and runs the main loop.
 *
 * The options are QEMU's single-dash long options (-kernel, -machine),
 * which GOption cannot parse, hence the small table below.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "vemu/accel.h"
#include "vemu/arm.h"
#include "vemu/block.h"
#include "vemu/chardev.h"
#include "vemu/cpus.h"
#include "vemu/device.h"
#include "vemu/exec.h"
#include "vemu/gdbstub.h"
#include "vemu/kvm.h"
#include "vemu/monitor.h"
#include "vemu/log.h"
#include "vemu/machine.h"
#include "vemu/main-loop.h"
#include "vemu/memory.h"
#include "vemu/net.h"
#include "vemu/riscv.h"
#include "vemu/softmmu.h"
#include "vemu/target.h"
#include "vemu/x86.h"

#define VEMU_VERSION "0.1.0"

typedef enum OptId {
    OPT_MACHINE, OPT_CPU, OPT_M, OPT_SMP, OPT_KERNEL, OPT_INITRD,
    OPT_APPEND, OPT_BIOS, OPT_DTB, OPT_DRIVE, OPT_DEVICE, OPT_NETDEV,
    OPT_CHARDEV, OPT_SERIAL, OPT_MONITOR, OPT_NOGRAPHIC, OPT_DISPLAY,
    OPT_NO_REBOOT, OPT_D, OPT_D_FILE, OPT_ACCEL, OPT_S_STOPPED,
    OPT_SNAPSHOT, OPT_VERSION, OPT_HELP, OPT_NODEFAULTS, OPT_NIC,
    OPT_QMP, OPT_GDB, OPT_S_GDB, OPT_ENABLE_KVM,
} OptId;

typedef struct OptDef {
    const char *name;
    OptId id;
    bool has_arg;
    const char *help;
} OptDef;

static const OptDef opt_defs[] = {
    { "machine", OPT_MACHINE, true, "select the board (-M help lists them)" },
    { "M", OPT_MACHINE, true, NULL },
    { "cpu", OPT_CPU, true, "select the CPU model (-cpu help)" },
    { "m", OPT_M, true, "RAM size (default unit MiB; 512M, 2G)" },
    { "smp", OPT_SMP, true, "number of vCPUs (-smp N or cpus=N)" },
    { "kernel", OPT_KERNEL, true, "Linux kernel (Image or ELF)" },
    { "initrd", OPT_INITRD, true, "initial ram disk" },
    { "append", OPT_APPEND, true, "kernel command line" },
    { "bios", OPT_BIOS, true, "firmware file, or 'none'" },
    { "dtb", OPT_DTB, true, "use this device tree blob" },
    { "drive", OPT_DRIVE, true, "file=,format=raw,if=none,id=" },
    { "device", OPT_DEVICE, true, "add a device (-device help)" },
    { "netdev", OPT_NETDEV, true, "user,id=,hostfwd=..." },
    { "nic", OPT_NIC, true, NULL },
    { "chardev", OPT_CHARDEV, true, "backend,id=,..." },
    { "serial", OPT_SERIAL, true, "stdio, null, file:, pty, tcp:, unix:" },
    { "monitor", OPT_MONITOR, true, "monitor on a character device" },
    { "nographic", OPT_NOGRAPHIC, false, "serial and monitor on stdio" },
    { "display", OPT_DISPLAY, true, "none" },
    { "no-reboot", OPT_NO_REBOOT, false, "exit instead of rebooting" },
    { "nodefaults", OPT_NODEFAULTS, false, "no default serial port" },
    { "d", OPT_D, true, "log categories (-d help)" },
    { "D", OPT_D_FILE, true, "log to this file" },
    { "accel", OPT_ACCEL, true, "tcg[,backend=native|interp], kvm, "
      "kvm:tcg" },
    { "enable-kvm", OPT_ENABLE_KVM, false, "same as -accel kvm" },
    { "S", OPT_S_STOPPED, false, "start with the vCPUs stopped" },
    { "s", OPT_S_GDB, false, "gdbserver on tcp::1234 (-gdb tcp::1234)" },
    { "gdb", OPT_GDB, true, "gdbserver: tcp::PORT, unix:PATH,server=on" },
    { "qmp", OPT_QMP, true, "QMP on a chardev: unix:PATH,server=on,wait=off" },
    { "snapshot", OPT_SNAPSHOT, false, "write to temporary files" },
    { "version", OPT_VERSION, false, "print the version" },
    { "h", OPT_HELP, false, NULL },
    { "help", OPT_HELP, false, "this text" },
};

/* The guest architecture, from the executable's name (argv[0]). */
static const char *target_arch = "riscv64";
/* -accel: "tcg", "kvm" or "kvm:tcg" (KVM, else TCG); NULL: the default. */
static const char *accel_choice;

static void die(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

static void die(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fprintf(stderr, "vemu: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    chardev_cleanup_all();
    exit(1);
}

/* "vemu: -opt value: message" from a GError, and exit 1. */
static __attribute__((noreturn)) void die_opt(const char *opt, const char *val,
                               GError *err)
{
    const char *msg;

    if (!err) {
        exit(0);                /* "help" was asked for and printed */
    }
    msg = err->message;
    /* Subsystems that already name the option say so themselves. */
    if (g_str_has_prefix(msg, "-")) {
        die("%s", msg);
    }
    die("-%s %s: %s", opt, val, msg);
}

static void usage(void)
{
    printf("usage: vemu [options]\n\nOptions (as in QEMU):\n");
    for (size_t i = 0; i < G_N_ELEMENTS(opt_defs); i++) {
        if (opt_defs[i].help) {
            printf("  -%-10s %s %s\n", opt_defs[i].name,
                   opt_defs[i].has_arg ? "ARG" : "   ", opt_defs[i].help);
        }
    }
    printf("\nDuring emulation on stdio: Ctrl-A h for help, Ctrl-A x to "
           "quit.\n");
}

/* Sizes: a bare number is MiB, as in QEMU's -m. */
static uint64_t parse_ram_size(const char *s)
{
    const char *v = s;
    char *end;
    uint64_t n, mult = 1ull << 20;

    if (g_str_has_prefix(v, "size=")) {
        v += 5;
    }
    errno = 0;
    n = g_ascii_strtoull(v, &end, 10);
    if (errno || end == v) {
        die("-m %s: Parameter 'size' expects a non-negative number below "
            "2^64", s);
    }
    switch (g_ascii_toupper(*end)) {
    case '\0':
        break;
    case 'K':
        mult = 1ull << 10;
        end++;
        break;
    case 'M':
        end++;
        break;
    case 'G':
        mult = 1ull << 30;
        end++;
        break;
    case 'T':
        mult = 1ull << 40;
        end++;
        break;
    default:
        die("-m %s: Parameter 'size' expects a size", s);
    }
    if (*end == 'B' || *end == 'b') {
        end++;
    }
    if (*end || n == 0 || n > (UINT64_MAX >> 20) / (mult >> 10)) {
        die("-m %s: Parameter 'size' expects a valid size", s);
    }
    return n * mult;
}

static unsigned parse_smp(const char *s)
{
    g_auto(GStrv) parts = g_strsplit(s, ",", -1);
    unsigned n = 0;

    for (int i = 0; parts[i]; i++) {
        const char *p = parts[i];
        char *end;
        unsigned long v;

        if (g_str_has_prefix(p, "cpus=")) {
            p += 5;
        } else if (i > 0 || strchr(p, '=')) {
            /* sockets=, cores=, threads=, maxcpus=: accepted, unused */
            continue;
        }
        v = strtoul(p, &end, 10);
        if (*end || end == p || v == 0 || v > 4096) {
            die("-smp %s: Invalid number of CPUs", s);
        }
        n = (unsigned)v;
    }
    return n ? n : 1;
}

static void list_machines(void)
{
    g_autoptr(GPtrArray) list = machine_class_list();

    printf("Supported machines are:\n");
    for (guint i = 0; i < list->len; i++) {
        const MachineClass *mc = g_ptr_array_index(list, i);

        if (strcmp(mc->arch, target_arch)) {
            continue;
        }
        printf("%-20s %s%s\n", mc->name, mc->desc,
               mc->is_default ? " (default)" : "");
    }
}

static void list_cpus(const char *arch)
{
    g_autoptr(GString) out = g_string_new(NULL);

    if (!strcmp(arch, "riscv64")) {
        riscv_cpu_list(out);
    } else if (!strcmp(arch, "aarch64")) {
        arm_cpu_list(out);
    } else if (!strcmp(arch, "x86_64")) {
        x86_cpu_list(out);
    }
    printf("%s", out->str);
}

static const MachineClass *default_machine(void)
{
    g_autoptr(GPtrArray) list = machine_class_list();

    for (guint i = 0; i < list->len; i++) {
        const MachineClass *mc = g_ptr_array_index(list, i);

        if (mc->is_default && !strcmp(mc->arch, target_arch)) {
            return mc;
        }
    }
    return NULL;
}

/* -machine name[,key=val...] or type=name,... */
static MachineState *machine_from_opts(const char *spec)
{
    g_auto(GStrv) parts = g_strsplit(spec ? spec : "", ",", -1);
    const MachineClass *mc = NULL;
    MachineState *ms = g_new0(MachineState, 1);
    GString *rest = g_string_new(NULL);

    for (int i = 0; parts[i]; i++) {
        const char *p = parts[i];

        if (i == 0 && !strchr(p, '=') && *p) {
            if (!strcmp(p, "help") || !strcmp(p, "?")) {
                list_machines();
                exit(0);
            }
            mc = machine_class_find_arch(p, target_arch);
            if (!mc) {
                die("-machine %s: unsupported machine type\n"
                    "Use -machine help to list supported machines", p);
            }
        } else if (g_str_has_prefix(p, "type=")) {
            mc = machine_class_find_arch(p + 5, target_arch);
            if (!mc) {
                die("-machine %s: unsupported machine type", p + 5);
            }
        } else if (*p) {
            g_string_append_printf(rest, "%s%s", rest->len ? "," : "", p);
        }
    }
    if (!mc) {
        mc = default_machine();
        if (!mc) {
            /* As qemu-system-aarch64, which has no default board. */
            die("No machine specified, and there is no default\n"
                "Use -machine help to list supported machines");
        }
    }
    ms->mc = mc;
    ms->options = g_string_free(rest, false);
    ms->ram_size = mc->default_ram;
    ms->smp = 1;
    return ms;
}

static void machine_apply_options(MachineState *ms)
{
    g_auto(GStrv) opts = g_strsplit(ms->options, ",", -1);

    for (int i = 0; opts[i]; i++) {
        g_autofree char *key = NULL;
        const char *eq = strchr(opts[i], '=');
        GError *err = NULL;

        if (!*opts[i]) {
            continue;
        }
        key = g_strndup(opts[i], eq ? (gsize)(eq - opts[i])
                                    : strlen(opts[i]));
        if (!strcmp(key, "accel")) {
            continue;
        }
        if (!ms->mc->set_option ||
            !ms->mc->set_option(ms, key, eq ? eq + 1 : "on", &err)) {
            if (err) {
                die_opt("machine", opts[i], err);
            }
            die("-machine %s: Property '%s.%s' not found", opts[i],
                ms->mc->name, key);
        }
    }
}

/* -accel tcg[,backend=native|interp][,thread=multi] */
static const char *parse_accel(const char *spec)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", -1);
    const char *backend = NULL;

    for (int i = 0; parts[i]; i++) {
        const char *p = parts[i];

        if (i == 0) {
            if (g_str_has_prefix(p, "accel=")) {
                p += 6;
            }
            if (!strcmp(p, "help")) {
                printf("Accelerators supported in vemu:\ntcg\nkvm\n");
                exit(0);
            }
            if (!strcmp(p, "kvm") || !strcmp(p, "kvm:tcg")) {
                accel_choice = !strcmp(p, "kvm") ? "kvm" : "kvm:tcg";
                continue;
            }
            if (strcmp(p, "tcg") && strcmp(p, "tcg:kvm")) {
                die("-accel %s: invalid accelerator %s", spec, p);
            }
            accel_choice = "tcg";
        } else if (g_str_has_prefix(p, "backend=")) {
            backend = g_strdup(p + 8);
        } else if (!g_str_has_prefix(p, "thread=") &&
                   !g_str_has_prefix(p, "tb-size=")) {
            die("-accel %s: Property '%s-accel.%s' not found", spec,
                accel_choice && g_str_has_prefix(accel_choice, "kvm")
                    ? "kvm" : "tcg", p);
        }
    }
    return backend;
}

/*
 * The accelerator -accel asked for, as QEMU: "kvm:tcg" tries KVM first.
 * x86 has no TCG frontend yet, so KVM is its default and TCG an error.
 */
static void select_accel(void)
{
    const char *choice = accel_choice;
    GError *err = NULL;
    bool x86 = !strcmp(target_arch, "x86_64");

    if (!choice) {
        choice = x86 ? "kvm" : "tcg";
    }
    if (!strcmp(choice, "tcg")) {
        if (x86) {
            die("-accel tcg: the x86_64 machines need KVM (there is no "
                "x86 TCG frontend yet): use -accel kvm");
        }
        return;
    }
    if (!x86) {
        if (!strcmp(choice, "kvm:tcg")) {
            return;             /* falls back to TCG */
        }
        die("-accel kvm: KVM is not supported for this machine yet");
    }
    if (!accel_kvm_ops.init(NULL, &err)) {
        if (!strcmp(choice, "kvm:tcg")) {
            fprintf(stderr, "vemu: -accel kvm: %s\nvemu: falling back to "
                    "tcg\n", err->message);
            g_clear_error(&err);
            die("-accel tcg: the x86_64 machines need KVM (there is no "
                "x86 TCG frontend yet)");
        }
        die("-accel kvm: %s", err->message);
    }
    current_accel = &accel_kvm_ops;
}

typedef struct Opt {
    OptId id;
    const char *name;
    const char *arg;
} Opt;

static GArray *parse_argv(int argc, char **argv)
{
    GArray *opts = g_array_new(false, false, sizeof(Opt));

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const OptDef *def = NULL;
        Opt o;

        if (a[0] != '-') {
            die("%s: drive images as plain arguments are not supported; "
                "use -drive file=%s", a, a);
        }
        a += (a[1] == '-') ? 2 : 1;
        for (size_t j = 0; j < G_N_ELEMENTS(opt_defs); j++) {
            if (!strcmp(opt_defs[j].name, a)) {
                def = &opt_defs[j];
                break;
            }
        }
        if (!def) {
            die("-%s: invalid option", a);
        }
        o.id = def->id;
        o.name = def->name;
        o.arg = NULL;
        if (def->has_arg) {
            if (i + 1 >= argc) {
                die("-%s: requires an argument", a);
            }
            o.arg = argv[++i];
        }
        g_array_append_val(opts, o);
    }
    return opts;
}

/*
 * Monitors and the gdbstub, once the machine exists. A -monitor or -qmp
 * on "stdio" shares the serial port's mux (mon:stdio), as in QEMU.
 */
static void start_frontends(GArray *opts, MachineState *ms)
{
    GError *err = NULL;
    bool monitor_given = false;

    for (guint i = 0; i < opts->len; i++) {
        Opt *o = &g_array_index(opts, Opt, i);
        Chardev *chr = NULL;
        bool ok = true;

        switch (o->id) {
        case OPT_MONITOR:
        case OPT_QMP:
            monitor_given = true;
            if (!strcmp(o->arg, "none")) {
                break;
            }
            if ((!strcmp(o->arg, "stdio") || !strcmp(o->arg, "mon:stdio"))
                && ms->nb_serial && ms->serial[0] &&
                chr_is_mux(ms->serial[0])) {
                chr = ms->serial[0];
            } else {
                chr = chardev_new_from_legacy(o->arg, o->name, &err);
                if (!chr) {
                    die_opt(o->name, o->arg, err);
                }
            }
            ok = o->id == OPT_QMP ? monitor_init_qmp(chr, &err)
                                  : monitor_init_hmp(chr, &err);
            break;
        case OPT_GDB:
            ok = gdbserver_start(o->arg, &err);
            break;
        case OPT_S_GDB:
            ok = gdbserver_start("tcp::1234", &err);
            break;
        default:
            break;
        }
        if (!ok) {
            die_opt(o->name, o->arg ? o->arg : "", err);
        }
    }
    /* As QEMU: without -monitor/-qmp, the human monitor shares the
     * serial port's mux (mon:stdio, -nographic's default): Ctrl-A c. */
    if (!monitor_given && ms->nb_serial && ms->serial[0] &&
        chr_is_mux(ms->serial[0]) &&
        !monitor_init_hmp(ms->serial[0], &err)) {
        die("-monitor: %s", err ? err->message : "cannot attach");
    }
}

int main(int argc, char **argv)
{
    g_autoptr(GArray) opts = parse_argv(argc, argv);
    const char *machine_spec = NULL, *backend = NULL;
    const char *cpu_spec = NULL;
    GPtrArray *serials = g_ptr_array_new();
    bool nographic = false, start_stopped = false, nodefaults = false;
    MachineState *ms;
    char *errmsg = NULL;
    GError *err = NULL;
    int status;

    target_arch = machine_arch_from_progname(argc > 0 ? argv[0] : NULL);
    /* First pass: what decides everything else. */
    for (guint i = 0; i < opts->len; i++) {
        Opt *o = &g_array_index(opts, Opt, i);

        switch (o->id) {
        case OPT_HELP:
            usage();
            return 0;
        case OPT_VERSION:
            printf("vemu version " VEMU_VERSION " (QEMU 7.2 compatible "
                   "command line)\n");
            return 0;
        case OPT_MACHINE:
            machine_spec = o->arg;
            break;
        case OPT_CPU:
            cpu_spec = o->arg;
            break;
        case OPT_D: {
            int mask;

            if (!strcmp(o->arg, "help")) {
                vemu_log_help(stdout);
                return 0;
            }
            if (!vemu_log_parse(o->arg, &mask, &errmsg)) {
                die("-d %s: %s", o->arg, errmsg);
            }
            vemu_loglevel = mask;
            break;
        }
        case OPT_D_FILE:
            if (!vemu_log_set_file(o->arg, &errmsg)) {
                die("-D %s: %s", o->arg, errmsg);
            }
            break;
        case OPT_ACCEL:
            backend = parse_accel(o->arg);
            break;
        case OPT_ENABLE_KVM:
            accel_choice = "kvm";
            break;
        default:
            break;
        }
    }
    select_accel();

    if (cpu_spec && (!strcmp(cpu_spec, "help") || !strcmp(cpu_spec, "?"))) {
        list_cpus(target_arch);
        return 0;
    }
    if (cpu_spec && !strcmp(target_arch, "x86_64") &&
        !x86_cpu_model_valid(cpu_spec)) {
        die("-cpu %s: unable to find CPU model '%s'", cpu_spec, cpu_spec);
    }
    ms = machine_from_opts(machine_spec);
    current_machine = ms;

    softmmu_enabled = true;
    if (!tcg_exec_init(backend, 0, &errmsg)) {
        die("-accel tcg: %s", errmsg);
    }
    if (!current_accel->init(NULL, &err)) {
        die("-accel %s: %s", current_accel->name, err->message);
    }
    chardev_init();
    block_init();
    net_init();

    /* Second pass: backends, in command line order. */
    for (guint i = 0; i < opts->len; i++) {
        Opt *o = &g_array_index(opts, Opt, i);

        switch (o->id) {
        case OPT_M:
            ms->ram_size = parse_ram_size(o->arg);
            break;
        case OPT_SMP:
            ms->smp = parse_smp(o->arg);
            break;
        case OPT_KERNEL:
            ms->kernel = g_strdup(o->arg);
            break;
        case OPT_INITRD:
            ms->initrd = g_strdup(o->arg);
            break;
        case OPT_APPEND:
            ms->append = g_strdup(o->arg);
            break;
        case OPT_BIOS:
            ms->bios = g_strdup(o->arg);
            break;
        case OPT_DTB:
            ms->dtb = g_strdup(o->arg);
            break;
        case OPT_CHARDEV:
            if (!chardev_new_from_opts(o->arg, &err)) {
                die_opt(o->name, o->arg, err);
            }
            break;
        case OPT_DRIVE:
            if (!drive_add_opts(o->arg, &err)) {
                die_opt(o->name, o->arg, err);
            }
            break;
        case OPT_NETDEV:
            if (!netdev_add_opts(o->arg, &err)) {
                die_opt(o->name, o->arg, err);
            }
            break;
        case OPT_NIC:
            die("-nic %s: use -netdev user,id=n0 -device "
                "virtio-net-device,netdev=n0", o->arg);
        case OPT_SERIAL:
            g_ptr_array_add(serials, (gpointer)o->arg);
            break;
        case OPT_MONITOR:
        case OPT_QMP:
        case OPT_GDB:
        case OPT_S_GDB:
            break;              /* after the board: see start_frontends */
        case OPT_NOGRAPHIC:
            nographic = true;
            break;
        case OPT_DISPLAY:
            if (strcmp(o->arg, "none") && strcmp(o->arg, "nographic")) {
                die("-display %s: only 'none' is supported", o->arg);
            }
            break;
        case OPT_NO_REBOOT:
            no_reboot = true;
            break;
        case OPT_NODEFAULTS:
            nodefaults = true;
            break;
        case OPT_S_STOPPED:
            start_stopped = true;
            break;
        case OPT_SNAPSHOT:
            drive_set_snapshot_all();
            break;
        default:
            break;
        }
    }

    /*
     * Serial ports: -serial in order; else the first UART on stdio (a mux,
     * so Ctrl-A x works), as -nographic does in QEMU. vemu has no window,
     * so the default is the same with or without -nographic.
     */
    if (serials->len == 0 && !nodefaults) {
        g_ptr_array_add(serials, "mon:stdio");
    }
    (void)nographic;
    for (guint i = 0; i < serials->len && i < G_N_ELEMENTS(ms->serial);
         i++) {
        const char *spec = g_ptr_array_index(serials, i);

        ms->serial[i] = chardev_new_from_legacy(spec, "serial", &err);
        if (!ms->serial[i] && err) {
            die_opt("serial", spec, err);
        }
        ms->nb_serial = i + 1;
    }

    ms->cpu_type = cpu_spec ? g_strdup(cpu_spec) : NULL;
    if (ms->mc->max_cpus && ms->smp > ms->mc->max_cpus) {
        die("-smp %u: Invalid SMP CPUs %u. The max CPUs supported by "
            "machine '%s' is %u", ms->smp, ms->smp, ms->mc->name,
            ms->mc->max_cpus);
    }
    machine_apply_options(ms);

    bql_lock();
    if (!ms->mc->init(ms, &err)) {
        die("%s", err ? err->message : "machine initialisation failed");
    }
    /* -device after the board: the buses they plug into exist now. */
    for (guint i = 0; i < opts->len; i++) {
        Opt *o = &g_array_index(opts, Opt, i);

        if (o->id == OPT_DEVICE) {
            if (!device_add_opts(o->arg, &err)) {
                if (!err) {
                    return 0;       /* help was printed */
                }
                die_opt(o->name, o->arg, err);
            }
        }
    }

    /* -drive if=virtio: a virtio-blk-device each, as QEMU's virt does. */
    for (BlockBackend *blk = blk_next(NULL); blk; blk = blk_next(blk)) {
        g_autofree char *spec = NULL;

        if (blk_interface(blk) != IF_VIRTIO || blk_get_attached_dev(blk)) {
            continue;
        }
        spec = g_strdup_printf("virtio-blk-device,drive=%s", blk_name(blk));
        if (!device_add_opts(spec, &err)) {
            die("-drive %s: %s", blk_name(blk),
                err ? err->message : "cannot create its device");
        }
    }

    start_frontends(opts, ms);
    reset_run_all();
    devices_reset_all();
    cpus_start_all();
    if (!start_stopped) {
        vm_start();
    }
    status = main_loop_run();
    bql_unlock();
    chardev_cleanup_all();
    block_cleanup_all();
    if (vemu_logfile) {
        fflush(vemu_logfile);
    }
    /* vCPU threads may be running: leave without tearing them down. */
    fflush(stdout);
    _exit(status);
}
