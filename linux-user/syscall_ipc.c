/* SPDX-License-Identifier: MIT */
/* System V IPC (queues, semaphores, shared memory) and POSIX queues. */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/syscall_int.h"
#include "linux-user/user-int.h"

/*
 * The msqid64_ds (120 bytes), shmid64_ds (112), ipc64_perm, msginfo,
 * seminfo, shminfo64 and shm_info layouts are the same on x86-64 and
 * asm-generic 64-bit; semid64_ds is not: x86-64 keeps a padding word
 * after each time, the generic one has none.
 */
typedef struct TargetSemidDs {
    uint8_t sem_perm[48];
    int64_t sem_otime;
    int64_t sem_ctime;
    uint64_t sem_nsems;
    uint64_t unused3;
    uint64_t unused4;
} TargetSemidDs;

typedef struct HostSemidDs {
    uint8_t sem_perm[48];
    int64_t sem_otime;
    uint64_t unused1;
    int64_t sem_ctime;
    uint64_t unused2;
    uint64_t sem_nsems;
    uint64_t unused3;
    uint64_t unused4;
} HostSemidDs;

_Static_assert(sizeof(TargetSemidDs) == 88, "generic semid64_ds");
_Static_assert(sizeof(HostSemidDs) == 104, "x86-64 semid64_ds");

/*
 * The "new layout" bit a guest libc may or into commands; x86-64 kernels
 * reject it, and the 64-bit layouts are the only ones anyway.
 */
#define IPC_64_FLAG 0x100
#define MSG_STAT_ANY 13
#define SEM_STAT_ANY 20
#define SHM_STAT_ANY 15
#define TARGET_SHMLBA GUEST_PAGE_SIZE

/* ---- message queues ---- */

static abi_long sys_msgget(CPUState *cpu, const abi_long *arg)
{
    return get_errno(msgget((key_t)arg[0], (int)arg[1]));
}

static abi_long sys_msgsnd(CPUState *cpu, const abi_long *arg)
{
    /* struct msgbuf: a long type, then the text. */
    void *p = lock_buf(VERIFY_READ, arg[1], (size_t)arg[2] + 8);

    if ((abi_long)arg[2] < 0) {
        return -TARGET_EINVAL;
    }
    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(msgsnd((int)arg[0], p, (size_t)arg[2], (int)arg[3]));
}

static abi_long sys_msgrcv(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_buf(VERIFY_WRITE, arg[1], (size_t)arg[2] + 8);

    if ((abi_long)arg[2] < 0) {
        return -TARGET_EINVAL;
    }
    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(msgrcv((int)arg[0], p, (size_t)arg[2], (long)arg[3],
                            (int)arg[4]));
}

static abi_long sys_msgctl(CPUState *cpu, const abi_long *arg)
{
    int cmd = (int)arg[1] & ~IPC_64_FLAG;
    void *p = NULL;

    switch (cmd) {
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY:
        p = lock_buf(VERIFY_WRITE, arg[2], sizeof(struct msqid_ds));
        break;
    case IPC_SET:
        p = lock_buf(VERIFY_READ, arg[2], sizeof(struct msqid_ds));
        break;
    case IPC_INFO:
    case MSG_INFO:
        p = lock_buf(VERIFY_WRITE, arg[2], sizeof(struct msginfo));
        break;
    case IPC_RMID:
        return get_errno(syscall(SYS_msgctl, (int)arg[0], cmd, NULL));
    default:
        return -TARGET_EINVAL;
    }
    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_msgctl, (int)arg[0], cmd, p));
}

/* ---- semaphores ---- */

static abi_long sys_semget(CPUState *cpu, const abi_long *arg)
{
    return get_errno(semget((key_t)arg[0], (int)arg[1], (int)arg[2]));
}

static abi_long do_semtimedop(const abi_long *arg, abi_ulong timeout)
{
    size_t n = (size_t)arg[2];
    void *sops, *ts;

    if (n > 4096) {
        return -TARGET_E2BIG;
    }
    sops = lock_buf(VERIFY_READ, arg[1], n * sizeof(struct sembuf));
    if (!sops ||
        !lock_opt(VERIFY_READ, timeout, sizeof(struct timespec), &ts)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_semtimedop, (int)arg[0], sops, n, ts));
}

static abi_long sys_semop(CPUState *cpu, const abi_long *arg)
{
    return do_semtimedop(arg, 0);
}

static abi_long sys_semtimedop(CPUState *cpu, const abi_long *arg)
{
    return do_semtimedop(arg, arg[3]);
}

/* Number of semaphores in set `id`, or -errno. */
static abi_long sem_count(int id)
{
    HostSemidDs ds;
    abi_long ret = get_errno(syscall(SYS_semctl, id, 0, IPC_STAT, &ds));

    return ret < 0 ? ret : (abi_long)ds.sem_nsems;
}

static abi_long sys_semctl(CPUState *cpu, const abi_long *arg)
{
    int id = (int)arg[0];
    int num = (int)arg[1];
    int cmd = (int)arg[2] & ~IPC_64_FLAG;
    abi_ulong ptr = arg[3];     /* union semun passed by value */
    HostSemidDs h;
    TargetSemidDs t;
    abi_long ret, n;
    void *p;

    switch (cmd) {
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY:
        if (!lock_buf(VERIFY_WRITE, ptr, sizeof(t))) {
            return -TARGET_EFAULT;
        }
        ret = get_errno(syscall(SYS_semctl, id, num, cmd, &h));
        if (ret >= 0) {
            memset(&t, 0, sizeof(t));
            memcpy(t.sem_perm, h.sem_perm, sizeof(t.sem_perm));
            t.sem_otime = h.sem_otime;
            t.sem_ctime = h.sem_ctime;
            t.sem_nsems = h.sem_nsems;
            memcpy(g2h(ptr), &t, sizeof(t));
        }
        return ret;
    case IPC_SET:
        if (copy_from_user(&t, ptr, sizeof(t))) {
            return -TARGET_EFAULT;
        }
        memset(&h, 0, sizeof(h));
        memcpy(h.sem_perm, t.sem_perm, sizeof(h.sem_perm));
        h.sem_otime = t.sem_otime;
        h.sem_ctime = t.sem_ctime;
        h.sem_nsems = t.sem_nsems;
        return get_errno(syscall(SYS_semctl, id, num, cmd, &h));
    case GETALL:
    case SETALL:
        n = sem_count(id);
        if (n < 0) {
            return n;
        }
        p = lock_buf(cmd == GETALL ? VERIFY_WRITE : VERIFY_READ, ptr,
                     n * sizeof(unsigned short));
        if (!p) {
            return -TARGET_EFAULT;
        }
        return get_errno(syscall(SYS_semctl, id, num, cmd, p));
    case IPC_INFO:
    case SEM_INFO:
        p = lock_buf(VERIFY_WRITE, ptr, sizeof(struct seminfo));
        if (!p) {
            return -TARGET_EFAULT;
        }
        return get_errno(syscall(SYS_semctl, id, num, cmd, p));
    case SETVAL:
        return get_errno(syscall(SYS_semctl, id, num, cmd, (long)(int)ptr));
    case GETVAL:
    case GETPID:
    case GETNCNT:
    case GETZCNT:
    case IPC_RMID:
        return get_errno(syscall(SYS_semctl, id, num, cmd, 0L));
    default:
        return -TARGET_EINVAL;
    }
}

/* ---- shared memory ---- */

/* Attached segments: guest address -> size, for shmdt(). */
static GHashTable *shm_regions;
static pthread_mutex_t shm_lock = PTHREAD_MUTEX_INITIALIZER;

static abi_long sys_shmget(CPUState *cpu, const abi_long *arg)
{
    return get_errno(shmget((key_t)arg[0], (size_t)arg[1], (int)arg[2]));
}

static abi_long sys_shmctl(CPUState *cpu, const abi_long *arg)
{
    int cmd = (int)arg[1] & ~IPC_64_FLAG;
    void *p;

    switch (cmd) {
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY:
        p = lock_buf(VERIFY_WRITE, arg[2], sizeof(struct shmid_ds));
        break;
    case IPC_SET:
        p = lock_buf(VERIFY_READ, arg[2], sizeof(struct shmid_ds));
        break;
    case IPC_INFO:
        p = lock_buf(VERIFY_WRITE, arg[2], sizeof(struct shminfo));
        break;
    case SHM_INFO:
        p = lock_buf(VERIFY_WRITE, arg[2], sizeof(struct shm_info));
        break;
    case IPC_RMID:
    case SHM_LOCK:
    case SHM_UNLOCK:
        return get_errno(syscall(SYS_shmctl, (int)arg[0], cmd, NULL));
    default:
        return -TARGET_EINVAL;
    }
    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_shmctl, (int)arg[0], cmd, p));
}

/* True if any page of [addr, addr+len) is mapped for the guest. */
static bool shm_range_used(abi_ulong addr, abi_ulong len)
{
    for (abi_ulong a = addr; a < addr + len; a += GUEST_PAGE_SIZE) {
        if (page_get_flags(a) & PAGE_VALID) {
            return true;
        }
    }
    return false;
}

/*
 * The segment is attached over the guest space reservation (SHM_REMAP
 * on the host) at a guest address chosen like an unhinted mmap, and its
 * pages get guest flags; shmdt() unmaps it like munmap().
 */
static abi_long sys_shmat(CPUState *cpu, const abi_long *arg)
{
    int id = (int)arg[0];
    abi_ulong addr = arg[1];
    int flg = (int)arg[2];
    struct shmid_ds ds;
    abi_ulong len;
    abi_long ret;
    void *host;
    int prot;

    ret = get_errno(shmctl(id, IPC_STAT, &ds));
    if (ret < 0) {
        return ret;
    }
    len = guest_page_align(ds.shm_segsz);
    if (addr & (TARGET_SHMLBA - 1)) {
        if (!(flg & SHM_RND)) {
            return -TARGET_EINVAL;
        }
        addr &= ~(TARGET_SHMLBA - 1);
    }
    mmap_lock();
    if (addr == 0) {
        addr = mmap_find_vma(0, len, TARGET_SHMLBA);
        if (addr == (abi_ulong)-1) {
            mmap_unlock();
            return -TARGET_ENOMEM;
        }
    } else if (!guest_range_valid(addr, len) ||
               (!(flg & SHM_REMAP) && shm_range_used(addr, len))) {
        mmap_unlock();
        return -TARGET_EINVAL;
    }
    /* Guest code in the segment is read by the translator, not run. */
    host = shmat(id, g2h(addr), (flg & (SHM_RDONLY)) | SHM_REMAP);
    if (host == (void *)-1) {
        ret = -host_to_target_errno(errno);
        mmap_unlock();
        return ret;
    }
    page_invalidate_code(addr, addr + len);
    prot = PAGE_VALID | PAGE_READ;
    if (!(flg & SHM_RDONLY)) {
        prot |= PAGE_WRITE;
    }
    if (flg & SHM_EXEC) {
        prot |= PAGE_EXEC;
    }
    page_set_flags(addr, addr + len, prot);
    mmap_unlock();

    pthread_mutex_lock(&shm_lock);
    if (!shm_regions) {
        shm_regions = g_hash_table_new(g_int64_hash, g_int64_equal);
    }
    {
        gint64 *key = g_new(gint64, 1);
        *key = addr;
        g_hash_table_replace(shm_regions, key, GSIZE_TO_POINTER(len));
    }
    pthread_mutex_unlock(&shm_lock);
    return addr;
}

static abi_long sys_shmdt(CPUState *cpu, const abi_long *arg)
{
    gint64 key = arg[0];
    gpointer size = NULL;
    gpointer orig_key = NULL;

    pthread_mutex_lock(&shm_lock);
    if (shm_regions &&
        g_hash_table_lookup_extended(shm_regions, &key, &orig_key, &size)) {
        g_hash_table_steal(shm_regions, &key);
    }
    pthread_mutex_unlock(&shm_lock);
    if (!orig_key) {
        return -TARGET_EINVAL;
    }
    g_free(orig_key);
    /* Mapping the reservation back over the segment detaches it. */
    return target_munmap(arg[0], GPOINTER_TO_SIZE(size));
}

/* ---- POSIX message queues (struct mq_attr is 64 bytes on both) ---- */

#define MQ_ATTR_SIZE 64

static abi_long sys_mq_open(CPUState *cpu, const abi_long *arg)
{
    const char *name = lock_user_string(arg[0]);
    void *attr;

    if (!name ||
        !lock_opt(VERIFY_READ, arg[3], MQ_ATTR_SIZE, &attr)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_mq_open, name, (int)arg[1],
                             (mode_t)arg[2], attr));
}

static abi_long sys_mq_unlink(CPUState *cpu, const abi_long *arg)
{
    const char *name = lock_user_string(arg[0]);

    if (!name) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_mq_unlink, name));
}

static abi_long sys_mq_timedsend(CPUState *cpu, const abi_long *arg)
{
    void *msg = lock_buf(VERIFY_READ, arg[1], (size_t)arg[2]);
    void *ts;

    if (!msg ||
        !lock_opt(VERIFY_READ, arg[4], sizeof(struct timespec), &ts)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_mq_timedsend, (int)arg[0], msg,
                             (size_t)arg[2], (unsigned)arg[3], ts));
}

static abi_long sys_mq_timedreceive(CPUState *cpu, const abi_long *arg)
{
    void *msg = lock_buf(VERIFY_WRITE, arg[1], (size_t)arg[2]);
    void *prio, *ts;

    if (!msg || !lock_opt(VERIFY_WRITE, arg[3], sizeof(unsigned), &prio) ||
        !lock_opt(VERIFY_READ, arg[4], sizeof(struct timespec), &ts)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_mq_timedreceive, (int)arg[0], msg,
                             (size_t)arg[2], prio, ts));
}

static abi_long sys_mq_notify(CPUState *cpu, const abi_long *arg)
{
    /* struct sigevent: value (8), signo (4), notify (4), then 48 bytes. */
    struct {
        uint64_t value;
        int32_t signo;
        int32_t notify;
        uint8_t rest[48];
    } ev;

    if (arg[1] == 0) {
        return get_errno(syscall(SYS_mq_notify, (int)arg[0], NULL));
    }
    if (copy_from_user(&ev, arg[1], sizeof(ev))) {
        return -TARGET_EFAULT;
    }
    if (ev.notify == SIGEV_SIGNAL) {
        ev.signo = target_to_host_signal(ev.signo);
    }
    return get_errno(syscall(SYS_mq_notify, (int)arg[0], &ev));
}

static abi_long sys_mq_getsetattr(CPUState *cpu, const abi_long *arg)
{
    void *nattr, *oattr;

    if (!lock_opt(VERIFY_READ, arg[1], MQ_ATTR_SIZE, &nattr) ||
        !lock_opt(VERIFY_WRITE, arg[2], MQ_ATTR_SIZE, &oattr)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_mq_getsetattr, (int)arg[0], nattr, oattr));
}

const SyscallDef syscall_ipc_defs[] = {
    { TARGET_NR_msgget, "msgget", sys_msgget, "xx", 'd' },
    { TARGET_NR_msgsnd, "msgsnd", sys_msgsnd, "dpux", 'd',
      SYSCALL_RESTART },
    { TARGET_NR_msgrcv, "msgrcv", sys_msgrcv, "dpulx", 'd',
      SYSCALL_RESTART },
    { TARGET_NR_msgctl, "msgctl", sys_msgctl, "ddp", 'd' },
    { TARGET_NR_semget, "semget", sys_semget, "xdx", 'd' },
    { TARGET_NR_semop, "semop", sys_semop, "dpu", 'd', SYSCALL_RESTART },
    { TARGET_NR_semtimedop, "semtimedop", sys_semtimedop, "dpup", 'd' },
    { TARGET_NR_semctl, "semctl", sys_semctl, "dddx", 'd' },
    { TARGET_NR_shmget, "shmget", sys_shmget, "xux", 'd' },
    { TARGET_NR_shmctl, "shmctl", sys_shmctl, "ddp", 'd' },
    { TARGET_NR_shmat, "shmat", sys_shmat, "dpx", 'x' },
    { TARGET_NR_shmdt, "shmdt", sys_shmdt, "p", 'd' },
    { TARGET_NR_mq_open, "mq_open", sys_mq_open, "sOop", 'd' },
    { TARGET_NR_mq_unlink, "mq_unlink", sys_mq_unlink, "s", 'd' },
    { TARGET_NR_mq_timedsend, "mq_timedsend", sys_mq_timedsend, "dpuup",
      'd' },
    { TARGET_NR_mq_timedreceive, "mq_timedreceive", sys_mq_timedreceive,
      "dpupp", 'd' },
    { TARGET_NR_mq_notify, "mq_notify", sys_mq_notify, "dp", 'd' },
    { TARGET_NR_mq_getsetattr, "mq_getsetattr", sys_mq_getsetattr, "dpp",
      'd' },
    { 0, NULL, NULL, NULL, 0 },
};
