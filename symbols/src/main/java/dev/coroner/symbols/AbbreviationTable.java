package dev.coroner.symbols;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The abbreviation declarations of one unit, read from {@code .debug_abbrev} at the unit's offset
 * up to the terminating code 0. Codes are usually 1, 2, 3...; those are kept in an array, others
 * in a map. A repeated code keeps its first declaration.
 */
final class AbbreviationTable {

  private final Abbreviation[] dense;
  private final Map<Long, Abbreviation> sparse;

  private AbbreviationTable(Abbreviation[] dense, Map<Long, Abbreviation> sparse) {
    this.dense = dense;
    this.sparse = sparse;
  }

  /** The declaration for {@code code}, or null. */
  Abbreviation get(long code) {
    if (code > 0 && code <= dense.length) {
      return dense[(int) code - 1];
    }
    return sparse.get(code);
  }

  static AbbreviationTable read(SectionInput in, long offset) throws DwarfException {
    in.seek(offset, "abbreviation table offset");
    List<Abbreviation> dense = new ArrayList<>();
    Map<Long, Abbreviation> sparse = new HashMap<>();
    while (true) {
      long codeAt = in.offset();
      long code = in.uleb("abbreviation code");
      if (code == 0) {
        break;
      }
      long tag = in.uleb("abbreviation tag");
      int children = in.u8("abbreviation children flag");
      List<long[]> specs = new ArrayList<>();
      while (true) {
        long name = in.uleb("attribute name");
        long form = in.uleb("attribute form");
        if (name == 0 && form == 0) {
          break;
        }
        long implicit = form == Dw.FORM_IMPLICIT_CONST ? in.sleb("implicit constant") : 0;
        specs.add(new long[] {name, form, implicit});
      }
      int[] names = new int[specs.size()];
      int[] forms = new int[specs.size()];
      long[] implicitConst = new long[specs.size()];
      for (int i = 0; i < specs.size(); i++) {
        names[i] = clamp(specs.get(i)[0]);
        forms[i] = clamp(specs.get(i)[1]);
        implicitConst[i] = specs.get(i)[2];
      }
      Abbreviation a = new Abbreviation(clamp(tag), children != 0, names, forms, implicitConst);
      if (code == dense.size() + 1 && sparse.isEmpty()) {
        dense.add(a);
      } else if (get(dense, code) == null) {
        sparse.putIfAbsent(code, a);
      }
      if (codeAt == in.offset()) {
        throw in.error("abbreviation declaration made no progress");
      }
    }
    return new AbbreviationTable(dense.toArray(new Abbreviation[0]), sparse);
  }

  private static Abbreviation get(List<Abbreviation> dense, long code) {
    return code > 0 && code <= dense.size() ? dense.get((int) code - 1) : null;
  }

  /** Names, tags and forms beyond int range are unknown values anyway; keep them unknown. */
  private static int clamp(long v) {
    return v < 0 || v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
  }
}
