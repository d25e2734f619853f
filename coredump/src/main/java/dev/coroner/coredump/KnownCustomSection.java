package dev.coroner.coredump;

import java.util.Optional;

/**
 * The one registry of custom sections this project knows by name: the coredump sections, the
 * {@code name} section, DWARF ({@code .debug_*}) and the common tool-convention sections. Every
 * reader that meets a custom section classifies it with {@link #of(String)} instead of comparing
 * strings of its own (compare wasmparser's {@code KnownCustom}).
 *
 * <p>A section that is not listed is not an error anywhere: custom sections are open-ended, and
 * readers bound-check and skip what they do not know.
 */
public enum KnownCustomSection {
  /** {@code core}: the process (executable) name of a coredump. At most once. */
  CORE("core", false, "coredump process name"),
  /** {@code coremodules}: the coredump's module names. At most once. */
  CORE_MODULES("coremodules", false, "coredump modules"),
  /** {@code coreinstances}: the coredump's instances. At most once. */
  CORE_INSTANCES("coreinstances", false, "coredump instances"),
  /** {@code corestack}: one thread's frames. Once per thread. */
  CORE_STACK("corestack", false, "coredump thread stack"),
  /** {@code name}: names of the module, its functions and locals (see {@link NameSection}). */
  NAME("name", false, "module, function and local names"),
  /** {@code .debug_info}, {@code .debug_line}, ...: DWARF debugging information. */
  DWARF(".debug_", true, "DWARF debugging information"),
  /** {@code sourceMappingURL}: where the module's source map is. */
  SOURCE_MAPPING_URL("sourceMappingURL", false, "source map location"),
  /** {@code external_debug_info}: where the module's separate debugging file is. */
  EXTERNAL_DEBUG_INFO("external_debug_info", false, "location of separate debugging information"),
  /** {@code build_id}: a unique identifier of the build. */
  BUILD_ID("build_id", false, "build identifier"),
  /** {@code producers}: the languages, tools and SDKs that made the module. */
  PRODUCERS("producers", false, "producing tools"),
  /** {@code target_features}: the Wasm features the module was compiled for. */
  TARGET_FEATURES("target_features", false, "target features"),
  /** {@code linking}: static-linking metadata of an object file. */
  LINKING("linking", false, "linking metadata"),
  /** {@code reloc.*}: relocations of an object file. */
  RELOC("reloc.", true, "relocations"),
  /** {@code dylink.0}: dynamic-linking metadata. */
  DYLINK("dylink.0", false, "dynamic-linking metadata");

  private final String name;
  private final boolean prefix;
  private final String description;

  KnownCustomSection(String name, boolean prefix, String description) {
    this.name = name;
    this.prefix = prefix;
    this.description = description;
  }

  /**
   * The section's name, or for a family of sections ({@link #DWARF}, {@link #RELOC}) the prefix
   * every member's name starts with.
   */
  public String sectionName() {
    return name;
  }

  /** Whether {@link #sectionName()} is a prefix (a family of sections) rather than a whole name. */
  public boolean isPrefix() {
    return prefix;
  }

  /** What the section holds, for messages: {@code "module, function and local names"}. */
  public String description() {
    return description;
  }

  /** Whether this is one of the four sections the coredump format defines. */
  public boolean isCoredump() {
    return this == CORE || this == CORE_MODULES || this == CORE_INSTANCES || this == CORE_STACK;
  }

  /** Whether a custom section called {@code sectionName} is this one (or of this family). */
  public boolean matches(String sectionName) {
    return prefix ? sectionName.startsWith(name) && sectionName.length() > name.length()
        : sectionName.equals(name);
  }

  /** The known section called {@code sectionName}, or empty if the name is not in the registry. */
  public static Optional<KnownCustomSection> of(String sectionName) {
    for (KnownCustomSection k : values()) {
      if (k.matches(sectionName)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
