/* SPDX-License-Identifier: MIT */
/*
 * aarch64 signal frames, laid out as Linux does (arch/arm64 uapi
 * sigcontext.h and ucontext.h): glibc, unwinders and programs that edit
 * the ucontext read and write these offsets.
 */
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include <glib.h>

#include "linux-user/aarch64/target-int.h"

#define FPSIMD_MAGIC 0x46508001u
#define ESR_MAGIC 0x45535201u
#define RESERVED_SIZE 4096

/* Header of each record in sigcontext.__reserved. */
typedef struct A64CtxHead {
    uint32_t magic;
    uint32_t size;
} A64CtxHead;

typedef struct A64FpsimdContext {
    A64CtxHead head;
    uint32_t fpsr;
    uint32_t fpcr;
    uint64_t vregs[32][2];      /* __uint128_t each, low half first */
} A64FpsimdContext;

typedef struct A64Sigcontext {
    uint64_t fault_address;
    uint64_t regs[31];
    uint64_t sp;
    uint64_t pc;
    uint64_t pstate;
    uint64_t align_pad;         /* __reserved is 16-byte aligned */
    uint8_t reserved[RESERVED_SIZE];
} A64Sigcontext;

typedef struct A64Ucontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    uint64_t ss_sp;             /* uc_stack */
    int32_t ss_flags;
    int32_t ss_pad;
    uint64_t ss_size;
    uint64_t uc_sigmask;        /* kernel sigset, then room to 128 bytes */
    uint8_t sigmask_pad[120];
    uint8_t align_pad[8];       /* uc_mcontext is 16-byte aligned */
    A64Sigcontext mc;
} A64Ucontext;

typedef struct A64RtSigframe {
    TargetSiginfo info;
    A64Ucontext uc;
} A64RtSigframe;

/* The {fp, lr} record above the frame that x29 points at (unwinders). */
typedef struct A64FrameRecord {
    uint64_t fp;
    uint64_t lr;
} A64FrameRecord;

G_STATIC_ASSERT(sizeof(A64FpsimdContext) == 528);
G_STATIC_ASSERT(offsetof(A64Sigcontext, reserved) == 288);
G_STATIC_ASSERT(offsetof(A64Ucontext, mc) == 176);
G_STATIC_ASSERT(sizeof(A64Ucontext) == 4560);
G_STATIC_ASSERT(sizeof(A64RtSigframe) % 16 == 0);

void aarch64_setup_rt_frame(CPUState *cpu, int sig, const void *info,
                            const void *action, const sigset_t *old_mask)
{
    CPUARMState *env = arm_env(cpu);
    const TargetSigaction *sa = action;
    const TargetSiginfo *si = info;
    TaskState *ts = cpu->opaque;
    abi_ulong sp = env->xregs[31];
    abi_ulong rec_addr, frame_addr;
    A64RtSigframe *f;
    A64FrameRecord *rec;
    A64FpsimdContext *fp;
    A64CtxHead *end;

    rec_addr = (signal_frame_sp(cpu, sp, sa->flags) - sizeof(*rec)) &
               ~(abi_ulong)15;
    frame_addr = rec_addr - sizeof(*f);
    f = lock_user(VERIFY_WRITE, frame_addr, sizeof(*f) + sizeof(*rec));
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

    if (si->si_signo == SIGSEGV || si->si_signo == SIGBUS) {
        f->uc.mc.fault_address = si->u.addr;
    }
    memcpy(f->uc.mc.regs, env->xregs, sizeof(f->uc.mc.regs));
    f->uc.mc.sp = sp;
    f->uc.mc.pc = env->pc;
    f->uc.mc.pstate = arm_nzcv_read(env);     /* EL0t: mode bits 0 */

    fp = (A64FpsimdContext *)f->uc.mc.reserved;
    fp->head.magic = FPSIMD_MAGIC;
    fp->head.size = sizeof(*fp);
    fp->fpsr = env->fpsr;
    fp->fpcr = env->fpcr;
    memcpy(fp->vregs, env->vregs, sizeof(fp->vregs));
    end = (A64CtxHead *)(fp + 1);
    end->magic = 0;
    end->size = 0;

    rec = (A64FrameRecord *)(f + 1);
    rec->fp = env->xregs[29];
    rec->lr = env->xregs[30];

    /* The handler returns through sa_restorer (glibc's) or our page. */
    env->xregs[30] = (sa->flags & TARGET_SA_RESTORER) && sa->restorer
                     ? sa->restorer : aarch64_sigtramp;
    env->xregs[29] = rec_addr;
    env->xregs[31] = frame_addr;
    env->xregs[0] = sig;
    env->xregs[1] = frame_addr + offsetof(A64RtSigframe, info);
    env->xregs[2] = frame_addr + offsetof(A64RtSigframe, uc);
    env->pc = sa->handler;
    env->exclusive_addr = (uint64_t)-1;
}

/* Read back __reserved: the FP/SIMD record is required, as in Linux. */
static bool restore_reserved(CPUARMState *env, const A64Sigcontext *mc)
{
    const A64FpsimdContext *fp = NULL;
    size_t off = 0;

    while (off + sizeof(A64CtxHead) <= RESERVED_SIZE) {
        A64CtxHead h;

        memcpy(&h, mc->reserved + off, sizeof(h));
        if (h.magic == 0) {
            break;
        }
        if (h.size < sizeof(h) || h.size % 16 ||
            h.size > RESERVED_SIZE - off) {
            return false;
        }
        switch (h.magic) {
        case FPSIMD_MAGIC:
            if (fp || h.size != sizeof(*fp)) {
                return false;
            }
            fp = (const A64FpsimdContext *)(mc->reserved + off);
            break;
        case ESR_MAGIC:
            break;              /* informational only */
        default:
            return false;       /* SVE, ZA, extra_context: not supported */
        }
        off += h.size;
    }
    if (!fp) {
        return false;
    }
    env->fpsr = fp->fpsr & FPSR_MASK;
    env->fpcr = fp->fpcr & FPCR_MASK;
    memcpy(env->vregs, fp->vregs, sizeof(env->vregs));
    return true;
}

abi_long aarch64_do_rt_sigreturn(CPUState *cpu)
{
    CPUARMState *env = arm_env(cpu);
    abi_ulong frame_addr = env->xregs[31];
    A64RtSigframe *f;
    sigset_t mask;

    f = lock_user(VERIFY_READ, frame_addr, sizeof(*f));
    if (!f || (frame_addr & 15) || (f->uc.mc.pstate & 0x1f) != 0 ||
        !restore_reserved(env, &f->uc.mc)) {
        /* A frame the kernel would refuse: SIGSEGV, as it does. */
        force_sig(cpu, SIGSEGV, 0x80 /* SI_KERNEL */, 0);
        return -TARGET_QEMU_ESIGRETURN;
    }
    signal_mask_from_guest(&mask, f->uc.uc_sigmask);
    signal_set_mask(cpu, &mask);
    memcpy(env->xregs, f->uc.mc.regs, sizeof(f->uc.mc.regs));
    env->xregs[31] = f->uc.mc.sp;
    env->pc = f->uc.mc.pc;
    arm_nzcv_write(env, (uint32_t)f->uc.mc.pstate);
    env->exclusive_addr = (uint64_t)-1;
    do_sigaltstack(cpu, frame_addr + offsetof(A64RtSigframe, uc) +
                   offsetof(A64Ucontext, ss_sp), 0, env->xregs[31]);
    return -TARGET_QEMU_ESIGRETURN;
}
