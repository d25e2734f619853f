#!/usr/bin/env python3
"""Writes the canonical Coroner coredump for a state.json (schema coroner-state/1).

Usage: encode.py STATE_JSON OUT_CORE

Standard library only. The output is byte-identical with Coroner's golden files;
see docs/state-json.md for the input and docs/coredump-format.md ("The canonical
profile") for the encoding.
"""

import json
import sys

PAGE = 65536
CHUNK = 4096
MAGIC = b"\x00asm\x01\x00\x00\x00"
GLOBAL_TYPES = {"i32": 0x7F, "i64": 0x7E, "f32": 0x7D, "f64": 0x7C,
                "v128": 0x7B, "funcref": 0x70, "externref": 0x6F}
VALUE_TAGS = {"missing": 0x01, "i32": 0x7F, "i64": 0x7E, "f32": 0x7D, "f64": 0x7C}


def u_leb(n):
    """Unsigned LEB128, minimal."""
    if n < 0:
        raise ValueError("negative unsigned integer %d" % n)
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def s_leb(n):
    """Signed LEB128, minimal (Python's >> is arithmetic, so this terminates)."""
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        done = (n == 0 and not byte & 0x40) or (n == -1 and byte & 0x40)
        out.append(byte if done else byte | 0x80)
        if done:
            return bytes(out)


def signed(bits, width):
    """Two's complement reading of an unsigned bit pattern."""
    return bits - (1 << width) if bits >> (width - 1) else bits


def name(s):
    data = s.encode("utf-8")
    return u_leb(len(data)) + data


def vec(items):
    return u_leb(len(items)) + b"".join(items)


def section(section_id, payload):
    return bytes([section_id]) + u_leb(len(payload)) + payload


def custom(section_name, payload):
    return section(0, name(section_name) + payload)


def chunks(mem):
    """The memory's non-empty 4096-byte chunks as sorted (start, bytearray) pairs.

    Built from the runs only, so a large, mostly zero memory costs little.
    """
    found = {}
    for run in mem["data"]:
        data = bytes.fromhex(run["hex"])
        i = 0
        while i < len(data):
            index, within = divmod(run["offset"] + i, CHUNK)
            n = min(CHUNK - within, len(data) - i)
            buf = found.setdefault(index, bytearray(CHUNK))
            buf[within:within + n] = data[i:i + n]
            i += n
    return [(index * CHUNK, buf) for index, buf in sorted(found.items())]


def memory_section(memories):
    entries = []
    for mem in memories:
        has_max = mem["max"] is not None
        flags = (1 if has_max else 0) | (2 if mem["shared"] else 0) | (4 if mem["memory64"] else 0)
        entry = bytes([flags]) + u_leb(mem["min"])
        if has_max:
            entry += u_leb(mem["max"])
        entries.append(entry)
    return section(5, vec(entries))


def global_section(globals_):
    entries = []
    for g in globals_:
        t = g["type"]
        entry = bytes([GLOBAL_TYPES[t], 1 if g["mutable"] else 0])
        if t == "i32":
            entry += b"\x41" + s_leb(signed(int(g["bits"], 16), 32))
        elif t == "i64":
            entry += b"\x42" + s_leb(signed(int(g["bits"], 16), 64))
        elif t == "f32":
            entry += b"\x43" + int(g["bits"], 16).to_bytes(4, "little")
        elif t == "f64":
            entry += b"\x44" + int(g["bits"], 16).to_bytes(8, "little")
        elif t == "v128":
            entry += b"\xfd" + u_leb(12) + int(g["bits"], 16).to_bytes(16, "little")
        else:  # funcref, externref: always ref.null
            entry += b"\xd0" + bytes([GLOBAL_TYPES[t]])
        entries.append(entry + b"\x0b")
    return section(6, vec(entries))


def data_section(memories):
    """4096-byte chunks, all-zero ones skipped, the others trimmed of zeros at both ends."""
    segments = []
    for index, mem in enumerate(memories):
        for start, chunk in chunks(mem):
            stripped = chunk.strip(b"\x00")
            if not stripped:
                continue
            first = start + len(chunk) - len(chunk.lstrip(b"\x00"))
            header = b"\x00" if index == 0 else b"\x02" + u_leb(index)
            offset = (b"\x42" + s_leb(signed(first, 64))) if mem["memory64"] \
                else (b"\x41" + s_leb(signed(first, 32)))
            segments.append(header + offset + b"\x0b" + u_leb(len(stripped)) + bytes(stripped))
    return section(11, vec(segments))


def value(v):
    t = v["type"]
    tag = bytes([VALUE_TAGS[t]])
    if t == "missing":
        return tag
    bits = int(v["bits"], 16)
    if t == "i32":
        return tag + s_leb(signed(bits, 32))
    if t == "i64":
        return tag + s_leb(signed(bits, 64))
    return tag + bits.to_bytes(4 if t == "f32" else 8, "little")


def corestack(thread):
    frames = []
    for f in thread["frames"]:
        frames.append(b"\x00" + u_leb(f["instance"]) + u_leb(f["func"]) + u_leb(f["codeoffset"])
                      + vec([value(v) for v in f["locals"]])
                      + vec([value(v) for v in f["stack"]]))
    return custom("corestack", b"\x00" + name(thread["name"]) + vec(frames))


def encode(state):
    if state.get("format") != "coroner-state/1":
        raise ValueError("unsupported state format %r" % state.get("format"))
    out = bytearray(MAGIC)
    if state["process"] is not None:
        out += custom("core", b"\x00" + name(state["process"]))
    out += memory_section(state["memories"])
    out += global_section(state["globals"])
    out += data_section(state["memories"])
    out += custom("coremodules", vec([b"\x00" + name(m) for m in state["modules"]]))
    out += custom("coreinstances", vec([
        b"\x00" + u_leb(i["module"]) + vec([u_leb(m) for m in i["memories"]])
        + vec([u_leb(g) for g in i["globals"]])
        for i in state["instances"]]))
    for thread in state["threads"]:
        out += corestack(thread)
    return bytes(out)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: encode.py STATE_JSON OUT_CORE\n")
        return 2
    with open(argv[1], "r", encoding="utf-8") as f:
        state = json.load(f)
    data = encode(state)
    with open(argv[2], "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
