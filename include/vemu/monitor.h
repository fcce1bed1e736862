/* SPDX-License-Identifier: MIT */
/*
 * The monitors: QMP (QEMU's JSON machine protocol) and HMP (the human
 * monitor), each on a character device (monitor/).
 */
#ifndef VEMU_MONITOR_H
#define VEMU_MONITOR_H

#include <stdbool.h>

#include <glib.h>

struct Chardev;

/* Attach a QMP server to chr (its greeting goes out on connect). */
bool monitor_init_qmp(struct Chardev *chr, GError **errp);
/* Attach the human monitor to chr (a mux frontend on mon:stdio). */
bool monitor_init_hmp(struct Chardev *chr, GError **errp);

/*
 * Run one human monitor command line ("info registers", "xp /4xw 0x0")
 * and return its output (g_free it): for QMP's human-monitor-command and
 * the gdbstub's "monitor" command. Main loop thread, BQL held.
 */
char *hmp_run_command(const char *line);

#endif
