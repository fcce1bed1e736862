/* SPDX-License-Identifier: MIT */
/* The socket backend: TCP or unix, server (one client at a time) or client. */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib-unix.h>

#include "chardev/char-internal.h"

typedef struct SocketChardev {
    Chardev parent;
    bool is_unix;
    bool server;
    bool nodelay;
    bool ipv4, ipv6;
    int reconnect;         /* seconds between client reconnects; 0: never */
    char *host, *port, *path;
    char *addr_str;        /* "tcp:127.0.0.1:4444,server=on" */
    int listen_fd;
    guint listen_watch;
    guint reconnect_timer;
    int fd;                /* the connection; -1; changed under write_lock */
    bool stalled;
    ChrFdReader in;
} SocketChardev;

static void socket_set_disconnected_name(SocketChardev *s)
{
    Chardev *chr = &s->parent;

    g_free(chr->filename);
    chr->filename = g_strdup_printf("disconnected:%s", s->addr_str);
}

/* "127.0.0.1:5555" or "[::1]:5555" of a TCP socket address */
static char *sockaddr_str(const struct sockaddr *sa, socklen_t len)
{
    char host[NI_MAXHOST], serv[NI_MAXSERV];

    if (getnameinfo(sa, len, host, sizeof(host), serv, sizeof(serv),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        return g_strdup("?");
    }
    if (sa->sa_family == AF_INET6) {
        return g_strdup_printf("[%s]:%s", host, serv);
    }
    return g_strdup_printf("%s:%s", host, serv);
}

static void socket_disconnect(Chardev *chr);

static void socket_connected(SocketChardev *s, int fd)
{
    Chardev *chr = &s->parent;
    int one = 1;

    chr_fd_set_nonblock(fd, NULL);
    if (!s->is_unix && s->nodelay) {
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    g_mutex_lock(&chr->write_lock);
    s->fd = fd;
    s->stalled = false;
    g_mutex_unlock(&chr->write_lock);

    g_free(chr->filename);
    if (s->is_unix) {
        chr->filename = g_strdup(s->addr_str);
    } else {
        struct sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        char *peer = NULL;

        if (getpeername(fd, (struct sockaddr *)&ss, &len) == 0) {
            peer = sockaddr_str((struct sockaddr *)&ss, len);
        }
        chr->filename = g_strdup_printf("%s <-> %s", s->addr_str,
                                        peer ? peer : "?");
        g_free(peer);
    }
    if (s->listen_watch) {
        /* One client at a time: others wait in the backlog. */
        g_source_remove(s->listen_watch);
        s->listen_watch = 0;
    }
    chr_fd_reader_start(&s->in, chr, fd, socket_disconnect);
    chr_be_event(chr, CHR_EVENT_OPENED);
}

static gboolean socket_accept_cb(gint lfd, GIOCondition cond, gpointer opaque)
{
    SocketChardev *s = opaque;
    int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

    if (fd < 0) {
        return G_SOURCE_CONTINUE;
    }
    s->listen_watch = 0;
    socket_connected(s, fd);
    return G_SOURCE_REMOVE;
}

static void socket_listen_watch(SocketChardev *s)
{
    if (!s->listen_watch && s->listen_fd >= 0) {
        s->listen_watch = g_unix_fd_add(s->listen_fd, G_IO_IN,
                                        socket_accept_cb, s);
    }
}

/* Resolve host/port or path into a list of addresses to try. */
static struct addrinfo *socket_resolve(SocketChardev *s, const ChrOpts *o,
                                       GError **errp)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
    struct addrinfo *res = NULL;
    int rc;

    hints.ai_family = s->ipv4 && !s->ipv6 ? AF_INET
                      : s->ipv6 && !s->ipv4 ? AF_INET6 : AF_UNSPEC;
    if (s->server) {
        hints.ai_flags = AI_PASSIVE;
    }
    rc = getaddrinfo(s->host[0] ? s->host : NULL, s->port, &hints, &res);
    if (rc != 0) {
        chr_error(errp, o, "address resolution failed for %s:%s: %s",
                  s->host, s->port, gai_strerror(rc));
        return NULL;
    }
    return res;
}

static bool unix_addr(SocketChardev *s, const ChrOpts *o,
                      struct sockaddr_un *un, GError **errp)
{
    memset(un, 0, sizeof(*un));
    un->sun_family = AF_UNIX;
    if (strlen(s->path) >= sizeof(un->sun_path)) {
        chr_error(errp, o, "UNIX socket path '%s' is too long", s->path);
        return false;
    }
    strcpy(un->sun_path, s->path);
    return true;
}

static bool socket_listen(SocketChardev *s, const ChrOpts *o, GError **errp)
{
    int err = 0;

    if (s->is_unix) {
        struct sockaddr_un un;

        if (!unix_addr(s, o, &un, errp)) {
            return false;
        }
        s->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        unlink(s->path);
        if (s->listen_fd < 0 ||
            bind(s->listen_fd, (struct sockaddr *)&un, sizeof(un)) < 0 ||
            listen(s->listen_fd, 1) < 0) {
            err = errno;
        }
        s->addr_str = g_strdup_printf("unix:%s,server=on", s->path);
    } else {
        struct addrinfo *res = socket_resolve(s, o, errp), *ai;
        struct sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        char *bound;
        int one = 1;

        if (!res) {
            return false;
        }
        err = EADDRNOTAVAIL;
        for (ai = res; ai; ai = ai->ai_next) {
            int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                            ai->ai_protocol);

            if (fd < 0) {
                err = errno;
                continue;
            }
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
            if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
                listen(fd, 1) == 0) {
                s->listen_fd = fd;
                err = 0;
                break;
            }
            err = errno;
            close(fd);
        }
        freeaddrinfo(res);
        if (err == 0 &&
            getsockname(s->listen_fd, (struct sockaddr *)&ss, &len) == 0) {
            bound = sockaddr_str((struct sockaddr *)&ss, len);
        } else {
            bound = g_strdup_printf("%s:%s", s->host, s->port);
        }
        s->addr_str = g_strdup_printf("tcp:%s,server=on", bound);
        if (err) {
            chr_error(errp, o, "Failed to bind socket to %s:%s: %s",
                      s->host, s->port, g_strerror(err));
        }
        g_free(bound);
        return err == 0;
    }
    if (err) {
        chr_error(errp, o, "Failed to bind socket to %s: %s", s->path,
                  g_strerror(err));
        return false;
    }
    return true;
}

/* Blocking connect; returns the fd or -1 with errno. */
static int socket_try_connect(SocketChardev *s)
{
    int err = ECONNREFUSED;

    if (s->is_unix) {
        struct sockaddr_un un;
        int fd;

        if (!unix_addr(s, NULL, &un, NULL)) {
            errno = ENAMETOOLONG;
            return -1;
        }
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd >= 0 && connect(fd, (struct sockaddr *)&un, sizeof(un)) == 0) {
            return fd;
        }
        err = errno;
        if (fd >= 0) {
            close(fd);
        }
    } else {
        struct addrinfo *res = socket_resolve(s, NULL, NULL), *ai;

        for (ai = res; ai; ai = ai->ai_next) {
            int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                            ai->ai_protocol);

            if (fd < 0) {
                err = errno;
                continue;
            }
            if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
                freeaddrinfo(res);
                return fd;
            }
            err = errno;
            close(fd);
        }
        if (res) {
            freeaddrinfo(res);
        }
    }
    errno = err;
    return -1;
}

static gboolean socket_reconnect_cb(gpointer opaque)
{
    SocketChardev *s = opaque;
    int fd = socket_try_connect(s);

    if (fd < 0) {
        return G_SOURCE_CONTINUE;
    }
    s->reconnect_timer = 0;
    socket_connected(s, fd);
    return G_SOURCE_REMOVE;
}

static void socket_disconnect(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;
    int fd;

    chr_fd_reader_stop(&s->in);
    g_mutex_lock(&chr->write_lock);
    fd = s->fd;
    s->fd = -1;
    g_mutex_unlock(&chr->write_lock);
    if (fd < 0) {
        return;
    }
    close(fd);
    socket_set_disconnected_name(s);
    if (s->server) {
        socket_listen_watch(s);
    } else if (s->reconnect > 0 && !s->reconnect_timer) {
        s->reconnect_timer = g_timeout_add_seconds(s->reconnect,
                                                   socket_reconnect_cb, s);
    }
    chr_be_event(chr, CHR_EVENT_CLOSED);
}

static bool socket_parse(SocketChardev *s, const ChrOpts *o, bool *wait,
                         GError **errp)
{
    const char *rc = chr_opts_get(o, "reconnect");
    bool telnet, wait_given = chr_opts_get(o, "wait") != NULL;

    if (!chr_opts_get_bool(o, "server", false, &s->server, errp) ||
        !chr_opts_get_bool(o, "wait", true, wait, errp) ||
        !chr_opts_get_bool(o, "nodelay", false, &s->nodelay, errp) ||
        !chr_opts_get_bool(o, "telnet", false, &telnet, errp) ||
        !chr_opts_get_bool(o, "ipv4", false, &s->ipv4, errp) ||
        !chr_opts_get_bool(o, "ipv6", false, &s->ipv6, errp)) {
        return false;
    }
    if (telnet) {
        chr_error(errp, o, "telnet=on is not supported");
        return false;
    }
    if (rc) {
        char *end;
        long v = strtol(rc, &end, 10);

        if (*end || v < 0 || v > 86400) {
            chr_error(errp, o, "Parameter 'reconnect' expects a number");
            return false;
        }
        s->reconnect = v;
    }
    if (s->server && s->reconnect) {
        chr_error(errp, o,
                  "'reconnect' option is incompatible with 'server' option");
        return false;
    }
    if (!s->server && wait_given) {
        chr_error(errp, o, "'wait' option is incompatible with "
                  "socket in client connect mode");
        return false;
    }
    s->path = g_strdup(chr_opts_get(o, "path"));
    s->host = g_strdup(chr_opts_get(o, "host"));
    s->port = g_strdup(chr_opts_get(o, "port"));
    s->is_unix = s->path != NULL;
    if (s->is_unix && (s->host || s->port)) {
        chr_error(errp, o, "chardev: socket: path= conflicts with "
                  "host= and port=");
        return false;
    }
    if (!s->is_unix) {
        if (!s->port || !s->port[0]) {
            chr_error(errp, o, "chardev: socket: no port given");
            return false;
        }
        if (!s->host) {
            s->host = g_strdup("");
        }
        if (!s->server && !s->host[0]) {
            chr_error(errp, o, "chardev: socket: no host given");
            return false;
        }
    } else if (!s->path[0]) {
        chr_error(errp, o, "chardev: socket: no path given");
        return false;
    }
    return true;
}

static bool socket_open(Chardev *chr, const ChrOpts *o, GError **errp)
{
    SocketChardev *s = (SocketChardev *)chr;
    bool wait;
    int fd;

    s->fd = -1;
    s->listen_fd = -1;
    s->in.fd = -1;
    chr->be_open = false;
    if (!socket_parse(s, o, &wait, errp)) {
        goto fail;
    }
    if (s->server) {
        if (!socket_listen(s, o, errp)) {
            goto fail;
        }
        socket_set_disconnected_name(s);
        if (wait) {
            fprintf(stderr, "vemu: %s: info: QEMU waiting for connection "
                    "on: %s\n", o->where, chr->filename);
            do {
                fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
            } while (fd < 0 && (errno == EINTR || errno == ECONNABORTED));
            if (fd < 0) {
                chr_error(errp, o, "accept failed: %s", g_strerror(errno));
                goto fail;
            }
            socket_connected(s, fd);
        } else {
            socket_listen_watch(s);
        }
        return true;
    }
    if (s->is_unix) {
        s->addr_str = g_strdup_printf("unix:%s", s->path);
    } else {
        s->addr_str = g_strdup_printf("tcp:%s:%s", s->host, s->port);
    }
    socket_set_disconnected_name(s);
    fd = socket_try_connect(s);
    if (fd >= 0) {
        socket_connected(s, fd);
    } else if (s->reconnect > 0) {
        /* Like QEMU: with reconnect=N a missing server is no error. */
        s->reconnect_timer = g_timeout_add_seconds(s->reconnect,
                                                   socket_reconnect_cb, s);
    } else if (s->is_unix) {
        chr_error(errp, o, "Failed to connect to '%s': %s", s->path,
                  g_strerror(errno));
        goto fail;
    } else {
        chr_error(errp, o, "Failed to connect to '%s:%s': %s", s->host,
                  s->port, g_strerror(errno));
        goto fail;
    }
    return true;

fail:
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        if (s->is_unix) {
            unlink(s->path);
        }
    }
    g_free(s->host);
    g_free(s->port);
    g_free(s->path);
    g_free(s->addr_str);
    return false;
}

static int socket_write(Chardev *chr, const uint8_t *buf, int len)
{
    SocketChardev *s = (SocketChardev *)chr;
    int n;

    if (s->fd < 0) {
        /* No client: the output is lost, as on a real unplugged line. */
        return len;
    }
    n = chr_fd_write_bounded(s->fd, buf, len, true, &s->stalled);
    /* A dead peer is noticed (and closed) by the reader on the main loop. */
    return n < 0 ? len : n;
}

static void socket_accept_input(Chardev *chr)
{
    chr_fd_reader_resume(&((SocketChardev *)chr)->in);
}

static void socket_close(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;

    chr_fd_reader_stop(&s->in);
    if (s->listen_watch) {
        g_source_remove(s->listen_watch);
    }
    if (s->reconnect_timer) {
        g_source_remove(s->reconnect_timer);
    }
    if (s->fd >= 0) {
        close(s->fd);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        if (s->is_unix) {
            unlink(s->path);
        }
    }
    g_free(s->host);
    g_free(s->port);
    g_free(s->path);
    g_free(s->addr_str);
}

static const char *const socket_opts[] = {
    "host", "port", "path", "server", "wait", "nodelay", "telnet",
    "reconnect", "ipv4", "ipv6", NULL
};
static const char *const socket_bool_opts[] = {
    "server", "wait", "nodelay", "telnet", "ipv4", "ipv6", NULL
};

const ChardevClass chr_socket_class = {
    .name = "socket",
    .instance_size = sizeof(SocketChardev),
    .opts = socket_opts,
    .bool_opts = socket_bool_opts,
    .open = socket_open,
    .write = socket_write,
    .accept_input = socket_accept_input,
    .close = socket_close,
};
