/* SPDX-License-Identifier: MIT */
/* aarch64 threads: pthreads over clone, futex waits, TLS via tpidr_el0. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NTHREADS 8
#define ITERS 20000

static __thread int tls_value = 42;
static __thread char tls_buf[64];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t barrier;
static long counter;
static atomic_long acounter;
static int ready;

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAIL");
}

static uintptr_t read_tpidr(void)
{
    uintptr_t v;

    asm volatile("mrs %0, tpidr_el0" : "=r"(v));
    return v;
}

static void *worker(void *arg)
{
    long id = (long)arg;
    int ok = tls_value == 42;

    tls_value = (int)id * 100;
    snprintf(tls_buf, sizeof(tls_buf), "thread %ld", id);
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
        atomic_fetch_add(&acounter, 1);
    }
    pthread_barrier_wait(&barrier);
    ok &= tls_value == (int)id * 100;
    ok &= (uintptr_t)&tls_value > read_tpidr() - (1u << 20) &&
          (uintptr_t)&tls_value < read_tpidr() + (1u << 20);
    {
        char want[64];

        snprintf(want, sizeof(want), "thread %ld", id);
        ok &= !strcmp(tls_buf, want);
    }
    return (void *)(long)ok;
}

static void *waiter(void *arg)
{
    pthread_mutex_lock(&lock);
    while (!ready) {
        pthread_cond_wait(&cond, &lock);
    }
    pthread_mutex_unlock(&lock);
    return (void *)7;
}

int main(void)
{
    pthread_t t[NTHREADS], w;
    int all_ok = 1;
    void *ret;

    pthread_barrier_init(&barrier, NULL, NTHREADS);
    for (long i = 0; i < NTHREADS; i++) {
        check("pthread_create",
              pthread_create(&t[i], NULL, worker, (void *)(i + 1)) == 0);
    }
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(t[i], &ret);
        all_ok &= ret == (void *)1;
    }
    check("per-thread TLS", all_ok);
    check("main TLS untouched", tls_value == 42);
    check("mutex counter", counter == (long)NTHREADS * ITERS);
    check("atomic counter", acounter == (long)NTHREADS * ITERS);

    pthread_create(&w, NULL, waiter, NULL);
    usleep(20000);
    pthread_mutex_lock(&lock);
    ready = 1;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
    pthread_join(w, &ret);
    check("condvar wakeup", ret == (void *)7);
    return 0;
}
