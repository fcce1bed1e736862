/* SPDX-License-Identifier: MIT */
/* Guest mmap/munmap/mprotect/mremap/madvise/brk inside the reservation. */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "linux-user/user-int.h"
#include "vemu/exec.h"
#include "vemu/tcg.h"

/* asm-generic flag values; they equal the x86-64 host ones. */
#define TARGET_MAP_SHARED 0x01
#define TARGET_MAP_PRIVATE 0x02
#define TARGET_MAP_SHARED_VALIDATE 0x03
#define TARGET_MAP_TYPE 0x0f
#define TARGET_MAP_FIXED 0x10
#define TARGET_MAP_ANONYMOUS 0x20
#define TARGET_MAP_FIXED_NOREPLACE 0x100000
/*
 * Flags the host may see as they are. MAP_GROWSDOWN is dropped: the host
 * would want a guard gap below it, inside our reservation.
 */
#define MAP_PASS_MASK (MAP_DENYWRITE | MAP_EXECUTABLE | MAP_LOCKED |      \
                       MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK |      \
                       MAP_STACK)

abi_ulong mmap_next_start;
/* Unhinted mappings go top-down in [mmap_bottom, mmap_top). */
static abi_ulong mmap_top;
static abi_ulong mmap_bottom;

static pthread_mutex_t mmap_mutex;
static pthread_once_t mmap_mutex_once = PTHREAD_ONCE_INIT;

static abi_ulong brk_start, brk_cur, brk_page;

static void mmap_mutex_init(void)
{
    pthread_mutexattr_t attr;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&mmap_mutex, &attr);
    pthread_mutexattr_destroy(&attr);
}

void mmap_lock(void)
{
    pthread_once(&mmap_mutex_once, mmap_mutex_init);
    pthread_mutex_lock(&mmap_mutex);
}

void mmap_unlock(void)
{
    pthread_mutex_unlock(&mmap_mutex);
}

void mmap_fork_start(void)
{
    mmap_lock();
}

void mmap_fork_end(bool child)
{
    if (child) {
        /* The owner recorded in the mutex is the parent's thread id. */
        mmap_mutex_init();
    } else {
        mmap_unlock();
    }
}

void mmap_set_layout(abi_ulong top, abi_ulong bottom)
{
    mmap_top = guest_page_trunc(top);
    mmap_bottom = guest_page_align(bottom);
    mmap_next_start = mmap_top;
}

static bool range_is_free(abi_ulong start, abi_ulong len)
{
    for (abi_ulong a = start; a < start + len; a += GUEST_PAGE_SIZE) {
        if (page_get_flags(a) & PAGE_VALID) {
            return false;
        }
    }
    return true;
}

/* Highest free [x, x+len) with x aligned, x+len <= top, x >= bottom. */
static abi_ulong find_down(abi_ulong top, abi_ulong bottom, abi_ulong len,
                           abi_ulong align)
{
    abi_ulong end = top;

    while (end >= len && end - len >= bottom) {
        abi_ulong start = (end - len) & ~(align - 1);
        abi_ulong a;
        bool ok = true;

        if (start < bottom) {
            break;
        }
        /* Scan downward; on a used page restart just below it. */
        for (a = start + len; a > start; a -= GUEST_PAGE_SIZE) {
            if (page_get_flags(a - GUEST_PAGE_SIZE) & PAGE_VALID) {
                ok = false;
                break;
            }
        }
        if (ok) {
            return start;
        }
        end = a - GUEST_PAGE_SIZE;
    }
    return (abi_ulong)-1;
}

abi_ulong mmap_find_vma(abi_ulong start, abi_ulong len, abi_ulong align)
{
    abi_ulong top = mmap_top ? mmap_top : guest_space_size();
    abi_ulong addr;

    if (align < GUEST_PAGE_SIZE) {
        align = GUEST_PAGE_SIZE;
    }
    len = guest_page_align(len);
    if (len == 0 || len > guest_space_size()) {
        return (abi_ulong)-1;
    }
    /* A hint is honoured when the range is free, as Linux does. */
    if (start && !(start & (align - 1)) && guest_range_valid(start, len) &&
        range_is_free(start, len)) {
        return start;
    }
    if (mmap_next_start > top || mmap_next_start == 0) {
        mmap_next_start = top;
    }
    addr = find_down(mmap_next_start, mmap_bottom, len, align);
    if (addr == (abi_ulong)-1) {
        addr = find_down(top, mmap_bottom, len, align);
    }
    if (addr == (abi_ulong)-1 && mmap_bottom > 0) {
        /* Below the brk area as a last resort. */
        addr = find_down(mmap_bottom, GUEST_PAGE_SIZE * 16, len, align);
    }
    if (addr != (abi_ulong)-1) {
        mmap_next_start = addr;
    }
    return addr;
}

/* Give the range back to the PROT_NONE reservation. */
static void host_reserve(abi_ulong start, abi_ulong len)
{
    mmap(g2h(start), len, PROT_NONE,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
}

static int page_flags_for(int prot, bool anon)
{
    int f = PAGE_VALID;

    if (prot & PROT_READ) {
        f |= PAGE_READ;
    }
    if (prot & PROT_WRITE) {
        f |= PAGE_WRITE | PAGE_WRITE_ORG;
    }
    if (prot & PROT_EXEC) {
        f |= PAGE_EXEC;
    }
    if (anon) {
        f |= PAGE_ANON;
    }
    return f;
}

abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags,
                     int fd, off_t offset)
{
    int type = flags & TARGET_MAP_TYPE;
    bool fixed = flags & (TARGET_MAP_FIXED | TARGET_MAP_FIXED_NOREPLACE);
    bool anon = flags & TARGET_MAP_ANONYMOUS;
    int host_flags;
    abi_ulong addr;
    void *p;
    abi_long ret;

    if (len == 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))) {
        return -EINVAL;
    }
    if (type != TARGET_MAP_SHARED && type != TARGET_MAP_PRIVATE &&
        type != TARGET_MAP_SHARED_VALIDATE) {
        return -EINVAL;
    }
    if (offset & (GUEST_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if (len > guest_space_size()) {
        return -ENOMEM;
    }
    len = guest_page_align(len);

    mmap_lock();
    if (fixed) {
        if (start & (GUEST_PAGE_SIZE - 1)) {
            ret = -EINVAL;
            goto out;
        }
        if (!guest_range_valid(start, len)) {
            ret = -ENOMEM;
            goto out;
        }
        if ((flags & TARGET_MAP_FIXED_NOREPLACE) &&
            !(flags & TARGET_MAP_FIXED) && !range_is_free(start, len)) {
            ret = -EEXIST;
            goto out;
        }
        addr = start;
    } else {
        addr = mmap_find_vma(guest_page_trunc(start), len, GUEST_PAGE_SIZE);
        if (addr == (abi_ulong)-1) {
            ret = -ENOMEM;
            goto out;
        }
    }

    host_flags = (flags & MAP_PASS_MASK) | MAP_FIXED;
    host_flags |= type == TARGET_MAP_PRIVATE ? MAP_PRIVATE : MAP_SHARED;
    if (type == TARGET_MAP_SHARED_VALIDATE) {
        host_flags = (host_flags & ~MAP_SHARED) | MAP_SHARED_VALIDATE;
    }
    if (anon) {
        host_flags |= MAP_ANONYMOUS;
        fd = -1;
        offset = 0;
    }
    page_invalidate_code(addr, addr + len);
    p = mmap(g2h(addr), len, user_host_prot(prot), host_flags, fd, offset);
    if (p == MAP_FAILED) {
        ret = -errno;
        goto out;
    }
    page_set_flags(addr, addr + len, page_flags_for(prot, anon));
    ret = addr;
out:
    mmap_unlock();
    return ret;
}

abi_long target_munmap(abi_ulong start, abi_ulong len)
{
    if ((start & (GUEST_PAGE_SIZE - 1)) || len == 0) {
        return -EINVAL;
    }
    len = guest_page_align(len);
    if (!guest_range_valid(start, len)) {
        return -EINVAL;
    }
    mmap_lock();
    page_invalidate_code(start, start + len);
    host_reserve(start, len);
    page_set_flags(start, start + len, 0);
    /* Let the next unhinted mapping reuse the hole. */
    if (start + len > mmap_next_start && start + len <= mmap_top) {
        mmap_next_start = start + len;
    }
    mmap_unlock();
    return 0;
}

abi_long target_mprotect(abi_ulong start, abi_ulong len, int prot)
{
    abi_ulong end;
    abi_long ret = 0;

    if (start & (GUEST_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    /* PROT_GROWSDOWN/UP are accepted and ignored: stacks are fixed size. */
    prot &= ~(0x01000000 | 0x02000000);
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) {
        return -EINVAL;
    }
    len = guest_page_align(len);
    if (len == 0) {
        return 0;
    }
    if (!guest_range_valid(start, len)) {
        return -ENOMEM;
    }
    end = start + len;
    mmap_lock();
    for (abi_ulong a = start; a < end; a += GUEST_PAGE_SIZE) {
        if (!(page_get_flags(a) & PAGE_VALID)) {
            ret = -ENOMEM;
            goto out;
        }
    }
    page_invalidate_code(start, end);
    if (mprotect(g2h(start), len, user_host_prot(prot)) != 0) {
        ret = -errno;
        goto out;
    }
    for (abi_ulong a = start; a < end; a += GUEST_PAGE_SIZE) {
        bool anon = page_get_flags(a) & PAGE_ANON;

        page_set_flags(a, a + GUEST_PAGE_SIZE, page_flags_for(prot, anon));
    }
out:
    mmap_unlock();
    return ret;
}

/* Move the flags of [old, old+len) to new (ranges may not overlap). */
static void page_move_flags(abi_ulong old, abi_ulong new, abi_ulong len)
{
    for (abi_ulong o = 0; o < len; o += GUEST_PAGE_SIZE) {
        int f = page_get_flags(old + o) & ~PAGE_TRANSLATED;

        /* The moved host pages keep their old host protection. */
        if ((f & PAGE_WRITE_ORG) && !(f & PAGE_WRITE)) {
            f |= PAGE_WRITE;
        }
        page_set_flags(new + o, new + o + GUEST_PAGE_SIZE, f);
    }
}

abi_long target_mremap(abi_ulong old_addr, abi_ulong old_size,
                       abi_ulong new_size, int flags, abi_ulong new_addr)
{
    const int MAYMOVE = 1, FIXED = 2, DONTUNMAP = 4;
    abi_long ret;
    void *p;

    if ((old_addr & (GUEST_PAGE_SIZE - 1)) || (flags & ~7) ||
        ((flags & FIXED) && !(flags & MAYMOVE)) || (flags & DONTUNMAP)) {
        return -EINVAL;
    }
    old_size = guest_page_align(old_size);
    new_size = guest_page_align(new_size);
    if (new_size == 0 || old_size == 0) {
        return -EINVAL;
    }
    if (!guest_range_valid(old_addr, old_size) ||
        !page_check_range(old_addr, old_size, 0)) {
        return -EFAULT;
    }
    mmap_lock();
    page_invalidate_code(old_addr, old_addr + old_size);
    if (flags & FIXED) {
        if ((new_addr & (GUEST_PAGE_SIZE - 1)) ||
            !guest_range_valid(new_addr, new_size) ||
            (new_addr < old_addr + old_size &&
             old_addr < new_addr + new_size)) {
            ret = -EINVAL;
            goto out;
        }
        page_invalidate_code(new_addr, new_addr + new_size);
    } else if (new_size <= old_size) {
        if (new_size < old_size) {
            host_reserve(old_addr + new_size, old_size - new_size);
            page_set_flags(old_addr + new_size, old_addr + old_size, 0);
        }
        ret = old_addr;
        goto out;
    } else if (guest_range_valid(old_addr, new_size) &&
               range_is_free(old_addr + old_size, new_size - old_size)) {
        /* Grow in place: free the reservation behind the mapping first. */
        int f = page_get_flags(old_addr + old_size - GUEST_PAGE_SIZE);

        munmap(g2h(old_addr + old_size), new_size - old_size);
        p = mremap(g2h(old_addr), old_size, new_size, 0);
        if (p == MAP_FAILED) {
            ret = -errno;
            host_reserve(old_addr + old_size, new_size - old_size);
            goto out;
        }
        page_set_flags(old_addr + old_size, old_addr + new_size,
                       f & ~PAGE_TRANSLATED);
        ret = old_addr;
        goto out;
    } else if (!(flags & MAYMOVE)) {
        ret = -ENOMEM;
        goto out;
    } else {
        new_addr = mmap_find_vma(0, new_size, GUEST_PAGE_SIZE);
        if (new_addr == (abi_ulong)-1) {
            ret = -ENOMEM;
            goto out;
        }
    }
    /* Move (and maybe resize) to new_addr; the host replaces the target. */
    p = mremap(g2h(old_addr), old_size, new_size, MREMAP_MAYMOVE |
               MREMAP_FIXED, g2h(new_addr));
    if (p == MAP_FAILED) {
        ret = -errno;
        goto out;
    }
    page_set_flags(new_addr, new_addr + new_size, 0);
    page_move_flags(old_addr, new_addr, MIN(old_size, new_size));
    if (new_size > old_size) {
        int f = page_get_flags(new_addr + old_size - GUEST_PAGE_SIZE);

        page_set_flags(new_addr + old_size, new_addr + new_size, f);
    }
    host_reserve(old_addr, old_size);
    page_set_flags(old_addr, old_addr + old_size, 0);
    ret = new_addr;
out:
    mmap_unlock();
    return ret;
}

abi_long target_madvise(abi_ulong start, abi_ulong len, int advice)
{
    if (start & (GUEST_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    len = guest_page_align(len);
    if (!guest_range_valid(start, len)) {
        return -ENOMEM;
    }
    /*
     * Only the advice that changes memory contents matters; the rest is
     * a hint we may drop. DONTNEED zeroes private anonymous pages.
     */
    if (advice == MADV_DONTNEED || advice == MADV_REMOVE) {
        if (!page_check_range(start, len, 0)) {
            return -ENOMEM;
        }
        if (madvise(g2h(start), len, advice) != 0) {
            return -errno;
        }
    }
    return 0;
}

void target_set_brk(abi_ulong start)
{
    mmap_lock();
    brk_start = start;
    brk_cur = start;
    brk_page = guest_page_align(start);
    mmap_unlock();
}

abi_ulong mmap_get_brk(void)
{
    return brk_cur;
}

abi_long do_brk(abi_ulong new_brk)
{
    abi_ulong new_page;
    abi_long ret;

    mmap_lock();
    if (new_brk < brk_start || new_brk == 0) {
        ret = brk_cur;
        goto out;
    }
    new_page = guest_page_align(new_brk);
    if (new_page > brk_page) {
        abi_long r;

        if (!guest_range_valid(brk_page, new_page - brk_page) ||
            !range_is_free(brk_page, new_page - brk_page)) {
            ret = brk_cur;
            goto out;
        }
        r = target_mmap(brk_page, new_page - brk_page,
                        PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r < 0) {
            ret = brk_cur;
            goto out;
        }
    } else if (new_page < brk_page) {
        target_munmap(new_page, brk_page - new_page);
    }
    /* Memory between the old and new break reads as zero again. */
    if (new_brk > brk_cur && brk_cur < guest_page_align(brk_cur) &&
        (page_get_flags(brk_cur) & PAGE_WRITE_ORG)) {
        abi_ulong end = MIN(new_brk, guest_page_align(brk_cur));

        if (page_check_range(brk_cur, end - brk_cur, VERIFY_WRITE)) {
            memset(g2h(brk_cur), 0, end - brk_cur);
        }
    }
    brk_page = new_page;
    brk_cur = new_brk;
    ret = brk_cur;
out:
    mmap_unlock();
    return ret;
}
