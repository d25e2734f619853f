package dev.coroner.harness.kit;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.fixtures.Fixture;
import dev.coroner.fixtures.FixtureException;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.golden.GoldenLayout;
import dev.coroner.wasi.ProgramSpec;
import dev.coroner.wasi.ProgramSpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code coroner kit export}: writes every trapping command of every fixture under a fixture root
 * as a self-contained case of a kit ({@link Kit}), with its golden files from a golden root.
 *
 * <p>The kit is written to a temporary directory beside the target and moved into place only when
 * complete, so a failed export leaves the target as it was. The target must not exist, be empty,
 * or hold an earlier kit (it is replaced).
 */
public final class KitExporter {

  /** Where the JSON schemas are, as resources beside this class. */
  static final List<String> SCHEMAS = List.of("kit.schema.json", "case.schema.json");

  /**
   * What an export wrote.
   *
   * @param fixtures how many fixtures
   * @param cases how many cases
   * @param files how many files
   * @param bytes their total size
   */
  public record Result(int fixtures, int cases, int files, long bytes) {}

  private int files;
  private long bytes;

  private KitExporter() {}

  /**
   * Exports the fixtures under {@code fixtureRoot} with the goldens under {@code goldenRoot} as a
   * kit at {@code target}.
   *
   * @throws KitException if a fixture cannot be converted or exported, a golden is missing or does
   *     not decode, or the target holds something other than a kit
   * @throws IOException if a file cannot be read or written
   */
  public static Result export(Path fixtureRoot, Path goldenRoot, Path target)
      throws KitException, IOException {
    return export(fixtureRoot, Optional.empty(), goldenRoot, target);
  }

  /**
   * As {@link #export(Path, Path, Path)}, and with {@code programRoot} also every program fixture
   * under it whose run spec expects a trap, as a {@code wasi-command} case ({@link ProgramCases});
   * its golden is {@code <golden root>/programs/<spec id>/trap.core} and siblings.
   *
   * @throws KitException also if a run spec cannot be read, or its golden is missing, does not
   *     decode, or names another module or process than the program
   */
  public static Result export(
      Path fixtureRoot, Optional<Path> programRoot, Path goldenRoot, Path target)
      throws KitException, IOException {
    if (programRoot.isPresent() && !Files.isDirectory(programRoot.get())) {
      throw new KitException(programRoot.get() + ": program root is not a directory");
    }
    if (!Files.isDirectory(fixtureRoot)) {
      throw new KitException(fixtureRoot + ": fixture root is not a directory");
    }
    if (!Files.isDirectory(goldenRoot)) {
      throw new KitException(goldenRoot + ": golden root is not a directory");
    }
    checkTarget(target);
    List<String> fixtures = Fixture.discover(fixtureRoot);
    if (fixtures.isEmpty()) {
      throw new KitException(fixtureRoot + ": no .wast or .wat fixture to export");
    }
    Path parent = target.toAbsolutePath().normalize().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".export-");
    KitExporter exporter = new KitExporter();
    try {
      List<Kit.Entry> entries = new ArrayList<>();
      for (String path : fixtures) {
        entries.addAll(exporter.exportFixture(fixtureRoot, path, goldenRoot, temp));
      }
      int programs = 0;
      if (programRoot.isPresent()) {
        for (ProgramSpec spec : programSpecs(programRoot.get())) {
          if (spec.expect().trap().isPresent()) {
            entries.add(exporter.exportProgram(spec, GoldenLayout.at(goldenRoot), temp));
            programs++;
          }
        }
      }
      exporter.write(temp.resolve(Kit.INDEX_FILE), Kit.indexText(Kit.producerName(), entries));
      exporter.write(temp.resolve("README.md"),
          readme(entries.size(), fixtures.size() + programs));
      for (String schema : SCHEMAS) {
        exporter.write(temp.resolve("schema").resolve(schema), resource(schema));
      }
      replace(target, temp);
      return new Result(fixtures.size() + programs, entries.size(), exporter.files,
          exporter.bytes);
    } finally {
      deleteTree(temp);
    }
  }

  private List<Kit.Entry> exportFixture(Path root, String path, Path goldenRoot, Path out)
      throws KitException, IOException {
    Fixture fixture;
    try {
      fixture = Fixture.load(root, path);
    } catch (FixtureException e) {
      throw new KitException(e.getMessage(), e);
    }
    List<CaseBuilder.Draft> drafts = CaseBuilder.build(fixture);
    if (drafts.isEmpty()) {
      throw new KitException(path + ": no assert_trap or assert_exhaustion, so no case to export");
    }
    GoldenLayout golden = GoldenLayout.at(goldenRoot);
    List<Kit.Entry> entries = new ArrayList<>();
    for (CaseBuilder.Draft d : drafts) {
      Kit.Entry entry = Kit.Entry.of(d.id());
      Path dir = out.resolve(entry.dir());
      Files.createDirectories(dir);
      checkGolden(golden, d);
      String sourceName = Path.of(path).getFileName().toString();
      Map<CaseBuilder.Module, String> fileNames = fileNames(d, sourceName);
      List<KitModule> modules = new ArrayList<>();
      Set<String> imports = new TreeSet<>();
      for (Map.Entry<CaseBuilder.Module, String> e : fileNames.entrySet()) {
        CaseBuilder.Module m = e.getKey();
        write(dir.resolve(e.getValue()), m.bytes);
        modules.add(new KitModule(e.getValue(), d.modules().get(m), Fixture.sha256(m.bytes)));
        imports.addAll(m.imports);
      }
      Set<String> registered = new HashSet<>();
      List<KitStep> steps = new ArrayList<>();
      for (KitStep s : d.steps()) {
        if (s instanceof KitStep.Register r) {
          registered.add(r.as());
        }
        steps.add(named(s, fileNames));
      }
      List<String> hosts = new ArrayList<>();
      for (String i : imports) {
        if (CaseBuilder.HOST_MODULES.contains(i) && !registered.contains(i)) {
          hosts.add(i);
        }
      }
      copy(fixture.file(), dir.resolve(sourceName));
      copy(golden.core(d.id()), dir.resolve(Kit.EXPECTED_CORE));
      copy(golden.text(d.id()), dir.resolve(Kit.EXPECTED_TEXT));
      copy(golden.state(d.id()), dir.resolve(Kit.EXPECTED_STATE));
      KitCase c =
          new KitCase(
              d.id(), KitCase.Kind.SCRIPT,
              new KitCase.Source(sourceName, path, java.util.OptionalInt.of(d.line()),
                  fixture.sha256()),
              path, CaseBuilder.maxCallDepth(), hosts, modules, steps,
              new KitCase.Trap(steps.size() - 1, d.exhaustion(), d.message()),
              new KitCase.Expected(Kit.EXPECTED_CORE, Kit.EXPECTED_TEXT, Kit.EXPECTED_STATE));
      write(dir.resolve(Kit.CASE_FILE), CaseJson.write(c));
      entries.add(entry);
    }
    return entries;
  }

  private static List<ProgramSpec> programSpecs(Path root) throws KitException, IOException {
    try {
      return ProgramSpec.loadAll(root);
    } catch (ProgramSpecException e) {
      throw new KitException(e.getMessage(), e);
    }
  }

  /** Writes the {@code wasi-command} case of a run spec that expects a trap. */
  private Kit.Entry exportProgram(ProgramSpec spec, GoldenLayout golden, Path out)
      throws KitException, IOException {
    GoldenId id = ProgramCases.id(spec);
    Kit.Entry entry = Kit.Entry.of(id);
    Path dir = out.resolve(entry.dir());
    Files.createDirectories(dir);
    byte[] wasm = Files.readAllBytes(spec.wasm());
    String dumpName = ProgramCases.dumpName(spec, wasm);
    CoreDump dump = goldenDump(golden, id);
    if (!dump.modules().equals(List.of(dumpName))) {
      throw new KitException(
          id + ": the golden's modules are " + dump.modules() + ", but the program's module is"
              + " named [" + dumpName + "]; is the golden stale? (rerun the conformance suite)");
    }
    if (!dump.processName().equals(Optional.of(spec.programName()))) {
      throw new KitException(id + ": the golden's process name is "
          + dump.processName().orElse("(none)") + ", expected " + spec.programName());
    }
    String sourceName = spec.file().getFileName().toString();
    String wasmName = spec.wasm().getFileName().toString();
    if (wasmName.equalsIgnoreCase(sourceName) || wasmName.equalsIgnoreCase(Kit.CASE_FILE)) {
      throw new KitException(id + ": the module's file name " + wasmName + " is taken");
    }
    write(dir.resolve(wasmName), wasm);
    byte[] specBytes = Files.readAllBytes(spec.file());
    write(dir.resolve(sourceName), specBytes);
    if (!spec.stdin().isEmpty()) {
      write(dir.resolve(ProgramCases.STDIN_FILE),
          spec.stdin().getBytes(StandardCharsets.UTF_8));
    }
    int n = 0;
    for (Map.Entry<String, Path> d : spec.dirs().entrySet()) {
      copyTree(d.getValue(), dir.resolve(ProgramCases.preopenDir(d.getKey(), n++)));
    }
    copy(golden.core(id), dir.resolve(Kit.EXPECTED_CORE));
    copy(golden.text(id), dir.resolve(Kit.EXPECTED_TEXT));
    copy(golden.state(id), dir.resolve(Kit.EXPECTED_STATE));
    KitCase c = ProgramCases.manifest(
        spec, new KitModule(wasmName, dumpName, Fixture.sha256(wasm)), sourceName,
        Fixture.sha256(specBytes));
    write(dir.resolve(Kit.CASE_FILE), CaseJson.write(c));
    return entry;
  }

  /** The golden coredump of {@code id}, after checking its three files exist. */
  private static CoreDump goldenDump(GoldenLayout golden, GoldenId id)
      throws KitException, IOException {
    for (Path p : golden.files(id)) {
      if (!Files.isRegularFile(p)) {
        throw new KitException(
            id + ": no golden " + p + " (run the conformance suite and bless the fixture first)");
      }
    }
    try {
      return CoreDumpDecoder.decode(Files.readAllBytes(golden.core(id)));
    } catch (CoreDumpFormatException e) {
      throw new KitException(id + ": golden " + golden.core(id) + " does not decode: "
          + e.getMessage(), e);
    }
  }

  /** Copies the regular files under {@code from} to {@code to}, keeping their relative paths. */
  private void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.sorted().toList()) {
        if (Files.isRegularFile(p)) {
          copy(p, to.resolve(from.relativize(p).toString()));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Checks that the golden exists and names the modules as the replay predicts; a mismatch means
   * the golden is stale or the replay is wrong, and either way the kit would be.
   */
  private static void checkGolden(GoldenLayout golden, CaseBuilder.Draft d)
      throws KitException, IOException {
    GoldenId id = d.id();
    for (Path p : golden.files(id)) {
      if (!Files.isRegularFile(p)) {
        throw new KitException(
            id + ": no golden " + p + " (run the conformance suite and bless the fixture first)");
      }
    }
    CoreDump dump;
    try {
      dump = CoreDumpDecoder.decode(Files.readAllBytes(golden.core(id)));
    } catch (CoreDumpFormatException e) {
      throw new KitException(id + ": golden " + golden.core(id) + " does not decode: "
          + e.getMessage(), e);
    }
    if (!dump.modules().equals(d.liveNames())) {
      throw new KitException(
          id + ": the golden's modules are " + dump.modules() + ", but replaying the fixture"
              + " gives " + d.liveNames() + "; is the golden stale? (rerun the conformance suite)");
    }
    if (!dump.processName().equals(java.util.Optional.of(id.fixturePath()))) {
      throw new KitException(
          id + ": the golden's process name is " + dump.processName().orElse("(none)")
              + ", expected " + id.fixturePath());
    }
  }

  /**
   * File names for the case's modules: the name the steps first register the module under, else
   * the script's name for it, else its dump name, made file-name safe; {@code -2}, {@code -3}, ...
   * tell apart modules that would share a name.
   */
  private static Map<CaseBuilder.Module, String> fileNames(CaseBuilder.Draft d, String sourceName) {
    Map<CaseBuilder.Module, String> out = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    taken.add(sourceName.toLowerCase(Locale.ROOT));
    taken.add(Kit.CASE_FILE);
    for (CaseBuilder.Module m : d.modules().keySet()) {
      String label =
          d.registered().containsKey(m) ? d.registered().get(m)
              : d.scriptNames().containsKey(m) ? d.scriptNames().get(m)
              : d.modules().get(m);
      String base = safe(label);
      String name = base + ".wasm";
      for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
        name = base + "-" + n + ".wasm";
      }
      out.put(m, name);
    }
    return out;
  }

  /** {@code label} with anything but letters, digits, {@code -} and {@code _} dropped or replaced. */
  static String safe(String label) {
    String s = label.startsWith("$") ? label.substring(1) : label;
    s = s.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "module" : s;
  }

  private static KitStep named(KitStep s, Map<CaseBuilder.Module, String> files) {
    if (s instanceof KitStep.Instantiate i) {
      for (Map.Entry<CaseBuilder.Module, String> e : files.entrySet()) {
        if (i.module().equals("#" + e.getKey().index)) {
          return new KitStep.Instantiate(i.line(), e.getValue(), i.instance(), i.name(),
              i.expect());
        }
      }
      throw new IllegalStateException("no file for " + i.module());
    }
    return s;
  }

  private static void checkTarget(Path target) throws KitException, IOException {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new KitException(target + ": exists and is not a directory");
    }
    try (Stream<Path> s = Files.list(target)) {
      if (s.findAny().isPresent() && !Files.isRegularFile(target.resolve(Kit.INDEX_FILE))) {
        throw new KitException(
            target + ": not empty and not a kit (no " + Kit.INDEX_FILE + "); choose another"
                + " directory");
      }
    }
  }

  /** Moves the new kit into place; an earlier kit is moved aside first and deleted last. */
  private static void replace(Path target, Path temp) throws IOException {
    if (!Files.exists(target)) {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = temp.resolveSibling(temp.getFileName() + ".old");
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    deleteTree(old);
  }

  private void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    files++;
    bytes += content.length;
  }

  private void copy(Path from, Path to) throws IOException {
    write(to, Files.readAllBytes(from));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = KitExporter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " is missing from the harness jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String readme(int cases, int fixtures) {
    return String.join(
        "\n",
        "# Coroner conformance kit (" + Kit.FORMAT + ")",
        "",
        cases + " cases from " + fixtures + " fixtures. Each case is a directory under `cases/`",
        "holding `case.json` (what to instantiate, register and invoke, and the trap to dump),",
        "the `.wasm` modules it names, the fixture's source and the golden files",
        "`expected.core`, `expected.core.txt` and `expected.state.json`.",
        "",
        "Run each case in your runtime and write the coredump of its last step's trap to",
        "`DUMPS/<dump>`, `<dump>` being the case's `dump` member in `kit.json`",
        "(`<fixture path>/<line>.core`). Then:",
        "",
        "    coroner kit score KIT DUMPS [--profile strict|wasmtime|chicory]",
        "",
        "The schema is in `schema/` and documented in Coroner's `docs/kit.md`.",
        "");
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
