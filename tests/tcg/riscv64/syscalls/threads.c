/* SPDX-License-Identifier: MIT */
/* Threads: pthread mutex/condvar (futex), join, tids, raw futex wake. */
#include "../guest.h"

#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NTHREADS 4
#define ITERS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;
static int ready;
static pid_t tids[NTHREADS];

static void *worker(void *arg)
{
    int id = (int)(long)arg;

    tids[id] = (pid_t)syscall(SYS_gettid);
    pthread_mutex_lock(&lock);
    while (!ready) {
        pthread_cond_wait(&cond, &lock);
    }
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return (void *)(long)(id * 10);
}

static atomic_int futex_word;

static void *futex_waker(void *arg)
{
    struct timespec ts = { 0, 20000000 };

    nanosleep(&ts, NULL);
    atomic_store(&futex_word, 1);
    syscall(SYS_futex, &futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    return NULL;
}

int main(void)
{
    pthread_t th[NTHREADS];
    long sum = 0;
    int distinct = 1;

    for (long i = 0; i < NTHREADS; i++) {
        CHECK_EQ(pthread_create(&th[i], NULL, worker, (void *)i), 0,
                 "pthread_create");
    }
    pthread_mutex_lock(&lock);
    ready = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < NTHREADS; i++) {
        void *ret;
        CHECK_EQ(pthread_join(th[i], &ret), 0, "pthread_join");
        sum += (long)ret;
    }
    printf("counter %ld (want %d)\n", counter, NTHREADS * ITERS);
    printf("join values sum %ld\n", sum);
    for (int i = 0; i < NTHREADS; i++) {
        if (tids[i] <= 0 || tids[i] == getpid()) {
            distinct = 0;
        }
        for (int j = 0; j < i; j++) {
            if (tids[i] == tids[j]) {
                distinct = 0;
            }
        }
    }
    printf("thread ids distinct %d\n", distinct);

    /* Raw futex: a timed-out wait, a value mismatch, then a real wake. */
    {
        struct timespec ts = { 0, 5000000 };
        pthread_t w;

        errno = 0;
        CHECK_EQ(syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, &ts,
                         NULL, 0), -1, "futex timeout");
        printf("futex wait timeout errno %d\n", errno);
        CHECK_EQ(syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 7, NULL,
                         NULL, 0), -1, "futex mismatch");
        printf("futex value mismatch errno %d\n", errno);
        CHECK_EQ(pthread_create(&w, NULL, futex_waker, NULL), 0, "waker");
        while (atomic_load(&futex_word) == 0) {
            syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, NULL,
                    NULL, 0);
        }
        pthread_join(w, NULL);
        printf("woken with value %d\n", atomic_load(&futex_word));
        /* A private wake never touches memory: 0 woken, no fault. */
        printf("futex wake at unmapped address: %ld\n",
               syscall(SYS_futex, (void *)8, FUTEX_WAKE_PRIVATE, 1, NULL,
                       NULL, 0));
        errno = 0;
        CHECK_EQ(syscall(SYS_futex, (void *)8, FUTEX_WAIT_PRIVATE, 0, NULL,
                         NULL, 0), -1, "futex wait bad address");
        printf("futex wait at unmapped address errno %d\n", errno);
    }
    return guest_done();
}
