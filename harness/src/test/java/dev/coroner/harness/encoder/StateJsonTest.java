package dev.coroner.harness.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateJsonTest {

  private static CoreDump small() {
    CoreDump.Builder b = CoreDump.builder("t.wast");
    b.addModule("A");
    byte[] mem = new byte[Memory.PAGE_SIZE];
    mem[1] = 1;
    mem[3] = 2; // a short zero gap stays in the run
    mem[100] = (byte) 0xff; // a long one starts a new run
    b.addMemory(Memory.of(MemoryContents.of(mem), OptionalLong.of(2)));
    b.addGlobal(Global.i64(-2));
    b.addGlobal(Global.v128(1, 2));
    b.addGlobal(Global.nullRef(dev.coroner.coredump.ValueType.FUNCREF));
    b.addInstance(new Instance(0, List.of(0), List.of(0, 1, 2)));
    b.addThread(new CoreStack("main", List.of(
        new Frame(0, 3, 17, List.of(Value.i32(-1), Value.MISSING), List.of(Value.f32(1.5f))))));
    return b.build();
  }

  @Test
  void writesTheDocumentedLayout() {
    String expected =
        "{\n"
            + "  \"format\": \"coroner-state/1\",\n"
            + "  \"process\": \"t.wast\",\n"
            + "  \"modules\": [\"A\"],\n"
            + "  \"instances\": [\n"
            + "    {\"module\": 0, \"memories\": [0], \"globals\": [0, 1, 2]}\n"
            + "  ],\n"
            + "  \"memories\": [\n"
            + "    {\n"
            + "      \"min\": 1,\n"
            + "      \"max\": 2,\n"
            + "      \"memory64\": false,\n"
            + "      \"shared\": false,\n"
            + "      \"data\": [{\"offset\": 1, \"hex\": \"010002\"}, {\"offset\": 100, \"hex\": \"ff\"}]\n"
            + "    }\n"
            + "  ],\n"
            + "  \"globals\": [\n"
            + "    {\"type\": \"i64\", \"mutable\": false, \"bits\": \"fffffffffffffffe\"},\n"
            + "    {\"type\": \"v128\", \"mutable\": false, \"bits\": \"00000000000000020000000000000001\"},\n"
            + "    {\"type\": \"funcref\", \"mutable\": false}\n"
            + "  ],\n"
            + "  \"threads\": [\n"
            + "    {\n"
            + "      \"name\": \"main\",\n"
            + "      \"frames\": [\n"
            + "        {\n"
            + "          \"instance\": 0,\n"
            + "          \"func\": 3,\n"
            + "          \"codeoffset\": 17,\n"
            + "          \"locals\": [{\"type\": \"i32\", \"bits\": \"ffffffff\"}, {\"type\": \"missing\"}],\n"
            + "          \"stack\": [{\"type\": \"f32\", \"bits\": \"3fc00000\"}]\n"
            + "        }\n"
            + "      ]\n"
            + "    }\n"
            + "  ]\n"
            + "}\n";
    assertEquals(expected, StateJson.write(small()));
  }

  @Test
  void roundTripsEverySyntheticDump() throws StateJsonException {
    for (Map.Entry<String, CoreDump> e : SyntheticGoldens.dumps().entrySet()) {
      String text = StateJson.write(e.getValue());
      CoreDump back = StateJson.read(text);
      assertEquals(e.getValue(), back, e.getKey());
      assertEquals(text, StateJson.write(back), e.getKey());
    }
  }

  private static String error(String text) {
    return assertThrows(StateJsonException.class, () -> StateJson.read(text)).getMessage();
  }

  private static String small(String from, String to) {
    String text = StateJson.write(small());
    assertTrue(text.contains(from), from);
    return text.replace(from, to);
  }

  private static void assertContains(String part, String message) {
    assertTrue(message.contains(part), message);
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    assertEquals("invalid JSON: expected ',' or '}' in object (line 2, column 6, offset 10)",
        error("{\"a\"\n  :1 2}"));
    assertContains("expected a member name", error("{\"a\": 1,}"));
    assertContains("leading zero", error("[01]"));
    assertContains("duplicate member \"a\" (line 1, column 8", error("{\"a\":1,\"a\":2}"));
    assertContains("unexpected 'x' after the JSON value", error("{} x"));
    assertContains("control character in string", error("\"\t\""));
  }

  @Test
  void schemaErrorsNameTheMemberPath() {
    assertEquals(
        "$.globals[0].bits (line 18, column 47): expected 16 lower-case hex digits, found \"fe\"",
        error(small("\"fffffffffffffffe\"", "\"fe\"")));
    assertEquals("$.memories[0] (line 9, column 5): missing member \"max\"",
        error(small("\"max\": 2", "\"maxi\": 2")));
    assertEquals("$.memories[0] (line 11, column 25): unknown member \"maxi\"",
        error(small("\"max\": 2", "\"max\": 2, \"maxi\": 2")));
    assertContains(
        "$.memories[0].data[1].offset (line 14, column 59): run starts at 2, before",
        error(small("\"offset\": 100", "\"offset\": 2")));
    assertContains(
        "lies outside the memory of 65536 bytes",
        error(small("\"offset\": 100", "\"offset\": 65536")));
    assertContains(
        "$.threads[0].frames[0].func (line 28, column 19): integer 4294967296 out of",
        error(small("\"func\": 3", "\"func\": 4294967296")));
    assertContains(
        "$.threads[0].frames[0].locals[1].type",
        error(small("\"type\": \"missing\"", "\"type\": \"v128\"")));
    assertContains(
        "unsupported format \"x\"",
        error(small("\"format\": \"coroner-state/1\"", "\"format\": \"x\"")));
    assertContains(
        "expected an integer from 0 to 4294967295, found 1.5",
        error(small("\"codeoffset\": 17", "\"codeoffset\": 1.5")));
  }

  @Test
  void readFromFileNamesTheFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("1.state.json");
    Files.writeString(f, "[]", StandardCharsets.UTF_8);
    StateJsonException e = assertThrows(StateJsonException.class, () -> StateJson.read(f));
    assertEquals(f + ": $ (line 1, column 1): expected an object, found array", e.getMessage());
  }
}
