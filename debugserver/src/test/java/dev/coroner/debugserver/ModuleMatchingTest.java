package dev.coroner.debugserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModuleMatchingTest {

  private static ModuleImage named(String file, String name) throws Exception {
    return Targets.wat(file, "(module $" + name + ")");
  }

  private static ModuleImage unnamed(String file) throws Exception {
    return ModuleImage.parse(Path.of(file), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
  }

  @Test
  void matchesByNameSectionWhateverTheOrder() throws Exception {
    ModuleImage a = named("a.wasm", "A");
    ModuleImage b = named("b.wasm", "B");
    ModuleMatching m = ModuleMatching.match(List.of("A", "B"), List.of(b, a));
    assertEquals(Optional.of(a), m.image(0));
    assertEquals(Optional.of(b), m.image(1));
    assertEquals("name section", m.bindings().get(0).how());
    assertEquals(List.of(), m.unused());
  }

  @Test
  void unnamedModulesGoByPosition() throws Exception {
    ModuleImage x = unnamed("x.wasm");
    ModuleImage y = unnamed("y.wasm");
    ModuleMatching m = ModuleMatching.match(List.of("first", "second"), List.of(x, y));
    assertEquals(Optional.of(x), m.image(0));
    assertEquals(Optional.of(y), m.image(1));
    assertEquals("position 2", m.bindings().get(1).how());
  }

  @Test
  void aModuleTakenByNameIsNotAlsoTakenByPosition() throws Exception {
    ModuleImage b = named("b.wasm", "B");
    ModuleImage x = unnamed("x.wasm");
    // A's position 1 holds B's module: A gets nothing rather than B's code.
    ModuleMatching m = ModuleMatching.match(List.of("A", "B"), List.of(b, x));
    assertEquals(Optional.empty(), m.image(0));
    assertEquals("not given", m.bindings().get(0).how());
    assertEquals(Optional.of(b), m.image(1));
    assertEquals(List.of(x), m.unused());
  }

  @Test
  void aDumpModuleWithoutAGivenModuleIsNotGiven() throws Exception {
    ModuleImage a = named("a.wasm", "A");
    ModuleMatching m = ModuleMatching.match(List.of("A", "B", "C"), List.of(a));
    assertEquals(Optional.of(a), m.image(0));
    assertEquals(Optional.empty(), m.image(1));
    assertEquals(Optional.empty(), m.image(2));
    assertEquals(Optional.empty(), m.image(7));
  }

  @Test
  void theSameNameTwiceTakesOneModuleEach() throws Exception {
    ModuleImage first = named("1.wasm", "M");
    ModuleImage second = named("2.wasm", "M");
    ModuleMatching m = ModuleMatching.match(List.of("M", "M"), List.of(first, second));
    assertEquals(Optional.of(first), m.image(0));
    assertEquals(Optional.of(second), m.image(1));
  }
}
