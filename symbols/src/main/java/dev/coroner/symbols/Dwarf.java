package dev.coroner.symbols;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's DWARF: its {@code .debug_*} sections, and what has been read from them so far. Units
 * are found by scanning the unit headers of {@code .debug_info} the first time an address is
 * looked up; a unit's DIEs, abbreviations and line table are read when an address falls in that
 * unit, and kept.
 */
final class Dwarf {

  private final byte[] module;
  private final Map<String, Section> sections;
  private final Section info;
  private final Map<Long, AbbreviationTable> abbreviations = new HashMap<>();
  private final Map<Long, LineTable> lineTables = new HashMap<>();
  /** Tables that could not be read, by offset: a later use reports the same error at once. */
  private final Map<Long, DwarfException> failedAbbreviations = new HashMap<>();
  private final Map<Long, DwarfException> failedLineTables = new HashMap<>();
  private List<Unit> units;
  private DwarfException unitsError;
  private UnitIndex index;

  private Dwarf(byte[] module, Map<String, Section> sections) {
    this.module = module;
    this.sections = sections;
    this.info = sections.get(".debug_info");
  }

  /** The DWARF of a module with the given custom sections, or null if it has no .debug_info. */
  static Dwarf of(byte[] module, Map<String, Section> customSections) {
    Map<String, Section> debug = new HashMap<>();
    customSections.forEach((name, section) -> {
      if (name.startsWith(".debug_")) {
        debug.put(name, section);
      }
    });
    return debug.containsKey(".debug_info") ? new Dwarf(module, Map.copyOf(debug)) : null;
  }

  boolean has(String name) {
    return sections.containsKey(name);
  }

  SectionInput info() {
    return SectionInput.of(module, info);
  }

  /** A cursor over section {@code name}, which the DWARF refers to. */
  SectionInput section(String name) throws DwarfException {
    Section s = sections.get(name);
    if (s == null) {
      throw DwarfException.at(info, info.start(),
          "the DWARF refers to a " + name + " section, which the module does not have");
    }
    return SectionInput.of(module, s);
  }

  /** The NUL-terminated string at {@code offset} in string section {@code name}. */
  String string(String name, long offset) throws DwarfException {
    SectionInput in = section(name);
    if (offset < 0 || offset >= in.end()) {
      throw in.error(Math.max(0, Math.min(offset, in.end())), "string offset 0x"
          + Long.toHexString(offset) + " is outside " + name + " (0x"
          + Long.toHexString(in.end()) + " bytes)");
    }
    in.seek(offset, "string");
    return in.cstring("string");
  }

  AbbreviationTable abbreviations(long offset) throws DwarfException {
    AbbreviationTable t = abbreviations.get(offset);
    if (t == null) {
      DwarfException failed = failedAbbreviations.get(offset);
      if (failed != null) {
        throw failed;
      }
      try {
        SectionInput in = section(".debug_abbrev");
        if (offset < 0 || offset >= in.end()) {
          throw in.error(Math.max(0, Math.min(offset, in.end())), "abbreviation offset 0x"
              + Long.toHexString(offset) + " is outside .debug_abbrev");
        }
        t = AbbreviationTable.read(in, offset);
      } catch (DwarfException e) {
        failedAbbreviations.put(offset, e);
        throw e;
      }
      abbreviations.put(offset, t);
    }
    return t;
  }

  LineTable lineTable(long offset, Unit unit) throws DwarfException {
    LineTable t = lineTables.get(offset);
    if (t == null) {
      DwarfException failed = failedLineTables.get(offset);
      if (failed != null) {
        throw failed;
      }
      try {
        t = LineTableReader.read(this, offset, unit);
      } catch (DwarfException e) {
        failedLineTables.put(offset, e);
        throw e;
      }
      lineTables.put(offset, t);
    }
    return t;
  }

  /**
   * The units of {@code .debug_info}, up to the first whose header cannot be read (whose error is
   * then kept for {@link UnitIndex}).
   */
  List<Unit> units() {
    if (units == null) {
      List<Unit> found = new ArrayList<>();
      SectionInput in = info();
      try {
        while (!in.atEnd()) {
          found.add(Unit.readHeader(this, in));
        }
      } catch (DwarfException e) {
        unitsError = e;
      }
      units = List.copyOf(found);
    }
    return units;
  }

  /** The unit that contains {@code .debug_info} offset {@code offset}, or null. */
  Unit unitContaining(long offset) {
    List<Unit> all = units();
    int lo = 0;
    int hi = all.size();
    while (lo < hi) { // first unit ending above the offset
      int mid = (lo + hi) >>> 1;
      if (all.get(mid).end() <= offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < all.size() && all.get(lo).offset() <= offset ? all.get(lo) : null;
  }

  /** The unit whose code covers DWARF address {@code address}, or null. */
  Unit unitFor(long address) throws DwarfException {
    if (index == null) {
      List<Unit> all = units();
      index = UnitIndex.build(all, unitsError);
    }
    return index.unitFor(address);
  }

  /** The chain of source locations at DWARF address {@code address}, innermost first. */
  List<SourceLocation> locate(long address) throws DwarfException {
    Unit unit = unitFor(address);
    if (unit == null) {
      return List.of();
    }
    return InlinedChain.locate(unit, address);
  }
}
