package dev.coroner.symbols;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a unit's DIEs into a tree, without recursion (nesting depth is the input's to choose):
 * every DIE consumes at least its abbreviation code's byte, so the loop ends with the unit.
 */
final class DieParser {

  private DieParser() {}

  /**
   * Reads the DIEs of {@code unit} in {@code in} (bounded to the unit), in pre-order (which is
   * offset order). With {@code unitDieOnly}, reads the first DIE alone.
   */
  static List<Die> parse(Unit unit, SectionInput in, AbbreviationTable abbrevs,
      boolean unitDieOnly) throws DwarfException {
    List<Die> all = new ArrayList<>();
    Deque<Die> parents = new ArrayDeque<>();
    Forms.Encoding enc = unit.encoding();
    in.seek(unit.firstDieOffset(), "first DIE offset");
    while (!in.atEnd()) {
      long at = in.offset();
      long code = in.uleb("abbreviation code");
      if (code == 0) {
        if (parents.isEmpty()) {
          if (all.isEmpty()) {
            throw in.error(at, "unit has a null entry where its unit DIE should be");
          }
          break; // padding after a unit DIE without children
        }
        parents.pop();
        if (parents.isEmpty()) {
          break; // the unit DIE's children are complete
        }
        continue;
      }
      Abbreviation a = abbrevs.get(code);
      if (a == null) {
        throw in.error(at, "DIE uses abbreviation code " + Long.toUnsignedString(code)
            + ", which the unit's abbreviation table (at 0x"
            + Long.toHexString(unit.abbrevOffset()) + " in .debug_abbrev) does not declare");
      }
      Attribute[] attributes = new Attribute[a.names().length];
      for (int i = 0; i < attributes.length; i++) {
        attributes[i] = Forms.read(in, a.names()[i], a.forms()[i], a.implicitConst()[i], enc);
      }
      Die parent = parents.peek();
      Die die = new Die(unit, at, a.tag(), parent, attributes);
      if (parent != null) {
        parent.addChild(die);
      }
      all.add(die);
      if (unitDieOnly || (parent == null && !a.hasChildren())) {
        break;
      }
      if (a.hasChildren()) {
        parents.push(die);
      }
    }
    if (all.isEmpty()) {
      throw in.error("unit has no DIE");
    }
    return all;
  }
}
