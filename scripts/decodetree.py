#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn .decode instruction descriptions into a C decision-tree decoder.

See docs/decodetree.md for the language.  Standard library only, so that the
build needs nothing beyond python3.
"""

import argparse
import os
import re
import sys

IDENT_RE = re.compile(r'[A-Za-z_][A-Za-z0-9_]*$')
BITS_RE = re.compile(r'[01.\-]+$')
# Inline field: name:len, name:slen or name:lens (the last two are signed).
INLINE_RE = re.compile(r'([A-Za-z_][A-Za-z0-9_]*):(s?)([0-9]+)(s?)$')
# Field segment: pos:len, pos:lens or pos:slen (the last two are signed).
SEGMENT_RE = re.compile(r'([0-9]+):(s?)([0-9]+)(s?)$')


class DecodeError(Exception):
    """An error in the input, reported as file:line: error: msg."""

    def __init__(self, loc, msg):
        super().__init__(msg)
        self.loc = loc
        self.msg = msg


class Loc:
    """Where something was written: file name and (first) line number."""

    def __init__(self, path, line):
        self.path = path
        self.line = line

    def __str__(self):
        return f'{self.path}:{self.line}'


def fail(loc, msg):
    raise DecodeError(loc, msg)


def check_ident(loc, name, what):
    if not IDENT_RE.match(name):
        fail(loc, f'invalid {what} name "{name}"')


class Field:
    """Bit segments (most significant first), optionally through a function.

    segments: list of (pos, len, signed).  Inline fields of patterns are
    anonymous Fields with one segment.
    """

    def __init__(self, name, loc, segments, func=None):
        self.name = name
        self.loc = loc
        self.segments = segments
        self.func = func

    def c_expr(self):
        """C expression computing the field from `insn` (and `ctx`)."""
        if not self.segments:
            raw = '0'
        else:
            pos, length, signed = self.segments[0]
            raw = c_extract(pos, length, signed)
            if len(self.segments) > 1:
                acc = f'(uint32_t){raw}'
                for pos, length, _ in self.segments[1:]:
                    part = c_extract(pos, length, False)
                    acc = f'({acc} << {length} | {part})'
                raw = f'(int){acc}'
        if self.func:
            return f'{self.func}(ctx, {raw})'
        return raw

    def key(self):
        return (tuple(self.segments), self.func)


def c_extract(pos, length, signed):
    """C expression for bits [pos, pos+length) of the 32-bit `insn`."""
    if signed:
        left = 32 - pos - length
        right = 32 - length
        shifted = f'(insn << {left})' if left else 'insn'
        if right == 0:
            return f'(int32_t){shifted}'
        return f'((int32_t){shifted} >> {right})'
    mask = (1 << length) - 1
    shifted = f'(insn >> {pos})' if pos else 'insn'
    if pos + length >= 32:
        return f'(int)({shifted})'
    return f'(int)({shifted} & 0x{mask:x})'


class ArgSet:
    def __init__(self, name, loc, members, implicit=False, extern=False):
        self.name = name
        self.loc = loc
        self.members = members
        self.implicit = implicit
        self.extern = extern


class Format:
    def __init__(self, name, loc):
        self.name = name
        self.loc = loc
        self.mask = 0
        self.bits = 0
        self.argset = None
        self.assigns = {}


class Pattern:
    def __init__(self, name, loc):
        self.name = name
        self.loc = loc
        self.mask = 0
        self.bits = 0
        self.argset = None
        self.assigns = {}
        self.fmt = None
        self.extract = None


class Group:
    """'{' = overlapping (ordered, falls through), '[' = non-overlapping."""

    def __init__(self, kind, loc):
        self.kind = kind
        self.loc = loc
        self.members = []
        self.mask = 0
        self.bits = 0


class RawStatement:
    """A format or pattern line, kept until all definitions are known."""

    def __init__(self, loc, name, tokens):
        self.loc = loc
        self.name = name
        self.tokens = tokens


def read_logical_lines(path):
    """Yield (line number, tokens) with comments and continuations handled."""
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except OSError as e:
        fail(Loc(path, 0), f'cannot read: {e.strerror}')
    pending = []
    start = None
    for num, line in enumerate(text.split('\n'), 1):
        hashpos = line.find('#')
        if hashpos >= 0:
            line = line[:hashpos]
        line = line.rstrip()
        if start is None:
            start = num
        if line.endswith('\\'):
            pending.append(line[:-1])
            continue
        pending.append(line)
        tokens = ' '.join(pending).split()
        if tokens:
            yield start, tokens
        pending = []
        start = None
    if pending:
        tokens = ' '.join(pending).split()
        if tokens:
            yield start, tokens


class Parser:
    """Reads .decode files into definitions and a tree of raw patterns."""

    def __init__(self, width):
        self.width = width
        self.fields = {}
        self.argsets = {}
        self.raw_formats = []
        self.formats = {}
        self.resolved = set()
        self.top = Group('[', None)

    def parse_file(self, path):
        stack = [self.top]
        for line, tokens in read_logical_lines(path):
            loc = Loc(path, line)
            while tokens:
                tok = tokens[0]
                if tok in ('{', '['):
                    group = Group(tok, loc)
                    stack[-1].members.append(group)
                    stack.append(group)
                    tokens = tokens[1:]
                elif tok in ('}', ']'):
                    opener = '{' if tok == '}' else '['
                    if len(stack) == 1:
                        fail(loc, f'"{tok}" without matching "{opener}"')
                    if stack[-1].kind != opener:
                        fail(loc, f'"{tok}" closes the "{stack[-1].kind}" '
                             f'group opened at {stack[-1].loc}')
                    if not stack[-1].members:
                        fail(loc, 'empty group')
                    stack.pop()
                    tokens = tokens[1:]
                else:
                    self.parse_statement(loc, tokens, stack[-1])
                    tokens = []
        if len(stack) > 1:
            fail(stack[-1].loc, f'"{stack[-1].kind}" group is never closed')

    def parse_statement(self, loc, tokens, group):
        head = tokens[0]
        if head[0] == '%':
            self.parse_field(loc, head[1:], tokens[1:])
        elif head[0] == '&':
            self.parse_argset(loc, head[1:], tokens[1:])
        elif head[0] == '@':
            name = head[1:]
            check_ident(loc, name, 'format')
            if name in self.formats:
                fail(loc, f'format @{name} already defined at '
                     f'{self.formats[name].loc}')
            # Placeholder until resolve_formats() knows every field.
            self.formats[name] = Format(name, loc)
            self.raw_formats.append(RawStatement(loc, name, tokens[1:]))
        else:
            check_ident(loc, head, 'pattern')
            group.members.append(RawStatement(loc, head, tokens[1:]))

    def parse_field(self, loc, name, tokens):
        check_ident(loc, name, 'field')
        if name in self.fields:
            fail(loc, f'field %{name} already defined at '
                 f'{self.fields[name].loc}')
        segments = []
        func = None
        for tok in tokens:
            m = SEGMENT_RE.match(tok)
            if m:
                pos, length = int(m.group(1)), int(m.group(3))
                signed = bool(m.group(2) or m.group(4))
                if m.group(2) and m.group(4):
                    fail(loc, f'bad field segment "{tok}"')
                if length == 0:
                    fail(loc, f'field segment "{tok}" has zero length')
                if pos + length > self.width:
                    fail(loc, f'field segment "{tok}" lies outside the '
                         f'{self.width}-bit insn')
                # Only the first segment's sign reaches the result.
                segments.append((pos, length, signed and not segments))
            elif tok.startswith('!function='):
                if func:
                    fail(loc, 'more than one !function')
                func = tok[len('!function='):]
                check_ident(loc, func, 'function')
            else:
                fail(loc, f'bad field segment "{tok}" (want pos:len)')
        if not segments and not func:
            fail(loc, f'field %{name} has no segments')
        if sum(s[1] for s in segments) > 32:
            fail(loc, f'field %{name} is wider than 32 bits')
        self.fields[name] = Field(name, loc, segments, func)

    def parse_argset(self, loc, name, tokens):
        check_ident(loc, name, 'argument set')
        if name in self.argsets:
            fail(loc, f'argument set &{name} already defined at '
                 f'{self.argsets[name].loc}')
        members = []
        extern = False
        for tok in tokens:
            if tok == '!extern':
                extern = True
                continue
            check_ident(loc, tok, 'argument')
            if tok in members:
                fail(loc, f'duplicate member "{tok}" in &{name}')
            members.append(tok)
        self.argsets[name] = ArgSet(name, loc, members, extern=extern)

    def parse_body(self, stmt, is_pattern):
        """Bits, references and assignments of a format or pattern.

        Returns (mask, bits, format, argset, assigns) where assigns maps a
        member name to a Field or an int constant, in written order.
        """
        loc = stmt.loc
        pieces = []        # (text, inline field name or None, signed)
        fmt = None
        argset = None
        assigns = {}

        def assign(name, value):
            check_ident(loc, name, 'argument')
            if name in assigns:
                fail(loc, f'"{name}" is assigned twice')
            assigns[name] = value

        for tok in stmt.tokens:
            m = INLINE_RE.match(tok)
            if BITS_RE.match(tok):
                pieces.append((tok, None, False))
            elif m:
                if m.group(2) and m.group(4):
                    fail(loc, f'bad inline field "{tok}"')
                length = int(m.group(3))
                if length == 0:
                    fail(loc, f'inline field "{tok}" has zero length')
                pieces.append(('x' * length, m.group(1),
                               bool(m.group(2) or m.group(4))))
            elif tok[0] == '@':
                if not is_pattern:
                    fail(loc, f'a format cannot use another format ({tok})')
                if fmt is not None:
                    fail(loc, 'more than one format')
                fmt = self.formats.get(tok[1:])
                if fmt is None or fmt not in self.resolved:
                    fail(loc, f'undefined format {tok}')
            elif tok[0] == '&':
                if argset is not None:
                    fail(loc, 'more than one argument set')
                argset = self.argsets.get(tok[1:])
                if argset is None:
                    fail(loc, f'undefined argument set {tok}')
            elif tok[0] == '%':
                assign(tok[1:], self.lookup_field(loc, tok[1:]))
            elif '=' in tok:
                name, value = tok.split('=', 1)
                if value.startswith('%'):
                    assign(name, self.lookup_field(loc, value[1:]))
                else:
                    try:
                        assign(name, int(value, 0))
                    except ValueError:
                        fail(loc, f'bad value "{value}" for "{name}"')
            else:
                fail(loc, f'unexpected "{tok}"')

        total = sum(len(p[0]) for p in pieces)
        if total != self.width:
            fail(loc, f'{total} bits given but the insn width is '
                 f'{self.width}')
        mask = bits = 0
        pos = self.width
        for text, fname, signed in pieces:
            pos -= len(text)
            if fname is not None:
                assign(fname, Field(fname, loc,
                                    [(pos, len(text), signed)]))
                continue
            for i, ch in enumerate(text):
                bit = 1 << (pos + len(text) - 1 - i)
                if ch in '01':
                    mask |= bit
                    if ch == '1':
                        bits |= bit
        return mask, bits, fmt, argset, assigns

    def lookup_field(self, loc, name):
        field = self.fields.get(name)
        if field is None:
            fail(loc, f'undefined field %{name}')
        return field

    def resolve_formats(self):
        for stmt in self.raw_formats:
            fmt = Format(stmt.name, stmt.loc)
            fmt.mask, fmt.bits, _, fmt.argset, fmt.assigns = \
                self.parse_body(stmt, False)
            if fmt.argset:
                for name in fmt.assigns:
                    if name not in fmt.argset.members:
                        fail(stmt.loc, f'"{name}" is not a member of '
                             f'&{fmt.argset.name}')
            self.formats[stmt.name] = fmt
            self.resolved.add(fmt)


class Decoder:
    """Resolved patterns, checks, and the C code generator."""

    def __init__(self, parser, opts):
        self.p = parser
        self.opts = opts
        self.width = parser.width
        self.trans = {}          # pattern name -> (argset, first Pattern)
        self.implicit = {}       # implicit argset name -> ArgSet
        self.extracts = {}       # key -> (function name, argset, assigns)
        self.extract_names = set()
        self.out = []

    # ---- resolution ----------------------------------------------------

    def resolve(self, group):
        """Replace RawStatements by Patterns; compute group masks."""
        for i, item in enumerate(group.members):
            if isinstance(item, Group):
                self.resolve(item)
            else:
                group.members[i] = self.make_pattern(item)
        self.group_mask(group)

    def group_mask(self, group):
        mask = (1 << self.width) - 1
        first = group.members[0]
        for m in group.members:
            mask &= m.mask & ~(m.bits ^ first.bits)
        group.mask = mask
        group.bits = first.bits & mask

    def make_pattern(self, stmt):
        loc = stmt.loc
        pat = Pattern(stmt.name, loc)
        mask, bits, fmt, argset, assigns = self.p.parse_body(stmt, True)
        pat.fmt = fmt
        if fmt is not None:
            clash = mask & fmt.mask & (bits ^ fmt.bits)
            if clash:
                fail(loc, f'fixed bits 0x{clash:x} contradict format '
                     f'@{fmt.name}')
            mask |= fmt.mask
            bits |= fmt.bits
            merged = dict(fmt.assigns)
            merged.update(assigns)
            assigns = merged
            if argset is None:
                argset = fmt.argset
        pat.mask = mask
        pat.bits = bits & mask
        pat.assigns = assigns
        if argset is None:
            argset = self.implicit_argset(pat)
        else:
            for name in assigns:
                if name not in argset.members:
                    fail(loc, f'"{name}" is not a member of &{argset.name}')
            for name in argset.members:
                if name not in assigns:
                    fail(loc, f'member "{name}" of &{argset.name} is not '
                         f'assigned')
        pat.argset = argset
        prev = self.trans.get(pat.name)
        if prev is None:
            self.trans[pat.name] = (argset, pat)
        elif prev[0] is not argset:
            fail(loc, f'pattern "{pat.name}" uses &{argset.name} but its '
                 f'earlier definition at {prev[1].loc} uses '
                 f'&{prev[0].name}')
        pat.extract = self.extract_for(pat)
        return pat

    def implicit_argset(self, pat):
        members = list(pat.assigns)
        name = pat.name
        for table in (self.p.argsets, self.implicit):
            old = table.get(name)
            if old is None:
                continue
            if sorted(old.members) != sorted(members):
                fail(pat.loc, f'fields of "{name}" ({" ".join(members)}) '
                     f'differ from arg_{name} at {old.loc} '
                     f'({" ".join(old.members)})')
            return old
        argset = ArgSet(name, pat.loc, members, implicit=True)
        self.implicit[name] = argset
        return argset

    def extract_for(self, pat):
        """Name of the extract function filling pat's argset (shared)."""
        if not pat.assigns:
            return None
        items = []
        for name, value in sorted(pat.assigns.items()):
            if isinstance(value, Field):
                items.append((name, 'f', value.key()))
            else:
                items.append((name, 'c', value))
        key = (pat.argset.name, tuple(items))
        hit = self.extracts.get(key)
        if hit:
            return hit[0]
        base = f'{self.opts.decode}_extract_'
        fmt = pat.fmt
        if fmt is not None and fmt.argset is pat.argset and \
                self.same_assigns(fmt.assigns, pat.assigns):
            name = base + fmt.name
        elif fmt is not None:
            name = f'{base}{fmt.name}_{pat.argset.name}'
        else:
            name = f'{base}{pat.argset.name}'
        unique = name
        n = 2
        while unique in self.extract_names:
            unique = f'{name}_{n}'
            n += 1
        self.extract_names.add(unique)
        self.extracts[key] = (unique, pat.argset, pat.assigns)
        return unique

    @staticmethod
    def same_assigns(a, b):
        if set(a) != set(b):
            return False
        for name, value in a.items():
            other = b[name]
            if isinstance(value, Field) != isinstance(other, Field):
                return False
            if isinstance(value, Field):
                if value.key() != other.key():
                    return False
            elif value != other:
                return False
        return True

    # ---- overlap checks ------------------------------------------------

    def leaves(self, item):
        if isinstance(item, Pattern):
            return [item]
        out = []
        for m in item.members:
            out.extend(self.leaves(m))
        return out

    def check_disjoint(self, items):
        """Members of a '[' group (or the top level) must never overlap."""
        leaves = [self.leaves(it) for it in items]
        for j in range(len(items)):
            for i in range(j):
                for q in leaves[j]:
                    for p in leaves[i]:
                        if not (p.bits ^ q.bits) & p.mask & q.mask:
                            fail(q.loc, f'pattern "{q.name}" overlaps '
                                 f'pattern "{p.name}" at {p.loc} (put '
                                 f'both in a {{ }} group if intended)')
        for it in items:
            self.check_inner(it)

    def check_inner(self, item):
        if isinstance(item, Group):
            if item.kind == '[':
                self.check_disjoint(item.members)
            else:
                for m in item.members:
                    self.check_inner(m)

    # ---- C output ------------------------------------------------------

    def emit(self, indent, text):
        self.out.append('    ' * indent + text if text else '')

    def hexw(self, v):
        digits = (self.width + 3) // 4
        return f'0x{v:0{digits}x}'

    def generate(self, inputs):
        o = self.opts
        names = ', '.join(os.path.basename(i) for i in inputs)
        self.emit(0, '/* SPDX-License-Identifier: MIT */')
        self.emit(0, f'/* Decoder {o.decode}() generated by decodetree.py '
                  f'from {names}: do not edit. */')
        self.emit(0, '')
        self.emit(0, '#include <stdbool.h>')
        self.emit(0, '#include <stdint.h>')
        self.emit(0, '')
        argsets = [a for a in self.p.argsets.values() if not a.extern]
        argsets += list(self.implicit.values())
        for a in argsets:
            self.emit_typedef(a)
        for name, (argset, _) in self.trans.items():
            self.emit(0, f'static bool {o.trans_prefix}{name}({o.ctx_type} '
                      f'*ctx, arg_{argset.name} *a);')
        if self.trans:
            self.emit(0, '')
        for fname, argset, assigns in self.extracts.values():
            self.emit_extract(fname, argset, assigns)
        self.emit(0, f'static bool {o.decode}({o.ctx_type} *ctx, '
                  f'uint32_t insn)')
        self.emit(0, '{')
        self.emit_tree(self.p.top.members, 0, 1, False)
        self.emit(1, 'return false;')
        self.emit(0, '}')
        return '\n'.join(self.out) + '\n'

    def emit_typedef(self, a):
        guard = f'DECODETREE_ARG_{a.name}'
        sig = guard + '_' + '_'.join(sorted(a.members))
        self.emit(0, f'#ifndef {guard}')
        self.emit(0, f'#define {guard}')
        self.emit(0, f'#define {sig}')
        self.emit(0, 'typedef struct {')
        for m in a.members:
            self.emit(1, f'int {m};')
        if not a.members:
            self.emit(1, 'char unused_;')
        self.emit(0, f'}} arg_{a.name};')
        self.emit(0, f'#elif !defined({sig})')
        self.emit(0, f'#error "arg_{a.name} is defined twice with '
                  f'different members"')
        self.emit(0, '#endif')
        self.emit(0, '')

    def emit_extract(self, fname, argset, assigns):
        self.emit(0, f'static inline void {fname}({self.opts.ctx_type} *ctx, '
                  f'arg_{argset.name} *a, uint32_t insn)')
        self.emit(0, '{')
        for member in argset.members:
            value = assigns[member]
            if isinstance(value, Field):
                self.emit(1, f'a->{member} = {value.c_expr()};')
            else:
                self.emit(1, f'a->{member} = {value};')
        self.emit(0, '}')
        self.emit(0, '')

    def emit_tree(self, items, known, ind, overlap):
        """Decision tree over mutually exclusive items.

        known: bits already tested by enclosing switches.  overlap: some
        enclosing '{' group has later members, so a false trans_ must fall
        through instead of returning.  Returns True if the emitted code
        always returns (so a following "break" would be dead).
        """
        if not items:
            return False
        if len(items) == 1:
            return self.emit_item(items[0], known, ind, overlap)
        full = (1 << self.width) - 1
        common = full & ~known
        for it in items:
            common &= it.mask
        if not common:
            return self.emit_split(items, known, ind, overlap)
        cases = {}
        for it in items:
            cases.setdefault(it.bits & common, []).append(it)
        if len(cases) == 1:
            (value, sub), = cases.items()
            self.emit(ind, f'if ((insn & {self.hexw(common)}) == '
                      f'{self.hexw(value)}) {{')
            self.emit_tree(sub, known | common, ind + 1, overlap)
            self.emit(ind, '}')
            return False
        self.emit(ind, f'switch (insn & {self.hexw(common)}) {{')
        for value in sorted(cases):
            self.emit(ind, f'case {self.hexw(value)}:')
            if not self.emit_tree(cases[value], known | common, ind + 1,
                                  overlap):
                self.emit(ind + 1, 'break;')
        self.emit(ind, '}')
        return False

    def emit_split(self, items, known, ind, overlap):
        """No bit is fixed by every item: decode the largest subset that
        shares a fixed bit as one subtree, then the rest.  The items are
        mutually exclusive, so the order of the subtrees does not matter.
        """
        best_bit, best_count = 0, 1
        for pos in range(self.width):
            bit = 1 << pos
            if known & bit:
                continue
            count = sum(1 for it in items if it.mask & bit)
            if count > best_count:
                best_bit, best_count = bit, count
        if not best_bit:
            for it in items:
                self.emit_item(it, known, ind, overlap)
            return False
        subset = [it for it in items if it.mask & best_bit]
        rest = [it for it in items if not it.mask & best_bit]
        self.emit_tree(subset, known, ind, overlap)
        self.emit_tree(rest, known, ind, overlap)
        return False

    def emit_item(self, item, known, ind, overlap):
        """Code for one pattern or group; returns True if it always returns."""
        rem = item.mask & ~known
        inner = known | rem
        if rem:
            self.emit(ind, f'if ((insn & {self.hexw(rem)}) == '
                      f'{self.hexw(item.bits & rem)}) {{')
        elif isinstance(item, Pattern):
            self.emit(ind, '{')
        else:
            # Nothing to test: the group's code needs no block of its own.
            return self.emit_group(item, inner, ind, overlap)
        if isinstance(item, Pattern):
            always = self.emit_call(item, ind + 1, overlap)
        else:
            always = self.emit_group(item, inner, ind + 1, overlap)
        self.emit(ind, '}')
        return always and not rem

    def emit_group(self, item, inner, ind, overlap):
        if item.kind == '[':
            return self.emit_tree(item.members, inner, ind, overlap)
        last = len(item.members) - 1
        always = False
        for i, m in enumerate(item.members):
            always = self.emit_item(m, inner, ind, overlap or i != last)
        return always

    def emit_call(self, pat, ind, overlap):
        o = self.opts
        self.emit(ind, f'/* {pat.loc.path.split("/")[-1]}:{pat.loc.line} */')
        if pat.extract:
            self.emit(ind, f'arg_{pat.argset.name} a;')
            self.emit(ind, f'{pat.extract}(ctx, &a, insn);')
        else:
            self.emit(ind, f'arg_{pat.argset.name} a = {{ 0 }};')
        call = f'{o.trans_prefix}{pat.name}(ctx, &a)'
        if overlap:
            self.emit(ind, f'if ({call}) {{')
            self.emit(ind + 1, 'return true;')
            self.emit(ind, '}')
            return False
        self.emit(ind, f'return {call};')
        return True


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog='decodetree.py',
        description='Generate a C instruction decoder from .decode files.')
    ap.add_argument('--decode', default='decode',
                    help='name of the decoder function (default: decode)')
    ap.add_argument('--insnwidth', type=int, default=32, choices=(16, 32),
                    help='instruction width in bits (default: 32)')
    ap.add_argument('--trans-prefix', default='trans_',
                    help='prefix of the per-pattern functions')
    ap.add_argument('--ctx-type', default='DisasContext',
                    help='C type of the context pointer')
    ap.add_argument('--static-decode', nargs='?', const=True, default=None,
                    metavar='NAME',
                    help='accepted for compatibility: the decoder is always '
                    'static; --static-decode=NAME also sets its name')
    ap.add_argument('-o', '--output', required=True, help='output C file')
    ap.add_argument('inputs', nargs='+', metavar='input.decode')
    # "--static-decode file.decode" must not swallow the input file name,
    # but "--static-decode NAME" (a C identifier, no dot) names the decoder.
    fixed = []
    i = 0
    while i < len(argv):
        if argv[i] == '--static-decode':
            if i + 1 < len(argv) and IDENT_RE.match(argv[i + 1]):
                fixed.append('--static-decode=' + argv[i + 1])
                i += 1
        else:
            fixed.append(argv[i])
        i += 1
    opts = ap.parse_args(fixed)
    if isinstance(opts.static_decode, str):
        opts.decode = opts.static_decode
    for what, value in (('--decode', opts.decode),
                        ('--trans-prefix', opts.trans_prefix)):
        if not IDENT_RE.match(value):
            ap.error(f'{what} {value!r} is not a C identifier')
    return opts


def main(argv):
    opts = parse_args(argv)
    try:
        parser = Parser(opts.insnwidth)
        for path in opts.inputs:
            parser.parse_file(path)
        parser.resolve_formats()
        dec = Decoder(parser, opts)
        if parser.top.members:
            dec.resolve(parser.top)
            dec.check_disjoint(parser.top.members)
        text = dec.generate(opts.inputs)
    except DecodeError as e:
        print(f'{e.loc}: error: {e.msg}', file=sys.stderr)
        return 1
    tmp = opts.output + '.tmp'
    try:
        with open(tmp, 'w', encoding='utf-8') as f:
            f.write(text)
        os.replace(tmp, opts.output)
    except OSError as e:
        print(f'decodetree.py: {opts.output}: {e.strerror}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
