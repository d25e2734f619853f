package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's drawn boundary: exactly these types are public. The parser, validator,
 * instruction table, compiled code and the loop are package-private; a new public type is a
 * decision to make here, not an accident.
 */
class PublicApiTest {

  @Test
  void onlyTheEmbeddingApiIsPublic() throws Exception {
    // ExecutionTier and TierCode: the hook for other execution tiers (the compiler module).
    assertEquals(Set.of("ExecutionTier", "TierCode",
        "Extern", "Features", "FrameView", "FunctionInstance", "GlobalInstance", "HostFunction",
        "Instance", "InvalidException", "MalformedException", "MemoryInstance", "Store",
        "StoreConfig", "TableInstance", "TrapException", "UninstantiableException",
        "UnlinkableException", "WasmException", "WasmModule"), publicTypes(""));
  }

  @Test
  void subpackagesExposeModuleTypesScriptsAndSemantics() throws Exception {
    assertEquals(Set.of("Export", "ExternKind", "FuncType", "GlobalType", "Import", "Limits",
        "TableType", "ValType"), publicTypes("model"));
    assertEquals(Set.of("HostModules", "ScriptAction", "ScriptEnvironment", "ScriptValue"),
        publicTypes("script"));
    assertEquals(Set.of("F32", "F64", "I32", "I64", "Memory", "Table", "Trap", "V128"),
        publicTypes("semantics"));
  }

  /** The public top-level types of {@code dev.coroner.interpreter[.sub]}, by simple name. */
  private static Set<String> publicTypes(String sub) throws IOException, URISyntaxException,
      ClassNotFoundException {
    String pkg = "dev.coroner.interpreter" + (sub.isEmpty() ? "" : "." + sub);
    Path dir = Path.of(Store.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(pkg.replace('.', '/'));
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String file = f.getFileName().toString();
        if (!file.endsWith(".class") || file.contains("$") || file.startsWith("package-info")) {
          continue;
        }
        Class<?> c = Class.forName(pkg + "." + file.substring(0, file.length() - 6));
        if (Modifier.isPublic(c.getModifiers())) {
          names.add(c.getSimpleName());
        }
      }
    }
    return names;
  }
}
