#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run decodetree.py on one fixture and check the outcome.

  check-decode.py ok  DECODETREE FILE.decode [--cc "CC ARGS"]
      generation must succeed; with --cc the output must also compile
      (with -Wall -Wextra -Werror) inside a stub translation unit.
  check-decode.py err DECODETREE FILE.decode
      generation must fail with exit status 1, print FILE:LINE: error: ...
      and write no output.  The fixture says what it expects in a comment:
      "# expect-error: LINE: TEXT" (TEXT must appear in the message).

Extra generator options can be given in the fixture: "# args: --insnwidth 16",
and more input files (next to the fixture): "# inputs: part2.decode".
"""

import os
import re
import shlex
import subprocess
import sys
import tempfile


def header_value(text, key):
    m = re.search(r'^#\s*' + key + r':\s*(.*)$', text, re.M)
    return m.group(1).strip() if m else None


def extra_inputs(fixture, text):
    return [os.path.join(os.path.dirname(fixture), name) for name in
            shlex.split(header_value(text, 'inputs') or '')]


def run_generator(decodetree, fixture, text, out):
    args = shlex.split(header_value(text, 'args') or '')
    more = extra_inputs(fixture, text)
    cmd = [sys.executable, decodetree] + args + ['-o', out, fixture] + more
    return subprocess.run(cmd, capture_output=True, text=True)


GENERATED_NAME = 'generated.c.inc'


def stub_unit(generated, decode_text, out_c):
    """A C file defining what the generated decoder needs, then using it."""
    code = generated
    ctx = 'DisasContext'
    m = re.search(r'static bool (\w+)\((\w+) \*ctx, uint32_t insn\)', code)
    if not m:
        return None
    decode, ctx = m.group(1), m.group(2)
    lines = ['#include <stdbool.h>', '#include <stdint.h>',
             f'typedef struct {ctx} {{ int calls; }} {ctx};']
    for func in sorted(set(re.findall(r'!function=(\w+)', decode_text))):
        lines.append(f'static int {func}({ctx} *ctx, int x) '
                     '{ return x + ctx->calls; }')
    lines.append(f'#include "{GENERATED_NAME}"')
    for name, argset in re.findall(
            r'static bool (\w+)\(' + ctx + r' \*ctx, (arg_\w+) \*a\);', code):
        lines.append(f'static bool {name}({ctx} *ctx, {argset} *a)')
        lines.append('{ (void)a; ctx->calls++; return true; }')
    lines.append('int main(void)')
    lines.append(f'{{ {ctx} c = {{ 0 }}; return {decode}(&c, 0) ? 1 : 0; }}')
    with open(out_c, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    return out_c


def check_ok(decodetree, fixture, text, cc):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, GENERATED_NAME)
        r = run_generator(decodetree, fixture, text, out)
        if r.returncode != 0:
            print(f'FAIL: generator exited {r.returncode}:\n{r.stderr}')
            return 1
        with open(out) as f:
            code = f.read()
        if 'static bool' not in code:
            print('FAIL: no decoder in the output')
            return 1
        if not cc:
            return 0
        for path in extra_inputs(fixture, text):
            with open(path) as f:
                text += f.read()
        unit = stub_unit(code, text, os.path.join(tmp, 'unit.c'))
        if unit is None:
            print('FAIL: cannot find the decoder function')
            return 1
        # Stubs for unused fields' functions may be unused: not an error.
        cmd = shlex.split(cc) + ['-std=gnu11', '-Wall', '-Wextra', '-Werror',
                                 '-Wno-unused-parameter',
                                 '-Wno-unused-function', '-c', unit,
                                 '-o', os.path.join(tmp, 'unit.o')]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            print(f'FAIL: generated code does not compile:\n{r.stderr}')
            return 1
    return 0


def check_err(decodetree, fixture, text):
    expect = header_value(text, 'expect-error')
    if not expect or ':' not in expect:
        print('FAIL: fixture has no "# expect-error: LINE: TEXT" comment')
        return 1
    line, want = (s.strip() for s in expect.split(':', 1))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'out.c.inc')
        r = run_generator(decodetree, fixture, text, out)
        if r.returncode != 1:
            print(f'FAIL: exit status {r.returncode}, want 1')
            return 1
        if os.path.exists(out) or os.path.exists(out + '.tmp'):
            print('FAIL: an output file was written')
            return 1
    prefix = f'{fixture}:{line}: error: '
    if not r.stderr.startswith(prefix):
        print(f'FAIL: message does not start with "{prefix}":\n{r.stderr}')
        return 1
    if want not in r.stderr:
        print(f'FAIL: message lacks "{want}":\n{r.stderr}')
        return 1
    print(f'ok: {r.stderr.strip()}')
    return 0


def main(argv):
    if len(argv) < 3 or argv[0] not in ('ok', 'err'):
        print(__doc__, file=sys.stderr)
        return 2
    mode, decodetree, fixture = argv[:3]
    cc = None
    if len(argv) == 5 and argv[3] == '--cc':
        cc = argv[4]
    with open(fixture) as f:
        text = f.read()
    if mode == 'ok':
        return check_ok(decodetree, fixture, text, cc)
    return check_err(decodetree, fixture, text)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
