package dev.coroner.chicory;

import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.coroner.coredump.CoreDump;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * Coredumps for programs run by Chicory's interpreter: a {@link CoreDump} of the state at the trap
 * (frames with function index, code offset, locals and operand stack, each with its own instance;
 * every memory and global of the instances), in the canonical form of Coroner's coredump library.
 *
 * <pre>{@code
 * ChicoryCoredumps coredumps = ChicoryCoredumps.create("app.wasm");
 * WasmModule module = coredumps.parse(wasmBytes);
 * Instance instance = coredumps.instantiate(Instance.builder(module));
 * try {
 *   instance.export("run").apply();
 * } catch (ChicoryException trap) {
 *   CoreDump dump = coredumps.coreDumpOf(trap).orElseThrow();
 *   Files.write(Path.of("app.core"), CoreDumpEncoder.encode(dump));
 * }
 * }</pre>
 *
 * <p>One {@code ChicoryCoredumps} stands for a group of instances that belong together (what the
 * spec calls a store): every dump shows all of its live instances, in the order they were
 * created, with each memory and global once. It keeps the instances it has seen until they are
 * {@linkplain #forget forgotten}; an instantiation through {@link #instantiate} that fails (a
 * trapping start function) forgets its instance after the dump of that trap.
 *
 * <p>Every module must come through {@link #parse} or {@link #register}: code offsets are measured
 * in the module's bytes, which Chicory's parsed module does not keep.
 *
 * <p>Instances built elsewhere can use {@link #machineFactory()} with {@code
 * Instance.Builder.withMachineFactory}; instances whose machine did not come from this object are
 * not seen, and their frames are not in the dumps.
 *
 * <p>Thread-safe: different threads may run different instances; each dump holds the frames of the
 * thread that trapped (as thread {@code main}).
 */
public final class ChicoryCoredumps {

  static final String UNREGISTERED_TAG = "[UnregisteredModule]";
  static final String CAPTURE_FAILED_TAG = "[CaptureFailed]";

  private static final String WASI_EXIT = "com.dylibso.chicory.wasi.WasiExitException";

  private final String processName;
  private final Map<WasmModule, Registered> modules =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final List<Instance> instances = Collections.synchronizedList(new ArrayList<>());
  /**
   * Dumps by the exception that left the Wasm code (and the one that first left a frame), held
   * only as long as the exception is: the values must never refer to their keys.
   */
  private final Map<Throwable, Outcome> dumps = Collections.synchronizedMap(new WeakHashMap<>());
  private final ThreadLocal<ThreadState> threads = ThreadLocal.withInitial(ThreadState::new);

  /** A module's bytes-derived layout and the name given to it. */
  record Registered(ModuleLayout layout, Optional<String> name) {}

  /** The state taken at a trap, or why it could not be taken. */
  private record Outcome(DumpAssembler dump, RuntimeException failure) {}

  /** Per-thread state: nesting of entries into this object's machines, and the trap unwinding. */
  static final class ThreadState {
    int depth;
    Unwinding pending;
    Instance lastCreated;

    void enter() {
      // A new activation while a trap was unwinding: a host function caught that trap, and the
      // frames recorded for it are stale.
      pending = null;
      depth++;
    }

    void frameLost() {
      if (pending != null) {
        pending.incomplete = true;
      }
    }
  }

  private ChicoryCoredumps(String processName) {
    this.processName = processName;
  }

  /**
   * A new, empty set of instances whose dumps name the process {@code processName} (the {@code
   * core} section: typically the program's file name).
   *
   * @throws IllegalStateException tagged {@code [ChicoryVersion]} or {@code [ChicoryInternals]}
   *     if the Chicory runtime on the class path is not 1.7.5 or lacks the internals read at a trap
   */
  public static ChicoryCoredumps create(String processName) {
    Objects.requireNonNull(processName, "processName");
    ChicoryInternals.verify();
    return new ChicoryCoredumps(processName);
  }

  /** The process name written into every dump. */
  public String processName() {
    return processName;
  }

  /**
   * Parses a module with Chicory's {@link Parser} and registers it; the dumps name it by its name
   * section's module name, or {@code <anonymous-module-N>}.
   */
  public WasmModule parse(byte[] wasm) {
    WasmModule module = Parser.parse(wasm);
    register(module, wasm, null);
    return module;
  }

  /**
   * As {@link #parse(byte[])}; {@code name} names the module in dumps when it has no name section
   * module name.
   */
  public WasmModule parse(byte[] wasm, String name) {
    WasmModule module = Parser.parse(wasm);
    register(module, wasm, Objects.requireNonNull(name, "name"));
    return module;
  }

  /**
   * Registers a module parsed elsewhere, with the bytes it was parsed from.
   *
   * @param name names the module in dumps when it has no name section module name; may be null
   * @throws IllegalArgumentException tagged {@code [ModuleBytes]} if {@code wasm} is not the module
   *     Chicory parsed (the message names the byte offset or the function body that disagrees)
   */
  public void register(WasmModule module, byte[] wasm, String name) {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(wasm, "wasm");
    modules.put(module, new Registered(ModuleLayout.read(wasm, module), Optional.ofNullable(name)));
  }

  /**
   * The machine factory to pass to {@code Instance.Builder.withMachineFactory}: Chicory's
   * interpreter, observed. The instance is added to this object's instances.
   *
   * @throws IllegalStateException (from the builder) tagged {@value #UNREGISTERED_TAG} if the
   *     instance's module was not {@linkplain #parse parsed} or {@linkplain #register registered}
   */
  public Function<Instance, Machine> machineFactory() {
    return this::newMachine;
  }

  private Machine newMachine(Instance instance) {
    if (!modules.containsKey(instance.module())) {
      throw new IllegalStateException(
          UNREGISTERED_TAG + " this module was not given to ChicoryCoredumps.parse or register; "
              + "its coredumps need the module's bytes for code offsets");
    }
    instances.add(instance);
    threads.get().lastCreated = instance;
    return new CoredumpMachine(instance, this);
  }

  /**
   * Builds {@code builder} with this object's {@linkplain #machineFactory machine factory}. If the
   * build fails (a start function that traps), the half-built instance appears in that trap's dump
   * and is then forgotten, as if it had never been created.
   */
  public Instance instantiate(Instance.Builder builder) {
    ThreadState state = threads.get();
    state.lastCreated = null;
    try {
      return builder.withMachineFactory(machineFactory()).build();
    } catch (RuntimeException | Error e) {
      if (state.lastCreated != null) {
        forget(state.lastCreated);
      }
      throw e;
    } finally {
      state.lastCreated = null;
    }
  }

  /** Leaves {@code instance} out of later dumps (for instances no longer in use). */
  public void forget(Instance instance) {
    synchronized (instances) {
      instances.removeIf(i -> i == instance);
    }
  }

  /** The instances seen and not forgotten, in creation order. */
  public List<Instance> instances() {
    synchronized (instances) {
      return List.copyOf(instances);
    }
  }

  /**
   * The dump taken when {@code trap}, or an exception in its cause chain, left the WebAssembly
   * code; empty if none was taken (the exception did not come out of an instance of this object,
   * or a host function caught it before it left).
   *
   * @throws IllegalStateException tagged {@value #CAPTURE_FAILED_TAG} if a dump was due but could
   *     not be assembled (the cause says why)
   */
  public Optional<CoreDump> coreDumpOf(Throwable trap) {
    for (Throwable t = trap; t != null; t = t.getCause()) {
      Outcome o = dumps.get(t);
      if (o != null) {
        RuntimeException failure = o.failure();
        if (failure == null) {
          try {
            return Optional.of(o.dump().dump());
          } catch (RuntimeException e) {
            failure = e;
          }
        }
        throw new IllegalStateException(
            CAPTURE_FAILED_TAG + " the coredump of \"" + trap.getMessage()
                + "\" could not be assembled: " + failure.getMessage(),
            failure);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  // ---- called by the machines ----

  ThreadState threadState() {
    return threads.get();
  }

  Registered registered(WasmModule module) {
    return modules.get(module);
  }

  /**
   * An exception is leaving Wasm frames of {@code machine}: records the frames it holds, youngest
   * first. {@code top} is Chicory's current frame at the latest catch (null from an entry point);
   * it replaces the frame held for that catch unless the Java stack overflowed (then Chicory may
   * have left frames it could not pop on its call stack, and the held frame is the right one).
   */
  void unwinding(
      Throwable e, CoredumpMachine machine, Instance instance, MStack stack, StackFrame top) {
    int n = machine.heldCount;
    if (!isTrap(e)) {
      machine.clearHeld();
      return;
    }
    ThreadState state = threads.get();
    Unwinding u = state.pending;
    if (u == null || !u.isCausedBy(e)) {
      u = new Unwinding(e);
      state.pending = u;
    }
    boolean overflow = hasStackOverflow(e);
    for (int i = 0; i < n; i++) {
      StackFrame f = machine.held[i];
      if (i == n - 1 && top != null && !overflow) {
        f = top; // a tail call may have replaced the frame the catch was entered with
      }
      if (f != null) {
        u.add(f, instance, stack, machine);
      }
      machine.held[i] = null;
    }
    machine.heldCount = 0;
    if (machine.heldOverflow) {
      machine.heldOverflow = false;
      u.incomplete = true;
    }
  }

  private static boolean hasStackOverflow(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StackOverflowError) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** An exception left the thread's outermost entry into this object's machines. */
  void finish(ThreadState state, Throwable e) {
    Unwinding u = state.pending;
    state.pending = null;
    if (u == null || !u.isCausedBy(e)) {
      return;
    }
    for (Instance i : instances()) {
      if (i.getMachine() instanceof CoredumpMachine m && (m.heldCount > 0 || m.heldOverflow)) {
        u.incomplete = true; // frames held by a machine that no catch could hand over
        m.clearHeld();
      }
    }
    Outcome outcome;
    try {
      if (u.incomplete) {
        throw new IllegalStateException(
            "frames could not be recorded: the Java stack was exhausted while unwinding");
      }
      outcome = new Outcome(DumpAssembler.capture(this, u), null);
    } catch (RuntimeException failure) {
      outcome = new Outcome(null, failure);
    }
    dumps.put(e, outcome);
    dumps.put(u.trap(), outcome);
  }

  /**
   * Whether an exception stands for a trap: not a WebAssembly exception (exception handling) and
   * not one of Chicory's signals of a normal end (WASI's {@code proc_exit}, {@link
   * ExecutionCompletedException}).
   */
  static boolean isTrap(Throwable e) {
    return !(e instanceof WasmException)
        && !(e instanceof ExecutionCompletedException)
        && !e.getClass().getName().equals(WASI_EXIT);
  }
}
