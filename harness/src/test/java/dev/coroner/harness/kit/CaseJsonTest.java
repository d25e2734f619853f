package dev.coroner.harness.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.fixtures.LaneType;
import dev.coroner.fixtures.NanPattern;
import dev.coroner.fixtures.ValueType;
import dev.coroner.fixtures.WastValue;
import dev.coroner.fixtures.json.Json;
import dev.coroner.harness.golden.GoldenId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code case.json}: the round trip of every value and step kind, and the reader's errors. */
class CaseJsonTest {

  private static final String SHA = "ab".repeat(32);

  static KitCase sample() {
    List<WastValue> args =
        List.of(
            new WastValue.Num(ValueType.I32, 0xFFFFFFFFL),
            new WastValue.Num(ValueType.I64, 0x8000000000000000L),
            new WastValue.Num(ValueType.F32, 0x7FA00001L), // a NaN with a payload
            new WastValue.Num(ValueType.F64, 0xFFF8000000000001L),
            new WastValue.Vec(LaneType.I64,
                List.of(WastValue.Lane.ofBits(1), WastValue.Lane.ofBits(0x0102030405060708L))),
            WastValue.Ref.nullOf(ValueType.FUNCREF),
            WastValue.Ref.nullOf(ValueType.EXTERNREF),
            new WastValue.Ref(ValueType.EXTERNREF, false, 5));
    List<WastValue> results =
        List.of(
            new WastValue.Nan(ValueType.F32, NanPattern.CANONICAL),
            new WastValue.Nan(ValueType.F64, NanPattern.ARITHMETIC),
            new WastValue.Ref(ValueType.FUNCREF, false, 0));
    List<KitStep> steps =
        List.of(
            new KitStep.Instantiate(OptionalInt.of(2), "A.wasm", 0, Optional.of("$A"),
                Expect.NOTHING),
            new KitStep.Register(OptionalInt.of(5), 0, "A"),
            new KitStep.Get(OptionalInt.of(6), 0, "g",
                Expect.results(List.of(new WastValue.Num(ValueType.I32, 1)))),
            new KitStep.Invoke(OptionalInt.of(7), 0, "f", List.of(), Expect.results(results)),
            new KitStep.Instantiate(OptionalInt.of(9), "B.wasm", 1, Optional.empty(),
                Expect.trap("unreachable")),
            new KitStep.Invoke(OptionalInt.of(12), 0, "all", args, Expect.NOTHING),
            new KitStep.Invoke(OptionalInt.empty(), 0, "down", List.of(),
                Expect.exhaustion("call stack exhausted")));
    return new KitCase(
        GoldenId.of("dir/x.wast", 12), KitCase.Kind.SCRIPT,
        new KitCase.Source("x.wast", "dir/x.wast", OptionalInt.of(12), SHA),
        "dir/x.wast", 100, List.of("spectest"),
        List.of(new KitModule("A.wasm", "A", SHA), new KitModule("B.wasm", "<anonymous-module-1>", SHA)),
        steps, new KitCase.Trap(6, true, "call stack exhausted"),
        new KitCase.Expected(Kit.EXPECTED_CORE, Kit.EXPECTED_TEXT, Kit.EXPECTED_STATE));
  }

  @Test
  void everyValueAndStepKindSurvivesTheRoundTrip() throws Exception {
    KitCase c = sample();
    String text = CaseJson.write(c);
    KitCase back = CaseJson.read("case.json", text);
    assertEquals(c.steps().size(), back.steps().size());
    for (int i = 0; i < c.steps().size(); i++) {
      assertEquals(normalized(c.steps().get(i)), normalized(back.steps().get(i)), "step " + i);
    }
    assertEquals(c.modules(), back.modules());
    assertEquals(c.trap(), back.trap());
    assertEquals(c.source(), back.source());
    assertEquals(text, CaseJson.write(back), "the writer is deterministic");
    assertTrue(text.contains("{\"type\": \"f32\", \"bits\": \"7fa00001\"}"), text);
    assertTrue(text.contains("{\"type\": \"externref\", \"host\": 5}"), text);
    assertTrue(text.contains("{\"type\": \"f32\", \"nan\": \"canonical\"}"), text);
    assertTrue(text.contains("\"bits\": \"01020304050607080000000000000001\""), text);
  }

  /** Steps compare by their JSON, since v128 values are read back with i64 lanes. */
  private static String normalized(KitStep s) throws KitException {
    return CaseJson.write(new KitCase(
        GoldenId.of("n.wast", 1), KitCase.Kind.SCRIPT,
        new KitCase.Source("n.wast", "n.wast", OptionalInt.empty(), SHA), "n", 1, List.of(),
        List.of(), List.of(s), new KitCase.Trap(0, false, ""),
        new KitCase.Expected("a", "b", "c")));
  }

  @Test
  void aWasiCommandCaseRoundTrips() throws Exception {
    KitCase c = new KitCase(
        new GoldenId("programs/crash.c", "default"), KitCase.Kind.WASI_COMMAND,
        new KitCase.Source("crash.c", "programs/crash.c", OptionalInt.empty(), SHA),
        "crash.wasm", 100, List.of(), List.of(new KitModule("crash.wasm", "crash.wasm", SHA)),
        List.of(new KitStep.WasiStart(OptionalInt.empty(), "crash.wasm", 0,
            List.of("crash", "--count", "3"), List.of(new KitStep.EnvVar("LANG", "C")),
            Optional.of("stdin.txt"), List.of(new KitStep.Preopen("/data", "files/data")),
            Expect.trap("unreachable"))),
        new KitCase.Trap(0, false, "unreachable"),
        new KitCase.Expected("expected.core", "expected.core.txt", "expected.state.json"));
    String text = CaseJson.write(c);
    assertEquals(text, CaseJson.write(CaseJson.read("case.json", text)));
  }

  private static KitException rejected(String from, String to) throws Exception {
    String text = CaseJson.write(sample());
    assertTrue(text.contains(from), "the sample must contain " + from);
    String bad = text.replace(from, to);
    return assertThrows(KitException.class, () -> CaseJson.read("cases/x/case.json", bad));
  }

  @Test
  void anUnknownMemberIsNamedWithItsPathAndPosition() throws Exception {
    KitException e = rejected("\"process\": ", "\"extra\": 1, \"process\": ");
    assertEquals("cases/x/case.json: $.extra (line 11, column 12): unknown member", e.getMessage());
  }

  @Test
  void bitsOfTheWrongWidthAreRejected() throws Exception {
    KitException e = rejected("\"7fa00001\"", "\"7fa0001\"");
    assertTrue(e.getMessage().contains("$.steps[5].args[2].bits"), e.getMessage());
    assertTrue(e.getMessage().endsWith("expected 8 lower-case hex digits, got \"7fa0001\""),
        e.getMessage());
  }

  @Test
  void anInstanceIsUsedOnlyAfterItIsCreated() throws Exception {
    KitException e = rejected("{\"op\": \"register\", \"line\": 5, \"instance\": 0",
        "{\"op\": \"register\", \"line\": 5, \"instance\": 3");
    assertTrue(e.getMessage().contains("$.steps[1].instance"), e.getMessage());
    assertTrue(e.getMessage().endsWith("instance 3 does not exist yet (1 created so far)"),
        e.getMessage());
  }

  @Test
  void aModuleFileMustBeListed() throws Exception {
    KitException e = rejected("\"module\": \"B.wasm\"", "\"module\": \"C.wasm\"");
    assertTrue(e.getMessage().endsWith("module file \"C.wasm\" is not listed in $.modules"),
        e.getMessage());
  }

  @Test
  void theDumpedTrapIsTheLastStep() throws Exception {
    KitException e = rejected("\"step\": 6", "\"step\": 4");
    assertTrue(e.getMessage().endsWith("the dumped trap is the last step's (6), got 4"),
        e.getMessage());
  }

  @Test
  void aNanPatternIsNotAnArgument() throws Exception {
    KitException e = rejected("{\"type\": \"f32\", \"bits\": \"7fa00001\"}",
        "{\"type\": \"f32\", \"nan\": \"canonical\"}");
    assertTrue(e.getMessage().contains("$.steps[5].args[2].nan"), e.getMessage());
    assertTrue(e.getMessage().endsWith("unknown member"), e.getMessage());
  }

  @Test
  void pathsMayNotLeaveTheCaseDirectory() throws Exception {
    KitException e = rejected("\"file\": \"A.wasm\"", "\"file\": \"../A.wasm\"");
    assertTrue(e.getMessage().contains("$.modules[0].file"), e.getMessage());
  }

  @Test
  void anotherFormatIsRefused() throws Exception {
    KitException e = rejected("\"coroner-kit/1\"", "\"coroner-kit/2\"");
    assertTrue(e.getMessage().endsWith("unsupported format \"coroner-kit/2\", expected"
        + " \"coroner-kit/1\""), e.getMessage());
  }

  @Test
  void invalidJsonNamesLineAndColumn() {
    KitException e = assertThrows(KitException.class, () -> CaseJson.read("c.json", "{\n  ,}"));
    assertTrue(e.getMessage().startsWith("c.json: invalid JSON: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("(line 2, column 3)"), e.getMessage());
  }

  @Test
  void theJsonSchemaNamesWhatTheWriterWrites() throws Exception {
    Json.Obj schema = (Json.Obj) Json.parse(resource("case.schema.json"));
    Json.Obj written = (Json.Obj) Json.parse(CaseJson.write(sample()));
    assertEquals(new TreeSet<>(written.members().keySet()), strings(schema.members().get("required")));
    assertEquals(new TreeSet<>(written.members().keySet()),
        new TreeSet<>(((Json.Obj) schema.members().get("properties")).members().keySet()));
    Set<String> ops = new TreeSet<>();
    Json.Obj defs = (Json.Obj) schema.members().get("$defs");
    for (Json.Value v : ((Json.Arr) ((Json.Obj) defs.members().get("step")).members().get("oneOf"))
        .elements()) {
      Json.Obj op = (Json.Obj) ((Json.Obj) ((Json.Obj) v).members().get("properties")).members()
          .get("op");
      ops.add(((Json.Str) op.members().get("const")).value());
    }
    assertEquals(Set.of("instantiate", "register", "invoke", "get", "wasi-start"), ops);

    Json.Obj kitSchema = (Json.Obj) Json.parse(resource("kit.schema.json"));
    Json.Obj index = (Json.Obj) Json.parse(Kit.indexText("coroner", List.of(
        Kit.Entry.of(GoldenId.of("a.wast", 3)))));
    assertEquals(new TreeSet<>(index.members().keySet()),
        strings(kitSchema.members().get("required")));
  }

  private static String resource(String name) throws Exception {
    try (var in = KitExporter.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static Set<String> strings(Json.Value array) {
    Set<String> out = new TreeSet<>();
    for (Json.Value v : ((Json.Arr) array).elements()) {
      out.add(((Json.Str) v).value());
    }
    return out;
  }
}
