package dev.coroner.harness.kit;

import dev.coroner.fixtures.json.Json;
import dev.coroner.harness.encoder.JsonWriter;
import dev.coroner.harness.golden.GoldenId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A portable conformance kit on disk: {@code kit.json} (this class) listing the cases, each in its
 * own directory with {@code case.json} ({@link KitCase}), its module files and its golden files.
 * Layout and schema: {@code docs/kit.md}.
 *
 * <pre>
 * KIT/kit.json
 * KIT/README.md
 * KIT/schema/kit.schema.json, case.schema.json
 * KIT/cases/&lt;fixture path&gt;/&lt;key&gt;/case.json, *.wasm, expected.core, expected.core.txt,
 *     expected.state.json, the fixture's source
 * </pre>
 *
 * <p>A runtime writes the dump of case {@code path:key} to {@code DUMPS/<path>/<key>.core} (the
 * entry's {@link Entry#dump()}), the layout of the golden tree.
 */
public final class Kit {

  /** The {@code format} of {@code kit.json} and every {@code case.json}. */
  public static final String FORMAT = "coroner-kit/1";

  /** The index file at the kit's root. */
  public static final String INDEX_FILE = "kit.json";

  /** The directory holding the case directories. */
  public static final String CASES_DIR = "cases";

  /** The manifest in each case directory. */
  public static final String CASE_FILE = "case.json";

  /** Golden file names in a case directory. */
  public static final String EXPECTED_CORE = "expected.core";

  public static final String EXPECTED_TEXT = "expected.core.txt";

  public static final String EXPECTED_STATE = "expected.state.json";

  /**
   * One case of the index.
   *
   * @param id the case id, {@code path:key}
   * @param dir the case directory, relative to the kit root
   * @param dump where a runtime writes the case's dump, relative to its dumps folder
   */
  public record Entry(GoldenId id, String dir, String dump) {
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(dump, "dump");
    }

    /** The entry of {@code id} in the standard layout. */
    public static Entry of(GoldenId id) {
      return new Entry(
          id, CASES_DIR + "/" + id.fixturePath() + "/" + id.key(),
          id.fixturePath() + "/" + id.key() + ".core");
    }
  }

  private final Path root;
  private final String producer;
  private final List<Entry> cases;

  private Kit(Path root, String producer, List<Entry> cases) {
    this.root = root;
    this.producer = producer;
    this.cases = List.copyOf(cases);
  }

  /** The kit's root directory. */
  public Path root() {
    return root;
  }

  /** Who wrote the kit, e.g. {@code coroner 0.1.0}. */
  public String producer() {
    return producer;
  }

  /** The cases, in the index's order (sorted by fixture path, then by line). */
  public List<Entry> cases() {
    return cases;
  }

  /** The directory of a case. */
  public Path directory(Entry e) {
    return root.resolve(e.dir());
  }

  /**
   * Reads and checks the manifest of a case.
   *
   * @throws KitException if it is missing, unreadable or does not follow the schema, or its id is
   *     not the index's
   */
  public KitCase read(Entry e) throws KitException {
    Path file = directory(e).resolve(CASE_FILE);
    String name = e.dir() + "/" + CASE_FILE;
    KitCase c = CaseJson.read(name, readText(file, name));
    if (!c.id().equals(e.id())) {
      throw new KitException(
          name + ": $.id is \"" + c.id() + "\", but kit.json lists this directory as \"" + e.id()
              + "\"");
    }
    return c;
  }

  /** A file of a case directory, by its name in the manifest. */
  public Path file(Entry e, String name) {
    return directory(e).resolve(name);
  }

  /**
   * Reads {@code KIT/kit.json}.
   *
   * @throws KitException if there is no kit at {@code root}, or its index does not follow the
   *     schema (duplicate cases, directories outside the kit, ...)
   */
  public static Kit read(Path root) throws KitException {
    Path index = root.resolve(INDEX_FILE);
    if (!Files.isDirectory(root)) {
      throw new KitException(root + ": no such directory (expected a kit made by 'coroner kit export')");
    }
    String name = root.resolve(INDEX_FILE).toString();
    ManifestReader r = new ManifestReader(name);
    Json.Value json = r.parse(readText(index, name));
    Map<String, Json.Value> m = r.object(json, "$", "format", "producer", "cases");
    String format = r.string(m.get("format"), "$.format");
    if (!format.equals(FORMAT)) {
      throw r.error(
          m.get("format"), "$.format",
          "unsupported format \"" + format + "\", expected \"" + FORMAT + "\"");
    }
    String producer = r.string(m.get("producer"), "$.producer");
    List<Entry> entries = new ArrayList<>();
    Set<GoldenId> ids = new HashSet<>();
    Set<String> dumps = new HashSet<>();
    List<Json.Value> nodes = r.array(m.get("cases"), "$.cases");
    for (int i = 0; i < nodes.size(); i++) {
      String p = "$.cases[" + i + "]";
      Map<String, Json.Value> cm = r.object(nodes.get(i), p, "id", "dir", "dump");
      GoldenId id = CaseJson.id(r, cm.get("id"), p + ".id");
      if (!ids.add(id)) {
        throw r.error(cm.get("id"), p + ".id", "case \"" + id + "\" listed twice");
      }
      String dir = r.relativeFile(cm.get("dir"), p + ".dir");
      String dump = r.relativeFile(cm.get("dump"), p + ".dump");
      if (!dumps.add(dump)) {
        throw r.error(cm.get("dump"), p + ".dump", "two cases share the dump file " + dump);
      }
      entries.add(new Entry(id, dir, dump));
    }
    return new Kit(root, producer, entries);
  }

  /** The {@code kit.json} text for these cases (ends with a newline). */
  static String indexText(String producer, List<Entry> entries) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("producer", producer);
    List<Object> cases = new ArrayList<>();
    for (Entry e : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id().toString());
      m.put("dir", e.dir());
      m.put("dump", e.dump());
      cases.add(m);
    }
    root.put("cases", cases);
    return JsonWriter.write(root);
  }

  private static String readText(Path file, String name) throws KitException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new KitException(name + ": no such file");
    } catch (IOException e) {
      throw new KitException(name + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Who writes kits: {@code coroner} and the harness's version, when known. */
  static String producerName() {
    String v = Kit.class.getPackage().getImplementationVersion();
    return "coroner" + (v == null ? "" : " " + v);
  }
}
