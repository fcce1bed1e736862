/* SPDX-License-Identifier: MIT */
/*
 * x86-64 registers for the gdbstub: gdb's amd64 core registers (in
 * QEMU's order, with the system ones after the segments), x87 and SSE,
 * and the target description that names them.
 */
#include <string.h>

#include <glib.h>

#include "target/i386/cpu.h"
#include "vemu/kvm.h"

/* Remote register numbers (the order of the XML below). */
enum {
    GDB_RAX = 0,                /* rax rbx rcx rdx rsi rdi rbp rsp r8-r15 */
    GDB_RIP = 16,
    GDB_EFLAGS = 17,
    GDB_SEG0 = 18,              /* cs ss ds es fs gs */
    GDB_FS_BASE = 24,
    GDB_GS_BASE = 25,
    GDB_K_GS_BASE = 26,
    GDB_CR0 = 27,
    GDB_CR2 = 28,
    GDB_CR3 = 29,
    GDB_CR4 = 30,
    GDB_CR8 = 31,
    GDB_EFER = 32,
    GDB_ST0 = 33,
    GDB_FCTRL = 41,             /* fctrl fstat ftag fiseg fioff foseg */
    GDB_FOP = 48,               /* ... fooff fop */
    GDB_XMM0 = 49,
    GDB_MXCSR = 65,
};

static const uint8_t gdb_gpr_order[16] = {
    X86_RAX, X86_RBX, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_RBP, X86_RSP,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
};

static const uint8_t gdb_seg_order[6] = {
    X86_CS, X86_SS, X86_DS, X86_ES, X86_FS, X86_GS,
};

static int put_le(GByteArray *buf, uint64_t v, int bytes)
{
    uint8_t b[8];

    for (int i = 0; i < bytes; i++) {
        b[i] = v >> (8 * i);
    }
    g_byte_array_append(buf, b, bytes);
    return bytes;
}

static uint64_t get_le(const uint8_t *b, int bytes)
{
    uint64_t v = 0;

    for (int i = 0; i < bytes; i++) {
        v |= (uint64_t)b[i] << (8 * i);
    }
    return v;
}

/* The full x87 tag word from KVM's abridged one (valid/empty only). */
static uint16_t fpu_full_tags(const X86FPU *fp)
{
    uint16_t tags = 0;

    for (int i = 0; i < 8; i++) {
        tags |= (fp->ftw & (1u << i) ? 0 : 3u) << (2 * i);
    }
    return tags;
}

static uint8_t fpu_abridged_tags(uint16_t tags)
{
    uint8_t ftw = 0;

    for (int i = 0; i < 8; i++) {
        if (((tags >> (2 * i)) & 3) != 3) {
            ftw |= 1u << i;
        }
    }
    return ftw;
}

int x86_gdb_read_register(CPUState *cpu, GByteArray *buf, int n)
{
    CPUX86State *env = x86_env(cpu);
    X86FPU *fp = &env->fpu;

    cpu_synchronize_state(cpu);
    if (n >= GDB_RAX && n < GDB_RIP) {
        return put_le(buf, env->r.gpr[gdb_gpr_order[n]], 8);
    }
    if (n >= GDB_SEG0 && n < GDB_FS_BASE) {
        return put_le(buf, env->r.seg[gdb_seg_order[n - GDB_SEG0]].selector,
                      4);
    }
    if (n >= GDB_ST0 && n < GDB_FCTRL) {
        g_byte_array_append(buf, fp->st[n - GDB_ST0], 10);
        return 10;
    }
    if (n >= GDB_XMM0 && n < GDB_MXCSR) {
        g_byte_array_append(buf, fp->xmm[n - GDB_XMM0], 16);
        return 16;
    }
    switch (n) {
    case GDB_RIP:
        return put_le(buf, env->r.rip, 8);
    case GDB_EFLAGS:
        return put_le(buf, env->r.rflags, 4);
    case GDB_FS_BASE:
        return put_le(buf, env->r.seg[X86_FS].base, 8);
    case GDB_GS_BASE:
        return put_le(buf, env->r.seg[X86_GS].base, 8);
    case GDB_K_GS_BASE:
        return put_le(buf, env->kernel_gs_base, 8);
    case GDB_CR0:
        return put_le(buf, env->r.cr0, 8);
    case GDB_CR2:
        return put_le(buf, env->r.cr2, 8);
    case GDB_CR3:
        return put_le(buf, env->r.cr3, 8);
    case GDB_CR4:
        return put_le(buf, env->r.cr4, 8);
    case GDB_CR8:
        return put_le(buf, env->cr8, 8);
    case GDB_EFER:
        return put_le(buf, env->r.efer, 8);
    case GDB_FCTRL:
        return put_le(buf, fp->fcw, 4);
    case GDB_FCTRL + 1:
        return put_le(buf, fp->fsw, 4);
    case GDB_FCTRL + 2:
        return put_le(buf, fpu_full_tags(fp), 4);
    case GDB_FCTRL + 3:             /* fiseg */
    case GDB_FCTRL + 5:             /* foseg */
        return put_le(buf, 0, 4);
    case GDB_FCTRL + 4:
        return put_le(buf, fp->fip, 4);
    case GDB_FCTRL + 6:
        return put_le(buf, fp->fdp, 4);
    case GDB_FOP:
        return put_le(buf, fp->fop, 4);
    case GDB_MXCSR:
        return put_le(buf, fp->mxcsr, 4);
    default:
        return 0;
    }
}

int x86_gdb_write_register(CPUState *cpu, const uint8_t *buf, int n)
{
    CPUX86State *env = x86_env(cpu);
    X86FPU *fp = &env->fpu;

    /* Read first: the write goes back with every other register. */
    cpu_synchronize_state(cpu);
    if (n >= GDB_RAX && n < GDB_RIP) {
        env->r.gpr[gdb_gpr_order[n]] = get_le(buf, 8);
        return 8;
    }
    if (n >= GDB_SEG0 && n < GDB_FS_BASE) {
        X86Segment *s = &env->r.seg[gdb_seg_order[n - GDB_SEG0]];

        s->selector = get_le(buf, 4);
        /* Real mode: the selector is the base, as a load would make it. */
        if (!(env->r.cr0 & X86_CR0_PE)) {
            s->base = (uint64_t)s->selector << 4;
        }
        return 4;
    }
    if (n >= GDB_ST0 && n < GDB_FCTRL) {
        memcpy(fp->st[n - GDB_ST0], buf, 10);
        return 10;
    }
    if (n >= GDB_XMM0 && n < GDB_MXCSR) {
        memcpy(fp->xmm[n - GDB_XMM0], buf, 16);
        return 16;
    }
    switch (n) {
    case GDB_RIP:
        env->r.rip = get_le(buf, 8);
        return 8;
    case GDB_EFLAGS:
        env->r.rflags = get_le(buf, 4) | X86_RFLAGS_FIXED;
        return 4;
    case GDB_FS_BASE:
        env->r.seg[X86_FS].base = get_le(buf, 8);
        return 8;
    case GDB_GS_BASE:
        env->r.seg[X86_GS].base = get_le(buf, 8);
        return 8;
    case GDB_K_GS_BASE:
        env->kernel_gs_base = get_le(buf, 8);
        return 8;
    case GDB_CR0:
        env->r.cr0 = get_le(buf, 8);
        return 8;
    case GDB_CR2:
        env->r.cr2 = get_le(buf, 8);
        return 8;
    case GDB_CR3:
        env->r.cr3 = get_le(buf, 8);
        return 8;
    case GDB_CR4:
        env->r.cr4 = get_le(buf, 8);
        return 8;
    case GDB_CR8:
        env->cr8 = get_le(buf, 8);
        return 8;
    case GDB_EFER:
        env->r.efer = get_le(buf, 8);
        return 8;
    case GDB_FCTRL:
        fp->fcw = get_le(buf, 4);
        return 4;
    case GDB_FCTRL + 1:
        fp->fsw = get_le(buf, 4);
        return 4;
    case GDB_FCTRL + 2:
        fp->ftw = fpu_abridged_tags(get_le(buf, 4));
        return 4;
    case GDB_FCTRL + 3:
    case GDB_FCTRL + 5:
        return 4;
    case GDB_FCTRL + 4:
        fp->fip = get_le(buf, 4);
        return 4;
    case GDB_FCTRL + 6:
        fp->fdp = get_le(buf, 4);
        return 4;
    case GDB_FOP:
        fp->fop = get_le(buf, 4);
        return 4;
    case GDB_MXCSR:
        fp->mxcsr = get_le(buf, 4);
        return 4;
    default:
        return 0;
    }
}

/* ---- target description ------------------------------------------------ */

static const char x86_target_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target>\n"
    "<architecture>i386:x86-64</architecture>\n"
    "<feature name=\"org.gnu.gdb.i386.core\">\n"
    "<flags id=\"i386_eflags\" size=\"4\">\n"
    "<field name=\"CF\" start=\"0\" end=\"0\"/>"
    "<field name=\"\" start=\"1\" end=\"1\"/>"
    "<field name=\"PF\" start=\"2\" end=\"2\"/>"
    "<field name=\"AF\" start=\"4\" end=\"4\"/>"
    "<field name=\"ZF\" start=\"6\" end=\"6\"/>"
    "<field name=\"SF\" start=\"7\" end=\"7\"/>"
    "<field name=\"TF\" start=\"8\" end=\"8\"/>"
    "<field name=\"IF\" start=\"9\" end=\"9\"/>"
    "<field name=\"DF\" start=\"10\" end=\"10\"/>"
    "<field name=\"OF\" start=\"11\" end=\"11\"/>"
    "<field name=\"NT\" start=\"14\" end=\"14\"/>"
    "<field name=\"RF\" start=\"16\" end=\"16\"/>"
    "<field name=\"VM\" start=\"17\" end=\"17\"/>"
    "<field name=\"AC\" start=\"18\" end=\"18\"/>"
    "<field name=\"VIF\" start=\"19\" end=\"19\"/>"
    "<field name=\"VIP\" start=\"20\" end=\"20\"/>"
    "<field name=\"ID\" start=\"21\" end=\"21\"/>\n"
    "</flags>\n"
    "<reg name=\"rax\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"rbx\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"rcx\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"rdx\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"rsi\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"rdi\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"rbp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
    "<reg name=\"rsp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
    "<reg name=\"r8\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"r9\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"r10\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"r11\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"r12\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"r13\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"r14\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"r15\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"rip\" bitsize=\"64\" type=\"code_ptr\"/>\n"
    "<reg name=\"eflags\" bitsize=\"32\" type=\"i386_eflags\"/>\n"
    "<reg name=\"cs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ss\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ds\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"es\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"fs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"gs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"fs_base\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"gs_base\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"k_gs_base\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"cr0\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"cr2\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"cr3\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"cr4\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"cr8\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"efer\" bitsize=\"64\" type=\"int64\"/>\n"
    "<reg name=\"st0\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st1\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st2\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st3\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st4\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st5\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st6\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st7\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"fctrl\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fstat\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"ftag\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fiseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fioff\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"foseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fooff\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fop\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "</feature>\n"
    "<feature name=\"org.gnu.gdb.i386.sse\">\n"
    "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
    "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
    "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>\n"
    "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>\n"
    "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>\n"
    "<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>\n"
    "<union id=\"vec128\">"
    "<field name=\"v4_float\" type=\"v4f\"/>"
    "<field name=\"v2_double\" type=\"v2d\"/>"
    "<field name=\"v16_int8\" type=\"v16i8\"/>"
    "<field name=\"v8_int16\" type=\"v8i16\"/>"
    "<field name=\"v4_int32\" type=\"v4i32\"/>"
    "<field name=\"v2_int64\" type=\"v2i64\"/>"
    "<field name=\"uint128\" type=\"uint128\"/>"
    "</union>\n"
    "<flags id=\"i386_mxcsr\" size=\"4\">"
    "<field name=\"IE\" start=\"0\" end=\"0\"/>"
    "<field name=\"DE\" start=\"1\" end=\"1\"/>"
    "<field name=\"ZE\" start=\"2\" end=\"2\"/>"
    "<field name=\"OE\" start=\"3\" end=\"3\"/>"
    "<field name=\"UE\" start=\"4\" end=\"4\"/>"
    "<field name=\"PE\" start=\"5\" end=\"5\"/>"
    "<field name=\"DAZ\" start=\"6\" end=\"6\"/>"
    "<field name=\"IM\" start=\"7\" end=\"7\"/>"
    "<field name=\"DM\" start=\"8\" end=\"8\"/>"
    "<field name=\"ZM\" start=\"9\" end=\"9\"/>"
    "<field name=\"OM\" start=\"10\" end=\"10\"/>"
    "<field name=\"UM\" start=\"11\" end=\"11\"/>"
    "<field name=\"PM\" start=\"12\" end=\"12\"/>"
    "<field name=\"FZ\" start=\"15\" end=\"15\"/>"
    "</flags>\n"
    "<reg name=\"xmm0\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm1\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm2\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm3\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm4\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm5\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm6\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm7\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm8\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm9\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm10\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm11\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm12\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm13\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm14\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm15\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"mxcsr\" bitsize=\"32\" type=\"i386_mxcsr\" "
    "group=\"vector\"/>\n"
    "</feature>\n"
    "</target>\n";

const char *x86_gdb_get_xml(CPUState *cpu, const char *name)
{
    return !strcmp(name, "target.xml") ? x86_target_xml : NULL;
}
