package dev.coroner.harness.encoder;

import dev.coroner.coredump.CoreDump;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The language-neutral description of a captured state ({@code <key>.state.json} beside each
 * golden), schema {@value #FORMAT}, documented in {@code docs/state-json.md}.
 *
 * <p>It is complete: an encoder that reads only the state can produce the golden's bytes exactly.
 * {@link #write} is deterministic ({@link StateJsonWriter}), so the files can be committed and a
 * stale one told by its text ({@link dev.coroner.harness.golden.StateFiles}). {@link #read} is
 * strict ({@link StateJsonReader}): every error names the member path and its line and column.
 */
public final class StateJson {

  /** The value of the {@code format} member. */
  public static final String FORMAT = "coroner-state/1";

  /** Zero runs at least this long split a memory's data into separate runs. */
  public static final int RUN_GAP = 32;

  /** Largest integer the schema allows (2^53 - 1), so every JSON reader holds it exactly. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private StateJson() {}

  /** The state of {@code dump} as {@code state.json} text (ends with a newline). */
  public static String write(CoreDump dump) {
    return StateJsonWriter.write(dump);
  }

  /**
   * Reads a state.
   *
   * @throws StateJsonException naming the line, column and member path of the first problem
   */
  public static CoreDump read(String text) throws StateJsonException {
    return StateJsonReader.read(text);
  }

  /** Reads the state in {@code file}; errors name the file. */
  public static CoreDump read(Path file) throws IOException, StateJsonException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return read(text);
    } catch (StateJsonException e) {
      throw new StateJsonException(file + ": " + e.getMessage(), e.offset());
    }
  }
}
