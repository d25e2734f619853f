package dev.coroner.debugserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DWARF facts of a test program, read from {@code llvm-dwarfdump-22 --debug-info
 * --debug-line} output recorded by the programs' {@code build.sh}: the tree of DIEs with their
 * attributes as dwarfdump prints them, and the line table. The LLDB test derives its expected
 * function names, source lines and variable locations from these, never from LLDB.
 */
final class DwarfFacts {

  /** One DIE: tag, attributes (value text as printed, parentheses included), children. */
  static final class Die {
    final long offset;
    final String tag;
    final Map<String, String> attributes = new HashMap<>();
    final List<Die> children = new ArrayList<>();
    final Die parent;

    Die(long offset, String tag, Die parent) {
      this.offset = offset;
      this.tag = tag;
      this.parent = parent;
    }

    Optional<String> attribute(String name) {
      return Optional.ofNullable(attributes.get(name));
    }

    /** DW_AT_name without its parentheses and quotes. */
    Optional<String> name() {
      return attribute("DW_AT_name").map(v -> unquote(strip(v)));
    }

    /**
     * An attribute printed as {@code (0x...)}; empty when absent or not a number (the linker's
     * {@code (dead code)} for a function it dropped).
     */
    Optional<Long> number(String attribute) {
      return attribute(attribute).flatMap(v -> {
        try {
          return Optional.of(Long.decode(strip(v).split(" ")[0]));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      });
    }

    /** The DIE offset of DW_AT_type. */
    Optional<Long> typeRef() {
      return attribute("DW_AT_type").map(v -> Long.decode(strip(v).split(" ")[0]));
    }

    /** The type name dwarfdump quotes after DW_AT_type: what LLDB prints in parentheses. */
    Optional<String> typeName() {
      return attribute("DW_AT_type").map(v -> {
        String s = strip(v);
        return unquote(s.substring(s.indexOf(' ') + 1));
      });
    }

    @Override
    public String toString() {
      return tag + name().map(n -> " " + n).orElse("") + " @0x" + Long.toHexString(offset);
    }
  }

  /**
   * A location: one expression valid everywhere, or a list of {@code [low, high)} ranges each
   * with its expression.
   */
  record Location(Optional<String> single, List<Range> ranges) {
    /** The expression valid at {@code address}, if any. */
    Optional<String> at(long address) {
      if (single.isPresent()) {
        return single;
      }
      for (Range r : ranges) {
        if (r.low <= address && address < r.high) {
          return Optional.of(r.expression);
        }
      }
      return Optional.empty();
    }

    boolean isList() {
      return single.isEmpty();
    }
  }

  record Range(long low, long high, String expression) {}

  /**
   * A row of a line table.
   *
   * @param fileName the name of the row's file in its own line table (each compilation unit's
   *     table numbers its files from 1 again)
   */
  record Row(long address, int line, int column, String fileName, boolean endSequence) {}

  private static final Pattern DIE = Pattern.compile("^0x([0-9a-f]{8}):( +)(DW_TAG_\\w+|NULL)");
  private static final Pattern ATTRIBUTE = Pattern.compile("^\\s+(DW_AT_\\w+)\\s+(\\(.*)$");
  private static final Pattern ROW =
      Pattern.compile("^0x([0-9a-f]{16})\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\d+\\s+\\d+\\s+\\d+\\s*(.*)$");
  private static final Pattern FILE = Pattern.compile("^file_names\\[\\s*(\\d+)\\]:");
  private static final Pattern FILE_NAME = Pattern.compile("^\\s+name: \"(.*)\"");
  private static final Pattern RANGE =
      Pattern.compile("\\[0x([0-9a-f]+), 0x([0-9a-f]+)\\): ([^\\n]*?)\\)?$");

  final List<Die> roots = new ArrayList<>();
  private final Map<Long, Die> byOffset = new HashMap<>();
  private final List<Row> rows = new ArrayList<>();

  private DwarfFacts() {}

  static DwarfFacts read(Path file) throws IOException {
    DwarfFacts facts = new DwarfFacts();
    List<String> lines = Files.readAllLines(file);
    List<Die> stack = new ArrayList<>(); // stack.get(depth) = the last DIE at that depth
    Die current = null;
    int pendingFile = -1;
    Map<Integer, String> files = new HashMap<>(); // of the line table being read
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher die = DIE.matcher(line);
      if (die.find()) {
        int depth = (die.group(2).length() - 1) / 2;
        while (stack.size() > depth) {
          stack.remove(stack.size() - 1);
        }
        if (die.group(3).equals("NULL")) {
          current = null;
          continue;
        }
        Die parent = depth == 0 ? null : stack.get(depth - 1);
        current = new Die(Long.parseLong(die.group(1), 16), die.group(3), parent);
        (parent == null ? facts.roots : parent.children).add(current);
        facts.byOffset.put(current.offset, current);
        stack.add(current);
        continue;
      }
      Matcher attribute = ATTRIBUTE.matcher(line);
      if (current != null && attribute.find()) {
        StringBuilder value = new StringBuilder(attribute.group(2));
        while (balance(value) > 0 && i + 1 < lines.size()) {
          value.append('\n').append(lines.get(++i).trim());
        }
        current.attributes.put(attribute.group(1), value.toString());
        continue;
      }
      if (line.startsWith("debug_line[")) {
        files = new HashMap<>();
        pendingFile = -1;
        continue;
      }
      Matcher fileEntry = FILE.matcher(line);
      if (fileEntry.find()) {
        pendingFile = Integer.parseInt(fileEntry.group(1));
        continue;
      }
      Matcher fileName = FILE_NAME.matcher(line);
      if (pendingFile >= 0 && fileName.find()) {
        files.put(pendingFile, fileName.group(1));
        pendingFile = -1;
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        facts.rows.add(new Row(
            Long.parseLong(row.group(1), 16), Integer.parseInt(row.group(2)),
            Integer.parseInt(row.group(3)),
            files.getOrDefault(Integer.parseInt(row.group(4)), "?"),
            row.group(5).contains("end_sequence")));
      }
    }
    return facts;
  }

  Die die(long offset) {
    Die d = byOffset.get(offset);
    if (d == null) {
      throw new IllegalStateException("no DIE at 0x" + Long.toHexString(offset));
    }
    return d;
  }

  /** The subprogram whose [low_pc, high_pc) holds {@code address}. */
  Optional<Die> subprogramAt(long address) {
    for (Die d : byOffset.values()) {
      if (d.tag.equals("DW_TAG_subprogram") && contains(d, address)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** A parameter or variable named {@code name} in scope at {@code address} in {@code sub}. */
  Optional<Die> variable(Die scope, long address, String name) {
    for (Die child : scope.children) {
      if (child.tag.equals("DW_TAG_lexical_block") && contains(child, address)) {
        Optional<Die> inner = variable(child, address, name);
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    for (Die child : scope.children) {
      if ((child.tag.equals("DW_TAG_formal_parameter") || child.tag.equals("DW_TAG_variable"))
          && child.name().filter(name::equals).isPresent()) {
        return Optional.of(child);
      }
    }
    return Optional.empty();
  }

  /** The location attribute of a variable: one expression, or its location list. */
  static Location location(Die variable) {
    String v = variable.attribute("DW_AT_location")
        .orElseThrow(() -> new IllegalStateException(variable + " has no DW_AT_location"));
    String inner = strip(v);
    if (!inner.startsWith("0x")) {
      return new Location(Optional.of(inner), List.of());
    }
    List<Range> ranges = new ArrayList<>();
    for (String line : inner.split("\n")) {
      Matcher m = RANGE.matcher(line.trim());
      if (m.find()) {
        ranges.add(new Range(
            Long.parseLong(m.group(1), 16), Long.parseLong(m.group(2), 16), m.group(3).trim()));
      }
    }
    return new Location(Optional.empty(), ranges);
  }

  /** The line-table row for {@code address}: the last row at or before it in its sequence. */
  Row lineAt(long address) {
    Row best = null;
    for (int i = 0; i + 1 < rows.size(); i++) {
      Row r = rows.get(i);
      Row next = rows.get(i + 1);
      if (!r.endSequence && r.address <= address && address < next.address) {
        best = r;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no line-table row for 0x" + Long.toHexString(address));
    }
    return best;
  }

  /** Follows typedefs and qualifiers to the type that says how a value is laid out. */
  Die resolve(long typeOffset) {
    Die t = die(typeOffset);
    while (t.tag.equals("DW_TAG_typedef") || t.tag.equals("DW_TAG_const_type")
        || t.tag.equals("DW_TAG_volatile_type")) {
      t = die(t.typeRef().orElseThrow());
    }
    return t;
  }

  private static boolean contains(Die d, long address) {
    Optional<Long> low = d.number("DW_AT_low_pc");
    Optional<Long> high = d.number("DW_AT_high_pc");
    return low.isPresent() && high.isPresent() && low.get() <= address && address < high.get();
  }

  private static int balance(CharSequence s) {
    int depth = 0;
    boolean quoted = false;
    boolean range = false; // a location list's "[low, high)" closes with ')'
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '[') {
        range = true;
      } else if (!quoted && range && c == ')') {
        range = false;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      }
    }
    return depth;
  }

  /** The text inside an attribute's outer parentheses. */
  static String strip(String value) {
    String v = value.trim();
    if (v.startsWith("(") && v.endsWith(")")) {
      return v.substring(1, v.length() - 1).trim();
    }
    return v;
  }

  private static String unquote(String s) {
    return s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
