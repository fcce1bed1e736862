/* SPDX-License-Identifier: MIT */
/*
 * virtio console (spec 5.3) with one port and no MULTIPORT: Linux binds
 * port 0 as hvc0. "virtio-serial-device,chardev=ID" as on QEMU's command
 * line (where the port would be a separate virtconsole device).
 */
#include "vemu/chardev.h"
#include "vemu/log.h"
#include "vemu/virtio.h"

#define CONSOLE_QUEUE_SIZE 128
/* max_nr_ports etc. exist only with features we do not offer; keep the
 * config space the size of cols, rows, max_nr_ports, emerg_wr. */
#define CONSOLE_CFG_SIZE 12

typedef struct VirtIOConsole {
    VirtIODevice vdev;
    Chardev *chr;             /* property "chardev" (may be absent) */
    ChrFrontendHandlers handlers;
    int handle;
    VirtQueue *rx;            /* receiveq of port 0 */
    VirtQueue *tx;            /* transmitq of port 0 */
    VirtQueueElement *rx_elem;  /* popped receive buffer, not yet filled */
} VirtIOConsole;

/* A receive buffer to put input in (popped and kept), or NULL. */
static VirtQueueElement *console_rx_buffer(VirtIOConsole *s)
{
    if (!s->rx_elem && virtio_device_started(&s->vdev)) {
        s->rx_elem = virtqueue_pop(s->rx, sizeof(VirtQueueElement));
    }
    return s->rx_elem;
}

static int console_can_read(void *opaque)
{
    VirtIOConsole *s = opaque;
    VirtQueueElement *elem = console_rx_buffer(s);

    if (!elem) {
        return 0;
    }
    return MIN(iov_size(elem->in_sg, elem->in_num), (size_t)G_MAXINT);
}

static void console_read(void *opaque, const uint8_t *buf, int len)
{
    VirtIOConsole *s = opaque;

    /* can_read bounds len by one buffer; fill as many as the input
     * needs in case a backend hands over more. */
    while (len > 0) {
        VirtQueueElement *elem = console_rx_buffer(s);
        size_t n;

        if (!elem) {
            vemu_log_mask(LOG_GUEST_ERROR, "virtio-console: %d input bytes "
                          "dropped: no receive buffer\n", len);
            break;
        }
        n = iov_from_buf(elem->in_sg, elem->in_num, 0, buf, len);
        virtqueue_push(s->rx, elem, n);
        g_free(elem);
        s->rx_elem = NULL;
        buf += n;
        len -= n;
        if (n == 0) {
            break;
        }
    }
    virtio_notify(&s->vdev, s->rx);
}

static void console_event(void *opaque, ChrEvent ev)
{
    /* Without MULTIPORT there is no port open/close message to send. */
}

static void console_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOConsole *s = container_of(vdev, VirtIOConsole, vdev);

    /* New receive buffers: input held back may flow now. */
    if (s->chr) {
        chr_accept_input(s->chr);
    }
}

static void console_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOConsole *s = container_of(vdev, VirtIOConsole, vdev);
    VirtQueueElement *elem;
    bool done = false;

    while ((elem = virtqueue_pop(vq, sizeof(*elem)))) {
        for (unsigned i = 0; s->chr && i < elem->out_num; i++) {
            chr_write(s->chr, elem->out_sg[i].iov_base,
                      elem->out_sg[i].iov_len);
        }
        virtqueue_push(vq, elem, 0);
        g_free(elem);
        done = true;
    }
    if (done) {
        virtio_notify(vdev, vq);
    }
}

static void console_vreset(VirtIODevice *vdev)
{
    VirtIOConsole *s = container_of(vdev, VirtIOConsole, vdev);

    /* The rings are gone: the held buffer is simply forgotten. */
    g_free(s->rx_elem);
    s->rx_elem = NULL;
}

static void console_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIOConsole *s = container_of(vdev, VirtIOConsole, vdev);

    if ((status & VIRTIO_CONFIG_S_DRIVER_OK) && s->chr) {
        chr_accept_input(s->chr);
    }
}

static const VirtIODeviceOps console_vops = {
    .reset = console_vreset,
    .set_status = console_set_status,
};

static bool virtio_console_realize(Device *dev, GError **errp)
{
    VirtIOConsole *s = container_of(dev, VirtIOConsole, vdev.dev);

    virtio_init(&s->vdev, "virtio-console", VIRTIO_ID_CONSOLE,
                CONSOLE_CFG_SIZE);
    s->vdev.ops = &console_vops;
    s->rx = virtio_add_queue(&s->vdev, CONSOLE_QUEUE_SIZE,
                             console_handle_rx);
    s->tx = virtio_add_queue(&s->vdev, CONSOLE_QUEUE_SIZE,
                             console_handle_tx);
    if (s->chr) {
        s->handlers.can_read = console_can_read;
        s->handlers.read = console_read;
        s->handlers.event = console_event;
        s->handlers.opaque = s;
        s->handle = chr_add_frontend(s->chr, &s->handlers);
    }
    return true;
}

static void virtio_console_unrealize(Device *dev)
{
    VirtIOConsole *s = container_of(dev, VirtIOConsole, vdev.dev);

    if (s->chr) {
        chr_remove_frontend(s->chr, s->handle);
    }
    console_vreset(&s->vdev);
    virtio_cleanup(&s->vdev);
}

static void virtio_console_reset(Device *dev)
{
    virtio_reset(VIRTIO_DEVICE(dev));
}

static const Property virtio_console_props[] = {
    DEFINE_PROP("chardev", PROP_CHARDEV, VirtIOConsole, chr, NULL),
    { .name = NULL },
};

static const DeviceClass virtio_console_class = {
    .name = "virtio-serial-device",
    .desc = "virtio console, one port (hvc0) on chardev=ID",
    .instance_size = sizeof(VirtIOConsole),
    .props = virtio_console_props,
    .bus_type = "virtio-bus",
    .user_creatable = true,
    .realize = virtio_console_realize,
    .unrealize = virtio_console_unrealize,
    .reset = virtio_console_reset,
};

static void __attribute__((constructor)) virtio_console_register(void)
{
    device_class_register(&virtio_console_class);
}
