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

/*
 * User mode (vemu-user -g PORT, gdbstub/gdbstub-user.c): listen and wait
 * for gdb to connect. Then gdb_user_wait_start() serves it until it
 * resumes the guest, before the first insn.
 */
bool gdbserver_start_user(const char *port, GError **errp);
bool gdb_user_connected(void);
void gdb_user_wait_start(CPUState *cpu);
/* EXCP_DEBUG in the cpu loop: report to gdb and serve it until it
 * resumes. False when no debugger is attached (deliver SIGTRAP). */
bool gdb_user_debug_stop(CPUState *cpu, int signo);
/* The guest process ends: exit status, or the killing signal (nonzero). */
void gdb_user_exit(int status, int signo);

#endif
