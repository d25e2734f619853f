package dev.coroner.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Fixture;
import dev.coroner.harness.Conformance;
import dev.coroner.harness.ConformanceFailure;
import dev.coroner.harness.golden.GoldenFiles;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.golden.GoldenLayout;
import dev.coroner.harness.v8.GoldenSubjects;
import dev.coroner.harness.v8.V8BlessGuard;
import dev.coroner.harness.v8.V8CrossCheck;
import dev.coroner.harness.v8.V8Messages;
import dev.coroner.harness.v8.V8Report;
import dev.coroner.harness.v8.Verdict;
import dev.coroner.symbols.Symbolizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A golden with one frame's code offset moved back by one instruction is rejected by both the
 * build's cross-check and blessing, with the same message naming the frame in both engines' terms.
 *
 * <p>The planted golden is {@code state/two-modules-204.wast:19}: frame #1 is B.g (instance 1,
 * function 1) at its {@code call $af}, code offset 8; the instruction before it is {@code
 * i32.mul} at code offset 7 (body {@code 00 | 41 01 | 20 00 | 41 02 | 6c | 10 00 | 6a | 0b}).
 * Both bytes are checked from the module itself below, so the plant is one instruction off, not a
 * byte in the middle of one.
 */
class V8PlantedGoldenTest {

  private static final GoldenId ID = GoldenId.of("state/two-modules-204.wast", 19);
  private static final int FRAME = 1;
  private static final int CALL_AT = 8;
  private static final int MUL_AT = 7;

  @TempDir static Path temp;

  static V8CrossCheck check;
  static Fixture fixture;
  static byte[] planted;
  static byte[] original;

  @BeforeAll
  static void plant() throws Exception {
    V8CrossCheck.Availability available = V8CrossCheck.find();
    if (available.check().isEmpty()) {
      assumeTrue(V8CrossCheck.Availability.required(), V8Messages.UNAVAILABLE + " skipped: "
          + available.reason());
    }
    check = available.check().orElseThrow(() -> new AssertionError(
        V8Messages.UNAVAILABLE + " the V8 cross-check must run under CI=true: "
            + available.reason()));
    Path root = Path.of(System.getProperty(Conformance.FIXTURE_ROOT_PROPERTY, "../wat"));
    fixture = Fixture.load(root, ID.fixturePath());
    original = Files.readAllBytes(GoldenLayout.at(Conformance.goldenRoot()).core(ID));
    CoreDump dump = CoreDumpDecoder.decode(original);
    Frame frame = dump.threads().get(0).frames().get(FRAME);
    assertEquals(CALL_AT, frame.codeOffset(), "the golden's frame #1 is B.g's call");
    byte[] moduleB = moduleB();
    Symbolizer b = Symbolizer.of(moduleB);
    assertEquals(0x10, moduleB[(int) b.moduleOffset(1, CALL_AT).getAsLong()], "call");
    assertEquals(0x6c, moduleB[(int) b.moduleOffset(1, MUL_AT).getAsLong()], "i32.mul");
    List<Frame> frames = new ArrayList<>(dump.threads().get(0).frames());
    frames.set(FRAME, new Frame(frame.instanceIndex(), frame.functionIndex(), MUL_AT,
        frame.locals(), frame.stack()));
    CoreDump moved = new CoreDump(dump.processName(), dump.modules(), dump.instances(),
        dump.memories(), dump.globals(), List.of(new CoreStack("main", frames)));
    planted = CoreDumpEncoder.encode(moved);
  }

  private static byte[] moduleB() {
    for (Command c : fixture.script().commands()) {
      if (c instanceof Command.ModuleCommand m && m.name().equals(java.util.Optional.of("$B"))) {
        return m.module().bytes();
      }
    }
    throw new AssertionError("no module $B in " + ID.fixturePath());
  }

  /** What both paths must say: the fixture, the line and frame #1 in both engines' terms. */
  private static void assertNamesTheFrame(String message) {
    assertTrue(message.startsWith(V8Messages.DISAGREES + " " + ID + ": V8 disagrees at golden"
        + " frame #1, youngest first:"), message);
    assertTrue(message.contains("Coroner: instance 1, func 1, code offset 0x7 (module offset 0x"),
        message);
    assertTrue(message.contains("V8:      instance 1, wasm-function[1]:0x"), message);
    assertTrue(message.contains("(code offset 0x8)"), message);
  }

  @Test
  void theBuildsCrossCheckRejectsIt() throws Exception {
    Path goldens = temp.resolve("verify");
    GoldenFiles.blessing(goldens).check(ID, original); // a tree holding only this golden
    Files.write(GoldenLayout.at(goldens).core(ID), planted);
    GoldenSubjects subjects = GoldenSubjects.ofFixtures(fixture.file().getParent().getParent(),
        goldens);
    assertEquals(1, subjects.subjects().size(), subjects.skipped().toString());
    V8Report report = check.check(subjects.subjects(), "golden");
    Verdict.Disagreed d = assertInstanceOf(Verdict.Disagreed.class, report.verdicts().get(0));
    assertNamesTheFrame(d.message());
    assertEquals(1, report.disagreements().size());
    assertEquals(1, d.framesMatched(), "frame #0 still agrees");
    System.out.println("planted golden, build's cross-check: " + d.message());
  }

  @Test
  void blessingRefusesItWithTheSameMessage() throws Exception {
    Path goldens = temp.resolve("bless");
    GoldenFiles files = GoldenFiles.blessing(goldens).guardedBy(V8BlessGuard.of(fixture));
    files.check(ID, original); // the real capture is approved by V8 and blessed
    ConformanceFailure refused = assertThrows(ConformanceFailure.class,
        () -> files.check(ID, planted));
    assertNamesTheFrame(refused.getMessage());
    assertTrue(refused.getMessage().contains("blessing refused: nothing was written"),
        refused.getMessage());
    assertArrayEquals(original, Files.readAllBytes(GoldenLayout.at(goldens).core(ID)),
        "the golden is untouched");

    Path verify = temp.resolve("same-message");
    GoldenFiles.blessing(verify).check(ID, original);
    Files.write(GoldenLayout.at(verify).core(ID), planted);
    V8Report report = check.check(
        GoldenSubjects.ofFixtures(fixture.file().getParent().getParent(), verify).subjects(),
        "golden");
    String verifyMessage = report.disagreements().get(0).message();
    assertTrue(refused.getMessage().startsWith(verifyMessage),
        "bless: " + refused.getMessage() + "\nverify: " + verifyMessage);
  }
}
