package dev.coroner.debugserver;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Wast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Coredumps and modules the tests serve. */
final class Targets {
  private Targets() {}

  static Path programs() {
    return LldbTest.programs();
  }

  /** The -O0 inventory program's wasm file. */
  static Path inventoryWasm() {
    return programs().resolve("inventory-O0.wasm");
  }

  static CoreDump inventoryDump() throws Exception {
    return CoreDumpDecoder.decode(Files.readAllBytes(programs().resolve("inventory-O0.wasm.core")));
  }

  static ModuleImage image(Path file) throws Exception {
    return ModuleImage.parse(file, Files.readAllBytes(file));
  }

  /** The -O0 inventory program's dump with its module. */
  static CoreTarget inventory() throws Exception {
    CoreDump dump = inventoryDump();
    return CoreTarget.create(
        dump, ModuleMatching.match(dump.modules(), List.of(image(inventoryWasm()))));
  }

  /** A dump with its matched modules. */
  static CoreTarget of(CoreDump dump, ModuleImage... modules) throws TargetException {
    return CoreTarget.create(dump, ModuleMatching.match(dump.modules(), List.of(modules)));
  }

  /** The binary modules of a .wast script text, in order (wast2json --debug-names). */
  static List<byte[]> modules(String wast) throws Exception {
    List<byte[]> out = new ArrayList<>();
    for (Command c : Wast.convert("test.wast", wast).commands()) {
      if (c instanceof Command.ModuleCommand m) {
        out.add(m.module().bytes());
      }
    }
    return out;
  }

  /** The one module of a .wat text, as an image named {@code name}. */
  static ModuleImage wat(String name, String wat) throws Exception {
    return ModuleImage.parse(Path.of(name), modules(wat).get(0));
  }
}
