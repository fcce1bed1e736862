/* SPDX-License-Identifier: MIT */
/* A toy JIT: compile random loop programs to RISC-V and check vs a model. */
#include "guest.h"
#include <sys/mman.h>

/* Registers used by generated code. */
enum { ZERO = 0, RA = 1, T0 = 5, T1 = 6, A0 = 10, A1 = 11, A2 = 12 };

typedef struct {
    uint32_t *buf;
    int n;
} Asm;

static void emit(Asm *as, uint32_t insn)
{
    as->buf[as->n++] = insn;
}

static uint32_t r_type(int f7, int rs2, int rs1, int f3, int rd, int op)
{
    return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) |
           op;
}

static uint32_t i_type(int imm, int rs1, int f3, int rd, int op)
{
    return ((uint32_t)(imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) |
           (rd << 7) | op;
}

static uint32_t b_type(int off, int rs2, int rs1, int f3)
{
    uint32_t o = (uint32_t)off;
    return (((o >> 12) & 1) << 31) | (((o >> 5) & 0x3f) << 25) |
           (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (((o >> 1) & 0xf) << 8) |
           (((o >> 11) & 1) << 7) | 0x63;
}

/* Operations of the toy language: acc = acc OP (i or const). */
enum { OP_ADD, OP_SUB, OP_XOR, OP_OR, OP_AND, OP_MUL, OP_SLL, OP_SRL,
       OP_ADDI, OP_XORI, OP_MULH, OP_DIVU, NOPS };
static const char *const op_names[NOPS] = {
    "add", "sub", "xor", "or", "and", "mul", "sll", "srl", "addi", "xori",
    "mulh", "divu",
};

typedef struct {
    int op;
    int imm;
} Step;

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* acc (a0), loop counter i (a1), n (a2): for (i = n; i; i--) steps */
static void compile(Asm *as, const Step *steps, int nsteps)
{
    emit(as, i_type(0, A0, 0, A2, 0x13));      /* mv a2, a0 (n) */
    emit(as, i_type(0x123, ZERO, 0, A0, 0x13)); /* li a0, 0x123 */
    emit(as, i_type(0, A2, 0, A1, 0x13));      /* mv a1, a2 */
    int loop = as->n;
    for (int s = 0; s < nsteps; s++) {
        int imm = steps[s].imm;
        switch (steps[s].op) {
        case OP_ADD: emit(as, r_type(0, A1, A0, 0, A0, 0x33)); break;
        case OP_SUB: emit(as, r_type(0x20, A1, A0, 0, A0, 0x33)); break;
        case OP_XOR: emit(as, r_type(0, A1, A0, 4, A0, 0x33)); break;
        case OP_OR: emit(as, r_type(0, A1, A0, 6, A0, 0x33)); break;
        case OP_AND:
            emit(as, i_type(imm, ZERO, 0, T0, 0x13));
            emit(as, r_type(0, T0, A0, 7, A0, 0x33));
            break;
        case OP_MUL: emit(as, r_type(1, A1, A0, 0, A0, 0x33)); break;
        case OP_SLL:
            emit(as, i_type(imm & 63, A0, 1, A0, 0x13));   /* slli */
            break;
        case OP_SRL:
            emit(as, i_type(imm & 63, A0, 5, A0, 0x13));   /* srli */
            break;
        case OP_ADDI: emit(as, i_type(imm, A0, 0, A0, 0x13)); break;
        case OP_XORI: emit(as, i_type(imm, A0, 4, A0, 0x13)); break;
        case OP_MULH:
            emit(as, r_type(1, A0, A0, 1, T1, 0x33));      /* mulh t1 */
            emit(as, r_type(0, T1, A0, 4, A0, 0x33));      /* xor */
            break;
        case OP_DIVU:
            emit(as, r_type(1, A1, A0, 5, A0, 0x33));      /* divu */
            break;
        }
    }
    emit(as, i_type(-1, A1, 0, A1, 0x13));     /* addi a1, a1, -1 */
    emit(as, b_type((loop - as->n) * 4, ZERO, A1, 1));     /* bnez */
    emit(as, i_type(0, RA, 0, ZERO, 0x67));    /* ret */
}

static uint64_t model(const Step *steps, int nsteps, uint64_t n)
{
    uint64_t acc = 0x123;
    for (uint64_t i = n; i; i--) {
        for (int s = 0; s < nsteps; s++) {
            int64_t imm = steps[s].imm;
            switch (steps[s].op) {
            case OP_ADD: acc += i; break;
            case OP_SUB: acc -= i; break;
            case OP_XOR: acc ^= i; break;
            case OP_OR: acc |= i; break;
            case OP_AND: acc &= (uint64_t)imm; break;
            case OP_MUL: acc *= i; break;
            case OP_SLL: acc <<= imm & 63; break;
            case OP_SRL: acc >>= imm & 63; break;
            case OP_ADDI: acc += (uint64_t)imm; break;
            case OP_XORI: acc ^= (uint64_t)imm; break;
            case OP_MULH:
                acc ^= (uint64_t)(((__int128)(int64_t)acc *
                                   (int64_t)acc) >> 64);
                break;
            case OP_DIVU: acc /= i; break;
            }
        }
    }
    return acc;
}

int main(void)
{
    size_t size = 1 << 16;
    uint32_t *mem = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (mem == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    /* Half the programs go to fresh space, half reuse slot 0 so stale
     * translations of the previous program would show. */
    for (int p = 0; p < 60; p++) {
        Step steps[12];
        int nsteps = 1 + next_rand() % 12;
        for (int s = 0; s < nsteps; s++) {
            steps[s].op = next_rand() % NOPS;
            steps[s].imm = (int)(next_rand() % 4096) - 2048;
        }
        Asm as = { mem + (p % 2 ? (p / 2) * 64 : 0), 0 };
        compile(&as, steps, nsteps);
        __builtin___clear_cache((char *)as.buf, (char *)(as.buf + as.n));
        uint64_t (*fn)(uint64_t) = (void *)as.buf;
        uint64_t n = 1 + next_rand() % 5000;
        uint64_t got = fn(n), want = model(steps, nsteps, n);
        printf("prog %2d n=%4llu:", p, (unsigned long long)n);
        for (int s = 0; s < nsteps; s++) {
            printf(" %s", op_names[steps[s].op]);
        }
        printf(" -> %016llx\n", (unsigned long long)got);
        CHECK_EQ(got, want, "generated program");
    }
    return guest_done();
}
