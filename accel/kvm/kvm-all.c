/* SPDX-License-Identifier: MIT */
/*
 * The KVM accelerator: /dev/kvm, the VM, its memory slots (kept in step
 * with the system address space's flat view) and interrupt lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "accel/kvm/kvm-int.h"
#include "vemu/kvm.h"
#include "vemu/log.h"
#include "vemu/memory.h"

KVMState kvm_state = { .fd = -1, .vm_fd = -1 };
static bool kvm_active;

bool kvm_enabled(void)
{
    return kvm_active;
}

/* ---- ioctls ------------------------------------------------------------ */

static int do_ioctl(int fd, unsigned long req, void *arg)
{
    int r;

    do {
        r = ioctl(fd, req, arg);
    } while (r < 0 && errno == EINTR);
    return r < 0 ? -errno : r;
}

int kvm_ioctl(unsigned long req, void *arg)
{
    return do_ioctl(kvm_state.fd, req, arg);
}

int kvm_vm_ioctl(unsigned long req, void *arg)
{
    return do_ioctl(kvm_state.vm_fd, req, arg);
}

int kvm_vcpu_ioctl(KVMVCPU *v, unsigned long req, void *arg)
{
    return do_ioctl(v->fd, req, arg);
}

int kvm_check_extension(int cap)
{
    int r = ioctl(kvm_state.vm_fd >= 0 ? kvm_state.vm_fd : kvm_state.fd,
                  KVM_CHECK_EXTENSION, (unsigned long)cap);

    return r < 0 ? 0 : r;
}

/* ---- memory slots -------------------------------------------------------- */

typedef struct KVMSlot {
    bool used;
    hwaddr start;
    uint64_t size;
    uintptr_t host;
    uint32_t flags;
} KVMSlot;

static KVMSlot *kvm_slots;
static MemoryListener kvm_memory_listener;

static bool kvm_set_slot(int id, const KVMSlot *s, uint64_t size)
{
    struct kvm_userspace_memory_region mem = {
        .slot = id,
        .flags = s->flags,
        .guest_phys_addr = s->start,
        .memory_size = size,
        .userspace_addr = s->host,
    };
    int r = kvm_vm_ioctl(KVM_SET_USER_MEMORY_REGION, &mem);

    if (r < 0) {
        fprintf(stderr, "vemu: kvm: cannot %s memory slot 0x%" G_GINT64_MODIFIER
                "x+0x%" G_GINT64_MODIFIER "x: %s\n", size ? "map" : "unmap",
                s->start, s->size, strerror(-r));
        return false;
    }
    return true;
}

/* The RAM (and ROM) ranges of a view KVM can map: page-aligned ones. */
static GArray *kvm_wanted_slots(FlatView *view)
{
    GArray *want = g_array_new(false, true, sizeof(KVMSlot));
    long page = sysconf(_SC_PAGESIZE);

    for (unsigned i = 0; i < view->nr; i++) {
        const FlatRange *r = &view->ranges[i];
        KVMSlot s = { .used = true };

        if (r->mr->type != MR_RAM && r->mr->type != MR_ROM) {
            continue;
        }
        s.start = r->start;
        s.size = r->size;
        s.host = (uintptr_t)r->mr->ram_ptr + r->offset_in_region;
        if (r->mr->type == MR_ROM && kvm_state.readonly_mem) {
            s.flags = KVM_MEM_READONLY;
        }
        /* Unaligned pieces stay MMIO exits (address_space_rw serves them). */
        if ((s.start | s.size | s.host) & (page - 1)) {
            continue;
        }
        g_array_append_val(want, s);
    }
    return want;
}

static bool slot_equal(const KVMSlot *a, const KVMSlot *b)
{
    return a->start == b->start && a->size == b->size &&
           a->host == b->host && a->flags == b->flags;
}

static void kvm_memory_commit(MemoryListener *l, AddressSpace *as,
                              FlatView *view)
{
    GArray *want = kvm_wanted_slots(view);

    /* Unmap what changed first: new slots must not overlap old ones. */
    for (int id = 0; id < kvm_state.nr_slots; id++) {
        bool keep = false;

        if (!kvm_slots[id].used) {
            continue;
        }
        for (guint j = 0; j < want->len && !keep; j++) {
            keep = slot_equal(&kvm_slots[id],
                              &g_array_index(want, KVMSlot, j));
        }
        if (!keep) {
            kvm_set_slot(id, &kvm_slots[id], 0);
            kvm_slots[id].used = false;
        }
    }
    for (guint j = 0; j < want->len; j++) {
        KVMSlot *s = &g_array_index(want, KVMSlot, j);
        int id, free_id = -1;

        for (id = 0; id < kvm_state.nr_slots; id++) {
            if (kvm_slots[id].used && slot_equal(&kvm_slots[id], s)) {
                break;
            }
            if (!kvm_slots[id].used && free_id < 0) {
                free_id = id;
            }
        }
        if (id < kvm_state.nr_slots) {
            continue;               /* already mapped */
        }
        if (free_id < 0) {
            fprintf(stderr, "vemu: kvm: out of memory slots (%d)\n",
                    kvm_state.nr_slots);
            break;
        }
        if (kvm_set_slot(free_id, s, s->size)) {
            kvm_slots[free_id] = *s;
        }
    }
    g_array_free(want, true);
}

/* ---- interrupt lines ------------------------------------------------------ */

bool kvm_set_irq(int gsi, int level)
{
    struct kvm_irq_level irq = { .irq = gsi, .level = level };

    if (!kvm_active || !kvm_state.irqchip || gsi < 0) {
        return false;
    }
    return kvm_vm_ioctl(KVM_IRQ_LINE, &irq) >= 0;
}

/* ---- set-up --------------------------------------------------------------- */

static bool kvm_fail(GError **errp, const char *what, int err)
{
    g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(err),
                "%s: %s", what, strerror(err));
    return false;
}

static void kvm_close(void)
{
    if (kvm_state.vm_fd >= 0) {
        close(kvm_state.vm_fd);
    }
    if (kvm_state.fd >= 0) {
        close(kvm_state.fd);
    }
    kvm_state.fd = kvm_state.vm_fd = -1;
}

/* Capabilities vemu cannot do without, with their names for the error. */
static const struct {
    int cap;
    const char *name;
} kvm_required_caps[] = {
    { KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY" },
    { KVM_CAP_IRQCHIP, "KVM_CAP_IRQCHIP" },
    { KVM_CAP_EXT_CPUID, "KVM_CAP_EXT_CPUID" },
    { KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT" },
};

bool kvm_accel_setup(const char *dev, GError **errp)
{
    int r;

    if (kvm_active) {
        return true;
    }
    kvm_state.fd = open(dev, O_RDWR | O_CLOEXEC);
    if (kvm_state.fd < 0) {
        return kvm_fail(errp, dev, errno);
    }
    r = kvm_ioctl(KVM_GET_API_VERSION, NULL);
    if (r != KVM_API_VERSION) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                    "%s: KVM API version %d, vemu needs %d", dev, r,
                    KVM_API_VERSION);
        goto fail;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(kvm_required_caps); i++) {
        if (!kvm_check_extension(kvm_required_caps[i].cap)) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                        "%s: the kernel lacks %s", dev,
                        kvm_required_caps[i].name);
            goto fail;
        }
    }
    kvm_state.vcpu_mmap_size = kvm_ioctl(KVM_GET_VCPU_MMAP_SIZE, NULL);
    if (kvm_state.vcpu_mmap_size < (int)sizeof(struct kvm_run)) {
        kvm_fail(errp, "KVM_GET_VCPU_MMAP_SIZE",
                 kvm_state.vcpu_mmap_size < 0 ? -kvm_state.vcpu_mmap_size
                                              : EINVAL);
        goto fail;
    }
    do {
        r = ioctl(kvm_state.fd, KVM_CREATE_VM, 0);
    } while (r < 0 && (errno == EINTR || errno == EAGAIN));
    if (r < 0) {
        kvm_fail(errp, "KVM_CREATE_VM", errno);
        goto fail;
    }
    kvm_state.vm_fd = r;
    kvm_state.nr_slots = kvm_check_extension(KVM_CAP_NR_MEMSLOTS);
    if (kvm_state.nr_slots <= 0) {
        kvm_state.nr_slots = 32;
    }
    kvm_state.readonly_mem = kvm_check_extension(KVM_CAP_READONLY_MEM);
    if (!kvm_arch_init(errp)) {
        goto fail;
    }
    kvm_slots = g_new0(KVMSlot, kvm_state.nr_slots);
    kvm_active = true;
    /* Port I/O exits go there: make it exist before any device maps. */
    get_system_io();
    get_system_memory();
    kvm_memory_listener.commit = kvm_memory_commit;
    address_space_add_listener(&address_space_memory, &kvm_memory_listener);
    return true;

fail:
    kvm_close();
    return false;
}

static bool kvm_accel_init(const char *opts, GError **errp)
{
    if (opts && *opts) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Property 'kvm-accel.%s' not found", opts);
        return false;
    }
    return kvm_accel_setup("/dev/kvm", errp);
}

const AccelOps accel_kvm_ops = {
    .name = "kvm",
    .init = kvm_accel_init,
    .start_vcpu = kvm_start_vcpu,
    .kick = kvm_kick_vcpu,
    .insert_breakpoint = kvm_insert_breakpoint,
    .remove_breakpoint = kvm_remove_breakpoint,
    .remove_all_breakpoints = kvm_remove_all_breakpoints,
    .set_single_step = kvm_set_single_step,
    .watchpoint_hit = kvm_watchpoint_hit,
};
