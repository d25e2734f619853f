package dev.coroner.wasi;

import com.dylibso.chicory.log.Logger;
import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.coroner.interpreter.FunctionInstance;
import dev.coroner.interpreter.HostFunction;
import dev.coroner.interpreter.Instance;
import dev.coroner.interpreter.MemoryInstance;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.model.ExternKind;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.Import;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * WASI preview 1 ({@value #MODULE}) for one program: Chicory's {@link WasiPreview1}, configured by
 * {@link WasiOptions} (arguments, environment, stdio, preopened directories, clock, randomness),
 * bound to the interpreter's host functions by {@link #register(Store)}.
 *
 * <p>How a call ends (see the package documentation for why):
 *
 * <ul>
 *   <li>with the errno Chicory returns;
 *   <li>{@code EFAULT} when it touches bytes outside the caller's memory (never a trap);
 *   <li>{@code ENOSYS} for the functions Chicory declares but does not implement;
 *   <li>{@link ProgramExit} for {@code proc_exit};
 *   <li>a {@link TrapException} "interrupted" when {@link Store#interrupt()} woke it from a wait;
 *   <li>{@link WasiInternalError} for anything else Chicory throws.
 * </ul>
 */
public final class Wasi implements Closeable {
  /** The import module name of WASI preview 1. */
  public static final String MODULE = "wasi_snapshot_preview1";

  private static final String NOT_SUPPORTED = "We don't yet support this WASI call";
  /**
   * WASI preview 1 errno values ({@code wasi_snapshot_preview1.witx}, type {@code errno});
   * Chicory's own enum is not public.
   */
  static final int EFAULT = 21;

  static final int ENOSYS = 52;

  private final WasiPreview1 wasi;

  private Wasi(WasiOptions options) {
    this.wasi =
        WasiPreview1.builder().withLogger(SilentLogger.INSTANCE).withOptions(options).build();
  }

  /**
   * WASI for one program. {@code proc_exit(0)} ends the run like any other exit code, whatever
   * {@code options} say about it.
   */
  public static Wasi create(WasiOptions options) {
    return new Wasi(Objects.requireNonNull(options, "options"));
  }

  /** The names of every function, in alphabetical order. */
  public static List<String> functionNames() {
    List<String> names = new ArrayList<>();
    for (WasiFunction f : WasiFunctions.all()) {
      names.add(f.name());
    }
    return names;
  }

  /** The type of the WASI function {@code name}, if there is one. */
  public static Optional<FuncType> functionType(String name) {
    return Optional.ofNullable(WasiFunctions.named(name)).map(WasiFunction::type);
  }

  /**
   * Makes every function importable from {@code store} under {@value #MODULE}; call it before
   * instantiating the program (and check its imports with {@link WasiImports#check}).
   */
  public void register(Store store) {
    Map<String, FunctionInstance> functions = new LinkedHashMap<>();
    for (WasiFunction f : WasiFunctions.all()) {
      functions.put(f.name(), store.hostFunction(f.type(), (context, args) -> call(f, context, args)));
    }
    store.register(MODULE, functions);
  }

  /** Closes the files the program left open (not its stdio streams' owners' business). */
  @Override
  public void close() {
    wasi.close();
  }

  private long[] call(WasiFunction f, HostFunction.CallContext context, long[] args) {
    GuestMemory memory = GuestMemory.of(memoryOf(context.caller()));
    int errno;
    try {
      errno = f.call().call(wasi, memory, args);
    } catch (RuntimeException e) {
      errno = handle(f, context, e);
    }
    return f.type().resultCount() == 0 ? new long[0] : new long[] {errno & 0xFFFFFFFFL};
  }

  /** The errno for a thrown exception, or the exception that ends the call. */
  private static int handle(WasiFunction f, HostFunction.CallContext context, RuntimeException e) {
    if (e instanceof MemoryFault) {
      return EFAULT;
    }
    if (e instanceof WasiExitException) {
      throw new ProgramExit(Integer.toUnsignedLong(((WasiExitException) e).exitCode()));
    }
    if (e instanceof ExecutionCompletedException) {
      throw new ProgramExit(0);
    }
    if (e instanceof ChicoryException && String.valueOf(e.getMessage()).startsWith(NOT_SUPPORTED)) {
      return ENOSYS;
    }
    if (e instanceof ChicoryException && context.store().isInterrupted()) {
      throw new TrapException(TrapException.INTERRUPTED,
          "Store.interrupt() was called while in WASI function " + f.name(), e);
    }
    throw new WasiInternalError(f.name(), e);
  }

  /** Memory 0 of {@code instance}, or null when it has none (or the caller is the embedder). */
  private static MemoryInstance memoryOf(Instance instance) {
    if (instance == null) {
      return null;
    }
    int count = instance.module().memories().size();
    for (Import i : instance.module().imports()) {
      if (i.kind() == ExternKind.MEMORY) {
        count++;
      }
    }
    return count == 0 ? null : instance.memory(0);
  }

  /** Chicory's WASI traces every call; Coroner does not want that output. */
  enum SilentLogger implements Logger {
    INSTANCE;

    @Override
    public void log(Level level, String msg, Throwable throwable) {}

    @Override
    public boolean isLoggable(Level level) {
      return false;
    }
  }
}
