/* SPDX-License-Identifier: MIT */
/* -netdev user: user-mode networking through libslirp. */
#include <string.h>

#include <slirp/libslirp.h>

#include "vemu/log.h"
#include "vemu/main-loop.h"
#include "vemu/net.h"
#include "vemu/timer.h"

/* Ethernet frames larger than this are no frames slirp could take. */
#define SLIRP_MAX_FRAME 65536

typedef struct SlirpState SlirpState;

/* Slirp's sockets polled from glib's default main context. */
typedef struct SlirpSource {
    GSource source;
    SlirpState *s;
} SlirpSource;

struct SlirpState {
    NetClient *nc;
    Slirp *slirp;
    GSource *source;
    GArray *pollfds;        /* GPollFD, added to source after each fill */
    int64_t deadline_ms;    /* monotonic ms at which slirp wants a poll */
    struct in_addr dhcp_start;
};

/* The user's settings, before slirp_new. */
typedef struct SlirpParams {
    bool restricted;
    bool ipv4, ipv6;
    struct in_addr net, mask, host, dns, dhcp;
    bool have_host, have_dns, have_dhcp;
    struct in6_addr prefix6, host6, dns6;
    int prefix6_len;
    bool have_host6, have_dns6;
    const char *hostname, *domainname, *tftp, *bootfile, *tftp_name;
    GPtrArray *dnssearch;   /* const char *, NULL-terminated at use */
    GPtrArray *hostfwd;     /* const char * */
} SlirpParams;

/* ---- callbacks from slirp ------------------------------------------- */

static ssize_t slirp_cb_send_packet(const void *buf, size_t len,
                                    void *opaque)
{
    SlirpState *s = opaque;

    /* A NIC that is not ready queues or drops; TCP retransmits. */
    net_send_packet(s->nc, buf, len);
    return len;
}

static void slirp_cb_guest_error(const char *msg, void *opaque)
{
    vemu_log_mask(LOG_GUEST_ERROR, "slirp: %s\n", msg);
}

static int64_t slirp_cb_clock_get_ns(void *opaque)
{
    return clock_get_ns(CLOCK_VIRTUAL_NS);
}

static void *slirp_cb_timer_new(SlirpTimerCb cb, void *cb_opaque,
                                void *opaque)
{
    return timer_new_ns(CLOCK_VIRTUAL_NS, cb, cb_opaque);
}

static void slirp_cb_timer_free(void *timer, void *opaque)
{
    timer_free(timer);
}

/* expire_time is in milliseconds of slirp's clock (ours, virtual). */
static void slirp_cb_timer_mod(void *timer, int64_t expire_time,
                               void *opaque)
{
    timer_mod_ns(timer, expire_time * 1000000);
}

/* Slirp's sockets are found through slirp_pollfds_fill instead. */
static void slirp_cb_register_poll_fd(int fd, void *opaque)
{
}

static void slirp_cb_unregister_poll_fd(int fd, void *opaque)
{
}

static void slirp_cb_notify(void *opaque)
{
    main_loop_wakeup();
}

static const SlirpCb slirp_callbacks = {
    .send_packet = slirp_cb_send_packet,
    .guest_error = slirp_cb_guest_error,
    .clock_get_ns = slirp_cb_clock_get_ns,
    .timer_new = slirp_cb_timer_new,
    .timer_free = slirp_cb_timer_free,
    .timer_mod = slirp_cb_timer_mod,
    .register_poll_fd = slirp_cb_register_poll_fd,
    .unregister_poll_fd = slirp_cb_unregister_poll_fd,
    .notify = slirp_cb_notify,
};

/* ---- the GSource ---------------------------------------------------- */

static int slirp_add_poll(int fd, int events, void *opaque)
{
    SlirpState *s = opaque;
    GPollFD pfd = { .fd = fd };

    if (events & SLIRP_POLL_IN) {
        pfd.events |= G_IO_IN;
    }
    if (events & SLIRP_POLL_OUT) {
        pfd.events |= G_IO_OUT;
    }
    if (events & SLIRP_POLL_PRI) {
        pfd.events |= G_IO_PRI;
    }
    if (events & SLIRP_POLL_ERR) {
        pfd.events |= G_IO_ERR;
    }
    if (events & SLIRP_POLL_HUP) {
        pfd.events |= G_IO_HUP;
    }
    g_array_append_val(s->pollfds, pfd);
    return s->pollfds->len - 1;
}

static int slirp_get_revents(int idx, void *opaque)
{
    SlirpState *s = opaque;
    GPollFD *pfd;
    int ev = 0;

    if (idx < 0 || idx >= (int)s->pollfds->len) {
        return 0;
    }
    pfd = &g_array_index(s->pollfds, GPollFD, idx);
    if (pfd->revents & G_IO_IN) {
        ev |= SLIRP_POLL_IN;
    }
    if (pfd->revents & G_IO_OUT) {
        ev |= SLIRP_POLL_OUT;
    }
    if (pfd->revents & G_IO_PRI) {
        ev |= SLIRP_POLL_PRI;
    }
    if (pfd->revents & G_IO_ERR) {
        ev |= SLIRP_POLL_ERR;
    }
    if (pfd->revents & G_IO_HUP) {
        ev |= SLIRP_POLL_HUP;
    }
    return ev;
}

static void slirp_source_clear_polls(SlirpState *s)
{
    for (guint i = 0; i < s->pollfds->len; i++) {
        g_source_remove_poll(s->source,
                             &g_array_index(s->pollfds, GPollFD, i));
    }
    g_array_set_size(s->pollfds, 0);
}

/*
 * Before glib polls: ask slirp which sockets it wants watched and how
 * long its TCP timers allow sleeping. The array is complete before the
 * GPollFDs are handed to glib, so the pointers stay valid.
 */
static gboolean slirp_source_prepare(GSource *source, gint *timeout)
{
    SlirpState *s = ((SlirpSource *)source)->s;
    uint32_t t = UINT32_MAX;

    slirp_source_clear_polls(s);
    /* Slirp's state is the BQL's (vCPUs feed it frames); it nests. */
    bql_lock();
    slirp_pollfds_fill(s->slirp, &t, slirp_add_poll, s);
    bql_unlock();
    for (guint i = 0; i < s->pollfds->len; i++) {
        g_source_add_poll(source, &g_array_index(s->pollfds, GPollFD, i));
    }
    if (t == UINT32_MAX || t > G_MAXINT) {
        *timeout = -1;
        s->deadline_ms = -1;
    } else {
        *timeout = t;
        s->deadline_ms = g_get_monotonic_time() / 1000 + t;
    }
    return FALSE;
}

static gboolean slirp_source_check(GSource *source)
{
    SlirpState *s = ((SlirpSource *)source)->s;

    for (guint i = 0; i < s->pollfds->len; i++) {
        if (g_array_index(s->pollfds, GPollFD, i).revents) {
            return TRUE;
        }
    }
    /* Slirp's TCP timers run from slirp_pollfds_poll too. */
    return s->deadline_ms >= 0 &&
           g_get_monotonic_time() / 1000 >= s->deadline_ms;
}

static gboolean slirp_source_dispatch(GSource *source, GSourceFunc cb,
                                      gpointer data)
{
    SlirpState *s = ((SlirpSource *)source)->s;

    bql_lock();
    slirp_pollfds_poll(s->slirp, 0, slirp_get_revents, s);
    bql_unlock();
    /* The fds' results are used up; the next prepare refills. */
    for (guint i = 0; i < s->pollfds->len; i++) {
        g_array_index(s->pollfds, GPollFD, i).revents = 0;
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs slirp_source_funcs = {
    .prepare = slirp_source_prepare,
    .check = slirp_source_check,
    .dispatch = slirp_source_dispatch,
};

/* ---- the NetClient -------------------------------------------------- */

/* A frame from the guest's NIC. */
static ssize_t slirp_receive(NetClient *nc, const uint8_t *buf, size_t len)
{
    SlirpState *s = nc->opaque;

    if (len > SLIRP_MAX_FRAME) {
        return len;
    }
    slirp_input(s->slirp, buf, len);
    /*
     * From a vCPU thread the frame may have opened a host socket: the
     * main loop must poll again with it rather than sleep on the old set.
     */
    if (!g_main_context_is_owner(g_main_context_default())) {
        main_loop_wakeup();
    }
    return len;
}

static void slirp_cleanup_nc(NetClient *nc)
{
    SlirpState *s = nc->opaque;

    if (!s) {
        return;
    }
    if (s->source) {
        slirp_source_clear_polls(s);
        g_source_destroy(s->source);
        g_source_unref(s->source);
    }
    if (s->slirp) {
        slirp_cleanup(s->slirp);
    }
    g_array_free(s->pollfds, TRUE);
    g_free(s);
    nc->opaque = NULL;
}

/* ---- options -------------------------------------------------------- */

static bool parse_ip4(const char *str, struct in_addr *out)
{
    return inet_pton(AF_INET, str, out) == 1;
}

/* The mask QEMU assumes for "net=ADDR" without a length: by class. */
static uint32_t classful_mask(uint32_t addr)
{
    if (!(addr & 0x80000000)) {
        return 0xff000000;
    }
    if ((addr & 0xfff00000) == 0xac100000) {
        return 0xfff00000;          /* 172.16.0.0/12 */
    }
    if ((addr & 0xc0000000) == 0x80000000) {
        return 0xffff0000;
    }
    if ((addr & 0xffff0000) == 0xc0a80000) {
        return 0xffff0000;          /* 192.168.0.0/16 */
    }
    return 0xffffff00;
}

/* "a.b.c.d/len", "a.b.c.d/m.m.m.m" or "a.b.c.d". */
static bool parse_net(const char *str, SlirpParams *p, GError **errp)
{
    g_autofree char *addr = g_strdup(str);
    char *slash = strchr(addr, '/');
    uint32_t mask;

    if (slash) {
        *slash++ = '\0';
    }
    if (!parse_ip4(addr, &p->net)) {
        g_set_error(errp, NET_ERROR, 0,
                    "Failed to parse network address '%s'", str);
        return false;
    }
    if (!slash) {
        mask = classful_mask(ntohl(p->net.s_addr));
    } else if (strchr(slash, '.')) {
        struct in_addr m;
        if (!parse_ip4(slash, &m)) {
            g_set_error(errp, NET_ERROR, 0,
                        "Failed to parse netmask '%s'", slash);
            return false;
        }
        mask = ntohl(m.s_addr);
        /* Contiguous ones: ~mask + 1 is a power of two. */
        if (((~mask + 1) & ~mask) != 0) {
            g_set_error(errp, NET_ERROR, 0,
                        "Netmask '%s' is not contiguous", slash);
            return false;
        }
    } else {
        char *end;
        long len = strtol(slash, &end, 10);
        if (!*slash || *end || len < 0 || len > 32) {
            g_set_error(errp, NET_ERROR, 0,
                        "Invalid netmask '%s' (must be in range 0-32)",
                        slash);
            return false;
        }
        mask = len ? 0xffffffffu << (32 - len) : 0;
    }
    if (ntohl(p->net.s_addr) & ~mask) {
        g_set_error(errp, NET_ERROR, 0,
                    "Network address '%s' has bits set outside its netmask",
                    str);
        return false;
    }
    /* Slirp needs room for the host, DNS and a DHCP range. */
    if (~mask < 0x1f) {
        g_set_error(errp, NET_ERROR, 0,
                    "Network '%s' is too small (at most /27)", str);
        return false;
    }
    p->mask.s_addr = htonl(mask);
    return true;
}

static bool parse_addr_opt(const char *key, const char *value,
                           struct in_addr *out, GError **errp)
{
    if (!parse_ip4(value, out)) {
        g_set_error(errp, NET_ERROR, 0,
                    "Failed to parse %s address '%s'", key, value);
        return false;
    }
    return true;
}

static bool parse_addr6_opt(const char *key, const char *value,
                            struct in6_addr *out, GError **errp)
{
    if (inet_pton(AF_INET6, value, out) != 1) {
        g_set_error(errp, NET_ERROR, 0,
                    "Failed to parse %s address '%s'", key, value);
        return false;
    }
    return true;
}

static bool parse_prefix6(const char *value, SlirpParams *p, GError **errp)
{
    g_autofree char *addr = g_strdup(value);
    char *slash = strchr(addr, '/');
    long len = 64;

    if (slash) {
        char *end;
        *slash++ = '\0';
        len = strtol(slash, &end, 10);
        if (!*slash || *end || len < 0 || len > 126) {
            g_set_error(errp, NET_ERROR, 0,
                        "Invalid IPv6 prefix length '%s'", slash);
            return false;
        }
    }
    if (!parse_addr6_opt("ipv6-net", addr, &p->prefix6, errp)) {
        return false;
    }
    p->prefix6_len = len;
    return true;
}

/* The address must be a host inside net/mask (not net or broadcast). */
static bool check_in_net(const char *what, struct in_addr a,
                         const SlirpParams *p, GError **errp)
{
    uint32_t addr = ntohl(a.s_addr);
    uint32_t net = ntohl(p->net.s_addr);
    uint32_t mask = ntohl(p->mask.s_addr);
    char buf[INET_ADDRSTRLEN];

    if ((addr & mask) != net || addr == net || (addr | mask) == 0xffffffff) {
        inet_ntop(AF_INET, &a, buf, sizeof(buf));
        g_set_error(errp, NET_ERROR, 0,
                    "%s address %s is not a host of the guest network",
                    what, buf);
        return false;
    }
    return true;
}

static bool slirp_params_parse(GPtrArray *opts, SlirpParams *p,
                               GError **errp)
{
    bool have_net = false;

    p->ipv4 = true;
    p->ipv6 = true;
    p->prefix6_len = 64;
    inet_pton(AF_INET6, "fec0::", &p->prefix6);
    p->dnssearch = g_ptr_array_new();
    p->hostfwd = g_ptr_array_new();

    for (guint i = 0; i < opts->len; i++) {
        NetOpt *o = g_ptr_array_index(opts, i);
        const char *k = o->key, *v = o->value;
        bool ok = true;

        if (!strcmp(k, "net")) {
            ok = parse_net(v, p, errp);
            have_net = true;
        } else if (!strcmp(k, "host")) {
            ok = parse_addr_opt("host", v, &p->host, errp);
            p->have_host = true;
        } else if (!strcmp(k, "dns")) {
            ok = parse_addr_opt("DNS", v, &p->dns, errp);
            p->have_dns = true;
        } else if (!strcmp(k, "dhcpstart")) {
            ok = parse_addr_opt("DHCP start", v, &p->dhcp, errp);
            p->have_dhcp = true;
        } else if (!strcmp(k, "hostfwd")) {
            g_ptr_array_add(p->hostfwd, (char *)v);
        } else if (!strcmp(k, "restrict")) {
            bool r = false;
            if (!strcmp(v, "y") || !strcmp(v, "n")) {
                r = v[0] == 'y';
            } else {
                ok = net_parse_bool(k, v, &r, errp);
            }
            p->restricted = r;
        } else if (!strcmp(k, "ipv4")) {
            ok = net_parse_bool(k, v, &p->ipv4, errp);
        } else if (!strcmp(k, "ipv6")) {
            ok = net_parse_bool(k, v, &p->ipv6, errp);
        } else if (!strcmp(k, "ipv6-net")) {
            ok = parse_prefix6(v, p, errp);
        } else if (!strcmp(k, "ipv6-host")) {
            ok = parse_addr6_opt("ipv6-host", v, &p->host6, errp);
            p->have_host6 = true;
        } else if (!strcmp(k, "ipv6-dns")) {
            ok = parse_addr6_opt("ipv6-dns", v, &p->dns6, errp);
            p->have_dns6 = true;
        } else if (!strcmp(k, "hostname")) {
            p->hostname = v;
        } else if (!strcmp(k, "domainname")) {
            p->domainname = v;
        } else if (!strcmp(k, "dnssearch")) {
            g_ptr_array_add(p->dnssearch, (char *)v);
        } else if (!strcmp(k, "tftp")) {
            p->tftp = v;
        } else if (!strcmp(k, "tftp-server-name")) {
            p->tftp_name = v;
        } else if (!strcmp(k, "bootfile")) {
            p->bootfile = v;
        } else {
            g_set_error(errp, NET_ERROR, 0,
                        "Invalid parameter '%s'", k);
            ok = false;
        }
        if (!ok) {
            return false;
        }
    }
    if (!p->ipv4 && !p->ipv6) {
        g_set_error(errp, NET_ERROR, 0,
                    "IPv4 and IPv6 cannot both be disabled");
        return false;
    }

    /* QEMU's defaults, relative to the network: .2, .3 and .15 on. */
    if (!have_net) {
        parse_ip4("10.0.2.0", &p->net);
        p->mask.s_addr = htonl(0xffffff00);
    }
    if (!p->have_host) {
        p->host.s_addr = htonl(ntohl(p->net.s_addr) | 2);
    }
    if (!p->have_dns) {
        p->dns.s_addr = htonl(ntohl(p->net.s_addr) | 3);
    }
    if (!p->have_dhcp) {
        p->dhcp.s_addr = htonl(ntohl(p->net.s_addr) | 15);
    }
    if (!check_in_net("Host", p->host, p, errp) ||
        !check_in_net("DNS", p->dns, p, errp) ||
        !check_in_net("DHCP start", p->dhcp, p, errp)) {
        return false;
    }
    if (p->dns.s_addr == p->host.s_addr) {
        g_set_error(errp, NET_ERROR, 0,
                    "DNS and host addresses must differ");
        return false;
    }
    if (p->dhcp.s_addr == p->host.s_addr || p->dhcp.s_addr == p->dns.s_addr) {
        g_set_error(errp, NET_ERROR, 0,
                    "DHCP start address must differ from host and DNS");
        return false;
    }
    if (!p->have_host6) {
        p->host6 = p->prefix6;
        p->host6.s6_addr[15] |= 2;
    }
    if (!p->have_dns6) {
        p->dns6 = p->prefix6;
        p->dns6.s6_addr[15] |= 3;
    }
    return true;
}

/* "[tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport" */
static bool parse_port(const char *str, int min, int *port)
{
    char *end;
    long v;

    if (!*str) {
        return false;
    }
    v = strtol(str, &end, 10);
    if (*end || v < min || v > 65535) {
        return false;
    }
    *port = v;
    return true;
}

static bool slirp_hostfwd_add(SlirpState *s, const char *rule,
                              GError **errp)
{
    g_autofree char *buf = g_strdup(rule);
    char *proto = buf, *haddr, *hport, *gaddr, *gport, *dash;
    struct in_addr host = { .s_addr = INADDR_ANY }, guest = s->dhcp_start;
    int host_port, guest_port;
    bool is_udp = false;

    haddr = strchr(proto, ':');
    if (!haddr) {
        goto bad;
    }
    *haddr++ = '\0';
    if (!strcmp(proto, "udp")) {
        is_udp = true;
    } else if (strcmp(proto, "tcp") && *proto) {
        goto bad;
    }
    dash = strchr(haddr, '-');
    if (!dash) {
        goto bad;
    }
    *dash = '\0';
    gaddr = dash + 1;
    hport = strrchr(haddr, ':');
    gport = strrchr(gaddr, ':');
    if (!hport || !gport) {
        goto bad;
    }
    *hport++ = '\0';
    *gport++ = '\0';
    if ((*haddr && !parse_ip4(haddr, &host)) ||
        (*gaddr && !parse_ip4(gaddr, &guest)) ||
        !parse_port(hport, 0, &host_port) ||
        !parse_port(gport, 1, &guest_port)) {
        goto bad;
    }
    if (slirp_add_hostfwd(s->slirp, is_udp, host, host_port, guest,
                          guest_port) < 0) {
        g_set_error(errp, NET_ERROR, 0,
                    "Could not set up host forwarding rule '%s'", rule);
        return false;
    }
    return true;
bad:
    g_set_error(errp, NET_ERROR, 0,
                "Invalid host forwarding rule '%s'", rule);
    return false;
}

NetClient *net_slirp_new(const char *id, GPtrArray *opts, GError **errp)
{
    SlirpParams p = { 0 };
    SlirpConfig cfg = { 0 };
    SlirpState *s = NULL;
    NetClient *nc = NULL;

    if (!slirp_params_parse(opts, &p, errp)) {
        goto out;
    }
    cfg.version = SLIRP_CONFIG_VERSION_MAX < 4 ? SLIRP_CONFIG_VERSION_MAX : 4;
    cfg.restricted = p.restricted;
    cfg.in_enabled = p.ipv4;
    cfg.vnetwork = p.net;
    cfg.vnetmask = p.mask;
    cfg.vhost = p.host;
    cfg.in6_enabled = p.ipv6;
    cfg.vprefix_addr6 = p.prefix6;
    cfg.vprefix_len = p.prefix6_len;
    cfg.vhost6 = p.host6;
    cfg.vhostname = p.hostname;
    cfg.tftp_server_name = p.tftp_name;
    cfg.tftp_path = p.tftp;
    cfg.bootfile = p.bootfile;
    cfg.vdhcp_start = p.dhcp;
    cfg.vnameserver = p.dns;
    cfg.vnameserver6 = p.dns6;
    cfg.vdomainname = p.domainname;
    if (p.dnssearch->len) {
        g_ptr_array_add(p.dnssearch, NULL);
        cfg.vdnssearch = (const char **)p.dnssearch->pdata;
    }

    s = g_new0(SlirpState, 1);
    s->pollfds = g_array_new(FALSE, TRUE, sizeof(GPollFD));
    s->dhcp_start = p.dhcp;
    nc = net_client_new("user", id);
    nc->opaque = s;
    nc->receive = slirp_receive;
    nc->cleanup = slirp_cleanup_nc;
    s->nc = nc;

    s->slirp = slirp_new(&cfg, &slirp_callbacks, s);
    if (!s->slirp) {
        g_set_error(errp, NET_ERROR, 0,
                    "Failed to start user-mode networking");
        goto fail;
    }
    for (guint i = 0; i < p.hostfwd->len; i++) {
        if (!slirp_hostfwd_add(s, g_ptr_array_index(p.hostfwd, i), errp)) {
            goto fail;
        }
    }
    s->source = g_source_new(&slirp_source_funcs, sizeof(SlirpSource));
    ((SlirpSource *)s->source)->s = s;
    g_source_set_name(s->source, "slirp");
    g_source_attach(s->source, NULL);
    goto out;
fail:
    net_client_free(nc);
    nc = NULL;
out:
    if (p.dnssearch) {
        g_ptr_array_free(p.dnssearch, TRUE);
    }
    if (p.hostfwd) {
        g_ptr_array_free(p.hostfwd, TRUE);
    }
    return nc;
}
