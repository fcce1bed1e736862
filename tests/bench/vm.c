/* SPDX-License-Identifier: MIT */
/* Benchmark: a small stack bytecode VM (switch dispatch) running fib/loops. */
#include <stdint.h>
#include <stdio.h>

enum {
    OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_LT, OP_JZ, OP_JMP,
    OP_CALL, OP_RET, OP_ARG, OP_DUP, OP_POP, OP_MUL, OP_XOR, OP_HALT,
};

typedef struct {
    int64_t stack[4096];
    int64_t vars[16];
    int sp;
} Vm;

/* Frames: return address and the frame's single argument. */
typedef struct {
    int ret;
    int64_t arg;
} Frame;

static int64_t run(const int32_t *code, int pc, Vm *vm)
{
    Frame frames[256];
    int fp = 0;

    for (;;) {
        int32_t op = code[pc++];
        switch (op) {
        case OP_PUSH: vm->stack[vm->sp++] = code[pc++]; break;
        case OP_LOAD: vm->stack[vm->sp++] = vm->vars[code[pc++]]; break;
        case OP_STORE: vm->vars[code[pc++]] = vm->stack[--vm->sp]; break;
        case OP_ADD: vm->sp--; vm->stack[vm->sp - 1] += vm->stack[vm->sp];
            break;
        case OP_SUB: vm->sp--; vm->stack[vm->sp - 1] -= vm->stack[vm->sp];
            break;
        case OP_MUL: vm->sp--; vm->stack[vm->sp - 1] *= vm->stack[vm->sp];
            break;
        case OP_XOR: vm->sp--; vm->stack[vm->sp - 1] ^= vm->stack[vm->sp];
            break;
        case OP_LT: vm->sp--;
            vm->stack[vm->sp - 1] = vm->stack[vm->sp - 1] < vm->stack[vm->sp];
            break;
        case OP_JZ: {
            int32_t t = code[pc++];
            if (vm->stack[--vm->sp] == 0) {
                pc = t;
            }
            break;
        }
        case OP_JMP: pc = code[pc]; break;
        case OP_CALL:
            frames[fp].ret = pc + 1;
            frames[fp].arg = vm->stack[--vm->sp];
            fp++;
            pc = code[pc];
            break;
        case OP_RET:
            if (fp == 0) {
                return vm->stack[--vm->sp];
            }
            pc = frames[--fp].ret;
            break;
        case OP_ARG: vm->stack[vm->sp++] = frames[fp - 1].arg; break;
        case OP_DUP: vm->stack[vm->sp] = vm->stack[vm->sp - 1]; vm->sp++;
            break;
        case OP_POP: vm->sp--; break;
        case OP_HALT: return vm->stack[vm->sp - 1];
        default: return -1;
        }
    }
}

int main(void)
{
    /* fib(n): if (n < 2) return n; return fib(n-1) + fib(n-2); */
    static const int32_t code[] = {
        /* 0: main: push 27; call fib; halt */
        OP_PUSH, 30, OP_CALL, 6, OP_HALT, OP_HALT,
        /* 6: fib */
        OP_ARG, OP_PUSH, 2, OP_LT, OP_JZ, 14,
        OP_ARG, OP_RET,
        /* 14: */
        OP_ARG, OP_PUSH, 1, OP_SUB, OP_CALL, 6,
        OP_ARG, OP_PUSH, 2, OP_SUB, OP_CALL, 6,
        OP_ADD, OP_RET,
        /* 28: loop: v0 = 0; v1 = N; while (v1) { v0 = v0*31 ^ v1; v1-- } */
        OP_PUSH, 0, OP_STORE, 0, OP_PUSH, 3000000, OP_STORE, 1,
        /* 36: */
        OP_PUSH, 0, OP_LOAD, 1, OP_LT, OP_JZ, 62,
        OP_LOAD, 0, OP_PUSH, 31, OP_MUL, OP_LOAD, 1, OP_XOR, OP_STORE, 0,
        OP_LOAD, 1, OP_PUSH, 1, OP_SUB, OP_STORE, 1, OP_JMP, 36,
        /* 62: */
        OP_LOAD, 0, OP_HALT,
    };
    static Vm vm;

    int64_t fib = run(code, 0, &vm);
    vm.sp = 0;
    int64_t loop = run(code, 28, &vm);
    printf("vm: fib(30) = %lld, loop hash = %016llx\n", (long long)fib,
           (unsigned long long)loop);
    return fib == 832040 ? 0 : 1;
}
