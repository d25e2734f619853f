package dev.coroner.interpreter.spec;

import dev.coroner.interpreter.script.ScriptAction;
import dev.coroner.interpreter.script.ScriptValue;
import java.util.List;

/**
 * One command of a converted spec script, in the test's own terms (mapped from the wast2json
 * model).
 *
 * @param kind the wast2json command type ({@code module}, {@code assert_return}, ...)
 * @param line source line in the .wast file
 * @param moduleBytes module bytes, for module and module assertions (null for text modules)
 * @param textModule true when the module is in text format ({@code module quote} etc.)
 * @param name the module's script name ({@code $M}) or the registered module's name, or null
 * @param as the name to register under
 * @param action the action, or null
 * @param getAction true for a {@code get} action, false for {@code invoke}
 * @param expected expected results (assert_return), each null-able for "any non-null reference"
 * @param text the expected message
 */
record SpecCommand(
    String kind,
    int line,
    byte[] moduleBytes,
    boolean textModule,
    String name,
    String as,
    ScriptAction action,
    boolean getAction,
    List<Expected> expected,
    String text) {

  /** An expected result value: exact bits, or a NaN class, or any non-null reference. */
  record Expected(int type, long bits, NanKind nan, boolean anyRef) {
    static Expected exact(ScriptValue v) {
      return new Expected(v.type(), v.bits(), NanKind.NONE, false);
    }
  }

  enum NanKind { NONE, CANONICAL, ARITHMETIC }
}
