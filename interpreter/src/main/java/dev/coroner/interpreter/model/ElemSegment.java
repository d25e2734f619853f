package dev.coroner.interpreter.model;

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
public record ElemSegment(int mode, int table, ConstExpr offset, int elemType, List<ConstExpr> items) {
  public static final int ACTIVE = 0;
  public static final int PASSIVE = 1;
  public static final int DECLARATIVE = 2;
}
