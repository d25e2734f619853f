package dev.coroner.harness.v8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class V8OutputTest {

  private static final String DONE = "{\"done\":true,\"jobs\":1}\n";

  @Test
  void readsEveryOutcome() throws Exception {
    String out =
        "{\"id\":\"a.wast\",\"key\":\"3\",\"outcome\":\"trap\",\"error\":\"RuntimeError\","
            + "\"message\":\"unreachable\",\"frames\":[[0,1,33],[1,0,4294967295]]}\n"
            + "{\"id\":\"a.wast\",\"key\":\"4\",\"outcome\":\"exhaustion\",\"error\":\"RangeError\","
            + "\"message\":\"m\",\"frames\":[]}\n"
            + "{\"id\":\"a.wast\",\"key\":\"5\",\"outcome\":\"unavailable\",\"module\":\"coroner\","
            + "\"line\":2}\n"
            + "{\"id\":\"p\",\"key\":\"k\",\"outcome\":\"exit\",\"code\":3}\n"
            + "{\"id\":\"a.wast\",\"key\":null,\"outcome\":\"failed\",\"message\":\"why\"}\n"
            + DONE;
    List<V8Result> results = V8Output.parse(out, 1);
    assertEquals(
        List.of(
            new V8Result.Trapped("a.wast", "3", false, "RuntimeError", "unreachable",
                List.of(new V8Frame(0, 1, 33), new V8Frame(1, 0, 0xFFFF_FFFFL))),
            new V8Result.Trapped("a.wast", "4", true, "RangeError", "m", List.of()),
            new V8Result.Unavailable("a.wast", "5", "coroner", Optional.of(2)),
            new V8Result.Exited("p", "k", 3),
            new V8Result.Failed("a.wast", Optional.empty(), "why")),
        results);
  }

  @Test
  void rejectsOutputThatStopsEarly() {
    V8Exception e = assertThrows(V8Exception.class, () -> V8Output.parse(
        "{\"id\":\"p\",\"key\":\"k\",\"outcome\":\"exit\",\"code\":3}\n", 1));
    assertEquals("the V8 script's output, line 1:1: the last line must be {\"done\": true, ...}:"
        + " the script stopped early", e.getMessage());
    e = assertThrows(V8Exception.class, () -> V8Output.parse("", 1));
    assertEquals("the V8 script printed nothing", e.getMessage());
    e = assertThrows(V8Exception.class, () -> V8Output.parse(DONE, 2));
    assertEquals("the V8 script's output, line 1:1: the script ran 1 jobs, 2 were sent",
        e.getMessage());
  }

  @Test
  void rejectsUnknownMembersAndBadNumbersWithTheirPlace() {
    V8Exception e = assertThrows(V8Exception.class, () -> V8Output.parse(
        "{\"id\":\"p\",\"key\":\"k\",\"outcome\":\"exit\",\"code\":3,\"extra\":1}\n" + DONE, 1));
    assertEquals("the V8 script's output, line 1:55: unexpected member \"extra\"", e.getMessage());
    e = assertThrows(V8Exception.class, () -> V8Output.parse(
        "{\"id\":\"a\",\"key\":\"3\",\"outcome\":\"trap\",\"error\":\"E\",\"message\":\"m\","
            + "\"frames\":[[0,1,3.5]]}\n" + DONE, 1));
    assertEquals("the V8 script's output, line 1:79: \"offset\" must be an integer, found 3.5",
        e.getMessage());
    e = assertThrows(V8Exception.class, () -> V8Output.parse(
        "{\"id\":\"a\",\"key\":\"3\",\"outcome\":\"trap\",\"error\":\"E\",\"message\":\"m\","
            + "\"frames\":[[0,1]]}\n" + DONE, 1));
    assertEquals("the V8 script's output, line 1:74: a frame must be [instance, function, offset]",
        e.getMessage());
    e = assertThrows(V8Exception.class, () -> V8Output.parse(
        "{\"id\":\"a\",\"key\":\"3\",\"outcome\":\"trap\",\"error\":\"E\",\"message\":\"m\","
            + "\"frames\":[[0,1,4294967296]]}\n" + DONE, 1));
    assertEquals("the V8 script's output, line 1:79: \"offset\" out of range: 4294967296",
        e.getMessage());
    e = assertThrows(V8Exception.class, () -> V8Output.parse("not json\n" + DONE, 1));
    assertEquals("the V8 script's output, line 1:", e.getMessage().substring(0, 31));
  }
}
