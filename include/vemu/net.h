/* SPDX-License-Identifier: MIT */
/*
 * Network clients: a guest NIC and a host backend (-netdev user, ...)
 * are two NetClients joined as peers. Each side sends with
 * net_send_packet(); what the receiving side cannot take yet waits in the
 * receiver's queue until it calls net_flush_queued().
 *
 * Everything here runs under the BQL.
 */
#ifndef VEMU_NET_H
#define VEMU_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <glib.h>

typedef struct NetClient NetClient;

/* GError domain of the network layer's messages. */
GQuark net_error_quark(void);
#define NET_ERROR net_error_quark()

/* Packets queued for one receiver before new ones are dropped. */
#define NET_QUEUE_MAX_PACKETS 4096

struct NetClient {
    char *id;              /* -netdev id, or a NIC's name */
    const char *model;     /* "user", "virtio-net", ... */
    NetClient *peer;
    /*
     * Take one packet. Returns len when consumed (or deliberately
     * dropped), 0 when the receiver has no room now (the packet is
     * queued and handed over again by net_flush_queued), <0 on error
     * (the packet is dropped).
     */
    ssize_t (*receive)(NetClient *nc, const uint8_t *buf, size_t len);
    /* NULL: always ready. false: queue without calling receive. */
    bool (*can_receive)(NetClient *nc);
    /* Free the owner's state (called by net_client_free). */
    void (*cleanup)(NetClient *nc);
    void *opaque;
    /* Packets for this client that it could not take yet (NetPacket). */
    GQueue incoming;
    bool flushing;
    uint64_t dropped;      /* packets lost to a full queue or errors */
};

/*
 * A new client, not yet connected. id may be NULL; model is a static
 * string. The caller sets receive/can_receive/cleanup/opaque.
 */
NetClient *net_client_new(const char *model, const char *id);
/* Disconnect from the peer, drop the queue, call cleanup, free. */
void net_client_free(NetClient *nc);
/* Make a and b peers (either may have been connected before: false). */
bool net_client_connect(NetClient *a, NetClient *b, GError **errp);
void net_client_disconnect(NetClient *nc);

/*
 * Deliver a packet from nc to its peer. Returns len when delivered, 0
 * when queued at the peer, -1 when dropped (no peer, queue full, error).
 */
ssize_t net_send_packet(NetClient *nc, const uint8_t *buf, size_t len);
/* The receiver nc can take more: hand over its queued packets in order
 * until it refuses one. Returns true if the queue is now empty. */
bool net_flush_queued(NetClient *nc);
/* Drop every packet queued for nc. */
void net_purge_queued(NetClient *nc);
size_t net_queued_count(const NetClient *nc);

/*
 * -netdev TYPE,id=ID,...: create a host backend registered under ID.
 * TYPE "user": net=, host=, dns=, dhcpstart=, hostfwd= (repeatable),
 * restrict=, hostname=, domainname=, dnssearch=, tftp=, bootfile=,
 * ipv4=, ipv6=. Errors like "Invalid host forwarding rule 'bad'" (the
 * caller prefixes "vemu: -netdev OPTARG: "). "help" lists the types on
 * stdout and returns false with *errp NULL.
 */
bool netdev_add_opts(const char *optarg, GError **errp);
/* Register a backend made elsewhere (tests, future backends) under its
 * id; false + error on a duplicate or missing id. */
bool netdev_add(NetClient *nc, GError **errp);
/* A backend by -netdev id, or NULL. */
NetClient *netdev_find(const char *id);
/* Backends in creation order (NetClient *), for "info network". */
GPtrArray *netdev_list(void);
/* Remove one backend (frees it and disconnects its NIC). */
bool netdev_del(const char *id, GError **errp);

/* Install the -device netdev= lookup (prop_netdev_lookup). */
void net_init(void);
/* Free every backend (at exit). */
void net_cleanup(void);

/* ---- backends (net/) ------------------------------------------------ */

typedef struct NetOpt {
    char *key;
    char *value;
} NetOpt;

/* Parse "a=b,c=d" with ",," as a literal comma; false + error. */
bool net_parse_opts(const char *str, GPtrArray **opts, GError **errp);
void net_opts_free(GPtrArray *opts);
/* "on"/"off"/"yes"/"no"/"true"/"false" */
bool net_parse_bool(const char *key, const char *value, bool *out,
                    GError **errp);

/* Backend constructors; opts excludes the type word and the id. */
NetClient *net_slirp_new(const char *id, GPtrArray *opts, GError **errp);

#endif
