/* SPDX-License-Identifier: MIT */
/* vCPU threads as a whole (system/cpus.c): pause, resume, kick. */
#ifndef VEMU_CPUS_H
#define VEMU_CPUS_H

#include "vemu/cpu.h"

/* Stop every vCPU outside guest code and wait until they are (BQL held). */
void cpus_pause_all(void);
void cpus_resume_all(void);
/* Reset every vCPU (target cpu_reset, TLB flush); vCPUs paused. */
void cpus_reset_all(void);
/* Start the threads of all created vCPUs (paused unless vm_start). */
void cpus_start_all(void);
/*
 * For an accelerator's own vCPU thread (accel/kvm): the first call marks
 * the thread created; each call waits while the vCPU is paused or halted
 * (acknowledging pause requests) and returns when it should run guest
 * code. cpus_pause_all kicks such vCPUs with current_accel->kick.
 */
void cpu_thread_wait_runnable(CPUState *cpu);

#endif
