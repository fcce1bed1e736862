/* SPDX-License-Identifier: MIT */
/*
 * riscv64 signal frames, laid out as Linux does (uapi sigcontext.h and
 * ucontext.h) so that glibc, unwinders and ucontext code read them.
 */
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include <glib.h>

#include "linux-user/riscv64/target-int.h"

typedef struct RiscvUcontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    uint64_t ss_sp;             /* uc_stack */
    int32_t ss_flags;
    int32_t ss_pad;
    uint64_t ss_size;
    uint64_t uc_sigmask;        /* kernel sigset, then room to 128 bytes */
    uint8_t sigmask_pad[120];
    uint8_t align_pad[8];       /* uc_mcontext is 16-byte aligned */
    uint64_t gregs[32];         /* pc, then x1..x31 */
    uint64_t fpregs[32];        /* the D-extension state ... */
    uint32_t fcsr;
    uint32_t fp_reserved[67];   /* ... inside the Q-sized union */
} RiscvUcontext;

typedef struct RiscvRtSigframe {
    TargetSiginfo info;
    RiscvUcontext uc;
} RiscvRtSigframe;

G_STATIC_ASSERT(offsetof(RiscvUcontext, gregs) == 176);
G_STATIC_ASSERT(offsetof(RiscvUcontext, fcsr) == 176 + 256 + 256);
G_STATIC_ASSERT(sizeof(RiscvUcontext) == 960);
G_STATIC_ASSERT(sizeof(RiscvRtSigframe) == 1088);

void riscv64_setup_rt_frame(CPUState *cpu, int sig, const void *info,
                            const void *action, const sigset_t *old_mask)
{
    CPURISCVState *env = riscv_env(cpu);
    const TargetSigaction *sa = action;
    TaskState *ts = cpu->opaque;
    abi_ulong sp = env->gpr[2];
    abi_ulong frame_addr;
    RiscvRtSigframe *f;

    frame_addr = signal_frame_sp(cpu, sp, sa->flags);
    frame_addr = (frame_addr - sizeof(*f)) & ~(abi_ulong)15;
    f = lock_user(VERIFY_WRITE, frame_addr, sizeof(*f));
    if (!f) {
        /* No room for the frame: the kernel kills with SIGSEGV. */
        signal_die(SIGSEGV);
    }
    memset(f, 0, sizeof(*f));
    memcpy(&f->info, info, sizeof(f->info));
    f->uc.ss_sp = ts->sigaltstack_sp;
    f->uc.ss_size = ts->sigaltstack_size;
    f->uc.ss_flags = signal_on_altstack(cpu, sp) ? 1
                   : ts->sigaltstack_size ? ts->sigaltstack_flags : 2;
    f->uc.uc_sigmask = signal_mask_to_guest(old_mask);
    f->uc.gregs[0] = env->pc;
    for (int i = 1; i < 32; i++) {
        f->uc.gregs[i] = env->gpr[i];
    }
    memcpy(f->uc.fpregs, env->fpr, sizeof(f->uc.fpregs));
    f->uc.fcsr = (env->frm << 5) | (env->fflags & 0x1f);

    env->gpr[1] = riscv64_sigtramp;
    env->gpr[2] = frame_addr;
    env->gpr[10] = sig;
    env->gpr[11] = frame_addr + offsetof(RiscvRtSigframe, info);
    env->gpr[12] = frame_addr + offsetof(RiscvRtSigframe, uc);
    env->pc = sa->handler;
    env->load_res = (uint64_t)-1;
}

abi_long riscv64_do_rt_sigreturn(CPUState *cpu)
{
    CPURISCVState *env = riscv_env(cpu);
    abi_ulong frame_addr = env->gpr[2];
    RiscvRtSigframe *f;
    sigset_t mask;

    f = lock_user(VERIFY_READ, frame_addr, sizeof(*f));
    if (!f || (frame_addr & 15)) {
        force_sig(cpu, SIGSEGV, 0x80 /* SI_KERNEL */, 0);
        return -TARGET_QEMU_ESIGRETURN;
    }
    signal_mask_from_guest(&mask, f->uc.uc_sigmask);
    signal_set_mask(cpu, &mask);
    env->pc = f->uc.gregs[0];
    for (int i = 1; i < 32; i++) {
        env->gpr[i] = f->uc.gregs[i];
    }
    memcpy(env->fpr, f->uc.fpregs, sizeof(env->fpr));
    env->frm = (f->uc.fcsr >> 5) & 7;
    env->fflags = f->uc.fcsr & 0x1f;
    env->load_res = (uint64_t)-1;
    do_sigaltstack(cpu, frame_addr + offsetof(RiscvRtSigframe, uc) +
                   offsetof(RiscvUcontext, ss_sp), 0, env->gpr[2]);
    return -TARGET_QEMU_ESIGRETURN;
}
