package dev.coroner.harness.encoder.mutants;

/**
 * Realistic coredump-encoder bugs, each modelled on a producer or a plausible slip. {@link
 * MutantWriter} implements every one as a switch in one writer, so each mutant is the canonical
 * writer with one thing done wrong. {@link #allowedSemantically} marks the ones {@code
 * Mode.SEMANTIC} must report as divergent rather than failed.
 */
public enum Bug {
  NO_INSTANCE_INDEX("frame without instanceidx (pre-May-2023 grammar, the wasmi draft)"),
  FIXED_WIDTH_VALUES("i32/i64 frame values as fixed-width little-endian (xtuc's parser, wasmgdb)"),
  COUNTS_FIRST("locals count and stack count both written before the values (xtuc, wasmgdb)"),
  FRAMES_OLDEST_FIRST("frames written oldest first"),
  CODE_OFFSET_FROM_FIRST_INSTRUCTION(
      "codeoffset counted from the first instruction (WasmEdge); without the module, the smallest"
          + " local-declaration vector (1 byte: zero groups) is subtracted"),
  CODE_OFFSET_FROM_CODE_SECTION(
      "codeoffset relative to the code section: a constant 0x20 (a plausible section header plus"
          + " earlier bodies) added"),
  MUTABLE_GLOBALS("globals keep mutability 0x01 (Wasmtime)", true),
  LAST_CHUNK_DROPPED("the last 4096-byte chunk of every memory dropped (loop bound pos + 4096 < size)"),
  CHUNKS_UNTRIMMED("non-zero chunks written whole, leading and trailing zeros kept", true),
  PADDED_U32("every u32 padded to 5 bytes (non-minimal LEB128)", true),
  UNSIGNED_I32("i32 values and i32.const initializers encoded as unsigned LEB128"),
  CUSTOM_SIZE_WITHOUT_NAME_LENGTH("custom section size excludes the name's length byte (off by one)"),
  NO_CORE_SECTION("no core section"),
  COREINSTANCES_TWICE("coreinstances section written twice"),
  MEMORY_INDICES_SHIFTED("instance memory indices written 1-based"),
  GLOBAL_PLACEHOLDERS("u32::MAX placeholders for every instance global (Wasmtime's missing marker)"),
  F32_BIG_ENDIAN("f32 values and f32.const initializers written big-endian"),
  LOCALS_STACK_SWAPPED("locals and stack vectors swapped"),
  STACK_TOP_FIRST("operand stack written top to bottom"),
  NO_COREMODULES("no coremodules section"),
  DATA_MEMIDX_ALWAYS_ZERO("every data segment uses header 0x00 (memory 0)"),
  MIN_IS_DECLARED_INITIAL(
      "memory min written as a declared initial size (1 page, the usual declaration) instead of"
          + " the current size"),
  V128_HALVES_SWAPPED("v128.const written with its 8-byte halves swapped"),
  V128_AS_TWO_I64(
      "a v128 global written as two i64 globals (bytes 0..7, then 8..15) instead of v128.const,"
          + " instance global indices not renumbered"),
  INSTANCE_LAST_OF_MODULE(
      "a frame's instance is the last instance of its module (Wasmtime's known limitation)"),
  VALUES_OMITTED("locals and stack always empty vectors (Wasmtime)", true),
  CORE_LAST("the core section written after the known sections", true),
  SINGLE_SEGMENT(
      "one data segment per memory at offset 0 up to the last non-zero byte"
          + " (wasm-coredump-builder)",
      true),
  EMPTY_SECTIONS_OMITTED(
      "empty memory, global, data, coremodules and coreinstances sections left out", true),
  EXPLICIT_MEMIDX_ZERO("data segments of memory 0 use the 0x02 0x00 header", true),
  I32_OFFSET_FOR_MEMORY64(
      "data segments of a 64-bit memory use an i32.const offset (the 32-bit habit; addresses of"
          + " 2 GiB and more wrap)"),
  MEMORY64_FLAG_LOST("a 64-bit memory's limits written without the memory64 flag (bit 2), as u32"),
  TAIL_CALLER_KEPT(
      "a frame that tail-called away kept in the dump (return_call run as call): emulated from the"
          + " dump alone, the youngest frame's tail-caller written below it as a copy of it at the"
          + " same offset with an empty stack"),
  MEMORIES_REVERSED(
      "an instance's memories written in reverse index order in the memory and data sections,"
          + " coreinstances unchanged");

  private final String description;
  private final boolean allowedSemantically;

  Bug(String description) {
    this(description, false);
  }

  Bug(String description, boolean allowedSemantically) {
    this.description = description;
    this.allowedSemantically = allowedSemantically;
  }

  /** What the buggy encoder does. */
  public String description() {
    return description;
  }

  /** Whether semantic mode should call its output divergent (never failed) on every golden. */
  public boolean allowedSemantically() {
    return allowedSemantically;
  }
}
