package dev.coroner.wasi;

import dev.coroner.interpreter.FunctionInstance;
import dev.coroner.interpreter.Instance;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.UninstantiableException;
import dev.coroner.interpreter.UnlinkableException;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.interpreter.model.Export;
import dev.coroner.interpreter.model.ExternKind;
import dev.coroner.interpreter.model.FuncType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs a WASI command module: instantiates it in a store where {@link Wasi} is registered, calls
 * its {@code _start} and says how the run ended. Shared by {@code coroner run} and the program
 * fixtures' {@link ProgramRunner}.
 */
public final class WasiCommand {
  /** The export a command module runs. */
  public static final String START = "_start";

  private static final FuncType NO_PARAMS_NO_RESULTS = FuncType.of(new int[0], new int[0]);

  private WasiCommand() {}

  /** Whether {@code module} exports a function {@value #START} (of any type). */
  public static boolean hasStart(WasmModule module) {
    for (Export e : module.exports()) {
      if (e.kind() == ExternKind.FUNC && e.name().equals(START)) {
        return true;
      }
    }
    return false;
  }

  /** The functions {@code module} exports, sorted by name. */
  public static List<String> exportedFunctions(WasmModule module) {
    List<String> names = new ArrayList<>();
    for (Export e : module.exports()) {
      if (e.kind() == ExternKind.FUNC) {
        names.add(e.name());
      }
    }
    names.sort(null);
    return names;
  }

  /**
   * Instantiates {@code module} in {@code store} (which must have {@link Wasi} registered) and
   * runs its {@value #START}.
   *
   * @param otherModules import modules the store provides besides WASI (usually none)
   * @param instanceName the instance's name (for the coredump when the module has no name)
   * @throws NotACommandException if the module exports no {@value #START} of type {@code () -> ()}
   * @throws UnlinkableException if an import cannot be satisfied (naming module, field and type)
   * @throws WasiInternalError if a WASI function failed inside Coroner or Chicory
   */
  public static ProgramOutcome run(
      Store store, WasmModule module, Set<String> otherModules, String instanceName) {
    checkStart(module);
    WasiImports.check(module, otherModules);
    Instance instance;
    try {
      instance = store.instantiate(module, instanceName);
    } catch (UninstantiableException e) {
      return classify(e.trap());
    } catch (ProgramExit e) {
      return new ProgramOutcome.Exited(e.exitCode());
    }
    FunctionInstance start = instance.function(START);
    try {
      start.call();
      return new ProgramOutcome.Exited(0);
    } catch (ProgramExit e) {
      return new ProgramOutcome.Exited(e.exitCode());
    } catch (TrapException e) {
      return classify(e);
    }
  }

  private static ProgramOutcome classify(TrapException trap) {
    return TrapException.INTERRUPTED.equals(trap.specMessage())
        ? new ProgramOutcome.Interrupted(trap)
        : new ProgramOutcome.Trapped(trap);
  }

  private static void checkStart(WasmModule module) {
    List<String> exported = exportedFunctions(module);
    if (!hasStart(module)) {
      throw new NotACommandException(
          "not a WASI command module: it exports no function \"" + START + "\" (a reactor or"
              + " library module; exported functions: "
              + (exported.isEmpty() ? "none" : String.join(", ", exported)) + ")",
          exported);
    }
    for (Export e : module.exports()) {
      if (e.kind() == ExternKind.FUNC && e.name().equals(START)) {
        FuncType t = module.functionType(e.index());
        if (!t.equals(NO_PARAMS_NO_RESULTS)) {
          throw new NotACommandException(
              "not a WASI command module: its \"" + START + "\" has type " + t
                  + ", a command's has none (func)", exported);
        }
      }
    }
  }
}
