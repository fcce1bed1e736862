/* SPDX-License-Identifier: MIT */
/* Network clients, their peer links and queues, and -netdev parsing. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vemu/device.h"
#include "vemu/net.h"
#include "vemu/opts.h"

typedef struct NetPacket {
    size_t len;
    uint8_t data[];
} NetPacket;

/* -netdev backends by id, and in creation order. */
static GHashTable *netdevs;
static GPtrArray *netdev_order;

GQuark net_error_quark(void)
{
    return g_quark_from_static_string("vemu-net-error");
}

NetClient *net_client_new(const char *model, const char *id)
{
    NetClient *nc = g_new0(NetClient, 1);

    nc->model = model;
    nc->id = g_strdup(id);
    g_queue_init(&nc->incoming);
    return nc;
}

void net_purge_queued(NetClient *nc)
{
    NetPacket *p;

    while ((p = g_queue_pop_head(&nc->incoming)) != NULL) {
        g_free(p);
    }
}

size_t net_queued_count(const NetClient *nc)
{
    return g_queue_get_length((GQueue *)&nc->incoming);
}

void net_client_disconnect(NetClient *nc)
{
    if (nc->peer) {
        nc->peer->peer = NULL;
        nc->peer = NULL;
    }
}

void net_client_free(NetClient *nc)
{
    if (!nc) {
        return;
    }
    net_client_disconnect(nc);
    net_purge_queued(nc);
    if (nc->cleanup) {
        nc->cleanup(nc);
    }
    g_free(nc->id);
    g_free(nc);
}

bool net_client_connect(NetClient *a, NetClient *b, GError **errp)
{
    if (a == b) {
        g_set_error(errp, NET_ERROR, 0,
                    "A network client cannot be its own peer");
        return false;
    }
    if (a->peer || b->peer) {
        NetClient *busy = b->peer ? b : a;
        g_set_error(errp, NET_ERROR, 0,
                    "Network backend '%s' is already in use",
                    busy->id ? busy->id : busy->model);
        return false;
    }
    a->peer = b;
    b->peer = a;
    return true;
}

static bool net_can_take(NetClient *nc)
{
    return !nc->can_receive || nc->can_receive(nc);
}

static ssize_t net_enqueue(NetClient *nc, const uint8_t *buf, size_t len)
{
    NetPacket *p;

    if (g_queue_get_length(&nc->incoming) >= NET_QUEUE_MAX_PACKETS) {
        nc->dropped++;
        return -1;
    }
    p = g_malloc(sizeof(*p) + len);
    p->len = len;
    memcpy(p->data, buf, len);
    g_queue_push_tail(&nc->incoming, p);
    return 0;
}

ssize_t net_send_packet(NetClient *nc, const uint8_t *buf, size_t len)
{
    NetClient *to = nc->peer;
    ssize_t ret;

    if (!to || !to->receive) {
        return -1;
    }
    /*
     * Older packets go first: while anything waits for this receiver
     * (or it is busy taking its queue), a new one joins the line.
     */
    if (!g_queue_is_empty(&to->incoming) || to->flushing ||
        !net_can_take(to)) {
        return net_enqueue(to, buf, len);
    }
    ret = to->receive(to, buf, len);
    if (ret == 0) {
        return net_enqueue(to, buf, len);
    }
    if (ret < 0) {
        to->dropped++;
        return -1;
    }
    return len;
}

bool net_flush_queued(NetClient *nc)
{
    NetPacket *p;

    if (nc->flushing) {
        /* A receive callback asked again: the outer loop goes on. */
        return false;
    }
    nc->flushing = true;
    while ((p = g_queue_peek_head(&nc->incoming)) != NULL) {
        ssize_t ret;

        if (!nc->receive || !net_can_take(nc)) {
            break;
        }
        ret = nc->receive(nc, p->data, p->len);
        if (ret == 0) {
            break;
        }
        if (ret < 0) {
            nc->dropped++;
        }
        g_queue_pop_head(&nc->incoming);
        g_free(p);
    }
    nc->flushing = false;
    return g_queue_is_empty(&nc->incoming);
}

/* ---- option strings ------------------------------------------------- */

void net_opts_free(GPtrArray *opts)
{
    if (!opts) {
        return;
    }
    for (guint i = 0; i < opts->len; i++) {
        NetOpt *o = g_ptr_array_index(opts, i);
        g_free(o->key);
        g_free(o->value);
        g_free(o);
    }
    g_ptr_array_free(opts, TRUE);
}

bool net_parse_opts(const char *str, GPtrArray **opts, GError **errp)
{
    GPtrArray *list = g_ptr_array_new();
    const char *p = str;

    while (*p) {
        char *item = opts_next_element(&p);
        char *eq = strchr(item, '=');
        NetOpt *o;

        if (!eq || eq == item) {
            g_set_error(errp, NET_ERROR, 0,
                        "Invalid parameter '%s'", item);
            g_free(item);
            net_opts_free(list);
            return false;
        }
        o = g_new0(NetOpt, 1);
        o->key = g_strndup(item, eq - item);
        o->value = g_strdup(eq + 1);
        g_ptr_array_add(list, o);
        g_free(item);
    }
    *opts = list;
    return true;
}

bool net_parse_bool(const char *key, const char *value, bool *out,
                    GError **errp)
{
    if (opts_parse_bool(value, out)) {
        return true;
    }
    g_set_error(errp, NET_ERROR, 0,
                "Parameter '%s' expects 'on' or 'off'", key);
    return false;
}

/* ---- -netdev -------------------------------------------------------- */

static void netdev_registry_init(void)
{
    if (!netdevs) {
        netdevs = g_hash_table_new(g_str_hash, g_str_equal);
        netdev_order = g_ptr_array_new();
    }
}

NetClient *netdev_find(const char *id)
{
    if (!netdevs || !id) {
        return NULL;
    }
    return g_hash_table_lookup(netdevs, id);
}

GPtrArray *netdev_list(void)
{
    GPtrArray *list = g_ptr_array_new();

    if (netdev_order) {
        for (guint i = 0; i < netdev_order->len; i++) {
            g_ptr_array_add(list, g_ptr_array_index(netdev_order, i));
        }
    }
    return list;
}

/* Letters, digits, '-', '.', '_', starting with a letter (as QEMU). */
static bool netdev_id_valid(const char *id)
{
    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (const char *p = id; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '.' && *p != '_') {
            return false;
        }
    }
    return true;
}

static void netdev_dup_error(const char *id, GError **errp)
{
    g_set_error(errp, NET_ERROR, 0, "Duplicate ID '%s' for netdev", id);
}

bool netdev_add(NetClient *nc, GError **errp)
{
    if (!nc->id) {
        g_set_error(errp, NET_ERROR, 0, "Parameter 'id' is missing");
        return false;
    }
    if (netdev_find(nc->id)) {
        netdev_dup_error(nc->id, errp);
        return false;
    }
    netdev_registry_init();
    g_hash_table_insert(netdevs, nc->id, nc);
    g_ptr_array_add(netdev_order, nc);
    return true;
}

bool netdev_add_opts(const char *optarg, GError **errp)
{
    const char *p = optarg;
    char *type = opts_next_element(&p);
    GPtrArray *opts = NULL;
    char *id = NULL;
    NetClient *nc = NULL;
    bool ok = false;

    if (!strcmp(type, "help")) {
        /* Like -device help: a listing, and no error to report. */
        printf("Available netdev backend types:\nuser\n");
        goto out;
    }
    if (!*type || strchr(type, '=')) {
        g_set_error(errp, NET_ERROR, 0,
                    "Parameter 'type' is missing");
        goto out;
    }
    if (!net_parse_opts(p, &opts, errp)) {
        goto out;
    }
    /* Take id out; the backend sees only its own keys. */
    for (guint i = 0; i < opts->len; i++) {
        NetOpt *o = g_ptr_array_index(opts, i);
        if (!strcmp(o->key, "id")) {
            g_free(id);
            id = g_strdup(o->value);
            g_free(o->key);
            g_free(o->value);
            g_free(o);
            g_ptr_array_remove_index(opts, i);
            i--;
        }
    }
    if (!id) {
        g_set_error(errp, NET_ERROR, 0,
                    "Parameter 'id' is missing");
        goto out;
    }
    if (!netdev_id_valid(id)) {
        g_set_error(errp, NET_ERROR, 0,
                    "Parameter 'id' expects an identifier");
        goto out;
    }
    if (netdev_find(id)) {
        netdev_dup_error(id, errp);
        goto out;
    }
    if (!strcmp(type, "user")) {
        nc = net_slirp_new(id, opts, errp);
    } else if (!strcmp(type, "tap") || !strcmp(type, "socket") ||
               !strcmp(type, "bridge") || !strcmp(type, "vde") ||
               !strcmp(type, "l2tpv3") || !strcmp(type, "stream") ||
               !strcmp(type, "dgram") || !strcmp(type, "vhost-user")) {
        g_set_error(errp, NET_ERROR, 0,
                    "Network backend '%s' is not supported yet", type);
    } else {
        g_set_error(errp, NET_ERROR, 0,
                    "Parameter 'type' does not accept value '%s'", type);
    }
    if (!nc) {
        goto out;
    }
    ok = netdev_add(nc, errp);
    if (!ok) {
        net_client_free(nc);
    }
out:
    net_opts_free(opts);
    g_free(id);
    g_free(type);
    return ok;
}

bool netdev_del(const char *id, GError **errp)
{
    NetClient *nc = netdev_find(id);

    if (!nc) {
        g_set_error(errp, NET_ERROR, 0,
                    "Network backend '%s' not found", id);
        return false;
    }
    g_hash_table_remove(netdevs, id);
    g_ptr_array_remove(netdev_order, nc);
    net_client_free(nc);
    return true;
}

static void *net_prop_lookup(const char *id)
{
    return netdev_find(id);
}

void net_init(void)
{
    netdev_registry_init();
    prop_netdev_lookup = net_prop_lookup;
}

void net_cleanup(void)
{
    if (!netdevs) {
        return;
    }
    while (netdev_order->len) {
        NetClient *nc = g_ptr_array_index(netdev_order, 0);
        g_hash_table_remove(netdevs, nc->id);
        g_ptr_array_remove_index(netdev_order, 0);
        net_client_free(nc);
    }
}
