/* SPDX-License-Identifier: MIT */
/* virtio-rng (entropy device, spec 5.4): buffers filled by getrandom(). */
#include <errno.h>
#include <sys/random.h>

#include "vemu/log.h"
#include "vemu/virtio.h"

#define RNG_QUEUE_SIZE 8

typedef struct VirtIORNG {
    VirtIODevice vdev;
    VirtQueue *vq;
} VirtIORNG;

/* Fill len bytes; short only if the host has no entropy to give. */
static size_t rng_fill(void *buf, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = getrandom((char *)buf + done, len - done, 0);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        done += n;
    }
    return done;
}

static void rng_handle_request(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtQueueElement *elem;
    bool done = false;

    while ((elem = virtqueue_pop(vq, sizeof(*elem)))) {
        size_t total = 0;

        for (unsigned i = 0; i < elem->in_num; i++) {
            size_t n = rng_fill(elem->in_sg[i].iov_base,
                                elem->in_sg[i].iov_len);

            total += n;
            if (n < elem->in_sg[i].iov_len) {
                break;
            }
        }
        virtqueue_push(vq, elem, total);
        g_free(elem);
        done = true;
    }
    if (done) {
        virtio_notify(vdev, vq);
    }
}

static bool virtio_rng_realize(Device *dev, GError **errp)
{
    VirtIORNG *s = container_of(dev, VirtIORNG, vdev.dev);

    virtio_init(&s->vdev, "virtio-rng", VIRTIO_ID_RNG, 0);
    s->vq = virtio_add_queue(&s->vdev, RNG_QUEUE_SIZE, rng_handle_request);
    return true;
}

static void virtio_rng_unrealize(Device *dev)
{
    virtio_cleanup(VIRTIO_DEVICE(dev));
}

static void virtio_rng_reset(Device *dev)
{
    virtio_reset(VIRTIO_DEVICE(dev));
}

static const Property virtio_rng_props[] = {
    { .name = NULL },
};

static const DeviceClass virtio_rng_class = {
    .name = "virtio-rng-device",
    .desc = "virtio entropy source (host getrandom)",
    .instance_size = sizeof(VirtIORNG),
    .props = virtio_rng_props,
    .bus_type = "virtio-bus",
    .user_creatable = true,
    .realize = virtio_rng_realize,
    .unrealize = virtio_rng_unrealize,
    .reset = virtio_rng_reset,
};

static void __attribute__((constructor)) virtio_rng_register(void)
{
    device_class_register(&virtio_rng_class);
}
