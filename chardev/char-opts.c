/* SPDX-License-Identifier: MIT */
/* Parsing of "backend,key=value,..." chardev option strings (",," escapes). */
#include <string.h>

#include "chardev/char-internal.h"
#include "vemu/opts.h"

static void chr_opt_free(gpointer p)
{
    ChrOpt *opt = p;

    g_free(opt->key);
    g_free(opt->val);
    g_free(opt);
}

void chr_error(GError **errp, const ChrOpts *o, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(errp, CHR_ERROR, 0, "%s: %s",
                o && o->where ? o->where : "-chardev", msg);
    g_free(msg);
}

void chr_opts_set(ChrOpts *o, const char *key, const char *val)
{
    ChrOpt *opt = g_new0(ChrOpt, 1);

    opt->key = g_strdup(key);
    opt->val = g_strdup(val);
    g_ptr_array_add(o->opts, opt);
}

ChrOpts *chr_opts_parse(const char *where, const char *str,
                        bool first_is_backend, GError **errp)
{
    ChrOpts *o = g_new0(ChrOpts, 1);
    const char *p = str;
    bool first = true;

    o->opts = g_ptr_array_new_with_free_func(chr_opt_free);
    o->where = g_strdup(where);
    while (*p || first) {
        char *elem = opts_next_element(&p);
        char *eq = strchr(elem, '=');

        if (first && first_is_backend && !eq) {
            o->backend = elem;
            first = false;
            continue;
        }
        first = false;
        if (elem[0] == '\0' || eq == elem) {
            /* "a,,b" is an escape, but "a,=x" or a trailing "," is not */
            if (elem[0] == '\0' && *p == '\0') {
                g_free(elem);
                break;
            }
            chr_error(errp, o, "Invalid parameter '%s'", elem);
            g_free(elem);
            chr_opts_free(o);
            return NULL;
        }
        if (eq) {
            *eq = '\0';
            chr_opts_set(o, elem, eq + 1);
        } else {
            ChrOpt *opt;

            chr_opts_set(o, elem, "on");
            opt = g_ptr_array_index(o->opts, o->opts->len - 1);
            opt->bare = true;
        }
        g_free(elem);
    }
    if (!o->backend) {
        const char *b = chr_opts_get(o, "backend");

        o->backend = g_strdup(b);
    }
    return o;
}

void chr_opts_free(ChrOpts *o)
{
    if (!o) {
        return;
    }
    g_ptr_array_free(o->opts, TRUE);
    g_free(o->backend);
    g_free(o->where);
    g_free(o);
}

const char *chr_opts_get(const ChrOpts *o, const char *key)
{
    for (guint i = o->opts->len; i > 0; i--) {
        ChrOpt *opt = g_ptr_array_index(o->opts, i - 1);

        if (strcmp(opt->key, key) == 0) {
            return opt->val;
        }
    }
    return NULL;
}

bool chr_opts_get_bool(const ChrOpts *o, const char *key, bool def,
                       bool *out, GError **errp)
{
    static const char *const yes[] = { "on", "yes", "true", "y" };
    static const char *const no[] = { "off", "no", "false", "n" };
    const char *v = chr_opts_get(o, key);

    *out = def;
    if (!v) {
        return true;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(yes); i++) {
        if (strcmp(v, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcmp(v, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    chr_error(errp, o, "Parameter '%s' expects 'on' or 'off'", key);
    return false;
}
