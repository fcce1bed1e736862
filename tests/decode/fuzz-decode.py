#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential fuzzer for decodetree.py (manual, not part of meson test).

  fuzz-decode.py FIRST_SEED LAST_SEED [CC]

For each seed: a random 16-bit .decode file of nested { } / [ ] groups.
If the generator rejects it, an overlap must really exist; otherwise the
generated decoder runs on all 65536 insns with random trans_ results and
its calls must equal a straightforward Python model of the semantics
(members tried in order, first true trans_ wins).  Takes a few seconds
per seed.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

W = 16
GEN = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   '..', '..', 'scripts', 'decodetree.py')
D = tempfile.mkdtemp(prefix='fuzz-decode-')
CC = sys.argv[3] if len(sys.argv) > 3 else 'cc'


def rand_pat(rng):
    s = ''
    for i in range(W):
        r = rng.random()
        s += '0' if r < FP / 2 else '1' if r < FP else '.'
    return s


def build(rng, depth, counter):
    items = []
    for _ in range(rng.randint(1, 4)):
        if depth < 3 and rng.random() < 0.3:
            kind = rng.choice('{[')
            items.append((kind, build(rng, depth + 1, counter)))
        else:
            counter[0] += 1
            items.append(('p', counter[0] - 1, rand_pat(rng)))
    return items


def text(items, ind=0):
    out = []
    for it in items:
        if it[0] == 'p':
            out.append('  ' * ind + f'p{it[1]} {it[2]} v={it[1]}')
        else:
            close = '}' if it[0] == '{' else ']'
            out.append('  ' * ind + it[0])
            out += text(it[1], ind + 1)
            out.append('  ' * ind + close)
    return out


def match(p, insn):
    for i, c in enumerate(p):
        b = (insn >> (W - 1 - i)) & 1
        if c == '0' and b or c == '1' and not b:
            return False
    return True


def ev(items, insn, ret, calls):
    for it in items:
        if it[0] == 'p':
            if match(it[2], insn):
                calls.append(it[1])
                if ret[it[1]]:
                    return True
        elif ev(it[1], insn, ret, calls):
            return True
    return False


def leaves(it):
    if it[0] == 'p':
        return [it[2]]
    return [x for m in it[1] for x in leaves(m)]


def ovl(a, b):
    return all(not (x in '01' and y in '01' and x != y) for x, y in zip(a, b))


def disjoint_bad(items):
    ls = [leaves(i) for i in items]
    for i in range(len(items)):
        for j in range(i):
            if any(ovl(a, b) for a in ls[i] for b in ls[j]):
                return True
    return any(inner_bad(i) for i in items)


def inner_bad(it):
    if it[0] == 'p':
        return False
    if it[0] == '[':
        return disjoint_bad(it[1])
    return any(inner_bad(m) for m in it[1])


def has_overlap(items):
    return disjoint_bad(items)


FP = 0.6
C_MAIN = r"""
int main(void)
{
    DisasContext ctx;
    const bool *rs[] = { ret0, ret1, ret2 };

    for (int k = 0; k < 3; k++) {
        ret = rs[k];
        for (uint32_t i = 0; i < 65536; i++) {
            ncalls = 0;
            printf("%d", decode(&ctx, i));
            for (int j = 0; j < ncalls; j++) {
                printf(" %d", calls[j]);
            }
            printf("\n");
        }
    }
    return 0;
}
"""


def give_up(*what):
    print(*what)
    sys.exit(1)


def run(seed):
    """One random file; returns 'ok' or 'rej' (rejected, rightly)."""
    global FP
    rng = random.Random(seed)
    FP = rng.choice([0.3, 0.5, 0.6, 0.8])
    counter = [0]
    items = build(rng, 0, counter)
    n = counter[0]
    src = f'{D}/f.decode'
    with open(src, 'w') as f:
        f.write('\n'.join(text(items)) + '\n')
    r = subprocess.run([sys.executable, GEN, '--insnwidth', '16',
                        '-o', f'{D}/f.c.inc', src],
                       capture_output=True, text=True)
    if r.returncode != 0:
        if 'Traceback' in r.stderr:
            give_up('CRASH', seed, r.stderr)
        if 'overlaps' not in r.stderr or not has_overlap(items):
            give_up('BAD REJECT', seed, r.stderr)
        return 'rej'
    if has_overlap(items):
        give_up('MISSED OVERLAP', seed)
    rets = [[rng.random() < 0.7 for _ in range(n)] for _ in range(3)]
    c = ['#include <stdio.h>', '#include <stdbool.h>', '#include <stdint.h>',
         'typedef struct DisasContext { int dummy; } DisasContext;',
         'static int calls[64], ncalls;',
         'static const bool *ret;',
         '#include "f.c.inc"']
    for i in range(n):
        c.append(f'static bool trans_p{i}(DisasContext *ctx, arg_p{i} *a)')
        c.append(f'{{ calls[ncalls++] = a->v; return ret[{i}]; }}')
    for k, rt in enumerate(rets):
        values = ', '.join('1' if x else '0' for x in rt)
        c.append(f'static const bool ret{k}[] = {{ {values} }};')
    with open(f'{D}/f.c', 'w') as f:
        f.write('\n'.join(c) + C_MAIN)
    subprocess.run([CC, '-O1', '-w', '-o', f'{D}/f', f'{D}/f.c'], check=True)
    out = subprocess.run([f'{D}/f'], capture_output=True, text=True,
                         check=True).stdout.split('\n')
    idx = 0
    for rt in rets:
        for insn in range(65536):
            calls = []
            ok = ev(items, insn, rt, calls)
            want = ' '.join([str(int(ok))] + [str(x) for x in calls])
            if out[idx] != want:
                give_up('MISMATCH seed', seed, 'insn', hex(insn),
                        'got', out[idx], 'want', want)
            idx += 1
    return 'ok'


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    stats = {}
    for seed in range(int(sys.argv[1]), int(sys.argv[2])):
        r = run(seed)
        stats[r] = stats.get(r, 0) + 1
    shutil.rmtree(D)
    print(stats)
    return 0


if __name__ == '__main__':
    sys.exit(main())
