/* SPDX-License-Identifier: MIT */
/* vCPU creation, the list of vCPUs, cpu_exit and exclusive sections. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "vemu/accel.h"
#include "vemu/softmmu.h"
#include "vemu/exec.h"
#include "vemu/target.h"
#include "vemu/tcg.h"

CPUState *first_cpu;
__thread CPUState *current_cpu;

static pthread_mutex_t cpu_list_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t exclusive_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t exclusive_resume = PTHREAD_COND_INITIALIZER;
/* 0: no exclusive section; 1: one is active; >1: waiting for n-1 vCPUs. */
static int pending_cpus;
static int next_cpu_index;

void cpu_list_lock(void)
{
    pthread_mutex_lock(&cpu_list_mutex);
}

void cpu_list_unlock(void)
{
    pthread_mutex_unlock(&cpu_list_mutex);
}

void cpu_list_add(CPUState *cpu)
{
    cpu_list_lock();
    cpu->cpu_index = next_cpu_index++;
    cpu->next = first_cpu;
    first_cpu = cpu;
    cpu_list_unlock();
}

void cpu_list_remove(CPUState *cpu)
{
    cpu_list_lock();
    for (CPUState **p = &first_cpu; *p; p = &(*p)->next) {
        if (*p == cpu) {
            *p = cpu->next;
            break;
        }
    }
    cpu_list_unlock();
}

bool cpu_list_remove_unless_last(CPUState *cpu)
{
    bool removed = false;

    cpu_list_lock();
    if (first_cpu != cpu || cpu->next) {
        for (CPUState **p = &first_cpu; *p; p = &(*p)->next) {
            if (*p == cpu) {
                *p = cpu->next;
                removed = true;
                break;
            }
        }
    }
    cpu_list_unlock();
    return removed;
}

/* TCG globals are registered once per target, on the prototype context. */
static void tcg_init_target_once(const TargetInfo *target)
{
    static pthread_mutex_t init_mutex = PTHREAD_MUTEX_INITIALIZER;
    static bool proto_done;
    static const TargetInfo *done_targets[8];

    pthread_mutex_lock(&init_mutex);
    if (!proto_done) {
        tcg_prototype_init();
        proto_done = true;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(done_targets); i++) {
        if (done_targets[i] == target) {
            break;
        }
        if (!done_targets[i]) {
            target->tcg_init();
            done_targets[i] = target;
            break;
        }
    }
    pthread_mutex_unlock(&init_mutex);
}

CPUState *cpu_create(const TargetInfo *target)
{
    CPUState *cpu = g_malloc0(target->cpu_size);

    tcg_init_target_once(target);
    cpu->target = target;
    cpu->exception_index = -1;
    cpu->cflags_next_tb = (uint32_t)-1;
    cpu->tb_jmp_cache = g_new0(TBJmpCacheEntry, TB_JMP_CACHE_SIZE);
    if (softmmu_enabled) {
        tlb_init(cpu);
        pthread_cond_init(&cpu->halt_cond, NULL);
    }
    target->cpu_init(cpu);
    target->cpu_reset(cpu);
    cpu_list_add(cpu);
    return cpu;
}

void cpu_destroy(CPUState *cpu)
{
    cpu_list_remove(cpu);
    if (cpu->tlb) {
        tlb_destroy(cpu);
    }
    g_free(cpu->tb_jmp_cache);
    g_free(cpu);
}

void cpu_exit(CPUState *cpu)
{
    __atomic_store_n(&cpu->exit_request, 1, __ATOMIC_SEQ_CST);
}

void start_exclusive(void)
{
    cpu_list_lock();
    while (pending_cpus) {
        pthread_cond_wait(&exclusive_resume, &cpu_list_mutex);
    }
    pending_cpus = 1;
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        if (cpu->running && cpu != current_cpu) {
            cpu->exclusive_waiter = true;
            pending_cpus++;
            cpu_exit(cpu);
        }
    }
    while (pending_cpus > 1) {
        pthread_cond_wait(&exclusive_cond, &cpu_list_mutex);
    }
    cpu_list_unlock();
}

void end_exclusive(void)
{
    cpu_list_lock();
    pending_cpus = 0;
    pthread_cond_broadcast(&exclusive_resume);
    cpu_list_unlock();
}

void cpu_exec_start(CPUState *cpu)
{
    cpu_list_lock();
    while (pending_cpus) {
        pthread_cond_wait(&exclusive_resume, &cpu_list_mutex);
    }
    cpu->running = true;
    cpu_list_unlock();
}

void cpu_exec_end(CPUState *cpu)
{
    cpu_list_lock();
    cpu->running = false;
    if (cpu->exclusive_waiter) {
        cpu->exclusive_waiter = false;
        if (--pending_cpus == 1) {
            pthread_cond_signal(&exclusive_cond);
        }
    }
    cpu_list_unlock();
}

void (*cpu_kick_hook)(CPUState *cpu);

void cpu_interrupt(CPUState *cpu, int mask)
{
    __atomic_fetch_or(&cpu->interrupt_request, (uint32_t)mask,
                      __ATOMIC_SEQ_CST);
    cpu_exit(cpu);
    if (cpu_kick_hook) {
        cpu_kick_hook(cpu);
    }
}

void cpu_reset_interrupt(CPUState *cpu, int mask)
{
    __atomic_fetch_and(&cpu->interrupt_request, ~(uint32_t)mask,
                       __ATOMIC_SEQ_CST);
}
