/* SPDX-License-Identifier: MIT */
/* Placeholder until the gdbstub exists: -s/-gdb say so. */
#include "vemu/gdbstub.h"

bool gdbserver_start(const char *spec, GError **errp)
{
    g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                "the gdbstub is not available yet");
    return false;
}

void gdb_cpu_debug_stop(CPUState *cpu)
{
}
