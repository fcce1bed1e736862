/* SPDX-License-Identifier: MIT */
/* Atomics under real threads: amoadd counter, LR/SC spinlock, C11 CAS. */
#include "guest.h"
#include <pthread.h>
#include <stdatomic.h>

#define NTHREADS 4
#define ITERS 100000

static uint64_t counter;            /* __atomic_fetch_add -> amoadd.d */
static uint32_t counter32;          /* amoadd.w */
static volatile uint64_t lock;      /* LR/SC spinlock word */
static uint64_t guarded;            /* plain increments under the lock */
static _Atomic uint64_t cas_counter; /* compare_exchange loop */
static uint64_t max_seen;           /* amomaxu.d */
static pthread_barrier_t start;     /* maximise contention */

static void spin_lock(volatile uint64_t *l)
{
    uint64_t tmp, rc;

    asm volatile("1:\n\t"
                 "lr.d.aq %0, (%2)\n\t"
                 "bnez %0, 1b\n\t"
                 "li %1, 1\n\t"
                 "sc.d.rl %1, %1, (%2)\n\t"
                 "bnez %1, 1b"
                 : "=&r"(tmp), "=&r"(rc) : "r"(l) : "memory");
}

static void spin_unlock(volatile uint64_t *l)
{
    asm volatile("amoswap.d.rl zero, zero, (%0)" : : "r"(l) : "memory");
}

static void *worker(void *arg)
{
    uint64_t id = (uintptr_t)arg;

    pthread_barrier_wait(&start);

    for (int i = 0; i < ITERS; i++) {
        __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
        __atomic_fetch_add(&counter32, 2, __ATOMIC_SEQ_CST);
        spin_lock(&lock);
        guarded++;
        spin_unlock(&lock);
        uint64_t old = atomic_load(&cas_counter);
        while (!atomic_compare_exchange_weak(&cas_counter, &old, old + 3)) {
            /* old was reloaded by the failed exchange */
        }
        asm volatile("amomaxu.d zero, %1, (%0)" : : "r"(&max_seen),
                     "r"(id * 1000 + i) : "memory");
    }
    return NULL;
}

int main(void)
{
    pthread_t th[NTHREADS];

    pthread_barrier_init(&start, NULL, NTHREADS);

    for (uintptr_t i = 0; i < NTHREADS; i++) {
        if (pthread_create(&th[i], NULL, worker, (void *)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    }
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(th[i], NULL);
    }
    printf("amoadd.d counter = %llu\n", (unsigned long long)counter);
    printf("amoadd.w counter = %u\n", counter32);
    printf("lr/sc guarded = %llu\n", (unsigned long long)guarded);
    printf("cas counter = %llu\n", (unsigned long long)cas_counter);
    printf("max seen = %llu\n", (unsigned long long)max_seen);
    CHECK_EQ(counter, NTHREADS * ITERS, "amoadd.d counter");
    CHECK_EQ(counter32, 2 * NTHREADS * ITERS, "amoadd.w counter");
    CHECK_EQ(guarded, NTHREADS * ITERS, "spinlock-guarded counter");
    CHECK_EQ(cas_counter, 3ull * NTHREADS * ITERS, "CAS counter");
    CHECK_EQ(max_seen, (NTHREADS - 1) * 1000ull + ITERS - 1, "amomaxu");
    CHECK_EQ(lock, 0, "lock released");

    /* Strong CAS semantics: failure reports the current value. */
    _Atomic uint64_t v = 5;
    uint64_t expected = 4;
    int ok = atomic_compare_exchange_strong(&v, &expected, 9);
    printf("cas(5, expect 4) -> %d, expected now %llu\n", ok,
           (unsigned long long)expected);
    CHECK(!ok && expected == 5, "failed CAS");
    ok = atomic_compare_exchange_strong(&v, &expected, 9);
    printf("cas(5, expect 5) -> %d, value %llu\n", ok,
           (unsigned long long)v);
    CHECK(ok && v == 9, "successful CAS");
    return guest_done();
}
