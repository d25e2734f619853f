package dev.coroner.cli;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.Limits;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
   * @param invalidExit the exit code when the file is not a valid coredump
   * @throws CliException if the file cannot be read (exit 2) or does not decode ({@code
   *     invalidExit}; the message gives the offset)
   */
  static CoreDump coredump(Path file, int invalidExit) {
    byte[] bytes = read(file);
    try {
      return CoreDumpDecoder.decode(bytes);
    } catch (CoreDumpFormatException e) {
      throw new CliException(invalidExit, file + ": not a valid coredump: " + e.getMessage(), e);
    }
  }
}
