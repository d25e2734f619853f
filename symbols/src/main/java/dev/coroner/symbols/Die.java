package dev.coroner.symbols;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One debugging information entry: its unit, offset in {@code .debug_info}, tag, parent, children
 * and every attribute as read (types, locations and the rest included, for consumers beyond
 * backtraces). Built only by {@link DieParser}; immutable once the unit's tree is complete.
 */
final class Die {

  private final Unit unit;
  private final long offset;
  private final int tag;
  private final Die parent;
  private final Attribute[] attributes;
  private List<Die> children = List.of();
  /** What {@link InlinedChain} derives from this DIE for every frame it appears in, once. */
  private Object frameInfo;

  Die(Unit unit, long offset, int tag, Die parent, Attribute[] attributes) {
    this.unit = unit;
    this.offset = offset;
    this.tag = tag;
    this.parent = parent;
    this.attributes = attributes;
  }

  Unit unit() {
    return unit;
  }

  long offset() {
    return offset;
  }

  int tag() {
    return tag;
  }

  /** The parent DIE, or null for the unit DIE. */
  Die parent() {
    return parent;
  }

  List<Die> children() {
    return Collections.unmodifiableList(children);
  }

  void addChild(Die child) {
    if (children.isEmpty()) {
      children = new ArrayList<>(4);
    }
    children.add(child);
  }

  /** The first attribute named {@code name}, or null. */
  Attribute find(int name) {
    for (Attribute a : attributes) {
      if (a.name() == name) {
        return a;
      }
    }
    return null;
  }

  /** The first of {@code names} (in that order of preference) that this DIE has, or null. */
  Attribute find(int... names) {
    for (int name : names) {
      Attribute a = find(name);
      if (a != null) {
        return a;
      }
    }
    return null;
  }

  List<Attribute> attributes() {
    return List.of(attributes);
  }

  Object frameInfo() {
    return frameInfo;
  }

  void frameInfo(Object info) {
    frameInfo = info;
  }

  boolean isSubprogram() {
    return tag == Dw.TAG_SUBPROGRAM;
  }

  boolean isSubroutine() {
    return tag == Dw.TAG_SUBPROGRAM || tag == Dw.TAG_INLINED_SUBROUTINE;
  }

  @Override
  public String toString() {
    return "DIE 0x" + Long.toHexString(offset) + " tag 0x" + Integer.toHexString(tag);
  }
}
