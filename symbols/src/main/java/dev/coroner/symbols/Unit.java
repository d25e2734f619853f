package dev.coroner.symbols;

import java.util.List;
import java.util.OptionalLong;

/**
 * One unit of {@code .debug_info} (7.5.1): its header, and, read when first needed, its unit DIE,
 * its whole DIE tree, its line table and its map from addresses to subroutine DIEs. Interprets
 * attribute values in the unit's context: strings through {@code .debug_str}, {@code
 * .debug_line_str} and {@code .debug_str_offsets}; addresses through {@code .debug_addr}; ranges
 * through {@code .debug_ranges} (DWARF 4) or {@code .debug_rnglists} (DWARF 5).
 *
 * <p>Interpretation follows LLVM's {@code DWARFFormValue}/{@code DWARFDie} where the standard
 * leaves a choice, so that results agree with llvm-symbolizer.
 */
final class Unit {

  private final Dwarf dwarf;
  private final long offset;
  private final long end;
  private final boolean dwarf64;
  private final int version;
  private final int unitType;
  private final int addressSize;
  private final long abbrevOffset;
  private final long firstDieOffset;

  private Die unitDie;
  private List<Die> dies;
  private SubroutineMap subroutines;
  private LineTable lineTable;
  private boolean lineTableRead;
  /** The first failure reading this unit's DIEs or line table: every later use reports it. */
  private DwarfException failure;

  private Unit(Dwarf dwarf, long offset, long end, boolean dwarf64, int version, int unitType,
      int addressSize, long abbrevOffset, long firstDieOffset) {
    this.dwarf = dwarf;
    this.offset = offset;
    this.end = end;
    this.dwarf64 = dwarf64;
    this.version = version;
    this.unitType = unitType;
    this.addressSize = addressSize;
    this.abbrevOffset = abbrevOffset;
    this.firstDieOffset = firstDieOffset;
  }

  /** Reads the unit header at {@code in}'s position and moves {@code in} past the unit. */
  static Unit readHeader(Dwarf dwarf, SectionInput in) throws DwarfException {
    long offset = in.offset();
    long[] initial = in.initialLength("unit length");
    boolean dwarf64 = initial[1] == 1;
    long contentStart = in.offset();
    long length = initial[0];
    if (Long.compareUnsigned(length, in.end() - contentStart) > 0) {
      throw in.error(offset, "unit length 0x" + Long.toHexString(length)
          + " runs past the end of .debug_info (0x" + Long.toHexString(in.end() - contentStart)
          + " bytes left)");
    }
    long end = contentStart + length;
    SectionInput header = in.sub(contentStart, length, "unit at 0x" + Long.toHexString(offset));
    int version = header.u16("unit version");
    if (version < 2 || version > 5) {
      throw header.error(contentStart, "unsupported DWARF version " + version
          + " (this reader knows 2 to 5)");
    }
    int unitType;
    int addressSize;
    long abbrevOffset;
    if (version >= 5) {
      unitType = header.u8("unit type");
      addressSize = header.u8("address size");
      abbrevOffset = header.sectionOffset(dwarf64, "abbreviation offset");
    } else {
      unitType = Dw.UT_COMPILE;
      abbrevOffset = header.sectionOffset(dwarf64, "abbreviation offset");
      addressSize = header.u8("address size");
    }
    switch (unitType) {
      case Dw.UT_COMPILE, Dw.UT_PARTIAL -> { }
      case Dw.UT_SKELETON, Dw.UT_SPLIT_COMPILE -> header.u64("DWO id");
      case Dw.UT_TYPE, Dw.UT_SPLIT_TYPE -> {
        header.u64("type signature");
        header.sectionOffset(dwarf64, "type offset");
      }
      default -> throw header.error(header.offset() - 1, "unknown unit type 0x"
          + Integer.toHexString(unitType));
    }
    if (addressSize != 1 && addressSize != 2 && addressSize != 4 && addressSize != 8) {
      throw header.error("unsupported address size " + addressSize);
    }
    Unit unit = new Unit(dwarf, offset, end, dwarf64, version, unitType, addressSize, abbrevOffset,
        header.offset());
    in.seek(end, "next unit");
    return unit;
  }

  long offset() {
    return offset;
  }

  /** The section offset just past this unit. */
  long end() {
    return end;
  }

  int version() {
    return version;
  }

  int addressSize() {
    return addressSize;
  }

  long abbrevOffset() {
    return abbrevOffset;
  }

  long firstDieOffset() {
    return firstDieOffset;
  }

  boolean isTypeUnit() {
    return unitType == Dw.UT_TYPE || unitType == Dw.UT_SPLIT_TYPE;
  }

  Forms.Encoding encoding() {
    return new Forms.Encoding(dwarf64, version, addressSize);
  }

  Dwarf dwarf() {
    return dwarf;
  }

  private SectionInput unitInput() throws DwarfException {
    return dwarf.info().sub(offset, end - offset, "unit at 0x" + Long.toHexString(offset));
  }

  /** The unit DIE, read alone (the rest of the tree is not read). */
  Die unitDie() throws DwarfException {
    if (dies != null) {
      return dies.get(0);
    }
    if (unitDie == null) {
      if (failure != null) {
        throw failure;
      }
      try {
        unitDie =
            DieParser.parse(this, unitInput(), dwarf.abbreviations(abbrevOffset), true).get(0);
      } catch (DwarfException e) {
        failure = e;
        throw e;
      }
    }
    return unitDie;
  }

  /** Every DIE of the unit, in offset order; the first is the unit DIE. */
  List<Die> dies() throws DwarfException {
    if (dies == null) {
      if (failure != null) {
        throw failure;
      }
      try {
        dies = DieParser.parse(this, unitInput(), dwarf.abbreviations(abbrevOffset), false);
      } catch (DwarfException e) {
        failure = e;
        throw e;
      }
      unitDie = null;
    }
    return dies;
  }

  /** The DIE at exactly {@code dieOffset} (a {@code .debug_info} offset), or null. */
  Die dieAt(long dieOffset) throws DwarfException {
    List<Die> all = dies();
    int lo = 0;
    int hi = all.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long o = all.get(mid).offset();
      if (o < dieOffset) {
        lo = mid + 1;
      } else if (o > dieOffset) {
        hi = mid - 1;
      } else {
        return all.get(mid);
      }
    }
    return null;
  }

  /** The innermost subprogram or inlined subroutine DIE covering {@code address}, or null. */
  Die subroutineAt(long address) throws DwarfException {
    if (subroutines == null) {
      if (failure != null) {
        throw failure;
      }
      try {
        subroutines = SubroutineMap.build(this);
      } catch (DwarfException e) {
        failure = e;
        throw e;
      }
    }
    return subroutines.find(address);
  }

  /** The unit's line table (from {@code DW_AT_stmt_list}), or null if it has none. */
  LineTable lineTable() throws DwarfException {
    if (!lineTableRead) {
      OptionalLong stmtList = sectionOffset(unitDie().find(Dw.AT_STMT_LIST));
      lineTable = stmtList.isPresent() ? dwarf.lineTable(stmtList.getAsLong(), this) : null;
      lineTableRead = true;
    }
    return lineTable;
  }

  /** {@code DW_AT_comp_dir} of the unit DIE, or "". */
  String compilationDir() throws DwarfException {
    String dir = string(unitDie().find(Dw.AT_COMP_DIR));
    return dir == null ? "" : dir;
  }

  // ---- Interpreting attribute values, in this unit's context. ----

  /** The string an attribute holds, or null if its form is not a string form. */
  String string(Attribute a) throws DwarfException {
    if (a == null) {
      return null;
    }
    switch (a.form()) {
      case Dw.FORM_STRING:
        return dwarf.info().sub(a.value(), a.length() + 1, "inline string").cstring("string");
      case Dw.FORM_STRP:
        return dwarf.string(".debug_str", a.value());
      case Dw.FORM_LINE_STRP:
        return dwarf.string(".debug_line_str", a.value());
      default:
        if (Forms.isStringIndex(a.form())) {
          return dwarf.string(".debug_str", stringOffset(a.value()));
        }
        return null;
    }
  }

  /** The {@code .debug_str} offset at index {@code index} of this unit's string offsets. */
  private long stringOffset(long index) throws DwarfException {
    OptionalLong base = sectionOffset(unitDie().find(Dw.AT_STR_OFFSETS_BASE));
    if (base.isEmpty()) {
      throw dwarf.info().error(offset, "string index " + Long.toUnsignedString(index)
          + " used in a unit without DW_AT_str_offsets_base");
    }
    int size = dwarf64 ? 8 : 4;
    SectionInput offsets = dwarf.section(".debug_str_offsets");
    long at = base.getAsLong() + index * size;
    if (index < 0 || index > (Long.MAX_VALUE - base.getAsLong()) / size
        || at < 0 || at > offsets.end() - size) {
      throw offsets.error(Math.max(0, Math.min(base.getAsLong(), offsets.end())),
          "string index " + Long.toUnsignedString(index) + " is past the end of the "
              + ".debug_str_offsets section (base 0x" + Long.toHexString(base.getAsLong()) + ")");
    }
    offsets.seek(at, "string offset");
    return offsets.fixed(size, "string offset");
  }

  /**
   * The address an attribute holds ({@code DW_FORM_addr}, or an index into {@code .debug_addr}),
   * or empty for other forms or an index outside the unit's address table (as LLVM does).
   */
  OptionalLong address(Attribute a) throws DwarfException {
    if (a == null) {
      return OptionalLong.empty();
    }
    if (a.form() == Dw.FORM_ADDR) {
      return OptionalLong.of(a.value());
    }
    if (Forms.isAddressIndex(a.form())) {
      return pooledAddress(a.value());
    }
    return OptionalLong.empty();
  }

  /** Entry {@code index} of this unit's {@code .debug_addr} table, or empty if there is none. */
  OptionalLong pooledAddress(long index) throws DwarfException {
    Die die = unitDie();
    OptionalLong base = sectionOffset(die.find(Dw.AT_ADDR_BASE));
    if (base.isEmpty()) {
      base = sectionOffset(die.find(Dw.AT_GNU_ADDR_BASE));
    }
    if (base.isEmpty() || !dwarf.has(".debug_addr")) {
      return OptionalLong.empty();
    }
    SectionInput addr = dwarf.section(".debug_addr");
    if (index < 0 || index > (addr.end() - base.getAsLong()) / addressSize) {
      return OptionalLong.empty();
    }
    long at = base.getAsLong() + index * addressSize;
    if (at < 0 || at > addr.end() - addressSize) {
      return OptionalLong.empty();
    }
    addr.seek(at, "address table entry");
    return OptionalLong.of(addr.fixed(addressSize, "address"));
  }

  /**
   * An unsigned constant ({@code DW_FORM_data*}, {@code udata}, {@code implicit_const}, flags), or
   * empty; {@code sdata} does not count, as in LLVM.
   */
  static OptionalLong unsignedConstant(Attribute a) {
    if (a == null) {
      return OptionalLong.empty();
    }
    switch (a.form()) {
      case Dw.FORM_DATA1, Dw.FORM_DATA2, Dw.FORM_DATA4, Dw.FORM_DATA8, Dw.FORM_UDATA,
          Dw.FORM_IMPLICIT_CONST, Dw.FORM_FLAG, Dw.FORM_FLAG_PRESENT:
        return OptionalLong.of(a.value());
      default:
        return OptionalLong.empty();
    }
  }

  /** A constant of any constant form, sdata included (the raw bits), or empty. */
  static OptionalLong anyConstant(Attribute a) {
    if (a == null || !Forms.isConstant(a.form()) || a.form() == Dw.FORM_DATA16) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(a.value());
  }

  /**
   * A section offset ({@code DW_FORM_sec_offset}; {@code data4}/{@code data8} before DWARF 4;
   * the index of {@code loclistx}/{@code rnglistx}), or empty.
   */
  OptionalLong sectionOffset(Attribute a) {
    if (a == null) {
      return OptionalLong.empty();
    }
    switch (a.form()) {
      case Dw.FORM_SEC_OFFSET, Dw.FORM_LOCLISTX, Dw.FORM_RNGLISTX:
        return OptionalLong.of(a.value());
      case Dw.FORM_DATA4, Dw.FORM_DATA8:
        return version <= 3 ? OptionalLong.of(a.value()) : OptionalLong.empty();
      default:
        return OptionalLong.empty();
    }
  }

  /** The {@code .debug_info} offset a reference attribute points at, or empty. */
  OptionalLong reference(Attribute a) {
    if (a == null) {
      return OptionalLong.empty();
    }
    switch (a.form()) {
      case Dw.FORM_REF1, Dw.FORM_REF2, Dw.FORM_REF4, Dw.FORM_REF8, Dw.FORM_REF_UDATA:
        return OptionalLong.of(offset + a.value());
      case Dw.FORM_REF_ADDR:
        return OptionalLong.of(a.value());
      default:
        return OptionalLong.empty();
    }
  }

  /** The unit's base address: {@code DW_AT_low_pc} (or {@code entry_pc}) of the unit DIE. */
  OptionalLong baseAddress() throws DwarfException {
    return address(unitDie().find(Dw.AT_LOW_PC, Dw.AT_ENTRY_PC));
  }

  /**
   * The address ranges of {@code die}, {@code {low, high}} each, as LLVM's {@code
   * DWARFDie::getAddressRanges} gives them: {@code low_pc}/{@code high_pc} (none if {@code low_pc}
   * is the tombstone), else {@code DW_AT_ranges}, else none.
   */
  List<long[]> ranges(Die die) throws DwarfException {
    OptionalLong low = address(die.find(Dw.AT_LOW_PC));
    if (low.isPresent() && low.getAsLong() != Dw.tombstone(addressSize)) {
      Attribute highAttr = die.find(Dw.AT_HIGH_PC);
      OptionalLong high = address(highAttr);
      if (high.isEmpty()) {
        OptionalLong length = unsignedConstant(highAttr);
        if (length.isPresent()) {
          high = OptionalLong.of(low.getAsLong() + length.getAsLong());
        }
      }
      if (high.isPresent()) {
        return List.of(new long[] {low.getAsLong(), high.getAsLong()});
      }
    }
    Attribute ranges = die.find(Dw.AT_RANGES);
    OptionalLong at = sectionOffset(ranges);
    if (at.isEmpty()) {
      return List.of();
    }
    return RangeLists.read(this, ranges.form() == Dw.FORM_RNGLISTX, at.getAsLong());
  }

  /** {@code DW_AT_rnglists_base} of the unit DIE, or 0. */
  long rangesBase() throws DwarfException {
    return sectionOffset(unitDie().find(Dw.AT_RNGLISTS_BASE)).orElse(0);
  }

  boolean isDwarf64() {
    return dwarf64;
  }

  @Override
  public String toString() {
    return "unit at 0x" + Long.toHexString(offset);
  }
}
