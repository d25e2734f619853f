package dev.coroner.harness.golden;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.harness.encoder.StateJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Upkeep of the {@code <key>.state.json} files beside a whole golden tree: rewrite them all, or
 * list the missing, stale and orphaned ones. (Blessing keeps a single golden's state up to date;
 * these are for changes to the state format itself.)
 */
public final class StateFiles {

  private StateFiles() {}

  /**
   * (Re)writes {@code <key>.state.json} beside every golden {@code <key>.core} under {@code
   * goldenRoot}, from the golden's decoded state; files already up to date are left untouched.
   *
   * @return the files written (created or changed), in golden order
   * @throws IOException if a golden cannot be read or does not decode (the message names the file
   *     and the byte offset), or a state file cannot be written
   */
  public static List<Path> writeBeside(Path goldenRoot) throws IOException {
    GoldenLayout layout = GoldenLayout.at(goldenRoot);
    List<Path> written = new ArrayList<>();
    for (Path core : layout.coreFiles()) {
      String text = StateJson.write(decodeGolden(core));
      Path state = GoldenLayout.stateBeside(core);
      if (Files.exists(state) && Files.readString(state, StandardCharsets.UTF_8).equals(text)) {
        continue;
      }
      Files.writeString(state, text, StandardCharsets.UTF_8);
      written.add(state);
    }
    return written;
  }

  /**
   * Checks that every golden under {@code goldenRoot} has an up-to-date {@code state.json} beside
   * it (exactly the text {@link #writeBeside} would write), and that no {@code state.json} lacks
   * its golden.
   *
   * @return one line per problem (missing, stale with the first differing line, orphaned);
   *     empty when all is well
   */
  public static List<String> checkBeside(Path goldenRoot) throws IOException {
    GoldenLayout layout = GoldenLayout.at(goldenRoot);
    List<String> problems = new ArrayList<>();
    for (Path core : layout.coreFiles()) {
      Path state = GoldenLayout.stateBeside(core);
      String rel = layout.relative(state);
      if (!Files.exists(state)) {
        problems.add(rel + ": missing (run StateFiles.writeBeside)");
        continue;
      }
      String expected = StateJson.write(decodeGolden(core));
      String actual = Files.readString(state, StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        problems.add(rel + ": stale, " + firstDifferentLine(expected, actual));
      }
    }
    for (Path state : layout.stateFiles()) {
      if (!Files.exists(GoldenLayout.coreBeside(state))) {
        problems.add(layout.relative(state) + ": orphaned, no golden beside it");
      }
    }
    return problems;
  }

  private static CoreDump decodeGolden(Path core) throws IOException {
    try {
      return CoreDumpDecoder.decode(Files.readAllBytes(core));
    } catch (CoreDumpFormatException e) {
      throw new IOException("golden " + core + " does not decode: " + e.getMessage(), e);
    }
  }

  private static String firstDifferentLine(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String x = i < e.length ? e[i] : "(end of file)";
      String y = i < a.length ? a[i] : "(end of file)";
      if (!x.equals(y)) {
        return "line " + (i + 1) + ": expected " + abbreviate(x) + ", found " + abbreviate(y);
      }
    }
    return "identical lines";
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? "'" + s.substring(0, 77) + "...'" : "'" + s + "'";
  }
}
