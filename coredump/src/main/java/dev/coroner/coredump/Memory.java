package dev.coroner.coredump;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A captured linear memory: its type (as the memory section writes it) and its contents (as the
 * data section writes them).
 *
 * @param minPages the memory's size in 64 KiB pages at capture time (written as the minimum)
 * @param maxPages the declared maximum, if any
 * @param memory64 whether the memory is 64-bit indexed
 * @param shared whether the memory is shared
 * @param contents exactly {@code minPages * 65536} bytes
 */
public record Memory(
    long minPages, OptionalLong maxPages, boolean memory64, boolean shared, MemoryContents contents) {

  public static final int PAGE_SIZE = 65536;

  public Memory {
    Objects.requireNonNull(maxPages, "maxPages");
    Objects.requireNonNull(contents, "contents");
    if (minPages < 0 || minPages > Long.MAX_VALUE / PAGE_SIZE) {
      throw new IllegalArgumentException("page count out of range: " + minPages);
    }
    if (contents.size() != minPages * PAGE_SIZE) {
      throw new IllegalArgumentException(
          "contents hold " + contents.size() + " bytes, but " + minPages + " pages need "
              + minPages * PAGE_SIZE);
    }
  }

  /** A 32-bit, unshared memory. */
  public static Memory of(MemoryContents contents, OptionalLong maxPages) {
    if (contents.size() % PAGE_SIZE != 0) {
      throw new IllegalArgumentException(
          "memory size " + contents.size() + " is not a whole number of pages");
    }
    return new Memory(contents.size() / PAGE_SIZE, maxPages, false, false, contents);
  }
}
