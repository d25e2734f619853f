package dev.coroner.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SourceLocationTest {

  private static SourceLocation at(String name, String file, long line, long column) {
    return new SourceLocation(name, name, name, file, line, column, 0, "", 0,
        OptionalLong.empty(), false);
  }

  @Test
  void displayDropsOnlyDotSegments() {
    assertEquals("dlmalloc/src/malloc.c", SourceLocation.displayFile("././dlmalloc/src/malloc.c"));
    assertEquals("build/libc-bottom-half/crt/crt1-command.c",
        SourceLocation.displayFile("./build/./libc-bottom-half/crt/crt1-command.c"));
    assertEquals("a/b.c", SourceLocation.displayFile("a/././b.c"));
    assertEquals("/abs/../x.c", SourceLocation.displayFile("/abs/../x.c"));
  }

  @Test
  void positionLeavesOutWhatIsUnknown() {
    assertEquals("hp.c:23:5", at("f", "./hp.c", 23, 5).position());
    assertEquals("hp.c:23", at("f", "./hp.c", 23, 0).position());
    assertEquals("hp.c", at("f", "./hp.c", 0, 5).position());
    assertEquals("??", at("f", "", 0, 0).position());
  }

  @Test
  void sourceFormListsInlinedFramesInnermostFirst() {
    assertEquals("f at a.c:1:2", SourceBacktrace.source(List.of(at("f", "a.c", 1, 2))));
    assertEquals("f at a.c:1:2 (inlined into g at a.c:3:4, inlined into ?? at b.c:5)",
        SourceBacktrace.source(
            List.of(at("f", "a.c", 1, 2), at("g", "a.c", 3, 4), at("", "b.c", 5, 0))));
  }

  @Test
  void namesAndFilesAreNeverNull() {
    assertThrows(NullPointerException.class,
        () -> new SourceLocation(null, "", "", "", 0, 0, 0, "", 0, OptionalLong.empty(), false));
  }
}
