package dev.coroner.wasi;

import dev.coroner.interpreter.UnlinkableException;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.interpreter.model.ExternKind;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.Import;
import dev.coroner.interpreter.model.Limits;
import dev.coroner.interpreter.model.ValType;
import java.util.Set;

/**
 * Checks a module's imports before it is instantiated, so that a link error names the import
 * module, the field and the type the module asked for (the interpreter's own link errors name the
 * module and field only).
 */
public final class WasiImports {
  private WasiImports() {}

  /**
   * Checks every import of {@code module}: those of {@value Wasi#MODULE} must be WASI functions of
   * the right type; those of a module in {@code otherModules} are left to the store; any other
   * import is unknown.
   *
   * @throws UnlinkableException naming the first import that cannot be satisfied
   */
  public static void check(WasmModule module, Set<String> otherModules) {
    for (Import i : module.imports()) {
      String what = "\"" + i.module() + "\" \"" + i.name() + "\" " + describe(module, i);
      if (i.module().equals(Wasi.MODULE)) {
        if (i.kind() != ExternKind.FUNC) {
          throw new UnlinkableException("incompatible import type",
              what + ": " + Wasi.MODULE + " exports only functions");
        }
        FuncType wanted = module.types().get(i.typeIndex());
        FuncType actual = Wasi.functionType(i.name()).orElseThrow(() ->
            new UnlinkableException("unknown import",
                what + ": WASI preview 1 (as implemented by Chicory 1.7.5) has no function \""
                    + i.name() + "\""));
        if (!actual.equals(wanted)) {
          throw new UnlinkableException("incompatible import type",
              what + ": WASI preview 1 defines \"" + i.name() + "\" as " + actual);
        }
      } else if (!otherModules.contains(i.module())) {
        throw new UnlinkableException("unknown import",
            what + ": no module \"" + i.module() + "\" is available (only " + Wasi.MODULE
                + (otherModules.isEmpty() ? "" : ", " + String.join(", ", otherModules.stream()
                    .sorted().toList())) + ")");
      }
    }
  }

  /** The import's type in text-format terms, for instance {@code (func (param i32))}. */
  static String describe(WasmModule module, Import i) {
    switch (i.kind()) {
      case ExternKind.FUNC:
        return module.types().get(i.typeIndex()).toString();
      case ExternKind.MEMORY:
        return "(memory " + limits(i.memory()) + ")";
      case ExternKind.TABLE:
        return "(table " + limits(i.table().limits()) + " "
            + ValType.name(i.table().elemType()) + ")";
      default: {
        String t = ValType.name(i.global().valType());
        return "(global " + (i.global().mutable() ? "(mut " + t + ")" : t) + ")";
      }
    }
  }

  private static String limits(Limits l) {
    return l.min() + (l.hasMax() ? " " + l.max() : "");
  }
}
