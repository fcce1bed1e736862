/* SPDX-License-Identifier: MIT */
/* virtio-net-device: a virtio network card joined to a -netdev backend. */
#include <string.h>

#include "vemu/log.h"
#include "vemu/main-loop.h"
#include "vemu/net.h"
#include "vemu/virtio.h"

/* Device feature bits (virtio 1.2, 5.1.3). */
#define VIRTIO_NET_F_MAC        5
#define VIRTIO_NET_F_MRG_RXBUF  15
#define VIRTIO_NET_F_STATUS     16

#define VIRTIO_NET_S_LINK_UP    1

/* struct virtio_net_config: mac[6], status, max_virtqueue_pairs. */
enum {
    VNET_CFG_MAC = 0,
    VNET_CFG_STATUS = 6,
    VNET_CFG_MAX_VQ_PAIRS = 8,
    VNET_CFG_SIZE = 10,
};

/* struct virtio_net_hdr_v1 (little-endian). */
typedef struct VirtIONetHdr {
    uint8_t flags;
    uint8_t gso_type;
    uint16_t hdr_len;
    uint16_t gso_size;
    uint16_t csum_start;
    uint16_t csum_offset;
    uint16_t num_buffers;
} VirtIONetHdr;

#define VNET_HDR_LEN sizeof(VirtIONetHdr)       /* 12 */
#define VNET_HDR_LEGACY_LEN 10                  /* without num_buffers */
#define VNET_QUEUE_SIZE 256
/* Largest frame a guest may send (no TSO offered: 1514 would do). */
#define VNET_MAX_FRAME (65535 + 14)
/* Chains taken per tx kick before the rest waits for an idle turn. */
#define VNET_TX_BURST 256

typedef struct VirtIONet {
    VirtIODevice vdev;
    NetClient *netdev;      /* property: the backend */
    char *mac_str;          /* property: "52:54:00:12:34:56" */
    uint8_t mac[6];
    NetClient *nic;
    VirtQueue *rx_vq;
    VirtQueue *tx_vq;
    size_t hdr_len;
    bool mergeable;
    guint tx_idle;          /* pending continuation of a long tx burst */
    uint8_t *tx_buf;
} VirtIONet;

/* Default MACs: 52:54:00:12:34:56, then ...:57 for the next card. */
static unsigned vnet_instances;

/* ---- receive (backend -> guest) ------------------------------------- */

static bool vnet_rx_has_buffers(VirtIONet *n)
{
    if (!virtio_queue_ready(n->rx_vq)) {
        return false;
    }
    if (virtio_queue_empty(n->rx_vq)) {
        /* Ask for a kick when buffers come, then look once more in
         * case they came before the request was visible. */
        virtio_queue_set_notification(n->rx_vq, true);
        return !virtio_queue_empty(n->rx_vq);
    }
    return true;
}

static bool vnet_can_receive(NetClient *nc)
{
    VirtIONet *n = nc->opaque;

    return virtio_device_started(&n->vdev) && vnet_rx_has_buffers(n);
}

static void vnet_put_hdr(VirtIONet *n, VirtQueueElement *elem,
                         uint16_t num_buffers)
{
    VirtIONetHdr hdr = { .num_buffers = GUINT16_TO_LE(num_buffers) };

    iov_from_buf(elem->in_sg, elem->in_num, 0, &hdr, n->hdr_len);
}

static ssize_t vnet_receive(NetClient *nc, const uint8_t *buf, size_t len)
{
    VirtIONet *n = nc->opaque;
    VirtQueueElement *elems[VNET_QUEUE_SIZE];
    size_t lens[VNET_QUEUE_SIZE];
    size_t done = 0;
    unsigned count = 0;

    if (!vnet_can_receive(nc)) {
        return 0;
    }
    /* The header, then the frame, spread over as many chains as the
     * driver allows (one without mergeable buffers). */
    while (done < len || count == 0) {
        VirtQueueElement *e;
        size_t room, off, take;

        if (count == VNET_QUEUE_SIZE ||
            (count > 0 && !n->mergeable)) {
            vemu_log_mask(LOG_GUEST_ERROR,
                          "virtio-net: rx buffers too small for a %zu "
                          "byte frame: dropped\n", len);
            goto drop;
        }
        e = virtqueue_pop(n->rx_vq, sizeof(VirtQueueElement));
        if (!e) {
            if (n->vdev.broken) {
                goto drop;
            }
            goto wait;
        }
        elems[count] = e;
        lens[count] = 0;
        count++;
        room = iov_size(e->in_sg, e->in_num);
        if (e->in_num == 0 || (count == 1 && room < n->hdr_len)) {
            virtio_error(&n->vdev, "rx chain without room for the header");
            goto drop;
        }
        off = count == 1 ? n->hdr_len : 0;
        take = MIN(room - off, len - done);
        iov_from_buf(e->in_sg, e->in_num, off, buf + done, take);
        lens[count - 1] = off + take;
        done += take;
    }
    vnet_put_hdr(n, elems[0], count);
    for (unsigned i = 0; i < count; i++) {
        virtqueue_fill(n->rx_vq, elems[i], lens[i], i);
        g_free(elems[i]);
    }
    virtqueue_flush(n->rx_vq, count);
    virtio_notify(&n->vdev, n->rx_vq);
    return len;

wait:
    /* Out of buffers mid-frame: give them back, keep the frame queued. */
    while (count > 0) {
        count--;
        virtqueue_unpop(n->rx_vq, elems[count]);
        g_free(elems[count]);
    }
    virtio_queue_set_notification(n->rx_vq, true);
    return 0;

drop:
    while (count > 0) {
        count--;
        if (n->vdev.broken) {
            virtqueue_detach_element(n->rx_vq, elems[count], 0);
        } else {
            virtqueue_unpop(n->rx_vq, elems[count]);
        }
        g_free(elems[count]);
    }
    return len;
}

/* The driver added rx buffers: hand over what waited for them. */
static void vnet_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = container_of(vdev, VirtIONet, vdev);

    net_flush_queued(n->nic);
}

/* ---- transmit (guest -> backend) ------------------------------------ */

static void vnet_tx_schedule(VirtIONet *n);

/* Send up to VNET_TX_BURST chains; true if the queue may hold more. */
static bool vnet_tx_burst(VirtIONet *n)
{
    VirtQueue *vq = n->tx_vq;
    unsigned sent = 0;

    if (!virtio_device_started(&n->vdev) || !virtio_queue_ready(vq)) {
        return false;
    }
    while (sent < VNET_TX_BURST) {
        VirtQueueElement *e = virtqueue_pop(vq, sizeof(VirtQueueElement));
        size_t size, len;

        if (!e) {
            return false;
        }
        size = iov_size(e->out_sg, e->out_num);
        if (size < n->hdr_len) {
            virtio_error(&n->vdev, "tx chain shorter than the header");
            virtqueue_detach_element(vq, e, 0);
            g_free(e);
            return false;
        }
        len = size - n->hdr_len;
        if (len > VNET_MAX_FRAME) {
            vemu_log_mask(LOG_GUEST_ERROR,
                          "virtio-net: %zu byte tx frame dropped\n", len);
        } else {
            iov_to_buf(e->out_sg, e->out_num, n->hdr_len, n->tx_buf, len);
            net_send_packet(n->nic, n->tx_buf, len);
        }
        virtqueue_push(vq, e, 0);
        g_free(e);
        sent++;
    }
    return true;
}

static void vnet_tx_run(VirtIONet *n)
{
    bool more = vnet_tx_burst(n);

    virtio_notify(&n->vdev, n->tx_vq);
    if (more) {
        vnet_tx_schedule(n);
    }
}

/* The rest of a long burst, from the main loop (the BQL nests). */
static gboolean vnet_tx_idle(gpointer opaque)
{
    VirtIONet *n = opaque;

    bql_lock();
    n->tx_idle = 0;
    vnet_tx_run(n);
    bql_unlock();
    return G_SOURCE_REMOVE;
}

static void vnet_tx_schedule(VirtIONet *n)
{
    if (!n->tx_idle) {
        n->tx_idle = g_idle_add(vnet_tx_idle, n);
    }
}

static void vnet_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = container_of(vdev, VirtIONet, vdev);

    if (!n->tx_idle) {
        vnet_tx_run(n);
    }
}

/* ---- virtio hooks --------------------------------------------------- */

static void vnet_write_status(VirtIONet *n)
{
    n->vdev.config[VNET_CFG_STATUS] = VIRTIO_NET_S_LINK_UP;
    n->vdev.config[VNET_CFG_STATUS + 1] = 0;
}

static void vnet_set_config(VirtIODevice *vdev, const uint8_t *config)
{
    VirtIONet *n = container_of(vdev, VirtIONet, vdev);

    /* Only the MAC is writable (by legacy drivers); status is not. */
    memcpy(n->mac, vdev->config + VNET_CFG_MAC, 6);
    vnet_write_status(n);
    vdev->config[VNET_CFG_MAX_VQ_PAIRS] = 1;
    vdev->config[VNET_CFG_MAX_VQ_PAIRS + 1] = 0;
}

static void vnet_set_features(VirtIODevice *vdev, uint64_t features)
{
    VirtIONet *n = container_of(vdev, VirtIONet, vdev);

    n->mergeable = (features >> VIRTIO_NET_F_MRG_RXBUF) & 1;
    n->hdr_len = (n->mergeable || ((features >> VIRTIO_F_VERSION_1) & 1))
                     ? VNET_HDR_LEN : VNET_HDR_LEGACY_LEN;
}

static void vnet_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIONet *n = container_of(vdev, VirtIONet, vdev);

    if (virtio_device_started(vdev)) {
        net_flush_queued(n->nic);
    }
}

static void vnet_reset(VirtIODevice *vdev)
{
    VirtIONet *n = container_of(vdev, VirtIONet, vdev);

    /* Frames queued for the old driver instance mean nothing now. */
    net_purge_queued(n->nic);
    if (n->tx_idle) {
        g_source_remove(n->tx_idle);
        n->tx_idle = 0;
    }
    n->mergeable = false;
    n->hdr_len = VNET_HDR_LEN;
    memcpy(vdev->config + VNET_CFG_MAC, n->mac, 6);
    vnet_write_status(n);
}

static const VirtIODeviceOps vnet_ops = {
    .set_config = vnet_set_config,
    .set_features = vnet_set_features,
    .set_status = vnet_set_status,
    .reset = vnet_reset,
};

/* ---- device --------------------------------------------------------- */

static bool vnet_parse_mac(const char *str, uint8_t mac[6])
{
    unsigned v[6];
    char end;

    if (sscanf(str, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2],
               &v[3], &v[4], &v[5], &end) != 6 || strlen(str) != 17) {
        return false;
    }
    for (int i = 0; i < 6; i++) {
        mac[i] = v[i];
    }
    /* A multicast address cannot be a card's own. */
    return !(mac[0] & 1);
}

static bool vnet_realize(Device *dev, GError **errp)
{
    VirtIONet *n = container_of(dev, VirtIONet, vdev.dev);
    VirtIODevice *vdev = &n->vdev;
    GError *err = NULL;

    if (n->mac_str) {
        if (!vnet_parse_mac(n->mac_str, n->mac)) {
            g_set_error(errp, NET_ERROR, 0,
                        "Property 'mac' expects a unicast MAC address "
                        "like 52:54:00:12:34:56, not '%s'", n->mac_str);
            return false;
        }
    } else {
        static const uint8_t base[6] = { 0x52, 0x54, 0x00, 0x12, 0x34,
                                         0x56 };
        memcpy(n->mac, base, 6);
        n->mac[5] += vnet_instances;
        n->mac[4] += (0x56 + vnet_instances) >> 8;
    }

    n->nic = net_client_new("virtio-net", dev->id);
    n->nic->receive = vnet_receive;
    n->nic->can_receive = vnet_can_receive;
    n->nic->opaque = n;
    if (n->netdev && !net_client_connect(n->nic, n->netdev, &err)) {
        g_set_error(errp, NET_ERROR, 0, "Property 'netdev': %s",
                    err->message);
        g_error_free(err);
        net_client_free(n->nic);
        n->nic = NULL;
        return false;
    }
    vnet_instances++;

    virtio_init(vdev, "virtio-net", VIRTIO_ID_NET, VNET_CFG_SIZE);
    vdev->ops = &vnet_ops;
    vdev->host_features |= (1ull << VIRTIO_NET_F_MAC) |
                           (1ull << VIRTIO_NET_F_STATUS) |
                           (1ull << VIRTIO_NET_F_MRG_RXBUF);
    n->rx_vq = virtio_add_queue(vdev, VNET_QUEUE_SIZE, vnet_handle_rx);
    n->tx_vq = virtio_add_queue(vdev, VNET_QUEUE_SIZE, vnet_handle_tx);
    n->tx_buf = g_malloc(VNET_MAX_FRAME);
    n->hdr_len = VNET_HDR_LEN;
    memcpy(vdev->config + VNET_CFG_MAC, n->mac, 6);
    vnet_write_status(n);
    vdev->config[VNET_CFG_MAX_VQ_PAIRS] = 1;
    return true;
}

static void vnet_unrealize(Device *dev)
{
    VirtIONet *n = container_of(dev, VirtIONet, vdev.dev);

    if (n->tx_idle) {
        g_source_remove(n->tx_idle);
        n->tx_idle = 0;
    }
    net_client_free(n->nic);
    n->nic = NULL;
    g_free(n->tx_buf);
    n->tx_buf = NULL;
    virtio_cleanup(&n->vdev);
}

static const Property vnet_props[] = {
    DEFINE_PROP("netdev", PROP_NETDEV, VirtIONet, netdev, NULL),
    DEFINE_PROP("mac", PROP_STRING, VirtIONet, mac_str, NULL),
    { .name = NULL },
};

static const DeviceClass virtio_net_class = {
    .name = "virtio-net-device",
    .desc = "virtio network card (-netdev backend in netdev=)",
    .instance_size = sizeof(VirtIONet),
    .props = vnet_props,
    .bus_type = "virtio-bus",
    .user_creatable = true,
    .realize = vnet_realize,
    .unrealize = vnet_unrealize,
};

static void __attribute__((constructor)) virtio_net_register(void)
{
    device_class_register(&virtio_net_class);
}
