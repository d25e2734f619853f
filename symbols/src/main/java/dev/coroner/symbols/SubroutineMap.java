package dev.coroner.symbols;

import java.util.Map;
import java.util.TreeMap;

/**
 * For one unit, which subprogram or inlined subroutine DIE is the innermost one at each address.
 * Built as LLVM's {@code DWARFUnit::updateAddressDieMap} builds it, so that lookups agree with
 * llvm-symbolizer: DIEs are visited parents first, each range is entered over what is already
 * there, splitting the entry it falls into; empty ranges are ignored.
 */
final class SubroutineMap {

  /** One entry: from its key (inclusive) to {@code high} (exclusive), {@code die}. */
  private record Span(long high, Die die) {}

  private final TreeMap<Long, Span> spans;

  private SubroutineMap(TreeMap<Long, Span> spans) {
    this.spans = spans;
  }

  static SubroutineMap build(Unit unit) throws DwarfException {
    TreeMap<Long, Span> map = new TreeMap<>(Long::compareUnsigned);
    for (Die die : unit.dies()) { // pre-order: parents before their children
      if (!die.isSubroutine()) {
        continue;
      }
      for (long[] range : unit.ranges(die)) {
        long low = range[0];
        long high = range[1];
        if (low == high) {
          continue;
        }
        Map.Entry<Long, Span> below = map.floorEntry(low);
        if (below != null && Long.compareUnsigned(low, below.getValue().high()) < 0) {
          // The new range starts inside an existing one: split that one around it.
          Span existing = below.getValue();
          if (Long.compareUnsigned(high, existing.high()) < 0) {
            map.put(high, existing);
          }
          if (Long.compareUnsigned(low, below.getKey()) > 0) {
            map.put(below.getKey(), new Span(low, existing.die()));
          }
        }
        map.put(low, new Span(high, die));
      }
    }
    return new SubroutineMap(map);
  }

  /** The DIE whose span holds {@code address}, or null. */
  Die find(long address) {
    Map.Entry<Long, Span> e = spans.floorEntry(address);
    if (e == null || Long.compareUnsigned(address, e.getValue().high()) >= 0) {
      return null;
    }
    return e.getValue().die();
  }
}
