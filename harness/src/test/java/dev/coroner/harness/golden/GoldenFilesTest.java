package dev.coroner.harness;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFilesTest {

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

  @Test
  void missingGoldenFailsAndWritesCandidates() {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    AssertionError e =
        assertThrows(AssertionError.class, () -> golden(false, false).check("d/f.wast", 7, bytes));
    assertTrue(e.getMessage().startsWith("[GoldenMissing] d/f.wast:7"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dcoroner.bless=true"), e.getMessage());
    Path core = root.resolve("d/f.wast/7.core");
    assertFalse(Files.exists(core));
    assertArrayEquals(bytes, read(root.resolve("d/f.wast/7.core.new")));
    assertEquals(CoreDumpText.render(dump(1)),
        new String(read(root.resolve("d/f.wast/7.core.txt.new")), StandardCharsets.UTF_8));
  }

  @Test
  void blessWritesGoldenAndTextAndRemovesCandidates() {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    assertThrows(AssertionError.class, () -> golden(false, false).check("f.wast", 3, bytes));
    golden(true, false).check("f.wast", 3, bytes);
    assertArrayEquals(bytes, read(root.resolve("f.wast/3.core")));
    assertTrue(Files.exists(root.resolve("f.wast/3.core.txt")));
    assertTrue(Files.exists(root.resolve("f.wast/3.state.json")));
    assertFalse(Files.exists(root.resolve("f.wast/3.core.new")));
    assertFalse(Files.exists(root.resolve("f.wast/3.core.txt.new")));
    golden(false, false).check("f.wast", 3, bytes); // now passes
  }

  @Test
  void blessIsRefusedOnCi() {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    AssertionError e =
        assertThrows(AssertionError.class, () -> golden(true, true).check("f.wast", 3, bytes));
    assertTrue(e.getMessage().startsWith("[BlessRefused]"), e.getMessage());
    assertFalse(Files.exists(root.resolve("f.wast/3.core")));
  }

  @Test
  void mismatchNamesSectionFieldAndShowsHex() {
    golden(true, false).check("f.wast", 3, CoreDumpEncoder.encode(dump(1)));
    AssertionError e = assertThrows(AssertionError.class,
        () -> golden(false, false).check("f.wast", 3, CoreDumpEncoder.encode(dump(2))));
    String m = e.getMessage();
    assertTrue(m.startsWith("[GoldenMismatch] f.wast:3"), m);
    assertTrue(m.contains("corestack: thread 0 \"main\" / frame #0 local 0: expected i32:1, actual i32:2"), m);
    assertTrue(m.contains("custom section \"corestack\" at 0x"), m);
    assertTrue(m.contains(", payload byte 0x"), m);
    assertTrue(m.contains("expected ") && m.contains("[01]") && m.contains("[02]"), m);
  }

  @Test
  void corruptGoldenIsReportedWithDecoderOffset() throws Exception {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    golden(true, false).check("f.wast", 3, bytes);
    byte[] corrupt = bytes.clone();
    corrupt[corrupt.length - 9] = 0x55; // the last value's tag (f64, 0x7c): now unknown
    Files.write(root.resolve("f.wast/3.core"), corrupt);
    AssertionError e = assertThrows(AssertionError.class,
        () -> golden(false, false).check("f.wast", 3, bytes));
    assertTrue(e.getMessage().startsWith("[GoldenInvalid] f.wast:3"), e.getMessage());
    assertTrue(e.getMessage().contains("offset 0x"), e.getMessage());
  }

  @Test
  void staleTextRenderingFails() throws Exception {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    golden(true, false).check("f.wast", 3, bytes);
    Files.writeString(root.resolve("f.wast/3.core.txt"), "edited by hand\n");
    AssertionError e = assertThrows(AssertionError.class,
        () -> golden(false, false).check("f.wast", 3, bytes));
    assertTrue(e.getMessage().startsWith("[GoldenTextStale]"), e.getMessage());
  }

  @Test
  void missingOrStaleStateJsonFails() throws Exception {
    byte[] bytes = CoreDumpEncoder.encode(dump(1));
    golden(true, false).check("f.wast", 3, bytes);
    Path state = root.resolve("f.wast/3.state.json");
    Files.writeString(state, Files.readString(state).replace("\"A\"", "\"B\""));
    AssertionError stale = assertThrows(AssertionError.class,
        () -> golden(false, false).check("f.wast", 3, bytes));
    assertTrue(stale.getMessage().startsWith("[GoldenStateStale]"), stale.getMessage());
    Files.delete(state);
    AssertionError missing = assertThrows(AssertionError.class,
        () -> golden(false, false).check("f.wast", 3, bytes));
    assertTrue(missing.getMessage().contains("3.state.json is missing"), missing.getMessage());
  }

  @Test
  void blessEnvironmentVariableIsHonoured() {
    GoldenFiles g = GoldenFiles.at(root, new Properties(), Map.of("BLESS", "1"));
    g.check("f.wast", 1, CoreDumpEncoder.encode(dump(1)));
    assertTrue(Files.exists(root.resolve("f.wast/1.core")));
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
