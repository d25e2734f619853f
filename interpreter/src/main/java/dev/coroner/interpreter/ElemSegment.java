package dev.coroner.interpreter;

import java.util.List;

/**
 * An element segment.
 *
 * @param mode {@link #ACTIVE}, {@link #PASSIVE} or {@link #DECLARATIVE}
 * @param table the table index (active segments)
 * @param offset the offset expression (active segments), else null
 * @param elemType the reference type of the elements
 * @param items one constant expression per element
 */
record ElemSegment(int mode, int table, ConstExpr offset, int elemType, List<ConstExpr> items) {
  static final int ACTIVE = 0;
  static final int PASSIVE = 1;
  static final int DECLARATIVE = 2;
}
