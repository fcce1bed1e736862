/* SPDX-License-Identifier: MIT */
/*
 * vCPU threads under TCG: one host thread per vCPU running cpu_exec,
 * sleeping while halted (WFI) or paused, woken by interrupts and by the
 * main loop's pause/resume/reset.
 *
 * A vCPU thread does not hold the BQL while it runs guest code; the
 * softmmu takes it for MMIO. Thread state (stop, stopped, halted) is
 * guarded by cpus_mutex, so waiting never needs the BQL.
 */
#include <pthread.h>
#include <unistd.h>

#include <glib.h>

#include "vemu/accel.h"
#include "vemu/cpus.h"
#include "vemu/exec.h"
#include "vemu/gdbstub.h"
#include "vemu/main-loop.h"
#include "vemu/softmmu.h"
#include "vemu/target.h"

static pthread_mutex_t cpus_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cpus_paused_cond = PTHREAD_COND_INITIALIZER;
static bool cpus_started;

static void tcg_kick(CPUState *cpu)
{
    pthread_mutex_lock(&cpus_mutex);
    pthread_cond_broadcast(&cpu->halt_cond);
    pthread_mutex_unlock(&cpus_mutex);
}

/* With cpus_mutex held: nothing for the thread to do right now. */
static bool cpu_thread_is_idle(CPUState *cpu)
{
    if (cpu->stop) {
        return false;               /* must acknowledge the pause */
    }
    if (cpu->stopped) {
        return true;
    }
    if (cpu->halted) {
        return !cpu->target->has_work || !cpu->target->has_work(cpu);
    }
    return false;
}

static void *tcg_vcpu_thread(void *arg)
{
    CPUState *cpu = arg;
    int r;

    current_cpu = cpu;
    pthread_mutex_lock(&cpus_mutex);
    cpu->thread_id = gettid();
    cpu->created = true;
    pthread_cond_broadcast(&cpus_paused_cond);
    for (;;) {
        while (cpu_thread_is_idle(cpu)) {
            pthread_cond_wait(&cpu->halt_cond, &cpus_mutex);
        }
        if (cpu->stop) {
            cpu->stop = false;
            cpu->stopped = true;
            pthread_cond_broadcast(&cpus_paused_cond);
            continue;
        }
        cpu->halted = false;
        pthread_mutex_unlock(&cpus_mutex);

        cpu_exec_start(cpu);
        r = cpu_exec(cpu);
        cpu_exec_end(cpu);
        /* EXCP_HLT left cpu->halted set; EXCP_INTERRUPT: look again. */
        if (r == EXCP_DEBUG) {
            gdb_cpu_debug_stop(cpu);
        }

        pthread_mutex_lock(&cpus_mutex);
    }
    return NULL;
}

void cpu_thread_wait_runnable(CPUState *cpu)
{
    pthread_mutex_lock(&cpus_mutex);
    if (!cpu->created) {
        cpu->thread_id = gettid();
        cpu->created = true;
        pthread_cond_broadcast(&cpus_paused_cond);
    }
    for (;;) {
        while (cpu_thread_is_idle(cpu)) {
            pthread_cond_wait(&cpu->halt_cond, &cpus_mutex);
        }
        if (!cpu->stop) {
            break;
        }
        cpu->stop = false;
        cpu->stopped = true;
        pthread_cond_broadcast(&cpus_paused_cond);
    }
    pthread_mutex_unlock(&cpus_mutex);
}

static void tcg_start_vcpu(CPUState *cpu)
{
    cpu->stopped = true;
    if (pthread_create(&cpu->thread, NULL, tcg_vcpu_thread, cpu) != 0) {
        g_error("cannot create the thread of vCPU %d", cpu->cpu_index);
    }
}

static bool tcg_accel_init(const char *opts, GError **errp)
{
    cpu_kick_hook = tcg_kick;
    return true;
}

const AccelOps accel_tcg_ops = {
    .name = "tcg",
    .init = tcg_accel_init,
    .start_vcpu = tcg_start_vcpu,
    .kick = tcg_kick,
};

const AccelOps *current_accel = &accel_tcg_ops;

void cpus_start_all(void)
{
    if (cpus_started) {
        return;
    }
    cpus_started = true;
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        current_accel->start_vcpu(cpu);
    }
}

static bool all_cpus_paused(void)
{
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        if (cpu->created && !cpu->stopped) {
            return false;
        }
    }
    return true;
}

void cpus_pause_all(void)
{
    bool locked = bql_locked();

    pthread_mutex_lock(&cpus_mutex);
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        if (!cpu->stopped) {
            cpu->stop = true;
            cpu_exit(cpu);
            pthread_cond_broadcast(&cpu->halt_cond);
        }
    }
    pthread_mutex_unlock(&cpus_mutex);
    /* Guest code outside cpu_exec (KVM_RUN) does not see exit_request. */
    if (current_accel->kick != tcg_kick) {
        for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
            current_accel->kick(cpu);
        }
    }
    /* A vCPU may be waiting for the BQL in an MMIO access: let it go. */
    if (locked) {
        bql_unlock();
    }
    pthread_mutex_lock(&cpus_mutex);
    while (!all_cpus_paused()) {
        pthread_cond_wait(&cpus_paused_cond, &cpus_mutex);
    }
    pthread_mutex_unlock(&cpus_mutex);
    if (locked) {
        bql_lock();
    }
}

void cpus_resume_all(void)
{
    pthread_mutex_lock(&cpus_mutex);
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        cpu->stop = false;
        cpu->stopped = false;
        pthread_cond_broadcast(&cpu->halt_cond);
    }
    pthread_mutex_unlock(&cpus_mutex);
}

void cpus_reset_all(void)
{
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        cpu->target->cpu_reset(cpu);
        tlb_flush(cpu);
        cpu->halted = false;
        cpu->exception_index = -1;
        __atomic_store_n(&cpu->interrupt_request, 0, __ATOMIC_SEQ_CST);
    }
}
