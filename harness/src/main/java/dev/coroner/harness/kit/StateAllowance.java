package dev.coroner.harness.kit;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.harness.encoder.Comparison;
import dev.coroner.harness.encoder.Divergence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The built-in {@link Allowance}s: the known divergences of real producers' dumps from the state
 * Coroner captures. The first three are the encoder gate's state divergences ({@link Divergence},
 * same rules); the last two are Wasmtime's ways with instances.
 */
public enum StateAllowance implements Allowance {

  /** {@link Divergence#LOCALS_OMITTED}: a frame's locals are empty, or all missing. */
  LOCALS_OMITTED(Divergence.LOCALS_OMITTED.description()) {
    @Override
    public Optional<CoreDump> normalize(CoreDump golden, CoreDump actual) {
      return frames(golden, actual, (g, a) -> Comparison.omits(g.locals(), a.locals()),
          (g, a) -> new Frame(a.instanceIndex(), a.functionIndex(), a.codeOffset(), g.locals(),
              a.stack()));
    }
  },

  /** {@link Divergence#STACK_OMITTED}: a frame's operand stack is empty, or all missing. */
  STACK_OMITTED(Divergence.STACK_OMITTED.description()) {
    @Override
    public Optional<CoreDump> normalize(CoreDump golden, CoreDump actual) {
      return frames(golden, actual, (g, a) -> Comparison.omits(g.stack(), a.stack()),
          (g, a) -> new Frame(a.instanceIndex(), a.functionIndex(), a.codeOffset(), a.locals(),
              g.stack()));
    }
  },

  /**
   * {@link Divergence#GLOBAL_MUTABILITY}: a global's mutability flag differs (Wasmtime keeps the
   * declared flag; canonical dumps write every global immutable).
   */
  GLOBAL_MUTABILITY(Divergence.GLOBAL_MUTABILITY.description()) {
    @Override
    public Optional<CoreDump> normalize(CoreDump golden, CoreDump actual) {
      if (golden.globals().size() != actual.globals().size()) {
        return Optional.empty();
      }
      List<Global> globals = new ArrayList<>(actual.globals());
      boolean found = false;
      for (int i = 0; i < globals.size(); i++) {
        boolean mutable = golden.globals().get(i).mutable();
        if (globals.get(i).mutable() != mutable) {
          globals.set(i, globals.get(i).withMutable(mutable));
          found = true;
        }
      }
      return found
          ? Optional.of(new CoreDump(actual.processName(), actual.modules(), actual.instances(),
              actual.memories(), globals, actual.threads()))
          : Optional.empty();
    }
  },

  /**
   * An instance lists {@code 0xFFFFFFFF} (u32::MAX) for one of its memories or globals where the
   * golden has an index, as Wasmtime does for an entity it did not capture. Either the entity is
   * still in the dump's memory or global section, or it is left out, and then it must be the only
   * thing missing: the rest of the section, and every other instance's indices, line up with the
   * golden's once the golden's left-out entities are removed.
   */
  ABSENT_INDEX("u32::MAX (0xFFFFFFFF) placeholder for a memory or global left out") {
    @Override
    public Optional<CoreDump> normalize(CoreDump golden, CoreDump actual) {
      if (golden.instances().size() != actual.instances().size()) {
        return Optional.empty();
      }
      Optional<Entities<Memory>> memories =
          Entities.restore(golden, actual, golden.memories(), actual.memories(), true);
      Optional<Entities<Global>> globals =
          Entities.restore(golden, actual, golden.globals(), actual.globals(), false);
      if (memories.isEmpty() && globals.isEmpty()) {
        return Optional.empty();
      }
      List<Instance> instances = new ArrayList<>();
      for (int i = 0; i < actual.instances().size(); i++) {
        int index = i;
        Instance a = actual.instances().get(i);
        instances.add(
            new Instance(
                a.moduleIndex(),
                memories.map(e -> e.slots().get(index)).orElse(a.memories()),
                globals.map(e -> e.slots().get(index)).orElse(a.globals())));
      }
      return Optional.of(
          new CoreDump(
              actual.processName(), actual.modules(), instances,
              memories.map(Entities::entities).orElse(actual.memories()),
              globals.map(Entities::entities).orElse(actual.globals()),
              actual.threads()));
    }
  },

  /**
   * A frame names the last instance of its module instead of its own: Wasmtime recovers a frame's
   * module from its code address and then picks the last instance of that module, which is wrong
   * when a module is instantiated more than once.
   */
  LAST_INSTANCE_FRAME("frame names the last instance of its module, not its own") {
    @Override
    public Optional<CoreDump> normalize(CoreDump golden, CoreDump actual) {
      return frames(golden, actual,
          (g, a) -> a.instanceIndex() != g.instanceIndex()
              && a.instanceIndex() == lastInstanceOfModule(golden, g.instanceIndex()),
          (g, a) -> new Frame(g.instanceIndex(), a.functionIndex(), a.codeOffset(), a.locals(),
              a.stack()));
    }
  };

  private final String description;

  StateAllowance(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }

  /** The highest index of an instance of the module of {@code golden}'s instance {@code i}. */
  static int lastInstanceOfModule(CoreDump golden, int i) {
    if (i < 0 || i >= golden.instances().size()) {
      return -2; // never an instance index
    }
    int module = golden.instances().get(i).moduleIndex();
    int last = i;
    for (int k = 0; k < golden.instances().size(); k++) {
      if (golden.instances().get(k).moduleIndex() == module) {
        last = k;
      }
    }
    return last;
  }

  /**
   * {@code actual} with every frame for which {@code diverges(golden frame, actual frame)} holds
   * replaced by {@code fix(golden frame, actual frame)}; empty when no frame diverges or the
   * threads do not line up.
   */
  static Optional<CoreDump> frames(
      CoreDump golden, CoreDump actual, BiPredicate<Frame, Frame> diverges,
      java.util.function.BinaryOperator<Frame> fix) {
    if (golden.threads().size() != actual.threads().size()) {
      return Optional.empty();
    }
    boolean found = false;
    List<CoreStack> threads = new ArrayList<>();
    for (int t = 0; t < actual.threads().size(); t++) {
      CoreStack gs = golden.threads().get(t);
      CoreStack as = actual.threads().get(t);
      List<Frame> frames = new ArrayList<>(as.frames());
      for (int f = 0; f < Math.min(gs.frames().size(), frames.size()); f++) {
        Frame g = gs.frames().get(f);
        if (diverges.test(g, frames.get(f))) {
          frames.set(f, fix.apply(g, frames.get(f)));
          found = true;
        }
      }
      threads.add(new CoreStack(as.threadName(), frames));
    }
    if (!found) {
      return Optional.empty();
    }
    return Optional.of(new CoreDump(actual.processName(), actual.modules(), actual.instances(),
        actual.memories(), actual.globals(), threads));
  }
}
