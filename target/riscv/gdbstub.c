/* SPDX-License-Identifier: MIT */
/* RV64 registers for the gdbstub: numbering, access and target XML. */
#include <string.h>

#include <glib.h>

#include "target/riscv/cpu.h"
#include "target/riscv/internals.h"

/*
 * The remote register numbers (the 'g' packet's order): x0-x31, pc,
 * f0-f31, fflags, frm, fcsr, the CSRs below, then priv.
 */
enum {
    GDB_PC = 32,
    GDB_F0 = 33,
    GDB_FFLAGS = 65,
    GDB_FRM,
    GDB_FCSR,
    GDB_CSR0,
};

static const struct {
    const char *name;
    int csrno;
} riscv_gdb_csrs[] = {
    { "sstatus", 0x100 }, { "sie", 0x104 }, { "stvec", 0x105 },
    { "sscratch", 0x140 }, { "sepc", 0x141 }, { "scause", 0x142 },
    { "stval", 0x143 }, { "sip", 0x144 }, { "satp", 0x180 },
    { "mstatus", 0x300 }, { "misa", 0x301 }, { "medeleg", 0x302 },
    { "mideleg", 0x303 }, { "mie", 0x304 }, { "mtvec", 0x305 },
    { "mscratch", 0x340 }, { "mepc", 0x341 }, { "mcause", 0x342 },
    { "mtval", 0x343 }, { "mip", 0x344 }, { "mhartid", 0xf14 },
};
#define NB_GDB_CSRS ((int)G_N_ELEMENTS(riscv_gdb_csrs))
#define GDB_PRIV (GDB_CSR0 + NB_GDB_CSRS)
#define GDB_NUM_REGS (GDB_PRIV + 1)
G_STATIC_ASSERT(GDB_NUM_REGS == RISCV_GDB_NUM_REGS);

/* CSR access for the debugger: as M-mode would, without trapping. */
static bool riscv_gdb_csr(CPURISCVState *env, int csrno, uint64_t *val,
                          bool write)
{
    uint32_t priv = env->priv;
    uint64_t old = 0;
    int r;

    env->priv = PRV_M;
    r = riscv_csr_rmw(env, csrno, &old, write ? *val : 0, ~0ull, write);
    env->priv = priv;
    if (!write) {
        *val = r == RISCV_CSR_OK ? old : 0;
    }
    return r == RISCV_CSR_OK;
}

static int put64(GByteArray *buf, uint64_t v)
{
    uint8_t b[8];

    for (int i = 0; i < 8; i++) {
        b[i] = v >> (8 * i);
    }
    g_byte_array_append(buf, b, 8);
    return 8;
}

static uint64_t get64(const uint8_t *b)
{
    uint64_t v = 0;

    for (int i = 0; i < 8; i++) {
        v |= (uint64_t)b[i] << (8 * i);
    }
    return v;
}

int riscv_gdb_read_register(CPUState *cpu, GByteArray *buf, int n)
{
    CPURISCVState *env = riscv_env(cpu);
    uint64_t v;

    if (n >= 0 && n < 32) {
        return put64(buf, env->gpr[n]);
    }
    if (n == GDB_PC) {
        return put64(buf, env->pc);
    }
    if (n >= GDB_F0 && n < GDB_F0 + 32) {
        return put64(buf, env->fpr[n - GDB_F0]);
    }
    switch (n) {
    case GDB_FFLAGS:
        return put64(buf, env->fflags);
    case GDB_FRM:
        return put64(buf, env->frm);
    case GDB_FCSR:
        return put64(buf, (env->frm << 5) | env->fflags);
    case GDB_PRIV:
        return put64(buf, env->priv);
    }
    if (n >= GDB_CSR0 && n < GDB_CSR0 + NB_GDB_CSRS) {
        riscv_gdb_csr(env, riscv_gdb_csrs[n - GDB_CSR0].csrno, &v, false);
        return put64(buf, v);
    }
    return 0;
}

int riscv_gdb_write_register(CPUState *cpu, const uint8_t *buf, int n)
{
    CPURISCVState *env = riscv_env(cpu);
    uint64_t v = get64(buf);

    if (n >= 0 && n < 32) {
        if (n != 0) {
            env->gpr[n] = v;
        }
        return 8;
    }
    if (n == GDB_PC) {
        env->pc = v;
        return 8;
    }
    if (n >= GDB_F0 && n < GDB_F0 + 32) {
        env->fpr[n - GDB_F0] = v;
        return 8;
    }
    switch (n) {
    case GDB_FFLAGS:
        env->fflags = v & 0x1f;
        return 8;
    case GDB_FRM:
        env->frm = v & 7;
        return 8;
    case GDB_FCSR:
        env->fflags = v & 0x1f;
        env->frm = (v >> 5) & 7;
        return 8;
    case GDB_PRIV:
        /* Only the levels that exist; the TB flags follow the state. */
        if (env->sys && (v == PRV_U || v == PRV_S || v == PRV_M)) {
            env->priv = v;
        }
        return 8;
    }
    if (n >= GDB_CSR0 && n < GDB_CSR0 + NB_GDB_CSRS) {
        riscv_gdb_csr(env, riscv_gdb_csrs[n - GDB_CSR0].csrno, &v, true);
        return 8;
    }
    return 0;
}

static void xml_reg(GString *s, const char *name, int regnum,
                    const char *type, const char *group)
{
    g_string_append_printf(s, "  <reg name=\"%s\" bitsize=\"64\" "
                           "regnum=\"%d\" type=\"%s\"", name, regnum, type);
    if (group) {
        g_string_append_printf(s, " group=\"%s\"", group);
    }
    g_string_append(s, "/>\n");
}

static char *riscv_gdb_build_xml(void)
{
    GString *s = g_string_new(
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target>\n<architecture>riscv:rv64</architecture>\n"
        "<feature name=\"org.gnu.gdb.riscv.cpu\">\n");

    for (int i = 0; i < 32; i++) {
        xml_reg(s, riscv_int_regnames[i], i,
                i == 1 ? "code_ptr" : (i == 2 || i == 8) ? "data_ptr"
                                                         : "int", NULL);
    }
    xml_reg(s, "pc", GDB_PC, "code_ptr", NULL);
    g_string_append(s, "</feature>\n<feature name=\"org.gnu.gdb.riscv.fpu\">\n"
                    "  <union id=\"riscv_double\">\n"
                    "    <field name=\"float\" type=\"ieee_single\"/>\n"
                    "    <field name=\"double\" type=\"ieee_double\"/>\n"
                    "  </union>\n");
    for (int i = 0; i < 32; i++) {
        xml_reg(s, riscv_fpr_regnames[i], GDB_F0 + i, "riscv_double",
                "float");
    }
    xml_reg(s, "fflags", GDB_FFLAGS, "int", "float");
    xml_reg(s, "frm", GDB_FRM, "int", "float");
    xml_reg(s, "fcsr", GDB_FCSR, "int", "float");
    g_string_append(s, "</feature>\n<feature name=\"org.gnu.gdb.riscv.csr\">\n");
    for (int i = 0; i < NB_GDB_CSRS; i++) {
        xml_reg(s, riscv_gdb_csrs[i].name, GDB_CSR0 + i, "int", "system");
    }
    g_string_append(s, "</feature>\n"
                    "<feature name=\"org.gnu.gdb.riscv.virtual\">\n");
    xml_reg(s, "priv", GDB_PRIV, "int", "system");
    g_string_append(s, "</feature>\n</target>\n");
    return g_string_free(s, false);
}

const char *riscv_gdb_get_xml(CPUState *cpu, const char *name)
{
    static char *xml;

    if (strcmp(name, "target.xml") != 0) {
        return NULL;
    }
    if (g_once_init_enter(&xml)) {
        g_once_init_leave(&xml, riscv_gdb_build_xml());
    }
    return xml;
}
