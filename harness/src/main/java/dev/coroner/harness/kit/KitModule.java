package dev.coroner.harness.kit;

import java.util.Objects;

/**
 * One module file of a case.
 *
 * @param file the {@code .wasm} file's name in the case directory, e.g. {@code A.wasm}
 * @param dumpName the name the dump's {@code coremodules} section gives this module: its {@code
 *     name} section's module name, else the name the script gave it ({@code $A} is {@code A}),
 *     else {@code <anonymous-module-N>} with N its index among the dump's modules
 * @param sha256 SHA-256 of the file, lower-case hex
 */
public record KitModule(String file, String dumpName, String sha256) {
  public KitModule {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(dumpName, "dumpName");
    Objects.requireNonNull(sha256, "sha256");
  }
}
