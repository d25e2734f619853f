package dev.coroner.harness.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreDumpText;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.Value;
import dev.coroner.harness.ConformanceFailure;
import dev.coroner.harness.HarnessMessages;
import dev.coroner.harness.encoder.StateJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class GoldenFilesTest {

  private static final GoldenId F3 = GoldenId.of("f.wast", 3);

  @TempDir Path root;

  static CoreDump dump(int local) {
    byte[] mem = new byte[Memory.PAGE_SIZE];
    mem[100] = 42;
    CoreDump.Builder b = CoreDump.builder("f.wast");
    b.addModule("A");
    b.addInstance(new Instance(0, List.of(0), List.of(0)));
    b.addMemory(Memory.of(MemoryContents.of(mem), OptionalLong.empty()));
    b.addGlobal(Global.i64(-3));
    b.addThread(new CoreStack("main",
        List.of(new Frame(0, 2, 9, List.of(Value.i32(local)), List.of(Value.f64(1.5))))));
    return b.build();
  }

  private GoldenFiles golden(boolean bless, boolean ci) {
    Properties props = new Properties();
    if (bless) {
      props.setProperty(GoldenFiles.BLESS_PROPERTY, "true");
    }
    return GoldenFiles.at(root, props, ci ? Map.of("CI", "true") : Map.of());
  }

  private static ConformanceFailure failure(String tag, Executable check) {
    ConformanceFailure f = assertThrows(ConformanceFailure.class, check);
    assertEquals(tag, f.tag(), f.getMessage());
    assertTrue(f.getMessage().startsWith(tag + " "), f.getMessage());
    return f;
  }

  private Path file(String relative) {
    return root.resolve(relative);
  }

  @Test
  void missingGoldenFailsNamesAllThreeCandidatesAndTheQuickCommand() {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    String m = failure(HarnessMessages.GOLDEN_MISSING,
        () -> golden(false, false).check(GoldenId.of("d/f.wast", 7), bytes)).getMessage();
    assertTrue(m.startsWith("[GoldenMissing] d/f.wast:7: no golden yet in "), m);
    for (String candidate : List.of("7.core.new", "7.core.txt.new", "7.state.json.new")) {
      assertTrue(m.contains(candidate), candidate + " not named in: " + m);
    }
    assertTrue(m.contains(GoldenFiles.QUICK_COMMAND + " -Dcoroner.bless=true"), m);
    assertTrue(m.contains("rename the three .new files"), m);
    assertFalse(Files.exists(file("d/f.wast/7.core")));
    assertArrayEquals(bytes, read(file("d/f.wast/7.core.new")));
    assertEquals(CoreDumpText.render(dump(1)), text(file("d/f.wast/7.core.txt.new")));
    assertEquals(StateJson.write(dump(1)), text(file("d/f.wast/7.state.json.new")));
  }

  @Test
  void aProjectsOwnBlessCommandReplacesTheQuickCommandInEveryHint() throws Exception {
    String previous = System.setProperty(GoldenFiles.BLESS_COMMAND_PROPERTY, "mvn test -Dx=1");
    try {
      byte[] bytes = CoreDumpEncoder.encode(dump(1));
      String missing = failure(HarnessMessages.GOLDEN_MISSING,
          () -> golden(false, false).check(F3, bytes)).getMessage();
      assertTrue(missing.contains("\n  mvn test -Dx=1\n(or rename the three .new files)"),
          missing);
      assertFalse(missing.contains(GoldenFiles.QUICK_COMMAND), missing);
      golden(true, false).check(F3, bytes);
      String mismatch = failure(HarnessMessages.GOLDEN_MISMATCH,
          () -> golden(false, false).check(F3, CoreDumpEncoder.encode(dump(2)))).getMessage();
      assertTrue(mismatch.endsWith("If the new dump is right, bless it: mvn test -Dx=1"),
          mismatch);
    } finally {
      if (previous == null) {
        System.clearProperty(GoldenFiles.BLESS_COMMAND_PROPERTY);
      } else {
        System.setProperty(GoldenFiles.BLESS_COMMAND_PROPERTY, previous);
      }
    }
  }

  @Test
  void renamingTheThreeCandidatesAcceptsTheGolden() throws IOException {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    assertThrows(ConformanceFailure.class, () -> golden(false, false).check(F3, bytes));
    for (String name : List.of("3.core", "3.core.txt", "3.state.json")) {
      Files.move(file("f.wast/" + name + ".new"), file("f.wast/" + name));
    }
    assertEquals(List.of(), golden(false, false).check(F3, bytes));
  }

  @Test
  void blessWritesTheThreeFilesReportsThemAndRemovesCandidates() {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    assertThrows(ConformanceFailure.class, () -> golden(false, false).check(F3, bytes));
    List<Path> written = golden(true, false).check(F3, bytes);
    GoldenLayout layout = GoldenLayout.at(root);
    assertEquals(layout.files(F3), written);
    assertArrayEquals(bytes, read(file("f.wast/3.core")));
    try (Stream<Path> left = Files.list(file("f.wast"))) {
      assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".new")).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(List.of(), golden(false, false).check(F3, bytes), "now passes");
  }

  @Test
  void blessRewritesOnlyTheFilesThatChange() throws IOException {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    golden(true, false).check(F3, bytes);
    assertEquals(List.of(), golden(true, false).check(F3, bytes), "nothing changed");
    Files.writeString(file("f.wast/3.core.txt"), "edited by hand\n");
    assertEquals(List.of(file("f.wast/3.core.txt")), golden(true, false).check(F3, bytes));
    List<Path> changed = golden(true, false).check(F3, CoreDumpEncoder.encode(dump(2)));
    assertEquals(GoldenLayout.at(root).files(F3), changed);
  }

  @Test
  void blessIsRefusedOnCiButAnExplicitBlessingIsNot() {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    failure(HarnessMessages.BLESS_REFUSED, () -> golden(true, true).check(F3, bytes));
    assertFalse(Files.exists(file("f.wast/3.core")));
    GoldenFiles.blessing(root).check(F3, bytes);
    assertTrue(Files.exists(file("f.wast/3.core")));
  }

  @Test
  void mismatchNamesSectionFieldShowsHexAndLeavesCandidates() {
    golden(true, false).check(F3, CoreDumpEncoder.encode(dump(1)));
    String m = failure(HarnessMessages.GOLDEN_MISMATCH,
        () -> golden(false, false).check(F3, CoreDumpEncoder.encode(dump(2)))).getMessage();
    assertTrue(m.startsWith("[GoldenMismatch] f.wast:3"), m);
    assertTrue(m.contains(
        "corestack: thread 0 \"main\" / frame #0 local 0: expected i32:1, actual i32:2"), m);
    assertTrue(m.contains("custom section \"corestack\" at [0x"), m);
    assertTrue(m.contains(", payload byte 0x"), m);
    assertTrue(m.contains("expected ") && m.contains("[01]") && m.contains("[02]"), m);
    assertTrue(m.contains("3.core.txt.new (text rendering: read this)"), m);
    assertEquals(CoreDumpText.render(dump(2)), text(file("f.wast/3.core.txt.new")));
    golden(false, false).check(F3, CoreDumpEncoder.encode(dump(1)));
    assertFalse(Files.exists(file("f.wast/3.core.txt.new")), "a passing check tidies candidates");
  }

  @Test
  void comparingNeverWritesAFile() throws IOException {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    String m = failure(HarnessMessages.GOLDEN_MISSING,
        () -> GoldenFiles.comparing(root).check(F3, bytes)).getMessage();
    try (Stream<Path> files = Files.walk(root)) {
      assertEquals(List.of(root), files.toList(), m);
    }
  }

  @Test
  void truncatedGoldenIsInvalidWithTheDecoderOffset() throws Exception {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    golden(true, false).check(F3, bytes);
    Files.write(file("f.wast/3.core"), Arrays.copyOf(bytes, bytes.length / 2));
    String m = failure(HarnessMessages.GOLDEN_INVALID,
        () -> golden(false, false).check(F3, bytes)).getMessage();
    assertTrue(m.startsWith("[GoldenInvalid] f.wast:3: golden "), m);
    assertTrue(m.contains("is not a valid coredump: ") && m.contains("(at offset 0x"), m);
    assertTrue(Files.exists(file("f.wast/3.core.new")));
  }

  @Test
  void corruptGoldenIsReportedWithDecoderOffset() throws Exception {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    golden(true, false).check(F3, bytes);
    byte[] corrupt = bytes.clone();
    corrupt[corrupt.length - 9] = 0x55; // the last value's tag (f64, 0x7c): now unknown
    Files.write(file("f.wast/3.core"), corrupt);
    String m = failure(HarnessMessages.GOLDEN_INVALID,
        () -> golden(false, false).check(F3, bytes)).getMessage();
    assertTrue(m.contains("offset 0x"), m);
  }

  @Test
  void staleTextRenderingFails() throws Exception {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    golden(true, false).check(F3, bytes);
    Files.writeString(file("f.wast/3.core.txt"), "edited by hand\n");
    failure(HarnessMessages.GOLDEN_TEXT_STALE, () -> golden(false, false).check(F3, bytes));
  }

  @Test
  void missingOrStaleStateJsonFails() throws Exception {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    golden(true, false).check(F3, bytes);
    Path state = file("f.wast/3.state.json");
    Files.writeString(state, Files.readString(state).replace("\"A\"", "\"B\""));
    failure(HarnessMessages.GOLDEN_STATE_STALE, () -> golden(false, false).check(F3, bytes));
    Files.delete(state);
    String m = failure(HarnessMessages.GOLDEN_STATE_STALE,
        () -> golden(false, false).check(F3, bytes)).getMessage();
    assertTrue(m.contains("3.state.json is missing"), m);
  }

  @Test
  void blessEnvironmentVariableIsHonoured() {
    GoldenFiles g = GoldenFiles.at(root, new Properties(), Map.of("BLESS", "1"));
    assertTrue(g.blesses());
    g.check(GoldenId.of("f.wast", 1), CoreDumpEncoder.encode(dump(1)));
    assertTrue(Files.exists(file("f.wast/1.core")));
  }

  @Test
  void failuresCarryNoStackTrace() {
    ConformanceFailure f = assertThrows(ConformanceFailure.class,
        () -> golden(false, false).check(F3, CoreDumpEncoder.encode(dump(1))));
    assertEquals(0, f.getStackTrace().length);
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Path p) {
    return new String(read(p), StandardCharsets.UTF_8);
  }
}
