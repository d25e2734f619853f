package dev.coroner.symbols;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One source-level frame at a code address: the function and where in the source the code is.
 * {@link Symbolizer#locate} returns a chain of these, innermost first: every element but the last
 * is a function that was inlined into the next one, and the next one's position is the call site.
 *
 * <p>Values follow llvm-symbolizer's (and are checked against it): unsigned 32-bit numbers, 0 for
 * unknown; the empty string for an unknown name or file.
 *
 * @param function the function's {@code DW_AT_name} (through {@code DW_AT_abstract_origin} and
 *     {@code DW_AT_specification}), or ""
 * @param linkageName its {@code DW_AT_linkage_name} (mangled for C++), else {@link #function}
 * @param qualifiedName {@link #function} prefixed with its enclosing namespaces and types ({@code
 *     geo::Rect::area}), for display
 * @param file the source file: compilation directory, include directory and file name joined as
 *     LLVM joins them (so {@code ./hp.c} for {@code -fdebug-prefix-map=$PWD=.}), or ""
 * @param line the line, 0 when the compiler gives none (code that belongs to no line)
 * @param column the column, 0 when none
 * @param discriminator the line table's discriminator (innermost frame) or the call site's
 * @param declFile the file that declares the function ({@code DW_AT_decl_file}), or ""
 * @param declLine the line that declares it ({@code DW_AT_decl_line}), or 0
 * @param lowPc the function's (or inlined block's) {@code DW_AT_low_pc}, a DWARF address; empty
 *     when its code is described by ranges
 * @param inlined whether this function was inlined into the next element of the chain
 */
public record SourceLocation(
    String function,
    String linkageName,
    String qualifiedName,
    String file,
    long line,
    long column,
    long discriminator,
    String declFile,
    long declLine,
    OptionalLong lowPc,
    boolean inlined) {

  public SourceLocation {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(linkageName, "linkageName");
    Objects.requireNonNull(qualifiedName, "qualifiedName");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(declFile, "declFile");
    Objects.requireNonNull(lowPc, "lowPc");
  }

  /**
   * {@code file:line:column} for a reader: the file as {@link #displayFile} shows it ({@code ??}
   * when unknown), the line and column only when known.
   */
  public String position() {
    StringBuilder s = new StringBuilder(displayFile(file).isEmpty() ? "??" : displayFile(file));
    if (line != 0) {
      s.append(':').append(line);
      if (column != 0) {
        s.append(':').append(column);
      }
    }
    return s.toString();
  }

  /**
   * A file name for display: the {@code ./} segments that {@code -fdebug-prefix-map=$PWD=.} and
   * relative compilation directories leave ({@code ././dlmalloc/src/malloc.c}) are dropped; the
   * rest is kept as recorded.
   */
  public static String displayFile(String file) {
    String f = file;
    while (f.startsWith("./")) {
      f = f.substring(2);
    }
    while (f.contains("/./")) {
      f = f.replace("/./", "/");
    }
    return f;
  }
}
