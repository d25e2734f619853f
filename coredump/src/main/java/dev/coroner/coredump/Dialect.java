package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The layouts of the {@code corestack} section that producers have written. Only {@link #SPEC} is
 * a specification coredump; the others are what other tools wrote before or beside the
 * specification, and are read so that a tool can say which layout a file uses and convert it
 * ({@link DialectConverter}). Every other section is the same in all of them.
 *
 * <pre>
 * SPEC              frame ::= 0x00 instanceidx:u32 funcidx:u32 codeoffset:u32 vec(value) vec(value)
 *                   value ::= 0x01 | 0x7f i32:s32 | 0x7e i64:s64 | 0x7d f32:4 bytes | 0x7c f64:8 bytes
 * NO_INSTANCE_INDEX frame ::= 0x00 funcidx:u32 codeoffset:u32 vec(value) vec(value)
 * WASMGDB           frame ::= 0x00 instanceidx:u32 funcidx:u32 codeoffset:u32 nlocals:u32 nstack:u32
 *                             fixedvalue^nlocals fixedvalue^nstack
 *                   fixedvalue ::= 0x01 | 0x7f 4 bytes | 0x7e 8 bytes | 0x7d 4 bytes | 0x7c 8 bytes
 * FIXED_U32         corestack ::= 0x00 thread-name:name count:u32le 0:u32le frame^count
 *                   frame ::= funcidx:u32le codeoffset:u32le nlocals:u32le fixedvalue^nlocals
 * </pre>
 *
 * <p>{@code u32} is LEB128; {@code u32le} is 4 bytes little-endian. In every layout but {@link
 * #FIXED_U32} the section starts {@code 0x00 thread-name:name vec(frame)}. Frames decoded from a
 * layout without an instance index get instance 0; {@link #FIXED_U32} has no operand stack.
 */
public enum Dialect {
  /** The specification's layout (tool-conventions {@code Coredump.md}, May 2023 and later). */
  SPEC("spec", "the specification layout", true, true),
  /** Frames without an instance index: wasm-tools before May 2023, the wasmi draft. */
  NO_INSTANCE_INDEX(
      "no-instance-index",
      "frames without an instance index (wasm-tools before May 2023, the wasmi draft)",
      false,
      true),
  /** wasmgdb, xtuc's in-guest runtime and WasmEdge's wasmgdb mode. */
  WASMGDB(
      "wasmgdb",
      "the wasmgdb layout (both counts before the values, fixed-width i32/i64)",
      true,
      true),
  /** xtuc's wasm-coredump-builder 0.1.11, which the Wasmtime 7-9 command line used. */
  FIXED_U32(
      "fixed-u32",
      "the fixed-u32 layout of Wasmtime 7-9 and wasm-coredump-builder 0.1.11 (4-byte little-endian"
          + " counts and fields, no instance index)",
      false,
      false);

  private final String id;
  private final String description;
  private final boolean instanceIndex;
  private final boolean stacks;

  Dialect(String id, String description, boolean instanceIndex, boolean stacks) {
    this.id = id;
    this.description = description;
    this.instanceIndex = instanceIndex;
    this.stacks = stacks;
  }

  /** A short name for command lines: {@code spec}, {@code wasmgdb}, ... */
  public String id() {
    return id;
  }

  /** What the layout is, for messages: {@code "the wasmgdb layout (both counts ...)"}. */
  public String description() {
    return description;
  }

  /** Whether frames in this layout carry an instance index. */
  public boolean hasInstanceIndex() {
    return instanceIndex;
  }

  /** Whether frames in this layout carry an operand stack. */
  public boolean hasStacks() {
    return stacks;
  }

  /** The dialect called {@code id} ({@link #id()}), if there is one. */
  public static Optional<Dialect> fromId(String id) {
    for (Dialect d : values()) {
      if (d.id.equals(id)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * The layout every {@code corestack} section of {@code bytes} follows: the first layout, in
   * declaration order ({@link #SPEC} first), that fits them all; {@link #SPEC} when there are
   * none. Empty when no layout fits, or the file is not framed as a Wasm binary at all; the strict
   * decoder's error then explains it.
   *
   * <p>A layout fits when it parses every payload exactly and keeps the frames' instance indices
   * below the {@code coreinstances} count; when none does, the first that parses every payload is
   * the answer. Only the {@code corestack} payloads and that count are looked at, so a file in
   * another layout is recognized even when something else in it is wrong too. A stack of frames
   * with empty locals and stacks reads the same in {@link #SPEC} and {@link #WASMGDB}; such files
   * are {@link #SPEC}.
   */
  public static Optional<Dialect> detect(byte[] bytes) {
    List<int[]> stacks = new ArrayList<>(); // payload offset and length of each corestack
    int instances = -1; // unknown or absent: instance indices are not checked
    try {
      SectionWalker walker = SectionWalker.open(bytes);
      while (walker.hasNext()) {
        SectionWalker.Entry e = walker.next();
        if (!e.isCustom()) {
          continue;
        }
        if (KnownCustomSection.CORE_STACK.matches(e.name())) {
          stacks.add(new int[] {e.payload().position(), e.payload().remaining()});
        } else if (KnownCustomSection.CORE_INSTANCES.matches(e.name())) {
          instances = e.payload().readCount("instance", Limits.MAX_INSTANCES, 4);
        }
      }
    } catch (CoreDumpFormatException e) {
      if (stacks.isEmpty()) {
        return Optional.empty();
      }
      // Judge the corestack sections found before the framing error.
    }
    for (Dialect d : values()) {
      if (fitsAll(bytes, stacks, instances, d)) {
        return Optional.of(d);
      }
    }
    // No layout keeps the frames' instance indices in range: judge the layout alone.
    for (Dialect d : values()) {
      if (fitsAll(bytes, stacks, -1, d)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether every corestack payload parses exactly in {@code d}'s layout, with its frames' instance
   * indices below {@code instances} (unless it is -1).
   */
  private static boolean fitsAll(byte[] bytes, List<int[]> stacks, int instances, Dialect d) {
    IndexRefs refs = new IndexRefs();
    try {
      for (int[] s : stacks) {
        ByteReader r = new ByteReader(bytes);
        r.skip(s[0], "corestack");
        CoreStackSection.decode(r.slice(s[1], s[0], "corestack section"), refs, d);
      }
      int[] counts = new int[IndexRefs.Space.values().length];
      Arrays.fill(counts, -1);
      counts[IndexRefs.Space.INSTANCE.ordinal()] = instances;
      refs.check(counts);
    } catch (CoreDumpFormatException e) {
      return false;
    }
    return true;
  }
}
