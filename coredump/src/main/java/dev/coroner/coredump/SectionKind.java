package dev.coroner.coredump;

/** The kinds of section a coredump may contain, as reported by {@link DecodedCoreDump}. */
public enum SectionKind {
  /** Custom section {@code core}: the executable name. */
  CORE("core"),
  /** Memory section (id 5). */
  MEMORY("memory"),
  /** Global section (id 6). */
  GLOBAL("global"),
  /** Data section (id 11). */
  DATA("data"),
  /** Custom section {@code coremodules}. */
  CORE_MODULES("coremodules"),
  /** Custom section {@code coreinstances}. */
  CORE_INSTANCES("coreinstances"),
  /** Custom section {@code corestack}: one thread. */
  CORE_STACK("corestack"),
  /** Any other custom section (skipped by the decoder). */
  OTHER_CUSTOM("custom"),
  /**
   * A standard section other than memory, global and data (type, code, ...): valid in a Wasm
   * module, not used by coredumps, skipped by the decoder.
   */
  OTHER_STANDARD("standard");

  private final String label;

  SectionKind(String label) {
    this.label = label;
  }

  /** The section's name as messages and renderings spell it. */
  public String label() {
    return label;
  }
}
