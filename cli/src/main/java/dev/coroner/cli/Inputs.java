package dev.coroner.cli;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.Dialect;
import dev.coroner.coredump.Limits;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reading the files named on the command line, with messages that name them. */
final class Inputs {
  private Inputs() {}

  /**
   * Reads a whole file.
   *
   * @throws CliException (exit 2) if it does not exist, is a directory, or cannot be read
   */
  static byte[] read(Path file) {
    if (Files.isDirectory(file)) {
      throw CliException.usage(file + ": is a directory, not a file");
    }
    try {
      long size = Files.size(file);
      if (size > Limits.MAX_INPUT_BYTES) {
        throw CliException.usage(
            file + ": too large (" + size + " bytes; at most " + Limits.MAX_INPUT_BYTES + ")");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw CliException.usage(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw CliException.usage(file + ": permission denied");
    } catch (IOException e) {
      throw CliException.usage(file + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * Reads and strictly decodes a coredump.
   *
   * @throws CliException if the file cannot be read (exit 2) or does not decode (exit 1; the
   *     message is {@link #whyInvalid})
   */
  static CoreDump coredump(Path file) {
    return coredump(file, read(file));
  }

  /** Strictly decodes {@code bytes}, read from {@code file}; see {@link #coredump(Path)}. */
  static CoreDump coredump(Path file, byte[] bytes) {
    try {
      return CoreDumpDecoder.decode(bytes);
    } catch (CoreDumpFormatException e) {
      throw new CliException(
          ExitCodes.FAILURE, file + ": not a valid coredump: " + whyInvalid(bytes, e), e);
    }
  }

  /**
   * Why bytes the strict decoder rejected with {@code e} are not a valid coredump, in one line:
   * when their {@code corestack} sections follow another producer's layout ({@link Dialect}), that
   * layout, and whether {@code coroner convert} can rewrite the file; else {@code e}'s message.
   * Either way the offset of the decoder's error ends the line.
   */
  static String whyInvalid(byte[] bytes, CoreDumpFormatException e) {
    Optional<Dialect> dialect = Dialect.detect(bytes);
    if (dialect.isEmpty() || dialect.get() == Dialect.SPEC) {
      return e.getMessage();
    }
    String where = " (at offset 0x" + Long.toHexString(e.offset()) + ")";
    String layout =
        "corestack uses " + dialect.get().description() + "; not a specification coredump";
    try {
      CoreDumpDecoder.decodeWithFacts(bytes, dialect.get());
    } catch (CoreDumpFormatException inLayout) {
      return layout + ", and read in that layout it is invalid too: " + inLayout.getMessage();
    }
    return layout + "; 'coroner convert' rewrites it" + where;
  }
}
