/* SPDX-License-Identifier: MIT */
/* vemu-user: command line, target choice and start of the guest program. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/user-int.h"
#include "vemu/exec.h"
#include "vemu/gdbstub.h"
#include "vemu/log.h"
#include "vemu/target.h"

#ifndef VEMU_VERSION
#define VEMU_VERSION "0.1.0"
#endif

/* Default guest address space: riscv64 user space under Sv39, 256 GiB. */
#define GUEST_ADDR_BITS 38

const char *user_sysroot;
bool user_strace;
const char *user_exec_path;
const char *vemu_self_path;
const UserArchOps *user_arch;
char **user_reexec_args;
const char *user_cpu_model;

/* The architectures this binary runs, picked by the ELF header. */
const UserArchOps *const user_archs[] = {
    &user_arch_riscv64,
    &user_arch_aarch64,
    NULL,
};

const UserArchOps *user_arch_for_target(const TargetInfo *target)
{
    for (int i = 0; target && user_archs[i]; i++) {
        if (user_archs[i]->target == target) {
            return user_archs[i];
        }
    }
    return NULL;
}

/*
 * Invoked as vemu-<arch> (a symlink to vemu-user): the architecture that
 * name asks for, or NULL for vemu-user itself (any architecture).
 */
static const UserArchOps *arch_by_prog_name(const char *base)
{
    if (!g_str_has_prefix(base, "vemu-")) {
        return NULL;
    }
    for (int i = 0; user_archs[i]; i++) {
        const TargetInfo *t = user_archs[i]->target;

        if (t && !strcmp(base + 5, t->name)) {
            return user_archs[i];
        }
    }
    return NULL;
}

static const char *prog_name = "vemu-user";

static void G_GNUC_NORETURN G_GNUC_PRINTF(1, 2) die(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", prog_name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void usage(FILE *f)
{
    fprintf(f,
"usage: %s [options] program [arguments...]\n"
"Linux user-mode emulation: runs a riscv64 or aarch64 Linux program on\n"
"this host (the architecture is the program's ELF machine).\n"
"\n"
"Options:\n"
"  -h, -help              print this help and exit\n"
"  -version               print the version and exit\n"
"  -L path                sysroot for the ELF interpreter and libraries\n"
"                         (default: $VEMU_LD_PREFIX)\n"
"  -E var=value           set an environment variable for the guest\n"
"  -U var                 remove an environment variable for the guest\n"
"  -0 argv0               the guest's argv[0] (default: program)\n"
"  -cpu model             CPU model (-cpu help for the list)\n"
"  -accel tcg[,backend=native|interp]\n"
"                         accelerator; backend selects the JIT or the\n"
"                         bytecode interpreter\n"
"  -s size                guest stack size (suffixes k, M, G)\n"
"  -d item1,...           log items (-d help for the list)\n"
"  -D logfile             write the log to logfile instead of stderr\n"
"  -g port                wait for gdb on TCP port before the first insn\n"
"  -strace                log system calls\n"
"  -one-insn-per-tb       translate one instruction per block\n",
            prog_name);
}

static bool parse_size(const char *s, abi_ulong *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 0);
    if (errno || end == s) {
        return false;
    }
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    if (*end || v == 0) {
        return false;
    }
    *out = v;
    return true;
}

/* "tcg[,backend=native|interp]": returns the backend name or NULL. */
static const char *parse_accel(const char *spec)
{
    gchar **parts = g_strsplit(spec, ",", -1);
    const char *backend = "native";

    if (!parts[0] || strcmp(parts[0], "tcg") != 0) {
        die("-accel %s: unknown accelerator (only tcg is available in "
            "user mode)", spec);
    }
    for (int i = 1; parts[i]; i++) {
        if (g_str_has_prefix(parts[i], "backend=")) {
            const char *b = parts[i] + strlen("backend=");

            if (strcmp(b, "native") && strcmp(b, "interp")) {
                die("-accel %s: backend must be native or interp", spec);
            }
            backend = g_intern_string(b);
        } else if (!g_str_has_prefix(parts[i], "thread=") &&
                   !g_str_has_prefix(parts[i], "tb-size=")) {
            die("-accel %s: unknown property '%s'", spec, parts[i]);
        }
    }
    g_strfreev(parts);
    return backend;
}

static void check_cpu_model(const char *model)
{
    /* riscv64, then aarch64 models: the program picks the architecture. */
    static const char *const models[] = {
        "any", "max", "rv64", "rv64gc",
        "cortex-a53", "cortex-a57", "cortex-a72",
    };

    if (!strcmp(model, "help")) {
        printf("Available CPUs:\n");
        for (size_t i = 0; i < G_N_ELEMENTS(models); i++) {
            printf("  %s\n", models[i]);
        }
        exit(0);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(models); i++) {
        if (!strcmp(model, models[i])) {
            return;
        }
    }
    die("-cpu %s: unknown CPU model (-cpu help for the list)", model);
}

typedef struct Options {
    const char *argv0;
    const char *backend;
    const char *log_spec;
    const char *log_file;
    const char *cpu_model;
    const char *stack_arg;
    bool singlestep;
    const char *gdb_port;   /* -g: wait for gdb on this TCP port */
    GPtrArray *env_ops;     /* "var=value" to set, or "var" to unset */
} Options;

/* Parse options up to the program name; returns its index in argv. */
static int parse_options(int argc, char **argv, Options *o)
{
    int i = 1;

    while (i < argc && argv[i][0] == '-') {
        const char *opt = argv[i] + 1;
        const char *arg = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes_arg = true;

        if (!strcmp(argv[i], "--")) {
            return i + 1;
        }
        if (opt[0] == '-') {
            opt++;
        }
        if (!strcmp(opt, "h") || !strcmp(opt, "help")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(opt, "version")) {
            printf("vemu-user version %s\n", VEMU_VERSION);
            exit(0);
        } else if (!strcmp(opt, "strace")) {
            user_strace = true;
            takes_arg = false;
        } else if (!strcmp(opt, "one-insn-per-tb") ||
                   !strcmp(opt, "singlestep")) {
            o->singlestep = true;
            takes_arg = false;
        } else if (!arg && (!strcmp(opt, "L") || !strcmp(opt, "E") ||
                            !strcmp(opt, "U") || !strcmp(opt, "0") ||
                            !strcmp(opt, "cpu") || !strcmp(opt, "accel") ||
                            !strcmp(opt, "d") || !strcmp(opt, "D") ||
                            !strcmp(opt, "s") || !strcmp(opt, "g"))) {
            die("%s: option requires an argument", argv[i]);
        } else if (!strcmp(opt, "L")) {
            user_sysroot = arg;
        } else if (!strcmp(opt, "E")) {
            if (!strchr(arg, '=')) {
                die("-E %s: expected var=value", arg);
            }
            g_ptr_array_add(o->env_ops, (gpointer)arg);
        } else if (!strcmp(opt, "U")) {
            if (strchr(arg, '=')) {
                die("-U %s: expected a variable name", arg);
            }
            g_ptr_array_add(o->env_ops, (gpointer)arg);
        } else if (!strcmp(opt, "0")) {
            o->argv0 = arg;
        } else if (!strcmp(opt, "cpu")) {
            check_cpu_model(arg);
            o->cpu_model = arg;
            user_cpu_model = arg;
        } else if (!strcmp(opt, "accel")) {
            o->backend = parse_accel(arg);
        } else if (!strcmp(opt, "d")) {
            if (!strcmp(arg, "help")) {
                vemu_log_help(stdout);
                exit(0);
            }
            o->log_spec = arg;
        } else if (!strcmp(opt, "D")) {
            o->log_file = arg;
        } else if (!strcmp(opt, "g")) {
            o->gdb_port = arg;
        } else if (!strcmp(opt, "s")) {
            if (!parse_size(arg, &user_stack_size)) {
                die("-s %s: invalid stack size", arg);
            }
            o->stack_arg = arg;
        } else {
            die("%s: unknown option (-h for help)", argv[i]);
        }
        i += takes_arg ? 2 : 1;
    }
    return i;
}

static void setup_logging(const Options *o)
{
    char *err = NULL;
    int mask = 0;

    if (o->log_spec) {
        if (!vemu_log_parse(o->log_spec, &mask, &err)) {
            die("-d %s: %s", o->log_spec, err);
        }
        vemu_loglevel = mask;
        if (mask & LOG_STRACE) {
            user_strace = true;
        }
    }
    if (o->log_file && !vemu_log_set_file(o->log_file, &err)) {
        die("-D %s: %s", o->log_file, err);
    }
}

static char **build_guest_env(const Options *o)
{
    char **env = g_get_environ();

    for (guint i = 0; i < o->env_ops->len; i++) {
        const char *op = g_ptr_array_index(o->env_ops, i);
        const char *eq = strchr(op, '=');

        if (eq) {
            char *name = g_strndup(op, eq - op);

            env = g_environ_setenv(env, name, eq + 1, true);
            g_free(name);
        } else {
            env = g_environ_unsetenv(env, op);
        }
    }
    return env;
}

/* The options a re-exec of vemu (guest execve) must carry over. */
static void build_reexec_args(const Options *o)
{
    GPtrArray *a = g_ptr_array_new();

    if (user_sysroot) {
        g_ptr_array_add(a, "-L");
        g_ptr_array_add(a, (gpointer)user_sysroot);
    }
    if (user_strace) {
        g_ptr_array_add(a, "-strace");
    }
    if (o->log_spec) {
        g_ptr_array_add(a, "-d");
        g_ptr_array_add(a, (gpointer)o->log_spec);
    }
    if (o->log_file) {
        g_ptr_array_add(a, "-D");
        g_ptr_array_add(a, (gpointer)o->log_file);
    }
    if (o->backend) {
        g_ptr_array_add(a, "-accel");
        g_ptr_array_add(a, g_strconcat("tcg,backend=", o->backend, NULL));
    }
    if (o->cpu_model) {
        g_ptr_array_add(a, "-cpu");
        g_ptr_array_add(a, (gpointer)o->cpu_model);
    }
    if (o->stack_arg) {
        g_ptr_array_add(a, "-s");
        g_ptr_array_add(a, (gpointer)o->stack_arg);
    }
    if (o->singlestep) {
        g_ptr_array_add(a, "-one-insn-per-tb");
    }
    g_ptr_array_add(a, NULL);
    user_reexec_args = (char **)g_ptr_array_free(a, false);
}

static const TargetInfo *pick_target(const char *path,
                                     const UserArchOps *only)
{
    uint16_t machine;
    unsigned elf_class;
    char *err = NULL;
    const TargetInfo *t;

    if (elf_probe(path, &machine, &elf_class, &err) != 0) {
        die("%s: %s", path, err);
    }
    t = target_by_elf_machine(machine, elf_class);
    if (only && t != only->target) {
        die("%s: ELF for %s, not %s", path,
            elf_machine_name(machine, elf_class), only->target->name);
    }
    if (!t || !user_arch_for_target(t)) {
        die("%s: ELF for %s, not a supported guest architecture", path,
            elf_machine_name(machine, elf_class));
    }
    return t;
}

int main(int argc, char **argv)
{
    Options o = { 0 };
    const TargetInfo *target;
    char *base = g_path_get_basename(argv[0]);
    const UserArchOps *only = arch_by_prog_name(base);
    char **guest_argv, **guest_env;
    ImageInfo *info = g_new0(ImageInfo, 1);
    TaskState *ts;
    CPUState *cpu;
    GError *gerr = NULL;
    char *err = NULL;
    const char *path;
    int first;

    prog_name = only ? g_strdup(base) : "vemu-user";
    g_free(base);
    o.env_ops = g_ptr_array_new();
    user_sysroot = g_getenv("VEMU_LD_PREFIX");
    if (!user_sysroot) {
        user_sysroot = g_getenv("QEMU_LD_PREFIX");
    }
    if (g_getenv("VEMU_STRACE")) {
        user_strace = true;
    }
    first = parse_options(argc, argv, &o);
    if (first >= argc) {
        die("no program given (-h for help)");
    }
    setup_logging(&o);
    path = argv[first];
    target = pick_target(path, only);
    user_arch = user_arch_for_target(target);

    user_exec_path = realpath(path, NULL);
    if (!user_exec_path) {
        user_exec_path = path;
    }
    vemu_self_path = g_file_read_link("/proc/self/exe", NULL);
    if (!vemu_self_path) {
        vemu_self_path = argv[0];
    }
    build_reexec_args(&o);

    if (!tcg_exec_init(o.backend ? o.backend : "native", 0, &err)) {
        die("-accel: %s", err);
    }
    if (!guest_space_init(user_arch->guest_addr_bits
                          ? user_arch->guest_addr_bits : GUEST_ADDR_BITS,
                          &err)) {
        die("%s", err);
    }
    user_exec_init();
    signal_init();

    cpu = cpu_create(target);
    if (o.singlestep) {
        cpu->singlestep = 1;
    }
    ts = task_state_new(info);
    cpu->opaque = ts;
    cpu->thread = pthread_self();
    current_cpu = cpu;

    guest_argv = g_new0(char *, argc - first + 1);
    for (int i = first; i < argc; i++) {
        guest_argv[i - first] = argv[i];
    }
    if (o.argv0) {
        guest_argv[0] = (char *)o.argv0;
    }
    guest_env = build_guest_env(&o);
    if (loader_exec(path, guest_argv, guest_env, target, info, &err) != 0) {
        die("%s: %s", path, err);
    }
    user_arch->init_thread(cpu, info);
    if (o.gdb_port) {
        if (!gdbserver_start_user(o.gdb_port, &gerr)) {
            die("%s", gerr->message);
        }
        gdb_user_wait_start(cpu);
    }
    user_arch->cpu_loop(cpu);
}
