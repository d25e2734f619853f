package dev.coroner.symbols;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which unit covers an address, from each unit DIE's ranges (there is no {@code .debug_aranges}
 * in the modules wasm-ld writes). Built as LLVM's {@code DWARFDebugAranges} builds it, so that
 * overlapping units resolve the same way: a sweep over range endpoints, where a stretch covered by
 * several units goes to the one that already covered the stretch before it, else to the unit with
 * the lowest offset.
 *
 * <p>A unit whose DIE or ranges cannot be read is left out and its error kept: an address that no
 * readable unit covers may belong to it, so {@link #unitFor} then reports that error.
 */
final class UnitIndex {

  private final long[] lows;
  private final long[] highs;
  private final Unit[] owners;
  private final DwarfException firstError;

  private UnitIndex(List<long[]> spans, List<Unit> owners, DwarfException firstError) {
    int n = spans.size();
    this.lows = new long[n];
    this.highs = new long[n];
    this.owners = owners.toArray(new Unit[0]);
    for (int i = 0; i < n; i++) {
      lows[i] = spans.get(i)[0];
      highs[i] = spans.get(i)[1];
    }
    this.firstError = firstError;
  }

  /**
   * The unit covering {@code address}, or null if none does.
   *
   * @throws DwarfException if none does and some unit could not be read
   */
  Unit unitFor(long address) throws DwarfException {
    int lo = 0;
    int hi = lows.length;
    while (lo < hi) { // first span starting above the address
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(lows[mid], address) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int i = lo - 1;
    if (i >= 0 && Long.compareUnsigned(address, highs[i]) < 0) {
      return owners[i];
    }
    if (firstError != null) {
      throw firstError;
    }
    return null;
  }

  static UnitIndex build(List<Unit> units, DwarfException unitsError) {
    DwarfException firstError = unitsError;
    List<long[]> endpoints = new ArrayList<>(); // {address, unit index, 1 = start / 0 = end}
    for (int u = 0; u < units.size(); u++) {
      Unit unit = units.get(u);
      if (unit.isTypeUnit()) {
        continue;
      }
      try {
        for (long[] r : unit.ranges(unit.unitDie())) {
          if (Long.compareUnsigned(r[0], r[1]) < 0) {
            endpoints.add(new long[] {r[0], u, 1});
            endpoints.add(new long[] {r[1], u, 0});
          }
        }
      } catch (DwarfException e) {
        if (firstError == null) {
          firstError = e;
        }
      }
    }
    endpoints.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
    List<long[]> spans = new ArrayList<>();
    List<Unit> owners = new ArrayList<>();
    List<Integer> ownerIndices = new ArrayList<>();
    TreeMap<Integer, Integer> valid = new TreeMap<>(); // unit index -> how many of its ranges
    long previous = -1L;
    for (long[] e : endpoints) {
      long address = e[0];
      if (Long.compareUnsigned(previous, address) < 0 && !valid.isEmpty()) {
        int last = spans.size() - 1;
        if (last >= 0 && spans.get(last)[1] == previous
            && valid.containsKey(ownerIndices.get(last))) {
          spans.get(last)[1] = address;
        } else {
          spans.add(new long[] {previous, address});
          owners.add(units.get(valid.firstKey()));
          ownerIndices.add(valid.firstKey());
        }
      }
      int unit = (int) e[1];
      if (e[2] == 1) {
        valid.merge(unit, 1, Integer::sum);
      } else {
        valid.computeIfPresent(unit, (k, v) -> v == 1 ? null : v - 1);
      }
      previous = address;
    }
    return new UnitIndex(spans, owners, firstError);
  }
}
