/* SPDX-License-Identifier: MIT */
/* Placeholder until the monitors exist: -qmp/-monitor say so. */
#include "vemu/monitor.h"

bool monitor_init_qmp(struct Chardev *chr, GError **errp)
{
    g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                "QMP is not available yet");
    return false;
}

bool monitor_init_hmp(struct Chardev *chr, GError **errp)
{
    g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                "the human monitor is not available yet");
    return false;
}
