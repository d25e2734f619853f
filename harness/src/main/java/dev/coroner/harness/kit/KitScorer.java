package dev.coroner.harness.kit;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.Limits;
import dev.coroner.fixtures.Fixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code coroner kit score}: judges the dumps a runtime wrote for a kit's cases ({@link
 * CaseScorer}) and collects the verdicts in a {@link Scorecard}.
 */
public final class KitScorer {

  private KitScorer() {}

  /**
   * Scores the dumps under {@code dumps} against the kit at {@code kitRoot}.
   *
   * @throws KitException if the kit cannot be read or a golden in it does not decode (the kit is
   *     damaged; the message names the file)
   * @throws IOException if the dumps folder cannot be read
   */
  public static Scorecard score(Path kitRoot, Path dumps, Profile profile)
      throws KitException, IOException {
    Kit kit = Kit.read(kitRoot);
    if (!Files.isDirectory(dumps)) {
      throw new IOException(dumps + ": no such directory");
    }
    List<Profile> others = List.copyOf(Profile.all().values());
    List<CaseVerdict> verdicts = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (Kit.Entry e : kit.cases()) {
      KitCase c = kit.read(e);
      Path goldenFile = kit.file(e, c.expected().core());
      byte[] goldenBytes;
      CoreDump golden;
      try {
        goldenBytes = Files.readAllBytes(goldenFile);
        golden = CoreDumpDecoder.decode(goldenBytes);
      } catch (IOException | CoreDumpFormatException ex) {
        throw new KitException(
            e.dir() + "/" + c.expected().core() + ": the kit's golden cannot be read: "
                + ex.getMessage(), ex);
      }
      named.add(e.dump());
      Path dump = dumps.resolve(e.dump());
      byte[] actual = null;
      if (Files.isRegularFile(dump)) {
        long size = Files.size(dump);
        if (size > Limits.MAX_INPUT_BYTES) {
          verdicts.add(new CaseVerdict(e.id(), CaseVerdict.Kind.WRONG, List.of(), List.of(),
              List.of(), List.of("file: " + size + " bytes, more than a coredump may have ("
                  + Limits.MAX_INPUT_BYTES + ")"), List.of()));
          continue;
        }
        actual = Files.readAllBytes(dump);
      }
      CaseVerdict v = CaseScorer.score(e.id(), goldenBytes, golden, actual, profile, others);
      if (v.kind() == CaseVerdict.Kind.MISSING) {
        v = new CaseVerdict(e.id(), v.kind(), List.of(), List.of(), List.of(),
            List.of("no " + dumps.resolve(e.dump())), List.of());
      }
      verdicts.add(v);
    }
    return new Scorecard(
        kitRoot.toString(), dumps.toString(), profile, verdicts, strays(dumps, named));
  }

  private static List<String> strays(Path dumps, Set<String> named) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dumps)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".core")) {
          String rel = Fixture.relativePath(dumps, p);
          if (!named.contains(rel)) {
            out.add(rel);
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.sort(null);
    return out;
  }
}
