/* SPDX-License-Identifier: MIT */
/* The GDB remote protocol server (gdbstub/). */
#ifndef VEMU_GDBSTUB_H
#define VEMU_GDBSTUB_H

#include <stdbool.h>

#include <glib.h>

#include "vemu/cpu.h"

/*
 * System mode: listen as -gdb does ("tcp::1234", "tcp:HOST:PORT",
 * "unix:PATH[,server=on]", "chardev:ID"); -s is "tcp::1234".
 */
bool gdbserver_start(const char *spec, GError **errp);

/* A vCPU stopped on a breakpoint, watchpoint or single step
 * (cpu_exec returned EXCP_DEBUG): tell the debugger. vCPU thread. */
void gdb_cpu_debug_stop(CPUState *cpu);

#endif
