#!/usr/bin/env python3
"""Writes the llvm-symbolizer expectations that SymbolizerAgreementTest checks Coroner against.

For every MODULE.wasm under the given folders (default: the symbols module's test programs
and the program fixtures under programs/) it writes MODULE.wasm.llvm-symbolizer.gz beside
it: every instruction start of every function
in the code section, as (function index, code offset) -- the coordinates of a coredump
frame -- with the chain of source locations LLVM gives for it. Nothing in it comes from
Coroner:

- instruction starts and function body starts come from wabt's `wasm-objdump -d`
  (the local declarations at the top of each body are not instructions and are skipped);
- the code section's start comes from `wasm-objdump -h`; the DWARF address of an
  instruction is its module offset minus that start;
- the locations come from `llvm-symbolizer-22 --inlines --output-style=JSON`, run twice,
  with --functions=short (DW_AT_name) and --functions=linkage --no-demangle
  (DW_AT_linkage_name where there is one).

llvm-symbolizer is given a copy of the module without its `name` section. With linkage
names it replaces the outermost frame's name by a symbol-table lookup, and for a linked
Wasm module that table (built from the name section) holds module offsets while the
lookup uses the DWARF (code-section-relative) address: it names the wrong function.
Without a name section there is no symbol table and every name comes from DWARF.

The text is deterministic; rerunning the script on unchanged modules reproduces the
stored text byte for byte (`--check` verifies that without writing). The text is stored
gzipped (`zcat` shows it) and compact: strings, functions, locations and chains are
numbered tables, and each body lists its instruction starts as steps from the previous
one, with a chain only where it changes. A stored file is rewritten only when its text
changes, so a different zlib never rewrites unchanged expectations.

Needs: python3, wabt (wasm-objdump), llvm-22 (llvm-symbolizer-22).
Usage: llvm-symbolizer-expectations.py [--check] [FOLDER...]
"""

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FOLDERS = [
    os.path.join(SCRIPT_DIR, "..", "src", "test", "resources", "programs"),
    os.path.join(SCRIPT_DIR, "..", "..", "programs"),
]
SYMBOLIZER = "llvm-symbolizer-22"
OBJDUMP = "wasm-objdump"
SUFFIX = ".llvm-symbolizer.gz"

FUNC_HEADER = re.compile(r"^([0-9a-f]+) func\[(\d+)\]")
INSTRUCTION = re.compile(r"^ ([0-9a-f]+): [0-9a-f ]*\| ?(.*)$")
CODE_SECTION = re.compile(r"^\s*Code start=0x([0-9a-f]+) end=0x([0-9a-f]+)")


def run(args, stdin=None):
    return subprocess.run(args, input=stdin, capture_output=True, text=True, check=True).stdout


def tool_version(args):
    lines = [l.strip() for l in run(args).splitlines() if l.strip()]
    for line in lines:
        if "version" in line.lower():
            return line
    if lines:
        return lines[0]
    raise SystemExit("cannot read the version of " + args[0])


def code_section_start(path):
    for line in run([OBJDUMP, "-h", path]).splitlines():
        m = CODE_SECTION.match(line)
        if m:
            return int(m.group(1), 16)
    raise SystemExit(path + ": no code section")


def functions(path):
    """[(function index, body start, [instruction start, ...])] in code section order."""
    out = []
    for line in run([OBJDUMP, "-d", path]).splitlines():
        m = FUNC_HEADER.match(line)
        if m:
            out.append((int(m.group(2)), int(m.group(1), 16), []))
            continue
        m = INSTRUCTION.match(line)
        if m and out:
            text = m.group(2).strip()
            # wasm-objdump also prints continuation lines of long immediates (br_table) with
            # an address; they belong to the instruction above, which starts earlier.
            if text.startswith("local[") or text == "":
                continue
            out[-1][2].append(int(m.group(1), 16))
    return out


def without_name_section(data):
    """The module's bytes with its `name` custom section removed (it comes after the code)."""
    out = bytearray(data[:8])
    pos = 8
    while pos < len(data):
        start = pos
        section_id = data[pos]
        pos += 1
        size, shift = 0, 0
        while True:
            b = data[pos]
            pos += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                break
        end = pos + size
        keep = True
        if section_id == 0:
            name_len, shift, p = 0, 0, pos
            while True:
                b = data[p]
                p += 1
                name_len |= (b & 0x7F) << shift
                shift += 7
                if b < 0x80:
                    break
            keep = data[p:p + name_len] != b"name"
        if keep:
            out += data[start:end]
        pos = end
    return bytes(out)


def symbolize(path, addresses, kind):
    args = [SYMBOLIZER, "--obj=" + path, "--inlines", "--output-style=JSON", "--functions=" + kind]
    if kind == "linkage":
        args.append("--no-demangle")
    text = run(args, "".join("0x%x\n" % a for a in addresses))
    results = [json.loads(line) for line in text.splitlines() if line.strip()]
    if len(results) != len(addresses):
        raise SystemExit("%s: %d answers for %d addresses" % (path, len(results), len(addresses)))
    return results


class Tables:
    """Strings, functions, locations and chains, each numbered from 1 in order of first use."""

    def __init__(self):
        self.strings, self.functions, self.locations, self.chains = {}, {}, {}, {}

    @staticmethod
    def intern(table, key):
        return table.setdefault(key, len(table) + 1)

    def string(self, text):
        if "\n" in text or "\t" in text or text.startswith(" ") or text.endswith(" "):
            raise SystemExit("unexpected line break, tab or edge space in " + repr(text))
        return self.intern(self.strings, text)

    def location(self, short, linkage):
        name = short["FunctionName"]
        linkage_name = linkage["FunctionName"]
        function = self.intern(self.functions, (
            self.string(name),
            0 if linkage_name == name else self.string(linkage_name),
            self.string(short["StartFileName"]),
            short["StartLine"],
            short["StartAddress"] or "-",
        ))
        return self.intern(self.locations, (
            function,
            self.string(short["FileName"]),
            short["Line"],
            short["Column"],
            short["Discriminator"],
        ))

    def chain(self, location_ids):
        return self.intern(self.chains, tuple(location_ids))


HEADER = """\
# Source locations of every instruction start in %(name)s, made by LLVM, not by Coroner.
# Written by symbols/scripts/llvm-symbolizer-expectations.py; rerun it to refresh.
# %(objdump)s: %(objdump_version)s
# %(symbolizer)s: %(symbolizer_version)s
# code section contents start at module offset 0x%(start)x; DWARF address = module offset - 0x%(start)x
#
# Records of each kind are numbered 1, 2, ... in the order they appear; 0 means none.
# S <text>  a string (function name or file; may be empty)
# N <name> <linkage name> <decl file> <decl line> <low_pc>  a function or inlined block:
#   strings by number, linkage name 0 = same as name, low_pc = its DW_AT_low_pc (- if none)
# R <function> <file> <line> <column> <discriminator>  a source location (N and S numbers)
# C <location>...  a chain of locations, innermost (inlined) first; chain 0 = no location
# F <function index> <body start> <step>[:<chain>]...  every instruction start of one body,
#   in order: each step (hex) is its distance from the previous start, the first one
#   from the byte after the body size (so the running sum is a coredump code offset); a
#   chain holds until the next one is named
"""


def expectations(path):
    start = code_section_start(path)
    funcs = functions(path)
    addresses = [a - start for _, _, starts in funcs for a in starts]
    data = open(path, "rb").read()
    with tempfile.TemporaryDirectory() as tmp:
        stripped = os.path.join(tmp, os.path.basename(path))
        with open(stripped, "wb") as f:
            f.write(without_name_section(data))
        shorts = symbolize(stripped, addresses, "short")
        linkages = symbolize(stripped, addresses, "linkage")
    tables = Tables()
    per_address = []
    for short, linkage in zip(shorts, linkages):
        s, l = short["Symbol"], linkage["Symbol"]
        if len(s) != len(l):
            raise SystemExit("short and linkage runs disagree on the chain length")
        if len(s) == 1 and s[0]["FunctionName"] == "" and s[0]["FileName"] == "":
            per_address.append(0)
            continue
        per_address.append(tables.chain(tables.location(a, b) for a, b in zip(s, l)))

    lines = [(HEADER % {
        "name": os.path.basename(path),
        "objdump": OBJDUMP,
        "objdump_version": tool_version([OBJDUMP, "--version"]),
        "symbolizer": SYMBOLIZER,
        "symbolizer_version": tool_version([SYMBOLIZER, "--version"]),
        "start": start,
    }).rstrip("\n")]
    for text in tables.strings:
        lines.append("S " + text)
    for fields in tables.functions:
        lines.append("N " + " ".join(str(f) for f in fields))
    for fields in tables.locations:
        lines.append("R " + " ".join(str(f) for f in fields))
    for ids in tables.chains:
        lines.append("C " + " ".join(str(i) for i in ids))
    i = 0
    for index, body, starts in funcs:
        parts = ["F", str(index), "0x%x" % body]
        previous_chain, previous_start = None, body
        for a in starts:
            ident = per_address[i]
            i += 1
            step = "%x" % (a - previous_start)
            previous_start = a
            parts.append(step if ident == previous_chain else "%s:%d" % (step, ident))
            previous_chain = ident
        lines.append(" ".join(parts))
    return "\n".join(lines) + "\n"


def read_stored(target):
    if not os.path.exists(target):
        return None
    with gzip.open(target, "rt", encoding="utf-8", newline="\n") as f:
        return f.read()


def write_stored(target, text):
    """Gzip without a file name or time stamp, so equal text gives equal bytes here."""
    with open(target, "wb") as f:
        f.write(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def main(argv):
    check = "--check" in argv
    folders = [a for a in argv if a != "--check"] or DEFAULT_FOLDERS
    modules = sorted(
        os.path.join(root, f)
        for folder in folders
        for root, _, files in os.walk(folder)
        for f in files
        if f.endswith(".wasm"))
    if not modules:
        raise SystemExit("no .wasm files under " + ", ".join(folders))
    stale = 0
    for path in modules:
        text = expectations(path)
        target = path + SUFFIX
        old = read_stored(target)
        if check:
            status = "ok" if old == text else ("MISSING" if old is None else "DIFFERS")
            stale += old != text
        else:
            if old != text:
                write_stored(target, text)
            status = "unchanged" if old == text else "written"
        addresses = sum(len(line.split()) - 3 for line in text.splitlines() if line.startswith("F "))
        print("%s: %d instruction starts, %s" % (os.path.relpath(target), addresses, status))
    if stale:
        raise SystemExit("%d expectation file(s) differ from what LLVM gives now" % stale)


if __name__ == "__main__":
    main(sys.argv[1:])
