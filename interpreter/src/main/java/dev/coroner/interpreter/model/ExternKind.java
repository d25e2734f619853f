package dev.coroner.interpreter.model;

/** Import/export kinds, as their binary codes. */
public final class ExternKind {
  public static final int FUNC = 0;
  public static final int TABLE = 1;
  public static final int MEMORY = 2;
  public static final int GLOBAL = 3;

  private ExternKind() {}

  public static String name(int kind) {
    switch (kind) {
      case FUNC: return "function";
      case TABLE: return "table";
      case MEMORY: return "memory";
      case GLOBAL: return "global";
      default: return "kind " + kind;
    }
  }
}
