/* SPDX-License-Identifier: MIT */
/* Network clients, -netdev parsing and slirp seen from a test "guest". */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>

#include "vemu/device.h"
#include "vemu/net.h"

/* ---- a test receiver ------------------------------------------------ */

typedef struct Sink {
    GPtrArray *frames;     /* GByteArray * */
    bool ready;
    int refuse_next;       /* receive returns 0 this many times */
} Sink;

static ssize_t sink_receive(NetClient *nc, const uint8_t *buf, size_t len)
{
    Sink *s = nc->opaque;
    GByteArray *f;

    if (s->refuse_next > 0) {
        s->refuse_next--;
        return 0;
    }
    f = g_byte_array_new();
    g_byte_array_append(f, buf, len);
    g_ptr_array_add(s->frames, f);
    return len;
}

static bool sink_can_receive(NetClient *nc)
{
    return ((Sink *)nc->opaque)->ready;
}

static NetClient *sink_new(Sink *s, const char *id)
{
    NetClient *nc = net_client_new("test", id);

    s->frames = g_ptr_array_new_with_free_func(
        (GDestroyNotify)g_byte_array_unref);
    s->ready = true;
    s->refuse_next = 0;
    nc->receive = sink_receive;
    nc->can_receive = sink_can_receive;
    nc->opaque = s;
    return nc;
}

static void sink_free(Sink *s)
{
    g_ptr_array_free(s->frames, TRUE);
}

/* ---- loopback of two clients ----------------------------------------- */

static void test_loopback_queueing(void)
{
    Sink sa, sb;
    NetClient *a = sink_new(&sa, "a");
    NetClient *b = sink_new(&sb, "b");
    NetClient *c = sink_new(&sa, "c");
    GError *err = NULL;
    uint8_t pkt[4] = { 0 };

    g_assert_cmpint(net_send_packet(a, pkt, 4), ==, -1);   /* no peer */
    g_assert_true(net_client_connect(a, b, &err));
    g_assert_false(net_client_connect(c, b, &err));
    g_assert_nonnull(strstr(err->message, "already in use"));
    g_clear_error(&err);

    pkt[0] = 1;
    g_assert_cmpint(net_send_packet(a, pkt, 4), ==, 4);
    g_assert_cmpuint(sb.frames->len, ==, 1);

    /* b cannot take packets: they wait in its queue, in order. */
    sb.ready = false;
    for (int i = 2; i <= 4; i++) {
        pkt[0] = i;
        g_assert_cmpint(net_send_packet(a, pkt, 4), ==, 0);
    }
    g_assert_cmpuint(sb.frames->len, ==, 1);
    g_assert_cmpuint(net_queued_count(b), ==, 3);
    g_assert_false(net_flush_queued(b));
    g_assert_cmpuint(net_queued_count(b), ==, 3);

    /* b is ready again but refuses one through receive's 0. */
    sb.ready = true;
    sb.refuse_next = 1;
    g_assert_false(net_flush_queued(b));
    g_assert_cmpuint(sb.frames->len, ==, 1);
    /* A new packet must not overtake the queued ones. */
    pkt[0] = 5;
    g_assert_cmpint(net_send_packet(a, pkt, 4), ==, 0);
    g_assert_true(net_flush_queued(b));
    g_assert_cmpuint(sb.frames->len, ==, 5);
    for (guint i = 0; i < 5; i++) {
        GByteArray *f = g_ptr_array_index(sb.frames, i);
        g_assert_cmpuint(f->len, ==, 4);
        g_assert_cmpuint(f->data[0], ==, i + 1);
    }

    /* Back the other way, receive refusing once queues the packet. */
    sa.refuse_next = 1;
    g_assert_cmpint(net_send_packet(b, pkt, 4), ==, 0);
    g_assert_cmpuint(net_queued_count(a), ==, 1);
    g_assert_true(net_flush_queued(a));
    g_assert_cmpuint(sa.frames->len, ==, 1);

    /* A full queue drops. */
    sb.ready = false;
    for (int i = 0; i < NET_QUEUE_MAX_PACKETS; i++) {
        g_assert_cmpint(net_send_packet(a, pkt, 4), ==, 0);
    }
    g_assert_cmpint(net_send_packet(a, pkt, 4), ==, -1);
    g_assert_cmpuint(b->dropped, ==, 1);
    net_purge_queued(b);
    g_assert_cmpuint(net_queued_count(b), ==, 0);

    /* Freeing one side leaves the other unconnected. */
    net_client_free(b);
    g_assert_null(a->peer);
    g_assert_cmpint(net_send_packet(a, pkt, 4), ==, -1);
    net_client_free(a);
    net_client_free(c);
    sink_free(&sa);
    sink_free(&sb);
}

/* ---- -netdev options -------------------------------------------------- */

/* A TCP port nobody listens on right now. */
static int free_port(void)
{
    struct sockaddr_in sin = { .sin_family = AF_INET };
    socklen_t len = sizeof(sin);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int port;

    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), ==, 0);
    g_assert_cmpint(getsockname(fd, (struct sockaddr *)&sin, &len), ==, 0);
    port = ntohs(sin.sin_port);
    close(fd);
    return port;
}

static void test_netdev_opts_good(void)
{
    GError *err = NULL;
    int p1 = free_port(), p2 = free_port();
    g_autofree char *opt = g_strdup_printf(
        "user,id=good0,net=10.0.2.0/24,host=10.0.2.2,dns=10.0.2.3,"
        "dhcpstart=10.0.2.15,hostfwd=tcp:127.0.0.1:%d-:22,"
        "hostfwd=udp::%d-10.0.2.15:53,restrict=on,hostname=vm", p1, p2);
    NetClient *nc;

    g_assert_true(netdev_add_opts(opt, &err));
    g_assert_no_error(err);
    nc = netdev_find("good0");
    g_assert_nonnull(nc);
    g_assert_cmpstr(nc->model, ==, "user");
    g_assert_true(prop_netdev_lookup("good0") == nc);
    g_assert_null(prop_netdev_lookup("nope"));

    /* The same id twice is refused, the first one stays. */
    g_assert_false(netdev_add_opts("user,id=good0", &err));
    g_assert_cmpstr(err->message, ==, "Duplicate ID 'good0' for netdev");
    g_clear_error(&err);
    g_assert_true(netdev_find("good0") == nc);

    /* Other networks and a mask in dotted form. */
    g_assert_true(netdev_add_opts("user,id=good1,net=192.168.76.0/"
                                  "255.255.255.0,ipv6=off", &err));
    g_assert_no_error(err);
    g_assert_true(netdev_add_opts("user,id=good2,net=10.9.0.0/16,"
                                  "host=10.9.0.1", &err));
    g_assert_no_error(err);

    /* help lists the types: no backend, no error. */
    g_assert_false(netdev_add_opts("help", &err));
    g_assert_no_error(err);

    g_assert_true(netdev_del("good1", &err));
    g_assert_null(netdev_find("good1"));
    g_assert_false(netdev_del("good1", &err));
    g_clear_error(&err);
    net_cleanup();
    g_assert_null(netdev_find("good0"));
}

static void test_netdev_opts_bad(void)
{
    static const struct {
        const char *opt;
        const char *msg;     /* exact message, or a part after '~' */
    } cases[] = {
        { "user,id=n0,hostfwd=bad", "Invalid host forwarding rule 'bad'" },
        { "user,id=n0,hostfwd=tcp::99999-:22",
          "Invalid host forwarding rule 'tcp::99999-:22'" },
        { "user,id=n0,hostfwd=tcp::22-:0",
          "Invalid host forwarding rule 'tcp::22-:0'" },
        { "user,id=n0,hostfwd=icmp::1-:2",
          "Invalid host forwarding rule 'icmp::1-:2'" },
        { "user,id=n0,hostfwd=tcp:1.2.3:5555-:22",
          "Invalid host forwarding rule 'tcp:1.2.3:5555-:22'" },
        { "user,id=n0,hostfwd=tcp::5555:22",
          "Invalid host forwarding rule 'tcp::5555:22'" },
        { "user,id=n0,net=foo", "Failed to parse network address 'foo'" },
        { "user,id=n0,net=10.0.2.0/33", "~must be in range 0-32" },
        { "user,id=n0,net=10.0.2.0/255.0.255.0", "~not contiguous" },
        { "user,id=n0,net=10.0.2.1/24", "~bits set outside its netmask" },
        { "user,id=n0,net=10.0.2.0/30", "~too small" },
        { "user,id=n0,host=10.0.3.2", "~not a host of the guest network" },
        { "user,id=n0,host=10.0.2.255", "~not a host of the guest network" },
        { "user,id=n0,dns=10.0.2.2", "DNS and host addresses must differ" },
        { "user,id=n0,dhcpstart=300.1.1.1", "~Failed to parse DHCP start" },
        { "user,id=n0,bogus=1", "Invalid parameter 'bogus'" },
        { "user,id=n0,noequals", "Invalid parameter 'noequals'" },
        { "user,id=n0,restrict=maybe", "~expects 'on' or 'off'" },
        { "user,id=n0,ipv4=off,ipv6=off", "~cannot both be disabled" },
        { "user", "Parameter 'id' is missing" },
        { "user,id=1abc", "Parameter 'id' expects an identifier" },
        { "id=n0", "Parameter 'type' is missing" },
        { "", "Parameter 'type' is missing" },
        { "tap,id=n0", "Network backend 'tap' is not supported yet" },
        { "frob,id=n0", "Parameter 'type' does not accept value 'frob'" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GError *err = NULL;
        const char *m = cases[i].msg;

        g_test_message("%s", cases[i].opt);
        g_assert_false(netdev_add_opts(cases[i].opt, &err));
        g_assert_nonnull(err);
        if (m[0] == '~') {
            g_assert_nonnull(strstr(err->message, m + 1));
        } else {
            g_assert_cmpstr(err->message, ==, m);
        }
        g_error_free(err);
        g_assert_null(netdev_find("n0"));
    }
}

static void test_netdev_hostfwd_port_busy(void)
{
    struct sockaddr_in sin = { .sin_family = AF_INET };
    socklen_t len = sizeof(sin);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    g_autofree char *opt = NULL;
    GError *err = NULL;

    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), ==, 0);
    g_assert_cmpint(listen(fd, 1), ==, 0);
    g_assert_cmpint(getsockname(fd, (struct sockaddr *)&sin, &len), ==, 0);
    opt = g_strdup_printf("user,id=busy,hostfwd=tcp:127.0.0.1:%d-:22",
                          ntohs(sin.sin_port));
    g_assert_false(netdev_add_opts(opt, &err));
    g_assert_nonnull(strstr(err->message, "Could not set up host forwarding"));
    g_clear_error(&err);
    g_assert_null(netdev_find("busy"));
    close(fd);
}

/* ---- slirp through a test guest --------------------------------------- */

static const uint8_t guest_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v >> 8;
    p[1] = v;
}

static uint16_t get16(const uint8_t *p)
{
    return (p[0] << 8) | p[1];
}

static uint16_t ip_checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;

    for (size_t i = 0; i + 1 < len; i += 2) {
        sum += get16(p + i);
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum;
}

/* Ethernet + IPv4 + UDP 68->67 + BOOTP DISCOVER; returns the length. */
static size_t build_dhcp_discover(uint8_t *f, uint32_t xid)
{
    uint8_t *ip = f + 14, *udp = ip + 20, *bootp = udp + 8;
    size_t blen = 240 + 4;
    size_t ulen = 8 + blen, iplen = 20 + ulen;

    memset(f, 0, 14 + iplen);
    memset(f, 0xff, 6);
    memcpy(f + 6, guest_mac, 6);
    put16(f + 12, 0x0800);
    ip[0] = 0x45;
    put16(ip + 2, iplen);
    ip[8] = 64;
    ip[9] = 17;
    memset(ip + 16, 0xff, 4);            /* from 0.0.0.0 to broadcast */
    put16(ip + 10, ip_checksum(ip, 20));
    put16(udp, 68);
    put16(udp + 2, 67);
    put16(udp + 4, ulen);
    bootp[0] = 1;                        /* BOOTREQUEST */
    bootp[1] = 1;
    bootp[2] = 6;
    memcpy(bootp + 4, &xid, 4);
    memcpy(bootp + 28, guest_mac, 6);
    bootp[236] = 0x63;                   /* magic cookie */
    bootp[237] = 0x82;
    bootp[238] = 0x53;
    bootp[239] = 0x63;
    bootp[240] = 53;                     /* DHCP message type */
    bootp[241] = 1;
    bootp[242] = 1;                      /* DISCOVER */
    bootp[243] = 255;
    return 14 + iplen;
}

/* The DHCP message type of a frame, or -1 if it is no DHCP reply. */
static int dhcp_reply_type(const GByteArray *f, uint32_t xid,
                           uint32_t *yiaddr)
{
    const uint8_t *ip = f->data + 14, *udp, *bootp, *opt;

    if (f->len < 14 + 20 + 8 + 240 || get16(f->data + 12) != 0x0800 ||
        ip[9] != 17) {
        return -1;
    }
    udp = ip + (ip[0] & 0xf) * 4;
    bootp = udp + 8;
    if (get16(udp) != 67 || get16(udp + 2) != 68 || bootp[0] != 2 ||
        memcmp(bootp + 4, &xid, 4) != 0) {
        return -1;
    }
    memcpy(yiaddr, bootp + 16, 4);
    for (opt = bootp + 240; opt < f->data + f->len && *opt != 255;) {
        if (*opt == 0) {
            opt++;
            continue;
        }
        if (*opt == 53) {
            return opt[2];
        }
        opt += 2 + opt[1];
    }
    return -1;
}

/* Run the default main context until cond() or about two seconds. */
static void run_until(bool (*cond)(void *), void *opaque)
{
    gint64 end = g_get_monotonic_time() + 2 * G_USEC_PER_SEC;

    while (!cond(opaque) && g_get_monotonic_time() < end) {
        g_main_context_iteration(NULL, FALSE);
        g_usleep(1000);
    }
}

static void test_slirp_dhcp_offer(void)
{
    Sink s;
    NetClient *guest = sink_new(&s, "nic");
    GError *err = NULL;
    uint8_t frame[600];
    uint32_t xid = 0x1234abcd, yiaddr = 0;
    size_t len;
    int offers = 0;

    g_assert_true(netdev_add_opts("user,id=dhcp0", &err));
    g_assert_no_error(err);
    g_assert_true(net_client_connect(guest, netdev_find("dhcp0"), &err));

    len = build_dhcp_discover(frame, xid);
    g_assert_cmpint(net_send_packet(guest, frame, len), ==, len);
    /* Slirp answers from slirp_input; give the main loop a turn too. */
    for (int i = 0; i < 10; i++) {
        g_main_context_iteration(NULL, FALSE);
    }
    for (guint i = 0; i < s.frames->len; i++) {
        uint32_t a;
        if (dhcp_reply_type(g_ptr_array_index(s.frames, i), xid, &a) == 2) {
            offers++;
            yiaddr = a;
        }
    }
    g_assert_cmpint(offers, ==, 1);
    g_assert_cmphex(ntohl(yiaddr), ==, 0x0a00020f);     /* 10.0.2.15 */

    /* Garbage from the guest is ignored, not fatal. */
    memset(frame, 0xab, sizeof(frame));
    g_assert_cmpint(net_send_packet(guest, frame, 5), ==, 5);
    g_assert_cmpint(net_send_packet(guest, frame, sizeof(frame)), ==,
                    sizeof(frame));

    net_client_free(guest);
    net_cleanup();
    sink_free(&s);
}

/* Ethernet ARP request from 10.0.2.15 (the guest) for tip. */
static size_t build_arp_request(uint8_t *f, uint32_t tip)
{
    uint8_t *a = f + 14;
    uint32_t sip = htonl(0x0a00020f);

    memset(f, 0, 60);
    memset(f, 0xff, 6);
    memcpy(f + 6, guest_mac, 6);
    put16(f + 12, 0x0806);
    put16(a, 1);
    put16(a + 2, 0x0800);
    a[4] = 6;
    a[5] = 4;
    put16(a + 6, 1);
    memcpy(a + 8, guest_mac, 6);
    memcpy(a + 14, &sip, 4);
    tip = htonl(tip);
    memcpy(a + 24, &tip, 4);
    return 60;
}

typedef struct SynWait {
    Sink *sink;
    int port;
} SynWait;

/* A TCP SYN for 10.0.2.15:port among the frames? */
static bool saw_syn(void *opaque)
{
    SynWait *w = opaque;

    for (guint i = 0; i < w->sink->frames->len; i++) {
        GByteArray *f = g_ptr_array_index(w->sink->frames, i);
        const uint8_t *ip = f->data + 14, *tcp;

        if (f->len < 14 + 40 || get16(f->data + 12) != 0x0800 ||
            ip[9] != 6 || memcmp(f->data, guest_mac, 6) != 0) {
            continue;
        }
        tcp = ip + (ip[0] & 0xf) * 4;
        if (get16(ip + 16) == 0x0a00 && get16(ip + 18) == 0x020f &&
            get16(tcp + 2) == w->port && (tcp[13] & 0x12) == 0x02) {
            return true;
        }
    }
    return false;
}

static void test_slirp_hostfwd_syn(void)
{
    Sink s;
    NetClient *guest = sink_new(&s, "nic");
    GError *err = NULL;
    int port = free_port();
    g_autofree char *opt = g_strdup_printf(
        "user,id=fwd0,hostfwd=tcp:127.0.0.1:%d-:2222", port);
    struct sockaddr_in sin = { .sin_family = AF_INET };
    uint8_t frame[64];
    const uint8_t *a;
    GByteArray *reply;
    SynWait w = { &s, 2222 };
    int fd;

    g_assert_true(netdev_add_opts(opt, &err));
    g_assert_no_error(err);
    g_assert_true(net_client_connect(guest, netdev_find("fwd0"), &err));

    /* The guest asks for the gateway; slirp learns the guest's MAC. */
    g_assert_cmpint(net_send_packet(guest, frame,
                                    build_arp_request(frame, 0x0a000202)),
                    ==, 60);
    g_assert_cmpuint(s.frames->len, ==, 1);
    reply = g_ptr_array_index(s.frames, 0);
    a = reply->data + 14;
    g_assert_cmpuint(get16(reply->data + 12), ==, 0x0806);
    g_assert_cmpuint(get16(a + 6), ==, 2);                /* reply */
    g_assert_cmphex(get16(a + 14), ==, 0x0a00);           /* 10.0.2.2 */
    g_assert_cmphex(get16(a + 16), ==, 0x0202);

    fd = socket(AF_INET, SOCK_STREAM, 0);
    g_assert_cmpint(fd, >=, 0);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sin.sin_port = htons(port);
    if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
        g_assert_cmpint(errno, ==, EINPROGRESS);
    }
    run_until(saw_syn, &w);
    g_assert_true(saw_syn(&w));

    close(fd);
    net_client_free(guest);
    net_cleanup();
    sink_free(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    net_init();
    g_test_add_func("/net/loopback-queueing", test_loopback_queueing);
    g_test_add_func("/net/netdev-opts-good", test_netdev_opts_good);
    g_test_add_func("/net/netdev-opts-bad", test_netdev_opts_bad);
    g_test_add_func("/net/netdev-hostfwd-port-busy",
                    test_netdev_hostfwd_port_busy);
    g_test_add_func("/net/slirp-dhcp-offer", test_slirp_dhcp_offer);
    g_test_add_func("/net/slirp-hostfwd-syn", test_slirp_hostfwd_syn);
    return g_test_run();
}
