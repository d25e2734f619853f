package dev.coroner.harness.encoder;

/**
 * A difference from the canonical encoding that {@link Mode#SEMANTIC} allows, because the output
 * still says exactly what the golden says (or, for omitted values, says less but nothing false).
 * Everything else that makes the bytes differ is a failure: a different value, index, name, code
 * offset or memory byte; a missing {@code core} section; {@code u32::MAX} placeholders; foreign
 * custom sections; output the strict decoder rejects. See {@code docs/state-json.md}, "Comparison
 * modes".
 */
public enum Divergence {
  /** Sections in another order than core, memory, global, data, coremodules, coreinstances, corestack. */
  SECTION_ORDER("section order differs from the canonical one"),
  /**
   * A section the canonical encoding always writes (memory, global, data, coremodules,
   * coreinstances) is absent, and the golden's is empty.
   */
  EMPTY_SECTION_OMITTED("an empty section is omitted"),
  /** Same memory bytes, other data segments (chunking, trimming, explicit memory index 0). */
  DATA_SEGMENTATION("memory bytes are segmented differently"),
  /** A global's mutability flag differs (Wasmtime keeps the original flag). */
  GLOBAL_MUTABILITY("global mutability flag differs"),
  /** LEB128 integers longer than their minimal form (valid Wasm, accepted by every decoder). */
  NON_MINIMAL_LEB128("non-minimal LEB128 integers"),
  /** A frame's locals are an empty vector, or all {@code missing}, where the golden has values. */
  LOCALS_OMITTED("locals omitted (empty or all missing)"),
  /** A frame's operand stack is an empty vector, or all {@code missing}, where the golden has values. */
  STACK_OMITTED("operand stack omitted (empty or all missing)");

  private final String description;

  Divergence(String description) {
    this.description = description;
  }

  /** What the divergence means, for reports. */
  public String description() {
    return description;
  }
}
