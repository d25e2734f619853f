package dev.coroner.harness.kit;

import dev.coroner.fixtures.Action;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Fixture;
import dev.coroner.fixtures.WastModule;
import dev.coroner.fixtures.WastValue;
import dev.coroner.harness.FixtureRunner;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.interpreter.WasmException;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.interpreter.model.Import;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the commands of one {@code .wast}/{@code .wat} fixture into kit cases, one per trapping
 * command: the steps are every command before it, in script order, then the command itself, with
 * "the current module" resolved to instance numbers.
 *
 * <p>It replays what the store will hold at each trap (which modules are live, in which order), so
 * that each module file carries the name the dump's {@code coremodules} section gives it, by the
 * rule of {@code docs/coredump-format.md} section 3.3: the {@code name} section's module name,
 * else the script's name for it ({@code $A} is {@code A}), else {@code <anonymous-module-N>}. The
 * exporter checks the result against the golden.
 */
final class CaseBuilder {

  /** Host modules a runtime must provide when a case imports from them. */
  static final Set<String> HOST_MODULES = Set.of("spectest", "coroner");

  /** A distinct module of the fixture (by bytes). */
  static final class Module {
    final int index;
    final byte[] bytes;
    final Optional<String> nameSection;
    final Set<String> imports;

    Module(int index, byte[] bytes, Optional<String> nameSection, Set<String> imports) {
      this.index = index;
      this.bytes = bytes;
      this.nameSection = nameSection;
      this.imports = imports;
    }
  }

  /**
   * A case before its files are named: steps refer to modules as {@code "#<index>"}.
   *
   * @param modules the modules the steps instantiate, in order of first instantiation, with the
   *     name the dump gives each
   * @param registered the names the steps register, in order
   * @param scriptNames the script's name for each module ({@code $A}), where it has one
   * @param liveNames the dump's module names, in order, as the replay predicts them
   */
  record Draft(
      GoldenId id,
      int line,
      List<KitStep> steps,
      Map<Module, String> modules,
      Map<Module, String> registered,
      Map<Module, String> scriptNames,
      List<String> liveNames,
      boolean exhaustion,
      String message) {}

  private final Fixture fixture;
  private final Map<ByteBuffer, Module> modulesByBytes = new HashMap<>();
  private final List<KitStep> steps = new ArrayList<>();
  private final Map<String, Integer> instanceByName = new HashMap<>();
  private final Map<Integer, Module> moduleOfInstance = new HashMap<>();
  private final Map<Module, String> firstScriptName = new LinkedHashMap<>();
  private final Map<Module, String> firstRegistered = new LinkedHashMap<>();
  /** Modules in the store, in the order the dump lists them, with their dump names. */
  private final Map<Module, String> live = new LinkedHashMap<>();
  private Integer current;
  private int instances;

  private CaseBuilder(Fixture fixture) {
    this.fixture = fixture;
  }

  /** The cases of {@code fixture}, in script order. */
  static List<Draft> build(Fixture fixture) throws KitException {
    return new CaseBuilder(fixture).run();
  }

  private List<Draft> run() throws KitException {
    List<Draft> drafts = new ArrayList<>();
    for (Command command : fixture.script().commands()) {
      Draft d = add(command);
      if (d != null) {
        drafts.add(d);
      }
    }
    return drafts;
  }

  private String where(Command c) {
    return fixture.relativePath() + ":" + c.line();
  }

  /** Adds the command's step; returns the case it ends, for a trapping command. */
  private Draft add(Command command) throws KitException {
    OptionalInt line = OptionalInt.of(command.line());
    String where = where(command);
    if (command instanceof Command.ModuleCommand m) {
      Module module = module(m.module(), where);
      int instance = instances++;
      String display = m.name().map(n -> n.startsWith("$") ? n.substring(1) : n).orElse(null);
      steps.add(new KitStep.Instantiate(line, ref(module), instance, m.name(), Expect.NOTHING));
      m.name().ifPresent(n -> {
        instanceByName.put(n, instance);
        firstScriptName.putIfAbsent(module, n);
      });
      moduleOfInstance.put(instance, module);
      current = instance;
      live.computeIfAbsent(module, k -> dumpName(k, display, live.size()));
      return null;
    }
    if (command instanceof Command.Register r) {
      int instance = instance(r.module(), where);
      steps.add(new KitStep.Register(line, instance, r.as()));
      firstRegistered.putIfAbsent(moduleOfInstance.get(instance), r.as());
      return null;
    }
    if (command instanceof Command.ActionCommand a) {
      steps.add(action(a.action(), line, Expect.NOTHING, where));
      return null;
    }
    if (command instanceof Command.AssertReturn r) {
      steps.add(action(r.action(), line, Expect.results(r.expected()), where));
      return null;
    }
    if (command instanceof Command.AssertTrap t) {
      if (t.isModuleTrap()) {
        Module module = module(t.module().orElseThrow(), where);
        int instance = instances++;
        moduleOfInstance.put(instance, module);
        steps.add(
            new KitStep.Instantiate(line, ref(module), instance, Optional.empty(),
                Expect.trap(t.text())));
        // The instance is live while its start function runs, and is gone afterwards.
        Map<Module, String> atTrap = new LinkedHashMap<>(live);
        atTrap.computeIfAbsent(module, k -> dumpName(k, null, atTrap.size()));
        return draft(command, atTrap, false, t.text());
      }
      steps.add(action(t.action().orElseThrow(), line, Expect.trap(t.text()), where));
      return draft(command, live, false, t.text());
    }
    if (command instanceof Command.AssertExhaustion x) {
      steps.add(action(x.action(), line, Expect.exhaustion(x.text()), where));
      return draft(command, live, true, x.text());
    }
    throw new KitException(
        where + ": command " + command.getClass().getSimpleName()
            + " is not supported in coredump fixtures, so it cannot be exported");
  }

  private Draft draft(Command command, Map<Module, String> liveAtTrap, boolean exhaustion,
      String message) {
    Map<Module, String> used = new LinkedHashMap<>();
    for (KitStep s : steps) {
      if (s instanceof KitStep.Instantiate i) {
        Module m = moduleOf(i.module());
        used.computeIfAbsent(
            m, k -> liveAtTrap.getOrDefault(k, dumpName(k, scriptName(k), liveAtTrap.size())));
      }
    }
    Map<Module, String> registered = new LinkedHashMap<>();
    Map<Module, String> scriptNames = new LinkedHashMap<>();
    for (Module m : used.keySet()) {
      if (firstRegistered.containsKey(m)) {
        registered.put(m, firstRegistered.get(m));
      }
      if (firstScriptName.containsKey(m)) {
        scriptNames.put(m, firstScriptName.get(m));
      }
    }
    return new Draft(
        GoldenId.of(fixture.relativePath(), command.line()), command.line(), List.copyOf(steps),
        used, registered, scriptNames, List.copyOf(liveAtTrap.values()), exhaustion, message);
  }

  private String scriptName(Module m) {
    String n = firstScriptName.get(m);
    return n == null ? null : n.startsWith("$") ? n.substring(1) : n;
  }

  /** The dump's name for a module entering the store at {@code index}. */
  private static String dumpName(Module m, String given, int index) {
    if (m.nameSection.isPresent()) {
      return m.nameSection.get();
    }
    return given != null ? given : "<anonymous-module-" + index + ">";
  }

  private KitStep action(Action action, OptionalInt line, Expect expect, String where)
      throws KitException {
    int instance = instance(action.module(), where);
    if (action instanceof Action.Invoke invoke) {
      for (WastValue v : invoke.args()) {
        if (v instanceof WastValue.Nan || (v instanceof WastValue.Ref r && !r.isNull()
            && r.type() == dev.coroner.fixtures.ValueType.FUNCREF)) {
          throw new KitException(where + ": argument " + v + " is not a concrete value");
        }
      }
      return new KitStep.Invoke(line, instance, invoke.field(), invoke.args(), expect);
    }
    Action.Get get = (Action.Get) action;
    if (expect.traps()) {
      throw new KitException(where + ": a get cannot trap");
    }
    return new KitStep.Get(line, instance, get.field(), expect);
  }

  private int instance(Optional<String> name, String where) throws KitException {
    if (name.isEmpty()) {
      if (current == null) {
        throw new KitException(where + ": no module instantiated yet");
      }
      return current;
    }
    Integer n = instanceByName.get(name.get());
    if (n == null) {
      throw new KitException(where + ": unknown module " + name.get());
    }
    return n;
  }

  private Module module(WastModule m, String where) throws KitException {
    if (m.isText()) {
      throw new KitException(where + ": text-format (quoted) modules cannot be exported");
    }
    byte[] bytes = m.bytes();
    Module known = modulesByBytes.get(ByteBuffer.wrap(bytes));
    if (known != null) {
      return known;
    }
    WasmModule parsed;
    try {
      parsed = WasmModule.parse(bytes);
    } catch (WasmException e) {
      throw new KitException(where + ": module " + m.fileName() + " does not load: "
          + e.getMessage(), e);
    }
    Set<String> imports = new TreeSet<>();
    for (Import i : parsed.imports()) {
      imports.add(i.module());
    }
    Module module = new Module(modulesByBytes.size(), bytes, parsed.name(), imports);
    modulesByBytes.put(ByteBuffer.wrap(bytes), module);
    return module;
  }

  private static String ref(Module m) {
    return "#" + m.index;
  }

  private Module moduleOf(String ref) {
    int index = Integer.parseInt(ref.substring(1));
    for (Module m : modulesByBytes.values()) {
      if (m.index == index) {
        return m;
      }
    }
    throw new IllegalStateException("unknown module reference " + ref);
  }

  /** The fixture call depth every case asks for (the conformance suite's). */
  static int maxCallDepth() {
    return FixtureRunner.Options.FIXTURE_CALL_DEPTH;
  }
}
