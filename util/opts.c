/* SPDX-License-Identifier: MIT */
/* QEMU option-string helpers: elements with ",," escapes, booleans. */
#include <glib.h>

#include "vemu/opts.h"

char *opts_next_element(const char **pp)
{
    GString *s = g_string_new(NULL);
    const char *p = *pp;

    while (*p) {
        if (*p == ',') {
            if (p[1] == ',') {
                g_string_append_c(s, ',');
                p += 2;
                continue;
            }
            p++;
            break;
        }
        g_string_append_c(s, *p++);
    }
    *pp = p;
    return g_string_free(s, FALSE);
}

bool opts_parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = { "on", "true", "yes" };
    static const char *const no[] = { "off", "false", "no" };

    for (unsigned i = 0; i < G_N_ELEMENTS(yes); i++) {
        if (g_ascii_strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (g_ascii_strcasecmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}
