package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coroner.coredump.NameSection;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The coredump library's name-section parser on modules another tool wrote: wabt's wast2json
 * with debug names. The expected names are the ones in the source text.
 */
class NameSectionFromWabtTest {

  @Test
  void readsTheNamesWabtWritesFromTheSourceText() throws Exception {
    byte[] module =
        Cli.modules(
                "(module $calc\n"
                    + "  (import \"env\" \"log\" (func $log (param i32)))\n"
                    + "  (func $add (param $a i32) (param $b i32) (result i32) (local $sum i32)\n"
                    + "    local.get $a local.get $b i32.add)\n"
                    + "  (func (export \"anonymous\") (param i64))\n"
                    + "  (func $last unreachable))")
            .get(0);
    NameSection n = NameSection.fromModule(module);
    assertEquals(Optional.of("calc"), n.moduleName());
    assertEquals(Map.of(0, "log", 1, "add", 3, "last"), n.functionNames());
    assertEquals(Optional.of("a"), n.localName(1, 0));
    assertEquals(Optional.of("b"), n.localName(1, 1));
    assertEquals(Optional.of("sum"), n.localName(1, 2));
    assertEquals(Optional.empty(), n.localName(2, 0));
  }

  @Test
  void aModuleWithoutNamesHasNone() throws Exception {
    byte[] module = Cli.modules("(module (func (param i32)))").get(0);
    NameSection n = NameSection.fromModule(module);
    assertEquals(Optional.empty(), n.moduleName());
    assertEquals(Map.of(), n.functionNames());
  }
}
