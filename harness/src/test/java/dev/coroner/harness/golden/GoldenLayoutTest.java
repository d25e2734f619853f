package dev.coroner.harness.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenLayoutTest {

  @TempDir Path root;

  @Test
  void namesTheThreeFilesAndTheirCandidates() {
    GoldenLayout layout = GoldenLayout.at(root);
    GoldenId id = GoldenId.of("traps/div.wast", 12);
    Path dir = root.resolve("traps").resolve("div.wast");
    assertEquals(
        List.of(dir.resolve("12.core"), dir.resolve("12.core.txt"), dir.resolve("12.state.json")),
        layout.files(id));
    assertEquals(dir.resolve("12.core.txt.new"), GoldenLayout.candidate(layout.text(id)));
    assertEquals(layout.text(id), GoldenLayout.textBeside(layout.core(id)));
    assertEquals(layout.state(id), GoldenLayout.stateBeside(layout.core(id)));
    assertEquals(layout.core(id), GoldenLayout.coreBeside(layout.state(id)));
    assertEquals(id, layout.idOf(layout.core(id)));
    assertEquals("traps/div.wast/12.core", layout.relative(layout.core(id)));
  }

  @Test
  void listsCoreFilesInRelativePathOrderIgnoringCandidatesAndRenderings() throws IOException {
    for (String name : List.of("b.wast/2.core", "a.wast/10.core", "a.wast/10.core.txt",
        "a.wast/9.core.new", "a.wast/9.state.json")) {
      Path p = root.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x");
    }
    GoldenLayout layout = GoldenLayout.at(root);
    assertEquals(List.of("a.wast/10.core", "b.wast/2.core"),
        layout.coreFiles().stream().map(layout::relative).toList());
    assertEquals(List.of("a.wast/9.state.json"),
        layout.stateFiles().stream().map(layout::relative).toList());
  }

  @Test
  void idsAreRelativeSlashPathsAndFileNameSafeKeys() {
    assertEquals("a/b.wast:7", GoldenId.of("a/b.wast", 7).toString());
    assertEquals(new GoldenId("programs/hello.run", "exit"), GoldenId.parse("programs/hello.run:exit"));
    for (String bad : List.of("/abs.wast", "a\\b.wast", "a/../b.wast", "a//b.wast", "")) {
      assertThrows(IllegalArgumentException.class, () -> new GoldenId(bad, "1"), bad);
    }
    for (String bad : List.of("", ".hidden", "a/b", "a b")) {
      assertThrows(IllegalArgumentException.class, () -> new GoldenId("f.wast", bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> GoldenId.of("f.wast", 0));
    assertThrows(IllegalArgumentException.class, () -> GoldenId.parse("no-colon"));
  }

  @Test
  void missingRootIsAnError() {
    IOException e = assertThrows(IOException.class,
        () -> GoldenLayout.at(root.resolve("nope")).coreFiles());
    assertEquals("golden root " + root.resolve("nope") + " is not a directory", e.getMessage());
  }
}
