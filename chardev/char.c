/* SPDX-License-Identifier: MIT */
/* Chardev core: the id registry, -chardev/-serial parsing, frontends. */
#include <ctype.h>
#include <string.h>

#include "chardev/char-internal.h"

static const ChardevClass *const chr_classes[] = {
    &chr_null_class, &chr_file_class, &chr_stdio_class,
    &chr_pty_class, &chr_socket_class,
};

/* id -> Chardev *, in creation order for cleanup */
static GHashTable *chr_registry;
static GPtrArray *chr_list;

static const ChardevClass *chr_class_find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(chr_classes); i++) {
        if (strcmp(chr_classes[i]->name, name) == 0) {
            return chr_classes[i];
        }
    }
    return NULL;
}

Chardev *chardev_find(const char *id)
{
    if (!chr_registry || !id) {
        return NULL;
    }
    return g_hash_table_lookup(chr_registry, id);
}

void chardev_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque)
{
    for (guint i = 0; chr_list && i < chr_list->len; i++) {
        fn(g_ptr_array_index(chr_list, i), opaque);
    }
}

bool chardev_is_open(const Chardev *chr)
{
    return chr->be_open;
}

const char *chardev_id(const Chardev *chr)
{
    return chr->id;
}

const char *chardev_filename(const Chardev *chr)
{
    return chr->filename ? chr->filename : chr->cls->name;
}

bool chr_is_mux(const Chardev *chr)
{
    return chr->cls == &chr_mux_class;
}

static void chr_free(Chardev *chr)
{
    g_mutex_clear(&chr->write_lock);
    g_free(chr->id);
    g_free(chr->filename);
    g_free(chr);
}

Chardev *chr_create(const ChardevClass *cls, const char *id,
                    const ChrOpts *opts, GError **errp)
{
    Chardev *chr;

    if (chardev_find(id)) {
        chr_error(errp, opts, "Duplicate ID '%s' for chardev", id);
        return NULL;
    }
    chr = g_malloc0(cls->instance_size);
    chr->cls = cls;
    chr->id = g_strdup(id);
    g_mutex_init(&chr->write_lock);
    /* Without a peer to wait for, a backend is open from the start. */
    chr->be_open = true;
    if (cls->open && !cls->open(chr, opts, errp)) {
        chr_free(chr);
        return NULL;
    }
    if (!chr_registry) {
        chr_registry = g_hash_table_new(g_str_hash, g_str_equal);
        chr_list = g_ptr_array_new();
    }
    g_hash_table_insert(chr_registry, chr->id, chr);
    g_ptr_array_add(chr_list, chr);
    return chr;
}

static bool opt_in(const char *const *list, const char *key)
{
    for (; list && *list; list++) {
        if (strcmp(*list, key) == 0) {
            return true;
        }
    }
    return false;
}

/*
 * Reject options the backend does not know, and turn the old "nowait" /
 * "noserver" spelling of booleans into wait=off / server=off.
 */
static bool chr_opts_check(ChrOpts *o, const ChardevClass *cls,
                           GError **errp)
{
    static const char *const common[] = { "backend", "id", "mux", NULL };

    for (guint i = 0; i < o->opts->len; i++) {
        ChrOpt *opt = g_ptr_array_index(o->opts, i);

        if (opt_in(common, opt->key) || opt_in(cls->opts, opt->key)) {
            continue;
        }
        if (opt->bare && g_str_has_prefix(opt->key, "no") &&
            opt_in(cls->bool_opts, opt->key + 2)) {
            char *k = g_strdup(opt->key + 2);

            g_free(opt->key);
            g_free(opt->val);
            opt->key = k;
            opt->val = g_strdup("off");
            continue;
        }
        chr_error(errp, o, "Invalid parameter '%s'", opt->key);
        return false;
    }
    return true;
}

static Chardev *chr_new_parsed(ChrOpts *o, GError **errp)
{
    const ChardevClass *cls;
    const char *id = chr_opts_get(o, "id");
    Chardev *chr;
    bool mux;

    if (!o->backend || !o->backend[0]) {
        chr_error(errp, o, "Parameter 'backend' is missing");
        return NULL;
    }
    cls = chr_class_find(o->backend);
    if (!cls) {
        chr_error(errp, o, "'%s' is not a valid char driver name",
                  o->backend);
        return NULL;
    }
    if (!id || !id[0]) {
        chr_error(errp, o, "Parameter 'id' is missing");
        return NULL;
    }
    if (!chr_opts_check(o, cls, errp) ||
        !chr_opts_get_bool(o, "mux", false, &mux, errp)) {
        return NULL;
    }
    if (chardev_find(id)) {
        chr_error(errp, o, "Duplicate ID '%s' for chardev", id);
        return NULL;
    }
    if (mux) {
        /* QEMU's naming: the backend is "<id>-base", the mux is "<id>" */
        char *base_id = g_strdup_printf("%s-base", id);
        Chardev *base = chr_create(cls, base_id, o, errp);

        g_free(base_id);
        if (!base) {
            return NULL;
        }
        chr = chr_mux_create(id, base, errp);
    } else {
        chr = chr_create(cls, id, o, errp);
    }
    return chr;
}

Chardev *chardev_new_from_opts(const char *optarg, GError **errp)
{
    char *where = g_strdup_printf("-chardev %s", optarg);
    ChrOpts *o = chr_opts_parse(where, optarg, true, errp);
    Chardev *chr = NULL;

    g_free(where);
    if (o) {
        chr = chr_new_parsed(o, errp);
        chr_opts_free(o);
    }
    return chr;
}

/* "serial" -> "-serial", "compat_monitor0" -> "-monitor" for messages */
static char *legacy_option_name(const char *prefix)
{
    size_t n = strlen(prefix);

    while (n > 0 && isdigit((unsigned char)prefix[n - 1])) {
        n--;
    }
    if (n > 7 && strncmp(prefix, "compat_", 7) == 0) {
        prefix += 7;
        n -= 7;
    }
    return g_strdup_printf("-%.*s", (int)n, prefix);
}

/* A prefix ending in an unused number is taken as is, else append one. */
static char *legacy_new_id(const char *prefix)
{
    size_t n = strlen(prefix);

    if (n > 0 && isdigit((unsigned char)prefix[n - 1]) &&
        !chardev_find(prefix)) {
        return g_strdup(prefix);
    }
    for (int i = 0;; i++) {
        char *id = g_strdup_printf("%s%d", prefix, i);

        if (!chardev_find(id)) {
            return id;
        }
        g_free(id);
    }
}

/* "host:port" or "[v6]:port" of tcp:/telnet: into host= and port= */
static bool legacy_host_port(ChrOpts *o, const char *addr, GError **errp)
{
    const char *colon;
    char *host;

    if (addr[0] == '[') {
        const char *end = strchr(addr, ']');

        if (!end || end[1] != ':') {
            chr_error(errp, o, "error parsing address '%s'", addr);
            return false;
        }
        host = g_strndup(addr + 1, end - addr - 1);
        colon = end + 1;
    } else {
        colon = strrchr(addr, ':');
        if (!colon) {
            chr_error(errp, o, "error parsing address '%s'", addr);
            return false;
        }
        host = g_strndup(addr, colon - addr);
    }
    chr_opts_set(o, "host", host);
    chr_opts_set(o, "port", colon + 1);
    g_free(host);
    return true;
}

/*
 * The old syntax: a backend name, or "kind:rest" where rest may carry
 * ",key=value" options (tcp:, unix:). Builds the same ChrOpts -chardev
 * would have given.
 */
static ChrOpts *legacy_parse(const char *where, const char *spec,
                             const char *id, GError **errp)
{
    static const char *const plain[] = { "null", "stdio", "pty", NULL };
    ChrOpts *o;
    const char *rest;

    if (opt_in(plain, spec)) {
        o = chr_opts_parse(where, "", false, errp);
        o->backend = g_strdup(spec);
    } else if ((rest = g_str_has_prefix(spec, "file:") ? spec + 5 : NULL)) {
        o = chr_opts_parse(where, "", false, errp);
        o->backend = g_strdup("file");
        chr_opts_set(o, "path", rest);
    } else if (g_str_has_prefix(spec, "tcp:") ||
               g_str_has_prefix(spec, "telnet:") ||
               g_str_has_prefix(spec, "unix:")) {
        const char *colon = strchr(spec, ':');
        const char *comma = strchr(colon, ',');
        char *addr = comma ? g_strndup(colon + 1, comma - colon - 1)
                           : g_strdup(colon + 1);

        o = chr_opts_parse(where, comma ? comma + 1 : "", false, errp);
        if (!o) {
            g_free(addr);
            return NULL;
        }
        o->backend = g_strdup("socket");
        if (spec[0] == 'u') {
            chr_opts_set(o, "path", addr);
        } else if (!legacy_host_port(o, addr, errp)) {
            g_free(addr);
            chr_opts_free(o);
            return NULL;
        }
        if (spec[1] == 'e') {
            chr_opts_set(o, "telnet", "on");
        }
        g_free(addr);
    } else {
        char *kind = g_strndup(spec, strcspn(spec, ":,"));

        g_set_error(errp, CHR_ERROR, 0,
                    "%s: '%s' is not a valid char driver name", where,
                    kind);
        g_free(kind);
        return NULL;
    }
    chr_opts_set(o, "id", id);
    return o;
}

Chardev *chardev_new_from_legacy(const char *spec, const char *id_prefix,
                                 GError **errp)
{
    char *opt = legacy_option_name(id_prefix);
    char *where = g_strdup_printf("%s %s", opt, spec);
    Chardev *chr = NULL;
    bool mux = false;
    char *id = NULL;
    ChrOpts *o;

    g_free(opt);
    if (strcmp(spec, "none") == 0) {
        goto out;
    }
    if (g_str_has_prefix(spec, "chardev:")) {
        chr = chardev_find(spec + 8);
        if (!chr) {
            g_set_error(errp, CHR_ERROR, 0,
                        "%s: chardev '%s' not found", where, spec + 8);
        }
        goto out;
    }
    if (g_str_has_prefix(spec, "mon:")) {
        spec += 4;
        mux = true;
    }
    id = legacy_new_id(id_prefix);
    o = legacy_parse(where, spec, id, errp);
    if (o) {
        if (mux) {
            chr_opts_set(o, "mux", "on");
        }
        chr = chr_new_parsed(o, errp);
        chr_opts_free(o);
    }
out:
    g_free(id);
    g_free(where);
    return chr;
}

/* ---- frontends ------------------------------------------------------- */

int chr_add_frontend(Chardev *chr, const ChrFrontendHandlers *h)
{
    if (chr->cls->add_frontend) {
        return chr->cls->add_frontend(chr, h);
    }
    if (chr->fe_attached) {
        return -1;
    }
    chr->fe = *h;
    chr->fe_attached = true;
    /* An already-open backend tells its new frontend so, as QEMU does. */
    if (chr->be_open && h->event) {
        h->event(h->opaque, CHR_EVENT_OPENED);
    }
    chr_accept_input(chr);
    return 0;
}

void chr_remove_frontend(Chardev *chr, int handle)
{
    if (chr->cls->remove_frontend) {
        chr->cls->remove_frontend(chr, handle);
        return;
    }
    if (handle == 0) {
        chr->fe_attached = false;
        memset(&chr->fe, 0, sizeof(chr->fe));
    }
}

void chr_accept_input(Chardev *chr)
{
    if (chr->cls->accept_input) {
        chr->cls->accept_input(chr);
    }
}

int chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    int ret;

    if (!chr || len <= 0) {
        return 0;
    }
    if (!chr->cls->write) {
        return len;
    }
    g_mutex_lock(&chr->write_lock);
    ret = chr->cls->write(chr, buf, len);
    g_mutex_unlock(&chr->write_lock);
    return ret;
}

int chr_be_can_read(Chardev *chr)
{
    if (!chr->fe_attached || !chr->fe.can_read) {
        return 0;
    }
    return chr->fe.can_read(chr->fe.opaque);
}

void chr_be_write(Chardev *chr, const uint8_t *buf, int len)
{
    if (chr->fe_attached && chr->fe.read && len > 0) {
        chr->fe.read(chr->fe.opaque, buf, len);
    }
}

void chr_be_event(Chardev *chr, ChrEvent ev)
{
    if (ev == CHR_EVENT_OPENED) {
        chr->be_open = true;
    } else if (ev == CHR_EVENT_CLOSED) {
        chr->be_open = false;
    }
    if (chr->fe_attached && chr->fe.event) {
        chr->fe.event(chr->fe.opaque, ev);
    }
}

/* ---- teardown -------------------------------------------------------- */

void chardev_delete_all(void)
{
    if (!chr_list) {
        return;
    }
    /* Muxes were created after their base: close them first. */
    for (guint i = chr_list->len; i > 0; i--) {
        Chardev *chr = g_ptr_array_index(chr_list, i - 1);

        if (chr->cls->close) {
            chr->cls->close(chr);
        }
        chr_free(chr);
    }
    g_ptr_array_free(chr_list, TRUE);
    g_hash_table_destroy(chr_registry);
    chr_list = NULL;
    chr_registry = NULL;
}
