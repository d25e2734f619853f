package dev.coroner.symbols;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Address range lists: DWARF 4's {@code .debug_ranges} (pairs of addresses; an all-ones start
 * selects a new base; 0, 0 ends the list) and DWARF 5's {@code .debug_rnglists} ({@code DW_RLE_*}
 * entries, reached by offset or by {@code DW_FORM_rnglistx} index through the unit's offset
 * table). Ranges of code the linker removed (a tombstone start or base) are dropped, as LLVM
 * does. Every list ends within its section: each entry consumes at least one byte.
 */
final class RangeLists {

  private RangeLists() {}

  /**
   * The ranges of the list at {@code value}: a section offset, or with {@code indexed} an index
   * into the unit's range list offsets.
   */
  static List<long[]> read(Unit unit, boolean indexed, long value) throws DwarfException {
    if (unit.version() <= 4) {
      return readV4(unit, unit.rangesBase() + value);
    }
    SectionInput in = unit.dwarf().section(".debug_rnglists");
    long offset = indexed ? indexedOffset(unit, in, value) : value;
    if (offset < 0 || offset >= in.end()) {
      throw in.error(Math.max(0, Math.min(offset, in.end())), "range list offset 0x"
          + Long.toHexString(offset) + " is outside .debug_rnglists");
    }
    in.seek(offset, "range list");
    return readV5(unit, in);
  }

  private static long indexedOffset(Unit unit, SectionInput in, long index)
      throws DwarfException {
    long base = unit.rangesBase();
    int size = unit.isDwarf64() ? 8 : 4;
    // The offsets follow the table's header; its offset_entry_count bounds the index.
    int headerSize = unit.isDwarf64() ? 20 : 12;
    if (base < headerSize || base > in.end()) {
      throw in.error(Math.max(0, Math.min(base, in.end())), "DW_AT_rnglists_base 0x"
          + Long.toHexString(base) + " does not follow a range list table header");
    }
    in.seek(base - 4, "range list offset entry count");
    long count = in.u32("range list offset entry count");
    if (index < 0 || Long.compareUnsigned(index, count) >= 0) {
      throw in.error(base - 4, "range list index " + Long.toUnsignedString(index)
          + " is not below the table's offset entry count " + count);
    }
    if (index > (in.end() - base) / size - 1) {
      throw in.error(base, "range list index " + Long.toUnsignedString(index)
          + " is past the end of .debug_rnglists");
    }
    in.seek(base + index * size, "range list offset");
    return base + in.fixed(size, "range list offset");
  }

  private static List<long[]> readV4(Unit unit, long offset) throws DwarfException {
    SectionInput in = unit.dwarf().section(".debug_ranges");
    if (offset < 0 || offset >= in.end()) {
      throw in.error(Math.max(0, Math.min(offset, in.end())), "range list offset 0x"
          + Long.toHexString(offset) + " is outside .debug_ranges");
    }
    in.seek(offset, "range list");
    int size = unit.addressSize();
    long selection = Dw.tombstone(size);
    long tombstone = selection - 1; // all ones selects a base, so the tombstone is all ones - 1
    OptionalLong base = unit.baseAddress();
    List<long[]> out = new ArrayList<>();
    while (true) {
      long start = in.address(size, "range start");
      long end = in.address(size, "range end");
      if (start == 0 && end == 0) {
        return out;
      }
      if (start == selection) {
        base = OptionalLong.of(end);
        continue;
      }
      if (start == tombstone) {
        continue;
      }
      if (base.isPresent()) {
        if (base.getAsLong() == tombstone) {
          continue;
        }
        start += base.getAsLong();
        end += base.getAsLong();
      }
      out.add(new long[] {start, end});
    }
  }

  private static List<long[]> readV5(Unit unit, SectionInput in) throws DwarfException {
    int size = unit.addressSize();
    long tombstone = Dw.tombstone(size);
    OptionalLong base = unit.baseAddress();
    List<long[]> out = new ArrayList<>();
    while (true) {
      long at = in.offset();
      int kind = in.u8("range list entry kind");
      long low;
      long high;
      switch (kind) {
        case Dw.RLE_END_OF_LIST:
          return out;
        case Dw.RLE_BASE_ADDRESSX: {
          long index = in.uleb("base address index");
          OptionalLong pooled = unit.pooledAddress(index);
          base = pooled.isPresent() ? pooled : OptionalLong.of(index);
          continue;
        }
        case Dw.RLE_BASE_ADDRESS:
          base = OptionalLong.of(in.address(size, "base address"));
          continue;
        case Dw.RLE_STARTX_ENDX:
          low = unit.pooledAddress(in.uleb("start index")).orElse(0);
          high = unit.pooledAddress(in.uleb("end index")).orElse(0);
          break;
        case Dw.RLE_STARTX_LENGTH:
          low = unit.pooledAddress(in.uleb("start index")).orElse(0);
          high = low + in.uleb("length");
          break;
        case Dw.RLE_OFFSET_PAIR:
          low = in.uleb("start offset");
          high = in.uleb("end offset");
          if (base.isPresent()) {
            if (base.getAsLong() == tombstone) {
              continue;
            }
            low += base.getAsLong();
            high += base.getAsLong();
          }
          break;
        case Dw.RLE_START_END:
          low = in.address(size, "start");
          high = in.address(size, "end");
          break;
        case Dw.RLE_START_LENGTH:
          low = in.address(size, "start");
          high = low + in.uleb("length");
          break;
        default:
          throw in.error(at, "unknown range list entry kind 0x" + Integer.toHexString(kind));
      }
      if (low == tombstone) {
        continue;
      }
      out.add(new long[] {low, high});
    }
  }
}
